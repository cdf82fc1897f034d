import { ApiObject, Chart, Testing } from 'cdk8s';
import { ConfigMap, Secret } from 'cdk8s-plus-27';
import { Node } from 'constructs';
import { ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret } from '../../src';
import { APP_CHECKS_ID } from '../../src/k8s/app-checks';
import { duplicateObjects } from '../../src/k8s/unique-names';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const model = (scope: Chart, id: string, name?: string) =>
  new PrepackagedModel(scope, id, { metadata: name ? { name } : undefined, server: PrepackagedServer.SKLEARN, modelUri: IRIS });

describe('app-wide uniqueness of kind, namespace and name', () => {
  test('two SeldonDeployments with one name in one namespace: the error names both construct paths', () => {
    const chart = Testing.chart();
    model(chart, 'a', 'iris');
    model(chart, 'b', 'iris');
    expect(() => Testing.synth(chart)).toThrow(
      "PrepackagedModel 'test/b': metadata.name \"iris\" is also the name of the SeldonDeployment of PrepackagedModel 'test/a'; kubectl apply would keep only one of them");
  });

  test('objects of plain cdk8s and cdk8s-plus count, across charts of one namespace', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'models' });
    const b = new Chart(app, 'b', { namespace: 'models' });
    new RcloneSecret(a, 'creds', { metadata: { name: 'creds' }, remotes: [RcloneRemote.s3({ envAuth: true })] });
    new Secret(b, 'plain', { metadata: { name: 'creds' } });
    new ApiObject(b, 'raw', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' } });
    expect(duplicateObjects(app)).toEqual([
      "Secret 'b/plain': metadata.name \"creds\" is also the name of the Secret of RcloneSecret 'a/creds' in namespace \"models\"; kubectl apply would keep only one of them; a name unique among the Secret objects of its namespace (set metadata.name on one of them)",
      "Secret 'b/raw': metadata.name \"creds\" is also the name of the Secret of RcloneSecret 'a/creds' in namespace \"models\"; kubectl apply would keep only one of them; a name unique among the Secret objects of its namespace (set metadata.name on one of them)",
    ]);
  });

  test('one name is fine in other namespaces, for other kinds and other API groups', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'one' });
    const b = new Chart(app, 'b', { namespace: 'two' });
    model(a, 'm', 'iris');
    model(b, 'm', 'iris');
    new Secret(a, 's', { metadata: { name: 'iris' } });
    new ConfigMap(a, 'c', { metadata: { name: 'iris' } });
    new ApiObject(a, 'other-group', { apiVersion: 'example.com/v1', kind: 'SeldonDeployment', metadata: { name: 'iris' } });
    expect(duplicateObjects(app)).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test('generated names are unique, so constructs without names never collide', () => {
    const chart = Testing.chart();
    for (let i = 0; i < 50; i++) model(chart, `m${i}`);
    expect(duplicateObjects(chart.node.root)).toEqual([]);
  });

  test('the check joins the app once, however many constructs it has', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const added = jest.spyOn(Node.prototype, 'addValidation');
    for (let i = 0; i < 20; i++) model(chart, `m${i}`);
    // App-wide checks join one named child of the app (src/k8s/app-checks.ts), never the app itself.
    const holder = app.node.findChild(APP_CHECKS_ID);
    const onHolder = added.mock.contexts.filter(n => n === holder.node).length;
    added.mockRestore();
    expect(app.node.children.filter(c => c.node.id.startsWith(APP_CHECKS_ID))).toEqual([holder]);
    // This check and the v1 app-wide rules, each once.
    expect(onHolder).toBeLessThanOrEqual(2);
    expect(onHolder).toBeGreaterThanOrEqual(1);
  });
  test('each validation pass of a synth sees the tree as it is: a duplicate added, removed or renamed between synths', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'models' });
    model(chart, 'a', 'iris');
    expect(duplicateObjects(app)).toEqual([]);
    expect(duplicateObjects(app)).toEqual([]);
    model(chart, 'b', 'iris');
    expect(duplicateObjects(app)).toHaveLength(1);
    expect(duplicateObjects(app)).toHaveLength(1);
    chart.node.tryRemoveChild('b');
    expect(duplicateObjects(app)).toEqual([]);
    const again = model(chart, 'b2', 'iris');
    expect(duplicateObjects(app)).toHaveLength(1);
    // a JavaScript caller can reassign what TypeScript calls readonly: the key is made again
    (again.apiObject as { name: string }).name = 'other';
    expect(duplicateObjects(app)).toEqual([]);
    expect(() => app.synthYaml()).not.toThrow();
    model(chart, 'c', 'iris');
    expect(() => app.synthYaml()).toThrow(/metadata.name "iris" is also the name of the SeldonDeployment of PrepackagedModel 'c\/a'/);
  });
});
