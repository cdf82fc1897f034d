import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { RcloneRemote, RcloneSecret, RcloneSecretFormat } from '../../src';

const minio = () => RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'minioadmin', secretAccessKey: 'minioadmin' });

describe('RcloneSecret', () => {
  test('several remotes in one Secret, added in props and with addRemote()', () => {
    const chart = Testing.chart();
    const secret = new RcloneSecret(chart, 'creds', { remotes: [minio()] });
    secret.addRemote(RcloneRemote.gcs({ name: 'gs' }));
    const [out] = Testing.synth(chart);
    expect(out.kind).toBe('Secret');
    expect(out.type).toBe('Opaque');
    expect(Object.keys(out.stringData).sort()).toEqual([
      'RCLONE_CONFIG_GS_ANONYMOUS', 'RCLONE_CONFIG_GS_TYPE',
      'RCLONE_CONFIG_S3_ACCESS_KEY_ID', 'RCLONE_CONFIG_S3_ENDPOINT', 'RCLONE_CONFIG_S3_ENV_AUTH',
      'RCLONE_CONFIG_S3_PROVIDER', 'RCLONE_CONFIG_S3_SECRET_ACCESS_KEY', 'RCLONE_CONFIG_S3_TYPE',
    ]);
    expect(secret.remotes.map(r => r.name)).toEqual(['s3', 'gs']);
    expect(secret.definesRemote('S3')).toBe(true);
    expect(secret.definesRemote('azureblob')).toBe(false);
    expect(out.metadata.name).toBe(secret.name);
  });

  test('namespace and labels come from the chart', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'models', { namespace: 'seldon', labels: { team: 'ml' } });
    new RcloneSecret(chart, 'creds', { remotes: [minio()] });
    const [out] = Testing.synth(chart);
    expect(out.metadata.namespace).toBe('seldon');
    expect(out.metadata.labels).toEqual({ team: 'ml' });
  });

  test('the v2 format holds one remote as a JSON document under its name', () => {
    const chart = Testing.chart();
    new RcloneSecret(chart, 'creds', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [minio()] });
    const [out] = Testing.synth(chart);
    expect(Object.keys(out.stringData)).toEqual(['s3']);
    expect(JSON.parse(out.stringData.s3)).toEqual({
      type: 's3',
      name: 's3',
      parameters: { provider: 'minio', env_auth: 'false', access_key_id: 'minioadmin', secret_access_key: 'minioadmin', endpoint: 'http://minio:9000' },
    });
  });

  test('the v2 format accepts remote names with "-"', () => {
    const chart = Testing.chart();
    const secret = new RcloneSecret(chart, 'creds', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.gcs({ name: 'gcs-public' })] });
    expect(secret.definesRemote('gcs-public')).toBe(true);
  });

  test('escape hatch: a JSON patch on the Secret shows in the output', () => {
    const chart = Testing.chart();
    const secret = new RcloneSecret(chart, 'creds', { remotes: [minio()] });
    ApiObject.of(secret).addJsonPatch(JsonPatch.add('/metadata/annotations', { 'reflector/allowed': 'true' }));
    expect(Testing.synth(chart)[0].metadata.annotations).toEqual({ 'reflector/allowed': 'true' });
  });

  test('isRcloneSecret tells an RcloneSecret from other values', () => {
    const chart = Testing.chart();
    expect(RcloneSecret.isRcloneSecret(new RcloneSecret(chart, 'creds'))).toBe(true);
    expect(RcloneSecret.isRcloneSecret({})).toBe(false);
    expect(RcloneSecret.isRcloneSecret(undefined)).toBe(false);
  });

  describe('errors', () => {
    // One test per bad input lives in test/catalogue/bad-inputs.ts.
    test('every problem of a remote is reported at once', () => {
      const chart = Testing.chart();
      expect(() => new RcloneSecret(chart, 'creds', { remotes: [RcloneRemote.s3()] }))
        .toThrow(/accessKeyId is empty[\s\S]*\n[\s\S]*secretAccessKey is empty/);
    });
  });
});
