import { ApiObject, App, Chart } from 'cdk8s';
import { Json } from '../graph/manifests';

/**
 * Why cdk8s cannot write `value`, if it cannot: then no program can, whatever construct it uses. cdk8s's `ApiObject`
 * cannot render a map key named `constructor` (its resolver reads the key as the object's class), and its JSON
 * patches, which carry what props cannot say, refuse to address a key named `__proto__`.
 */
export function cdk8sRenderingProblem(value: Json): string | undefined {
  const banned = protoKeyAt(value, '');
  if (banned !== undefined) return `the key "__proto__" at ${banned || '/'} cannot be written through cdk8s's JSON patches`;
  try {
    new ApiObject(new Chart(new App(), 'probe'), 'object', value as any).toJson();
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n')[0].replace(/^Failed serializing construct at path '[^']*' with name '[^']*': (Error: )?/, '');
  }
}

/** The JSON pointer of the first own key `__proto__` in `value`, if any. */
function protoKeyAt(value: unknown, at: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return `${at}/__proto__`;
    const found = protoKeyAt((value as Record<string, unknown>)[key], `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** What the API server writes into an object it stores, which `kubectl get -o yaml` exports. */
const SERVER_SET_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp',
  'deletionGracePeriodSeconds'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * `value` without the fields the API server sets (an object exported from a cluster carries them): applied again, a
 * stale `resourceVersion` or `uid` makes `kubectl apply` fail, and `status` is the controller's. Returns the fields
 * taken out, to report them.
 */
export function withoutServerSetFields(value: Json): { value: Json; removed: string[] } {
  const removed: string[] = [];
  const metadata = value.metadata;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return { value, removed };
  const meta: Json = { ...metadata };
  const copy: Json = { ...value, metadata: meta };
  for (const field of SERVER_SET_METADATA) {
    if (field in meta) {
      delete meta[field];
      removed.push(`metadata.${field}`);
    }
  }
  const annotations = meta.annotations;
  if (annotations !== null && typeof annotations === 'object' && LAST_APPLIED in annotations) {
    const rest: Json = { ...annotations };
    delete rest[LAST_APPLIED];
    if (Object.keys(rest).length > 0) meta.annotations = rest;
    else delete meta.annotations;
    removed.push(`metadata.annotations["${LAST_APPLIED}"]`);
  }
  if ('status' in copy) {
    delete copy.status;
    removed.push('status');
  }
  return { value: removed.length ? copy : value, removed };
}
