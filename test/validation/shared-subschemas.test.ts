import { bundledRegistry, CrdValidator } from '../../src/validation';
import { hoistSharedSubschemas, shareEqualSubtrees } from '../../src/validation/shared-subschemas';

/** The errors of a validator that compiles every occurrence of a subtree anew, as before sharing. */
function errorsWithoutSharing(objects: object[]) {
  let errors: unknown;
  jest.isolateModules(() => {
    jest.doMock('../../src/validation/shared-subschemas', () => ({ hoistSharedSubschemas: (s: unknown) => s, shareEqualSubtrees: (s: unknown) => s }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const validation = require('../../src/validation') as typeof import('../../src/validation');
    errors = new validation.CrdValidator(validation.bundledRegistry(), { strict: true }).validateObjects(objects).errors;
  });
  return errors as ReturnType<CrdValidator['validateObjects']>['errors'];
}

const container = (extra: object) => ({ name: 'classifier', image: 'seldonio/sklearn:1', ...extra });
const sdep = (componentSpecs: object[], graph: object) => ({
  apiVersion: 'machinelearning.seldon.io/v1',
  kind: 'SeldonDeployment',
  metadata: { name: 'iris', namespace: 'seldon' },
  spec: { predictors: [{ name: 'default', componentSpecs, graph }] },
});

// Errors in subtrees that the pod spec repeats (containers, init containers,
// probes, env), at several graph depths, and below an anyOf (int-or-string ports).
const OBJECTS = [
  sdep([{ spec: { containers: [container({ imagePullPolicy: 3 })], initContainers: [container({ portz: [] })] } }],
    { name: 'classifier', children: [{ name: 'b', children: [{ name: 'c', typo: true }] }] }),
  sdep([{ spec: { containers: [container({ readinessProbe: { httpGet: { port: { bad: 1 } } }, livenessProbe: { tcpSocket: {} } })] } }],
    { name: 'classifier', endpoint: { type: 'SOAP' } }),
  sdep([{ spec: { containers: [container({ env: [{ name: 'A', valueFrom: { secretKeyRef: { keyy: 'k' } } }] })] } }, { spec: {} }],
    { name: 'classifier', children: [{ name: 'b', parameters: [{ name: 'x', value: 1 }] }] }),
  sdep([{ spec: { containers: [container({ resources: { limits: { cpu: 'lots' } } })], volumes: [{ name: 'v', persistentVolumeClaim: {} }] } }],
    { name: 'classifier' }),
];

describe('shared subschemas', () => {
  test('the shipped SeldonDeployment schema shares its repeated subtrees through $defs', () => {
    const schema = bundledRegistry().lookup('machinelearning.seldon.io/v1', 'SeldonDeployment')!.schema;
    const hoisted = hoistSharedSubschemas(schema) as { $defs: Record<string, unknown> };
    expect(Object.keys(hoisted.$defs).length).toBeGreaterThan(10);
    // A copy without sharing is left as it is, until equal subtrees are made one again.
    const copy = JSON.parse(JSON.stringify(schema));
    expect(hoistSharedSubschemas(copy)).toBe(copy);
    const interned = shareEqualSubtrees(copy);
    expect(interned).toEqual(schema);
    const rehoisted = hoistSharedSubschemas(interned) as { $defs: object };
    expect(Object.keys(rehoisted.$defs).length).toBeGreaterThanOrEqual(Object.keys(hoisted.$defs).length);
  });

  test('equal subtrees become one object; different ones stay apart', () => {
    const a = { type: 'object', properties: { x: { type: 'string' } } };
    const shared = shareEqualSubtrees({ properties: { p: a, q: JSON.parse(JSON.stringify(a)), r: { ...a, required: ['x'] } }, items: [1, [1]] }) as any;
    expect(shared.properties.p).toBe(shared.properties.q);
    expect(shared.properties.r).not.toBe(shared.properties.p);
    expect(shared.properties.r).toEqual({ ...a, required: ['x'] });
    expect(shared.items).toEqual([1, [1]]);
  });

  test('report exactly the errors of unshared schemas', () => {
    const expected = errorsWithoutSharing(OBJECTS);
    const actual = new CrdValidator(bundledRegistry(), { strict: true }).validateObjects(OBJECTS).errors;
    // one or more in each shared subtree: containers, init containers, probes, env, resources, volumes, graph levels
    expect(expected.length).toBeGreaterThanOrEqual(12);
    expect(actual).toEqual(expected);
  });
});
