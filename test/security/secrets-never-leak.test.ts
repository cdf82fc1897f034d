import { App, Chart, Testing } from 'cdk8s';
import {
  MigratedModel, ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat, SeldonModel, SeldonProtocol,
} from '../../src';

/** Distinct, recognisable credential values, so any copy of one is found. */
const CREDENTIALS = {
  awsKey: 'AKIA-LEAK-CHECK-0001',
  awsSecret: 'aws-secret-LEAK-CHECK-0002',
  minioKey: 'minio-key-LEAK-CHECK-0003',
  minioSecret: 'minio-secret-LEAK-CHECK-0004',
  gcpKey: 'gcp-private-key-LEAK-CHECK-0005',
  azureKey: 'azure-key-LEAK-CHECK-0006',
  custom: 'webdav-pass-LEAK-CHECK-0007',
};

function appWithEveryCredential(): { app: App; remotes: RcloneRemote[] } {
  const app = Testing.app();
  const chart = new Chart(app, 'models', { namespace: 'seldon' });
  const remotes = [
    RcloneRemote.s3({ name: 'aws', accessKeyId: CREDENTIALS.awsKey, secretAccessKey: CREDENTIALS.awsSecret }),
    RcloneRemote.minio({ name: 'minio', endpoint: 'http://minio:9000', accessKeyId: CREDENTIALS.minioKey, secretAccessKey: CREDENTIALS.minioSecret }),
    RcloneRemote.gcs({ name: 'gcs', serviceAccountCredentials: JSON.stringify({ type: 'service_account', private_key: CREDENTIALS.gcpKey }) }),
    RcloneRemote.azureBlob({ name: 'azure', account: 'acct', key: CREDENTIALS.azureKey }),
    RcloneRemote.custom('dav', 'webdav', { url: 'https://dav.example.com', user: 'u', pass: CREDENTIALS.custom }),
  ];
  const secret = new RcloneSecret(chart, 'creds', { remotes });
  for (const remote of remotes) {
    for (const explicit of [false, true]) {
      new PrepackagedModel(chart, `${remote.name}-${explicit ? 'explicit' : 'injected'}`, {
        server: PrepackagedServer.SKLEARN,
        protocol: SeldonProtocol.V2,
        modelUri: ModelUri.remote(remote.name, 'models/iris'),
        credentials: secret,
        explicitStorageInitializer: explicit,
      });
    }
  }
  return { app, remotes };
}

describe('credential values appear only inside Secret objects', () => {
  const { app, remotes } = appWithEveryCredential();
  const objects = app.charts.flatMap(c => Testing.synth(c));
  const sensitive = remotes.flatMap(r => r.sensitiveValues);

  test('the scan has something to find', () => {
    // Every planted value is known to the remotes as sensitive (the GCS one inside its key document).
    for (const value of Object.values(CREDENTIALS)) {
      expect(sensitive.some(s => s.includes(value))).toBe(true);
    }
    expect(objects.filter(o => o.kind === 'Secret')).toHaveLength(1);
    expect(objects.filter(o => o.kind === 'SeldonDeployment')).toHaveLength(10);
  });

  test('the Secret holds them', () => {
    const secret = JSON.stringify(objects.find(o => o.kind === 'Secret'));
    for (const value of Object.values(CREDENTIALS)) expect(secret).toContain(value);
  });

  test.each(Object.entries(CREDENTIALS))('%s is in no other object (env, args, annotations, labels, CR fields)', (_, value) => {
    const leaks = objects.filter(o => o.kind !== 'Secret' && JSON.stringify(o).includes(value));
    expect(leaks.map(o => `${o.kind}/${o.metadata?.name}`)).toEqual([]);
  });

  test('models reference the Secret by name only', () => {
    const secretName = objects.find(o => o.kind === 'Secret').metadata.name;
    const sdeps = objects.filter(o => o.kind === 'SeldonDeployment');
    for (const sdep of sdeps) {
      const text = JSON.stringify(sdep);
      expect(text).toContain(`"${secretName}"`);
    }
  });
});

describe('v2 and migration: credential values stay in Secrets', () => {
  test('v2 storage Secrets, the models reading them and migrated v1 models', () => {
    const app = Testing.app();
    const v1 = new Chart(app, 'v1', { namespace: 'seldon' });
    const v2 = new Chart(app, 'v2', { namespace: 'seldon-mesh' });
    const minio = RcloneRemote.minio({ name: 'minio', endpoint: 'http://minio:9000', accessKeyId: CREDENTIALS.minioKey, secretAccessKey: CREDENTIALS.minioSecret });
    const aws = RcloneRemote.s3({ name: 'aws', accessKeyId: CREDENTIALS.awsKey, secretAccessKey: CREDENTIALS.awsSecret });
    const v2Secret = new RcloneSecret(v2, 'minio', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [minio] });
    new SeldonModel(v2, 'iris', { storageUri: ModelUri.parse('minio://models/iris'), requirements: ['sklearn'], secret: v2Secret });
    const v1Secret = new RcloneSecret(v1, 'aws', { remotes: [aws] });
    const old = new PrepackagedModel(v1, 'old', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('aws://models/old'), credentials: v1Secret });
    new MigratedModel(v2, 'old', { prepackagedModel: old });
    const objects = app.charts.flatMap(c => Testing.synth(c));
    expect(objects.filter(o => o.kind === 'Secret')).toHaveLength(3);
    for (const value of [CREDENTIALS.minioKey, CREDENTIALS.minioSecret, CREDENTIALS.awsKey, CREDENTIALS.awsSecret]) {
      expect(objects.filter(o => JSON.stringify(o).includes(value)).every(o => o.kind === 'Secret')).toBe(true);
      expect(objects.some(o => JSON.stringify(o).includes(value))).toBe(true);
    }
  });
});
