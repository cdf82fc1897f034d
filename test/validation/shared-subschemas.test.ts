import { bundledRegistry, CrdSchemaRegistry, CrdValidator } from '../../src/validation';
import { hoistSharedSubschemas } from '../../src/validation/shared-subschemas';

/** The same registry with every subtree copied: nothing is shared, so nothing is hoisted. */
function unsharedRegistry(): CrdSchemaRegistry {
  const shared = bundledRegistry();
  const registry = new CrdSchemaRegistry();
  for (const e of shared.entries) {
    const group = e.apiVersion.split('/')[0];
    registry.addCrd({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${e.kind.toLowerCase()}s.${group}` },
      spec: {
        group,
        names: { kind: e.kind },
        preserveUnknownFields: e.preserveUnknownFields,
        versions: [{ name: e.apiVersion.split('/')[1], served: true, schema: { openAPIV3Schema: JSON.parse(JSON.stringify(e.schema)) } }],
      },
    }, e.source);
  }
  return registry;
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
    // A copy without sharing is left as it is.
    const copy = JSON.parse(JSON.stringify(schema));
    expect(hoistSharedSubschemas(copy)).toBe(copy);
  });

  test('report exactly the errors of unshared schemas', () => {
    const expected = new CrdValidator(unsharedRegistry(), { strict: true }).validateObjects(OBJECTS).errors;
    const actual = new CrdValidator(bundledRegistry(), { strict: true }).validateObjects(OBJECTS).errors;
    // one or more in each shared subtree: containers, init containers, probes, env, resources, volumes, graph levels
    expect(expected.length).toBeGreaterThanOrEqual(12);
    expect(actual).toEqual(expected);
  });
});
