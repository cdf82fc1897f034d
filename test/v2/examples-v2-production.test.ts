import { Chart, Testing } from 'cdk8s';
import { addV2ProductionExample } from '../../examples/v2-production';

describe('examples/v2-production.ts', () => {
  test('a namespace with its runtime, a GPU server on tainted nodes from a private registry, an autoscaled model', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'production', { namespace: 'ml-production' });
    addV2ProductionExample(chart);
    const objects = Testing.synth(chart);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'SeldonRuntime/seldon', 'Server/mlserver-gpu', 'Model/iris-gpu',
      'HorizontalPodAutoscaler/iris-gpu-rps', 'HorizontalPodAutoscaler/iris-gpu-rps-server',
    ]);
    expect(objects[3].spec.scaleTargetRef).toEqual({ apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', name: 'iris-gpu' });
    expect(objects[4].spec.scaleTargetRef).toEqual({ apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', name: 'mlserver-gpu' });
    expect(objects.every(o => o.metadata.namespace === 'ml-production')).toBe(true);

    const runtime = objects[0];
    expect(runtime.spec.seldonConfig).toBe('default');
    expect(runtime.spec.overrides).toContainEqual({ name: 'hodometer', disable: true });

    const pod = objects[1].spec.podSpec;
    expect(pod.imagePullSecrets).toEqual([{ name: 'registry-creds' }]);
    expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' }]);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
      .toEqual([{ key: 'nvidia.com/gpu.present', operator: 'In', values: ['true'] }]);
    expect(pod.containers[0].image).toBe('registry.example.com/seldonio/mlserver:1.7.1');
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);

    // An HPA drives replicas: both objects render spec.replicas, neither Seldon's own bounds.
    for (const scaled of [objects[1], objects[2]]) {
      expect(scaled.spec.replicas).toBe(1);
      expect(scaled.spec.minReplicas).toBeUndefined();
      expect(scaled.spec.maxReplicas).toBeUndefined();
    }
    for (const hpa of objects.slice(3)) {
      expect(hpa.spec.metrics[0].object.metric.name).toBe('infer_rps');
      expect(hpa.spec.metrics[0].object.target).toEqual({ type: 'AverageValue', averageValue: 3 });
      expect(hpa.spec.maxReplicas).toBe(4);
    }
    expect(objects).toMatchSnapshot();
  });
});
