import * as fs from 'fs';
import { Chart, Testing } from 'cdk8s';
import { addV1Examples } from '../../examples/v1';
import { addV2Examples } from '../../examples/v2';
import { addV2PipelineExamples } from '../../examples/v2-pipelines';
import { addV2ProductionExample } from '../../examples/v2-production';
import { SeldonRuntime, ServerConfig } from '../../src/v2';
import { BUNDLED_SCHEMAS_FILE, bundledRegistry, CrdValidator, NODE_KEY, readBundledSchemas } from '../../src/validation';

const V2 = 'mlops.seldon.io/v1alpha1';

function v2(kind: string, spec: object, name = kind.toLowerCase()) {
  return { apiVersion: V2, kind, metadata: { name, namespace: 'seldon-mesh' }, spec };
}

describe('the CRD schemas shipped with the package', () => {
  test('cover SeldonDeployment (every served version), every Seldon Core v2 kind and ESO\'s ExternalSecret', () => {
    const registry = bundledRegistry();
    expect(registry.entries.map(e => `${e.apiVersion} ${e.kind}`).sort()).toEqual([
      'external-secrets.io/v1 ExternalSecret',
      'machinelearning.seldon.io/v1 SeldonDeployment',
      'machinelearning.seldon.io/v1alpha2 SeldonDeployment',
      'machinelearning.seldon.io/v1alpha3 SeldonDeployment',
      ...['Experiment', 'Model', 'Pipeline', 'SeldonConfig', 'SeldonRuntime', 'Server', 'ServerConfig'].map(k => `${V2} ${k}`),
    ]);
    expect(registry.warnings).toEqual([]);
    expect(registry.lookup('machinelearning.seldon.io/v1', 'SeldonDeployment')?.source)
      .toBe('seldondeployments.machinelearning.seldon.io (Seldon Core 1.18.2, shipped with cdk8s-seldon)');
    expect(registry.lookup(V2, 'Pipeline')?.source).toBe('pipelines.mlops.seldon.io (Seldon Core 2.10.2, shipped with cdk8s-seldon)');
    expect(registry.lookup('external-secrets.io/v1', 'ExternalSecret')?.source)
      .toBe('externalsecrets.external-secrets.io (External Secrets Operator, v1, shipped with cdk8s-seldon)');
  });

  test('are compact: no descriptions, repeated subtrees stored once, well under 100 KB', () => {
    const text = fs.readFileSync(BUNDLED_SCHEMAS_FILE, 'utf8');
    expect(text.length).toBeLessThan(100 * 1024);
    expect(text).not.toMatch(/"description":\s*"/);
    const expanded = JSON.stringify(readBundledSchemas().crds);
    expect(expanded).not.toContain(`"${NODE_KEY}"`);
    // The v1 graph schema repeats `children` about ten levels deep (Helm chart CRD).
    expect(expanded.length).toBeGreaterThan(5 * text.length);
  });

  test('every object the example app synthesizes, and a ServerConfig, are valid (strict)', () => {
    const app = Testing.app();
    addV1Examples(new Chart(app, 'v1', { namespace: 'seldon' }));
    const chart = new Chart(app, 'v2', { namespace: 'seldon-mesh' });
    addV2Examples(chart);
    addV2PipelineExamples(chart);
    SeldonRuntime.fromNamespace(chart, 'runtime', 'seldon-mesh');
    addV2ProductionExample(new Chart(app, 'v2-production', { namespace: 'ml-production' }));
    new ServerConfig(chart, 'config', {
      capabilities: ['custom'],
      podSpec: { containers: [{ name: 'rclone', image: 'rclone' }, { name: 'agent', image: 'agent' }, { name: 'server', image: 'server' }] },
    });
    const objects = app.charts.flatMap(c => Testing.synth(c));
    const report = new CrdValidator(bundledRegistry(), { strict: true }).validateObjects(objects);
    expect(report.errors).toEqual([]);
    const kinds = new Set(objects.filter(o => /seldon\.io\//.test(o.apiVersion)).map(o => o.kind));
    expect([...kinds].sort()).toEqual(['Experiment', 'Model', 'Pipeline', 'SeldonDeployment', 'SeldonRuntime', 'Server', 'ServerConfig']);
    expect(report.validated).toBe(objects.filter(o => /seldon\.io\//.test(o.apiVersion)).length);
  });

  test('SeldonRuntime and SeldonConfig are checked too', () => {
    const validator = new CrdValidator(bundledRegistry(), { strict: true });
    const good = [
      v2('SeldonRuntime', { seldonConfig: 'default', overrides: [{ name: 'hodometer', replicas: 0 }] }),
      v2('SeldonConfig', { components: [{ name: 'seldon-scheduler', replicas: 1 }] }),
    ];
    expect(validator.validateObjects(good).errors).toEqual([]);
    const bad = validator.validateObjects([v2('SeldonRuntime', { overrides: [{ name: 'hodometer', replica: 0 }] })]);
    expect(bad.errors.map(e => `${e.path}: ${e.reason}`)).toEqual([
      '/spec: missing required field "seldonConfig"',
      '/spec/overrides/0/replica: unknown field "replica" (not in the CRD schema; strict mode)',
    ]);
  });

  test('catch what users get wrong: a misspelt field, a wrong type, a missing pipeline step field', () => {
    const validator = new CrdValidator(bundledRegistry(), { strict: true });
    const sdep = {
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeployment',
      metadata: { name: 'iris' },
      spec: { predictors: [{ name: 'default', replicas: 'two', graph: { name: 'classifier', modelURI: 'gs://m/iris' } }] },
    };
    const report = validator.validateObjects([sdep, v2('Pipeline', { steps: [{ inputs: ['a'] }], output: { steps: ['a'] } })]);
    expect(report.errors.map(e => `${e.kind} ${e.path}: ${e.reason}`)).toEqual([
      'SeldonDeployment /spec/predictors/0/graph/modelURI: unknown field "modelURI" (not in the CRD schema; strict mode)',
      'SeldonDeployment /spec/predictors/0/replicas: must be an integer, got "two"',
      'Pipeline /spec/steps/0: missing required field "name"',
    ]);
  });

  test('each load gives its own registry (callers cannot change one another\'s)', () => {
    const a = bundledRegistry();
    const b = bundledRegistry();
    expect(a).not.toBe(b);
    expect(a.size).toBe(b.size);
  });
});

describe('schema errors never show a credential', () => {
  const validator = new CrdValidator(bundledRegistry());
  const deployment = (env: object[], modelUri = 'gs://b/p') => ({
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: { name: 'd' },
    spec: {
      predictors: [{
        name: 'default',
        graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri },
        componentSpecs: [{ spec: { containers: [{ name: 'classifier', env }] } }],
      }],
    },
  });

  test('the value of a credential-named variable is given by its type only; others as written, masked', () => {
    const reasons = (o: object) => validator.validateObjects([o]).errors.map(e => `${e.path}: ${e.reason}`);
    // An unquoted numeric password is the usual way to get this error.
    expect(reasons(deployment([{ name: 'DB_PASSWORD', value: 987654321 }, { name: 'WORKERS', value: 4 }]))).toEqual([
      '/spec/predictors/0/componentSpecs/0/spec/containers/0/env/0/value: must be a string, got an integer (not shown: the field may hold a credential)',
      '/spec/predictors/0/componentSpecs/0/spec/containers/0/env/1/value: must be a string, got 4',
    ]);
    // A field named like a credential is given by type too (v1's oauth_secret).
    const oauth = deployment([]);
    (oauth.spec as any).oauth_secret = 31415926535;
    expect(reasons(oauth)).toEqual(['/spec/oauth_secret: must be a string, got an integer (not shown: the field may hold a credential)']);
    // A value shown as written has its URL user info masked, wherever it stands.
    const typed = deployment([]);
    (typed.spec as any).replicas = 's3://AKIAEXAMPLE:wJalrSECRETKEY@bucket/iris';
    expect(reasons(typed)).toEqual(['/spec/replicas: must be an integer, got "s3://***@bucket/iris"']);
  });
});
