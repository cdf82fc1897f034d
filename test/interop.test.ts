import { ApiObject, App, Chart, Testing, Size } from 'cdk8s';
import { PersistentVolumeClaim } from 'cdk8s-plus-27';
import { ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonModel, SeldonServer } from '../src';
import { tempDir } from './temp-dir';

describe('constructs in several charts of one app', () => {
  test('a model in one chart uses credentials and a claim from another, and depends on them', () => {
    const app = Testing.app();
    const shared = new Chart(app, 'shared', { namespace: 'seldon' });
    const models = new Chart(app, 'models', { namespace: 'seldon' });
    const secret = new RcloneSecret(shared, 'creds', { metadata: { name: 'creds' }, remotes: [RcloneRemote.s3({ envAuth: true })] });
    const claim = new PersistentVolumeClaim(shared, 'claim', { metadata: { name: 'models' }, storage: Size.gibibytes(1) });
    const a = new PrepackagedModel(models, 'a', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'a'), credentials: secret });
    const b = new PrepackagedModel(models, 'b', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvc(claim, 'b') });
    // cdk8s orders the charts from these dependencies when the app is synthesized.
    expect(a.apiObject.node.dependencies).toContain(ApiObject.of(secret));
    expect(b.apiObject.node.dependencies).toContain(ApiObject.of(claim));
    const sdeps = Testing.synth(models);
    expect(sdeps.map(o => o.spec.predictors[0].graph.envSecretRefName ?? o.spec.predictors[0].graph.modelUri)).toEqual(['creds', 'pvc://models/b']);
  });

  test('the v2 scheduling check sees servers and models across charts', () => {
    const app = new App({ outdir: tempDir('charts-') });
    const servers = new Chart(app, 'servers', { namespace: 'seldon-mesh' });
    const models = new Chart(app, 'models', { namespace: 'seldon-mesh' });
    const server = new SeldonServer(servers, 'gpu', { metadata: { name: 'gpu' }, extraCapabilities: ['gpu'] });
    new SeldonModel(models, 'ok', { storageUri: ModelUri.gcs('m', 'ok'), requirements: ['sklearn', 'gpu'], server });
    new SeldonModel(models, 'unpinned', { storageUri: ModelUri.gcs('m', 'u'), requirements: ['gpu'] });
    expect(() => app.synth()).not.toThrow();
    new SeldonModel(models, 'bad', { storageUri: ModelUri.gcs('m', 'bad'), requirements: ['tpu'] });
    expect(() => app.synth()).toThrow(/SeldonModel 'models\/bad': requirements \["tpu"\] are not all advertised by any Server in the app/);
  });
});

describe('created children are exposed', () => {
  test('the Seldon resource of each construct is its apiObject, and its name is known at construction', () => {
    const chart = Testing.chart();
    const model = new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'x') });
    const server = new SeldonServer(chart, 's');
    const v2 = new SeldonModel(chart, 'v', { storageUri: ModelUri.gcs('m', 'v'), requirements: ['sklearn'], server });
    const out = Testing.synth(chart);
    expect(out.map(o => o.metadata.name)).toEqual([model.name, server.name, v2.name]);
    expect([model.apiObject.kind, server.apiObject.kind, v2.apiObject.kind]).toEqual(['SeldonDeployment', 'Server', 'Model']);
  });
});
