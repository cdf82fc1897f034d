// A construct whose constructor throws leaves nothing behind (src/k8s/failed-construction.ts): a caller that catches the
// error (a REPL, a notebook, a test asserting the throw) and synthesizes the app gets what the app writes without it, the
// app-wide checks have nothing to say about it, and the id is free again. Each case throws after the construct was attached
// to its scope, most after it made its object or held a dependency; the app around it is built with and without the attempt.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  Experiment, ExperimentTarget, MigratedModel, ModelUri, Pipeline, PredictiveUnit, PrepackagedModel, PrepackagedServer, RcloneExternalSecret,
  RcloneRemote, RcloneSecret, RcloneSecretFormat, RpsAutoscaler, RuntimeComponent, SeldonConfig, SeldonDeployment, SeldonModel, SeldonRuntime,
  SeldonServer, ServerConfig,
} from '../../src';
import { synthError } from '../synth-error';

const minio = (name: string) => RcloneRemote.minio({ name, endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' });
const configMap = (scope: Construct, name: string): ApiObject => new ApiObject(scope, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
const sklearn = (name: string, credentials?: RcloneSecret) =>
  PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', name), credentials });
const model = (scope: Construct, name: string) => new SeldonModel(scope, name, { metadata: { name }, storageUri: ModelUri.gcs('models', name), requirements: ['sklearn'] });

/** One construct class: the app around the attempt (`before` and `after`), the attempt that throws, and one that succeeds at the same id. */
interface Case {
  readonly before: (chart: Chart) => Record<string, any>;
  readonly fail: (chart: Chart, made: Record<string, any>) => unknown;
  readonly error: RegExp;
  readonly after?: (chart: Chart, made: Record<string, any>) => void;
  readonly again: (chart: Chart, made: Record<string, any>) => unknown;
}

const CASES: Record<string, Case> = {
  'SeldonDeployment (its second predictor refused, after the first held a dependency on its Secret)': {
    before: c => {
      const creds = new RcloneSecret(c, 'creds', { metadata: { name: 'creds' }, remotes: [minio('s3')] });
      configMap(c, 'between');
      return { creds };
    },
    fail: (c, { creds }) => new SeldonDeployment(c, 'x', {
      metadata: { name: 'sd' },
      predictors: [{ name: 'a', graph: sklearn('a', creds) }, { name: 'Bad_Name', graph: sklearn('b', creds) }],
    }),
    error: /^SeldonDeployment 'c\/x': predictors\[1\]\.name "Bad_Name"/,
    after: (c, { creds }) => new SeldonDeployment(c, 'live', { metadata: { name: 'live' }, predictors: [{ name: 'p', graph: sklearn('m', creds) }] }),
    again: (c, { creds }) => new SeldonDeployment(c, 'x', { metadata: { name: 'sd' }, predictors: [{ name: 'a', graph: sklearn('a', creds) }] }),
  },
  'PrepackagedModel (its predictor refused after the SeldonDeployment was made)': {
    before: c => ({ chart: configMap(c, 'first') }),
    fail: c => new PrepackagedModel(c, 'x', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'iris'), graphName: 'Bad_Name' }),
    error: /^PrepackagedModel 'c\/x': graphName "Bad_Name"/,
    again: c => new PrepackagedModel(c, 'x', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'iris') }),
  },
  'RcloneSecret (its second remote refused after the Secret was made)': {
    before: c => ({ first: configMap(c, 'first') }),
    fail: c => new RcloneSecret(c, 'x', { metadata: { name: 'creds' }, remotes: [minio('s3'), minio('S3')] }),
    error: /^RcloneSecret 'c\/x': remotes\[1\] \("S3"\) name duplicates a remote/,
    again: c => new RcloneSecret(c, 'x', { metadata: { name: 'creds' }, remotes: [minio('s3')] }),
  },
  'RcloneSecret.fromExistingSecret (its name refused)': {
    before: () => ({}),
    fail: c => RcloneSecret.fromExistingSecret(c, 'x', 'Bad_Name'),
    error: /^RcloneSecret 'c\/x': name "Bad_Name" is not a Secret name/,
    again: c => RcloneSecret.fromExistingSecret(c, 'x', 'creds'),
  },
  'RcloneExternalSecret (its store refused)': {
    before: () => ({}),
    fail: c => new RcloneExternalSecret(c, 'x', { secretStore: { name: 'Bad_Name' }, remotes: [RcloneRemote.custom('r', 's3')], values: [{ remote: 'r', option: 'secret_access_key', key: 'k' }] }),
    error: /^RcloneExternalSecret 'c\/x': secretStore\.name "Bad_Name"/,
    again: c => new RcloneExternalSecret(c, 'x', { secretStore: { name: 'vault' }, remotes: [RcloneRemote.custom('r', 's3')], values: [{ remote: 'r', option: 'secret_access_key', key: 'k' }] }),
  },
  'SeldonConfig (its name refused after its object was made)': {
    before: () => ({}),
    fail: c => new SeldonConfig(c, 'x', { metadata: { name: 'Bad_Name' } }),
    error: /^SeldonConfig 'c\/x': metadata\.name/,
    again: c => new SeldonConfig(c, 'x', {
      metadata: { name: 'config' },
      components: [{ component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: 'seldonio/seldon-scheduler:2.10.2' }] } }],
    }),
  },
  'SeldonConfig.fromSeldonConfigName (its name refused)': {
    before: () => ({}),
    fail: c => SeldonConfig.fromSeldonConfigName(c, 'x', 'Bad_Name'),
    error: /^SeldonConfig reference 'c\/x': name "Bad_Name" is not a valid name/,
    again: c => SeldonConfig.fromSeldonConfigName(c, 'x', 'default'),
  },
  'SeldonRuntime (an override refused, after it held a dependency on an rclone Secret)': {
    before: c => {
      const remote = new RcloneSecret(c, 'remote', { metadata: { name: 'minio-remote' }, format: RcloneSecretFormat.V2_DOCUMENT, remotes: [minio('minio')] });
      configMap(c, 'between');
      return { remote };
    },
    fail: (c, { remote }) => new SeldonRuntime(c, 'x', {
      metadata: { name: 'seldon' },
      config: { rcloneConfigSecrets: [remote] },
      overrides: [{ component: RuntimeComponent.custom('nope') }],
    }),
    error: /^SeldonRuntime 'c\/x': overrides\["nope"\]\.component names no component/,
    after: (c, { remote }) => new SeldonModel(c, 'live', { metadata: { name: 'live' }, storageUri: ModelUri.parse('minio://bucket/live'), requirements: ['sklearn'], secret: remote }),
    again: (c, { remote }) => new SeldonRuntime(c, 'x', { metadata: { name: 'seldon' }, config: { rcloneConfigSecrets: [remote] } }),
  },
  'SeldonRuntime.fromNamespace (its namespace refused)': {
    before: () => ({}),
    fail: c => SeldonRuntime.fromNamespace(c, 'x', 'Bad_Name'),
    error: /^SeldonRuntime reference 'c\/x': namespace "Bad_Name" is not a namespace name/,
    again: c => SeldonRuntime.fromNamespace(c, 'x', 'seldon'),
  },
  'SeldonServer.fromServerName (its name refused)': {
    before: () => ({}),
    fail: c => SeldonServer.fromServerName(c, 'x', 'Bad_Name'),
    error: /^SeldonServer reference 'c\/x': name "Bad_Name"/,
    again: c => SeldonServer.fromServerName(c, 'x', 'mlserver'),
  },
  'SeldonServer (its name refused after its object was made)': {
    before: () => ({}),
    fail: c => new SeldonServer(c, 'x', { metadata: { name: 'Bad_Name' } }),
    error: /^SeldonServer 'c\/x': metadata\.name "Bad_Name"/,
    again: c => new SeldonServer(c, 'x', { metadata: { name: 'mlserver' } }),
  },
  'SeldonModel (its name refused after its object was made)': {
    before: () => ({}),
    fail: c => new SeldonModel(c, 'x', { metadata: { name: 'M'.repeat(260) }, storageUri: ModelUri.gcs('models', 'iris') }),
    error: /^SeldonModel 'c\/x': metadata\.name "M+\.\.\. is not a valid Seldon v2 model name/,
    again: c => model(c, 'x'),
  },
  'Pipeline (its name refused after its object was made)': {
    before: () => ({}),
    fail: c => new Pipeline(c, 'x', { metadata: { name: 'P'.repeat(260) } }),
    error: /^Pipeline 'c\/x': metadata\.name "P+\.\.\. is not a valid Seldon v2 pipeline name/,
    again: c => new Pipeline(c, 'x', { metadata: { name: 'p' } }).addStepForModelName('iris'),
  },
  'Experiment (its second candidate refused, after the first held a dependency on its model)': {
    before: c => {
      const iris = model(c, 'iris');
      configMap(c, 'between');
      return { iris };
    },
    fail: (c, { iris }) => new Experiment(c, 'x', {
      metadata: { name: 'ab' },
      candidates: [{ target: ExperimentTarget.model(iris), weight: 50 }, { target: ExperimentTarget.modelName('Bad_Name'), weight: 50 }],
    }),
    error: /^Experiment 'c\/x': candidates\[1\]/,
    after: (c, { iris }) => new Pipeline(c, 'live', { metadata: { name: 'live' } }).addStep(iris),
    again: (c, { iris }) => new Experiment(c, 'x', {
      metadata: { name: 'ab' },
      candidates: [{ target: ExperimentTarget.model(iris), weight: 50 }, { target: ExperimentTarget.modelName('other'), weight: 50 }],
    }),
  },
  'RpsAutoscaler (cdk8s-plus refuses its HorizontalPodAutoscaler after making its object)': {
    before: c => ({ iris: model(c, 'iris') }),
    fail: (c, { iris }) => new RpsAutoscaler(c, 'x', { model: iris, targetRps: 3, maxReplicas: 3, scaleUp: { stabilizationWindow: Duration.hours(2) } }),
    error: /stabilizationWindow/,
    again: (c, { iris }) => new RpsAutoscaler(c, 'x', { model: iris, targetRps: 3, maxReplicas: 3 }),
  },
  'ServerConfig (its name refused after its object was made)': {
    before: () => ({}),
    fail: c => new ServerConfig(c, 'x', { metadata: { name: 'Bad_Name' }, podSpec: podSpec(), capabilities: ['mlserver'] }),
    error: /^ServerConfig 'c\/x': metadata\.name "Bad_Name"/,
    again: c => new ServerConfig(c, 'x', { metadata: { name: 'mlserver-gpu' }, podSpec: podSpec(), capabilities: ['mlserver'] }),
  },
  'MigratedModel (its Model refused after its Secret was made)': {
    before: c => {
      const creds = new RcloneSecret(c, 'v1-creds', { metadata: { name: 'v1-creds' }, remotes: [minio('s3')] });
      const v1 = new PrepackagedModel(c, 'v1', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: creds });
      SeldonServer.fromServerName(c, 'mlserver', 'mlserver', { capabilities: ['sklearn'] });
      return { v1 };
    },
    fail: (c, { v1 }) => new MigratedModel(c, 'x', { prepackagedModel: v1, modelName: 'iris-v2', memory: 'lots' }),
    error: /^SeldonModel 'c\/x\/Model': memory "lots"/,
    again: (c, { v1 }) => new MigratedModel(c, 'x', { prepackagedModel: v1, modelName: 'iris-v2' }),
  },
};

function podSpec(): k8s.PodSpec {
  return {
    containers: [
      { name: 'rclone', image: 'docker.io/seldonio/seldon-rclone:2.10.2' },
      { name: 'agent', image: 'docker.io/seldonio/seldon-agent:2.10.2' },
      { name: 'mlserver', image: 'docker.io/seldonio/mlserver:1.7.1' },
    ],
  };
}

/** The app of a case, with the failed attempt between `before` and `after` or without it. */
function build(c: Case, attempt: boolean): { app: App; chart: Chart; made: Record<string, any> } {
  const app = Testing.app();
  const chart = new Chart(app, 'c', { namespace: 'seldon' });
  const made = c.before(chart);
  if (attempt) expect(() => c.fail(chart, made)).toThrow(c.error);
  c.after?.(chart, made);
  return { app, chart, made };
}

describe('a construct whose constructor throws leaves nothing behind', () => {
  test.each(Object.keys(CASES))('%s', name => {
    const c = CASES[name];
    const failed = build(c, true);
    const fresh = build(c, false);
    // Nothing of it in the tree, nothing for the app-wide checks to report, and the manifests of the app without it.
    expect(failed.chart.node.tryFindChild('x')).toBeUndefined();
    expect(synthError(failed.chart)).toBe('');
    expect(Testing.synth(failed.chart)).toEqual(Testing.synth(fresh.chart));
    expect(failed.app.synthYaml()).toEqual(fresh.app.synthYaml());
    // The id is free: the construct made there now is the one the app writes.
    c.again(failed.chart, failed.made);
    c.again(fresh.chart, fresh.made);
    expect(synthError(failed.chart)).toBe('');
    expect(Testing.synth(failed.chart)).toEqual(Testing.synth(fresh.chart));
  });

  test('every construction of the library undoes itself when it throws: each constructScope() has its failedConstruction()', () => {
    const root = path.join(__dirname, '..', '..', 'src');
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
      .flatMap(e => e.isDirectory() ? (e.name === 'k8s' ? [] : files(path.join(dir, e.name))) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
    const missing = files(root).flatMap(f => {
      const text = fs.readFileSync(f, 'utf8');
      const made = (text.match(/constructScope\(/g) ?? []).length;
      const undone = (text.match(/throw failedConstruction\(/g) ?? []).length;
      return undone < made ? [`${path.relative(root, f)}: ${made} constructions, ${undone} undone`] : [];
    });
    expect(missing).toEqual([]);
  });

  test('the error is the one the checks raised, with the construct path', () => {
    const chart = new Chart(Testing.app(), 'c');
    let caught: unknown;
    try {
      new SeldonServer(chart, 'x', { metadata: { name: 'Bad_Name' } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toMatch(/^SeldonServer 'c\/x': metadata\.name "Bad_Name"/);
  });

  test('a construction refused because the id is taken leaves the construct holding it', () => {
    const chart = new Chart(Testing.app(), 'c');
    const first = new SeldonServer(chart, 'x', { metadata: { name: 'mlserver' } });
    expect(() => new SeldonServer(chart, 'x', { metadata: { name: 'other' } })).toThrow(/There is already a Construct with name 'x'/);
    expect(chart.node.tryFindChild('x')).toBe(first);
    expect(Testing.synth(chart).map(o => o.metadata.name)).toEqual(['mlserver']);
  });
});
