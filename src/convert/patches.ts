/**
 * The difference between what a construct renders and the object it must
 * reproduce, as the JSON patches that turn one into the other. Both sides
 * are compared in normal form (./normalise.ts); the values put into patches
 * are taken from the input as written, where the input has them.
 */
import { isObject } from '../graph/manifests';

/** One JSON patch operation. */
export interface FieldPatch {
  readonly op: 'add' | 'replace' | 'remove';
  /** JSON pointer, e.g. `/spec/predictors/0/componentSpecs`. */
  readonly path: string;
  /** The value, for add and replace. */
  readonly value?: unknown;
  /** The field's name without indices, for summaries: `spec.predictors[].componentSpecs`. */
  readonly field: string;
}

/** The JSON pointer of `path` (RFC 6901: `~` as `~0`, `/` as `~1`). */
export function pointer(path: readonly (string | number)[]): string {
  return path.map(p => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function fieldName(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? '[]' : `${out ? '.' : ''}${p}`;
  return out;
}

function at(value: unknown, path: readonly (string | number)[]): { found: boolean; value?: unknown } {
  let cur: any = value;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object' || !(p in cur)) return { found: false };
    cur = cur[p as any];
  }
  return { found: true, value: cur };
}

/** True when two JSON values are equal (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter(k => a[k] !== undefined);
    const kb = Object.keys(b).filter(k => b[k] !== undefined);
    return ka.length === kb.length && ka.every(k => deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The patches that make `rendered` equal `wanted` (both normalised);
 * `original` is the input as written, the source of patch values.
 */
export function patchesBetween(rendered: unknown, wanted: unknown, original: unknown): FieldPatch[] {
  const out: FieldPatch[] = [];
  const value = (path: (string | number)[], fallback: unknown) => {
    const raw = at(original, path);
    return raw.found ? raw.value : fallback;
  };
  const visit = (r: unknown, w: unknown, path: (string | number)[]) => {
    if (deepEqual(r, w)) return;
    if (isObject(r) && isObject(w)) {
      for (const key of Object.keys(r)) {
        if (r[key] !== undefined && w[key] === undefined) out.push({ op: 'remove', path: pointer([...path, key]), field: fieldName([...path, key]) });
      }
      for (const key of Object.keys(w)) {
        if (w[key] === undefined) continue;
        if (r[key] === undefined) out.push({ op: 'add', path: pointer([...path, key]), value: value([...path, key], w[key]), field: fieldName([...path, key]) });
        else visit(r[key], w[key], [...path, key]);
      }
      return;
    }
    // Lists of the same length are patched item by item: a container the
    // library declared keeps its place and only gains the missing fields.
    if (Array.isArray(r) && Array.isArray(w) && r.length === w.length && r.length > 0) {
      w.forEach((item, i) => visit(r[i], item, [...path, i]));
      return;
    }
    out.push({ op: path.length ? 'replace' : 'add', path: pointer(path), value: value(path, w), field: fieldName(path) });
  };
  visit(rendered, wanted, []);
  return out;
}
