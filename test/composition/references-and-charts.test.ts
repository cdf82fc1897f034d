// Review 17, item 1: a reference that writes no object orders nothing, and a real object in a chart that contains the
// dependent's chart is refused by the library (src/k8s/depend-on.ts), not by cdk8s's bare "Dependency cycle detected".
import * as fs from 'fs';
import { App, Chart, Testing } from 'cdk8s';
import { Secret, ServiceAccount } from 'cdk8s-plus-27';
import {
  ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat, SeldonModel, SeldonServer, ServerConfigRef,
} from '../../src';
import { tempDir } from '../temp-dir';

const platform = (app: App) => new Chart(app, 'platform', { namespace: 'ml' });
const rclone = (scope: Chart, id: string) =>
  new RcloneSecret(scope, id, { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3({ envAuth: true })] });

describe('a reference that writes no object, declared in a parent chart and used from a nested chart', () => {
  test('RcloneSecret.fromExistingSecret(): synthesizes, and the model names the Secret', () => {
    const app = Testing.app();
    const parent = platform(app);
    const creds = RcloneSecret.fromExistingSecret(parent, 'creds', 'seldon-s3', { remoteNames: ['s3'], format: RcloneSecretFormat.V2_DOCUMENT });
    new SeldonServer(parent, 'srv', { metadata: { name: 'srv' } });
    const team = new Chart(parent, 'team-a');
    new SeldonModel(team, 'm', { storageUri: ModelUri.parse('s3://x/y'), requirements: ['sklearn'], secret: creds });
    expect(app.synthYaml()).toMatch(/secretName: seldon-s3/);
  });

  test('SeldonServer.fromServerName(): synthesizes', () => {
    const app = Testing.app();
    const parent = platform(app);
    const srv = SeldonServer.fromServerName(parent, 'mlserver', 'mlserver');
    new SeldonModel(new Chart(parent, 'team-a'), 'm', { storageUri: ModelUri.parse('gs://x/y'), server: srv });
    expect(app.synthYaml()).toMatch(/server: mlserver/);
  });

  test('v1: Secret.fromSecretName() and ServiceAccount.fromServiceAccountName(): synthesize', () => {
    const app = Testing.app();
    const parent = platform(app);
    const creds = Secret.fromSecretName(parent, 'creds', 'seldon-s3');
    const sa = ServiceAccount.fromServiceAccountName(parent, 'sa', 'models');
    new PrepackagedModel(new Chart(parent, 'team-a'), 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y'), credentials: creds, serviceAccount: sa,
    });
    const yaml = app.synthYaml();
    expect(yaml).toMatch(/envSecretRefName: seldon-s3/);
    expect(yaml).toMatch(/serviceAccountName: models/);
  });
});

describe('a reference that writes no object, between sibling charts', () => {
  const files = (pinned: boolean): string[] => {
    const outdir = tempDir('composition-');
    const app = new App({ outdir });
    const models = new Chart(app, 'models', { namespace: 'ml' });
    const refs = new Chart(app, 'refs', { namespace: 'ml' });
    const srv = SeldonServer.fromServerName(refs, 'mlserver', 'mlserver', { serverConfig: ServerConfigRef.MLSERVER, replicas: 1 });
    new SeldonModel(models, 'iris', { storageUri: ModelUri.parse('gs://x/y'), ...(pinned ? { server: srv } : { requirements: ['sklearn'] }) });
    app.synth();
    return fs.readdirSync(outdir).sort();
  };

  test('pinning a model to a fromServerName() reference renames no FILE_PER_CHART file', () => {
    expect(files(true)).toEqual(['models.k8s.yaml', 'refs.k8s.yaml']);
    // control: the same without the pin
    expect(files(false)).toEqual(['models.k8s.yaml', 'refs.k8s.yaml']);
  });

  test('control: a real Secret in a sibling chart still orders the charts (its chart is written first)', () => {
    const outdir = tempDir('composition-');
    const app = new App({ outdir });
    const models = new Chart(app, 'models', { namespace: 'ml' });
    const secrets = new Chart(app, 'secrets', { namespace: 'ml' });
    new SeldonServer(models, 'srv', { metadata: { name: 'srv' } });
    new SeldonModel(models, 'iris', { storageUri: ModelUri.parse('s3://x/y'), requirements: ['sklearn'], secret: rclone(secrets, 'creds') });
    app.synth();
    expect(fs.readdirSync(outdir).sort()).toEqual(['0000-secrets.k8s.yaml', '0001-models.k8s.yaml']);
  });
});

describe('a real object in a chart that contains the dependent\'s chart', () => {
  test('v2: refused by the library, naming both construct paths, the charts and the remedy', () => {
    const app = Testing.app();
    const parent = platform(app);
    const creds = rclone(parent, 'creds');
    new SeldonServer(parent, 'srv', { metadata: { name: 'srv' } });
    new SeldonModel(new Chart(parent, 'team-a'), 'm', { storageUri: ModelUri.parse('s3://x/y'), requirements: ['sklearn'], secret: creds });
    // The whole message, the library's problem alone: no cdk8s "Dependency cycle detected" besides it.
    expect(() => app.synthYaml()).toThrow(new Error('Validation failed with the following errors:\n  [cdk8s-seldon.checks] '
      + 'SeldonModel \'platform/team-a/m\': secret is RcloneSecret \'platform/creds\' in chart \'platform\', which contains the SeldonModel\'s chart '
      + '\'platform/team-a\': cdk8s writes a nested chart before the chart that contains it (each chart depends on the charts nested in it), '
      + 'so the RcloneSecret cannot be written before the SeldonModel (the order the library keeps) and cdk8s would refuse the dependency as a cycle; '
      + 'accepted: the RcloneSecret in the SeldonModel\'s chart, in a chart nested in it or in a sibling chart (not one that contains it), '
      + 'or a reference to the existing object that writes nothing (e.g. Secret.fromSecretName())'));
  });

  test('v1: a cdk8s-plus ServiceAccount in the parent chart is refused the same way, with the field', () => {
    const app = Testing.app();
    const parent = platform(app);
    const sa = new ServiceAccount(parent, 'sa');
    new PrepackagedModel(new Chart(parent, 'team-a'), 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y'), serviceAccount: sa });
    expect(() => app.synthYaml()).toThrow(/PrepackagedModel 'platform\/team-a\/m': serviceAccount is ServiceAccount 'platform\/sa' in chart 'platform'/);
  });

  test('control: the Secret in a chart nested in the model\'s chart is written before the model', () => {
    const app = Testing.app();
    const parent = platform(app);
    new SeldonServer(parent, 'srv', { metadata: { name: 'srv' } });
    const creds = rclone(new Chart(parent, 'secrets'), 'creds');
    new SeldonModel(parent, 'm', { metadata: { name: 'm' }, storageUri: ModelUri.parse('s3://x/y'), requirements: ['sklearn'], secret: creds });
    const kinds = app.synthYaml().split('\n').filter(l => l.startsWith('kind: '));
    expect(kinds.indexOf('kind: Secret')).toBeLessThan(kinds.indexOf('kind: Model'));
  });

  test('a refused model taken out of the tree is not reported', () => {
    const app = Testing.app();
    const parent = platform(app);
    const creds = rclone(parent, 'creds');
    new SeldonServer(parent, 'srv', { metadata: { name: 'srv' } });
    const team = new Chart(parent, 'team-a');
    new SeldonModel(team, 'm', { storageUri: ModelUri.parse('s3://x/y'), requirements: ['sklearn'], secret: creds });
    team.node.tryRemoveChild('m');
    expect(() => app.synthYaml()).not.toThrow();
  });
});
