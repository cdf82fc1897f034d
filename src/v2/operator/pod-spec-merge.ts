/**
 * How the v2 operator merges a Server's `podSpec` onto its ServerConfig's
 * (SELDON-FACTS §2.4; operator/controllers/reconcilers/common/patch_utils.go@v2.10.2
 * `MergePodSpecs`, `MergeContainers`, with `mergo.WithOverride` and
 * `mergo.WithAppendSlice`, dario.cat/mergo v1.0.0 `deepMerge`).
 */
import { Json } from '../../k8s/json';

/** Go's zero values, which mergo never copies over a value that is set. */
function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === 0 || value === '';
}

/**
 * A deep copy of JSON, in this realm. Not `structuredClone`: under jest its copies come from
 * another realm, and cdk8s then takes `{ name, value }` for a Quantity-like
 * union and drops `name` (NumberStringUnionResolver checks the constructor).
 * Not a JSON round trip either: that turns a cdk8s token (a `Lazy`, an object of a
 * class) into a plain object cdk8s no longer resolves; a token is kept as it is.
 * Members that are undefined are left out, as JSON leaves them out.
 */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(v => clone(v)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && proto.constructor?.name !== 'Object') return value;
  const copy: Json = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) copy[key] = clone(member);
  return copy as T;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `mergo.Merge(dst, src, WithOverride, WithAppendSlice)` on JSON: lists are
 * concatenated (dst first), objects merged member by member, and a scalar of
 * `src` replaces `dst`'s only when `src`'s is not a zero value (`false`, `0`,
 * `""`): a Server's `allowPrivilegeEscalation: false` does not undo a
 * ServerConfig's `true`. A member `dst` lacks is taken from `src` as it is.
 */
export function mergoMerge(dst: Json, src: Json): Json {
  const out: Json = { ...dst };
  for (const [key, value] of Object.entries(src)) {
    const current = out[key];
    if (value === undefined) continue;
    if (current === undefined || current === null) {
      out[key] = clone(value);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      out[key] = [...current, ...clone(value)];
    } else if (isObject(current) && isObject(value)) {
      out[key] = mergoMerge(current, value);
    } else if (!isEmpty(value)) {
      out[key] = clone(value);
    }
  }
  return out;
}

/** `MergeContainers`: by name, the Server's containers first in its order, then the ServerConfig's others. */
export function mergeContainers(existing: Json[], overrides: Json[]): Json[] {
  const merged: Json[] = overrides.map(o => {
    const base = existing.find(e => e.name === o.name);
    return base ? mergoMerge(base, o) : clone(o);
  });
  return [...merged, ...existing.filter(e => !overrides.some(o => o.name === e.name)).map(e => clone(e))];
}

/** `MergePodSpecs`. */
export function mergePodSpecs(serverConfigPodSpec: Json, override: Json | undefined): Json {
  if (!override) return clone(serverConfigPodSpec);
  const merged = mergoMerge(serverConfigPodSpec, override);
  merged.containers = mergeContainers(serverConfigPodSpec.containers ?? [], override.containers ?? []);
  return merged;
}
