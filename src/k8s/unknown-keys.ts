import { show } from '../errors';
import { SHAPES } from './prop-shapes.generated';

/**
 * Keys a struct does not declare. A key no field reads is a setting that
 * silently vanishes: `replica` for `replicas` in `PrepackagedModelProps`,
 * `trafic` for `traffic` in `PredictorProps`, `readonly` for `readOnly` in
 * `k8s.VolumeMount`, `hostIP` for `hostIp` in `k8s.ContainerPort`. TypeScript
 * catches it only in an object literal; JavaScript does not at all. So the
 * boundary check (prop-check.ts, prop-fast-path.ts) refuses it for every
 * struct of the library's own API (its type references carry no package
 * prefix) and of cdk8s-plus, whose fields reach the manifest through code
 * that reads them, or through Seldon's CRD schemas, which declare the same
 * Kubernetes fields.
 *
 * The one exception is `cdk8s.ApiObjectMetadata`: cdk8s writes its further
 * keys (`generateName`) to the manifest as they are; metadata-rules.ts refuses
 * those that are no ObjectMeta field. Maps
 * (`{ [key: string]: T }`) are no structs: their keys are the caller's.
 */
export const refusesUnknownKeys = (typeRef: string): boolean => /^([A-Z]\w*$|cdk8s-plus-\d+\.)/.test(typeRef);

/** Levenshtein distance, given up (answering `limit + 1`) once it exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    previous = row;
  }
  return previous[b.length];
}

/**
 * The one declared key `key` was probably meant to be: the same letters in
 * another case, else the only key nearest within two edits (ignoring case),
 * if the edits change less than half of the key, else the only key that
 * starts with it, less a plural "s" (`maxReplicas` for KEDA's `maxReplicaCount`).
 */
export function nearestKey(key: string, declared: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameLetters = declared.find(d => d.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  let best: string | undefined, bestDistance = 3, ties = 0;
  for (const d of declared) {
    const n = distance(lower, d.toLowerCase(), 2);
    if (n > 2 || n * 2 >= key.length) continue;
    if (n < bestDistance) {
      best = d;
      bestDistance = n;
      ties = 0;
    } else if (n === bestDistance) {ties++;}
  }
  if (best !== undefined) return ties === 0 ? best : undefined;
  const stem = lower.endsWith('s') ? lower.slice(0, -1) : lower;
  if (stem.length < 5) return undefined;
  const extended = declared.filter(d => d.toLowerCase().startsWith(stem));
  return extended.length === 1 ? extended[0] : undefined;
}

/** The problem of `key` on a struct `typeName` (as a caller writes it) that declares `declared`. */
export function unknownKeyProblem(key: string, typeName: string, declared: readonly string[]): { problem: string; accepted: string } {
  const near = nearestKey(key, declared);
  const hint = near === undefined ? '' : ` (did you mean ${show(near)}?)`;
  return {
    problem: `has the key ${show(key)}, which ${typeName} does not declare${hint}`,
    accepted: `accepted: the keys of ${typeName}: ${declared.join(', ')}`,
  };
}

/**
 * The part of `value` that the struct `typeRef` of the shape table declares:
 * what the library passes on when it hands one struct's fields to a public
 * factory or method that takes a narrower struct (`PrometheusScalingProps`
 * to `KedaTrigger.prometheus()`), which would refuse the others.
 */
export function declaredPart<T>(value: T, typeRef: string): T {
  const fields = SHAPES[typeRef]?.f;
  if (fields === undefined || typeof value !== 'object' || value === null) return value;
  const part: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (Object.prototype.hasOwnProperty.call(fields, k)) part[k] = v;
  return part as T;
}
