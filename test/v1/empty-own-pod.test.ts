import { Testing } from 'cdk8s';
import { Cpu, Node, NodeLabelQuery, NodeTaintQuery, Secret } from 'cdk8s-plus-27';
import { BuiltInImplementation, ModelUri, PredictiveUnit, PredictiveUnitType, PredictorProps, PrepackagedModel, PrepackagedServer, SeldonDeployment } from '../../src';

const component = (name: string, children: PredictiveUnit[] = []) => PredictiveUnit.component({
  name, unitType: children.length ? PredictiveUnitType.TRANSFORMER : PredictiveUnitType.MODEL, image: `me/${name}:1`, resources: { cpu: { request: Cpu.millis(250) } }, children,
});

function deployment(predictor: Omit<PredictorProps, 'name'>, annotations?: { [key: string]: string }) {
  const chart = Testing.chart();
  const sdep = new SeldonDeployment(chart, 'g', { separateEnginePod: annotations ? undefined : true, predictors: [{ name: 'default', annotations, ...predictor } as PredictorProps] });
  return { chart, sdep, synth: () => Testing.synth(chart).find(o => o.kind === 'SeldonDeployment')! };
}

const LOST = (field: string, what: string) => new RegExp(`\\[test/g\\] SeldonDeployment 'test/g': predictors\\[0\\]\\.${field} .*so the predictor's own pod \\(componentSpecs\\[0\\]\\) has none, `
  + `and the operator makes no Deployment, autoscaler or disruption budget for a componentSpec without containers \\(seldondeployment_controller.go createComponents\\): its ${what} would be lost;`);

// seldondeployment_controller.go@v1.18.2 createComponents skips a componentSpec without containers ("if no container spec
// then nothing to create at this point") and createEngineDeployment (seldondeployment_engine.go) copies nothing of it:
// what predictorPod() sets after construction on that componentSpec reaches no pod.
describe('settings made later on a predictor\'s own pod that keeps no container', () => {
  const everyNodeSeparate = { graph: component('model'), separatePods: [{ nodes: ['model'] }] };

  test('placement through scheduling is refused at synth', () => {
    const { sdep, synth } = deployment(everyNodeSeparate);
    sdep.predictorPod('default').scheduling.attract(Node.labeled(NodeLabelQuery.is('accelerator', 'a100')));
    sdep.predictorPod('default').scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present')));
    expect(synth).toThrow(LOST('separatePods take every node that runs a container,', 'affinity, tolerations set through predictorPod\\("default"\\)'));
    expect(synth).toThrow(/; at least one node that runs a container in the predictor's own pod, or these settings on the separate pods/);
  });

  test('an image pull Secret added later is refused at synth', () => {
    const { chart, sdep, synth } = deployment(everyNodeSeparate);
    sdep.predictorPod('default').addImagePullSecret(Secret.fromSecretName(chart, 'pull', 'registry'));
    expect(synth).toThrow(LOST('separatePods', 'imagePullSecrets set through predictorPod\\("default"\\)'));
  });

  test('a setting made before the separate pod is touched is refused all the same', () => {
    const { chart, sdep, synth } = deployment({ graph: component('t', [component('model')]), separatePods: [{ nodes: ['t'] }, { nodes: ['model'] }] });
    sdep.predictorPod('default').addImagePullSecret(Secret.fromSecretName(chart, 'pull', 'registry'));
    sdep.separatePod('default', 1).scheduling.attract(Node.labeled(NodeLabelQuery.is('accelerator', 'a100')));
    sdep.separatePod('default', 0).addImagePullSecret(Secret.fromSecretName(chart, 'pull2', 'registry'));
    expect(synth).toThrow(LOST('separatePods', 'imagePullSecrets set through predictorPod\\("default"\\)'));
  });

  test('with no-engine and a graph of built-ins only, the graph is named (the pod settings made on first use)', () => {
    const graph = PredictiveUnit.builtIn({ name: 'm', implementation: BuiltInImplementation.SIMPLE_MODEL });
    const { sdep, synth } = deployment({ graph }, { 'seldon.io/no-engine': 'true' });
    sdep.predictorPod('default').scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present')));
    expect(synth).toThrow(/predictors\[0\]\.graph has no node that runs a container, .*its tolerations set through predictorPod\("default"\) would be lost; a component or prepackaged node in the graph, or no tolerations set through predictorPod\("default"\)$/m);
  });

  test('the settings on the separate pod, or on a pod that keeps a container, are written', () => {
    const separate = deployment(everyNodeSeparate);
    separate.sdep.separatePod('default', 0).scheduling.attract(Node.labeled(NodeLabelQuery.is('accelerator', 'a100')));
    separate.sdep.separatePod('default', 0).addImagePullSecret(Secret.fromSecretName(separate.chart, 'pull', 'registry'));
    separate.sdep.predictorPod('default');
    const specs = separate.synth().spec.predictors[0].componentSpecs;
    expect(specs[1].spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect(specs[1].spec.affinity).toBeDefined();
    expect(specs[0].spec.affinity).toBeUndefined();

    const kept = deployment({ graph: component('t', [component('model')]), separatePods: [{ nodes: ['model'] }] });
    kept.sdep.predictorPod('default').scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present')));
    kept.sdep.predictorPod('default').addImagePullSecret(Secret.fromSecretName(kept.chart, 'pull', 'registry'));
    const own = kept.synth().spec.predictors[0].componentSpecs[0].spec;
    expect(own.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect(own.tolerations).toEqual([expect.objectContaining({ key: 'nvidia.com/gpu' })]);
  });

  test('a sidecar keeps the predictor\'s pod, so its settings are written', () => {
    const sidecar = { name: 'proxy', image: 'me/proxy:1' };
    const { chart, sdep, synth } = deployment({ ...everyNodeSeparate, sidecars: [sidecar] });
    sdep.predictorPod('default').addImagePullSecret(Secret.fromSecretName(chart, 'pull', 'registry'));
    expect(synth().spec.predictors[0].componentSpecs[0].spec.imagePullSecrets).toEqual([{ name: 'registry' }]);
  });
});

// The predictor's own pod settings are checked by PodSettings, which names a field with the prefix it is given.
describe('a predictor\'s pod settings in messages', () => {
  test('are named by the predictor\'s path in a SeldonDeployment, and by the prop in a PrepackagedModel', () => {
    expect(() => deployment({ graph: component('model'), priorityClassName: '' }))
      .toThrow(/SeldonDeployment 'test\/g': predictors\[0\]\.priorityClassName "" is not a PriorityClass name/);
    const chart = Testing.chart();
    expect(() => new PrepackagedModel(chart, 'p', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('b', 'iris'), priorityClassName: '' }))
      .toThrow(/PrepackagedModel 'test\/p': priorityClassName "" is not a PriorityClass name/);
  });
});
