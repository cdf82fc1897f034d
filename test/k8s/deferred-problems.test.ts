// The props of PrepackagedModel, RcloneSecret and RcloneExternalSecret are checked before `super()`, while the
// construct does not exist: what the check defers to synth waits under the parent until the construct adopts it
// (src/errors.ts). It must reach the construct whatever its id, including one constructs rewrites ("a/b" is "a--b").
import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ModelUri, PrepackagedModel, PrepackagedServer, RcloneExternalSecret, RcloneRemote, RcloneSecret } from '../../src';

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
