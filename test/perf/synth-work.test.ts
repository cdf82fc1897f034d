/**
 * Regression tests for what synthesis costs, by counting operations rather
 * than timing them (the machine is shared, wall clocks are noise): the
 * scheduling check must stay linear in the app, and the library must add no
 * walk of the construct tree to those cdk8s makes itself. scripts/bench.ts
 * measures the time.
 */
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct, Node } from 'constructs';
import { ModelUri } from '../../src/model-uri';
import { RcloneRemote } from '../../src/rclone/rclone-remote';
import { RcloneSecret } from '../../src/rclone/rclone-secret';
import { PrepackagedModel } from '../../src/v1/prepackaged-model';
import { PrepackagedServer } from '../../src/v1/prepackaged-server';
import { SeldonModel, SeldonServer } from '../../src/v2';
import { _schedulingWork, checkScheduling } from '../../src/v2/scheduling';

const IRIS = ModelUri.parse('gs://seldon-models/mlserver/iris');

/** An app of `servers` pools, each a server advertising its own capability, and `models` models spread over them. */
function pools(servers: number, models: number): App {
  const app = Testing.app();
  const chart = new Chart(app, 'models', { namespace: 'seldon' });
  for (let i = 0; i < servers; i++) new SeldonServer(chart, `pool-${i}`, { metadata: { name: `pool-${i}` }, extraCapabilities: [`pool-${i}`], replicas: 2 });
  for (let i = 0; i < models; i++) {
    new SeldonModel(chart, `model-${i}`, { metadata: { name: `model-${i}` }, storageUri: IRIS, requirements: ['sklearn', `pool-${i % servers}`] });
  }
  return app;
}

function workOf(app: App): { work: number; problems: string[] } {
  const before = _schedulingWork();
  const problems = checkScheduling(app);
  return { work: _schedulingWork() - before, problems };
}

describe('the scheduling check stays linear', () => {
  test('servers examined grow with models + servers, not models x servers, even with a distinct requirement set per server', () => {
    const small = workOf(pools(40, 400));
    const large = workOf(pools(160, 1600));
    expect(small.problems).toEqual([]);
    expect(large.problems).toEqual([]);
    // each server is indexed once and is the one candidate of its pool's requirement set
    expect(large.work).toBeLessThanOrEqual(2 * 160);
    // 4x the app is at most ~4x the work (a per-set scan of every server would be 16x)
    expect(large.work / small.work).toBeLessThanOrEqual(4.5);
  });

  test('a clean app is settled without walking the construct tree; a problem is reported after one walk', () => {
    const app = pools(5, 50);
    const findAll = jest.spyOn(app.node, 'findAll');
    expect(checkScheduling(app)).toEqual([]);
    expect(findAll).not.toHaveBeenCalled();

    const chart = app.node.findChild('models') as Chart;
    new SeldonModel(chart, 'lonely', { metadata: { name: 'lonely' }, storageUri: IRIS, requirements: ['gpu'] });
    expect(checkScheduling(app)).toEqual([expect.stringMatching(/^SeldonModel 'models\/lonely': requirements \["gpu"\] are not all advertised by any Server/)]);
    expect(findAll).toHaveBeenCalledTimes(1);
    findAll.mockRestore();
  });

  test('messages follow the construct tree, not the order constructs were created in', () => {
    const app = Testing.app();
    const first = new Chart(app, 'first', { namespace: 'seldon' });
    const second = new Chart(app, 'second', { namespace: 'seldon' });
    // created second-chart first: the tree still lists first/iris before second/iris
    new SeldonModel(second, 'iris', { metadata: { name: 'iris' }, storageUri: IRIS });
    new SeldonModel(first, 'iris', { metadata: { name: 'iris' }, storageUri: IRIS });
    new SeldonServer(first, 'server', { metadata: { name: 'mlserver' } });
    expect(checkScheduling(app)).toEqual([
      expect.stringMatching(/^SeldonModel 'second\/iris': metadata.name "iris" is also the name of 'first\/iris' in namespace "seldon"/),
    ]);
  });

  test('a model removed from the tree is no longer checked', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'models');
    new SeldonServer(chart, 'server', { metadata: { name: 'mlserver' } });
    new SeldonModel(chart, 'lonely', { metadata: { name: 'lonely' }, storageUri: IRIS, requirements: ['gpu'] });
    expect(checkScheduling(app)).toHaveLength(1);
    chart.node.tryRemoveChild('lonely');
    expect(checkScheduling(app)).toEqual([]);
  });
});

describe('the library adds no walk of the construct tree to synthesis', () => {
  /** The objects of `library()` written as an L2 library lays them out: a construct per object with its `Resource`, dependencies on constructs. */
  function handWritten(): App {
    const app = new App({ outdir: Testing.app().outdir });
    const v1 = new Chart(app, 'v1', { namespace: 'seldon' });
    const secret = new Construct(v1, 'minio');
    new ApiObject(secret, 'Resource', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'minio' } });
    for (let i = 0; i < 3; i++) {
      const model = new Construct(v1, `sd-${i}`);
      new ApiObject(model, 'Resource', { apiVersion: 'machinelearning.seldon.io/v1', kind: 'SeldonDeployment', metadata: { name: `sd-${i}` } }).addDependency(secret);
    }
    const v2 = new Chart(app, 'v2', { namespace: 'seldon' });
    const server = new Construct(v2, 'pool');
    new ApiObject(server, 'Resource', { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name: 'pool' } });
    for (let i = 0; i < 3; i++) {
      const model = new Construct(v2, `model-${i}`);
      const object = new ApiObject(model, 'Resource', { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name: `model-${i}` } });
      if (i === 0) object.addDependency(server);
    }
    return app;
  }

  function library(): App {
    const app = new App({ outdir: Testing.app().outdir });
    const v1 = new Chart(app, 'v1', { namespace: 'seldon' });
    const secret = new RcloneSecret(v1, 'minio', {
      metadata: { name: 'minio' },
      remotes: [RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'key', secretAccessKey: 'secret' })],
    });
    for (let i = 0; i < 3; i++) {
      new PrepackagedModel(v1, `sd-${i}`, { metadata: { name: `sd-${i}` }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', `sd-${i}`), credentials: secret });
    }
    const v2 = new Chart(app, 'v2', { namespace: 'seldon' });
    const server = new SeldonServer(v2, 'pool', { metadata: { name: 'pool' }, extraCapabilities: ['pool'] });
    for (let i = 0; i < 3; i++) {
      new SeldonModel(v2, `model-${i}`, { metadata: { name: `model-${i}` }, storageUri: IRIS, requirements: ['pool'], server: i === 0 ? server : undefined });
    }
    return app;
  }

  function walksDuringSynth(app: App): number {
    const findAll = jest.spyOn(Node.prototype, 'findAll');
    try {
      app.synthYaml();
      return findAll.mock.calls.length;
    } finally {
      findAll.mockRestore();
    }
  }

  test('app.synthYaml() calls findAll() no more often for the library\'s constructs than for the same objects written by hand', () => {
    const byHand = walksDuringSynth(handWritten());
    expect(byHand).toBeGreaterThan(0);
    // Fewer, in fact: dependencies point straight at objects, which cdk8s need not expand (src/k8s/depend-on.ts).
    expect(walksDuringSynth(library())).toBeLessThanOrEqual(byHand);
  });
});
