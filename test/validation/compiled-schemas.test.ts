import { widget, widgetCrd } from './widget-crd';
import { bundledRegistry, CrdSchemaRegistry, CrdValidator } from '../../src/validation';
import { COMPILED_SCHEMAS_KEPT, compiledSchema } from '../../src/validation/compiled-schemas';

function registry(crd: unknown): CrdSchemaRegistry {
  const r = new CrdSchemaRegistry();
  r.addCrd(crd, 'crd-0');
  return r;
}

/** Whether the validator made an Ajv instance, i.e. compiled a schema itself. */
const compiledItself = (v: CrdValidator) => (v as unknown as { ajv?: unknown }).ajv !== undefined;

// A schema nothing else in the process compiles, so that the first validator here compiles it.
const unique = (label: string) => widgetCrd({ description: `${label} ${process.hrtime.bigint()}` });

describe('compiled CRD schemas, shared by the validators of a process', () => {
  test('a validator of a registry read afresh takes the schema another validator compiled, and reports the same', () => {
    const crd = unique('shared');
    const first = new CrdValidator(registry(crd));
    const a = first.validateObjects([widget({ size: 0 }), widget({ size: 2, tags: ['x', 'x'] })]);
    expect(compiledItself(first)).toBe(true);
    const second = new CrdValidator(registry(structuredClone(crd)));
    const b = second.validateObjects([widget({ size: 0 }), widget({ size: 2, tags: ['x', 'x'] })]);
    expect(compiledItself(second)).toBe(false);
    // Each validator still reports the schemas it used, once.
    expect(b.compiled.map(c => c.kind)).toEqual(['Widget']);
    expect(b.errors.map(e => [e.documentIndex, e.path, e.reason])).toEqual(a.errors.map(e => [e.documentIndex, e.path, e.reason]));
    expect(b.errors).toHaveLength(2);
  });

  test('strict and pruning modes are compiled apart', () => {
    const crd = unique('modes');
    const pruning = new CrdValidator(registry(crd));
    expect(pruning.validateObject(widget({ size: 1, sise: 2 })).errors).toEqual([]);
    const strict = new CrdValidator(registry(crd), { strict: true });
    expect(strict.validateObject(widget({ size: 1, sise: 2 })).errors.map(e => e.path)).toEqual(['/spec/sise']);
    expect(compiledItself(strict)).toBe(true);
  });

  test('a schema of other content under the same kind and source is compiled anew', () => {
    const crd = unique('changed');
    expect(new CrdValidator(registry(crd)).validateObject(widget({ size: 20 })).errors).toEqual([]);
    const spec = crd.spec as { versions: Array<{ schema: { openAPIV3Schema: any } }> };
    spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size.maximum = 10;
    const changed = new CrdValidator(registry(crd));
    expect(changed.validateObject(widget({ size: 20 })).errors.map(e => e.path)).toEqual(['/spec/size']);
    expect(compiledItself(changed)).toBe(true);
  });

  test('a failed compile and the CEL warning come with the shared entry', () => {
    const failing = widgetCrd({ description: `failing ${process.hrtime.bigint()}`, properties: { spec: { type: 'string', pattern: '(' } } });
    const reasons = [1, 2].map(() => new CrdValidator(registry(failing)).validateObject(widget('a')).errors.map(e => e.category));
    expect(reasons).toEqual([['compile'], ['compile']]);
    const cel = unique('cel');
    (cel.spec as any).versions[0].schema.openAPIV3Schema['x-kubernetes-validations'] = [{ rule: 'self.spec.size < 10' }];
    for (let i = 0; i < 2; i++) {
      expect(new CrdValidator(registry(cel)).validateObject(widget({ size: 1 })).warnings).toEqual([expect.stringContaining('CEL rules (x-kubernetes-validations)')]);
    }
  });

  test('the shipped schemas, read twice, are compiled once', () => {
    const deployment = { apiVersion: 'machinelearning.seldon.io/v1', kind: 'SeldonDeployment', metadata: { name: 'x' }, spec: { predictors: [{ name: 'p', graph: { name: 'm' }, replicas: 'two' }] } };
    const validators = [new CrdValidator(bundledRegistry()), new CrdValidator(bundledRegistry())];
    const reports = validators.map(v => v.validateObject(deployment));
    expect(reports[1].errors).toEqual(reports[0].errors);
    expect(reports[0].errors.map(e => e.path)).toEqual(['/spec/predictors/0/replicas']);
    expect(compiledItself(validators[1])).toBe(false);
  });

  test('compiledSchema calls the compile once per content and mode', () => {
    let calls = 0;
    const compile = () => ({ failure: `call ${++calls}`, cel: false });
    const schema = { type: 'object', description: `direct ${process.hrtime.bigint()}` };
    expect(compiledSchema(schema, false, compile).failure).toBe('call 1');
    expect(compiledSchema({ ...schema }, false, compile).failure).toBe('call 1');
    expect(compiledSchema(schema, true, compile).failure).toBe('call 2');
    expect(calls).toBe(2);
  });

  test('the store keeps the schemas used last, up to its bound', () => {
    let calls = 0;
    const compile = () => ({ failure: `call ${++calls}`, cel: false });
    const label = `bounded ${process.hrtime.bigint()}`;
    const schema = (i: number) => ({ type: 'object', description: `${label} ${i}` });
    const first = compiledSchema(schema(0), false, compile);
    const kept = compiledSchema(schema(1), false, compile);
    // Enough others to evict everything the store held before; schema 1 is used again in between, so it stays.
    for (let i = 2; i < COMPILED_SCHEMAS_KEPT + 1; i++) {
      compiledSchema(schema(i), false, compile);
      if (i === COMPILED_SCHEMAS_KEPT - 1) expect(compiledSchema(schema(1), false, compile)).toBe(kept);
    }
    expect(calls).toBe(COMPILED_SCHEMAS_KEPT + 1);
    expect(compiledSchema(schema(1), false, compile)).toBe(kept);
    expect(calls).toBe(COMPILED_SCHEMAS_KEPT + 1);
    // Schema 0 was used longest ago: it was dropped, and is compiled again.
    const again = compiledSchema(schema(0), false, compile);
    expect(again).not.toBe(first);
    expect(again.failure).toBe(`call ${COMPILED_SCHEMAS_KEPT + 2}`);
  });
});
