import { Testing } from 'cdk8s';
import { DeploymentStrategy } from 'cdk8s-plus-27';
import { ModelUri, Pipeline, SeldonModel, SeldonServer, ServerConfigRef } from '../../src';
import { hasMembers } from '../../src/k8s/instance-shape';
import { notJson } from '../../src/k8s/json-data';
import { metadataProblems } from '../../src/k8s/metadata-rules';
import { SHAPES } from '../../src/k8s/prop-shapes.generated';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const js = <T>(value: unknown) => value as T;

describe('Kubernetes data at the boundary is JSON data (src/k8s/json-data.ts)', () => {
  test('functions, symbols, bigints, NaN, Maps and cycles are found with their place', () => {
    const within = {};
    expect(notJson({ a: [1, 'x', null, { b: true }] }, within)).toBeUndefined();
    expect(notJson({ a: [1, () => 2] }, within)).toMatchObject({ at: '.a[1]', cycle: false });
    expect(notJson({ a: NaN }, within)).toMatchObject({ at: '.a' });
    expect(notJson(10n, within)).toMatchObject({ at: '' });
    expect(notJson({ m: new Map() }, within)).toMatchObject({ at: '.m' });
    const o: any = {};
    o.again = [o];
    expect(notJson(o, within)).toMatchObject({ at: '.again[0]', cycle: true });
    // A shared (not cyclic) object is data: JSON writes it twice.
    const shared = { x: 1 };
    expect(notJson({ a: shared, b: shared }, within)).toBeUndefined();
    // The containing object counts as an ancestor: metadata.self = metadata is a cycle at `.`.
    expect(notJson(within, within)).toMatchObject({ at: '', cycle: true });
  });

  test('a map key that would read as several parts is written in brackets (review 16, F9)', () => {
    expect(notJson({ labels: { 'app.kubernetes.io/name': () => 1 } }, {})).toMatchObject({ at: '.labels["app.kubernetes.io/name"]' });
    expect(notJson({ labels: { app: { 'a b': NaN } } }, {})).toMatchObject({ at: '.labels.app["a b"]' });
    // a tensor map of a step (a map of strings), from JavaScript
    const p = new Pipeline(Testing.chart(), 'p', { metadata: { name: 'p' } });
    expect(() => p.addStepForModelName('a', js({ tensorMap: { 'p.inputs.x': 5, 'y': 6 } }))).toThrow(
      /addStepForModelName\("a"\) options.tensorMap\["p.inputs.x"\] is the number 5[^\n]*\n.*options.tensorMap.y is the number 6/);
  });

  test('a value nested 100,000 deep is walked without recursion (no stack overflow)', () => {
    let deep: any = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    expect(notJson(deep, {})).toBeUndefined();
    expect(() => new SeldonModel(Testing.chart(), 'iris', { storageUri: IRIS, metadata: js({ name: 'iris', deep: { d: { d: () => 1 } } }) }))
      .toThrow(/^SeldonModel 'test\/iris': metadata.deep.d.d is a function; accepted: JSON data/);
    let deepBad: any = () => 1;
    for (let i = 0; i < 10_000; i++) deepBad = { d: deepBad };
    expect(() => new SeldonModel(Testing.chart(), 'iris', { storageUri: IRIS, metadata: js({ name: 'iris', deep: deepBad }) }))
      .toThrow(/metadata.deep(.d)+ is a function/);
  });
});

describe('classes are recognised by name along the prototype chain, interfaces by members (src/k8s/instance-shape.ts)', () => {
  test('a plain object with the members of a class is refused; an instance of a second copy of the class is accepted', () => {
    const shape = SHAPES.ServerConfigRef;
    expect(hasMembers(ServerConfigRef.MLSERVER, shape)).toBe(true);
    expect(hasMembers({ name: 'mlserver' }, shape)).toBe(false);
    // Another copy of the library: a different class object with the same name.
    const SecondCopy = { ServerConfigRef: class { public readonly name = 'mlserver'; } }.ServerConfigRef;
    expect(hasMembers(new SecondCopy(), shape)).toBe(true);
    // A subclass (a jsii language's subclass of a library class) keeps the base name on its chain.
    class Sub extends SecondCopy {}
    expect(hasMembers(new Sub(), shape)).toBe(true);
  });

  test('a class without public members (DeploymentStrategy) no longer accepts any object', () => {
    expect(() => new SeldonServer(Testing.chart(), 's', { deploymentStrategy: js(Object.create(null)) }))
      .toThrow(/deploymentStrategy is a plain object; accepted: a DeploymentStrategy from DeploymentStrategy.recreate\(\)/);
    expect(() => new SeldonServer(Testing.chart(), 's', { deploymentStrategy: DeploymentStrategy.recreate() })).not.toThrow();
  });
});

describe('every object\'s metadata meets the API server\'s floor (apimachinery ValidateObjectMeta; src/k8s/metadata-rules.ts)', () => {
  test('names, namespaces, label keys and values, annotation keys', () => {
    expect(metadataProblems({ name: 'iris.v1', namespace: 'models', labels: { 'example.com/team': 'a_b', 'empty': '' }, annotations: { 'a/b': 'anything at all' } })).toEqual([]);
    expect(metadataProblems({ name: 'Iris', namespace: 'a.b', labels: { 'a b': 'x' }, annotations: { '-x': '' } }).map(p => `${p.field} ${p.problem}`)).toEqual([
      'name "Iris" is not a valid object name',
      'namespace "a.b" is not a valid namespace',
      'labels key "a b" is not a qualified name',
      'annotations key "-x" is not a qualified name',
    ]);
    expect(metadataProblems({ name: 'x'.repeat(254) })).toHaveLength(1);
    expect(metadataProblems({ labels: { team: 'x'.repeat(64) } })).toHaveLength(1);
  });

  test('a kind\'s own stricter name rule speaks first; the floor is reported at synth otherwise', () => {
    expect(() => new SeldonModel(Testing.chart(), 'iris', { storageUri: IRIS, metadata: { name: 'Iris' } }))
      .toThrow(/metadata.name "Iris" is not a valid Seldon v2 model name/);
    const chart = Testing.chart();
    new SeldonServer(chart, 's', { metadata: { name: 'mlserver', labels: { team: 'a b' } } });
    expect(() => Testing.synth(chart)).toThrow(/SeldonServer 'test\/s': metadata.labels value "a b" is not a label value; a label value is accepted/);
  });
});
