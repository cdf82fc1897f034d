/**
 * A Secret holding rclone remotes as `RcloneSecret` code: the v1 form
 * (`RCLONE_CONFIG_<REMOTE>_<OPTION>` keys) or the v2 form (one key holding a
 * `{type, name, parameters}` document). Each remote is written with the
 * `RcloneRemote` factory that renders exactly its options (checked by
 * rendering it), else `RcloneRemote.custom`. Credentials — the options the
 * remote marks sensitive — are read from the environment unless inlined.
 */
import { env, Expr, get, lit, obj, ref, staticCall, Stmt } from './code';
import { rcloneDocument } from './rclone-document';
import { newConstruct } from './scope';
import { metadataExpr } from './v1';
import { maskCredentials } from '../errors';
import { isObject, Json } from '../graph/manifests';
import { RcloneRemote } from '../rclone/rclone-remote';

/** A remote read from a Secret: its name, backend type and options. */
interface FoundRemote {
  readonly name: string;
  readonly type: string;
  readonly options: Record<string, string>;
}

/** The environment variable a credential is read from: `<SECRET>_<OPTION>`. */
export function envName(secretName: string, option: string): string {
  return `${secretName}_${option}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** The v1 remotes of a Secret's keys, or undefined if any key is something else. */
function v1Remotes(data: Record<string, string>): FoundRemote[] | undefined {
  const keys = Object.keys(data);
  if (keys.length === 0 || !keys.every(k => k.startsWith('RCLONE_CONFIG_'))) return undefined;
  const prefixes = keys.filter(k => k.endsWith('_TYPE')).map(k => k.slice(0, -'TYPE'.length));
  // Longest prefix first: a remote "S3_EU" must not swallow... nor be swallowed by "S3".
  prefixes.sort((a, b) => b.length - a.length);
  const remotes = new Map<string, FoundRemote>();
  for (const key of keys) {
    const prefix = prefixes.find(p => key.startsWith(p));
    if (!prefix) return undefined;
    const name = prefix.slice('RCLONE_CONFIG_'.length, -1).toLowerCase();
    const remote = remotes.get(prefix) ?? { name, type: data[`${prefix}TYPE`], options: {} };
    if (key !== `${prefix}TYPE`) remote.options[key.slice(prefix.length).toLowerCase()] = data[key];
    remotes.set(prefix, remote);
  }
  return [...remotes.values()];
}

/** The v2 remote of a Secret with one key holding `{type, name, parameters}`. */
function v2Remote(data: Record<string, string>): FoundRemote | undefined {
  const keys = Object.keys(data);
  if (keys.length !== 1) return undefined;
  const doc = rcloneDocument(data[keys[0]]);
  if (!doc || typeof doc.type !== 'string' || typeof doc.name !== 'string' || doc.name !== keys[0]) return undefined;
  const parameters = isObject(doc.parameters) ? doc.parameters : {};
  if (!Object.values(parameters).every(v => ['string', 'boolean', 'number'].includes(typeof v)) || Object.keys(doc).some(k => !['type', 'name', 'parameters'].includes(k))) return undefined;
  // YAML's `env_auth: false` is the option "false": rclone options are strings.
  return { name: doc.name, type: doc.type, options: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, String(v)])) };
}

/** Candidate factory calls for a remote, the idiomatic first. */
function candidates(remote: FoundRemote, value: (option: string) => Expr): Array<[string, Expr[]]> {
  const o = remote.options;
  const has = (...names: string[]) => Object.keys(o).every(k => names.includes(k));
  const name: Array<[string, Expr | undefined]> = [['name', undefined]];
  const out: Array<[string, Expr[]]> = [];
  const prop = (option: string) => (o[option] === undefined ? undefined : value(option));
  if (remote.type === 's3' && o.provider === 'minio' && o.env_auth === 'false' && has('provider', 'env_auth', 'access_key_id', 'secret_access_key', 'endpoint', 'region')) {
    name[0][1] = remote.name === 's3' ? undefined : lit(remote.name);
    out.push(['minio', [obj([...name, ['endpoint', prop('endpoint')], ['accessKeyId', prop('access_key_id')], ['secretAccessKey', prop('secret_access_key')], ['region', prop('region')]])]]);
  }
  if (remote.type === 's3' && has('provider', 'env_auth', 'access_key_id', 'secret_access_key', 'endpoint', 'region')) {
    const envAuth = o.env_auth === 'true';
    out.push(['s3', [obj([
      ['name', remote.name === 's3' ? undefined : lit(remote.name)],
      ['provider', o.provider !== undefined && o.provider !== 'aws' ? lit(o.provider) : undefined],
      ['envAuth', envAuth ? lit(true) : undefined],
      ['accessKeyId', o.access_key_id ? value('access_key_id') : undefined],
      ['secretAccessKey', o.secret_access_key ? value('secret_access_key') : undefined],
      ['region', prop('region')],
      ['endpoint', prop('endpoint')],
    ])]]);
  }
  if (remote.type === 'google cloud storage' && has('anonymous', 'service_account_credentials')) {
    out.push(['gcs', [obj([
      ['name', remote.name === 'gcs' ? undefined : lit(remote.name)],
      ['serviceAccountCredentials', prop('service_account_credentials')],
    ])]]);
  }
  if (remote.type === 'azureblob' && has('account', 'key', 'env_auth')) {
    out.push(['azureBlob', [obj([
      ['name', remote.name === 'azureblob' ? undefined : lit(remote.name)],
      ['account', prop('account')],
      ['key', prop('key')],
      ['envAuth', o.env_auth === 'true' ? lit(true) : undefined],
    ])]]);
  }
  const options = obj(Object.keys(o).map(k => [k, value(k)] as const));
  out.push(['custom', [lit(remote.name), lit(remote.type), ...(Object.keys(o).length ? [options] : [])]]);
  return out;
}

function sameRemote(built: RcloneRemote, remote: FoundRemote): boolean {
  if (built.problems.length > 0 || built.name !== remote.name || built.backendType !== remote.type) return false;
  const options = built.options;
  const a = Object.keys(options).sort();
  const b = Object.keys(remote.options).sort();
  return a.length === b.length && a.every((k, i) => k === b[i] && options[k] === remote.options[k]);
}

/** The factory call reproducing a remote, with sensitive options from the environment. */
function remoteExpr(remote: FoundRemote, secretName: string, inline: boolean): Expr {
  const probe = RcloneRemote.custom(remote.name, remote.type, remote.options);
  // An option rclone does not mark sensitive may still hold a URL with user info or a signed URL's signature.
  const value = (option: string) => (!inline && (probe.isSensitive(option) || carriesCredential(remote.options[option])) && remote.options[option] !== ''
    ? env(envName(secretName, option), remote.options[option]) : lit(remote.options[option]));
  for (const [factory, args] of candidates(remote, value)) {
    const actual = args.map(a => evaluateLiteral(a));
    const built = (RcloneRemote as any)[factory](...actual) as RcloneRemote;
    // `RcloneRemote.gcs()` rather than `gcs({})`.
    const written = args.filter(a => !(a.k === 'obj' && a.entries.length === 0));
    if (sameRemote(built, remote)) return staticCall('RcloneRemote', factory, ...written);
  }
  return staticCall('RcloneRemote', 'custom', ...candidates(remote, value).pop()![1]);
}

const carriesCredential = (value: string): boolean => maskCredentials(value) !== value;

/** Evaluates an expression made only of literals, objects and env reads. */
function evaluateLiteral(expr: Expr): unknown {
  switch (expr.k) {
    case 'lit': return expr.value;
    case 'env': return expr.value;
    case 'obj': return Object.fromEntries(expr.entries.map(([k, v]) => [k, evaluateLiteral(v)]));
    case 'arr': return expr.items.map(evaluateLiteral);
    default: throw new Error('converter bug: not a literal');
  }
}

/** The format of the rclone Secret, if `secret` (normalised: `stringData`) is one. */
export function rcloneFormat(secret: Json): 'ENV_VARS' | 'V2_DOCUMENT' | undefined {
  const data = isObject(secret.stringData) ? secret.stringData as Record<string, string> : undefined;
  if (!data || !Object.values(data).every(v => typeof v === 'string')) return undefined;
  if (v1Remotes(data)) return 'ENV_VARS';
  return v2Remote(data) ? 'V2_DOCUMENT' : undefined;
}

/** The statements declaring an rclone Secret; undefined when the Secret holds something else. */
export function convertRcloneSecret(
  secret: Json, variable: string, id: string, chartNamespace: string | undefined, inline: boolean,
): Stmt[] | undefined {
  const format = rcloneFormat(secret);
  if (!format) return undefined;
  const data = secret.stringData as Record<string, string>;
  const metadata = isObject(secret.metadata) ? secret.metadata : {};
  const remotes = format === 'ENV_VARS' ? v1Remotes(data)! : [v2Remote(data)!];
  // A backend type is written as a literal: one carrying a credential leaves the Secret to the ApiObject, whose values are all read from the environment.
  if (!inline && remotes.some(r => carriesCredential(r.type))) return undefined;
  return [{
    name: variable,
    value: newConstruct('RcloneSecret', id, obj([
      ['metadata', metadataExpr(metadata, chartNamespace)],
      ['format', format === 'V2_DOCUMENT' ? get(ref('RcloneSecretFormat'), 'V2_DOCUMENT') : undefined],
      ['remotes', { k: 'arr', items: remotes.map(r => remoteExpr(r, String(metadata.name), inline)) }],
      ['immutable', secret.immutable === true ? lit(true) : undefined],
    ])),
  }];
}
