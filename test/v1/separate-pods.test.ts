import { Duration, Testing } from 'cdk8s';
import { Cpu, Node, NodeTaintQuery, Secret } from 'cdk8s-plus-27';
import { Autoscaler, DisruptionBudget, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedServer, SeldonDeployment } from '../../src';

const CPU = { cpu: { request: Cpu.millis(250) } };
const component = (name: string, children: PredictiveUnit[] = []) =>
  PredictiveUnit.component({ name, unitType: children.length ? PredictiveUnitType.TRANSFORMER : PredictiveUnitType.MODEL, image: 'me/node:1', resources: CPU, children });
const prepackaged = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris') });

function synth(build: (chart: ReturnType<typeof Testing.chart>) => void) {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
}

describe('separate pods of a predictor', () => {
  test('a separate pod has its own replicas or autoscaler and pod settings; the budget and executor stay in the first pod', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'g', {
      predictors: [{
        name: 'default',
        replicas: 2,
        disruptionBudget: DisruptionBudget.maxUnavailable(1),
        graph: component('transformer', [prepackaged('model'), component('other')]),
        separatePods: [
          {
            nodes: ['model'],
            autoscaler: Autoscaler.prometheus({ serverAddress: 'http://prometheus:9090', query: 'sum(rate(x[1m]))', threshold: 5, maxReplicaCount: 4 }),
            imagePullSecrets: [Secret.fromSecretName(chart, 'pull', 'registry')],
            terminationGracePeriod: Duration.seconds(60),
            podLabels: { tier: 'model' },
          },
          { nodes: ['other'], replicas: 3 },
        ],
      }],
    }));
    const [first, model, other] = sdep.spec.predictors[0].componentSpecs;
    expect(first.spec.containers.map((c: any) => c.name)).toEqual(['transformer']);
    expect(first.pdbSpec).toEqual({ maxUnavailable: 1 });
    // A prepackaged node gets a bare container there, which the operator completes in that pod.
    expect(model).toEqual({
      metadata: { labels: { tier: 'model' } },
      spec: { containers: [{ name: 'model' }], imagePullSecrets: [{ name: 'registry' }], terminationGracePeriodSeconds: 60 },
      kedaSpec: expect.objectContaining({ maxReplicaCount: 4 }),
    });
    expect(other).toEqual({ spec: { containers: [expect.objectContaining({ name: 'other', image: 'me/node:1' })] }, replicas: 3 });
    expect(sdep.spec.predictors[0].replicas).toBe(2);
  });

  test('with a separate executor pod every node may leave; the first componentSpec stays, empty', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'g', {
      separateEnginePod: true,
      predictors: [{ name: 'default', graph: component('model'), separatePods: [{ nodes: ['model'], replicas: 2 }] }],
    }));
    expect(sdep.spec.predictors[0].componentSpecs).toEqual([
      { spec: { containers: [] } },
      { spec: { containers: [expect.objectContaining({ name: 'model' })] }, replicas: 2 },
    ]);
  });

  test('a budget counts the pods of the separate pods', () => {
    const build = (maxReplicas: number) => () => synth(chart => new SeldonDeployment(chart, 'g', {
      predictors: [{
        name: 'default',
        disruptionBudget: DisruptionBudget.minAvailable(2),
        graph: component('transformer', [component('model')]),
        separatePods: [{ nodes: ['model'], autoscaler: Autoscaler.cpuUtilization({ targetPercent: 50, maxReplicas }) }],
      }],
    }));
    expect(build(1)).toThrow(/disruptionBudget requires minAvailable 2 of at most 2 pods/);
    expect(build(3)).not.toThrow();
  });

  test.each([
    ['an unknown node', { nodes: ['nope'] }, /separatePods\[0\]\.nodes\[0\] "nope" is not a node of the graph that runs a container; accepted: one of transformer, model/],
    ['no nodes', { nodes: [] }, /separatePods\[0\]\.nodes \[\] names no node/],
    ['replicas beside an autoscaler', { nodes: ['model'], replicas: 2, autoscaler: Autoscaler.cpuUtilization({ targetPercent: 50, maxReplicas: 3 }) },
      /separatePods\[0\]\.replicas 2 is ignored by the operator when the pod has an autoscaler/],
    ['every node with a container', { nodes: ['model', 'transformer'] }, /separatePods take every node that runs a container \(transformer, model\), leaving the executor no pod to join/],
  ])('%s is an error', (_, pod, error) => {
    expect(() => synth(chart => new SeldonDeployment(chart, 'g', {
      predictors: [{ name: 'default', graph: component('transformer', [component('model')]), separatePods: [pod as any] }],
    }))).toThrow(error);
  });

  test('a node in two pods is an error', () => {
    expect(() => synth(chart => new SeldonDeployment(chart, 'g', {
      predictors: [{ name: 'default', graph: component('transformer', [component('model')]), separatePods: [{ nodes: ['model'] }, { nodes: ['model'] }] }],
    }))).toThrow(/separatePods\[1\]\.nodes\[0\] "model" is also in separatePods\[0\]/);
    // a third time: still named as a repeat of the first pod, not of the second
    expect(() => synth(chart => new SeldonDeployment(chart, 'g', {
      predictors: [{ name: 'default', graph: component('transformer', [component('model')]), separatePods: [{ nodes: ['model'] }, { nodes: ['model'] }, { nodes: ['model'] }] }],
    }))).toThrow(/separatePods\[2\]\.nodes\[0\] "model" is also in separatePods\[0\]/);
  });

  test('a separate pod scaling on CPU needs CPU requests of its own nodes only', () => {
    const bare = PredictiveUnit.component({ name: 'model', unitType: PredictiveUnitType.MODEL, image: 'me/node:1' });
    const build = (nodes: string[]) => () => synth(chart => new SeldonDeployment(chart, 'g', {
      predictors: [{
        name: 'default',
        graph: component('transformer', [bare, component('other')]),
        separatePods: [{ nodes, autoscaler: Autoscaler.cpuUtilization({ targetPercent: 50, maxReplicas: 3 }) }],
      }],
    }));
    expect(build(['model'])).toThrow(/separatePods\[0\]\.autoscaler scales on cpu utilisation, but model requests no cpu/);
    expect(build(['other'])).not.toThrow();
  });

  test('explicit storage-initializer mode rejects separate pods', () => {
    expect(() => synth(chart => new SeldonDeployment(chart, 'g', {
      explicitStorageInitializer: true,
      predictors: [{ name: 'default', graph: component('transformer', [prepackaged('model')]), separatePods: [{ nodes: ['transformer'] }] }],
    }))).toThrow(/separatePods are set in explicit storage-initializer mode/);
  });
});

describe('placement of separate pods', () => {
  test('separatePod() places a separate pod; an unknown one is an error', () => {
    const chart = Testing.chart();
    const sdep = new SeldonDeployment(chart, 'g', {
      predictors: [{ name: 'default', graph: component('transformer', [component('model')]), separatePods: [{ nodes: ['model'] }] }],
    });
    sdep.separatePod('default', 0).scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present')));
    const [object] = Testing.synth(chart);
    expect(object.spec.predictors[0].componentSpecs[1].spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'present' }]);
    expect(object.spec.predictors[0].componentSpecs[0].spec.tolerations).toBeUndefined();
    expect(() => sdep.separatePod('default', 1)).toThrow(/separatePod\(\) "default" has no separate pod 1; accepted: one of default 0/);
  });
});
