import { Testing } from 'cdk8s';
import { Node, NodeLabelQuery, Topology } from 'cdk8s-plus-27';
import { ModelUri, Pipeline, PrepackagedModel, PrepackagedServer, SeldonDeployment } from '../../src';
import { methodsChecked } from '../../src/k8s/method-check';
import { PodPlacement } from '../../src/k8s/pod-placement';
import { PodSettings } from '../../src/k8s/pod-settings';

// What a JavaScript or jsii-language caller can pass where TypeScript would refuse.
const js = <T>(value: unknown) => value as T;
const model = () => {
  const chart = Testing.chart();
  return new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris') });
};

describe('arguments of public methods and value-class constructors are checked like props (src/k8s/method-check.ts)', () => {
  test('the classes are wrapped', () => {
    for (const cls of [PodPlacement, PodSettings, SeldonDeployment, Pipeline]) expect(methodsChecked(cls)).toBe(true);
  });
  test.each([
    ['predictorPod(42)', (m: PrepackagedModel) => m.predictorPod(js(42)), /^PrepackagedModel 'test\/iris': predictorPod\(\) predictorName is the number 42; accepted: a string$/],
    ['separatePod("default", "0")', (m: PrepackagedModel) => m.separatePod('default', js('0')), /^PrepackagedModel 'test\/iris': separatePod\("default"\) index is a string "0"; accepted: a finite number$/],
    ['scheduling.spread(null)', (m: PrepackagedModel) => m.predictorPod('default').scheduling.spread(js(null)), /^PrepackagedModel 'test\/iris': scheduling\.spread\(\) options is null; /],
    ['scheduling.spread("zone")', (m: PrepackagedModel) => m.predictorPod('default').scheduling.spread(js('zone')), /^PrepackagedModel 'test\/iris': scheduling\.spread\(\) options is a string "zone"; /],
    ['scheduling.attract(42)', (m: PrepackagedModel) => m.predictorPod('default').scheduling.attract(js(42)), /^PrepackagedModel 'test\/iris': scheduling\.attract\(\) node is the number 42; accepted: a LabeledNode/],
    ['addImagePullSecret(42)', (m: PrepackagedModel) => m.predictorPod('default').addImagePullSecret(js(42)), /^PrepackagedModel 'test\/iris': addImagePullSecret\(\) secret is a number \(not shown: it may be a credential\); accepted: an ISecret/],
  ])('%s: the house-format error naming the method and argument, never a TypeError', (_, call, error) => {
    const m = model();
    let thrown: unknown;
    try {
      call(m);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toMatch(error);
  });
  test('right arguments still work and reach the manifest', () => {
    const m = model();
    m.predictorPod('default').scheduling.spread({ topology: Topology.ZONE });
    m.predictorPod('default').scheduling.attract(Node.labeled(NodeLabelQuery.is('pool', 'gpu')), { weight: 50 });
    const sdep = Testing.synth(m.node.scope as never).find((o: { kind: string }) => o.kind === 'SeldonDeployment');
    const spec = sdep.spec.predictors[0].componentSpecs[0].spec;
    // cdk8s-plus renders spread as pod anti-affinity over the topology key.
    expect(spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('topology.kubernetes.io/zone');
    expect(spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight).toBe(50);
  });
  test('a construct method: Pipeline.findStep with an object', () => {
    const pipeline = new Pipeline(Testing.chart(), 'p');
    expect(() => pipeline.findStep(js({}))).toThrow(/^Pipeline 'test\/p': findStep\(\) name is a plain object; accepted: a string$/);
  });
  test('constructors: a wrong owner or kind is reported, not a TypeError', () => {
    const chart = Testing.chart();
    expect(() => new PodSettings(js(42), 'Kind')).toThrow(/^Kind '\(no construct\)': new PodSettings\(\) owner is the number 42; accepted: an IConstruct/);
    expect(() => new PodPlacement(chart, js(5))).toThrow(/^PodPlacement 'test': new PodPlacement\(\) kind is the number 5; accepted: a string$/);
    expect(() => new PodSettings(chart, 'Kind', js({ podLabels: 3 }))).toThrow(/^Kind 'test': new PodSettings\(\) props\.podLabels is the number 3; /);
  });
});
