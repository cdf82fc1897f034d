/**
 * Every known difference between what the operator builds from explicit
 * mode and from default mode, with its reason. Two kinds:
 * - `explicit-mode defect`: explicit mode does not yet declare what the
 *   operator would build (issue 15); each entry goes when it is fixed (the
 *   matrix fails on an entry no case needs any more);
 * - `by design`: the operator's own behaviour, where explicit mode is right
 *   to differ (or Seldon's difference is harmless).
 */
import { FidelityCase } from './fidelity-cases';
import { SeldonProtocol } from '../../src';

export interface DocumentedDifference {
  readonly id: string;
  readonly kind: 'explicit-mode defect' | 'by design';
  readonly reason: string;
  /** Whether this entry explains the difference `line` of case `c`. */
  readonly explains: (c: FidelityCase, line: string) => boolean;
}

const MLSERVER = ['SKLEARN_SERVER', 'XGBOOST_SERVER', 'MLFLOW_SERVER', 'HUGGINGFACE_SERVER', 'TEMPO_SERVER'];
const v2 = (c: FidelityCase) => c.protocol === SeldonProtocol.V2 || c.protocol === SeldonProtocol.KFSERVING;
/** Servers that get user parameters under the seldon protocol in the matrix (see userParameters). */
const SELDON_WITH_PARAMETERS = ['SKLEARN_SERVER', 'MLFLOW_SERVER', 'TENSORFLOW_SERVER'];
/** A node of the case that has parameters under the seldon protocol. */
const trapped = (c: FidelityCase, line: string) => c.protocol === SeldonProtocol.SELDON
  && ((SELDON_WITH_PARAMETERS.includes(c.server) && / of (container )?[mnab]\b/.test(line)) || / of (container )?tf\b/.test(line));

export const DOCUMENTED_DIFFERENCES: DocumentedDifference[] = [
  {
    id: 'setenvvar-wipe',
    kind: 'explicit-mode defect',
    reason: 'explicit mode declares PREDICTIVE_UNIT_PARAMETERS and keeps the node\'s parameters; the operator\'s '
      + 'SetEnvVar(override=false) then returns an empty list (controller.go addModelEnvs, operator/utils/utils.go): '
      + 'the container loses the user\'s env, model_uri and the port variables (SELDON-FACTS §1.6.1)',
    explains: (c, line) => trapped(c, line) && (/^env [A-Z_]+ of container [a-z]+: default .* explicit \(none\)$/.test(line) || /^dropped (env|parameter) /.test(line)),
  },
  {
    id: 'mlserver-ports-probes',
    kind: 'explicit-mode defect',
    reason: 'the operator replaces an MLServer container\'s ports with [grpc, http] (no metrics port) and its probe handlers '
      + 'with httpGet /v2/health/ready and /v2/health/live (mlserver.go mergeMLServerContainer); explicit mode declares '
      + 'no implementation, so the container keeps the metrics port and TCP probes',
    explains: (c, line) => MLSERVER.includes(c.server) && v2(c) && /^(ports|readinessProbe|livenessProbe) of container /.test(line),
  },
  {
    id: 'triton-metrics-port',
    kind: 'explicit-mode defect',
    reason: 'the operator always replaces a Triton container\'s ports with [grpc, http] (prepackaged_servers.go addTritonServer); '
      + 'explicit mode\'s container keeps the metrics port the defaulting added',
    explains: (c, line) => c.server === 'TRITON_SERVER' && /^ports of container /.test(line),
  },
  {
    id: 'tfserving-shifts-ports',
    kind: 'explicit-mode defect',
    reason: 'explicit mode declares the tfserving container next to the proxy, so the operator numbers the next node\'s ports one '
      + 'higher (defaults.go numbers every container of the componentSpec), orders the containers differently and the '
      + 'executor, Services and probes follow',
    explains: (c, line) => c.shape === 'TF proxy + another'
      && (/^(containers|services|executor graph):/.test(line) || /^(ports|readinessProbe|livenessProbe) of container m:/.test(line)
        || /^env (PREDICTIVE_UNIT_SERVICE_PORT|PREDICTIVE_UNIT_HTTP_SERVICE_PORT|PREDICTIVE_UNIT_GRPC_SERVICE_PORT|MLSERVER_HTTP_PORT|MLSERVER_GRPC_PORT) of container m:/.test(line)),
  },
  {
    id: 'tfserving-renames-deployment',
    kind: 'explicit-mode defect',
    reason: 'the Deployment is named after the componentSpec\'s containers (seldondeployment_types.go GetDeploymentName); '
      + 'explicit mode declares tfserving there, default mode\'s tfserving is added later',
    explains: (c, line) => ((c.server === 'TENSORFLOW_SERVER' && c.protocol === SeldonProtocol.SELDON) || c.shape === 'TF proxy + another')
      && /^deployment names:/.test(line),
  },
  {
    id: 'mlserver-model-uri-env',
    kind: 'by design',
    reason: 'the operator sets MLSERVER_MODEL_URI=/mnt/models on every container of a node with a modelUri (controller.go '
      + 'addModelEnvs); explicit nodes carry no modelUri, and only MLServer reads the variable, where explicit mode declares it',
    explains: (c, line) => !(MLSERVER.includes(c.server) && v2(c)) && /^env MLSERVER_MODEL_URI of container [a-z]+: default \/mnt\/models explicit \(none\)$/.test(line),
  },
  {
    id: 'tensorflow-image-env',
    kind: 'by design',
    reason: 'under the tensorflow protocol the operator writes PREDICTIVE_UNIT_IMAGE before it fills the image, so default mode '
      + 'gets an empty value (controller.go createContainerService runs before addTFServerContainer); explicit mode\'s is the image',
    explains: (c, line) => c.protocol === SeldonProtocol.TENSORFLOW && /^env PREDICTIVE_UNIT_IMAGE of container [a-z]+: default  explicit tensorflow\/serving:2\.1\.0$/.test(line),
  },
  {
    id: 'pvc-volume-twice',
    kind: 'by design',
    reason: 'with two pvc:// nodes in one pod the operator adds a volume named kfserving-pvc-source for each '
      + '(model_initializer_injector.go): Kubernetes rejects default mode\'s Deployment; explicit mode declares it once',
    explains: (c, line) => c.uri === 'pvc' && c.shape !== 'one node' && /^volumes: default .*"kfserving-pvc-source".*"kfserving-pvc-source"/.test(line),
  },
  {
    id: 'one-tfserving-per-pod',
    kind: 'by design',
    reason: 'explicit mode refuses two TENSORFLOW_SERVER nodes under the seldon protocol in one predictor: in default mode the '
      + 'operator finds the first node\'s tfserving container for the second and injects no second initializer '
      + '(prepackaged_servers.go addTFServerContainer), so only the first model is served',
    explains: (c, line) => c.server === 'TENSORFLOW_SERVER' && c.protocol === SeldonProtocol.SELDON && line.startsWith('explicit mode refuses:'),
  },
];
