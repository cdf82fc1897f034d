import { Volume } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import { BuiltInImplementation, PredictiveUnit, PredictiveUnitType, SeparatePodProps, SeldonDeployment } from '../../src';

const component = (name: string, extra: object = {}) => PredictiveUnit.component({ name, unitType: PredictiveUnitType.MODEL, image: `me/${name}:1`, ...extra });
const sdep = (input: string, pod: (scope: Construct) => Partial<SeparatePodProps>, error: RegExp, fix: string): BadInput =>
  badInput('SeldonDeployment', 'graph', input, scope => {
    new SeldonDeployment(scope, 'graph', {
      predictors: [{
        name: 'default',
        graph: component('router', { unitType: PredictiveUnitType.TRANSFORMER, children: [component('model')] }),
        separatePods: [{ nodes: ['model'], ...pod(scope) }],
      }],
    });
  }, error, fix);

/** Bad inputs of a v1 separate pod's sidecars and volumes (see bad-input.ts). */
export const V1_SEPARATE_POD_BAD_INPUTS: BadInput[] = [
  sdep('a separate pod sidecar named like a graph node', () => ({ sidecars: [{ name: 'router', image: 'me/router:2' }] }),
    /separatePods\[0\]\.sidecars\[0\]\.name "router" is the name of a graph node; the operator would take the sidecar for the node's container/,
    'Give the sidecar a name no node has.'),
  sdep('a separate pod sidecar mounting a volume of another pod', () => ({ sidecars: [{ name: 'shipper', image: 'me/shipper:1', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] }] }),
    /separatePods\[0\]\.sidecars\[0\]\.volumeMounts\[0\]\.name "logs" is no volume of the pod \(Kubernetes rejects the Deployment\)/,
    'Add the volume to the separate pod\'s volumes.'),
  sdep('a separate pod volume named like the operator\'s downward API volume', scope => ({ volumes: [Volume.fromEmptyDir(scope, 'v', 'seldon-podinfo')] }),
    /separatePods\[0\]\.volumes\[0\] name "seldon-podinfo" is the name of the operator's downward API volume/, 'Name the volume otherwise.'),
  badInput('SeldonDeployment', 'graph', 'a graph of built-in implementations alone, with the executor in the predictor\'s pod', scope => {
    new SeldonDeployment(scope, 'graph', { predictors: [{ name: 'default', graph: PredictiveUnit.builtIn({ name: 'm', implementation: BuiltInImplementation.SIMPLE_MODEL }) }] });
  }, /predictors\[0\]\.graph has no node that runs a container \(only built-in implementations\), so the operator finds no pod to run the executor in/,
  'Set separateEnginePod: true, or add a node that runs a container.'),
];
