import { Testing } from 'cdk8s';
import { Volume } from 'cdk8s-plus-27';
import { ModelUri, PredictiveUnit, PredictiveUnitType, PredictorProps, PrepackagedServer, SeldonDeployment } from '../../src';
import { Json } from '../../src/k8s/json';
import { previewSeldonDeployment } from '../../src/v1/operator';
import { bundledRegistry, CrdValidator } from '../../src/validation';

// A separate pod's sidecars and volumes (SeparatePodProps): the operator copies each componentSpec's pod spec into a
// Deployment of its own and keeps its containers and volumes as written (seldondeployment_controller.go createComponents,
// createDeploymentWithoutEngine), so they are checked by the predictor pod's rules, against that pod.

const component = (name: string, extra: object = {}) => PredictiveUnit.component({ name, unitType: PredictiveUnitType.MODEL, image: `me/${name}:1`, ...extra });
const graph = () => PredictiveUnit.component({ name: 'router', unitType: PredictiveUnitType.TRANSFORMER, image: 'me/router:1', children: [component('model')] });

function build(predictor: (chart: ReturnType<typeof Testing.chart>) => Partial<PredictorProps>) {
  const chart = Testing.chart();
  new SeldonDeployment(chart, 'sdep', { metadata: { name: 'sdep', namespace: 'models' }, predictors: [{ name: 'default', graph: graph(), ...predictor(chart) }] });
  return chart;
}
const sdepOf = (chart: ReturnType<typeof Testing.chart>) => Testing.synth(chart).find(o => o.kind === 'SeldonDeployment') as Json;
const messageOf = (predictor: (chart: ReturnType<typeof Testing.chart>) => Partial<PredictorProps>): string => {
  try {
    Testing.synth(build(predictor));
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('sidecars and volumes of a separate pod', () => {
  test('render after the pod\'s nodes, with the listed volumes; the predictor\'s own pod is unchanged; valid under the CRD, strictly', () => {
    const sdep = sdepOf(build(chart => ({
      sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30' }],
      separatePods: [{
        nodes: ['model'],
        sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] }],
        volumes: [Volume.fromEmptyDir(chart, 'logs', 'logs')],
      }],
    })));
    const specs = sdep.spec.predictors[0].componentSpecs;
    expect(specs[0].spec.containers.map((c: Json) => c.name)).toEqual(['router', 'proxy']);
    expect(specs[0].spec.volumes).toBeUndefined();
    expect(specs[1].spec.containers).toEqual([
      { name: 'model', image: 'me/model:1' },
      { name: 'log-shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] },
    ]);
    expect(specs[1].spec.volumes).toEqual([{ name: 'logs', emptyDir: {} }]);
    const errors = new CrdValidator(bundledRegistry(), { strict: true }).validateObject(sdep).errors;
    expect(errors).toEqual([]);
  });

  test('the operator builds the separate pod\'s Deployment with the sidecar and its volume (src/v1/operator preview)', () => {
    const preview = previewSeldonDeployment(sdepOf(build(chart => ({
      separatePods: [{ nodes: ['model'], sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] }], volumes: [Volume.fromEmptyDir(chart, 'logs', 'logs')] }],
    }))));
    expect(preview.problems).toEqual([]);
    const pods = preview.objects.filter(o => o.kind === 'Deployment').map(d => d.spec.template.spec);
    const pod = pods.find(s => s.containers.some((c: Json) => c.name === 'model'))!;
    expect(pod.containers.map((c: Json) => c.name)).toEqual(['model', 'log-shipper']);
    expect(pod.volumes.map((v: Json) => v.name)).toEqual(expect.arrayContaining(['logs', 'seldon-podinfo']));
    expect(pods.find(s => s.containers.some((c: Json) => c.name === 'router'))!.containers.map((c: Json) => c.name)).not.toContain('log-shipper');
  });

  test('are checked against their own pod: names, images, mounts and volume names', () => {
    const iris = ModelUri.gcs('seldon-models', 'sklearn/iris');
    const sidecar = (fields: object) => ({ separatePods: [{ nodes: ['model'], sidecars: [{ name: 's', image: 'me/s:1', ...fields }] }] });
    expect(messageOf(() => sidecar({ name: 'router' })))
      .toMatch(/predictors\[0\]\.separatePods\[0\]\.sidecars\[0\]\.name "router" is the name of a graph node; the operator would take the sidecar for the node's container/);
    expect(messageOf(() => sidecar({ image: undefined }))).toMatch(/predictors\[0\]\.separatePods\[0\]\.sidecars\[0\]\.image is missing; accepted: an image reference/);
    expect(messageOf(() => ({ separatePods: [{ nodes: ['model'], sidecars: [{ name: 's', image: 'me/s:1' }, { name: 's', image: 'me/s:2' }] }] })))
      .toMatch(/separatePods\[0\]\.sidecars\[1\]\.name "s" is repeated; each sidecar name once/);
    // A volume of the predictor's own pod is no volume of the separate pod.
    expect(messageOf(chart => ({ volumes: [Volume.fromEmptyDir(chart, 'logs', 'logs')], ...sidecar({ volumeMounts: [{ name: 'logs', mountPath: '/logs' }] }) })))
      .toMatch(/separatePods\[0\]\.sidecars\[0\]\.volumeMounts\[0\]\.name "logs" is no volume of the pod \(Kubernetes rejects the Deployment\)/);
    expect(messageOf(chart => ({ separatePods: [{ nodes: ['model'], volumes: [Volume.fromEmptyDir(chart, 'v', 'seldon-podinfo')] }] })))
      .toMatch(/separatePods\[0\]\.volumes\[0\] name "seldon-podinfo" is the name of the operator's downward API volume/);
    // The storage initializer of a prepackaged node in the separate pod is one of the containers the operator adds there.
    const prepackaged = PredictiveUnit.component({
      name: 'router',
      unitType: PredictiveUnitType.TRANSFORMER,
      image: 'me/router:1',
      children: [PredictiveUnit.prepackaged({ name: 'iris', server: PrepackagedServer.SKLEARN, modelUri: iris })],
    });
    expect(messageOf(() => ({ graph: prepackaged, separatePods: [{ nodes: ['iris'], sidecars: [{ name: 'iris-model-initializer', image: 'me/s:1' }] }] })))
      .toMatch(/separatePods\[0\]\.sidecars\[0\]\.name "iris-model-initializer" is the name of a storage initializer/);
    // The same name in the predictor's pod is no conflict: the containers are in different pods.
    expect(messageOf(() => ({ sidecars: [{ name: 's', image: 'me/s:1' }], separatePods: [{ nodes: ['model'], sidecars: [{ name: 's', image: 'me/s:1' }] }] }))).toBe('');
  });
});
