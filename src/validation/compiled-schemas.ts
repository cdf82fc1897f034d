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
import { createHash } from 'crypto';
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
 * preparation) or what the store holds, so that two versions of the library
 * in one process never share a store. @2: keys are digests, and the store is bounded; @3: RE2 patterns.
 */
const STORE = Symbol.for('cdk8s-seldon/compiled-crd-schemas@3');

/**
 * How many compiled schemas a process keeps: every Seldon and External Secrets
 * kind in both modes is 18. A process that validates ever new schemas (a
 * server validating what users upload, a watch loop over edited CRD files)
 * keeps the ones used last instead of every one it ever compiled.
 */
export const COMPILED_SCHEMAS_KEPT = 256;

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

/**
 * The compiled schema for `schema` in the given mode, compiled by `compile` if
 * this process has not compiled it yet or no longer keeps it. The key is a
 * digest of the content: a schema's text can run to hundreds of kilobytes.
 */
export function compiledSchema(schema: unknown, strict: boolean, compile: () => CompiledSchema): CompiledSchema {
  const key = createHash('sha256').update(`${strict ? 'strict' : 'pruning'} ${JSON.stringify(schema)}`).digest('base64');
  const schemas = store();
  let compiled = schemas.get(key);
  if (compiled === undefined) {
    compiled = compile();
    // A Map iterates in insertion order: the first key is the one used longest ago.
    while (schemas.size >= COMPILED_SCHEMAS_KEPT) schemas.delete(schemas.keys().next().value!);
  } else {
    schemas.delete(key);
  }
  schemas.set(key, compiled);
  return compiled;
}
