import { ApiObject, App, Chart } from 'cdk8s';
import { isCredentialName } from '../credential-names';
import { hasUserInfo, show } from '../errors';
import { Json } from '../graph/manifests';
import { ModelUri } from '../model-uri';

/**
 * Why the converter cannot write `value`, if it cannot. cdk8s's JSON patches, which carry what props cannot say,
 * refuse to address a key named `__proto__`; and cdk8s's `ApiObject` cannot render a map key named `constructor`
 * from its props (its resolver takes the key for the object's class), which the converter does not move into
 * patches.
 */
export function cdk8sRenderingProblem(value: Json): string | undefined {
  const banned = protoKeyAt(value, '');
  if (banned !== undefined) return `the key "__proto__" at ${banned || '/'} cannot be written through cdk8s's JSON patches`;
  try {
    new ApiObject(new Chart(new App(), 'probe'), 'object', value as any).toJson();
    return undefined;
  } catch (e) {
    const reason = (e as Error).message.split('\n')[0].replace(/^Failed serializing construct at path '[^']*' with name '[^']*': (Error: )?/, '');
    return `cdk8s cannot render it from props (${reason}; a map key named "constructor" does this), and the converter does not carry such keys as `
      + 'patches: write the object with ApiObject and addJsonPatch(JsonPatch.add(...)) by hand';
  }
}

/**
 * A credential the program would write into committed code, if `value` (a Seldon object) carries one: a URL's user
 * info anywhere, or a model URI whose connection string holds one. Told without the credential.
 */
export function credentialOutsideSecret(value: Json): string | undefined {
  // Seldon's objects, which the library writes; other kinds pass through as the user wrote them.
  if (typeof value.apiVersion !== 'string' || !/^(machinelearning|mlops)\.seldon\.io\//.test(value.apiVersion)) return undefined;
  const found = credentialAt(value, '');
  return found === undefined ? undefined
    : `${found.path} holds a credential (${found.shown}), which the program would write into code you commit; keep it in a Secret (an RcloneSecret for a model URI)`;
}

function credentialAt(value: unknown, at: string): { path: string; shown: string } | undefined {
  if (typeof value === 'string') {
    // A model URI by ModelUri's own rule (a path may hold "token=..."); any other string by its URL user info.
    const uriField = /\/(modelUri|storageUri)$/.test(at);
    if (uriField ? /carries credentials/.test(ModelUri.parse(value).problem ?? '') : hasUserInfo(value)) return { path: at || '/', shown: show(value) };
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  // An env variable named as a credential with a literal value (AWS_SECRET_ACCESS_KEY, RCLONE_CONFIG_S3_SECRET_ACCESS_KEY).
  const env = value as { name?: unknown; value?: unknown };
  if (/\/env\/\d+$/.test(at) && typeof env.name === 'string' && typeof env.value === 'string' && env.value !== ''
    && isCredentialName(env.name)) {
    return { path: `${at}/value`, shown: `variable ${show(env.name)}, value not shown` };
  }
  for (const key of Object.keys(value)) {
    const found = credentialAt((value as Record<string, unknown>)[key], `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found !== undefined) return found;
  }
  return undefined;
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
