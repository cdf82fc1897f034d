import { ApiObject, App, Chart } from 'cdk8s';
import { isCredentialName } from '../credentials/names';
import { hasUserInfo, maskQueryCredentials, show } from '../errors';
import { pointer } from './patches';
import { rcloneDocument } from './rclone-document';
import { Json } from '../graph/manifests';
import { ModelUri } from '../model-uri';

/**
 * Why the converter cannot write `value`, if it cannot. cdk8s's JSON patches, which carry what props cannot say,
 * refuse to address a key named `__proto__`; and cdk8s's `ApiObject` cannot render a map key named `constructor`
 * from its props (its resolver takes the key for the object's class), which the converter does not move into
 * patches. Anything else cdk8s refuses (an apiVersion that is not GROUP/VERSION) the API server refuses as well.
 */
export function cdk8sRenderingProblem(value: Json): string | undefined {
  const banned = firstIn(value, [], (_, path) => (path[path.length - 1] === '__proto__' ? pointer(path) : undefined));
  if (banned !== undefined) return `the key "__proto__" at ${banned} cannot be written through cdk8s's JSON patches`;
  try {
    new ApiObject(new Chart(new App(), 'probe'), 'object', value as any).toJson();
    return undefined;
  } catch (e) {
    const reason = (e as Error).message.split('\n')[0].replace(/^Failed serializing construct at path '[^']*' with name '[^']*': (Error: )?/, '');
    const constructorKey = firstIn(value, [], (_, path) => (path.length > 0 && path[path.length - 1] === 'constructor' ? pointer(path) : undefined));
    if (constructorKey === undefined) return `cdk8s cannot render it (${reason}), and the API server would refuse it as well: correct the manifest`;
    return `cdk8s cannot render it from props (${reason}; the map key "constructor" at ${constructorKey} does this), and the converter does not carry `
      + 'such keys as patches: write the object with ApiObject and addJsonPatch(JsonPatch.add(...)) by hand';
  }
}

/**
 * A credential the program would write into committed code, if `value` carries one: a URL's user info anywhere, a
 * model URI that ModelUri refuses for credentials (a path may hold "token=..."), or a literal value of an environment
 * variable named as a credential (a Deployment's pod template as well as a SeldonDeployment's); in a Seldon object
 * also a credential-named key of its configuration. A map key is checked as a value is. Told without the credential. In a core Secret only the fields
 * besides `data` and `stringData` count: the converter writes their values as reads of environment variables.
 */
export function credentialOutsideSecret(value: Json): string | undefined {
  // A Secret's values are read from the environment; its type, labels and annotations are written as they are.
  const { data, stringData, ...unread } = value;
  const written = value.apiVersion === 'v1' && value.kind === 'Secret' ? unread : value;
  const seldon = typeof value.apiVersion === 'string' && /^(machinelearning|mlops)\.seldon\.io\//.test(value.apiVersion);
  const found = firstIn(written, [], (v, path) => credentialAt(v, path, seldon));
  return found === undefined ? undefined
    : `${found.path} holds a credential (${found.shown}), which the program would write into code you commit; keep it in a Secret (an RcloneSecret for a model URI)`;
}

function credentialAt(value: unknown, path: readonly (string | number)[], seldon: boolean): { path: string; shown: string } | undefined {
  const key = path[path.length - 1];
  // A runtime's or SeldonConfig's configuration: Kafka client settings (`sasl.password`), and the rclone remotes written
  // inline (`agentConfig.rclone.config`, each a {type, name, parameters} document); v1's `oauth_key` and `oauth_secret`.
  const inConfig = seldon && path[0] === 'spec' && path[1] === 'config';
  // A map key is written into the program as it is (an annotation's key, a patch's path), like a value.
  if (typeof key === 'string' && (hasUserInfo(key) || maskQueryCredentials(key) !== key)) {
    return { path: pointer(path.slice(0, -1)) || '/', shown: `the key ${show(key)}` };
  }
  if (typeof value === 'string' && value !== '' && typeof key === 'string' && (inConfig || (seldon && key.startsWith('oauth_'))) && isCredentialName(key)) {
    return { path: pointer(path), shown: `${show(key)}, value not shown` };
  }
  if (typeof value === 'string' && inConfig && path[path.length - 2] === 'config' && path.includes('rclone') && inlineRemoteCredential(value)) {
    return { path: pointer(path), shown: 'an rclone remote with a credential option, value not shown' };
  }
  if (typeof value === 'string') {
    const refused = key === 'modelUri' || key === 'storageUri' ? /carries credentials/.test(ModelUri.parse(value).problem ?? '')
      : hasUserInfo(value) || maskQueryCredentials(value) !== value;
    return refused ? { path: pointer(path), shown: show(value) } : undefined;
  }
  const env = value as { name?: unknown; value?: unknown } | null;
  if (path[path.length - 2] === 'env' && typeof env?.name === 'string' && typeof env.value === 'string' && env.value !== '' && isCredentialName(env.name)) {
    return { path: pointer([...path, 'value']), shown: `variable ${show(env.name)}, value not shown` };
  }
  return undefined;
}

/** Whether an inline rclone remote document (`{type, name, parameters}`, JSON or YAML) sets a credential option. */
function inlineRemoteCredential(text: string): boolean {
  // Not a document: the text itself is checked like any other (user info).
  const parameters = rcloneDocument(text)?.parameters;
  if (parameters === null || typeof parameters !== 'object') return false;
  return Object.entries(parameters).some(([name, v]) => typeof v === 'string' && v !== '' && isCredentialName(name));
}

/** The first answer of `test` over `value` and everything in it, depth first, with each one's path. */
function firstIn<T>(value: unknown, path: Array<string | number>,
  test: (value: unknown, path: readonly (string | number)[]) => T | undefined): T | undefined {
  const found = test(value, path);
  if (found !== undefined || value === null || typeof value !== 'object') return found;
  for (const key of Object.keys(value)) {
    const inner = firstIn((value as Record<string, unknown>)[key], [...path, key], test);
    if (inner !== undefined) return inner;
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
