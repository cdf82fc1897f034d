/**
 * The converter's entry point (`lib/convert`), outside the jsii API like
 * `lib/plugin`: it reads YAML and writes TypeScript, which only the
 * TypeScript side of the library needs.
 */
export * from './convert';
export * from './chart-naming';
export * from './files';
export * from './corpus';
export { normalise } from './normalise';
export { deepEqual, patchesBetween } from './patches';
export type { FieldPatch } from './patches';
export { runProgram, roundTrip } from './round-trip';
export type { RoundTrip } from './round-trip';
