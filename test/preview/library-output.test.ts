import { Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { Autoscaler, DisruptionBudget, KedaTrigger, ModelUri, PrepackagedModel, PrepackagedServer } from '../../src';
import { Json } from '../../src/k8s/json';
import { previewObjects } from '../../src/preview';

/** The library's manifests, then what the operators build from them. */
function preview(build: (chart: ReturnType<typeof Testing.chart>) => void): Json[] {
  const chart = Testing.chart();
  build(chart);
  const result = previewObjects(Testing.synth(chart));
  expect(result.problems).toEqual([]);
  return result.objects;
}
const kinds = (objects: Json[]) => objects.map(o => `${o.kind}/${o.metadata.name}`);

describe('the library\'s autoscalers and budgets reach the Deployments the operator creates (controller.go createHpa, createKeda, createPdb)', () => {
  test.each([false, true])('HPA and PDB, explicit mode %s', explicit => {
    const objects = preview(chart => new PrepackagedModel(chart, 'iris', {
      metadata: { name: 'iris', namespace: 'models' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
      explicitStorageInitializer: explicit,
      resources: { cpu: { request: Cpu.millis(200) } },
      autoscaler: Autoscaler.cpuUtilization({ targetPercent: 70, minReplicas: 2, maxReplicas: 5 }),
      disruptionBudget: DisruptionBudget.minAvailable(1),
    }));
    expect(kinds(objects)).toEqual([
      'Deployment/iris-default-0-classifier', 'Service/iris-default-classifier', 'Service/iris-default',
      'HorizontalPodAutoscaler/iris-default-0-classifier', 'PodDisruptionBudget/iris-default-0-classifier',
    ]);
    expect(objects[0].spec.replicas).toBeUndefined();
    expect(objects[3].spec).toMatchObject({ minReplicas: 2, maxReplicas: 5, scaleTargetRef: { kind: 'Deployment', name: 'iris-default-0-classifier' } });
    // the HPA computes utilisation from the server container's request, which reaches the pod in both modes
    expect(objects[0].spec.template.spec.containers[0].resources.requests.cpu).toBe('200m');
    expect(objects[4].spec.selector).toEqual({ matchLabels: { 'seldon-deployment-id': 'iris' } });
  });

  test('KEDA on Prometheus: a ScaledObject on the Deployment', () => {
    const objects = preview(chart => new PrepackagedModel(chart, 'iris', {
      metadata: { name: 'iris', namespace: 'models' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
      autoscaler: Autoscaler.keda({ maxReplicaCount: 4, triggers: [KedaTrigger.prometheus({ serverAddress: 'http://prometheus:9090', query: 'sum(rate(x[1m]))', threshold: 10 })] }),
    }));
    const scaled = objects.find(o => o.kind === 'ScaledObject')!;
    expect(scaled.apiVersion).toBe('keda.sh/v1alpha1');
    expect(scaled.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'iris-default-0-classifier' });
    expect(scaled.spec.maxReplicaCount).toBe(4);
    expect(scaled.spec.triggers[0].type).toBe('prometheus');
  });
});
