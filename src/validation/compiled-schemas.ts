/**
 * The CRD schemas a process has compiled, shared by every CrdValidator in it.
 *
 * A compiled schema depends only on the schema's content and on whether
 * unknown fields are rejected (the Ajv options and keywords are fixed in
 * crd-validator.ts), so validators built from separately read registries
 * (each `bundledRegistry()` call reads the file again) need not compile the
 * same schema again: a compile takes 0.1–0.5 s, validating an object well
 * under a millisecond.
 */
import type { ValidateFunction } from 'ajv';

/** What compiling one schema gave. */
export interface CompiledSchema {
  readonly validate?: ValidateFunction;
  /** Why the schema could not be compiled. */
  readonly failure?: string;
  /** The schema has CEL rules (`x-kubernetes-validations`), which are not checked. */
  readonly cel: boolean;
}

/**
 * Bumped when what a compile makes changes (Ajv options, keywords, schema
 * preparation), so that two versions of the library in one process never
 * share a store.
 */
const STORE = Symbol.for('cdk8s-seldon/compiled-crd-schemas@1');

/**
 * The store, kept on `globalThis` under a registered symbol rather than in
 * this module, so that a host running the library afresh several times in
 * one process can give every run the same store: the project's Jest runtime
 * (test/runtime/jest-runtime.js) does so for the test files of a worker.
 */
function store(): Map<string, CompiledSchema> {
  const host = globalThis as { [STORE]?: Map<string, CompiledSchema> };
  return (host[STORE] ??= new Map());
}

/** The compiled schema for `schema` in the given mode, compiled by `compile` if this process has not compiled it yet. */
export function compiledSchema(schema: unknown, strict: boolean, compile: () => CompiledSchema): CompiledSchema {
  const key = `${strict ? 'strict' : 'pruning'} ${JSON.stringify(schema)}`;
  const schemas = store();
  let compiled = schemas.get(key);
  if (compiled === undefined) {
    compiled = compile();
    schemas.set(key, compiled);
  }
  return compiled;
}
