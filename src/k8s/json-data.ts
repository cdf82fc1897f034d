/**
 * Kubernetes data (`metadata`, the cdk8s-plus `k8s.*` structs) never holds
 * constructs: whatever it carries beyond its known fields is written to the
 * manifest as it is, so it must be JSON data. A function, a symbol, a bigint,
 * NaN, a Map or a cycle there would crash synth or be written wrong.
 */

import { show } from '../errors';

/**
 * The path of a map's entry in a message: `labels.app`, but `labels["app.kubernetes.io/name"]` for a key that
 * would read as more than one part (a ".", a "/", a space, ...).
 */
export function keyPath(base: string, key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? `${base}.${key}` : `${base}[${show(key)}]`;
}

/** Whether a type reference of the shape table names a Kubernetes data struct. */
export const isPlainData = (typeRef: string): boolean => typeRef.startsWith('cdk8s.') || typeRef.includes('.k8s.');

export const JSON_ACCEPTED = 'accepted: JSON data (strings, finite numbers, booleans, null, and arrays and plain objects of them, without cycles)';

/** Where in a value a part that is not JSON data sits (`at`, e.g. `.a[2]`), and the part; `cycle` when it holds an enclosing object. */
export interface NotJson {
  readonly at: string;
  readonly value: unknown;
  readonly cycle: boolean;
}

/**
 * The first part of `root` (held by `within`) that is not JSON data.
 * Walked without recursion, so a value nested 100,000 deep is no stack overflow.
 */
export function notJson(root: unknown, within: object): NotJson | undefined {
  const open = new Set<object>([within]);
  const stack: Place[] = [{ value: root }];
  while (stack.length > 0) {
    const place = stack.pop()!;
    const value = place.value;
    if (place.leave) {
      open.delete(value as object);
      continue;
    }
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    if (typeof value !== 'object') return { at: pathTo(place), value, cycle: false };
    const proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return { at: pathTo(place), value, cycle: false };
    if (open.has(value)) return { at: pathTo(place), value, cycle: true };
    open.add(value);
    stack.push({ value, leave: true });
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, parent: place, key: i }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, parent: place, key: k });
  }
  return undefined;
}

/** A value met in the walk, and where: its parent's place and its key there. The path is written only for a value reported. */
interface Place {
  readonly value: unknown;
  readonly parent?: Place;
  readonly key?: string | number;
  readonly leave?: boolean;
}

function pathTo(place: Place): string {
  const keys: Array<string | number> = [];
  for (let p: Place | undefined = place; p?.key !== undefined; p = p.parent) keys.push(p.key);
  let at = '';
  for (let i = keys.length - 1; i >= 0; i--) at = typeof keys[i] === 'number' ? `${at}[${keys[i]}]` : keyPath(at, keys[i] as string);
  return at;
}
