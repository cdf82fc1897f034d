import { Volume } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import { ModelUri, PredictiveUnit, PredictiveUnitType, PredictorProps, PrepackagedServer, SeldonDeployment, UnitPodProps } from '../../src';

const node = (props: Partial<UnitPodProps> = {}) =>
  PredictiveUnit.component({ name: 'classifier', unitType: PredictiveUnitType.MODEL, image: 'seldonio/mock_classifier:1.5.0-dev', ...props });
const sdep = (input: string, predictor: (scope: Construct) => Partial<PredictorProps>, error: RegExp, fix: string): BadInput =>
  badInput('SeldonDeployment', 'graph', input, scope => {
    new SeldonDeployment(scope, 'graph', { predictors: [{ name: 'default', graph: node(), ...predictor(scope) }] });
  }, error, fix);

/** Bad inputs of a v1 predictor pod's sidecars, volumes, container order and node container settings (see bad-input.ts). */
export const V1_POD_CONTAINER_BAD_INPUTS: BadInput[] = [
  sdep('a sidecar named like a graph node', () => ({ sidecars: [{ name: 'classifier', image: 'tensorflow/serving:2.14.0' }] }),
    /sidecars\[0\]\.name "classifier" is the name of a graph node; the operator would take the sidecar for the node's container/,
    'Give the sidecar a name no node has, e.g. "classifier-server".'),
  sdep('a sidecar named like the TF Serving container the operator adds', () => ({
    graph: PredictiveUnit.prepackaged({ name: 'mnist', server: PrepackagedServer.TENSORFLOW, modelUri: ModelUri.gcs('seldon-models', 'tfserving/mnist-model') }),
    sidecars: [{ name: 'tfserving', image: 'tensorflow/serving:2.14.0' }],
  }), /sidecars\[0\]\.name "tfserving" is the name of the TensorFlow Serving container beside a TENSORFLOW_SERVER node/, 'Name the sidecar otherwise; the operator adds its own "tfserving" container.'),
  sdep('a sidecar without an image', () => ({ sidecars: [{ name: 'server' } as any] }),
    /sidecars\[0\]\.image is missing; accepted: an image reference/, 'Give the sidecar an image: Kubernetes requires one.'),
  sdep('a sidecar whose resources are plain strings', () => ({ sidecars: [{ name: 'server', image: 'me/server:1', resources: { limits: { cpu: '1' as any } } }] }),
    /sidecars\[0\]\.resources\.limits\.cpu is a string "1"; accepted: a k8s\.Quantity/, 'Write quantities as k8s.Quantity.fromString(\'1\').'),
  sdep('a sidecar mounting a volume the pod does not have', () => ({ sidecars: [{ name: 'server', image: 'me/server:1', volumeMounts: [{ name: 'models', mountPath: '/models' }] }] }),
    /sidecars\[0\]\.volumeMounts\[0\]\.name "models" is no volume of the pod/, 'Add the volume to the predictor\'s volumes.'),
  sdep('a pod volume named like the operator\'s downward API volume', scope => ({ volumes: [Volume.fromEmptyDir(scope, 'v', 'seldon-podinfo')] }),
    /volumes\[0\] name "seldon-podinfo" is the name of the operator's downward API volume/, 'Name the volume otherwise.'),
  sdep('two volumes of one name', scope => ({ volumes: [Volume.fromEmptyDir(scope, 'a', 'cache'), Volume.fromEmptyDir(scope, 'b', 'cache')] }),
    /volumes\[1\] name "cache" is also the name of another Volume of the pod/, 'Use one Volume per name, and pass the same Volume where it is shared.'),
  sdep('a containerOrder naming no container of the pod', () => ({ containerOrder: ['transformer'] }),
    /containerOrder\[0\] "transformer" is no container of the predictor's pod/, 'List the names of nodes that run a container in this pod, or of sidecars.'),
  sdep('a node mount on the operator\'s podinfo path', scope => ({ graph: node({ volumeMounts: [{ volume: Volume.fromEmptyDir(scope, 'v', 'info'), path: '/etc/podinfo' }] }) }),
    /graph\.volumeMounts\[0\]\.path "\/etc\/podinfo" is already the mount path of the operator's seldon-podinfo mount/, 'Mount the volume at another path.'),
  sdep('a node mount whose sub-path leaves the volume', scope => ({ graph: node({ volumeMounts: [{ volume: Volume.fromEmptyDir(scope, 'v', 'data'), path: '/data', subPath: '../etc' }] }) }),
    /graph\.volumeMounts\[0\]\.subPath "\.\.\/etc" is not a path inside the volume/, 'Write a relative path inside the volume, without ".." segments.'),
  sdep('a node port named http', () => ({ graph: node({ ports: [{ number: 7000, name: 'http' }] }) }),
    /graph\.ports\[0\]\.name "http" is a port name the operator looks up/, 'Set httpPort for the node\'s own port, or name the port otherwise.'),
  sdep('a node port of the executor', () => ({ graph: node({ ports: [{ number: 5001 }] }) }),
    /graph\.ports\[0\]\.number 5001 is taken by the executor/, 'Use a port other than 8000 and 5001.'),
  sdep('a node security context with a negative user', () => ({ graph: node({ securityContext: { user: -1 } }) }),
    /graph\.securityContext\.user -1 is not a user or group id/, 'Give a user id from 0.'),
  sdep('a node envFrom that is not an EnvFrom', () => ({ graph: node({ envFrom: [{ secretRef: { name: 'creds' } } as any] }) }),
    /graph \(PredictiveUnit\.component\(\) props\.envFrom\[0\]\) is a plain object; accepted: an EnvFrom/, 'Use Env.fromSecret(secret) or Env.fromConfigMap(configMap).'),
];
