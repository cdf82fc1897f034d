import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat, SeldonModel } from '../../src';

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
      expect(() => new RcloneSecret(chart, 'creds', { remotes: [RcloneRemote.s3({ accessKeyId: 'a', endpoint: 'minio:9000' })] }))
        .toThrow(/secretAccessKey is empty[\s\S]*\n[\s\S]*endpoint "minio:9000" is not an http\(s\) URL/);
    });
  });
});

describe('RcloneSecret.fromExistingSecret and fromSecretName: an existing Secret', () => {
  test('renders nothing and is referenced by name', () => {
    const chart = Testing.chart();
    const existing = RcloneSecret.fromExistingSecret(chart, 'creds', 'seldon-rclone-secret', { remoteNames: ['minio'] });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('minio://models/iris'), credentials: existing });
    const out = Testing.synth(chart);
    expect(out.map(o => o.kind)).toEqual(['SeldonDeployment']);
    expect(out[0].spec.predictors[0].graph.envSecretRefName).toBe('seldon-rclone-secret');
    expect(existing.name).toBe('seldon-rclone-secret');
    expect(existing.remoteNames).toEqual(['minio']);
    expect(existing.definesRemote('MINIO')).toBe(true);
    expect(RcloneSecret.isRcloneSecret(existing)).toBe(true);
  });

  test('its declared remotes are checked against model URIs', () => {
    const chart = Testing.chart();
    const existing = RcloneSecret.fromExistingSecret(chart, 'creds', 'seldon-rclone-secret', { remoteNames: ['minio'] });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: existing });
    expect(() => Testing.synth(chart)).toThrow(/modelUri "s3:\/\/models\/iris" names rclone remote "s3", which credentials RcloneSecret 'test\/creds' does not define; remotes defined there: minio/);
  });

  test('without remote names it is not checked', () => {
    const chart = Testing.chart();
    const existing = RcloneSecret.fromExistingSecret(chart, 'creds', 'seldon-rclone-secret');
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: existing });
    expect(RcloneSecret.isRcloneSecret(existing)).toBe(true);
    expect(existing.remoteNames).toBeUndefined();
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('its format is checked even without remote names', () => {
    const v1 = Testing.chart();
    const v2Secret = RcloneSecret.fromExistingSecret(v1, 'creds', 'minio-v2', { format: RcloneSecretFormat.V2_DOCUMENT });
    new PrepackagedModel(v1, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: v2Secret });
    expect(() => Testing.synth(v1)).toThrow(/credentials is RcloneSecret 'test\/creds' in format v2-document, which the v1 storage initializer cannot read/);
    const v2 = Testing.chart();
    const v1Secret = RcloneSecret.fromExistingSecret(v2, 'creds', 'minio-env');
    new SeldonModel(v2, 'iris', { storageUri: ModelUri.parse('minio://models/iris'), requirements: ['sklearn'], secret: v1Secret });
    expect(() => Testing.synth(v2)).toThrow(/secret is RcloneSecret 'test\/creds' in format env-vars, which the v2 agent cannot read/);
  });

  test('an existing v2 storage Secret for a v2 model', () => {
    const chart = Testing.chart();
    const existing = RcloneSecret.fromExistingSecret(chart, 'creds', 'minio-v2', { remoteNames: ['s3'], format: RcloneSecretFormat.V2_DOCUMENT });
    new SeldonModel(chart, 'iris', { storageUri: ModelUri.parse('minio://models/iris'), requirements: ['sklearn'], secret: existing });
    expect(() => Testing.synth(chart)).toThrow(/secret is RcloneSecret 'test\/creds' for remote "s3", but storageUri "minio:\/\/models\/iris" names remote "minio"/);
  });

  test('fromSecretName (inherited from Secret) references one opaquely', () => {
    const chart = Testing.chart();
    const opaque = RcloneSecret.fromSecretName(chart, 'opaque', 'by-name');
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: opaque });
    expect(Testing.synth(chart)[0].spec.predictors[0].graph.envSecretRefName).toBe('by-name');
  });

  test('env values can be read from it', () => {
    const chart = Testing.chart();
    const existing = RcloneSecret.fromExistingSecret(chart, 'creds', 'seldon-rclone-secret');
    expect(existing.envValue('RCLONE_CONFIG_S3_TYPE').valueFrom).toEqual({ secretKeyRef: { name: 'seldon-rclone-secret', key: 'RCLONE_CONFIG_S3_TYPE' } });
  });
});

describe('a gs:// URI with an RcloneSecret: the initializer\'s built-in anonymous "gs" remote reads it', () => {
  const KEY = '{"type":"service_account","project_id":"p"}';
  const build = (uri: ModelUri, remotes: RcloneRemote[], later?: RcloneRemote) => () => {
    const chart = Testing.chart();
    const creds = new RcloneSecret(chart, 'creds', { remotes });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: uri, credentials: creds });
    if (later) creds.addRemote(later);
    return Testing.synth(chart);
  };

  test('a Secret with a Google Cloud Storage remote of another name is refused: its key would never be used', () => {
    expect(build(ModelUri.gcs('private', 'iris'), [RcloneRemote.gcs({ serviceAccountCredentials: KEY })]))
      .toThrow(/modelUri "gs:\/\/private\/iris" reads with the storage initializer's built-in anonymous remote "gs", so the Google Cloud Storage remote "gcs" of credentials RcloneSecret 'test\/creds' is never used; ModelUri\.remote/);
  });

  test('a custom remote whose backend is rclone\'s "gcs" prefix counts as Google Cloud Storage too', () => {
    expect(build(ModelUri.gcs('private', 'iris'), [RcloneRemote.custom('bucket', 'gcs', { service_account_credentials: KEY })]))
      .toThrow(/so the Google Cloud Storage remote "bucket" of credentials RcloneSecret 'test\/creds' is never used/);
  });

  test('a Secret with other backends only is no sign of a mistake: a canary on a public gs:// bucket inherits the model\'s S3 Secret', () => {
    const chart = Testing.chart();
    const creds = new RcloneSecret(chart, 'creds', { remotes: [RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })] });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: creds })
      .withCanary({ modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'), traffic: 10 });
    const canary = Testing.synth(chart).find(o => o.kind === 'SeldonDeployment').spec.predictors[1].graph;
    expect(canary).toMatchObject({ modelUri: 'gs://seldon-models/sklearn/iris', envSecretRefName: creds.name });
  });

  test('the key\'s own remote in the URI, or a Secret that redefines "gs" (its variables override the image\'s), is accepted', () => {
    const [, sdep] = build(ModelUri.remote('gcs', 'private/iris'), [RcloneRemote.gcs({ serviceAccountCredentials: KEY })])();
    expect(sdep.spec.predictors[0].graph.modelUri).toBe('gcs:private/iris');
    expect(build(ModelUri.gcs('private', 'iris'), [RcloneRemote.gcs({ name: 'gs', serviceAccountCredentials: KEY })])).not.toThrow();
    // A remote added after the model counts: the check runs at synth.
    expect(build(ModelUri.gcs('private', 'iris'), [RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })],
      RcloneRemote.gcs({ name: 'gs', serviceAccountCredentials: KEY }))).not.toThrow();
  });

  test('a gs:// URI without credentials, or with a Secret the library cannot read the remotes of, is not checked', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'a', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris') });
    const existing = RcloneSecret.fromSecretName(chart, 'existing', 'rclone-creds');
    new PrepackagedModel(chart, 'b', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris'), credentials: existing });
    expect(Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment')).toHaveLength(2);
  });
});
