import { Testing } from 'cdk8s';
import { SeldonServer, ServerConfigRef } from '../../src';
import { Json } from '../../src/k8s/json';
import { restrictedPodSpecViolations } from '../../src/k8s/pod-security';
import { previewObjects } from '../../src/preview';
import { mergoMerge, previewServers } from '../../src/v2/operator';

function server(spec: Json, metadata: Json = {}): Json {
  return { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name: 'mlserver-134', namespace: 'seldon-mesh', ...metadata }, spec: { serverConfig: 'mlserver', ...spec } };
}
const statefulSet = (objects: Json[]) => objects.find(o => o.kind === 'StatefulSet')!;
const containerNames = (o: Json) => o.spec.template.spec.containers.map((c: Json) => c.name);
const envOf = (c: Json, name: string) => c.env.filter((e: Json) => e.name === name).map((e: Json) => e.value);

describe('a Server on the installation\'s mlserver ServerConfig (statefulset_reconciler.go, service_reconciler.go)', () => {
  const preview = previewServers([server({})]);
  const ss = statefulSet(preview.objects);

  test('a StatefulSet named after the Server, Parallel, with the ServerConfig\'s claim template, and one headless Service per replica', () => {
    expect(preview.problems).toEqual([]);
    expect(preview.objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['StatefulSet/mlserver-134', 'Service/mlserver-134-0']);
    expect(ss.spec).toMatchObject({ serviceName: 'mlserver-134', replicas: 1, podManagementPolicy: 'Parallel', selector: { matchLabels: { 'seldon-server-name': 'mlserver-134' } } });
    expect(ss.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'mlserver-models' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }]);
    expect(ss.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'seldon-server' });
    expect(preview.objects[1].spec).toEqual({
      clusterIP: 'None',
      selector: { 'statefulset.kubernetes.io/pod-name': 'mlserver-134-0' },
      ports: [{ port: 9000, targetPort: 'http', name: 'http' }, { port: 9500, targetPort: 'grpc', name: 'grpc' }, { port: 9005, name: 'agent' }],
    });
  });

  test('the pod is the ServerConfig\'s: rclone, agent, mlserver; capabilities from src/v2/capabilities.ts', () => {
    expect(containerNames(ss)).toEqual(['rclone', 'agent', 'mlserver']);
    expect(envOf(ss.spec.template.spec.containers[1], 'SELDON_SERVER_CAPABILITIES')).toEqual(['mlserver,alibi-detect,alibi-explain,huggingface,lightgbm,mlflow,python,sklearn,spark-mlib,xgboost']);
    expect(ss.spec.template.spec.securityContext).toEqual({ fsGroup: 1000, runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000 });
  });
});

describe('overrides merge as mergo does (patch_utils.go MergePodSpecs, MergeContainers; SELDON-FACTS §2.4)', () => {
  test('a container override comes first; its scalars replace, its lists append', () => {
    const ss = statefulSet(previewServers([server({ podSpec: { containers: [{ name: 'mlserver', image: 'seldonio/mlserver:1.3.4', env: [{ name: 'A', value: '1' }], resources: { requests: { memory: '2Gi' } } }] } })]).objects);
    expect(containerNames(ss)).toEqual(['mlserver', 'rclone', 'agent']);
    const mlserver = ss.spec.template.spec.containers[0];
    expect(mlserver.image).toBe('seldonio/mlserver:1.3.4');
    expect(mlserver.env.map((e: Json) => e.name).slice(-2)).toEqual(['MLSERVER_GRPC_MAX_MESSAGE_LENGTH', 'A']);
    expect(mlserver.resources).toEqual({ requests: { cpu: '100m', memory: '2Gi' }, limits: { memory: '1Gi' } });
  });
  test('a false or 0 never replaces a value that is set (mergo deepMerge)', () => {
    const config = { securityContext: { allowPrivilegeEscalation: true, runAsUser: 1000 } };
    expect(mergoMerge(config, { securityContext: { allowPrivilegeEscalation: false, runAsUser: 0 } })).toEqual(config);
    // a member the ServerConfig lacks is taken as it is, false included (a nil pointer is set)
    const unset = { securityContext: { allowPrivilegeEscalation: false } };
    expect(mergoMerge({}, unset)).toEqual(unset);
  });
  test('pod volumes are appended without de-duplication: reusing config-volume gives two', () => {
    const ss = statefulSet(previewServers([server({ podSpec: { volumes: [{ name: 'config-volume', emptyDir: {} }] } })]).objects);
    expect(ss.spec.template.spec.volumes.map((v: Json) => v.name)).toEqual(['downstream-ca-certs', 'config-volume', 'tracing-config-volume', 'config-volume']);
  });
  test('capabilities replace the agent\'s list; extraCapabilities append to it (server_reconciler.go updateCapabilities)', () => {
    const agent = (spec: Json) => statefulSet(previewServers([server(spec)]).objects).spec.template.spec.containers[1];
    expect(envOf(agent({ capabilities: ['sklearn', 'pvc'] }), 'SELDON_SERVER_CAPABILITIES')).toEqual(['sklearn,pvc']);
    expect(envOf(agent({ extraCapabilities: ['pvc'] }), 'SELDON_SERVER_CAPABILITIES')[0]).toMatch(/,xgboost,pvc$/);
  });
  test('labels and annotations: the Server\'s win over the ServerConfig\'s; Helm\'s keys are dropped (utils.go MergeMaps)', () => {
    const config = { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'ServerConfig', metadata: { name: 'mine', labels: { a: 'config', b: 'config' } }, spec: { podSpec: { containers: [{ name: 'x', image: 'x:1' }] } } };
    const ss = statefulSet(previewServers([server({ serverConfig: 'mine' }, { labels: { a: 'server' }, annotations: { 'meta.helm.sh/release-name': 'r' } }), config]).objects);
    expect(ss.metadata.labels).toEqual({ 'a': 'server', 'b': 'config', 'app.kubernetes.io/name': 'seldon-server' });
    expect(ss.metadata.annotations).toEqual({});
    expect(ss.spec.volumeClaimTemplates).toBeUndefined();
  });
});

describe('what the operator refuses', () => {
  test('an invalid scaling spec (internal/utils.go GetValidatedScalingSpec) and an unknown ServerConfig', () => {
    expect(previewServers([server({ replicas: 3, maxReplicas: 2 })]).problems).toEqual([
      'Server seldon-mesh/mlserver-134: scaling spec is invalid: is rejected by the operator ("scaling spec is invalid: number of replicas 3 must be <= max replicas 2")',
    ]);
    expect(previewServers([server({ serverConfig: 'gpu' })]).problems[0]).toMatch(/failed to get ServerConfig: serverconfigs.mlops.seldon.io "gpu" not found/);
  });
  test('replicas come from minReplicas when unset; one Service each', () => {
    expect(previewServers([server({ minReplicas: 2 })]).objects.map(o => o.metadata.name)).toEqual(['mlserver-134', 'mlserver-134-0', 'mlserver-134-1']);
  });
});

describe('the library\'s SeldonServer, previewed', () => {
  test('restrictedSecurityContext: every container of the pod the operator builds passes the restricted Pod Security Standard', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 's', { restrictedSecurityContext: true, image: 'seldonio/mlserver:1.3.4', metadata: { name: 'hardened' } });
    const ss = statefulSet(previewObjects(Testing.synth(chart)).objects);
    expect(ss.spec.template.spec.containers.find((c: Json) => c.name === 'mlserver').image).toBe('seldonio/mlserver:1.3.4');
    expect(restrictedPodSpecViolations(ss.spec.template.spec)).toEqual([]);
  });
  test('without it, the installation\'s containers set no container security context', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 's', { serverConfig: ServerConfigRef.TRITON, metadata: { name: 'plain' } });
    const ss = statefulSet(previewObjects(Testing.synth(chart)).objects);
    expect(restrictedPodSpecViolations(ss.spec.template.spec)).toContain('rclone: allowPrivilegeEscalation is not false');
  });
});
