/**
 * How the Seldon Core v1 operator is configured when installed with the Helm
 * chart's defaults (helm-charts/seldon-core-operator/values.yaml@v1.18.2 and
 * templates/deployment_seldon-controller-manager.yaml@v1.18.2, which turn the
 * values into the operator's environment). The image tables and storage
 * initializer settings come from `../operator-defaults`.
 */
import { Json } from '../../k8s/json';
import {
  DEFAULT_USER_ID, FIRST_GRPC_PORT, FIRST_HTTP_PORT, PREPACKAGED_SERVERS, SELDON_CORE_V1_VERSION, STORAGE_INITIALIZER,
} from '../operator-defaults';
import { ProtocolFamily } from '../protocol-family';

export type { Json };

/** The images of one `predictor_servers` entry, keyed by protocol (`seldon`, `v2`, `kfserving`, `tensorflow`). */
export type PredictorServerImages = { readonly [protocol: string]: string };

/** The settings of the operator the preview models. */
export interface V1OperatorConfig {
  /** `predictor_servers` of ConfigMap `seldon-config`, as the image each protocol resolves to. */
  readonly predictorServers: { readonly [implementation: string]: PredictorServerImages };
  /** `EXECUTOR_CONTAINER_IMAGE_AND_VERSION`. */
  readonly executorImage: string;
  /** `EXECUTOR_CONTAINER_USER`; the executor then runs as this uid without privilege escalation. */
  readonly executorUser?: number;
  /** `EXECUTOR_DEFAULT_*`: requests and limits of the executor without `svcOrchSpec.resources`. */
  readonly executorResources: Json;
  /** `EXECUTOR_SERVER_PORT` and the gRPC default. */
  readonly executorHttpPort: number;
  readonly executorGrpcPort: number;
  /** `EXECUTOR_PROMETHEUS_PATH`. */
  readonly prometheusPath: string;
  readonly requestLoggerEndpoint: string;
  readonly requestLoggerWorkQueueSize: string;
  readonly requestLoggerWriteTimeoutMs: string;
  readonly fullHealthChecks: boolean;
  /** `EXECUTOR_CONTAINER_IMAGE_PULL_POLICY`. */
  readonly executorPullPolicy: string;
  /** `DEFAULT_USER_ID`: the pod's `runAsUser` when the pod sets no security context. */
  readonly defaultUserId?: number;
  /** `seldon-config` key `explainer`: `image` (seldon and tensorflow protocols) and `image_v2`. */
  readonly explainerImage: string;
  readonly explainerImageV2: string;
  /** `seldon-config` key `storageInitializer`: image and resources. */
  readonly storageInitializerImage: string;
  readonly storageInitializerResources: Json;
  /** `PREDICTIVE_UNIT_DEFAULT_ENV_SECRET_REF_NAME`. */
  readonly defaultEnvSecretRefName: string;
  /** First port numbers (`PREDICTIVE_UNIT_*_SERVICE_PORT` of the operator, constants.go). */
  readonly firstHttpPort: number;
  readonly firstGrpcPort: number;
  readonly firstMetricsPort: number;
  /** `PREDICTIVE_UNIT_METRICS_PORT_NAME`. */
  readonly metricsPortName: string;
}

const FAMILY_KEYS: Record<ProtocolFamily, string[]> = { seldon: ['seldon'], v2: ['v2'], tensorflow: ['tensorflow'] };

/** The library's image table (§1.3) as `predictor_servers`. */
function helmPredictorServers(): { [implementation: string]: PredictorServerImages } {
  const servers: { [implementation: string]: PredictorServerImages } = {};
  for (const [name, defaults] of Object.entries(PREPACKAGED_SERVERS)) {
    const images: { [protocol: string]: string } = {};
    for (const [family, protocol] of Object.entries(defaults.protocols)) {
      for (const key of FAMILY_KEYS[family as ProtocolFamily]) images[key] = protocol!.image;
    }
    servers[name] = images;
  }
  return servers;
}

/** `seldon-config` `storageInitializer` resources of the Helm chart, as a manifest holds them (§1.11). */
export function initializerResources(): Json {
  const r = STORAGE_INITIALIZER.resources;
  return {
    limits: { cpu: `${r.cpuLimit / 1000}`, memory: `${r.memoryLimitMi / 1024}Gi` },
    requests: { cpu: `${r.cpuRequest}m`, memory: `${r.memoryRequestMi}Mi` },
  };
}

/** The operator as the Helm chart installs it (SELDON-FACTS §1.3, §1.6.2, §1.11). */
export function helmOperatorConfig(): V1OperatorConfig {
  return {
    predictorServers: helmPredictorServers(),
    executorImage: `docker.io/seldonio/seldon-core-executor:${SELDON_CORE_V1_VERSION}`,
    executorUser: 8888,
    executorResources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    executorHttpPort: 8000,
    executorGrpcPort: 5001,
    prometheusPath: '/prometheus',
    requestLoggerEndpoint: 'http://default-broker',
    requestLoggerWorkQueueSize: '10000',
    requestLoggerWriteTimeoutMs: '2000',
    fullHealthChecks: false,
    executorPullPolicy: 'IfNotPresent',
    defaultUserId: DEFAULT_USER_ID,
    // helm-charts/seldon-core-operator/values.yaml explainer.image, explainer.image_v2
    explainerImage: `seldonio/alibiexplainer:${SELDON_CORE_V1_VERSION}`,
    explainerImageV2: 'seldonio/mlserver:1.3.5-alibi-explain',
    storageInitializerImage: STORAGE_INITIALIZER.image,
    storageInitializerResources: initializerResources(),
    defaultEnvSecretRefName: '',
    firstHttpPort: FIRST_HTTP_PORT,
    firstGrpcPort: FIRST_GRPC_PORT,
    firstMetricsPort: 6000,
    metricsPortName: 'metrics',
  };
}
