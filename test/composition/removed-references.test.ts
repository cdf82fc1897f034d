// A construct taken out of the tree with tryRemoveChild() keeps its scope, so an object that names it (a model its
// credentials Secret, a Server its ServiceAccount) still writes its name: the manifest then names an object the app no
// longer writes. src/k8s/depend-on.ts holds every such relation, and reports one whose target is gone while the
// dependent stays; the v2 checks report Models, Servers, Pipelines and Experiments in Seldon's terms, once.
import { App, Chart, Testing } from 'cdk8s';
import { PersistentVolumeClaim, ServiceAccount } from 'cdk8s-plus-27';
import {
  Experiment, ExperimentTarget, ModelExplainer, ModelUri, Pipeline, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret,
  RcloneSecretFormat, RpsAutoscaler, SeldonModel, SeldonServer,
} from '../../src';
import { synthError } from '../synth-error';

const chart = () => Testing.chart();
const s3 = (scope: Chart, format?: RcloneSecretFormat) =>
  new RcloneSecret(scope, 'creds', { format, metadata: { name: 'storage' }, remotes: [RcloneRemote.s3({ name: 's3', envAuth: true })] });

/** Pipeline 'p' of `c`, whose one step, SeldonModel 'iris', is then taken out of the tree. */
function pipelineOfRemovedStep(c: Chart): void {
  const iris = new SeldonModel(c, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.gcs('models', 'iris'), requirements: ['sklearn'] });
  const p = new Pipeline(c, 'p');
  p.addOutput(p.addStep(iris));
  c.node.tryRemoveChild('iris');
}

describe('a reference to an object taken out of the tree', () => {
  test('a v1 model\'s credentials: refused, naming the model, the field and the Secret', () => {
    const c = chart();
    new PrepackagedModel(c, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: s3(c) });
    c.node.tryRemoveChild('creds');
    expect(() => Testing.synth(c)).toThrow(/PrepackagedModel 'test\/iris': credentials is RcloneSecret 'test\/creds' \("storage"\), which was taken out of the tree with tryRemoveChild\(\): the SeldonDeployment names an object the app no longer writes; accepted: an object of this app, or a reference to an existing one/);
  });

  test('a v2 model\'s secret and a Server\'s ServiceAccount and claim', () => {
    const c = chart();
    new SeldonModel(c, 'm', { metadata: { name: 'm' }, storageUri: ModelUri.s3('models', 'iris'), requirements: ['sklearn'], secret: s3(c, RcloneSecretFormat.V2_DOCUMENT) });
    new SeldonServer(c, 'srv', { metadata: { name: 'srv' }, serviceAccount: new ServiceAccount(c, 'sa', { metadata: { name: 'models' } }) })
      .mountPvc(new PersistentVolumeClaim(c, 'pvc', { metadata: { name: 'models' } }), '/mnt/models');
    for (const id of ['creds', 'sa', 'pvc']) c.node.tryRemoveChild(id);
    const message = synthError(c);
    expect(message).toMatch(/SeldonModel 'test\/m': secret is RcloneSecret 'test\/creds' \("storage"\), which was taken out of the tree/);
    expect(message).toMatch(/SeldonServer 'test\/srv': serviceAccount is ServiceAccount 'test\/sa' \("models"\), which was taken out of the tree/);
    expect(message).toMatch(/SeldonServer 'test\/srv': mountPvc\("\/mnt\/models"\) is PersistentVolumeClaim 'test\/pvc' \("models"\), which was taken out of the tree/);
  });

  test('nothing is reported when the dependent is taken out too, or when a reference writes nothing', () => {
    const c = chart();
    new PrepackagedModel(c, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: s3(c) });
    c.node.tryRemoveChild('creds');
    c.node.tryRemoveChild('iris');
    expect(Testing.synth(c)).toEqual([]);
    const d = chart();
    new SeldonServer(d, 'srv', { metadata: { name: 'srv' }, serviceAccount: ServiceAccount.fromServiceAccountName(d, 'sa', 'models') });
    d.node.tryRemoveChild('sa');
    expect(Testing.synth(d)[0].spec.podSpec.serviceAccountName).toBe('models');
  });

  test('an object of the same kind, name and namespace made in its place is what the name reaches: accepted, and ordered first', () => {
    const c = chart();
    new PrepackagedModel(c, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: s3(c) });
    c.node.tryRemoveChild('creds');
    new RcloneSecret(c, 'again', { metadata: { name: 'storage' }, remotes: [RcloneRemote.s3({ name: 's3', envAuth: true })] });
    // ... and the model is written after it, as after the Secret it was given.
    expect(Testing.synth(c).map(o => o.kind)).toEqual(['Secret', 'SeldonDeployment']);
  });

  test('a namesake in another chart is what the name reaches too; it is not ordered from there (a chart containing the model\'s would make a cycle)', () => {
    const app = new App({ outdir: '/nonexistent' });
    const parent = new Chart(app, 'parent', { namespace: 'ns' });
    const child = new Chart(parent, 'child', { namespace: 'ns' });
    new PrepackagedModel(child, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: s3(child) });
    child.node.tryRemoveChild('creds');
    new RcloneSecret(parent, 'again', { metadata: { name: 'storage' }, remotes: [RcloneRemote.s3({ name: 's3', envAuth: true })] });
    // cdk8s wrote nothing but "Dependency cycle detected" when the model was made to depend on it.
    expect(app.synthYaml()).toMatch(/envSecretRefName: storage[^]*kind: Secret/);
  });

  test('a Pipeline step taken out is reported once, by the v2 checks, in Seldon\'s terms', () => {
    const c = chart();
    pipelineOfRemovedStep(c);
    const message = synthError(c);
    expect(message.match(/steps\["iris"\] is SeldonModel 'test\/iris'/g)).toHaveLength(1);
    expect(message).not.toMatch(/no longer writes/);
  });

  // README ("Ordering"): the scheduler resolves a step, a target or an explained model by name in the namespace of the
  // object that names it, so a model of that name made in its place is what it reaches, as for a Secret.
  test('a Pipeline step, an Experiment target or an explained model taken out is accepted when a model of its name is made in its place', () => {
    const c = chart();
    const model = (id: string) => new SeldonModel(c, id, { metadata: { name: 'iris' }, storageUri: ModelUri.gcs('models', 'iris'), requirements: ['sklearn'] });
    const iris = model('iris');
    const p = new Pipeline(c, 'p');
    p.addOutput(p.addStep(iris));
    new SeldonModel(c, 'explainer', { metadata: { name: 'explainer' }, storageUri: ModelUri.gcs('models', 'ex'), explainer: ModelExplainer.forModel('anchor_tabular', iris) });
    new Experiment(c, 'e', { candidates: [{ target: ExperimentTarget.model(iris), weight: 100 }] });
    c.node.tryRemoveChild('iris');
    expect(() => Testing.synth(c)).toThrow(/Pipeline 'test\/p': steps\["iris"\] is SeldonModel 'test\/iris' \("iris"\), which is not part of this app/);
    model('again');
    const written = Testing.synth(c);
    expect(written.find(o => o.kind === 'Pipeline')!.spec.steps).toEqual([{ name: 'iris' }]);
    expect(written.find(o => o.kind === 'Experiment')!.spec.candidates).toEqual([{ name: 'iris', weight: 100 }]);
  });

  test('... but not a model of its name in another namespace: the scheduler looks in the namespace of the object that names it', () => {
    const c = chart();
    pipelineOfRemovedStep(c);
    new SeldonModel(c, 'elsewhere', { metadata: { name: 'iris', namespace: 'other' }, storageUri: ModelUri.gcs('models', 'iris'), requirements: ['sklearn'] });
    expect(() => Testing.synth(c)).toThrow(/steps\["iris"\] is SeldonModel 'test\/iris' \("iris"\), which is not part of this app/);
  });

  test('a later synth reports it again (nothing is settled while a relation is lost), and a synth before the removal wrote it', () => {
    const c = chart();
    new PrepackagedModel(c, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: s3(c) });
    expect(Testing.synth(c).map(o => o.kind)).toEqual(['Secret', 'SeldonDeployment']);
    c.node.tryRemoveChild('creds');
    expect(() => Testing.synth(c)).toThrow(/no longer writes/);
    expect(() => Testing.synth(c)).toThrow(/credentials is RcloneSecret 'test\/creds'/);
  });
});

describe('the autoscaler of a model taken out of the tree', () => {
  // Its HorizontalPodAutoscaler names the Model (scaleTargetRef and the metric's describedObject) by name.
  test('is refused, naming the HPA, the field and the model; nothing is reported while the model stays', () => {
    const c = chart();
    const server = new SeldonServer(c, 'srv', { metadata: { name: 'srv' } });
    const model = new SeldonModel(c, 'm', { metadata: { name: 'm' }, storageUri: ModelUri.gcs('models', 'iris'), requirements: ['sklearn'], server });
    new RpsAutoscaler(c, 'scale', { model, server, targetRps: 3, maxReplicas: 4 });
    expect(Testing.synth(c).map(o => o.kind)).toEqual(['Server', 'Model', 'HorizontalPodAutoscaler', 'HorizontalPodAutoscaler']);
    c.node.tryRemoveChild('m');
    expect(synthError(c)).toMatch(/HorizontalPodAutoscaler 'test\/scale\/Model': model is SeldonModel 'test\/m' \("m"\), which was taken out of the tree with tryRemoveChild\(\): the HorizontalPodAutoscaler names an object the app no longer writes/);
  });
});
