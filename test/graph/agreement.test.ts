import { ApiObject, Chart, Size, Testing } from 'cdk8s';
import { EnvValue, PersistentVolumeClaim, Volume, k8s } from 'cdk8s-plus-27';
import { buildDeploymentGraph } from '../../src/graph';
import { ModelUri } from '../../src/model-uri';
import { ModelExplainer, SeldonModel, SeldonServer, ServerConfig, ServerConfigRef } from '../../src/v2';
import { checkScheduling } from '../../src/v2/scheduling';

const IRIS = ModelUri.parse('gs://seldon-models/mlserver/iris');
const q = (v: string) => k8s.Quantity.fromString(v);

/** A ServerConfig whose agent has only `env`. */
function customConfig(chart: Chart, env: k8s.EnvVar[]): ServerConfigRef {
  return ServerConfigRef.fromServerConfig(new ServerConfig(chart, 'config', {
    metadata: { name: 'custom' },
    podSpec: {
      containers: [
        { name: 'rclone', image: 'rclone' },
        { name: 'agent', image: 'agent', env },
        { name: 'srv', image: 'srv', resources: { requests: { memory: q('1Gi') }, limits: { memory: q('1Gi') } } },
      ],
    },
  }));
}

/** Each case builds an app with one Model `m`; the synth check and the graph must agree whether it can be placed. */
const CASES: Array<[string, (chart: Chart) => void, boolean]> = [
  ['a requirement no server advertises', c => { new SeldonServer(c, 's'); new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['gpu'] }); }, true],
  ['a requirement the server advertises', c => { new SeldonServer(c, 's'); new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['sklearn'] }); }, false],
  ['no server at all', c => { new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['gpu'] }); }, false],
  ['more replicas than any server', c => { new SeldonServer(c, 's'); new SeldonModel(c, 'm', { storageUri: IRIS, replicas: 3 }); }, true],
  ['minReplicas, the scheduler\'s fallback', c => { new SeldonServer(c, 's'); new SeldonModel(c, 'm', { storageUri: IRIS, replicas: 3, minReplicas: 1 }); }, false],
  ['a local path only one of two capable servers mounts', c => {
    new SeldonServer(c, 'plain');
    new SeldonServer(c, 'withpvc').mountPvc(PersistentVolumeClaim.fromClaimName(c, 'claim', 'models'), '/var/models', { advertiseCapability: false });
    new SeldonModel(c, 'm', { storageUri: ModelUri.localPath('/var/models/iris') });
  }, true],
  ['a local path the only server mounts', c => {
    new SeldonServer(c, 'withpvc').mountPvc(PersistentVolumeClaim.fromClaimName(c, 'claim', 'models'), '/var/models');
    new SeldonModel(c, 'm', { storageUri: ModelUri.localPath('/var/models/iris') });
  }, false],
  ['memory above the default replica (1Gi + 10%)', c => { new SeldonServer(c, 's'); new SeldonModel(c, 'm', { storageUri: IRIS, memory: '2Gi' }); }, true],
  ['memory within the default replica', c => { new SeldonServer(c, 's'); new SeldonModel(c, 'm', { storageUri: IRIS, memory: '1Gi' }); }, false],
  ['memory within a raised server request', c => {
    new SeldonServer(c, 's', { serverContainer: { resources: { memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } } } });
    new SeldonModel(c, 'm', { storageUri: IRIS, memory: '3Gi' });
  }, false],
  ['capabilities set by hand in the Server\'s agent env', c => {
    new SeldonServer(c, 's', { agentContainer: { env: { SELDON_SERVER_CAPABILITIES: EnvValue.fromValue('gpu') } } });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['gpu'] });
  }, false],
  ['a ServerConfig without the capabilities variable: the agent\'s sklearn,xgboost', c => {
    new SeldonServer(c, 's', { serverConfig: customConfig(c, []) });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['xgboost'] });
  }, false],
  ['a ServerConfig without the capabilities variable, a requirement beyond sklearn,xgboost', c => {
    new SeldonServer(c, 's', { serverConfig: customConfig(c, []) });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['onnx'] });
  }, true],
  ['an empty capabilities variable in a ServerConfig: the agent takes it as unset, sklearn,xgboost (env.go getEnvString)', c => {
    new SeldonServer(c, 's', { serverConfig: customConfig(c, [{ name: 'SELDON_SERVER_CAPABILITIES', value: '' }]) });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['sklearn'] });
  }, false],
  ['an empty capabilities variable with a Server\'s extra one: ",x" advertises x alone', c => {
    new SeldonServer(c, 's', { serverConfig: customConfig(c, [{ name: 'SELDON_SERVER_CAPABILITIES', value: '' }]), extraCapabilities: ['x'] });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['sklearn'] });
  }, true],
  ['an empty capabilities variable in the Server\'s own agent env', c => {
    new SeldonServer(c, 's', { agentContainer: { env: { SELDON_SERVER_CAPABILITIES: EnvValue.fromValue('') } } });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['xgboost'] });
  }, false],
  ['two capabilities variables in a ServerConfig: Kubernetes uses the last', c => {
    new SeldonServer(c, 's', { serverConfig: customConfig(c, [{ name: 'SELDON_SERVER_CAPABILITIES', value: 'a' }, { name: 'SELDON_SERVER_CAPABILITIES', value: 'b' }]) });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['b'] });
  }, false],
  ['a capabilities variable from valueFrom with a Server\'s extra one: the operator writes ",x" in its place', c => {
    const fromRef = { name: 'SELDON_SERVER_CAPABILITIES', valueFrom: { configMapKeyRef: { name: 'caps', key: 'list' } } };
    new SeldonServer(c, 's', { serverConfig: customConfig(c, [fromRef]), extraCapabilities: ['x'] });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['sklearn'] });
  }, true],
  ['the Server\'s own variable with an extra capability the ServerConfig also has: appended to its own, no repeat', c => {
    new SeldonServer(c, 's', { agentContainer: { env: { SELDON_SERVER_CAPABILITIES: EnvValue.fromValue('foo') } }, extraCapabilities: ['sklearn'] });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['foo', 'sklearn'] });
  }, false],
  ['two MEMORY_REQUEST entries in a ServerConfig: Kubernetes uses the last', c => {
    new SeldonServer(c, 's', {
      serverConfig: customConfig(c, [{ name: 'SELDON_SERVER_CAPABILITIES', value: 'a' },
        { name: 'MEMORY_REQUEST', value: '1000' }, { name: 'MEMORY_REQUEST', value: '4294967296' }]),
    });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['a'], memory: '1Gi' });
  }, false],
  ['a local path under a volume the Server mounts into rclone through rcloneContainer (not a claim)', c => {
    const nfs = Volume.fromNfs(c, 'nfs', 'models', { server: 'nfs.example.com', path: '/exports/models' });
    const server = new SeldonServer(c, 's', { extraCapabilities: ['nfs'], rcloneContainer: { volumeMounts: [{ volume: nfs, path: '/var/models', readOnly: true }] } });
    new SeldonModel(c, 'm', { storageUri: ModelUri.localPath('/var/models/iris'), requirements: ['nfs'], server });
  }, false],
  ['a local path outside what the Server mounts into rclone', c => {
    const nfs = Volume.fromNfs(c, 'nfs', 'models', { server: 'nfs.example.com', path: '/exports/models' });
    const server = new SeldonServer(c, 's', { rcloneContainer: { volumeMounts: [{ volume: nfs, path: '/var/other' }] } });
    new SeldonModel(c, 'm', { storageUri: ModelUri.localPath('/var/models/iris'), server });
  }, true],
  ['a model above the replica\'s MEMORY_REQUEST but within the overcommit: placed, never loaded', c => {
    new SeldonModel(c, 'm', { storageUri: IRIS, memory: '1100Mi', server: new SeldonServer(c, 's') });
  }, true],
  ['the agent\'s own MLSERVER_PARALLEL_WORKERS multiplies a model\'s memory', c => {
    new SeldonModel(c, 'm', { storageUri: IRIS, memory: '600Mi', server: new SeldonServer(c, 's', { agentContainer: { env: { MLSERVER_PARALLEL_WORKERS: EnvValue.fromValue('4') } } }) });
  }, true],
  ['the server container\'s MLSERVER_PARALLEL_WORKERS, which Seldon never reads', c => {
    new SeldonModel(c, 'm', { storageUri: IRIS, memory: '600Mi', server: new SeldonServer(c, 's', { serverContainer: { env: { MLSERVER_PARALLEL_WORKERS: EnvValue.fromValue('4') } } }) });
  }, false],
  ['a ServerConfig without MEMORY_REQUEST: 1,000,000 bytes', c => {
    new SeldonServer(c, 's', { serverConfig: customConfig(c, [{ name: 'SELDON_SERVER_CAPABILITIES', value: 'a' }]) });
    new SeldonModel(c, 'm', { storageUri: IRIS, memory: '2M' });
  }, true],
  ['a ServerConfig taking capabilities from valueFrom (unknown)', c => {
    new SeldonServer(c, 's', { serverConfig: customConfig(c, [{ name: 'SELDON_SERVER_CAPABILITIES', valueFrom: { configMapKeyRef: { name: 'x', key: 'y' } } }]) });
    new SeldonModel(c, 'm', { storageUri: IRIS, requirements: ['anything'] });
  }, false],
  ['an explainer on triton, which lacks alibi-explain', c => {
    new SeldonServer(c, 's', { serverConfig: ServerConfigRef.TRITON });
    new SeldonModel(c, 'm', { storageUri: IRIS, explainer: ModelExplainer.forModelName('anchor_tabular', 'iris') });
  }, true],
  ['pinned to a server scaled to zero', c => {
    new SeldonModel(c, 'm', { storageUri: IRIS, server: new SeldonServer(c, 's', { replicas: 0 }), replicas: 1 });
  }, true],
  ['a server in another namespace only', c => {
    new SeldonServer(new Chart(c.node.scope!, 'other', { namespace: 'b' }), 's');
    new SeldonModel(new Chart(c.node.scope!, 'mine', { namespace: 'a' }), 'm', { storageUri: IRIS, requirements: ['gpu'] });
  }, false],
];

describe('the synth-time scheduling check and the graph command decide placement with one matcher (src/v2/server-fit.ts) and agree', () => {
  test.each(CASES)('%s', (_name, build, unplaceable) => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    build(chart);
    const model = app.node.findAll().find(c => c instanceof SeldonModel) as SeldonModel;
    const synthFlags = checkScheduling(app).some(m => m.startsWith(`SeldonModel '${model.node.path}'`));
    // ApiObject.toJson() renders without the app's validations, which would throw on the flagged cases
    const manifests = app.node.findAll().filter(ApiObject.isApiObject).map(o => (o as ApiObject).toJson());
    const graph = buildDeploymentGraph(manifests, { defaultServers: false });
    const node = graph.nodes.find(n => n.kind === 'Model' && n.name === model.name)!;
    expect({ synth: synthFlags, graph: node.unschedulable !== undefined }).toEqual({ synth: unplaceable, graph: unplaceable });
  });
});

describe('a ServerConfig of the manifests, as the graph reads its agent\'s capabilities variable', () => {
  const config = (env: object[]) => ({
    apiVersion: 'mlops.seldon.io/v1alpha1',
    kind: 'ServerConfig',
    metadata: { name: 'mlserver', namespace: 'seldon-mesh' },
    spec: { podSpec: { containers: [{ name: 'rclone', image: 'r' }, { name: 'agent', image: 'a', env }, { name: 'mlserver', image: 'm' }] } },
  });
  const model = {
    apiVersion: 'mlops.seldon.io/v1alpha1',
    kind: 'Model',
    metadata: { name: 'm', namespace: 'seldon-mesh' },
    spec: { storageUri: 'gs://b/m', requirements: ['sklearn'] },
  };
  const graphOf = (env: object[]) => buildDeploymentGraph([config(env), model]);
  const details = (env: object[]) => graphOf(env).nodes.find(n => n.kind === 'ServerConfig')!.details;

  test('an empty value is unset for the agent (env.go getEnvString): it advertises sklearn,xgboost, and the installation\'s mlserver takes the model', () => {
    expect(details([{ name: 'SELDON_SERVER_CAPABILITIES', value: '' }])).toEqual(['capabilities sklearn, xgboost']);
    expect(graphOf([{ name: 'SELDON_SERVER_CAPABILITIES', value: '' }]).nodes.find(n => n.kind === 'Model')!.unschedulable).toBeUndefined();
    expect(details([{ name: 'SELDON_SERVER_CAPABILITIES' }])).toEqual(['capabilities sklearn, xgboost']);
  });

  test('of two entries the last counts, as in Kubernetes; one from valueFrom is unknown', () => {
    expect(details([{ name: 'SELDON_SERVER_CAPABILITIES', value: 'a' }, { name: 'SELDON_SERVER_CAPABILITIES', value: 'b,c' }])).toEqual(['capabilities b, c']);
    expect(details([{ name: 'SELDON_SERVER_CAPABILITIES', valueFrom: { configMapKeyRef: { name: 'x', key: 'y' } } }])).toEqual(['capabilities unknown']);
    expect(graphOf([{ name: 'SELDON_SERVER_CAPABILITIES', value: 'onnx' }]).nodes.find(n => n.kind === 'Model')!.unschedulable).toBeDefined();
  });
});
