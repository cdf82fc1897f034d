// The ordering guarantee: an object is written after the objects it names (a model after its Secret, a pod after its
// ServiceAccount, a Pipeline after its Models). src/k8s/depend-on.ts declares a cdk8s dependency only where tree order
// would not keep that order; these tests hold the guarantee, not the mechanism, except where the mechanism is the point.
import { ApiObject, App, Chart, Testing, YamlOutputType } from 'cdk8s';
import { Secret } from 'cdk8s-plus-27';
import { Construct, DependencyGroup, IConstruct } from 'constructs';
import {
  ModelUri, Pipeline, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat, RuntimeComponent, SeldonConfig,
  SeldonModel, SeldonRuntime, SeldonServer, ServerConfig, ServerConfigRef,
} from '../../src';
import { dependOn } from '../../src/k8s/depend-on';
import { seededRandom } from '../seeded-random';

const minio = (scope: Construct, name: string): RcloneSecret =>
  new RcloneSecret(scope, name, { metadata: { name }, remotes: [RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })] });

const sklearn = (scope: Construct, name: string, credentials: RcloneSecret): PrepackagedModel =>
  new PrepackagedModel(scope, name, { metadata: { name }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', name), credentials });

const configMap = (scope: Construct, name: string): ApiObject =>
  new ApiObject(scope, name, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

/** The synthesized objects as `Kind/name`, in the order written. */
const written = (chart: Chart): string[] => Testing.synth(chart).map(o => `${o.kind}/${o.metadata.name}`);

describe('an object is written after the objects it names', () => {
  test('a Secret created before its model in one chart: tree order keeps it first, and no dependency is declared', () => {
    const chart = Testing.chart();
    const creds = minio(chart, 'creds');
    configMap(chart, 'between');
    const model = sklearn(chart, 'iris', creds);
    expect(written(chart)).toEqual(['Secret/creds', 'ConfigMap/between', 'SeldonDeployment/iris']);
    expect(model.apiObject.node.dependencies).toEqual([]);
  });

  test('a Secret in a scope that comes after the model\'s in tree order is moved before it', () => {
    const chart = Testing.chart();
    const models = new Construct(chart, 'models');
    const infra = new Construct(chart, 'infra');
    const creds = minio(infra, 'creds');
    const model = sklearn(models, 'iris', creds);
    expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris']);
    expect(model.apiObject.node.dependencies).toEqual([creds.node.defaultChild]);
  });

  test('a later object that depends on the Secret would pull it after the model: the model\'s dependency is declared', () => {
    const chart = Testing.chart();
    const creds = minio(chart, 'creds');
    sklearn(chart, 'iris', creds);
    configMap(chart, 'late').addDependency(creds);
    expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris', 'ConfigMap/late']);
  });

  test('an earlier object that depends on the model would pull it before the Secret: the model\'s dependency is declared', () => {
    const chart = Testing.chart();
    const early = configMap(chart, 'early');
    const creds = minio(chart, 'creds');
    const model = sklearn(chart, 'iris', creds);
    early.addDependency(model);
    expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris', 'ConfigMap/early']);
  });

  test('a dependency a user adds between two synths is honoured by the second', () => {
    const chart = Testing.chart();
    const creds = minio(chart, 'creds');
    const model = sklearn(chart, 'iris', creds);
    expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris']);
    expect(model.apiObject.node.dependencies).toEqual([]);
    configMap(chart, 'late').addDependency(creds);
    expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris', 'ConfigMap/late']);
  });

  test('across charts the dependency is declared at once, and cdk8s writes the Secret\'s chart first', () => {
    const app = Testing.app();
    const models = new Chart(app, 'models');
    const infra = new Chart(app, 'infra');
    const creds = minio(infra, 'creds');
    const model = sklearn(models, 'iris', creds);
    expect(model.apiObject.node.dependencies).toEqual([creds.node.defaultChild]);
    const yaml = app.synthYaml();
    expect(yaml.indexOf('kind: Secret')).toBeGreaterThanOrEqual(0);
    expect(yaml.indexOf('kind: Secret')).toBeLessThan(yaml.indexOf('kind: SeldonDeployment'));
  });

  test('a Secret or ServerConfig of another App orders nothing: an app per environment, built by one program, writes all its objects', () => {
    // Same chart ids in both apps: cdk8s finds a dependency's chart by path, so a dependency on the other app's chart
    // would make this app's chart depend on itself, and synthYaml() would write none of its objects.
    const shared = new App({ outdir: '/nonexistent' });
    const infra = new Chart(shared, 'models', { namespace: 'models' });
    const creds = minio(infra, 'creds');
    const pull = new Secret(infra, 'pull', { type: 'kubernetes.io/dockerconfigjson' });
    const config = new ServerConfig(infra, 'config', { capabilities: ['sklearn'], podSpec: { containers: [{ name: 'rclone', image: 'r:1' }, { name: 'agent', image: 'a:1' }, { name: 'mlserver', image: 'm:1' }] } });
    const app = new App({ outdir: '/nonexistent' });
    const chart = new Chart(app, 'models', { namespace: 'models' });
    const model = new SeldonModel(chart, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.parse('minio://models/iris'), secret: pull });
    const server = new SeldonServer(chart, 'server', { metadata: { name: 'server' }, serverConfig: ServerConfigRef.fromServerConfig(config) });
    server.addImagePullSecret(pull);
    sklearn(chart, 'wine', creds);
    expect(app.charts.flatMap(c => Testing.synth(c)).map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Model/iris', 'Server/server', 'SeldonDeployment/wine']);
    expect(app.synthYaml()).toContain('name: wine');
    expect([model, server].map(c => c.node.findAll().flatMap(x => x.node.dependencies))).toEqual([[], []]);
  });

  test('a cycle through a user\'s dependency is still reported by cdk8s', () => {
    const chart = Testing.chart();
    const creds = minio(chart, 'creds');
    const model = sklearn(chart, 'iris', creds);
    creds.node.defaultChild!.node.addDependency(model.apiObject);
    expect(() => Testing.synth(chart)).toThrow(/Dependency cycle detected/);
  });

  test('a dependency declared during synth can make another one needed: a Pipeline created before its Model\'s Server', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'pipeline', { metadata: { name: 'chain' } });
    const server = new SeldonServer(chart, 'server', { metadata: { name: 'mlserver' } });
    const model = new SeldonModel(chart, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.gcs('seldon-models', 'iris'), requirements: ['sklearn'], server });
    // The Pipeline comes first in the tree, so it must depend on the Model, and cdk8s then writes the Model when it
    // writes the Pipeline: the Model must depend on its Server too, though the Server comes before it in the tree.
    pipeline.addStep(model);
    expect(written(chart)).toEqual(['Server/mlserver', 'Model/iris', 'Pipeline/chain']);
  });

  test('v2: a Server created after its model\'s scope is written before the model', () => {
    const chart = Testing.chart();
    const models = new Construct(chart, 'models');
    const server = new SeldonServer(chart, 'server', { metadata: { name: 'mlserver' } });
    new SeldonModel(models, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.gcs('seldon-models', 'iris'), requirements: ['sklearn'], server });
    expect(written(chart)).toEqual(['Server/mlserver', 'Model/iris']);
  });
});

/** A whole number from 0 to n - 1, drawn from the generator of `seed`. */
function picker(seed: number): (n: number) => number {
  const next = seededRandom(seed);
  return n => Math.floor(next() * n);
}

interface Built {
  readonly app: App;
  /** Each object, by `Kind/name`, and what it must be written after. */
  readonly after: Map<string, Set<string>>;
  readonly addLater: () => void;
}

/**
 * An app of two charts whose scopes, Secrets, models and ConfigMaps are created in a random order, in random scopes,
 * and whose ConfigMaps depend on random older objects (older only, so there is no cycle). Chart "b" may use what
 * chart "a" holds, not the reverse: cdk8s refuses charts that depend on each other.
 */
function randomApp(seed: number): Built {
  const pick = picker(seed);
  const app = Testing.app();
  const charts = [new Chart(app, 'a', { namespace: 'models' }), new Chart(app, 'b', { namespace: 'models' })];
  const scopes: Array<{ readonly scope: Construct; readonly chart: number }> = charts.map((c, chart) => ({ scope: c, chart }));
  const secrets: Array<{ readonly secret: RcloneSecret; readonly chart: number }> = [];
  const objects: Array<{ readonly key: string; readonly construct: IConstruct; readonly chart: number }> = [];
  const after = new Map<string, Set<string>>();
  const need = (key: string, before: string): void => {
    if (!after.has(key)) after.set(key, new Set());
    after.get(key)!.add(before);
  };
  const usable = <T extends { readonly chart: number }>(from: number, all: readonly T[]): T[] => all.filter(t => t.chart === from || t.chart === 0);
  let n = 0;
  const userDependency = (): void => {
    const at = scopes[pick(scopes.length)];
    const targets = usable(at.chart, objects);
    if (targets.length === 0) return;
    const target = targets[pick(targets.length)];
    const name = `cm-${n++}`;
    const object = configMap(at.scope, name);
    object.addDependency(target.construct);
    objects.push({ key: `ConfigMap/${name}`, construct: object, chart: at.chart });
    need(`ConfigMap/${name}`, target.key);
  };
  for (let op = 0; op < 40; op++) {
    const at = scopes[pick(scopes.length)];
    switch (pick(5)) {
      case 0:
        scopes.push({ scope: new Construct(at.scope, `s${n++}`), chart: at.chart });
        break;
      case 1: {
        const name = `secret-${n++}`;
        const secret = minio(at.scope, name);
        secrets.push({ secret, chart: at.chart });
        objects.push({ key: `Secret/${name}`, construct: secret, chart: at.chart });
        break;
      }
      case 2:
      case 3: {
        const choices = usable(at.chart, secrets);
        if (choices.length === 0) break;
        const secret = choices[pick(choices.length)].secret;
        const name = `model-${n++}`;
        objects.push({ key: `SeldonDeployment/${name}`, construct: sklearn(at.scope, name, secret), chart: at.chart });
        need(`SeldonDeployment/${name}`, `Secret/${secret.name}`);
        break;
      }
      default:
        userDependency();
    }
  }
  return { app, after, addLater: () => { for (let i = 0; i < 5; i++) userDependency(); } };
}

function violations(built: Built): string[] {
  const order = built.app.charts.flatMap(c => Testing.synth(c)).map(o => `${o.kind}/${o.metadata.name}`);
  const at = new Map(order.map((key, i) => [key, i]));
  const found: string[] = [];
  for (const [key, befores] of built.after) {
    for (const before of befores) if (!(at.get(before)! < at.get(key)!)) found.push(`${before} is not before ${key}`);
  }
  return found;
}

test('in 150 random apps, every object is written after what it names, before and after more dependencies are added', () => {
  let checked = 0;
  for (let seed = 1; seed <= 150; seed++) {
    const built = randomApp(seed);
    expect({ seed, found: violations(built) }).toEqual({ seed, found: [] });
    built.addLater();
    expect({ seed, found: violations(built) }).toEqual({ seed, found: [] });
    checked += built.after.size;
  }
  // The apps are not trivially empty: they hold thousands of ordering constraints in all.
  expect(checked).toBeGreaterThan(1000);
});

test('a dependency on a DependencyGroup that holds the Secret counts as one on the Secret', () => {
  const chart = Testing.chart();
  const creds = minio(chart, 'creds');
  sklearn(chart, 'iris', creds);
  configMap(chart, 'late').node.addDependency(new DependencyGroup(creds.node.defaultChild!));
  expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris', 'ConfigMap/late']);
});

describe('the ordering guarantee in the corners cdk8s has', () => {
  test('a SeldonRuntime after its SeldonConfig and its rclone Secrets, both in a scope later in the tree', () => {
    const chart = Testing.chart();
    const runtimes = new Construct(chart, 'runtimes');
    const shared = new Construct(chart, 'shared');
    const config = new SeldonConfig(shared, 'config', {
      metadata: { name: 'team-defaults' },
      components: [{ component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: 'seldonio/seldon-scheduler:2.10.2' }] } }],
    });
    const remote = new RcloneSecret(shared, 'remote', {
      metadata: { name: 'minio-remote' },
      format: RcloneSecretFormat.V2_DOCUMENT,
      remotes: [RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })],
    });
    new SeldonRuntime(runtimes, 'runtime', { metadata: { name: 'seldon' }, seldonConfig: config, config: { rcloneConfigSecrets: [remote] } });
    expect(written(chart)).toEqual(['SeldonConfig/team-defaults', 'Secret/minio-remote', 'SeldonRuntime/seldon']);
  });

  test('a dependency on the model\'s or the Secret\'s construct (not its object) counts, even where app.synth() validates first', () => {
    const chart = Testing.chart();
    const creds = minio(chart, 'creds');
    const model = sklearn(chart, 'iris', creds);
    // A cycle through the constructs: cdk8s must still see it, in the output mode that validates only before it
    // turns construct dependencies into object ones.
    creds.node.addDependency(model);
    const app = chart.node.root as App;
    (app as { yamlOutputType: YamlOutputType }).yamlOutputType = YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE;
    expect(() => app.synth()).toThrow(/Dependency cycle detected/);
  });

  test('image pull Secrets added to a pod after the model are written before it too', () => {
    const chart = Testing.chart();
    const creds = minio(chart, 'creds');
    const model = sklearn(chart, 'iris', creds);
    const pull = new Secret(chart, 'pull', { metadata: { name: 'registry' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{}' } });
    model.predictorPod('default').addImagePullSecret(pull);
    const server = new SeldonServer(chart, 'server', { metadata: { name: 'mlserver' } });
    const late = new Secret(chart, 'late', { metadata: { name: 'late' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{}' } });
    server.addImagePullSecret(late);
    const order = written(chart);
    expect(order.indexOf('Secret/registry')).toBeLessThan(order.indexOf('SeldonDeployment/iris'));
    expect(order.indexOf('Secret/late')).toBeLessThan(order.indexOf('Server/mlserver'));
  });

  // A pass that reads the same objects, dependency targets and relations as the last one that added nothing is
  // settled without the work (depend-on.ts, Settled); a change to either that adds no object must still count.
  test('between two synths, a dependency between objects already there, or a relation on one, still counts', () => {
    const chart = Testing.chart();
    const creds = minio(chart, 'creds');
    sklearn(chart, 'iris', creds);
    const late = configMap(chart, 'late');
    expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris', 'ConfigMap/late']);
    late.addDependency(creds);
    expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris', 'ConfigMap/late']);

    const other = Testing.chart();
    const otherCreds = minio(other, 'creds');
    const model = sklearn(new Construct(other, 'models'), 'iris', otherCreds);
    const pull = new Secret(new Construct(other, 'registry'), 'pull', {
      metadata: { name: 'registry' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{}' },
    });
    expect(written(other)).toEqual(['Secret/creds', 'SeldonDeployment/iris', 'Secret/registry']);
    model.predictorPod('default').addImagePullSecret(pull);
    expect(written(other)).toEqual(['Secret/creds', 'Secret/registry', 'SeldonDeployment/iris']);
  });

  // Found by review: taking a construct out is the one change that moves objects in tree order.
  test('between two synths, a Secret taken out and made again at its place is still written first', () => {
    const chart = Testing.chart();
    sklearn(chart, 'iris', minio(chart, 'creds'));
    expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris']);
    chart.node.tryRemoveChild('creds');
    minio(chart, 'creds');
    expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris']);
  });

  // A construction that throws takes its construct out the same way (src/k8s/failed-construction.ts).
  test('a dependent taken out of the tree leaves the order of the others as tree order keeps it', () => {
    const chart = Testing.chart();
    const creds = minio(chart, 'creds');
    configMap(chart, 'between');
    sklearn(chart, 'gone', creds);
    sklearn(chart, 'iris', creds);
    chart.node.tryRemoveChild('gone');
    expect(written(chart)).toEqual(['Secret/creds', 'ConfigMap/between', 'SeldonDeployment/iris']);
    // and in the next synth, once its relation is dropped
    expect(written(chart)).toEqual(['Secret/creds', 'ConfigMap/between', 'SeldonDeployment/iris']);
  });

  test('an app with more held relations than a function takes arguments (150,000) synthesizes', () => {
    const chart = Testing.chart();
    const creds = minio(chart, 'creds');
    const model = sklearn(chart, 'iris', creds);
    // As 75,000 models with a Secret and a ServiceAccount each would hold, cheaply: the same relation again and again.
    for (let i = 0; i < 150_000; i++) dependOn(model.apiObject, creds);
    // One relation tree order does not keep, so the held list is rewritten.
    const first = new Construct(chart, 'first');
    const later = new Construct(chart, 'later');
    sklearn(first, 'other', minio(later, 'creds2'));
    expect(written(chart)).toEqual(['Secret/creds', 'SeldonDeployment/iris', 'Secret/creds2', 'SeldonDeployment/other']);
  });
});
