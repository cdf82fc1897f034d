/** The comparison under Seldon's equalities, and the patches between two objects. */
import * as entry from '../../src';
import { deepEqual, normalise, patchesBetween } from '../../src/convert';
import { LIBRARY } from '../../src/convert/library';

describe('normalise', () => {
  test('v1alpha2/v1alpha3 are v1; empty children and the REST endpoint are dropped; replicas default to 1', () => {
    const a = normalise({
      apiVersion: 'machinelearning.seldon.io/v1alpha3',
      kind: 'SeldonDeployment',
      metadata: { name: 'x' },
      spec: { predictors: [{ name: 'p', graph: { name: 'g', children: [], endpoint: { type: 'REST' } } }] },
    });
    expect(a).toEqual({
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeployment',
      metadata: { name: 'x' },
      spec: { predictors: [{ name: 'p', replicas: 1, graph: { name: 'g', type: 'MODEL' } }] },
    });
  });

  test('the operator\'s defaulting: type MODEL, the version label, defaults of graph containers only', () => {
    const o = normalise({
      kind: 'SeldonDeployment',
      spec: {
        predictors: [{
          name: 'p',
          replicas: 1,
          labels: { version: 'p' },
          graph: { name: 'a', implementation: 'SKLEARN_SERVER', type: 'MODEL', children: [{ name: 'b', implementation: 'RANDOM_ABTEST' }] },
          componentSpecs: [{ spec: { containers: [{ name: 'a', imagePullPolicy: 'IfNotPresent' }, { name: 'sidecar', imagePullPolicy: 'IfNotPresent' }] } }],
        }],
      },
    });
    expect((o.spec as any).predictors[0]).toEqual({
      name: 'p',
      replicas: 1,
      graph: { name: 'a', implementation: 'SKLEARN_SERVER', children: [{ name: 'b', implementation: 'RANDOM_ABTEST' }] },
      componentSpecs: [{ spec: { containers: [{ name: 'a' }, { name: 'sidecar', imagePullPolicy: 'IfNotPresent' }] } }],
    });
  });

  test('replicas stay unset when an HPA or spec.replicas decides them', () => {
    const hpa = normalise({ kind: 'SeldonDeployment', spec: { predictors: [{ name: 'p', componentSpecs: [{ hpaSpec: { maxReplicas: 3 } }] }] } });
    expect((hpa.spec as any).predictors[0].replicas).toBeUndefined();
    const top = normalise({ kind: 'SeldonDeployment', spec: { replicas: 3, predictors: [{ name: 'p' }] } });
    expect((top.spec as any).predictors[0].replicas).toBeUndefined();
  });

  test('an empty endpoint is the default; a GRPC endpoint is kept', () => {
    const empty = normalise({ kind: 'SeldonDeployment', spec: { predictors: [{ graph: { endpoint: {} } }] } });
    expect((empty.spec as any).predictors[0].graph.endpoint).toBeUndefined();
    const o = normalise({ kind: 'SeldonDeployment', spec: { predictors: [{ graph: { endpoint: { type: 'GRPC' } } }] } });
    expect((o.spec as any).predictors[0].graph.endpoint).toEqual({ type: 'GRPC' });
  });

  test('quantities compare by value', () => {
    const r = (requests: any) => normalise({ kind: 'Pod', spec: { resources: { requests } } });
    expect(deepEqual(r({ memory: '1Gi', cpu: '0.5' }), r({ memory: '1024Mi', cpu: '500m' }))).toBe(true);
    expect(deepEqual(r({ cpu: 1 }), r({ cpu: '1' }))).toBe(true);
    expect(deepEqual(r({ memory: '1G' }), r({ memory: '1Gi' }))).toBe(false);
  });

  test('a request of an extended resource equal to its limit is what the API server sets', () => {
    const r = (resources: any) => normalise({ kind: 'Pod', spec: { resources } });
    expect(deepEqual(r({ limits: { 'nvidia.com/gpu': 1 }, requests: { 'nvidia.com/gpu': 1 } }), r({ limits: { 'nvidia.com/gpu': 1 } }))).toBe(true);
    expect(deepEqual(r({ limits: { 'nvidia.com/gpu': 2 }, requests: { 'nvidia.com/gpu': 1 } }), r({ limits: { 'nvidia.com/gpu': 2 } }))).toBe(false);
  });

  test('an object without namespace lands in the chart\'s; cluster-scoped kinds do not', () => {
    expect(normalise({ kind: 'Secret', apiVersion: 'v1', metadata: { name: 's' } }, 'ns').metadata).toEqual({ name: 's', namespace: 'ns' });
    expect(normalise({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'n' } }, 'ns').metadata).toEqual({ name: 'n' });
  });

  test('Secrets: base64 data as stringData, type Opaque, immutable false, v2 documents in one spelling', () => {
    const yamlDoc = normalise({ apiVersion: 'v1', kind: 'Secret', data: { s3: Buffer.from('type: s3\nname: s3\nparameters:\n  env_auth: true\n').toString('base64') } });
    const jsonDoc = normalise({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', immutable: false, stringData: { s3: '{"name":"s3","type":"s3","parameters":{"env_auth":"true"}}' } });
    expect(yamlDoc).toEqual(jsonDoc);
    const binary = normalise({ apiVersion: 'v1', kind: 'Secret', data: { key: Buffer.from([0xff, 0xfe, 0x00]).toString('base64') } });
    expect(binary.data).toBeDefined();
  });

  test('an Experiment without resourceType is over models', () => {
    expect((normalise({ kind: 'Experiment', spec: {} }).spec as any).resourceType).toBe('model');
  });
});

describe('patchesBetween', () => {
  test('adds, removes and replaces, item by item in lists of one length; values as the input spells them', () => {
    const rendered = { spec: { a: 1, gone: true, list: [{ name: 'c' }], other: [1] } };
    const wanted = { spec: { a: 2, list: [{ name: 'c', image: 'i' }], other: [1, 2], added: { x: '1024Mi' } } };
    const original = { spec: { added: { x: '1Gi' } } };
    expect(patchesBetween(rendered, wanted, original)).toEqual([
      { op: 'remove', path: '/spec/gone', field: 'spec.gone' },
      { op: 'replace', path: '/spec/a', value: 2, field: 'spec.a' },
      { op: 'add', path: '/spec/list/0/image', value: 'i', field: 'spec.list[].image' },
      { op: 'replace', path: '/spec/other', value: [1, 2], field: 'spec.other' },
      { op: 'add', path: '/spec/added', value: { x: '1Gi' }, field: 'spec.added' },
    ]);
  });

  test('JSON pointer escapes ~ and /', () => {
    expect(patchesBetween({ m: {} }, { m: { 'a/b~c': 1 } }, {})).toEqual([{ op: 'add', path: '/m/a~1b~0c', value: 1, field: 'm.a/b~c' }]);
  });

  test('equal objects need none', () => {
    expect(patchesBetween({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, {})).toEqual([]);
  });
});

describe('the evaluator knows the library', () => {
  test('every export of the entry point', () => {
    expect(Object.keys(LIBRARY).sort()).toEqual(Object.keys(entry).sort());
  });
});
