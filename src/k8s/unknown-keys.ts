import { show } from '../errors';

/**
 * Keys a struct does not declare. The structs of cdk8s-plus (`k8s.VolumeMount`,
 * `k8s.Container`, `ContainerSecurityContextProps`, ...) reach the manifest
 * through code that reads their declared fields, or through Seldon's CRD
 * schemas, which declare the same Kubernetes fields: a key neither knows
 * (`readonly` for `readOnly`, `hostIP` for `hostIp`) would be a lost
 * override, so the boundary check (prop-check.ts) refuses it.
 *
 * `cdk8s.ApiObjectMetadata` is left open: cdk8s writes its further keys to
 * the manifest as they are. The library's own props are checked field by
 * field by their constructs.
 */
export const refusesUnknownKeys = (typeRef: string): boolean => /^cdk8s-plus-\d+\./.test(typeRef);

/** The problem of `key` on a struct `typeName` (as a caller writes it) that declares `declared`. */
export function unknownKeyProblem(key: string, typeName: string, declared: readonly string[]): { problem: string; accepted: string } {
  const lower = key.toLowerCase();
  const near = declared.find(d => d.toLowerCase() === lower);
  const hint = near === undefined ? '' : ` (did you mean ${show(near)}?)`;
  return {
    problem: `has the key ${show(key)}, which ${typeName} does not declare${hint}`,
    accepted: `accepted: the keys of ${typeName}: ${declared.join(', ')}`,
  };
}
