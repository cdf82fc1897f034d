import { Testing } from 'cdk8s';
import { Autoscaler, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedServer, SeldonDeployment, SeldonProtocol } from '../../src';
import { isTfServingProxy, storageInitializerTarget } from '../../src/v1/storage-initializer-target';

// What a JavaScript caller can pass that TypeScript would refuse.
const js = <T>(value: unknown) => value as T;
const component = (props: object = {}) => PredictiveUnit.component(js({ name: 'c', unitType: PredictiveUnitType.MODEL, image: 'me/c:1', ...props }));

/** The message a SeldonDeployment with one predictor (`predictor` over a default one) gives, or '' when it builds and synthesizes. */
function messageOf(predictor: object): string {
  try {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'sdep', { predictors: [js({ name: 'default', graph: component(), ...predictor })] });
    Testing.synth(chart);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

// The hand-written shape checks of predictor-pod.ts, unit-container-settings.ts and separate-pods.ts were deleted:
// the boundary check (src/k8s/prop-check.ts) refuses each of these values first, with the construct path and what is accepted.
describe('wrong shapes of pod props are refused by the boundary check first', () => {
  test.each([
    ['sidecars that are no list', { sidecars: 'server' }, /^SeldonDeployment 'test\/sdep': predictors\[0\]\.sidecars is a string "server"; accepted: an array whose elements are each a k8s\.Container object with name/],
    ['a sidecar that is no object', { sidecars: [5] }, /^SeldonDeployment 'test\/sdep': predictors\[0\]\.sidecars\[0\] is the number 5; accepted: a k8s\.Container object with name/],
    ['volumes that are no list', { volumes: {} }, /^SeldonDeployment 'test\/sdep': predictors\[0\]\.volumes is a plain object; accepted: an array whose elements are each a Volume from Volume\.fromAwsElasticBlockStore\(\)/],
    ['a containerOrder that is no list', { containerOrder: 'c' }, /^SeldonDeployment 'test\/sdep': predictors\[0\]\.containerOrder is a string "c"; accepted: an array whose elements are each a string/],
    ['a containerOrder entry that is no string', { containerOrder: [5] }, /^SeldonDeployment 'test\/sdep': predictors\[0\]\.containerOrder\[0\] is the number 5; accepted: a string/],
    ['separatePods that are no list', { separatePods: 'c' }, /^SeldonDeployment 'test\/sdep': predictors\[0\]\.separatePods is a string "c"; accepted: an array whose elements are each a SeparatePodProps object with nodes/],
    ['a separate pod without nodes', { separatePods: [{}] }, /^SeldonDeployment 'test\/sdep': predictors\[0\]\.separatePods\[0\]\.nodes is missing; accepted: an array whose elements are each a string/],
    ['a separate pod whose nodes are no list', { separatePods: [{ nodes: 'c' }] }, /^SeldonDeployment 'test\/sdep': predictors\[0\]\.separatePods\[0\]\.nodes is a string "c"; accepted: an array whose elements are each a string/],
    ['a separate pod autoscaler that is a plain object', { separatePods: [{ nodes: ['c'], autoscaler: { minReplicas: 1 } }] },
      /^SeldonDeployment 'test\/sdep': predictors\[0\]\.separatePods\[0\]\.autoscaler is a plain object; accepted: an Autoscaler from Autoscaler\.cpuUtilization\(\)/],
    ['node volumeMounts that are no list', { graph: component({ volumeMounts: 'scratch' }) },
      /^SeldonDeployment 'test\/sdep': predictors\[0\]\.graph \(PredictiveUnit\.component\(\) props\.volumeMounts\) is a string "scratch"; accepted: an array whose elements are each a VolumeMount object with path, volume/],
    ['node envFrom that is no list', { graph: component({ envFrom: {} }) },
      /^SeldonDeployment 'test\/sdep': predictors\[0\]\.graph \(PredictiveUnit\.component\(\) props\.envFrom\) is a plain object; accepted: an array whose elements are each an EnvFrom from Env\.fromConfigMap\(\)/],
    ['node ports that are no list', { graph: component({ ports: 7000 }) },
      /^SeldonDeployment 'test\/sdep': predictors\[0\]\.graph \(PredictiveUnit\.component\(\) props\.ports\) is the number 7000; accepted: an array whose elements are each a ContainerPort object with number/],
    ['a node security context that is no object', { graph: component({ securityContext: 'restricted' }) },
      /^SeldonDeployment 'test\/sdep': predictors\[0\]\.graph \(PredictiveUnit\.component\(\) props\.securityContext\) is a string "restricted"; accepted: a ContainerSecurityContextProps/],
    ['a node security context flag that is no boolean', { graph: component({ securityContext: { privileged: 'no' } }) },
      /^SeldonDeployment 'test\/sdep': predictors\[0\]\.graph \(PredictiveUnit\.component\(\) props\.securityContext\.privileged\) is a string "no"; accepted: true or false/],
  ])('%s', (_, predictor, error) => {
    const message = messageOf(predictor);
    expect(message).toMatch(error);
    // one sentence per problem: no second, hand-written one
    expect(message.split('\n')).toHaveLength(1);
  });

  test('the value checks beside them still speak: a negative user id, an empty separate pod', () => {
    expect(messageOf({ graph: component({ securityContext: { user: -1 } }) })).toMatch(/predictors\[0\]\.graph\.securityContext\.user -1 is not a user or group id; a whole number from 0/);
    expect(messageOf({ separatePods: [{ nodes: [] }] })).toMatch(/predictors\[0\]\.separatePods\[0\]\.nodes \[\] names no node/);
  });

  test('an Autoscaler the boundary accepts by name and public members, but without the library\'s internals, is still reported (kept)', () => {
    const Fake = { Autoscaler: class { public readonly kind = 'hpa'; } }.Autoscaler;
    expect(messageOf({ separatePods: [{ nodes: ['c'], autoscaler: new Fake() }] })).toMatch(/separatePods\[0\]\.autoscaler \{"kind":"hpa"\} is not an Autoscaler/);
    expect(messageOf({ autoscaler: new Fake() })).toMatch(/predictors\[0\]\.autoscaler \{"kind":"hpa"\} is not an Autoscaler/);
  });

  test('replicas beside an autoscaler: one rule for the predictor and a separate pod (predictor-deployment-checks.ts autoscalerProblems)', () => {
    const scaler = Autoscaler.cpuUtilization({ minReplicas: 1, maxReplicas: 3, targetPercent: 80 });
    const graph = component({ resources: undefined, children: [PredictiveUnit.component({ name: 'd', unitType: PredictiveUnitType.MODEL, image: 'me/d:1' })] });
    const message = messageOf({ graph, replicas: 2, autoscaler: scaler, separatePods: [{ nodes: ['d'], replicas: 2, autoscaler: scaler }] });
    expect(message).toMatch(/predictors\[0\]\.replicas 2 is ignored by the operator when the predictor has an autoscaler; leave replicas unset/);
    expect(message).toMatch(/predictors\[0\]\.separatePods\[0\]\.replicas 2 is ignored by the operator when the pod has an autoscaler; leave replicas unset/);
  });
});

describe('the storage initializer\'s container (src/v1/storage-initializer-target.ts, model_initializer_injector.go)', () => {
  const iris = ModelUri.gcs('seldon-models', 'sklearn/iris');
  test('every prepackaged node and any node with a modelUri; tfserving for a TensorFlow Serving proxy; none for others', () => {
    expect(storageInitializerTarget(PredictiveUnit.prepackaged({ name: 'sk', server: PrepackagedServer.SKLEARN, modelUri: iris })._spec)).toBe('sk');
    expect(storageInitializerTarget(component()._spec)).toBeUndefined();
    // component() declares no modelUri; the spec a node with one would have (the operator's rule is per node)
    expect(storageInitializerTarget({ ...component()._spec, modelUri: iris })).toBe('c');
    const tf = PredictiveUnit.prepackaged({ name: 'tf', server: PrepackagedServer.TENSORFLOW, modelUri: iris })._spec;
    expect(isTfServingProxy(tf, SeldonProtocol.SELDON)).toBe(true);
    expect(storageInitializerTarget(tf, SeldonProtocol.SELDON)).toBe('tfserving');
    expect(storageInitializerTarget(tf, SeldonProtocol.TENSORFLOW)).toBe('tf');
  });
});
