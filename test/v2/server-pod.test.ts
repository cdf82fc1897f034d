import { Testing } from 'cdk8s';
import {
  DeploymentStrategy, Node, NodeLabelQuery, NodeTaintQuery, PercentOrAbsolute, Secret, ServiceAccount, TaintEffect, Topology,
} from 'cdk8s-plus-27';
import { PvcRetention, SeldonServer } from '../../src/v2';

describe('server pods: placement, pull secrets and pod settings', () => {
  test('a GPU server on tainted nodes pulling from a private registry: a pod spec without containers', () => {
    const chart = Testing.chart();
    const pull = Secret.fromSecretName(chart, 'pull', 'registry-creds');
    const sa = new ServiceAccount(chart, 'sa', { metadata: { name: 'models' } });
    const server = new SeldonServer(chart, 'gpu', {
      metadata: { name: 'gpu-server' },
      imagePullSecrets: [pull],
      serviceAccount: sa,
      priorityClassName: 'inference',
      podLabels: { team: 'ml' },
      podAnnotations: { 'prometheus.io/scrape': 'true' },
    });
    server.scheduling.attract(Node.labeled(NodeLabelQuery.is('nvidia.com/gpu.present', 'true')));
    server.scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present', { effect: TaintEffect.NO_SCHEDULE })));
    server.scheduling.spread({ topology: Topology.ZONE });
    const objects = Testing.synth(chart);
    const out = objects.find(o => o.kind === 'Server')!;
    expect(out.metadata.labels).toEqual({ team: 'ml' });
    expect(out.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(out.spec.podSpec).toEqual({
      imagePullSecrets: [{ name: 'registry-creds' }],
      serviceAccountName: 'models',
      priorityClassName: 'inference',
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'nvidia.com/gpu.present', operator: 'In', values: ['true'] }] }],
          },
        },
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { 'seldon-server-name': 'gpu-server' } } },
          ],
        },
      },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' }],
    });
    // the Server comes after the ServiceAccount it runs as
    expect(objects.findIndex(o => o.kind === 'ServiceAccount')).toBeLessThan(objects.indexOf(out));
  });

  test('a server selects its pods for other workloads (IPodSelector)', () => {
    const chart = Testing.chart();
    const a = new SeldonServer(chart, 'a', { metadata: { name: 'a' } });
    const b = new SeldonServer(chart, 'b', { metadata: { name: 'b' } });
    b.scheduling.separate(a, { weight: 50 });
    const spec = Testing.synth(chart).find(o => o.metadata.name === 'b')!.spec;
    expect(spec.podSpec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 50, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'seldon-server-name': 'a' } } } },
    ]);
  });

  test('pull secrets added later render once each; a repeat is an error', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 's', { metadata: { name: 's' } });
    server.addImagePullSecret(Secret.fromSecretName(chart, 'p', 'one'));
    expect(() => server.addImagePullSecret(Secret.fromSecretName(chart, 'q', 'one'))).toThrow("SeldonServer 'test/s': imagePullSecrets[\"one\"] is listed twice");
    expect(Testing.synth(chart)[0].spec.podSpec).toEqual({ imagePullSecrets: [{ name: 'one' }] });
  });

  test('deploymentStrategy and the PVC retention policy render as the CRD names them', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 's', {
      deploymentStrategy: DeploymentStrategy.rollingUpdate({ maxSurge: PercentOrAbsolute.percent(50) }),
      pvcRetentionWhenDeleted: PvcRetention.DELETE,
      pvcRetentionWhenScaled: PvcRetention.RETAIN,
    });
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.deploymentStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%', maxUnavailable: '25%' } });
    expect(spec.statefulSetPersistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
    expect(spec.podSpec).toBeUndefined();
  });

  test('bad pod and rollout props are reported with the construct path', () => {
    const chart = Testing.chart();
    expect(() => new SeldonServer(chart, 's', { priorityClassName: 'Not Valid' }))
      .toThrow("SeldonServer 'test/s': priorityClassName \"Not Valid\" is not a PriorityClass name; a DNS-1123 subdomain");
    expect(() => new SeldonServer(chart, 't', { deploymentStrategy: 'Recreate' as any }))
      .toThrow(/deploymentStrategy is a string "Recreate"; accepted: a DeploymentStrategy/);
    expect(() => new SeldonServer(chart, 'u', { pvcRetentionWhenDeleted: 'Keep' as any }))
      .toThrow(/pvcRetentionWhenDeleted "Keep" is not a retention policy; PvcRetention.RETAIN or PvcRetention.DELETE/);
  });
});
