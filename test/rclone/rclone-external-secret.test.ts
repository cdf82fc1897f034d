import { Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import {
  ExternalSecretStoreKind, ModelUri, PrepackagedModel, PrepackagedServer, RcloneExternalSecret, RcloneRemote, RcloneSecret,
  RcloneSecretFormat, SeldonModel, SeldonRuntime,
} from '../../src';
import { bundledRegistry, CrdValidator } from '../../src/validation';

const KEYS = [
  { remote: 's3', option: 'access_key_id', key: 'seldon/minio', property: 'accessKey' },
  { remote: 's3', option: 'secret_access_key', key: 'seldon/minio', property: 'secretKey' },
];
const remote = () => RcloneRemote.s3({ provider: 'Minio', endpoint: 'http://minio.minio:9000' });

/** What the operator does with `target.template.data` (engine v2): the subset of Go templates the library writes. */
function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{ (?:"\{\{"|index \. ("[^"]*")( \| toJson)?) \}\}/g, (_m, key?: string, json?: string) => {
    if (key === undefined) return '{{';
    const value = values[JSON.parse(key)];
    return json ? JSON.stringify(value) : value;
  });
}

const validator = new CrdValidator(bundledRegistry(), { strict: true });

describe('RcloneExternalSecret', () => {
  test('ENV_VARS: the Secret the operator makes is what an RcloneSecret writes, and no credential is synthesized', () => {
    const chart = Testing.chart();
    const es = new RcloneExternalSecret(chart, 'creds', {
      metadata: { name: 'seldon-rclone' },
      secretStore: { name: 'vault', kind: ExternalSecretStoreKind.CLUSTER_SECRET_STORE },
      refreshInterval: Duration.minutes(15),
      remotes: [remote()],
      values: KEYS,
    });
    const [out] = Testing.synth(chart);
    expect(out.apiVersion).toBe('external-secrets.io/v1');
    expect(out.kind).toBe('ExternalSecret');
    expect(out.spec.secretStoreRef).toEqual({ name: 'vault', kind: 'ClusterSecretStore' });
    expect(out.spec.refreshInterval).toBe('900s');
    expect(out.spec.target.creationPolicy).toBe('Owner');
    expect(out.spec.target.template.engineVersion).toBe('v2');
    expect(out.spec.data).toEqual([
      { secretKey: 's3.access_key_id', remoteRef: { key: 'seldon/minio', property: 'accessKey' } },
      { secretKey: 's3.secret_access_key', remoteRef: { key: 'seldon/minio', property: 'secretKey' } },
    ]);
    const values = { 's3.access_key_id': 'AKIA"x', 's3.secret_access_key': 's3cr{{et' };
    const rendered = Object.fromEntries(Object.entries<string>(out.spec.target.template.data).map(([k, t]) => [k, renderTemplate(t, values)]));
    const literal = Testing.chart();
    new RcloneSecret(literal, 'creds', { remotes: [RcloneRemote.s3({ provider: 'Minio', endpoint: 'http://minio.minio:9000', accessKeyId: 'AKIA"x', secretAccessKey: 's3cr{{et' })] });
    expect(rendered).toEqual(Testing.synth(literal)[0].stringData);
    expect(Object.keys(rendered)).toEqual(Object.keys(Testing.synth(literal)[0].stringData));
    expect(es.name).toBe('seldon-rclone');
    expect(es.kind).toBe('Secret');
    expect(es.definesRemote('S3')).toBe(true);
    expect(RcloneSecret.isRcloneSecret(es)).toBe(true);
    const report = validator.validateObjects([out], 'env');
    expect(report.errors).toEqual([]);
    expect(report.validated).toBe(1);
  });

  test('V2_DOCUMENT: one key holding {type, name, parameters} with the values spliced in as JSON strings', () => {
    const chart = Testing.chart();
    new RcloneExternalSecret(chart, 'creds', {
      secretStore: { name: 'aws' },
      format: RcloneSecretFormat.V2_DOCUMENT,
      remotes: [RcloneRemote.custom('gcs', 'google cloud storage', { anonymous: 'false' })],
      values: [{ remote: 'gcs', option: 'service_account_credentials', key: 'seldon-gcs-key' }],
    });
    const [out] = Testing.synth(chart);
    expect(out.spec.secretStoreRef).toEqual({ name: 'aws', kind: 'SecretStore' });
    expect(out.spec.refreshInterval).toBeUndefined();
    const template = out.spec.target.template.data;
    expect(Object.keys(template)).toEqual(['gcs']);
    expect(template.gcs).toBe('{"type":"google cloud storage","name":"gcs","parameters":{"anonymous":"false","service_account_credentials":{{ index . "gcs.service_account_credentials" | toJson }}}}');
    const key = '{"type":"service_account","private_key":"-----BEGIN\\n"}';
    const doc = JSON.parse(renderTemplate(template.gcs, { 'gcs.service_account_credentials': key }));
    expect(doc).toEqual(RcloneRemote.custom('gcs', 'google cloud storage', { anonymous: 'false', service_account_credentials: key }).toV2Document());
    expect(validator.validateObjects([out], 'v2').errors).toEqual([]);
  });

  test('accepted as v1 credentials, v2 model secret and runtime config secret; models are ordered after it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'models', { namespace: 'seldon' });
    const v1 = new RcloneExternalSecret(chart, 'v1creds', { secretStore: { name: 'vault' }, remotes: [remote()], values: KEYS });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: v1 });
    const v2 = new RcloneExternalSecret(chart, 'v2creds', {
      secretStore: { name: 'vault' },
      format: RcloneSecretFormat.V2_DOCUMENT,
      remotes: [RcloneRemote.s3({ name: 'minio', provider: 'Minio', endpoint: 'http://minio.minio:9000' })],
      values: KEYS.map(k => ({ ...k, remote: 'minio' })),
    });
    new SeldonModel(chart, 'm', { storageUri: ModelUri.parse('minio://models/iris'), requirements: ['sklearn'], secret: v2 });
    new SeldonRuntime(chart, 'runtime', { config: { rcloneConfigSecrets: [v2] } });
    const objects = Testing.synth(chart);
    const kinds = objects.map(o => o.kind);
    expect(kinds.indexOf('ExternalSecret')).toBeLessThan(kinds.indexOf('SeldonDeployment'));
    expect(kinds.lastIndexOf('ExternalSecret')).toBeLessThan(kinds.indexOf('Model'));
    const sdep = objects.find(o => o.kind === 'SeldonDeployment')!;
    expect(sdep.spec.predictors[0].graph.envSecretRefName).toBe(v1.name);
    expect(objects.find(o => o.kind === 'Model')!.spec.secretName).toBe(v2.name);
    expect(JSON.stringify(objects.find(o => o.kind === 'SeldonRuntime'))).toContain(v2.name);
    expect(objects.filter(o => o.kind === 'ExternalSecret').every(o => o.metadata.namespace === 'seldon')).toBe(true);
    expect(validator.validateObjects(objects, 'all').errors).toEqual([]);
  });

  test('the URI-remote checks read its remotes and format', () => {
    const chart = Testing.chart();
    const env = new RcloneExternalSecret(chart, 'env', { secretStore: { name: 'vault' }, remotes: [remote()], values: KEYS });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('minio://models/iris'), credentials: env });
    expect(() => Testing.synth(chart)).toThrow(/names rclone remote "minio", which credentials RcloneSecret 'test\/env' does not define/);
    const v2 = Testing.chart();
    const wrong = new RcloneExternalSecret(v2, 'env', { secretStore: { name: 'vault' }, remotes: [remote()], values: KEYS });
    new SeldonModel(v2, 'm', { storageUri: ModelUri.parse('s3://models/iris'), requirements: ['sklearn'], secret: wrong });
    expect(() => Testing.synth(v2)).toThrow(/secret is RcloneSecret 'test\/env' in format env-vars, which the v2 agent cannot read/);
  });

  test('a literal credential in a remote is refused without echoing it', () => {
    const chart = Testing.chart();
    let message = '';
    try {
      new RcloneExternalSecret(chart, 'creds', {
        secretStore: { name: 'vault' },
        remotes: [RcloneRemote.s3({ accessKeyId: 'AKIASECRETVALUE', secretAccessKey: 'TOPSECRETVALUE' })],
        values: [{ remote: 's3', option: 'secret_access_key', key: 'k' }],
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/remotes \("s3"\) option "access_key_id" holds a literal credential, which would be written to dist\//);
    expect(message).toMatch(/values\[0\].option "secret_access_key" also has a value in RcloneRemote "s3"/);
    expect(message).not.toMatch(/SECRETVALUE/);
  });

  test('literal text containing "{{" stays literal', () => {
    const chart = Testing.chart();
    new RcloneExternalSecret(chart, 'creds', {
      secretStore: { name: 'vault' },
      remotes: [RcloneRemote.custom('web', 'http', { url: 'http://h/{{x}}' })],
      values: [{ remote: 'web', option: 'headers', key: 'web/headers' }],
    });
    const [out] = Testing.synth(chart);
    expect(out.spec.target.template.data.RCLONE_CONFIG_WEB_URL).toBe('http://h/{{ "{{" }}x}}');
    expect(renderTemplate(out.spec.target.template.data.RCLONE_CONFIG_WEB_URL, {})).toBe('http://h/{{x}}');
  });

  test('JSON patches on its object are all kept, including fields the ExternalSecret binding does not declare', () => {
    const chart = Testing.chart();
    const es = new RcloneExternalSecret(chart, 'creds', { secretStore: { name: 'vault' }, remotes: [remote()], values: KEYS });
    es.apiObject.addJsonPatch(
      JsonPatch.add('/spec/refreshPolicy', 'OnChange'),
      JsonPatch.add('/spec/target/deletionPolicy', 'Retain'),
      JsonPatch.replace('/spec/target/creationPolicy', 'Merge'),
      JsonPatch.add('/metadata/annotations', { 'argocd.argoproj.io/sync-wave': '-1' }),
      // a field of a newer operator's CRD, which this binding (ESO 2.9.0) does not declare
      JsonPatch.add('/spec/target/fromNewerOperator', { kept: true }),
    );
    // the object's own manifest, not Testing.synth: validate:fixtures validates every synthesized
    // object strictly, and this one carries a field of a newer CRD on purpose
    const out = es.apiObject.toJson();
    expect(out.spec.refreshPolicy).toBe('OnChange');
    expect(out.spec.target.deletionPolicy).toBe('Retain');
    expect(out.spec.target.creationPolicy).toBe('Merge');
    expect(out.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-1' });
    expect(out.spec.target.fromNewerOperator).toEqual({ kept: true });
    expect(Object.keys(out)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    delete out.spec.target.fromNewerOperator;
    expect(validator.validateObjects([out], 'patched').errors).toEqual([]);
  });
});
