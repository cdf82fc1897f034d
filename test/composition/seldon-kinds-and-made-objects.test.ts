// Review 17, items 2, 3 and 6: hand-written objects of the Seldon kinds the library writes, the objects the v2
// operator makes for a Server, and cdk8s's per-resource file names, all in the app-wide name check (src/k8s/unique-names.ts).
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Include, Testing, YamlOutputType } from 'cdk8s';
import { Service } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  ExperimentTarget, Experiment, ModelUri, Pipeline, SeldonModel, SeldonRuntime, SeldonServer, ServerConfig,
} from '../../src';
import { tempDir } from '../temp-dir';

const chart = () => Testing.chart();
const raw = (scope: Construct, id: string, kind: string, name: string) =>
  new ApiObject(scope, id, { apiVersion: 'mlops.seldon.io/v1alpha1', kind, metadata: { name } });

describe('a hand-written object of a Seldon kind with a library object\'s kind, namespace and name is refused', () => {
  test.each([
    ['Model', (c: Chart) => new SeldonModel(c, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.parse('gs://x/y') }), 'iris'],
    ['Server', (c: Chart) => new SeldonServer(c, 'srv', { metadata: { name: 'srv' } }), 'srv'],
    ['Pipeline', (c: Chart) => new Pipeline(c, 'pipe', { metadata: { name: 'pipe' } }).addStepForModelName('a'), 'pipe'],
    ['Experiment', (c: Chart) => new Experiment(c, 'exp', {
      metadata: { name: 'exp' }, candidates: [{ target: ExperimentTarget.modelName('a'), weight: 1 }, { target: ExperimentTarget.modelName('b'), weight: 1 }],
    }), 'exp'],
    ['ServerConfig', (c: Chart) => new ServerConfig(c, 'cfg', { metadata: { name: 'cfg' }, podSpec: { containers: [{ name: 'rclone', image: 'r' }, { name: 'agent', image: 'a' }, { name: 'mlserver', image: 'm' }] } }), 'cfg'],
  ] as const)('%s', (kind, build, name) => {
    const c = chart();
    build(c);
    raw(c, 'hand', kind, name);
    expect(() => Testing.synth(c)).toThrow(new RegExp(`metadata.name "${name}" is also the name of .*kubectl apply would keep only one of them`));
  });

  test('an Include\'d manifest holding a Model of the same name', () => {
    const dir = tempDir('include-');
    const file = path.join(dir, 'model.yaml');
    fs.writeFileSync(file, 'apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: iris\n  namespace: models\nspec:\n  storageUri: gs://x/y\n');
    const c = new Chart(Testing.app(), 'c', { namespace: 'models' });
    new SeldonModel(c, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.parse('gs://x/y') });
    new Include(c, 'inc', { url: file });
    expect(() => Testing.synth(c)).toThrow(/'c\/iris'.*"iris" is also the name of|"iris" is also the name of .*'c\/iris'/);
  });

  test('controls: two library Models of one name keep the Seldon-worded message (once); other names and namespaces pass', () => {
    const c = chart();
    new SeldonModel(c, 'a', { metadata: { name: 'iris' }, storageUri: ModelUri.parse('gs://x/y') });
    new SeldonModel(c, 'b', { metadata: { name: 'iris' }, storageUri: ModelUri.parse('gs://x/y') });
    let message = '';
    try { Testing.synth(c); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/applying both would leave one Model/);
    expect(message).not.toMatch(/kubectl apply would keep only one/);

    const ok = chart();
    new SeldonModel(ok, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.parse('gs://x/y') });
    raw(ok, 'hand', 'Model', 'other');
    new ApiObject(new Chart(ok.node.root as App, 'elsewhere', { namespace: 'elsewhere' }), 'm', { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name: 'iris' } });
    expect(() => Testing.synth(ok)).not.toThrow();
  });

  test('a SeldonRuntime: a real one and a hand-written one of the same name are refused; of another name, accepted', () => {
    const c = chart();
    new SeldonRuntime(c, 'rt', { metadata: { name: 'seldon' } });
    raw(c, 'hand', 'SeldonRuntime', 'seldon');
    expect(() => Testing.synth(c)).toThrow('SeldonRuntime \'test/hand\': metadata.name "seldon" is also the name of SeldonRuntime \'test/rt\'; '
      + 'kubectl apply would keep only one of them; a name unique among the SeldonRuntime objects of its namespace (set metadata.name on one of them)');

    const ok = chart();
    new SeldonRuntime(ok, 'rt', { metadata: { name: 'seldon' } });
    raw(ok, 'hand', 'SeldonRuntime', 'other');
    expect(Testing.synth(ok).filter(o => o.kind === 'SeldonRuntime').map(o => o.metadata.name)).toEqual(['seldon', 'other']);
  });
});

describe('what the v2 operator makes for a Server (StatefulSet <server>, Service <server>-<i> per replica)', () => {
  test('a Service named <server>-0 is refused', () => {
    const c = chart();
    new SeldonServer(c, 's', { metadata: { name: 'srv' } });
    new Service(c, 'svc', { metadata: { name: 'srv-0' }, ports: [{ port: 80 }] });
    expect(() => Testing.synth(c)).toThrow(/SeldonServer 'test\/s': metadata.name "srv" makes the Seldon operator create a Service named "srv-0" \(the Service of replica 0\), which is also the name of Service 'test\/svc'/);
  });

  test('a StatefulSet named like the Server is refused', () => {
    const c = chart();
    new SeldonServer(c, 's', { metadata: { name: 'srv' } });
    new ApiObject(c, 'ss', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'srv' } });
    expect(() => Testing.synth(c)).toThrow(/makes the Seldon operator create a StatefulSet named "srv"/);
  });

  test('Services up to maxReplicas count; past it, and in another namespace, they pass', () => {
    const c = chart();
    new SeldonServer(c, 's', { metadata: { name: 'srv' }, replicas: 1, maxReplicas: 3 });
    new Service(c, 'svc', { metadata: { name: 'srv-2' }, ports: [{ port: 80 }] });
    expect(() => Testing.synth(c)).toThrow(/create a Service named "srv-2" \(the Service of replica 2\)/);

    const ok = chart();
    new SeldonServer(ok, 's', { metadata: { name: 'srv' }, replicas: 2, maxReplicas: 3 });
    new Service(ok, 'svc', { metadata: { name: 'srv-3' }, ports: [{ port: 80 }] });
    new Service(new Chart(ok.node.root as App, 'other', { namespace: 'other' }), 'svc', { metadata: { name: 'srv-0' }, ports: [{ port: 80 }] });
    expect(() => Testing.synth(ok)).not.toThrow();
  });
});

describe('one-file-per-object output types lose same-named objects of two namespaces', () => {
  const build = (type: YamlOutputType, names: [string, string]) => {
    const app = new App({ outdir: tempDir('per-resource-'), yamlOutputType: type });
    for (const [i, ns] of ['team-a', 'team-b'].entries()) {
      const c = new Chart(app, ns, { namespace: ns });
      new SeldonModel(c, 'iris', { metadata: { name: names[i] }, storageUri: ModelUri.parse('gs://x/y') });
    }
    return app;
  };

  test('FILE_PER_RESOURCE: refused, naming both', () => {
    expect(() => build(YamlOutputType.FILE_PER_RESOURCE, ['iris', 'iris']).synth())
      .toThrow(/SeldonModel 'team-b\/iris': metadata.name "iris" gives the file "Model.iris.k8s.yaml" under YamlOutputType.FILE_PER_RESOURCE, which SeldonModel 'team-a\/iris' \(namespace "team-a"\)/);
  });

  test('controls: FILE_PER_CHART, FOLDER_PER_CHART_FILE_PER_RESOURCE (a folder per chart) and distinct names pass', () => {
    expect(() => build(YamlOutputType.FILE_PER_CHART, ['iris', 'iris']).synth()).not.toThrow();
    expect(() => build(YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE, ['iris', 'iris']).synth()).not.toThrow();
    expect(() => build(YamlOutputType.FILE_PER_RESOURCE, ['iris', 'iris2']).synth()).not.toThrow();
  });
});
