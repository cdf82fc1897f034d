import { Testing } from 'cdk8s';
import { Cpu, EnvValue, Secret } from 'cdk8s-plus-27';
import { ModelParameter, ModelUri, PrepackagedServer, PredictiveUnit } from '../../src';
import { _fullCheck } from '../../src/k8s/prop-check';
import { FAIL, compile, fastArgument } from '../../src/k8s/prop-fast-path';

// The fast path must agree with the full check on every value: accept exactly what it accepts, with the same copy.

/** Own keys (strings and symbols, in order) and values, recursively, as a comparable tree. */
function shape(value: unknown, seen = new Set<unknown>()): unknown {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value)) return value;
  seen.add(value);
  return Reflect.ownKeys(value).map(k => [String(k), shape((value as Record<string | symbol, unknown>)[k], seen)]);
}

function agree(ref: string, value: unknown, optional = false, factory = false): 'accepted' | 'rejected' {
  const full = _fullCheck(value, ref, optional, factory);
  const fast = fastArgument(value, compile(ref), optional, factory);
  expect(fast === FAIL).toBe(full.problems.length > 0);
  if (fast === FAIL) return 'rejected';
  expect(shape(fast)).toEqual(shape(full.copy));
  // a copy, never the caller's object
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) expect(fast).not.toBe(value);
  return 'accepted';
}

const secret = Secret.fromSecretName(Testing.chart(), 's', 'creds');
const base = { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('b', 'iris') };

describe('the fast path of the prop-shape check', () => {
  test('accepts valid props with the same copy: unset fields dropped, ObjectMeta keys cdk8s does not declare and symbols kept, key order kept', () => {
    const sym = Symbol('s');
    expect(agree('PrepackagedModelProps', { ...base, protocol: undefined, replicas: 2, credentials: secret, metadata: { name: 'm', managedFields: { a: 1 } }, [sym]: 1 })).toBe('accepted');
    expect(agree('PrepackagedModelProps', {
      replicas: undefined,
      ...base,
      metadata: { name: 'm', labels: { b: '1', a: '2' } },
      resources: { cpu: { request: Cpu.millis(100) } },
      env: { A: EnvValue.fromValue('x') },
      parameters: [ModelParameter.stringValue('method', 'predict')],
    })).toBe('accepted');
    expect(agree('PrepackagedModelProps', undefined, true)).toBe('accepted');
    expect(agree('PrepackagedUnitProps', { name: 'c', server: PrepackagedServer.XGBOOST, modelUri: undefined })).toBe('accepted');
  });

  test('rejects what the full check reports, deferred problems included', () => {
    expect(agree('PrepackagedModelProps', { modelUri: base.modelUri })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, server: undefined })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, replicas: NaN })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, protocol: 'grpc' })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, metadata: { labels: { a: 1 } } })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, parameters: [undefined] })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, credentials: { name: 'not a secret' } })).toBe('rejected');
    expect(agree('PrepackagedModelProps', [base])).toBe('rejected');
    // a key the library's own struct does not declare (unknown-keys.ts), at the top and deeper
    expect(agree('PrepackagedModelProps', { ...base, extra: { a: 1 } })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, resources: { cpu: { request: Cpu.millis(100), limits: Cpu.millis(200) } } })).toBe('rejected');
    expect(agree('PrepackagedModelProps', null, true)).toBe('rejected');
    // the boundary's own rules: URL user info, JSON data in Kubernetes data, object metadata, classes by name
    expect(agree('PrepackagedModelProps', { ...base, image: 'https://u:p@registry/x' })).toBe('rejected');
    expect(agree('PrepackagedUnitProps', { name: 'c', server: PrepackagedServer.SKLEARN, image: 'https://u:p@registry/x' }, false, true)).toBe('accepted');
    expect(agree('PrepackagedModelProps', { ...base, metadata: { name: 'm', managedFields: { f: () => 1 } } })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, metadata: { name: 'm', managedFields: { a: [1, 'x', null] } } })).toBe('accepted');
    // A key that is no ObjectMeta field (metadata-rules.ts), a deferred problem of both checks.
    expect(agree('PrepackagedModelProps', { ...base, metadata: { name: 'm', extra: { a: 1 } } })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, metadata: { name: 'Not_A_Name' } })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, metadata: { labels: { 'a/b/c': 'x' } } })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, modelUri: { ...base.modelUri } })).toBe('rejected');
    expect(agree('PrepackagedModelProps', undefined)).toBe('rejected');
  });

  test('leaves cycles, inherited fields and values carrying a factory\'s problems to the full check', () => {
    const labels: Record<string, unknown> = {};
    labels.again = labels;
    expect(agree('PrepackagedModelProps', { ...base, metadata: { labels } })).toBe('rejected');
    // fields on the prototype: the full check reads them, and the fast path defers to it
    expect(agree('PrepackagedModelProps', Object.assign(Object.create(base), { replicas: 3 }))).toBe('accepted');
    expect(agree('PrepackagedModelProps', Object.assign(Object.create({ ...base, replicas: 'x' }), {}))).toBe('rejected');
    // non-enumerable own fields: the full check reads them by name, Object.keys() does not see them
    const hidden = (replicas: unknown) => Object.defineProperty({ ...base }, 'replicas', { value: replicas, enumerable: false });
    expect(agree('PrepackagedModelProps', hidden('x'))).toBe('rejected');
    expect(agree('PrepackagedModelProps', hidden(3))).toBe('accepted');
    expect((fastArgument(hidden(3), compile('PrepackagedModelProps'), false, false) as { replicas?: number }).replicas).toBe(3);
    const broken = PredictiveUnit.prepackaged({ name: 42, server: PrepackagedServer.SKLEARN } as never);
    expect(agree('PredictorProps', { name: 'p', graph: broken })).toBe('rejected');
    expect(agree('PredictorProps', { name: 'p', graph: PredictiveUnit.prepackaged({ name: 'c', server: PrepackagedServer.SKLEARN }) })).toBe('accepted');
  });

  test('leaves values that throw when read, and class instances no constructor made, to the full check', () => {
    const no = (): never => { throw new TypeError('unreadable'); };
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(agree('PrepackagedModelProps', revoked.proxy)).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, metadata: new Proxy({}, { get: no, ownKeys: no, has: no, getPrototypeOf: no }) })).toBe('rejected');
    expect(agree('PrepackagedModelProps', Object.defineProperty({ ...base }, 'image', { get: no, enumerable: true }))).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, parameters: [revoked.proxy] })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, env: { A: Object.create(EnvValue.prototype) } })).toBe('rejected');
    expect(agree('PrepackagedModelProps', { ...base, resources: { cpu: { request: Object.create(Cpu.prototype) } } })).toBe('rejected');
    // An ISecret whose member getter throws: read at the boundary by both checks.
    const hollow = Object.assign(Object.create(Secret.prototype), { node: secret.node });
    expect(agree('PrepackagedModelProps', { ...base, credentials: hollow })).toBe('rejected');
    // A getter that answers is read like any field, and the copy holds its value.
    expect(agree('PrepackagedModelProps', Object.defineProperty({ ...base }, 'replicas', { get: () => 2, enumerable: true }))).toBe('accepted');
  });
});
