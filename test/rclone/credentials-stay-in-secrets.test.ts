import { Chart, Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  ModelUri, PrepackagedModel, PrepackagedServer, RcloneExternalSecret, RcloneRemote, RcloneSecret, RcloneSecretFormat, SeldonModel, SeldonRuntime,
} from '../../src';
import { convertManifests } from '../../src/convert';
import { isCredentialName } from '../../src/credentials/names';
import { maskCredentials } from '../../src/errors';

// An AWS-shaped secret key with "/" and "+" in it, as about half of them have.
const KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

/** A SeldonDeployment with one component container whose env is `env` (YAML flow items), converted. */
function sdepWithEnv(env: string): ReturnType<typeof convertManifests> {
  return convertManifests(`apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: { name: iris }
spec:
  predictors:
  - name: default
    componentSpecs:
    - spec:
        containers:
        - name: classifier
          image: example.com/m:1
          env: [${env}]
    graph: { name: classifier, type: MODEL }
`, 'iris.yaml');
}

/** Everything a run shows: the synthesized manifests, or the error. */
function outcome(build: (chart: Chart) => void): string {
  const chart = Testing.chart();
  try {
    build(chart);
    return JSON.stringify(Testing.synth(chart));
  } catch (e) {
    return String((e as Error).message);
  }
}

describe('credentials in model URIs are refused and never shown', () => {
  test.each([
    [`s3://AKIAEXAMPLE:${KEY}@bucket/iris`, 's3://***@bucket/iris'],
    [`s3,access_key_id=AKIAEXAMPLE,secret_access_key=${KEY}:bucket/iris`, 's3,access_key_id=***,secret_access_key=***:bucket/iris'],
    [`:s3,provider=AWS,secret_access_key='${KEY}':bucket/iris`, ':s3,provider=AWS,secret_access_key=***:bucket/iris'],
    [`:http,url='https://user:${KEY}@host':/m`, ':http,url=\'https://***@host\':/m'],
    // However the string is malformed, the value is not shown: a trailing newline, an unterminated quote, no path.
    [`:s3,secret_access_key=${KEY}:bucket/iris\n`, ':s3,secret_access_key=***:bucket/iris\n'],
    [`:s3,secret_access_key='${KEY}:bucket/iris`, ':s3,secret_access_key=***'],
    [`s3,secret_access_key=${KEY}`, 's3,secret_access_key=***'],
    [`:s3,secret_access_key=${KEY},:bucket/iris`, ':s3,secret_access_key=***,:bucket/iris'],
    // A password with "@" or '"' in it.
    ['s3://KEY:SE/C@RET@bucket/iris', 's3://***@bucket/iris'],
    ['s3://KEY:pa"ss@bucket/iris', 's3://***@bucket/iris'],
    [`:sftp,host=h,key_file_pass=${KEY}:/models`, ':sftp,host=h,key_file_pass=***:/models'],
  ])('%s', (uri, shown) => {
    const parsed = ModelUri.parse(uri);
    expect(parsed.uri).toBe(shown);
    expect(parsed.problem).toMatch(/carries credentials/);
    for (const build of [
      (c: Chart) => new PrepackagedModel(c, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse(uri) }),
      (c: Chart) => new SeldonModel(c, 'm', { storageUri: ModelUri.parse(uri) }),
    ]) {
      const seen = outcome(build);
      expect(seen).toMatch(/carries credentials/);
      expect(seen).not.toContain(KEY);
      expect(seen).not.toContain('K7MDENG');
    }
  });

  test.each([
    // An unquoted endpoint URL ends the options as rclone reads them; the options after it are searched too.
    `:s3,provider=Minio,endpoint=http://minio:9000,access_key_id=minio,secret_access_key=${KEY}:models/iris`,
    // A nested connection string (alias, crypt, union remotes).
    `:alias,remote='s3,secret_access_key=${KEY}:b':p/x`,
    // Refused for another reason, still shown masked.
    `s3, secret_access_key=${KEY}:b/x`, `s3;secret_access_key=${KEY}:b/x`, `s3,secret_access_key =${KEY}:b/x`,
    `/models/../x,password=${KEY}`, `pvc://Bad_Claim/secret_access_key=${KEY}`, `s3,access-key-id=${KEY}:b/x`,
    // A <remote>:// URI has no host:port: a password of digits before its "/" is still one.
    's3://AKIAEXAMPLE:1234/K7MDENGabc@bucket/x',
  ])('refused and masked: %s', uri => {
    const parsed = ModelUri.parse(uri);
    expect(parsed.problem).toBeDefined();
    expect(`${parsed.uri} ${parsed.problem}`).not.toContain('K7MDENG');
  });

  test('an unquoted endpoint URL is named as the cause', () => {
    expect(ModelUri.parse(`:s3,endpoint=http://minio:9000,secret_access_key=${KEY}:models/iris`).problem)
      .toMatch(/after an unquoted value with ":" \(an endpoint URL: quote it\)/);
  });

  test('a connection string without credentials is kept', () => {
    expect(ModelUri.parse(':s3,provider=AWS,env_auth=true:bucket/iris').problem).toBeUndefined();
    expect(ModelUri.parse('gs://bucket/path@v2').problem).toBeUndefined();
    for (const uri of ['gs://bucket/token=abc/model', 's3://bucket/key=2024/model', 's3://bucket/a:b/c@d', 'gs://bucket/models/v1@2024/iris']) {
      expect(ModelUri.parse(uri).problem).toBeUndefined();
    }
  });

  test('values that only look like URLs with user info pass: a JSON annotation, a query, a fragment, a port', () => {
    const annotations = {
      'example.com/links': '{"url":"http://grafana.corp","owner":"me@corp.com"}',
      'example.com/dash': 'http://grafana:3000?user=me@corp.com',
      'example.com/doc': 'https://grafana:3000/d/x?user=me@corp.com',
    };
    expect(outcome(c => new SeldonModel(c, 'm', { storageUri: ModelUri.gcs('b', 'p'), metadata: { annotations } }))).toMatch(/^\[/);
  });

  test('masking stays linear on long runs of option characters (a rescan from each would not end within the test\'s time)', () => {
    const long = `${'a'.repeat(1_000_000)} x=1`;
    expect(maskCredentials(long)).toBe(long);
    expect(maskCredentials(`${'a'.repeat(1_000_000)} token=1`)).toBe(`${'a'.repeat(1_000_000)} token=***`);
  });
});

describe('v2: a Model with a secret names its remote alone (agent/rclone/rclone.go getRemoteName)', () => {
  const model = (uri: string) => () => outcome(c => {
    const secret = new RcloneSecret(c, 's3', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3({ envAuth: true })] });
    new SeldonModel(c, 'm', { storageUri: ModelUri.parse(uri), secret });
  });
  test.each(['s3,region=eu-west-1:bucket/iris', ':s3,env_auth=true:bucket/iris'])('%s is refused with a secret', uri => {
    expect(model(uri)()).toMatch(/SeldonModel 'test\/m': storageUri ".*" has a connection string, but the model has a secret: the agent then takes the text before the first ":"/);
  });
  test('a plain URI of the secret\'s remote passes', () => {
    expect(model('s3://bucket/iris')()).toMatch(/^\[/);
  });
});

describe('options that hold credentials stay out of a runtime\'s inline remotes and ExternalSecret templates', () => {
  test.each([
    ['password2', RcloneRemote.custom('c', 'crypt', { remote: 's3:b', password2: KEY })],
    ['sse_customer_key', RcloneRemote.custom('r', 's3', { sse_customer_key: KEY })],
    ['headers', RcloneRemote.custom('h', 'http', { url: 'https://h', headers: `Authorization,Bearer ${KEY}` })],
    ['endpoint with user info', RcloneRemote.custom('m', 's3', { endpoint: `http://ak:${KEY}@minio:9000` })],
    ['custom sensitiveOptions add to rclone\'s', RcloneRemote.custom('r', 's3', { secret_access_key: KEY, mine: 'x' }, ['mine'])],
  ])('%s', (_name, remote) => {
    expect(remote.sensitiveValues.length).toBeGreaterThan(0);
    const runtime = outcome(c => new SeldonRuntime(c, 'rt', { config: { rcloneRemotes: [remote] } }));
    expect(runtime).toMatch(/config\.rcloneRemotes\[0\] remote ".*" has credentials, which would be written into the resource in plain text/);
    expect(runtime).not.toContain('K7MDENG');
  });

  test('a remote whose option holds a nested connection string with a credential (alias, crypt, union)', () => {
    expect(RcloneRemote.custom('c', 'crypt', { remote: `s3,secret_access_key=${KEY}:b`, password: '' }).isSensitive('remote')).toBe(true);
    expect(RcloneRemote.custom('c', 'crypt', { remote: 's3:b' }).isSensitive('remote')).toBe(false);
  });

  test('custom() sensitiveOptions name more options; rclone\'s own still count', () => {
    const remote = RcloneRemote.custom('r', 's3', { secret_access_key: KEY, mine: 'x', region: 'eu' }, ['mine']);
    expect(['secret_access_key', 'mine', 'region'].map(o => remote.isSensitive(o))).toEqual([true, true, false]);
    expect(RcloneRemote.custom('r', 'oauth', { token_url: 'https://h/t', client_id: 'id' }).sensitiveValues).toEqual([]);
  });

  test('an ExternalSecret refuses a literal credential named as rclone names them', () => {
    const seen = outcome(c => new RcloneExternalSecret(c, 'es', {
      secretStore: { name: 'vault' },
      remotes: [RcloneRemote.custom('r', 's3', { sse_customer_key: KEY, secret_access_key: '' })],
      values: [{ remote: 'r', option: 'secret_access_key', key: 'storage/s3' }],
    }));
    expect(seen).toMatch(/option "sse_customer_key" holds a literal credential/);
    expect(seen).not.toContain('K7MDENG');
  });
});

describe('messages never echo what may be a credential', () => {
  test('a string where a Secret or remote belongs, also as a list element', () => {
    const js = (v: unknown) => v as any;
    for (const seen of [
      outcome(c => new SeldonRuntime(c, 'rt', { config: { rcloneConfigSecrets: [js(KEY)] } })),
      outcome(c => new SeldonRuntime(c, 'rt', { config: { rcloneRemotes: [js(`{"type":"s3","secret_access_key":"${KEY}"}`)] } })),
      outcome(c => new RcloneSecret(c, 's').addRemote(js(KEY))),
      outcome(c => new RcloneSecret(c, 's', { remotes: [js(KEY)] })),
    ]) {
      expect(seen).toMatch(/is a string \(not shown: it may be a credential\)/);
      expect(seen).not.toContain('K7MDENG');
    }
  });

  test('a malformed endpoint with user info', () => {
    const seen = outcome(c => new RcloneSecret(c, 's', { remotes: [RcloneRemote.minio({ endpoint: `minio://ak:${KEY}@minio:9000`, accessKeyId: 'a', secretAccessKey: 'b' })] }));
    expect(seen).toMatch(/endpoint "minio:\/\/\*\*\*@minio:9000" is not an http\(s\) URL/);
    expect(seen).not.toContain('K7MDENG');
  });
});

describe('where the v2 agent reads its Secrets', () => {
  test('a SeldonRuntime\'s rcloneConfigSecrets are in its namespace: the agent reads them there and exits without one', () => {
    const app = Testing.app();
    const creds = new Chart(app, 'creds', { namespace: 'creds' });
    const secret = new RcloneSecret(creds, 'gcs', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.gcs()] });
    const mesh: Construct = new Chart(app, 'mesh', { namespace: 'seldon-mesh' });
    expect(() => new SeldonRuntime(mesh, 'rt', { config: { rcloneConfigSecrets: [secret] } }))
      .toThrow(/SeldonRuntime 'mesh\/rt': config\.rcloneConfigSecrets\[0\] is Secret '[^']+' \(".*"\) in namespace "creds", but the pod using it runs in namespace "seldon-mesh"/);
    const here = new RcloneSecret(mesh, 'gcs', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.gcs()] });
    expect(() => new SeldonRuntime(mesh, 'rt2', { config: { rcloneConfigSecrets: [here] } })).not.toThrow();
  });

  test('an existing V2_DOCUMENT Secret holds one remote', () => {
    expect(() => RcloneSecret.fromExistingSecret(Testing.chart(), 's', 'storage', { format: RcloneSecretFormat.V2_DOCUMENT, remoteNames: ['s3', 'gcs'] }))
      .toThrow(/RcloneSecret 'test\/s': options\.remoteNames lists 2 remotes \("s3", "gcs"\), but a Secret in format V2_DOCUMENT holds one/);
    expect(() => RcloneSecret.fromExistingSecret(Testing.chart(), 's', 'storage', { format: RcloneSecretFormat.ENV_VARS, remoteNames: ['s3', 'gcs'] })).not.toThrow();
  });
});

describe('a credential from plain JavaScript, or in an existing manifest, is not echoed either', () => {
  test('a connection string given as a string where a ModelUri belongs', () => {
    const seen = outcome(c => new SeldonModel(c, 'm', { storageUri: `:s3,secret_access_key=${KEY}:bucket/iris` as any }));
    expect(seen).toMatch(/storageUri is a string ":s3,secret_access_key=\*\*\*:bucket\/iris"/);
    expect(seen).not.toContain('K7MDENG');
  });

  test('a v1 env value with user info', () => {
    const seen = outcome(c => new PrepackagedModel(c, 'm', {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('b', 'p'),
      env: { DB: EnvValue.fromValue(`postgres://app:${KEY}@db/models`) },
    }));
    expect(seen).toMatch(/env\["DB"\] holds a URL with user info \(not shown: it is a credential\)/);
    expect(seen).not.toContain('K7MDENG');
  });

  test('the converter refuses a Seldon object that carries one rather than writing it into the program', () => {
    const result = convertManifests(`apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata: { name: m }
spec: { storageUri: ":s3,secret_access_key=${KEY}:bucket/iris" }
`, 'creds.yaml');
    expect(result.objects[0]).toMatchObject({ status: 'error' });
    expect(result.objects[0].message).toMatch(/\/spec\/storageUri holds a credential \(".*secret_access_key=\*\*\*.*"\), which the program would write into code you commit/);
    expect(`${result.code}${JSON.stringify(result.objects)}`).not.toContain('K7MDENG');
  });

  test('the converter keeps model paths that hold "name=" and refuses a literal credential variable', () => {
    const model = (uri: string) => convertManifests(`apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata: { name: m }
spec: { storageUri: "${uri}" }
`, 'm.yaml').objects[0].status;
    expect(model('gs://bucket/token=abc/model')).not.toBe('error');
    expect(model('s3://bucket/key=2024/model')).not.toBe('error');
    const sdep = sdepWithEnv(`{ name: AWS_SECRET_ACCESS_KEY, value: "${KEY}" }`);
    expect(sdep.objects[0].status).toBe('error');
    expect(sdep.objects[0].message).toMatch(/env\/0\/value holds a credential \(variable "AWS_SECRET_ACCESS_KEY", value not shown\)/);
    expect(`${sdep.code}${JSON.stringify(sdep.objects)}`).not.toContain('K7MDENG');
  });

  test('the converter refuses a SeldonConfig or runtime configuration with a Kafka password or an inline rclone remote\'s key, and v1\'s oauth_secret', () => {
    const config = (configLines: string) => convertManifests(`apiVersion: mlops.seldon.io/v1alpha1
kind: SeldonConfig
metadata: { name: custom }
spec:
  components: [{ name: seldon-scheduler, podSpec: { containers: [{ name: scheduler, image: seldonio/seldon-scheduler:2.10.2 }] } }]
  config:
${configLines}`, 'config.yaml');
    const kafka = config('    kafkaConfig:\n      consumer: { sasl.password: K7MDENG-kafka }\n');
    expect(kafka.objects[0]).toMatchObject({ status: 'error' });
    expect(kafka.objects[0].message).toMatch(/\/spec\/config\/kafkaConfig\/consumer\/sasl.password holds a credential \("sasl.password", value not shown\)/);
    const remote = JSON.stringify({ name: 's3', type: 's3', parameters: { provider: 'Minio', secret_access_key: KEY } });
    const inline = config(`    agentConfig:\n      rclone:\n        config: [${JSON.stringify(remote)}]\n`);
    expect(inline.objects[0]).toMatchObject({ status: 'error' });
    expect(inline.objects[0].message).toMatch(/agentConfig\/rclone\/config\/0 holds a credential \(an rclone remote with a credential option, value not shown\)/);
    // Names of Secrets are no credentials.
    expect(config('    agentConfig:\n      rclone:\n        config_secrets: [seldon-rclone-gs-public]\n').objects[0].status).not.toBe('error');
    const oauth = convertManifests(`apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: { name: d }
spec:
  oauth_key: app
  oauth_secret: K7MDENG-oauth
  predictors: [{ name: default, graph: { name: classifier, implementation: SKLEARN_SERVER, modelUri: "gs://b/p" } }]
`, 'oauth.yaml');
    expect(oauth.objects[0]).toMatchObject({ status: 'error' });
    for (const r of [kafka, inline, oauth]) expect(`${r.code ?? ''}${JSON.stringify(r.objects)}`).not.toContain('K7MDENG');
  });

  test('the converter keeps variables that say where a credential is or which Secret holds it (Seldon\'s own ServerConfigs set them)', () => {
    const result = convertManifests(`apiVersion: mlops.seldon.io/v1alpha1
kind: ServerConfig
metadata: { name: mlserver }
spec:
  podSpec:
    containers:
    - name: agent
      image: seldonio/seldon-agent:2.10.2
      env:
      - { name: CONTROL_PLANE_CLIENT_TLS_SECRET_NAME, value: seldon-controlplane-client }
      - { name: KAFKA_SASL_MECHANISM, value: SCRAM-SHA-512 }
      - { name: KAFKA_CLIENT_SASL_USERNAME, value: seldon }
      - { name: KAFKA_CLIENT_SASL_PASSWORD_LOCATION, value: password }
      - { name: GOOGLE_APPLICATION_CREDENTIALS, value: /var/secrets/google/key.json }
`, 'server-config.yaml');
    expect(result.objects[0].status).not.toBe('error');
    expect(result.code).toContain('seldon-controlplane-client');
    expect(result.code).toContain('SCRAM-SHA-512');
  });
});

describe('one rule for names that hold credentials (credential-names.ts)', () => {
  test.each([
    ['secret_access_key', true], ['access-key-id', true], ['key_file_pass', true], ['AWS_SECRET_ACCESS_KEY', true], ['AWS_ACCESS_KEY_ID', true],
    ['secretAccessKey', true], ['serviceAccountCredentials', true], ['rcloneConfigSecrets', true],
    ['token_url', false], ['ask_password', false], ['region', false], ['key_file', false], ['configMapKeyRef', false], ['matchLabelKeys', false],
    ['HF_TOKEN', true], ['AZURE_STORAGE_SAS_TOKEN', true], ['sas_url', true], ['KAFKA_CLIENT_SASL_PASSWORD', true], ['password2', true],
    // Where a credential is, or which Secret holds it: the variables of Seldon's default SeldonConfig and ServerConfigs
    ['CONTROL_PLANE_CLIENT_TLS_SECRET_NAME', false], ['KAFKA_CLIENT_SASL_PASSWORD_LOCATION', false], ['SELDON_KAFKA_SASL_PASSWORD_PATH', false],
    ['KAFKA_SASL_MECHANISM', false], ['KAFKA_CLIENT_SASL_USERNAME', false], ['SELDON_KAFKA_SASL_SECRET', false],
    ['SELDON_KAFKA_TLS_BROKER_SECRET', false], ['GOOGLE_APPLICATION_CREDENTIALS', false], ['AWS_SHARED_CREDENTIALS_FILE', false],
    ['TOKENIZER_NAME', false], ['MAX_TOKENS', false], ['MAX_NEW_TOKENS', false], ['TOKENIZER', false], ['SECRETS_DIR', false],
    ['ssl.key.pem', true], ['ssl.keystore.key', true], ['sasl.jaas.config', true], ['ssl.keystore.location', false], ['bootstrap.servers', false],
    ['HF_TOKENS', true], ['API_TOKENS', true], ['SASKey', true], ['AZURE_STORAGE_SASKEY', true], ['sasl.password', true], ['oauth_secret', true],
    // A signed URL's signature reads the object until it expires; other names with "signature" are settings.
    ['X-Amz-Signature', true], ['X-Goog-Signature', true], ['Signature', true], ['sig', true], ['signature_version', false], ['design', false],
    ['SIGNATURE_ALGORITHM', false], ['VERIFY_SIGNATURE', false], ['TF_SIGNATURE_DEF', false],
  ])('%s: %p', (name, holds) => {
    expect(isCredentialName(name as string)).toBe(holds);
  });
});

describe('signed URLs in messages (credentials/text.ts maskQueryCredentials)', () => {
  test('every message masks a query parameter that holds a credential, wherever it stands in the query', () => {
    const azure = 'https://a.blob.core.windows.net/c/m?sv=2020-08-04&se=2030-01-01&sig=QQQsecretQQQ';
    const aws = 'https://b.s3.amazonaws.com/m?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20301&X-Amz-Signature=f00dfeed';
    expect(maskCredentials(azure)).toBe('https://a.blob.core.windows.net/c/m?sv=2020-08-04&se=2030-01-01&sig=***');
    expect(maskCredentials(aws)).toBe('https://b.s3.amazonaws.com/m?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&X-Amz-Signature=***');
    expect(maskCredentials('see https://grafana:3000/d?orgId=1&from=now')).toBe('see https://grafana:3000/d?orgId=1&from=now');
  });

  test('the converter refuses a Seldon object carrying one and shows it masked; an env setting named with "signature" converts', () => {
    const result = sdepWithEnv('{ name: URL, value: "https://a.blob.core.windows.net/c/m?sv=2020-08-04&sig=QQQsecretQQQ" }, { name: SIGNATURE_ALGORITHM, value: RS256 }');
    expect(result.objects[0].status).toBe('error');
    expect(result.objects[0].message).toMatch(/holds a credential/);
    expect(JSON.stringify(result)).not.toContain('QQQsecretQQQ');
    expect(sdepWithEnv('{ name: SIGNATURE_ALGORITHM, value: RS256 }').objects[0].status).toBe('converted');
  });
});
