import { Testing } from 'cdk8s';
import { ConfigMap, EnvFieldPaths, EnvValue, Secret, k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  ExplainerType, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer, RuntimeComponent, SeldonConfig, SeldonDeployment,
  SeldonRuntime, SeldonServer, ServerConfig,
} from '../../src';
import { convertManifests } from '../../src/convert';
import { maskCredentials } from '../../src/errors';

// An AWS-shaped secret key with "/" and "+" in it, as about half of them have.
const KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const PROXY = 'http://user:K7MDENGpw@proxy:3128';
const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const component = (name: string) => PredictiveUnit.component({ name, unitType: PredictiveUnitType.MODEL, image: `me/${name}:1` });
const CONFIG_POD = (env: k8s.EnvVar[] = []) => ({
  containers: ['rclone', 'agent', 'mlserver'].map(name => ({ name, image: `docker.io/seldonio/${name}:2.10.2`, env: name === 'rclone' ? env : undefined })),
});
const NAMED = /is a literal value of a variable named as a credential \(value not shown\), which would be written into the resource in plain text; the value in a Secret: EnvValue\.fromSecretValue/;
const USER_INFO = /holds a URL with user info \(not shown: it is a credential\), which would be written into the resource in plain text; the value in a Secret/;

type Env = { [name: string]: EnvValue };
type Raw = k8s.EnvVar[];
/** Each place the library takes a container's env, given typed (`EnvValue`s) or raw (`k8s.EnvVar`s), and the field it reports. */
const ENTRY_POINTS: Array<[string, (scope: Construct, env: Env, raw: Raw) => void, string]> = [
  ['v1 PrepackagedModel env', (s, env) => new PrepackagedModel(s, 'm', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, env }), "PrepackagedModel 'test/m': env["],
  ['v1 engineEnv', (s, env) => new PrepackagedModel(s, 'm', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, engineEnv: env }), "PrepackagedModel 'test/m': engineEnv["],
  ['v1 graph node env', (s, env) => new SeldonDeployment(s, 'sd', {
    predictors: [{ name: 'p', graph: PredictiveUnit.prepackaged({ name: 'c', server: PrepackagedServer.SKLEARN, modelUri: IRIS, env }) }],
  }), "SeldonDeployment 'test/sd': predictors[0].graph"],
  ['v1 explainer env', (s, env) => new SeldonDeployment(s, 'sd', {
    predictors: [{
      name: 'p',
      graph: PredictiveUnit.prepackaged({ name: 'c', server: PrepackagedServer.SKLEARN, modelUri: IRIS }),
      explainer: { explainerType: ExplainerType.ANCHOR_TABULAR, env },
    }],
  }), "SeldonDeployment 'test/sd': predictors[0].explainer.env["],
  ['v1 sidecar env', (s, _, raw) => new PrepackagedModel(s, 'm', {
    server: PrepackagedServer.SKLEARN, modelUri: IRIS, sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29', env: raw }],
  }), "PrepackagedModel 'test/m': sidecars[0].env[0]"],
  ['v1 separate pod sidecar env', (s, _, raw) => new SeldonDeployment(s, 'sd', {
    predictors: [{
      name: 'p',
      graph: PredictiveUnit.component({ name: 'router', unitType: PredictiveUnitType.TRANSFORMER, image: 'me/router:1', children: [component('model')] }),
      separatePods: [{ nodes: ['model'], sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.29', env: raw }] }],
    }],
  }), "SeldonDeployment 'test/sd': predictors[0].separatePods[0].sidecars[0].env[0]"],
  ['v2 Server serverContainer env', (s, env) => new SeldonServer(s, 's', { serverContainer: { env } }), "SeldonServer 'test/s': serverContainer.env["],
  ['v2 Server agentContainer env', (s, env) => new SeldonServer(s, 's', { agentContainer: { env } }), "SeldonServer 'test/s': agentContainer.env["],
  ['v2 Server rcloneContainer env', (s, env) => new SeldonServer(s, 's', { rcloneContainer: { env } }), "SeldonServer 'test/s': rcloneContainer.env["],
  ['v2 ServerConfig rcloneContainer env', (s, env) => new ServerConfig(s, 'cfg', { podSpec: CONFIG_POD(), rcloneContainer: { env } }),
    "ServerConfig 'test/cfg': rcloneContainer.env["],
  ['v2 ServerConfig podSpec env', (s, _, raw) => new ServerConfig(s, 'cfg', { podSpec: CONFIG_POD(raw) }), "ServerConfig 'test/cfg': podSpec.containers[0].env[0]"],
  ['v2 SeldonRuntime override container env', (s, env) => new SeldonRuntime(s, 'r', {
    overrides: [{ component: RuntimeComponent.HODOMETER, container: { env } }],
  }), "SeldonRuntime 'test/r': overrides"],
  ['v2 SeldonRuntime override podSpec env', (s, _, raw) => new SeldonRuntime(s, 'r', {
    overrides: [{ component: RuntimeComponent.HODOMETER, podSpec: { containers: [{ name: 'hodometer', env: raw }] } }],
  }), "SeldonRuntime 'test/r': overrides"],
  ['v2 SeldonConfig component podSpec env', (s, _, raw) => new SeldonConfig(s, 'c', {
    components: [{ component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: 'seldonio/seldon-scheduler:2.10.2', env: raw }] } }],
  }), "SeldonConfig 'test/c': components[\"seldon-scheduler\"].podSpec.containers[0].env[0]"],
];

/** The first line of what building (and synthesizing) `env` at an entry point throws, or undefined. */
function refusal(make: (scope: Construct, env: Env, raw: Raw) => void, name: string, value: EnvValue): string | undefined {
  const chart = Testing.chart();
  const raw: Raw = [{ name, value: value.value, valueFrom: value.valueFrom }];
  try {
    make(chart, { [name]: value }, raw);
    const out = JSON.stringify(Testing.synth(chart));
    // What is accepted is written as given.
    if (value.value !== undefined && value.value !== '') expect(out).toContain(JSON.stringify(value.value));
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('a literal credential in a container env is refused wherever the library takes one (review 17, D2)', () => {
  test.each(ENTRY_POINTS)('%s: a credential-named literal, not shown', (_, make, field) => {
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'RCLONE_CONFIG_S3_SECRET_ACCESS_KEY', 'HF_TOKEN']) {
      const message = refusal(make, name, EnvValue.fromValue(KEY));
      expect(message).toBeDefined();
      expect(message).toContain(field);
      expect(message).toContain(`"${name}"`);
      expect(message).toMatch(NAMED);
      expect(message).not.toContain('K7MDENG');
    }
  });

  test.each(ENTRY_POINTS)('%s: a URL with user info under any name, not shown', (_, make, field) => {
    const message = refusal(make, 'HTTPS_PROXY', EnvValue.fromValue(PROXY));
    expect(message).toBeDefined();
    // Raw env lists are also held to the boundary's rule for every string (prop-check.ts), which may speak first
    // (with the list index of a component rather than its name).
    expect(message).toContain(field.replace(/components\["[^"]*"\]/, 'components[0]'));
    expect(message).not.toContain('K7MDENG');
    expect(message).toMatch(/holds a URL with user info \(not shown: it is a credential\)/);
  });

  test.each(ENTRY_POINTS)('%s: a signed URL under any name, its signature not shown', (_, make, field) => {
    const signed = 'https://models.s3.amazonaws.com/iris/model.joblib?X-Amz-Expires=3600&X-Amz-Signature=K7MDENGsig';
    const message = refusal(make, 'MODEL_URL', EnvValue.fromValue(signed));
    expect(message).toContain(field);
    expect(message).toMatch(/holds a URL whose query carries a credential \(a signed URL's signature or token; not shown\)/);
    expect(message).not.toContain('K7MDENG');
    // an unsigned URL with a query is no credential
    expect(refusal(make, 'MODEL_URL', EnvValue.fromValue('https://models.example.com/iris?version=3'))).toBeUndefined();
  });

  test('the typed v2 overrides word it like the v1 env', () => {
    expect(refusal((s, env) => new SeldonServer(s, 's', { rcloneContainer: { env } }), 'HTTPS_PROXY', EnvValue.fromValue(PROXY))).toMatch(USER_INFO);
  });

  test.each(ENTRY_POINTS)('%s: accepted without a literal credential', (_, make) => {
    const chart = Testing.chart();
    const secret = Secret.fromSecretName(chart, 'creds', 'aws-creds');
    const config = ConfigMap.fromConfigMapName(chart, 'settings', 'settings');
    const accepted: Array<[string, EnvValue]> = [
      ['AWS_SECRET_ACCESS_KEY', EnvValue.fromSecretValue({ secret, key: 'secret' })],
      ['HF_TOKEN', EnvValue.fromConfigMap(config, 'token')],
      ['AWS_SESSION_TOKEN', EnvValue.fromFieldRef(EnvFieldPaths.POD_NAME)],
      ['AWS_SECRET_ACCESS_KEY', EnvValue.fromValue('')],
      // Names that say where a credential is, which Secret holds it, or count tokens: Seldon's own configs set them.
      ['KAFKA_CLIENT_SASL_PASSWORD_LOCATION', EnvValue.fromValue('password')], ['SELDON_KAFKA_SASL_SECRET', EnvValue.fromValue('kafka-sasl')],
      ['GOOGLE_APPLICATION_CREDENTIALS', EnvValue.fromValue('/var/secrets/key.json')], ['MAX_NEW_TOKENS', EnvValue.fromValue('256')],
      ['MLSERVER_MODEL_NAME', EnvValue.fromValue('iris')], ['AWS_DEFAULT_REGION', EnvValue.fromValue('eu-west-1')],
      ['HTTPS_PROXY', EnvValue.fromValue('http://proxy:3128')], ['AWS_ENDPOINT_URL', EnvValue.fromValue('http://minio:9000')],
    ];
    for (const [name, value] of accepted) expect(refusal(make, name, value)).toBeUndefined();
  });

  test('several literal credentials are each reported, in one error', () => {
    const chart = Testing.chart();
    let message = '';
    try {
      new SeldonServer(chart, 's', { rcloneContainer: { env: { RCLONE_CONFIG_S3_ACCESS_KEY_ID: EnvValue.fromValue('AKIA'), RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: EnvValue.fromValue(KEY) } } });
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('rcloneContainer.env["RCLONE_CONFIG_S3_ACCESS_KEY_ID"]');
    expect(message).toContain('rcloneContainer.env["RCLONE_CONFIG_S3_SECRET_ACCESS_KEY"]');
    expect(message).not.toContain('K7MDENG');
  });
});

describe('a quoted option name in a connection string (review 17, D6)', () => {
  test.each([
    [`s3,"secret_access_key"=${KEY}:b/p`], [`s3,'secret_access_key'=${KEY}:b/p`], [`:s3,"secret_access_key"="${KEY}":b/p`],
    [`s3,(secret)=${KEY}:b/p`],
  ])('%s is refused with every option value masked', uri => {
    const parsed = ModelUri.parse(uri);
    expect(parsed.problem).toMatch(/connection-string option without a name .*\(option values shown as \*\*\*\)/);
    expect(`${parsed.problem}${parsed.uri}`).not.toContain('K7MDENG');
    expect(() => new PrepackagedModel(Testing.chart(), 'm', { server: PrepackagedServer.SKLEARN, modelUri: parsed })).toThrow(/\*\*\*/);
  });

  test('after a well-formed option, a quoted credential name is refused as a credential, masked', () => {
    const parsed = ModelUri.parse(`s3,region=eu,"secret_access_key"=${KEY}:b/p`);
    expect(parsed.problem).toMatch(/carries credentials in its connection string \(shown as \*\*\*\)/);
    expect(`${parsed.problem}${parsed.uri}`).not.toContain('K7MDENG');
  });

  test('only the values from the unreadable option on are masked; an unterminated quote is shown as before', () => {
    expect(ModelUri.parse(`s3,region=eu,(x)=${KEY}:b/p`).problem).toMatch(/^"s3,region=eu,\(x\)=\*\*\*:b\/p" has a connection-string option without a name/);
    expect(ModelUri.parse(':s3,endpoint="http://minio:9000:b/p').problem).toMatch(/^":s3,endpoint=\\"http:\/\/minio:9000:b\/p" has an unterminated "/);
  });

  test('every message masks a credential option with a quoted name; other quoted names and values are kept', () => {
    expect(maskCredentials(`see s3,"secret_access_key"=${KEY}:b`)).toBe('see s3,"secret_access_key"=***:b');
    expect(maskCredentials(`'token'='${KEY}'`)).toBe("'token'=***");
    expect(maskCredentials('"region"="eu-west-1"')).toBe('"region"="eu-west-1"');
    // A well-formed string without credentials is still parsed as before.
    expect(ModelUri.parse(':s3,provider=Minio,endpoint="http://minio:9000":b/p').problem).toBeUndefined();
  });
});

describe('convert refuses a literal credential in any kind it writes as code (review 17, D7)', () => {
  const deployment = (env: string) => convertManifests(`apiVersion: apps/v1
kind: Deployment
metadata: { name: sidecar }
spec:
  selector: { matchLabels: { a: b } }
  template:
    metadata: { labels: { a: b } }
    spec:
      containers:
      - name: c
        image: busybox:1.36
        env: [${env}]
`, 'deploy.yaml');

  test('a Deployment env named as a credential, or a URL with user info, is an error without the value', () => {
    for (const env of [`{ name: AWS_SECRET_ACCESS_KEY, value: "${KEY}" }`, `{ name: HTTPS_PROXY, value: "${PROXY}" }`]) {
      const result = deployment(env);
      expect(result.objects[0].status).toBe('error');
      expect(result.objects[0].message).toMatch(/deploy.yaml#0 sidecar: not converted: \/spec\/template\/spec\/containers\/0\/env\/0\/value holds a credential .*which the program would write into code you commit; keep it in a Secret/);
      expect(`${result.code ?? ''}${JSON.stringify(result.objects)}`).not.toContain('K7MDENG');
    }
  });

  test('a Deployment without one, and a Secret, still pass through', () => {
    const ok = deployment('{ name: AWS_SECRET_ACCESS_KEY, valueFrom: { secretKeyRef: { name: aws, key: secret } } }, { name: MAX_TOKENS, value: "256" }, { name: AWS_SECRET_ACCESS_KEY_FILE, value: "" }');
    expect(ok.objects[0].status).not.toBe('error');
    const secret = convertManifests(`apiVersion: v1
kind: Secret
metadata: { name: db }
type: Opaque
stringData: { password: ${KEY}, url: "${PROXY}" }
`, 'secret.yaml');
    expect(secret.objects[0].status).not.toBe('error');
    expect(secret.code).not.toContain('K7MDENG');
  });

  test('a non-Seldon kind\'s configuration keys are not read as Seldon\'s (spec.config)', () => {
    const result = convertManifests('apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec: { config: { token_ttl: 1h } }\n', 'w.yaml');
    expect(result.objects[0].status).not.toBe('error');
  });
});

describe('a plain string where an EnvValue belongs (JavaScript, Python): the type check names the factory but never repeats a credential', () => {
  test('a credential-named variable: no "for this string" hint that would print it', () => {
    const message = refusal((s, env) => new SeldonServer(s, 's', { serverContainer: { env } }), 'AWS_SECRET_ACCESS_KEY', 'abcK7MDENG' as unknown as EnvValue);
    expect(message).toContain("SeldonServer 'test/s': serverContainer.env.AWS_SECRET_ACCESS_KEY is a string (not shown: it may be a credential); accepted: an EnvValue");
    expect(message).not.toContain('K7MDENG');
    // another name keeps the hint
    expect(refusal((s, env) => new SeldonServer(s, 's', { serverContainer: { env } }), 'LOG_LEVEL', 'debug' as unknown as EnvValue)).toContain('EnvValue.fromValue("debug")');
  });
});
