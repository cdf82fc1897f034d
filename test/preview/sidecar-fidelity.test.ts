/**
 * Sidecars, pod volumes, container order and a node's mounts come out of the
 * operator alike in default and explicit storage-initializer mode: the
 * operator numbers every container's ports by its position, sidecars
 * included (defaults.go), and explicit mode declares the node's server on
 * the ports the operator would give it (both previewed with src/v1/operator).
 */
import { Testing } from 'cdk8s';
import { EmptyDirMedium, Volume } from 'cdk8s-plus-27';
import { previewDifferences } from './fidelity-compare';
import { ModelUri, PredictiveUnit, PrepackagedServer, SeldonDeployment, SeldonProtocol } from '../../src';
import { Json } from '../../src/k8s/json';
import { previewSeldonDeployment } from '../../src/v1/operator';

function synth(explicit: boolean): Json {
  const chart = Testing.chart();
  new SeldonDeployment(chart, 'iris', {
    metadata: { name: 'iris', namespace: 'models' },
    protocol: SeldonProtocol.V2,
    explicitStorageInitializer: explicit,
    predictors: [{
      name: 'default',
      graph: PredictiveUnit.prepackaged({
        name: 'classifier',
        server: PrepackagedServer.SKLEARN,
        modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
        volumeMounts: [{ volume: Volume.fromEmptyDir(chart, 'shm', 'dshm', { medium: EmptyDirMedium.MEMORY }), path: '/dev/shm' }],
      }),
      sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] }],
      volumes: [Volume.fromEmptyDir(chart, 'logs', 'logs')],
      containerOrder: ['log-shipper'],
    }],
  });
  return Testing.synth(chart).find(o => o.kind === 'SeldonDeployment');
}

test('a sidecar listed before a prepackaged node: the operator builds the same pod from both modes, the node on the second position\'s ports', () => {
  const byDefault = previewSeldonDeployment(synth(false));
  const byExplicit = previewSeldonDeployment(synth(true));
  expect(byDefault.problems).toEqual([]);
  expect(byExplicit.problems).toEqual([]);
  const pod = (objects: Json[]) => objects.find(o => o.kind === 'Deployment' && !o.metadata.name.includes('svc-orch'))!.spec.template.spec;
  const d = pod(byDefault.objects);
  expect(d.containers.map((c: Json) => c.name)).toEqual(['log-shipper', 'classifier', 'seldon-container-engine']);
  // The node is the pod's second container: 9001 (defaults.go numbers the sidecar's position too).
  expect(d.containers[1].ports.find((p: Json) => p.name === 'http')!.containerPort).toBe(9001);
  expect(d.volumes.map((v: Json) => v.name)).toEqual(expect.arrayContaining(['logs', 'dshm', 'seldon-podinfo', 'classifier-provision-location']));
  const differences = previewDifferences(byDefault.objects, byExplicit.objects);
  // The one difference is explicit mode's unused metrics port (fidelity-documented.ts 'metrics-port-kept'), as in the fidelity matrix.
  expect(differences.filter(l => !/^ports of container classifier: default ((?!metrics).)* explicit .*"name":"metrics"/.test(l))).toEqual([]);
  expect(pod(byExplicit.objects).containers[1].ports.find((p: Json) => p.name === 'http')!.containerPort).toBe(9001);
});
