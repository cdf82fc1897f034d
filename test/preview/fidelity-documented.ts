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

export const DOCUMENTED_DIFFERENCES: DocumentedDifference[] = [
  {
    id: 'metrics-port-kept',
    kind: 'by design',
    reason: 'the operator\'s defaulting appends a metrics port to every graph container (defaults.go addMetricsPortAndIncrement); '
      + 'its MLServer and Triton paths then replace the ports with [grpc, http] (mlserver.go, prepackaged_servers.go addTritonServer), '
      + 'which needs the implementation explicit mode does not declare: explicit mode declares [grpc, http] and the unused metrics port stays',
    explains: (c, line) => ((MLSERVER.includes(c.server) && v2(c)) || c.server === 'TRITON_SERVER')
      && /^ports of container [a-z]+: default ((?!metrics).)* explicit .*"name":"metrics"/.test(line),
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
      + '(model_initializer_injector.go): Kubernetes would reject default mode\'s Deployment, so the library refuses it; explicit mode declares it once',
    explains: (c, line) => c.uri === 'pvc' && c.shape !== 'one node' && /^default mode refuses: .* has 2 pvc:\/\/ nodes in the predictor's pod; the operator adds a volume named kfserving-pvc-source/.test(line),
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
