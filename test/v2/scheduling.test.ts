import { App, Chart, Testing } from 'cdk8s';
import { PersistentVolumeClaim } from 'cdk8s-plus-27';
import { ModelUri } from '../../src/model-uri';
import { ModelExplainer, SeldonModel, SeldonServer, ServerConfig, ServerConfigRef } from '../../src/v2';
import { _schedulingWork, checkScheduling } from '../../src/v2/scheduling';

const IRIS = ModelUri.parse('gs://seldon-models/mlserver/iris');

describe('scheduling check: pinned models', () => {
  test('requirements the pinned server does not advertise fail, naming what is missing', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'triton', { metadata: { name: 'triton-a' }, serverConfig: ServerConfigRef.TRITON });
    new SeldonModel(chart, 'iris', { metadata: { name: 'iris' }, storageUri: IRIS, requirements: ['sklearn', 'onnx', 'gpu'], server });
    expect(() => Testing.synth(chart)).toThrow(
      /SeldonModel 'test\/iris': requirements \["sklearn", "onnx", "gpu"\] are not all advertised by the pinned SeldonServer 'test\/triton' \("triton-a"\); missing: "sklearn", "gpu"; requirements within its capabilities \(triton, dali, fil, onnx, .*\), or add the missing ones to the server/);
  });

  test('requirements within the pinned server\'s capabilities pass', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'triton', { serverConfig: ServerConfigRef.TRITON, extraCapabilities: ['gpu'] });
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['onnx', 'gpu'], server });
    expect(Testing.synth(chart)).toHaveLength(2);
  });

  test('an explainer needs alibi-explain on its server', () => {
    const chart = Testing.chart();
    const triton = new SeldonServer(chart, 'triton', { serverConfig: ServerConfigRef.TRITON });
    new SeldonModel(chart, 'explainer', { storageUri: IRIS, server: triton, explainer: ModelExplainer.forModelName('anchor_tabular', 'iris') });
    expect(() => Testing.synth(chart)).toThrow(/SeldonModel 'test\/explainer': requirements \["alibi-explain"\] \("alibi-explain" because of the explainer\) are not all advertised .*; missing: "alibi-explain"/);

    const ok = Testing.chart();
    const mlserver = new SeldonServer(ok, 'mlserver');
    new SeldonModel(ok, 'explainer', { storageUri: IRIS, server: mlserver, explainer: ModelExplainer.forModelName('anchor_tabular', 'iris') });
    expect(Testing.synth(ok)).toHaveLength(2);
  });

  test('model replicas above the server\'s fail; minReplicas is the scheduler\'s fallback', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server', { metadata: { name: 'small' }, replicas: 2 });
    new SeldonModel(chart, 'iris', { storageUri: IRIS, replicas: 3, server });
    expect(() => Testing.synth(chart)).toThrow(
      /SeldonModel 'test\/iris': replicas 3 exceeds the 2 replica\(s\) of the pinned SeldonServer 'test\/server' \("small"\); model replicas \(or minReplicas, which the scheduler falls back to\) at most the server's replicas/);

    const ok = Testing.chart();
    const okServer = new SeldonServer(ok, 'server', { replicas: 2 });
    new SeldonModel(ok, 'equal', { storageUri: IRIS, replicas: 2, server: okServer });
    new SeldonModel(ok, 'fallback', { storageUri: IRIS, replicas: 3, minReplicas: 1, server: okServer });
    expect(Testing.synth(ok)).toHaveLength(3);
  });

  test('a server scaled to zero takes no model', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server', { replicas: 0 });
    new SeldonModel(chart, 'iris', { storageUri: IRIS, server });
    expect(() => Testing.synth(chart)).toThrow(/SeldonModel 'test\/iris': server is SeldonServer 'test\/server' \(".*"\), which has 0 replicas; the scheduler skips servers scaled to zero; a server with replicas/);
  });

  test('a server outside the app is not checked, unless its ServerConfig is given', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'other'); // the app has servers
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['anything'], replicas: 9, server: SeldonServer.fromServerName(chart, 'existing', 'mlserver-134') });
    expect(Testing.synth(chart)).toHaveLength(2);

    const known = Testing.chart();
    const mlserver = SeldonServer.fromServerName(known, 'mlserver', 'mlserver', { serverConfig: ServerConfigRef.MLSERVER, replicas: 1 });
    new SeldonModel(known, 'iris', { storageUri: IRIS, requirements: ['onnx'], server: mlserver });
    expect(() => Testing.synth(known)).toThrow(/SeldonModel 'test\/iris': requirements \["onnx"\] are not all advertised by the pinned SeldonServer reference 'test\/mlserver' \("mlserver"\); missing: "onnx"/);
  });

  test('a server outside the app advertises what its options say, on a ServerConfig with or without the capabilities variable', () => {
    const placed = (config: ServerConfigRef, options: object, requirements: string[]) => () => {
      const chart = Testing.chart();
      const server = SeldonServer.fromServerName(chart, 'existing', 'existing', { serverConfig: config, replicas: 1, ...options });
      new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements, server });
      return Testing.synth(chart);
    };
    // A ServerConfig of the app whose agent lacks the variable: its sklearn,xgboost, or what the options say instead.
    const noVariable = ServerConfigRef.fromServerConfig(new ServerConfig(Testing.chart(), 'cfg', {
      podSpec: { containers: [{ name: 'rclone', image: 'r' }, { name: 'agent', image: 'a' }, { name: 'srv', image: 's' }] },
    }));
    expect(placed(noVariable, {}, ['xgboost'])).not.toThrow();
    expect(placed(noVariable, { capabilities: ['gpu'] }, ['gpu'])).not.toThrow();
    expect(placed(noVariable, { extraCapabilities: ['gpu'] }, ['sklearn', 'gpu'])).not.toThrow();
    expect(placed(noVariable, {}, ['gpu'])).toThrow(/missing: "gpu"/);
    // With the variable, the options rewrite it as the operator would.
    expect(placed(ServerConfigRef.MLSERVER, { extraCapabilities: ['gpu'] }, ['mlserver', 'gpu'])).not.toThrow();
    expect(placed(ServerConfigRef.fromName('custom', { capabilities: ['a'] }), { extraCapabilities: ['b'] }, ['a', 'b'])).not.toThrow();
  });

  test('ServerConfigRef.fromName() capabilities are ones an agent can advertise (an empty list it never does)', () => {
    const server = (capabilities: string[]) => () => new SeldonServer(Testing.chart(), 's', { serverConfig: ServerConfigRef.fromName('custom', { capabilities }) });
    expect(server([])).toThrow(/SeldonServer 'test\/s': serverConfig options\.capabilities is an empty list, but an agent advertises no empty list: with an empty variable it advertises its own sklearn,xgboost/);
    expect(server(['a,b'])).toThrow(/serverConfig options\.capabilities\[0\] "a,b" contains ","/);
    expect(server(['a'])).not.toThrow();
    expect(() => SeldonServer.fromServerName(Testing.chart(), 'r', 'r', { serverConfig: ServerConfigRef.fromName('custom', { capabilities: [] }) }))
      .toThrow(/serverConfig options\.capabilities is an empty list/);
  });

  test('a server of another app is not checked', () => {
    const other = Testing.chart();
    const server = new SeldonServer(other, 'server', { serverConfig: ServerConfigRef.TRITON });
    const chart = Testing.chart();
    new SeldonServer(chart, 'local');
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn-only-elsewhere'], server });
    expect(Testing.synth(chart)[1].spec.server).toBe(server.name);
  });

  test('a pinned server in another namespace fails', () => {
    const app = Testing.app();
    const servers = new Chart(app, 'servers', { namespace: 'team-a' });
    const models = new Chart(app, 'models', { namespace: 'team-b' });
    const server = new SeldonServer(servers, 'server', { metadata: { name: 'mlserver' } });
    new SeldonModel(models, 'iris', { storageUri: IRIS, server });
    expect(() => Testing.synth(models)).toThrow(
      /SeldonModel 'models\/iris': server is SeldonServer 'servers\/server' \("mlserver"\) in namespace "team-a", but the model is in namespace "team-b"; the scheduler only sees servers of the model's namespace/);
  });

  test('a local-path model needs its pinned server to mount a parent of the path', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server', { metadata: { name: 'mlserver-pvc' } });
    server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim', 'ml-models-pvc'), '/var/other');
    new SeldonModel(chart, 'iris', { storageUri: ModelUri.localPath('/var/models/iris'), requirements: ['pvc'], server });
    expect(() => Testing.synth(chart)).toThrow(
      /SeldonModel 'test\/iris': storageUri "\/var\/models\/iris" is a local path, but the pinned SeldonServer 'test\/server' \("mlserver-pvc"\) mounts no volume into its rclone container at a parent of it \(it mounts "\/var\/other"\); a path below a mountPvc\(\) mount path of the server/);
  });

  test('a local-path model below (or at) the mount passes', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server');
    server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim', 'ml-models-pvc'), '/var/models');
    new SeldonModel(chart, 'iris', { storageUri: ModelUri.localPath('/var/models/iris'), requirements: ['pvc'], server });
    new SeldonModel(chart, 'whole', { storageUri: ModelUri.localPath('/var/models'), requirements: ['pvc'], server });
    expect(Testing.synth(chart)).toHaveLength(3);
  });
});

describe('scheduling check: unpinned models', () => {
  test('an app without servers is not checked', () => {
    const chart = Testing.chart();
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['nothing-has-this'] });
    expect(Testing.synth(chart)).toHaveLength(1);
  });

  test('requirements no server advertises fail, listing the candidates and what each lacks', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'triton', { metadata: { name: 'triton-gpu' }, serverConfig: ServerConfigRef.TRITON, extraCapabilities: ['gpu'] });
    new SeldonServer(chart, 'mlserver', { metadata: { name: 'mlserver-134' }, extraCapabilities: ['mlserver-1.3.4'] });
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn', 'gpu'] });
    expect(() => Testing.synth(chart)).toThrow(
      /SeldonModel 'test\/iris': requirements \["sklearn", "gpu"\] are not all advertised by any Server in the app; candidate servers: SeldonServer 'test\/triton' \("triton-gpu"\) lacks "sklearn"; SeldonServer 'test\/mlserver' \("mlserver-134"\) lacks "gpu"; requirements that one Server advertises in full; for that, .*SeldonServer.fromServerName\(\) \(the mlserver and triton of Seldon's seldon-core-v2-servers chart count only so/);
  });

  test('one server advertising everything is enough', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'triton', { serverConfig: ServerConfigRef.TRITON });
    new SeldonServer(chart, 'mlserver', { extraCapabilities: ['gpu'] });
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn', 'gpu'] });
    expect(Testing.synth(chart)).toHaveLength(3);
  });

  test('the installation\'s servers can be declared to count as candidates', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'triton', { serverConfig: ServerConfigRef.TRITON });
    SeldonServer.fromServerName(chart, 'mlserver', 'mlserver', { serverConfig: ServerConfigRef.MLSERVER, replicas: 1 });
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn'] });
    expect(Testing.synth(chart)).toHaveLength(2);
  });

  test('a server of unknown capabilities might take the model, so it is not flagged', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'triton', { serverConfig: ServerConfigRef.TRITON });
    new SeldonServer(chart, 'custom', { serverConfig: ServerConfigRef.fromName('my-config') });
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn'] });
    expect(Testing.synth(chart)).toHaveLength(3);
  });

  test('replicas above those of every capable server fail', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'a', { metadata: { name: 'a' }, replicas: 1 });
    new SeldonServer(chart, 'b', { metadata: { name: 'b' }, replicas: 2 });
    new SeldonServer(chart, 'big-triton', { serverConfig: ServerConfigRef.TRITON, replicas: 5 });
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn'], replicas: 3 });
    expect(() => Testing.synth(chart)).toThrow(
      /SeldonModel 'test\/iris': replicas 3 exceeds the replicas of every Server advertising \["sklearn"\]: SeldonServer 'test\/a' \("a"\) has 1; SeldonServer 'test\/b' \("b"\) has 2; model replicas/);
  });

  test('replicas one capable server has pass', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'a', { replicas: 1 });
    new SeldonServer(chart, 'b', { replicas: 3 });
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn'], replicas: 3 });
    expect(Testing.synth(chart)).toHaveLength(3);
  });

  test('a local-path model fails when a capable server does not mount the path', () => {
    const chart = Testing.chart();
    const pvc = new SeldonServer(chart, 'pvc', { metadata: { name: 'mlserver-pvc' } });
    pvc.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim', 'ml-models-pvc'), '/var/models');
    new SeldonServer(chart, 'plain', { metadata: { name: 'mlserver-plain' } });
    new SeldonModel(chart, 'iris', { storageUri: ModelUri.localPath('/var/models/iris'), requirements: ['sklearn'] });
    expect(() => Testing.synth(chart)).toThrow(
      /SeldonModel 'test\/iris': storageUri "\/var\/models\/iris" is a local path, but the scheduler may place the model on servers that mount no volume into their rclone container at a parent of it: SeldonServer 'test\/plain' \("mlserver-plain"\) \(it mounts none\); add a requirement only the servers mounting the claim advertise/);
  });

  test('requiring the mount\'s capability restricts the candidates to servers with the mount', () => {
    const chart = Testing.chart();
    const pvc = new SeldonServer(chart, 'pvc');
    pvc.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim', 'ml-models-pvc'), '/var');
    pvc.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim2', 'more-models'), '/var/models/extra');
    new SeldonServer(chart, 'plain');
    new SeldonModel(chart, 'iris', { storageUri: ModelUri.localPath('/var/models/iris'), requirements: ['sklearn', 'pvc'] });
    expect(Testing.synth(chart)).toHaveLength(3);
  });

  test('servers of another namespace are not candidates', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'team-a' });
    const b = new Chart(app, 'b', { namespace: 'team-b' });
    new SeldonServer(a, 'triton', { serverConfig: ServerConfigRef.TRITON });
    new SeldonServer(b, 'mlserver');
    new SeldonModel(a, 'iris', { storageUri: IRIS, requirements: ['sklearn'] });
    expect(() => Testing.synth(a)).toThrow(/SeldonModel 'a\/iris': requirements \["sklearn"\] are not all advertised by any Server in the app for namespace "team-a"; candidate servers: SeldonServer 'a\/triton'/);

    // a namespace without declared servers is not checked
    const c = new Chart(app, 'c', { namespace: 'team-c' });
    const onlyC = new SeldonModel(c, 'iris', { storageUri: IRIS, requirements: ['sklearn'] });
    expect(checkScheduling(app).filter(p => p.includes(onlyC.node.path))).toEqual([]);
  });
});

describe('scheduling check: names', () => {
  test('two Servers or two Models of one name in one namespace fail', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'a', { metadata: { name: 'mlserver' } });
    new SeldonServer(chart, 'b', { metadata: { name: 'mlserver' } });
    new SeldonModel(chart, 'iris', { metadata: { name: 'iris' }, storageUri: IRIS });
    new SeldonModel(chart, 'iris-again', { metadata: { name: 'iris' }, storageUri: IRIS });
    const problems = checkScheduling(chart.node.root);
    expect(problems).toEqual([
      expect.stringMatching(/^SeldonServer 'test\/b': metadata.name "mlserver" is also the name of 'test\/a'; applying both would leave one Server; a Server name unique in its namespace$/),
      expect.stringMatching(/^SeldonModel 'test\/iris-again': metadata.name "iris" is also the name of 'test\/iris'; applying both would leave one Model/),
    ]);
    expect(() => Testing.synth(chart)).toThrow(/Validation failed/);
  });

  test('the same name in two namespaces passes', () => {
    const app = Testing.app();
    new SeldonServer(new Chart(app, 'a', { namespace: 'a' }), 's', { metadata: { name: 'mlserver' } });
    new SeldonServer(new Chart(app, 'b', { namespace: 'b' }), 's', { metadata: { name: 'mlserver' } });
    expect(checkScheduling(app)).toEqual([]);
  });
});

describe('scheduling check: one pass per app', () => {
  test('app.synth() reports the problems, once, on the app', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    new SeldonServer(chart, 'triton', { serverConfig: ServerConfigRef.TRITON });
    new SeldonModel(chart, 'iris', { storageUri: IRIS, requirements: ['sklearn'] });
    new SeldonModel(chart, 'wine', { storageUri: IRIS, requirements: ['sklearn'] });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.match(/SeldonModel 'chart\/iris': requirements/g)).toHaveLength(1);
    expect(message.match(/SeldonModel 'chart\/wine': requirements/g)).toHaveLength(1);
  });

  test('the tree is walked once per synth, whatever the number of models', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'chart');
    for (let i = 0; i < 10; i++) new SeldonServer(chart, `server-${i}`, { extraCapabilities: [`cap-${i}`] });
    for (let i = 0; i < 200; i++) new SeldonModel(chart, `model-${i}`, { storageUri: IRIS, requirements: [`cap-${i % 10}`] });
    const findAll = jest.spyOn(app.node, 'findAll');
    Testing.synth(chart);
    // one walk by cdk8s (cached for its own validation and dependencies), one by the check
    expect(findAll.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(findAll.mock.calls.length).toBeLessThanOrEqual(2);
    findAll.mockRestore();
  });

  test('thousands of models against hundreds of servers stay linear', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    for (let i = 0; i < 300; i++) {
      new SeldonServer(chart, `server-${i}`, { metadata: { name: `server-${i}` }, extraCapabilities: [`team-${i % 30}`], replicas: 2 });
    }
    for (let i = 0; i < 5000; i++) {
      new SeldonModel(chart, `model-${i}`, { metadata: { name: `model-${i}` }, storageUri: IRIS, requirements: ['sklearn', `team-${i % 30}`], replicas: 1 + (i % 2) });
    }
    const before = _schedulingWork();
    const problems = checkScheduling(app);
    const work = _schedulingWork() - before;
    expect(problems).toEqual([]);
    // servers examined, an operation count: each server is indexed once and each model examines at most
    // the 10 servers of its team; a models x servers scan would examine 1.5 million
    expect(work).toBeGreaterThanOrEqual(300);
    expect(work).toBeLessThanOrEqual(300 + 5000 * 10);
  });
});

describe('review fixes', () => {
  test('a model only a server of unknown capabilities could take is not reported for replicas', () => {
    const chart = Testing.chart();
    SeldonServer.fromServerName(chart, 'big', 'big-server');
    new SeldonServer(chart, 'small', { replicas: 1 });
    new SeldonModel(chart, 'iris', { storageUri: ModelUri.gcs('m', 'iris'), requirements: ['sklearn'], replicas: 3 });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('fromName with one option keeps the rest of a default ServerConfig', () => {
    const ref = ServerConfigRef.fromName('mlserver', { serverContainerName: 'mlserver' });
    expect(ref.capabilities).toEqual(ServerConfigRef.MLSERVER.capabilities);
    expect(ref._resources('agent')).toEqual(ServerConfigRef.MLSERVER._resources('agent'));
    expect(ServerConfigRef.fromName('mlserver', { capabilities: ['x'] }).capabilities).toEqual(['x']);
  });

  test('mountPvc does not repeat a capability the Server already adds', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 's', { serverConfig: ServerConfigRef.fromName('custom'), extraCapabilities: ['pvc'] });
    server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'c', 'models'), '/var/models');
    expect(Testing.synth(chart)[0].spec.extraCapabilities).toEqual(['pvc']);
  });
});
