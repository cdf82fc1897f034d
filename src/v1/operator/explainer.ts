/**
 * The explainer Deployment and Service the v1 operator builds for a
 * predictor with an `explainer` (operator/controllers/seldondeployment_explainers.go@v1.18.2
 * `createExplainer`; mlserver.go `getAlibiExplainEnvVars`). Ambassador
 * annotations and Istio objects (operator environment flags) are not modelled.
 */
import { addRoleLabels, createDeployment, createPredictorService } from './deployment';
import { injectModelInitializer } from './model-initializer';
import { LABELS, explainerDeploymentName } from './names';
import { Json, V1OperatorConfig } from './operator-config';
import { STORAGE_INITIALIZER } from '../operator-defaults';

/** mlserver.go `ExplainerTypeToMLServerExplainerType`. */
const MLSERVER_EXPLAINER_TYPES: Readonly<Record<string, string>> = {
  AnchorTabular: 'anchor_tabular',
  AnchorImages: 'anchor_image',
  AnchorText: 'anchor_text',
  Counterfactuals: 'counterfactuals',
  Contrastive: 'contrastive',
  KernelShap: 'kernel_shap',
  IntegratedGradients: 'integrated_gradients',
  ALE: 'ALE',
  TreeShap: 'tree_shap',
};

/** The explainer's objects, or the reconcile error. */
export interface ExplainerObjects {
  readonly deployment?: Json;
  readonly service?: Json;
  readonly problem?: string;
}

/** Where the explainer reaches the predictor: its Service's `host:port` for http and grpc (controller.go `serviceDetails`). */
export interface PredictorEndpoints {
  readonly http: string;
  readonly grpc: string;
}

/** `getAlibiExplainEnvVars`: the MLServer alibi-explain runtime's variables (v2 protocol). */
function alibiExplainEnv(port: number, modelName: string, type: string, endpoint: string, graphName: string,
  initParameters: string | undefined): Json[] | string {
  const tag = MLSERVER_EXPLAINER_TYPES[type];
  if (tag === undefined) return `${type} not supported`;
  // Built as text, as the operator does: initParameters go in verbatim.
  const extra = `{"explainer_type":"${tag}","infer_uri":"http://${endpoint}/v2/models/${graphName}/infer"${initParameters ? `,"init_parameters":${initParameters}` : ''}}`;
  return [
    { name: 'MLSERVER_HTTP_PORT', value: String(port) },
    { name: 'MLSERVER_MODEL_IMPLEMENTATION', value: 'mlserver_alibi_explain.AlibiExplainRuntime' },
    { name: 'MLSERVER_MODEL_NAME', value: modelName },
    { name: 'MLSERVER_MODEL_URI', value: STORAGE_INITIALIZER.modelsPath },
    { name: 'MLSERVER_MODEL_EXTRA', value: extra },
  ];
}

/** `createExplainer` for one predictor of a defaulted SeldonDeployment; undefined without an explainer type. */
export function createExplainer(sdep: Json, predictor: Json, id: string, predictorService: string, endpoints: PredictorEndpoints,
  config: V1OperatorConfig): ExplainerObjects | undefined {
  const explainer: Json | undefined = predictor.explainer;
  if (!explainer?.type) return undefined;
  const name = explainerDeploymentName(sdep.metadata.name, predictor.name);
  const container: Json = structuredClone(explainer.containerSpec ?? {});
  container.name ||= name;
  container.imagePullPolicy ||= 'IfNotPresent';
  predictor.graph.endpoint ??= { type: 'REST' };
  const sdepProtocol = sdep.spec?.protocol;
  const protocol = sdepProtocol === 'tensorflow' ? 'tensorflow' : sdepProtocol === 'kfserving' || sdepProtocol === 'v2' ? 'v2' : 'seldon';
  container.image ||= protocol === 'v2' ? config.explainerImageV2 : config.explainerImage;

  // Explainers take http only; the port comes from endpoint.service_port, or a port named http.
  const servicePort = explainer.endpoint?.service_port;
  let port: number = servicePort ? servicePort : 9000;
  const httpPort = port;
  let portName = 'http';
  const grpc = sdep.spec?.transport === 'grpc' || explainer.endpoint?.type === 'GRPC';
  const endpoint = grpc ? endpoints.grpc : endpoints.http;
  const custom = (container.ports ?? []).find((p: Json) => p.name === portName);
  if (custom) {
    port = custom.containerPort;
    portName = custom.name;
  } else {
    container.ports = [...(container.ports ?? []), { name: portName, containerPort: port, protocol: 'TCP' }];
  }
  const probe = (initialDelaySeconds: number, failureThreshold: number) =>
    ({ tcpSocket: { port: portName }, initialDelaySeconds, periodSeconds: 5, successThreshold: 1, failureThreshold, timeoutSeconds: 1 });
  container.livenessProbe ??= probe(60, 5);
  container.readinessProbe ??= probe(20, 7);
  container.lifecycle ??= { preStop: { exec: { command: ['/bin/sh', '-c', '/bin/sleep 10'] } } };

  if (protocol === 'v2') {
    const env = alibiExplainEnv(port, container.name, explainer.type, endpoint, predictor.graph.name, explainer.initParameters);
    if (typeof env === 'string') return { problem: env };
    container.env = env;
  } else {
    container.args = [
      `--model_name=${predictor.graph.name}`,
      `--predictor_host=${endpoint}`,
      `--protocol=${protocol}.${grpc ? 'grpc' : 'http'}`,
      `--http_port=${port}`,
      ...(explainer.modelUri ? [`--storage_uri=${STORAGE_INITIALIZER.modelsPath}`] : []),
      explainer.type,
      ...(explainer.type === 'AnchorImages' ? ['--tf_data_type=float32'] : []),
      ...Object.keys(explainer.config ?? {}).sort().map(k => {
        const value = String(explainer.config[k]);
        // Files under the model location are downloaded by the initializer.
        return `--${k}=${explainer.modelUri ? value.replace(explainer.modelUri, STORAGE_INITIALIZER.modelsPath) : value}`;
      }),
    ];
  }

  const deployment = createDeployment(name, id, { spec: { containers: [container] } }, predictor, sdep, config, false);
  if (predictor.replicas === 0) deployment.spec.replicas = 0;
  else if (predictor.replicas === undefined && sdep.spec?.replicas === 0) deployment.spec.replicas = 0;
  else if (explainer.replicas !== undefined) deployment.spec.replicas = explainer.replicas;
  if (explainer.modelUri) {
    const problem = injectModelInitializer(deployment, {
      containerName: container.name,
      modelUri: explainer.modelUri,
      envSecretRefName: explainer.envSecretRefName || config.defaultEnvSecretRefName,
      storageInitializerImage: explainer.storageInitializerImage,
    }, config);
    if (problem) return { problem };
  }
  if (explainer.serviceAccountName) deployment.spec.template.spec.serviceAccountName = explainer.serviceAccountName;
  addRoleLabels([deployment.metadata.labels, deployment.spec.template.metadata.labels], undefined, predictor);
  deployment.metadata.labels[LABELS.seldonApp] = name;
  deployment.spec.template.metadata.labels[LABELS.seldonApp] = name;

  // The explainer's Service has the Deployment's name and carries the predictor's seldon-app label.
  const service = createPredictorService(name, id, predictor, sdep, httpPort, 0);
  service.metadata.labels[LABELS.seldonApp] = predictorService;
  addRoleLabels([service.metadata.labels], undefined, predictor);
  return { deployment, service };
}
