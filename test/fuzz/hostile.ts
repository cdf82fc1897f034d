import * as cdk8s from 'cdk8s';
import { Chart, Duration, Size } from 'cdk8s';
import * as plus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import * as lib from '../../src';
import { SHAPES, SIGNATURES } from '../../src/k8s/prop-shapes.generated';

/**
 * The hostile-input property: ill-typed and hostile values (wrong types,
 * null, NaN, infinities, huge strings, unicode, cycles, arrays where objects
 * belong) in every prop of every public construct and in every argument of
 * every value-class factory. The outcome is valid output or an `Error` that
 * names the construct path and the field; never a `TypeError`, `RangeError`
 * or stack overflow, and never the planted credential.
 */

/** A credential value planted in URIs and sensitive fields; no error message may contain it. */
export const HOSTILE_SECRET = 'HOSTILE-S3CR3T-9f2c';

/** An object every read of which throws: a Proxy whose every trap throws. */
function unreadableObject(): object {
  const no = () => { throw new TypeError('unreadable'); };
  return new Proxy({}, { get: no, has: no, ownKeys: no, getPrototypeOf: no, getOwnPropertyDescriptor: no });
}

/** A revoked Proxy: even Array.isArray throws on it. */
function revokedProxy(): object {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
}

function cyclic(): object {
  const o: any = { name: 'iris' };
  o.self = o;
  o.list = [o];
  return o;
}

/** The hostile values, each made fresh (some are mutable). */
const HOSTILE: Array<() => unknown> = [
  () => null, () => undefined, () => NaN, () => Infinity, () => -Infinity, () => -0, () => 2 ** 53 + 2, () => -1, () => 1.5,
  () => 0, () => true, () => false, () => '', () => ' ', () => 'A'.repeat(100_000), () => 'é🙂日本\u202e\u0000', () => 'null',
  () => 'gs://b/iris', () => `s3://AKIA:${HOSTILE_SECRET}@bucket/iris`, () => [], () => [null], () => [undefined, 1, 'x'],
  () => ({}), () => ({ name: 1 }), cyclic, () => [cyclic()], () => Object.create(null), () => (() => 'fn'), () => Symbol('s'),
  () => new Date(0), () => new Map([['a', 'b']]), () => 10n, () => ({ toString: () => { throw new Error('toString'); } }),
  unreadableObject, revokedProxy, () => [unreadableObject()], () => ({ name: 'iris', get image(): string { throw new TypeError('getter'); } }),
  () => Object.create(Duration.prototype), () => Object.create(Size.prototype), () => Object.create(plus.Secret.prototype),
  () => Object.create(plus.EnvValue.prototype), () => Object.create(plus.Cpu.prototype), () => Object.create(plus.ServiceAccount.prototype),
  () => Object.create(plus.Volume.prototype),
  () => JSON.parse('{"__proto__": {"name": "x"}, "name": "x"}'), () => new Array(3), () => Object.assign(['iris'], { extra: 1 }),
  () => new Uint8Array(2), () => Object.freeze({ name: 'x' }), () => new String('iris'), () => new Number(1), () => new Boolean(true),
  () => ({ [Symbol.toPrimitive]: () => { throw new Error('toPrimitive'); } }), () => new (class Model { public name = 'x'; })(),
];

/**
 * A hostile value, as the index of its maker: the value is made when the case is built, since fast-check reads the
 * values it generates (an unreadable one would throw inside fast-check instead of the library).
 */
export const hostileValue = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: HOSTILE.length - 1 });

const IRIS = () => lib.ModelUri.gcs('seldon-models', 'sklearn/iris');

/** The class a type reference names (its element's, for a list or map), or undefined for a struct, enum or scalar. */
function classOf(ref: string | undefined): { prototype: object } | undefined {
  const bare = ref?.replace(/^\?/, '').replace(/^[[{](.*)[\]}]$/, '$1');
  const shape = bare === undefined ? undefined : SHAPES[bare];
  if (bare === undefined || shape?.m === undefined) return undefined;
  const [pkg, name] = bare.includes('.') ? [bare.slice(0, bare.lastIndexOf('.')), bare.slice(bare.lastIndexOf('.') + 1)] : ['', bare];
  const module: any = pkg === 'cdk8s' ? cdk8s : pkg === 'cdk8s-plus-27' ? plus : lib;
  // An interface (`ISecret`): the class its hints construct (`new Secret()`).
  const made = /^I[A-Z]/.test(name) ? shape.h?.map(h => /^new (\w+)\(\)$/.exec(h)?.[1]).find(c => c !== undefined) : name;
  const cls = made === undefined ? undefined : module[made];
  return typeof cls === 'function' ? cls : undefined;
}

/** An instance of the class `ref` names, never initialised by its constructor (`Object.create(Duration.prototype)` from JavaScript). */
export function unconstructed(ref: string | undefined): object | undefined {
  const cls = classOf(ref);
  return cls === undefined ? undefined : Object.create(cls.prototype);
}

/** Valid props for each construct, the ground the hostile value lands on. */
type Base = { make: (scope: Construct, id: string, props: any) => unknown; props: any };
export const BASES: Record<string, (scope: Construct) => Base> = {
  PrepackagedModel: () => ({
    make: (s, id, p) => new lib.PrepackagedModel(s, id, p),
    props: { server: lib.PrepackagedServer.SKLEARN, modelUri: IRIS() },
  }),
  // A deployment that synthesizes, so that each hostile field meets a working construct.
  SeldonDeployment: () => ({
    make: (s, id, p) => new lib.SeldonDeployment(s, id, p),
    props: {
      predictors: [{
        name: 'default',
        graph: lib.PredictiveUnit.prepackaged({ name: 'classifier', server: lib.PrepackagedServer.SKLEARN, modelUri: IRIS() }),
      }],
    },
  }),
  SeldonConfig: () => ({
    make: (s, id, p) => new lib.SeldonConfig(s, id, p),
    props: {
      components: [{
        component: lib.RuntimeComponent.SCHEDULER,
        podSpec: { containers: [{ name: 'scheduler', image: 'docker.io/seldonio/seldon-scheduler:2.10.2' }] },
      }],
    },
  }),
  SeldonModel: () => ({ make: (s, id, p) => new lib.SeldonModel(s, id, p), props: { storageUri: IRIS(), requirements: ['sklearn'] } }),
  SeldonServer: () => ({ make: (s, id, p) => new lib.SeldonServer(s, id, p), props: {} }),
  Pipeline: () => ({ make: (s, id, p) => new lib.Pipeline(s, id, p).addStepForModelName('iris'), props: {} }),
  Experiment: () => ({
    make: (s, id, p) => {
      const experiment = new lib.Experiment(s, id, p);
      experiment.addCandidate(lib.ExperimentTarget.modelName('iris'), 50);
      experiment.addCandidate(lib.ExperimentTarget.modelName('iris-v2'), 50);
    },
    props: {},
  }),
  RcloneSecret: () => ({ make: (s, id, p) => new lib.RcloneSecret(s, id, p), props: { remotes: [lib.RcloneRemote.gcs()] } }),
  SeldonRuntime: () => ({ make: (s, id, p) => new lib.SeldonRuntime(s, id, p), props: {} }),
  ServerConfig: () => ({
    make: (s, id, p) => new lib.ServerConfig(s, id, p),
    props: {
      capabilities: ['mlserver', 'sklearn'],
      podSpec: {
        containers: ['rclone', 'agent', 'mlserver'].map(n => ({ name: n, image: `docker.io/seldonio/${n === 'mlserver' ? 'mlserver:1.7.1' : `seldon-${n}:2.10.2`}` })),
      },
    },
  }),
  RpsAutoscaler: scope => ({
    make: (s, id, p) => new lib.RpsAutoscaler(s, id, p),
    props: { model: new lib.SeldonModel(scope, 'target', { storageUri: IRIS(), requirements: ['sklearn'] }), targetRps: 10, maxReplicas: 3 },
  }),
  MigratedModel: scope => ({
    make: (s, id, p) => new lib.MigratedModel(s, id, p),
    props: { prepackagedModel: new lib.PrepackagedModel(scope, 'source', { server: lib.PrepackagedServer.SKLEARN, modelUri: IRIS() }) },
  }),
};

/** The constructs under test, with the struct type of their props. */
export const CONSTRUCTS = Object.keys(BASES).map(name => {
  const propsRef = SIGNATURES[name]?.find(a => a.startsWith('props:'))?.slice('props:'.length).replace(/^\?/, '');
  return { name, propsType: propsRef ?? '', fields: Object.keys(SHAPES[propsRef ?? '']?.f ?? {}) };
});

/** The value-class factories: static methods with no scope argument. */
export const FACTORIES = Object.entries(SIGNATURES)
  .filter(([key, args]) => key.includes('.') && !args.some(a => a.startsWith('scope:')))
  .map(([key, args]) => ({ cls: key.split('.')[0], method: key.split('.')[1], args }))
  .filter(f => typeof (lib as any)[f.cls]?.[f.method] === 'function' && !Object.prototype.hasOwnProperty.call((lib as any)[f.cls].prototype, f.method));

/** A well-typed argument for a factory, so that only one argument is hostile. */
function goodArg(ref: string): unknown {
  switch (ref.replace(/^\?/, '')) {
    case 's': return 'iris';
    case 'n': return 1;
    case 'b': return true;
  }
  return undefined;
}

/** One hostile case: what it exercises, the field that holds the hostile value, and how to build it. */
export interface HostileCase {
  readonly describe: string;
  /** The id of the construct under test (its path ends in it), or undefined for a factory. */
  readonly subject?: string;
  /** The top-level field or argument that holds the hostile value. */
  readonly field: string;
  readonly build: (chart: Chart) => void;
}

function describeValue(i: number): string {
  let v: unknown;
  try {
    v = HOSTILE[i]();
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && ![Object.prototype, null].includes(Object.getPrototypeOf(v))) {
      return `a ${Object.getPrototypeOf(v).constructor.name} not made by its constructor`;
    }
  } catch {
    return 'an unreadable object';
  }
  if (typeof v === 'string') return v.length > 40 ? `string(${v.length})` : JSON.stringify(v);
  if (typeof v === 'symbol' || typeof v === 'bigint' || typeof v === 'function') return typeof v;
  if (v === null || typeof v !== 'object') return String(v);
  try {
    return Array.isArray(v) ? `array(${v.length})` : `object(${Object.keys(v).join(',')})`;
  } catch {
    return 'an unreadable object';
  }
}

const constructCase = (): fc.Arbitrary<HostileCase> => fc.record({
  c: fc.constantFrom(...CONSTRUCTS),
  pick: fc.nat(),
  nestedPick: fc.nat(),
  nested: fc.integer({ min: 0, max: 3 }),
  value: hostileValue(),
  unmade: fc.integer({ min: 0, max: 5 }),
}).map(({ c, pick, nestedPick, nested, value, unmade }) => {
  // One field in ten is the whole props object.
  const whole = c.fields.length === 0 || pick % 10 === 0;
  const field = whole ? 'props' : c.fields[pick % c.fields.length];
  // Sometimes the hostile value lands one level down, inside a struct-typed field.
  const fieldType = whole ? undefined : c.fields.length ? SHAPES[c.propsType].f![field].replace(/^\?/, '') : undefined;
  const inner = fieldType && SHAPES[fieldType]?.f ? Object.keys(SHAPES[fieldType].f!) : [];
  const innerField = nested === 0 && inner.length ? inner[nestedPick % inner.length] : undefined;
  // One case in six whose field holds a class instance gets one its constructor never ran on.
  const targetType = innerField ? SHAPES[fieldType!].f![innerField] : fieldType;
  const unmadeClass = unmade === 0 ? classOf(targetType) : undefined;
  const made = (): unknown => (unmadeClass ? unconstructed(targetType) : HOSTILE[value]());
  return {
    describe: `${c.name} ${field}${innerField ? `.${innerField}` : ''} = ${unmadeClass ? `an unconstructed ${targetType}` : describeValue(value)}`,
    subject: 'subject',
    field,
    build: (chart: Chart) => {
      const base = BASES[c.name](chart);
      const props = whole ? made() : { ...base.props, [field]: innerField ? { [innerField]: made() } : made() };
      base.make(chart, 'subject', props);
    },
  };
});

const factoryCase = (): fc.Arbitrary<HostileCase> => fc.record({
  f: fc.constantFrom(...FACTORIES),
  pick: fc.nat(),
  value: hostileValue(),
}).map(({ f, pick, value }) => {
  const i = pick % Math.max(1, f.args.length);
  const field = f.args[i]?.split(':')[0] ?? '';
  return {
    describe: `${f.cls}.${f.method}(${field} = ${describeValue(value)})`,
    field,
    build: () => {
      const args = f.args.map((a, j) => (j === i ? HOSTILE[value]() : goodArg(a.split(':')[1])));
      (lib as any)[f.cls][f.method](...args);
    },
  };
});

/** A construct prop (three in four) or a factory argument, holding an ill-typed value (the range-aware half is ranges.ts). */
export const typedCase = (): fc.Arbitrary<HostileCase> =>
  fc.oneof({ weight: 3, arbitrary: constructCase() }, { weight: 1, arbitrary: factoryCase() });
