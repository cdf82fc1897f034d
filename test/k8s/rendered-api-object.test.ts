import { inspect } from 'util';
import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, NumberStringUnionResolver, ResolutionContext, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { PrepackagedModel, SeldonModel, ModelUri, PrepackagedServer } from '../../src';
import { unknownRenderingFunctions } from '../../src/k8s/cdk8s-rendering';
import { RenderedApiObject } from '../../src/k8s/rendered-api-object';

/**
 * The manifest of a `RenderedApiObject` must be exactly what cdk8s's own
 * `ApiObject.toJson()` writes for the same object, on every path: the one-walk
 * rendering, and the fallbacks to cdk8s (custom resolvers, values that are not
 * plain JSON, CDK8S_DISABLE_SORT, errors).
 */

/** What cdk8s's own `ApiObject.toJson()` gives for `object`, or the error it throws. */
function cdk8sJson(object: ApiObject): unknown {
  try {
    return { json: ApiObject.prototype.toJson.call(object) };
  } catch (e) {
    return { error: String(e) };
  }
}

function renderedJson(object: ApiObject): unknown {
  try {
    return { json: object.toJson() };
  } catch (e) {
    return { error: String(e) };
  }
}

/** A value written out with key order, holes and undefined entries, which `toEqual` treats loosely. */
const exactly = (value: unknown): string => inspect(value, { depth: null, maxArrayLength: null, maxStringLength: null, breakLength: Infinity });

function objectWith(chart: Chart, id: string, spec: unknown, extra: { [key: string]: unknown } = {}): RenderedApiObject {
  return new RenderedApiObject(chart, id, { apiVersion: 'example.org/v1', kind: 'Thing', spec, ...extra } as any);
}

/**
 * How often the app was looked up while `act` ran: the one walk looks it up
 * once per object, to see its resolvers; cdk8s's resolution looks it up for
 * every value it resolves.
 */
function appLookups(act: () => void): number {
  const spy = jest.spyOn(App, 'of');
  try {
    act();
    // App.of() calls itself for each scope up to the app: count the lookups that start at an object
    return spy.mock.calls.filter(([c]) => c instanceof ApiObject).length;
  } finally {
    spy.mockRestore();
  }
}

class Union {
  public constructor(public readonly value: unknown) {}
}
class Other {
  public readonly a = 1;
}

const holey = [1, 2];
delete (holey as any)[0];

const CASES: Array<[string, unknown]> = [
  ['plain JSON with unsorted keys', { b: 1, a: 'x', c: [true, false, { z: 1, y: null, x: undefined }] }],
  ['null and undefined in objects and arrays', { a: null, b: undefined, c: [null, undefined, 0, ''] }],
  ['empty objects and arrays (kept outside metadata)', { a: {}, b: [], c: [{}] }],
  ['numbers cdk8s keeps as they are', { a: NaN, b: Infinity, c: -0, d: 1e21 }],
  ['integer-like keys', { 10: 'a', 9: 'b', a: 'c' }],
  ['a Lazy', { a: Lazy.any({ produce: () => ({ y: 1, x: [Lazy.any({ produce: () => 'deep' })] }) }) }],
  ['a Lazy giving undefined', { a: Lazy.any({ produce: () => undefined }), b: 1 }],
  ['an implicit token', { a: { resolve: () => ({ b: 2, a: 1 }) } }],
  ['a number/string union', { a: new Union('5Gi'), b: new Union(3) }],
  ['a union-shaped plain object (not resolved)', { a: { value: 3 } }],
  ['a class instance (cdk8s refuses it)', { a: new Other() }],
  ['a Date (cdk8s refuses it)', { a: new Date(0) }],
  ['a function', { a: () => 1 }],
  ['a symbol', { a: Symbol('s') }],
  ['a bigint', { a: BigInt(7) }],
  ['an object without a prototype', { a: Object.create(null) }],
  ['a key named resolve that is not a function', { resolve: 'x', a: 1 }],
  ['a key named constructor', { constructor: 'x', a: 1 }],
  ['a hole in an array', { a: holey }],
  ['an array with a value (the union resolver replaces it)', { a: Object.assign(['x'], { value: 'v' }) }],
  ['an array with a resolve function (a token)', { a: Object.assign([1, 2], { resolve: () => 'resolved' }) }],
  ['an array subclass', { a: new (class extends Array {})() }],
  // The walk reads lists and calls Lazy through Reflect (one optimized walk for every map it meets): the same reads.
  ['an array with an own constructor', { a: Object.assign([1], { constructor: Object }) }],
  ['an array in a Proxy', { a: new Proxy([{ b: 1, a: 2 }, 'x'], {}) }],
  ['a Lazy whose class produces otherwise', { a: new (class extends (Lazy as any) { public produce() { return ['sub']; } } as any)({ produce: () => 'base' }) }],
  ['an own __proto__ key holding a string', { a: JSON.parse('{"__proto__": "s", "b": 1}') }],
  ['an own __proto__ key holding a list (cdk8s refuses it)', { a: JSON.parse('{"__proto__": [1, 2]}') }],
  ['an own __proto__ key holding a map', { a: JSON.parse('{"__proto__": {"x": 1}}') }],
  ['a Lazy beside a union, produced once', { a: new Union(1), b: Lazy.any({ produce: () => 'once' }) }],
  ['a Lazy that throws', { a: Lazy.any({ produce: () => { throw new Error('produce failed'); } }) }],
  ['nesting deeper than the walk goes', (() => {
    let v: unknown = 'leaf';
    for (let i = 0; i < 800; i++) v = { n: v };
    return v;
  })()],
];

describe('RenderedApiObject writes what cdk8s writes', () => {
  test.each(CASES)('%s', (_name, spec) => {
    const chart = Testing.chart();
    const object = objectWith(chart, 'o', spec);
    const expected = cdk8sJson(object);
    expect(renderedJson(object)).toEqual(expected);
    expect(exactly(renderedJson(object))).toBe(exactly(expected));
  });

  test('plain JSON takes the one walk, not cdk8s\'s rendering', () => {
    const chart = Testing.chart();
    const object = objectWith(chart, 'o', { a: Lazy.any({ produce: () => ({ b: [1, { c: 'd' }] }) }) });
    expect(appLookups(() => object.toJson())).toBe(1);
    const token = objectWith(chart, 't', { a: { resolve: () => 1 } });
    expect(appLookups(() => token.toJson())).toBeGreaterThan(1);
  });

  test('metadata: chart labels and namespace, labels, annotations, finalizers and owners added later', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'ns', labels: { team: 'a' } });
    const object = objectWith(chart, 'o', { a: 1 }, { metadata: { name: 'n', labels: { z: '1' }, annotations: { b: 'x' }, extra: { k: [] } } });
    object.metadata.addLabel('y', '2');
    object.metadata.addAnnotation('a', 'y');
    object.metadata.addFinalizers('f');
    object.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'u' });
    object.metadata.add('generateName', 'g-');
    const json = object.toJson();
    expect(exactly(json)).toBe(exactly((cdk8sJson(object) as { json: unknown }).json));
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(json.metadata.labels).toEqual({ team: 'a', y: '2', z: '1' });
    expect(json.metadata.namespace).toBe('ns');
  });

  test.each<[string, { [key: string]: unknown }]>([
    ['none given', {}],
    ['empty maps and lists, dropped at every level', { labels: {}, annotations: {}, finalizers: [], extra: { a: [], b: {}, c: { d: [] } } }],
    ['null and undefined values', { annotations: { a: null as any, b: undefined as any, c: 'x' }, extra: null }],
    ['a Lazy inside', { annotations: { a: Lazy.any({ produce: () => 'lazy' }) as any }, extra: Lazy.any({ produce: () => ({ z: [], y: 1 }) }) }],
    ['a token inside (cdk8s path)', { extra: { resolve: () => ({ b: {}, a: 'token' }) } }],
    ['a class instance inside (cdk8s refuses it)', { extra: new Date(0) }],
    ['a given name and namespace', { name: 'given', namespace: 'ns', generateName: 'g-' }],
  ])('metadata: %s', (_name, metadata) => {
    const object = objectWith(Testing.chart(), 'o', { a: Lazy.any({ produce: () => 1 }) }, { metadata });
    expect(exactly(renderedJson(object))).toBe(exactly(cdk8sJson(object)));
  });

  test('JSON patches apply, in order, and a failing patch fails as in cdk8s', () => {
    const chart = Testing.chart();
    const object = objectWith(chart, 'o', { a: 1, list: [1] });
    object.addJsonPatch(JsonPatch.add('/spec/b', { y: 2, x: 1 }), JsonPatch.replace('/spec/a', 3));
    object.addJsonPatch(JsonPatch.add('/spec/list/-', 2), JsonPatch.add('/zzz', 'top'));
    expect(renderedJson(object)).toEqual(cdk8sJson(object));
    expect(object.toJson().spec).toEqual({ a: 3, b: { y: 2, x: 1 }, list: [1, 2] });
    expect(Object.keys(object.toJson())).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'zzz']);

    const broken = objectWith(chart, 'b', { a: 1 });
    broken.addJsonPatch(JsonPatch.replace('/spec/missing/x', 1));
    const expected = cdk8sJson(broken) as { error?: string };
    expect(expected.error).toMatch(/Failed serializing construct at path/);
    expect(renderedJson(broken)).toEqual(expected);
  });

  test('an app with resolvers of its own gets them, through cdk8s', () => {
    class Shout implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (typeof context.value === 'string' && context.value === 'hi') context.replaceValue('HI');
      }
    }
    const app = new App({ resolvers: [new Shout()], outdir: Testing.app().outdir });
    const object = objectWith(new Chart(app, 'c'), 'o', { greeting: 'hi', lazy: Lazy.any({ produce: () => 1 }) });
    expect(object.toJson().spec.greeting).toBe('HI');
    expect(appLookups(() => object.toJson())).toBeGreaterThan(1);
  });

  test('CDK8S_DISABLE_SORT keeps the order, through cdk8s', () => {
    const chart = Testing.chart();
    const object = objectWith(chart, 'o', { b: 1, a: Lazy.any({ produce: () => 2 }) });
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      expect(Object.keys(object.toJson().spec)).toEqual(['b', 'a']);
      expect(appLookups(() => object.toJson())).toBeGreaterThan(1);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('the installed cdk8s renders as the walk was written against (else: re-check the walk, then update the hashes)', () => {
    expect(unknownRenderingFunctions()).toEqual([]);
  });

  test('a cdk8s whose rendering functions differ gets cdk8s\'s own path, and the walk again once they are back', () => {
    const chart = Testing.chart();
    const object = objectWith(chart, 'o', { a: Lazy.any({ produce: () => 'x' }) });
    expect(appLookups(() => object.toJson())).toBe(1);
    const changed = jest.spyOn(NumberStringUnionResolver.prototype, 'resolve');
    try {
      expect(unknownRenderingFunctions()).toEqual(['NumberStringUnionResolver.prototype.resolve']);
      expect(appLookups(() => expect(object.toJson().spec).toEqual({ a: 'x' }))).toBeGreaterThan(1);
    } finally {
      changed.mockRestore();
    }
    expect(appLookups(() => object.toJson())).toBe(1);
  });

  test('random JSON with Lazy values, tokens and unions in it', () => {
    const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const { tree } = fc.letrec(tie => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('tree'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie('tree'), { maxKeys: 4 }),
        tie('tree').map(v => Lazy.any({ produce: () => v })),
        fc.oneof(fc.string({ maxLength: 4 }), fc.integer()).map(v => new Union(v)),
        tie('tree').map(v => ({ resolve: () => v }))),
    }));
    fc.assert(fc.property(tree, spec => {
      const chart = Testing.chart();
      const object = objectWith(chart, 'o', spec);
      expect(exactly(renderedJson(object))).toBe(exactly(cdk8sJson(object)));
    }), { numRuns: 300, seed: 20261203 });
  });
});

describe('RenderedApiObject where cdk8s could be told apart from it', () => {
  test('each Lazy is produced once, as in cdk8s, also beside values left to cdk8s', () => {
    let produced = 0;
    // the Lazy comes first in key order, the value cdk8s resolves after it
    const object = objectWith(Testing.chart(), 'o', { a: Lazy.any({ produce: () => ++produced }), b: new Union('u') });
    expect(object.toJson().spec).toEqual({ a: 1, b: { value: 'u' } });
    expect(produced).toBe(1);
  });

  test('a Lazy that fails once fails the render, as in cdk8s (no second try)', () => {
    let calls = 0;
    const object = objectWith(Testing.chart(), 'o', { a: Lazy.any({ produce: () => { if (calls++ === 0) throw new Error('first produce fails'); return 1; } }) });
    expect(() => object.toJson()).toThrow(/^Failed serializing construct at path 'test\/o' with name '.*': Error: first produce fails$/);
  });

  test('props are read before the metadata is rendered, as in cdk8s', () => {
    const chart = Testing.chart();
    const props: any = { apiVersion: 'v1', kind: 'Thing' };
    let object: RenderedApiObject | undefined;
    Object.defineProperty(props, 'spec', { enumerable: true, get: () => { object?.metadata.addLabel('read', 'yes'); return { a: 1 }; } });
    object = new RenderedApiObject(chart, 'o', props);
    expect(object.toJson().metadata.labels).toEqual({ read: 'yes' });
  });

  test('a Lazy of the spec that changes the metadata changes nothing written, as in cdk8s (the metadata is rendered first)', () => {
    const object: ApiObject = objectWith(Testing.chart(), 'o', { a: Lazy.any({ produce: () => { object.metadata.addAnnotation('produced', 'yes'); return 1; } }) });
    const fresh: ApiObject = objectWith(Testing.chart(), 'o', { a: Lazy.any({ produce: () => { fresh.metadata.addAnnotation('produced', 'yes'); return 1; } }) });
    expect(exactly(renderedJson(object))).toBe(exactly(cdk8sJson(fresh)));
    expect(object.toJson().metadata.annotations).toEqual({ produced: 'yes' }); // written the next time
  });

  test('a failing JSON patch test reports the manifest as cdk8s does (keys in cdk8s\'s order before the patches)', () => {
    const object = objectWith(Testing.chart(), 'o', { a: 1 }, { other: 'x', metadata: { labels: { l: 'v' } } });
    object.addJsonPatch(JsonPatch.test('/spec/a', 2));
    const expected = cdk8sJson(object) as { error?: string };
    expect(expected.error).toMatch(/TEST_OPERATION_FAILED[\s\S]*"metadata"[\s\S]*"other"/);
    expect(renderedJson(object)).toEqual(expected);
  });

  test('a JSON patch that replaces the whole manifest with a scalar fails as in cdk8s', () => {
    const object = objectWith(Testing.chart(), 'o', { a: 1 });
    object.addJsonPatch(JsonPatch.replace('', 5));
    expect(renderedJson(object)).toEqual(cdk8sJson(object));
    expect((renderedJson(object) as { error: string }).error).toMatch(/^Error: Failed serializing construct at path 'test\/o'/);
  });

  test('a chart outside an app fails as in cdk8s', () => {
    const chart = new Chart(new Construct(undefined as any, ''), 'c');
    const object = objectWith(chart, 'o', { a: Lazy.any({ produce: () => 1 }) });
    expect(renderedJson(object)).toEqual(cdk8sJson(object));
    expect((renderedJson(object) as { error?: string }).error).toMatch(/Failed serializing construct at path 'c\/o'/);
  });

  test('a built-in resolver given a resolve of its own, or replaced by a look-alike, sends rendering to cdk8s', () => {
    for (const tamper of [
      (app: App) => { (app.resolvers[1] as any).resolve = (c: ResolutionContext) => { if (c.value === 'hunter2') c.replaceValue('***'); }; },
      (app: App) => {
        (app.resolvers as any)[2] = { constructor: NumberStringUnionResolver, resolve: (c: ResolutionContext) => { if (c.value === 'hunter2') c.replaceValue('***'); } };
      },
    ]) {
      const app = Testing.app();
      tamper(app);
      const object = objectWith(new Chart(app, 'c'), 'o', { secret: 'hunter2' });
      expect(object.toJson().spec.secret).toBe('***');
    }
  });

  test.each<[string, () => () => void]>([
    ['cdk8s\'s sanitizeValue replaced after a first render', () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const util = require('cdk8s/lib/_util');
      const original = util.sanitizeValue;
      util.sanitizeValue = (v: unknown, o: object) => {
        const out = original(v, o);
        if (out?.spec) out.spec.a = 'PATCHED';
        return out;
      };
      return () => { util.sanitizeValue = original; };
    }],
    ['ResolutionContext.replaceValue replaced', () => {
      const original = ResolutionContext.prototype.replaceValue;
      ResolutionContext.prototype.replaceValue = function (this: ResolutionContext, v: unknown) { original.call(this, v === 'keep' ? 'PATCHED' : v); };
      return () => { ResolutionContext.prototype.replaceValue = original; };
    }],
    ['a value added to every number', () => {
      Object.defineProperty(Number.prototype, 'value', { value: 'PATCHED', configurable: true });
      return () => { delete (Number.prototype as any).value; };
    }],
    ['a resolve function added to every array', () => {
      Object.defineProperty(Array.prototype, 'resolve', { value: () => 'PATCHED', configurable: true });
      return () => { delete (Array.prototype as any).resolve; };
    }],
  ])('%s: rendered as cdk8s renders it', (_name, tamper) => {
    const object = objectWith(Testing.chart(), 'o', { a: 'keep', n: 1, b: [Lazy.any({ produce: () => 'keep' })] });
    expect(object.toJson().spec).toEqual({ a: 'keep', n: 1, b: ['keep'] });
    const restore = tamper();
    let tampered: unknown;
    let expected: unknown;
    try {
      tampered = renderedJson(object);
      expected = cdk8sJson(object);
    } finally {
      restore();
    }
    expect(exactly(tampered)).toBe(exactly(expected));
    expect(exactly(expected)).toMatch(/PATCHED/);
    expect(appLookups(() => object.toJson())).toBe(1);
  });

  test('metadata whose toJson an app replaced on the instance is written by it', () => {
    const object = objectWith(Testing.chart(), 'o', { a: 1 });
    (object.metadata as any).toJson = () => ({ name: 'custom' });
    expect(object.toJson().metadata).toEqual({ name: 'custom' });
  });
});

describe('the library\'s objects render through RenderedApiObject', () => {
  test('a v1 and a v2 model write the same manifest either way, without cdk8s\'s rendering', () => {
    const chart = Testing.chart();
    const v1 = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris') });
    const v2 = new SeldonModel(chart, 'm', { storageUri: ModelUri.gcs('seldon-models', 'mlserver/iris'), requirements: ['sklearn'] });
    for (const object of [v1.apiObject, v2.apiObject]) {
      // (instanceof is no test here: cdk8s's ApiObject answers it for any ApiObject)
      expect(Object.getPrototypeOf(object)).toBe(RenderedApiObject.prototype);
      expect(renderedJson(object)).toEqual(cdk8sJson(object));
      expect(appLookups(() => object.toJson())).toBe(1);
    }
    expect(v1.apiObject.toJson().spec.predictors[0].graph.modelUri).toBe('gs://seldon-models/sklearn/iris');
  });

  test('their props are plain objects with the keys cdk8s\'s own props would have, in that order (specProps builds them without a literal)', () => {
    const chart = Testing.chart();
    const v1 = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris') });
    const v2 = new SeldonModel(chart, 'm', { storageUri: ModelUri.gcs('seldon-models', 'mlserver/iris'), metadata: { labels: { a: 'b' } } });
    for (const object of [v1.apiObject, v2.apiObject]) {
      const props = (object as unknown as { props: object }).props;
      expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
      expect(Object.keys(props)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    }
    expect((v2.apiObject as unknown as { props: { metadata: unknown } }).props.metadata).toEqual({ labels: { a: 'b' } });
  });
});

describe('a chart namespace that is no string (a JavaScript caller gives Chart props unchecked)', () => {
  test.each([[null, 'is null'], [5, 'is the number 5'], [true, 'is true \\(a boolean\\)']])('%j: an Error naming the object and field, not a bare throw', (namespace, text) => {
    const chart = new Chart(Testing.app(), 'c', { namespace: namespace as unknown as string });
    let thrown: unknown;
    try {
      new SeldonModel(chart, 'm', { storageUri: ModelUri.parse('gs://x/y') });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(new RegExp(`^SeldonModel 'c/m': metadata\\.namespace \\(the chart's namespace\\) ${text}; accepted: a literal string`));
  });
});
