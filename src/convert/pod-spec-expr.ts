/**
 * A pod spec of a manifest as the cdk8s-plus `k8s.PodSpec` a `ServerConfig`
 * takes: the same keys in cdk8s's spelling (kube-prop-names.ts), with
 * quantities as `k8s.Quantity` and probe ports as `k8s.IntOrString` (the
 * generated converters read those as objects).
 */
import { PersistentVolumeAccessMode } from 'cdk8s-plus-27';
import { arr, call, Expr, get, lit, obj, ref } from './code';
import { KUBE_POD_SPEC, kubePropNames } from './kube-prop-names';
import { sizeExpr } from './values';
import { isObject } from '../graph/manifests';

const k8sFactory = (cls: string, factory: string, value: unknown): Expr => call(get(get(ref('k8s'), cls), factory), lit(value));

function quantity(value: unknown): Expr | undefined {
  if (typeof value === 'number') return k8sFactory('Quantity', 'fromNumber', value);
  if (typeof value === 'string') return k8sFactory('Quantity', 'fromString', value);
  return undefined;
}

/** The expression of a manifest's pod spec; undefined when some value has no typed form. */
export function podSpecExpr(pod: unknown): Expr | undefined {
  return expr(kubePropNames(pod, KUBE_POD_SPEC), []);
}

/** The expression of a manifest's value of the `k8s.*` struct `struct` (e.g. a PersistentVolumeClaimSpec). */
export function kubeExpr(value: unknown, struct: string): Expr | undefined {
  return expr(kubePropNames(value, struct), []);
}

/** The expression of `value` at `path` (the names of its keys are the same in both spellings). */
function expr(value: unknown, path: readonly string[]): Expr | undefined {
  const parent = path[path.length - 1];
  // resources.requests.<name> and resources.limits.<name>
  if (path.length >= 2 && ['requests', 'limits'].includes(path[path.length - 2]) && path[path.length - 3] === 'resources') return quantity(value);
  // The pod's overhead per resource, and an emptyDir's size limit, are quantities too.
  if (path[path.length - 2] === 'overhead' || (parent === 'sizeLimit' && path[path.length - 2] === 'emptyDir')) return quantity(value);
  if (parent === 'port' && ['httpGet', 'tcpSocket'].includes(path[path.length - 2] ?? '')) {
    return typeof value === 'number' ? k8sFactory('IntOrString', 'fromNumber', value) : typeof value === 'string' ? k8sFactory('IntOrString', 'fromString', value) : undefined;
  }
  if (Array.isArray(value)) {
    const items = value.map((v, i) => expr(v, [...path, String(i)]));
    return items.every(i => i !== undefined) ? { k: 'arr', items: items as Expr[] } : undefined;
  }
  if (isObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => [k, expr(v, [...path, k])] as const);
    return entries.every(([, e]) => e !== undefined) ? obj(entries) : undefined;
  }
  return lit(value);
}

/** Each access mode's member of cdk8s-plus's enum, by the value Kubernetes writes. */
const ACCESS_MODES: ReadonlyMap<unknown, string> = new Map(Object.entries(PersistentVolumeAccessMode).map(([member, value]) => [value, member]));

/**
 * A ServerConfig's `volumeClaimTemplates` as the construct's `ServerVolumeClaimTemplate`s (a name, a binary size,
 * access modes, a StorageClass); undefined when one has more than those, which leaves the ServerConfig to an ApiObject.
 */
export function claimTemplatesExpr(templates: unknown): Expr | undefined {
  if (!Array.isArray(templates)) return undefined;
  const items: Expr[] = [];
  for (const t of templates) {
    if (!isObject(t) || typeof t.name !== 'string' || !isObject(t.spec)) return undefined;
    const { accessModes, resources, storageClassName, ...rest } = t.spec;
    const requests = isObject(resources) && isObject(resources.requests) ? resources.requests : undefined;
    if (Object.keys(rest).length > 0 || Object.keys(t).length !== 2 || !requests || Object.keys(resources as object).length !== 1
      || Object.keys(requests).length !== 1) return undefined;
    const storage = sizeExpr(requests.storage);
    const modes: Array<string | undefined> = accessModes === undefined ? []
      : Array.isArray(accessModes) ? accessModes.map(m => ACCESS_MODES.get(m)) : [undefined];
    if (!storage || modes.includes(undefined) || (storageClassName !== undefined && typeof storageClassName !== 'string')) return undefined;
    // The construct writes ReadWriteOnce when no modes are given.
    const written = accessModes === undefined || (modes.length === 1 && modes[0] === 'READ_WRITE_ONCE')
      ? undefined : arr(modes.map(m => get(ref('PersistentVolumeAccessMode'), m!)));
    items.push(obj([['name', lit(t.name)], ['storage', storage], ['accessModes', written], ['storageClassName', storageClassName === undefined ? undefined : lit(storageClassName)]]));
  }
  return arr(items);
}
