/**
 * The v2 scheduling check settles an app's placement once and trusts it for
 * the other validation passes of a synth and for later synths, while no
 * Server, ServerConfig or Model method changed what it reads and no Server
 * or Model was added or removed (src/v2/scheduling.ts, scheduling-inputs.ts).
 * These tests count the servers the check examines (`_schedulingWork()`) and
 * make sure every change made after one synth is seen by the next: each
 * mutating method, a construct added, a construct removed. Making
 * `schedulingInputsChanged()` do nothing fails the tests of addRequirement(),
 * both addCapability() and mountPvc(). markHasAutoscaler() only relaxes what
 * the check reads (replicas become unknown, Seldon autoscaling off), and a
 * problem found from settled facts is always re-checked from fresh ones in
 * tree order, so its test passes either way; it bumps the counter all the same.
 */
import { App, Chart } from 'cdk8s';
import { HorizontalPodAutoscaler, Metric, MetricTarget, PersistentVolumeClaim } from 'cdk8s-plus-27';
import { twoCharts } from './two-charts';
import {
  ModelUri, SeldonModel, SeldonRuntime, SeldonServer, ServerConfig, ServerConfigRef,
} from '../../src';
import { _schedulingWork } from '../../src/v2/scheduling';

const IRIS = ModelUri.gcs('seldon-models', 'mlserver/iris');

/** Servers examined while `run` runs. */
function work(run: () => void): number {
  const before = _schedulingWork();
  run();
  return _schedulingWork() - before;
}

/** Two servers, one mounting a claim at /var/models, and a model read from there that only the mounting one can take. */
function mountedModel(): { app: App; servers: Chart; mounting: SeldonServer; other: SeldonServer } {
  const { app, first: servers, second: models } = twoCharts('servers', 'models');
  const mounting = new SeldonServer(servers, 'mounting', { extraCapabilities: ['iris-store'] });
  mounting.mountPvc(PersistentVolumeClaim.fromClaimName(servers, 'claim', 'models-pvc'), '/var/models');
  const other = new SeldonServer(servers, 'other', { extraCapabilities: ['iris-store'] });
  new SeldonModel(models, 'iris', { storageUri: ModelUri.localPath('/var/models/iris'), requirements: ['iris-store', 'pvc'] });
  return { app, servers, mounting, other };
}

const MOUNT_PROBLEM = /SeldonModel 'models\/iris': storageUri "\/var\/models\/iris" is a local path, but the scheduler may place the model on servers that mount no volume into their rclone container at a parent of it: SeldonServer 'servers\/other'/;

describe('the v2 scheduling check runs once per change, not once per validation pass', () => {
  test('one evaluation for the three validation passes of a two-chart synth; none for an unchanged second synth', () => {
    const { app, first: servers, second: models } = twoCharts('servers', 'models');
    const a = new SeldonServer(servers, 'a', { extraCapabilities: ['a'] });
    new SeldonServer(servers, 'b', { extraCapabilities: ['b'] });
    new SeldonModel(models, 'one', { storageUri: IRIS, requirements: ['a'] });
    new SeldonModel(models, 'two', { storageUri: IRIS, requirements: ['b'] });
    new SeldonModel(models, 'pinned', { storageUri: IRIS, server: a });
    let yaml = '';
    // one evaluation, not one in each of the three passes: two servers indexed, one server visited
    // for each of the two unpinned models and the pinned model's server checked
    expect(work(() => { yaml = app.synthYaml(); })).toBe(5);
    expect(yaml).toContain('kind: Model');
    expect(work(() => expect(app.synthYaml()).toBe(yaml))).toBe(0);
  });

  test('a model added after a synth is seen by the next', () => {
    const { app, first: servers, second: models } = twoCharts('servers', 'models');
    new SeldonServer(servers, 'a', { extraCapabilities: ['a'] });
    new SeldonModel(models, 'one', { storageUri: IRIS, requirements: ['a'] });
    app.synthYaml();
    new SeldonModel(models, 'two', { storageUri: IRIS, requirements: ['gpu'] });
    expect(() => app.synthYaml()).toThrow(/SeldonModel 'models\/two': requirements \["gpu"\] are not all advertised by any Server in the app for namespace "models"/);
  });

  test.each([
    ['a server', (_app: App, servers: Chart) => servers.node.tryRemoveChild('a')],
    ['the chart of servers', (app: App, servers: Chart) => app.node.tryRemoveChild(servers.node.id)],
  ])('%s removed after a synth (node.tryRemoveChild) is seen by the next', (_, remove) => {
    const { app, first: servers, second: models } = twoCharts('servers', 'models');
    new SeldonServer(servers, 'a', { extraCapabilities: ['a'] });
    new SeldonServer(models, 'b', { extraCapabilities: ['b'] });
    new SeldonModel(models, 'one', { storageUri: IRIS, requirements: ['a'] });
    app.synthYaml();
    expect(remove(app, servers)).toBe(true);
    expect(() => app.synthYaml()).toThrow(/SeldonModel 'models\/one': requirements \["a"\] are not all advertised by any Server/);
  });

  test('SeldonModel.addRequirement() after a synth is seen by the next', () => {
    const { app, first: servers, second: models } = twoCharts('servers', 'models');
    new SeldonServer(servers, 'a', { extraCapabilities: ['a'] });
    const model = new SeldonModel(models, 'one', { storageUri: IRIS, requirements: ['a'] });
    app.synthYaml();
    model.addRequirement('gpu');
    expect(() => app.synthYaml()).toThrow(/SeldonModel 'models\/one': requirements \["a", "gpu"\] are not all advertised by any Server/);
  });

  test('SeldonServer.addCapability() after a synth is seen by the next: the server without the mount becomes a candidate', () => {
    const { app, other } = mountedModel();
    app.synthYaml();
    other.addCapability('pvc');
    expect(() => app.synthYaml()).toThrow(MOUNT_PROBLEM);
  });

  test('SeldonServer.mountPvc() after a synth is seen by the next: a mount elsewhere advertises "pvc"', () => {
    const { app, servers, other } = mountedModel();
    app.synthYaml();
    other.mountPvc(PersistentVolumeClaim.fromClaimName(servers, 'elsewhere', 'other-pvc'), '/var/other');
    expect(() => app.synthYaml()).toThrow(MOUNT_PROBLEM);
  });

  test('ServerConfig.addCapability() after a synth is seen by the next', () => {
    const { app, first: servers, second: models } = twoCharts('servers', 'models');
    const config = new ServerConfig(servers, 'config', {
      capabilities: ['iris-store'],
      podSpec: { containers: [{ name: 'rclone', image: 'rclone' }, { name: 'agent', image: 'agent' }, { name: 'server', image: 'server' }] },
    });
    const mounting = new SeldonServer(servers, 'mounting', { extraCapabilities: ['iris-store'] });
    mounting.mountPvc(PersistentVolumeClaim.fromClaimName(servers, 'claim', 'models-pvc'), '/var/models');
    new SeldonServer(servers, 'other', { serverConfig: ServerConfigRef.fromServerConfig(config) });
    new SeldonModel(models, 'iris', { storageUri: ModelUri.localPath('/var/models/iris'), requirements: ['iris-store', 'pvc'] });
    app.synthYaml();
    config.addCapability('pvc');
    expect(() => app.synthYaml()).toThrow(MOUNT_PROBLEM);
  });

  test('markHasAutoscaler() after a synth is seen by the next: the bounds then fight the HPA', () => {
    const { app, second: models } = twoCharts('servers', 'models');
    new SeldonRuntime(models, 'runtime');
    new SeldonServer(models, 'server');
    const model = new SeldonModel(models, 'iris', { storageUri: IRIS, minReplicas: 1, maxReplicas: 3 });
    expect(() => app.synthYaml()).not.toThrow();
    new HorizontalPodAutoscaler(models, 'hpa', {
      target: model,
      maxReplicas: 3,
      metrics: [Metric.object({ object: model, name: 'infer_rps', target: MetricTarget.averageValue(5) })],
    });
    // scale-target.ts: the bounds now fight the HPA
    expect(() => app.synthYaml()).toThrow(/SeldonModel 'models\/iris': minReplicas is set while a HorizontalPodAutoscaler scales the object/);
  });

});
