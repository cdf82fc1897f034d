// The props of PrepackagedModel, RcloneSecret and RcloneExternalSecret are checked before `super()`, while the
// construct does not exist: what the check defers to synth waits under the parent until the construct adopts it
// (src/errors.ts). It must reach the construct whatever its id, including one constructs rewrites ("a/b" is "a--b").
import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ModelUri, PrepackagedModel, PrepackagedServer, RcloneExternalSecret, RcloneRemote, RcloneSecret } from '../../src';
import { synthError } from '../synth-error';

const LABELS = { 'bad key': 'x' };

const MAKERS: Array<[string, (scope: Construct, id: string) => Construct]> = [
  ['PrepackagedModel', (scope, id) => new PrepackagedModel(scope, id, {
    server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris'), metadata: { labels: LABELS },
  })],
  ['RcloneSecret', (scope, id) => new RcloneSecret(scope, id, { remotes: [RcloneRemote.s3({ envAuth: true })], metadata: { labels: LABELS } })],
  ['RcloneExternalSecret', (scope, id) => new RcloneExternalSecret(scope, id, {
    secretStore: { name: 'vault' },
    remotes: [RcloneRemote.s3({ provider: 'Minio', endpoint: 'http://minio.minio:9000' })],
    values: ['access_key_id', 'secret_access_key'].map(option => ({ remote: 's3', option, key: 'seldon/minio', property: option })),
    metadata: { labels: LABELS },
  })],
];

describe('a problem deferred before the construct exists is reported at synth', () => {
  test.each(MAKERS.flatMap(([kind, make]) => ['iris', 'team/iris'].map(id => [kind, id, make] as const)))(
    '%s with the id %j', (_kind, id, make) => {
      const app = Testing.app();
      const made = make(new Chart(app, 'c', { namespace: 'a' }), id);
      expect(made.node.path).toBe(`c/${id.replace('/', '--')}`);
      expect(() => app.synthYaml()).toThrow(/metadata\.labels key "bad key" is not a qualified name/);
    });
});

describe('a method call that throws takes back only what it deferred itself', () => {
  const model = (scope: Construct) => new PrepackagedModel(scope, 'iris', {
    server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris'), metadata: { labels: LABELS },
  });

  test('a caught error of a later call keeps the problem construction deferred', () => {
    const app = Testing.app();
    const made = model(new Chart(app, 'c'));
    expect(() => made.separatePod('nope', 0)).toThrow(/separatePod/);
    expect(() => app.synthYaml()).toThrow(/metadata\.labels key "bad key" is not a qualified name/);
  });

  test('the failed call\'s own deferred problem is taken back, an earlier one stays, and a later good call adds none', () => {
    const app = Testing.app();
    const made = model(new Chart(app, 'c'));
    expect(() => made.withExplainer({ explainerType: 'Bogus' as any })).toThrow(/explainer\.explainerType "Bogus" is not an explainer type/);
    made.withExplainer({ explainerType: 'AnchorTabular' as any });
    const message = synthError(app);
    expect(message).toMatch(/metadata\.labels key "bad key" is not a qualified name/);
    expect(message).not.toMatch(/Bogus/);
  });
});
