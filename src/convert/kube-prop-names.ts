/**
 * Kubernetes' JSON names and the names of the cdk8s `k8s.*` props differ
 * where a name holds an acronym (`hostIP` / `hostIp`, `volumeID` /
 * `volumeId`, `setHostnameAsFQDN` / `setHostnameAsFqdn`). The converter reads
 * JSON and writes props: a JSON name in a `k8s.Container` or `k8s.PodSpec`
 * literal is a key the struct does not declare, which the boundary check
 * refuses (src/k8s/unknown-keys.ts). So the keys are renamed, at every depth,
 * to the names cdk8s-plus's own `k8s.toJson_*` functions read: each field of
 * a struct of the shape table is passed to its `toJson_` alone, and the one
 * key written back is its JSON name. The names are exactly those cdk8s
 * writes to the manifest, so the round trip is exact; a key that is no JSON
 * name of the struct is left as it is (the check reports it, and the
 * converter falls back to a patch).
 */
import { k8s } from 'cdk8s-plus-27';
import { isObject } from '../graph/manifests';
import { SHAPES } from '../k8s/prop-shapes.generated';

export const KUBE_CONTAINER = 'cdk8s-plus-27.k8s.Container';
export const KUBE_POD_SPEC = 'cdk8s-plus-27.k8s.PodSpec';

interface PropName { readonly prop: string; readonly ref: string }

const NAMES = new Map<string, Map<string, PropName>>();
const toJson = k8s as unknown as Record<string, ((props: object) => Record<string, unknown>) | undefined>;

/** A value of `ref` that a `toJson_` function writes back under the field's JSON name. */
function probe(ref: string): unknown {
  if (ref.startsWith('[')) return [];
  if (ref.startsWith('{')) return {};
  const shape = SHAPES[ref];
  if (shape?.e) return shape.e[0];
  if (shape?.f) return {};
  // k8s.Quantity, k8s.IntOrString: written as their value
  if (shape?.m) return { value: 'x' };
  return ref === 'n' ? 0 : ref === 'b' ? false : ref === 'd' ? new Date(0) : 'x';
}

/** The fields of the `k8s.*` struct `ref` by their JSON names; undefined for any other type. */
function jsonNames(ref: string): Map<string, PropName> | undefined {
  const known = NAMES.get(ref);
  if (known !== undefined) return known;
  const fields = SHAPES[ref]?.f;
  const write = toJson[`toJson_${ref.slice(ref.lastIndexOf('.') + 1)}`];
  if (!ref.includes('.k8s.') || fields === undefined || write === undefined) return undefined;
  const names = new Map<string, PropName>();
  for (const [prop, typed] of Object.entries(fields)) {
    const fieldRef = typed.replace(/^\?/, '');
    let written: string[] = [];
    try {
      written = Object.keys(write({ [prop]: probe(fieldRef) }) ?? {});
    } catch {
      // a type this probe does not build: the prop name, as for most fields
    }
    names.set(written.length === 1 ? written[0] : prop, { prop, ref: fieldRef });
  }
  NAMES.set(ref, names);
  return names;
}

/** `value` (Kubernetes JSON of the type `ref`) with the cdk8s prop names, at every depth. */
export function kubePropNames(value: unknown, ref: string): unknown {
  if (ref.startsWith('[')) return Array.isArray(value) ? value.map(v => kubePropNames(v, ref.slice(1, -1))) : value;
  if (!isObject(value)) return value;
  if (ref.startsWith('{')) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, kubePropNames(v, ref.slice(1, -1))]));
  const names = jsonNames(ref);
  if (names === undefined) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = names.get(key);
    // Both spellings given: the prop name is no JSON name, so the check reports it.
    const name = field === undefined || (field.prop !== key && field.prop in value) ? key : field.prop;
    out[name] = field === undefined ? v : kubePropNames(v, field.ref);
  }
  return out;
}
