import { IPersistentVolumeClaim } from 'cdk8s-plus-27';
import { carriesCredentialOption, isCredentialName, maskCredentialOptions } from './credentials/names';
import { maskCredentials, maskQueryCredentials, redactUserInfo } from './errors';
import { checkFactories } from './k8s/prop-check';
import { DNS_1123_SUBDOMAIN } from './names';

/** Where a model artifact lives, as Seldon's storage tooling reads it. */
export enum ModelUriKind {
  /**
   * An rclone remote: `gs://bucket/path`, `s3://bucket/path`, `remote:bucket/path`
   * or `remote://bucket/path`. The scheme is the rclone remote name.
   */
  RCLONE_REMOTE = 'rclone-remote',
  /** A PersistentVolumeClaim: `pvc://<claim>/<path>` (Seldon Core v1). */
  PVC = 'pvc',
  /** An absolute path inside the server pod, e.g. a mounted PVC (Seldon Core v2). */
  LOCAL_PATH = 'local-path',
}

const ACCEPTED_FORMS = 'accepted: gs://<bucket>/<path>, s3://<bucket>/<path>, '
  + '<remote>:<bucket>/<path> or <remote>://<bucket>/<path> for an rclone remote, '
  + 'rclone connection strings such as :s3,env_auth=true:<bucket>/<path>, '
  + 'pvc://<claim>/<path> (Seldon Core v1), or an absolute path such as /var/models/iris (v2, on a Server that mounts a claim there)';

const REMOTE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

interface ModelUriParts {
  readonly uri: string;
  readonly kind: ModelUriKind;
  readonly remote?: string;
  readonly bucketAndPath?: string;
  readonly claimName?: string;
  readonly claim?: IPersistentVolumeClaim;
  readonly path?: string;
  readonly problem?: string;
  /** Whether the remote part carries connection-string options or is an on-the-fly backend (`s3,region=x:`, `:s3:`). */
  readonly connectionString?: boolean;
}

/**
 * The location of a model artifact: an rclone remote (Google Cloud Storage,
 * S3, MinIO, Azure Blob, ...), a PersistentVolumeClaim or a local path.
 *
 * Building a `ModelUri` never throws: a malformed URI carries a `problem`,
 * which the construct that receives it reports together with its construct
 * path and field name.
 */
export class ModelUri {
  /** The forms a model URI may take, as error messages list them. */
  public static readonly ACCEPTED_FORMS: string = ACCEPTED_FORMS;

  /**
   * Parses a URI as written in a Seldon manifest, e.g. `gs://seldon-models/sklearn/iris`,
   * `s3:sklearn/iris`, `minio://models/iris`, `pvc://models-pvc/iris` or `/var/models/iris`.
   */
  public static parse(uri: string): ModelUri {
    return new ModelUri(parseParts(uri));
  }

  /**
   * A Google Cloud Storage location, rendered `gs://<bucket>/<path>` (rclone remote `gs`).
   * @param path the path in the bucket; without it, `gs://<bucket>`
   */
  public static gcs(bucket: string, path?: string): ModelUri {
    return new ModelUri(bucketProblem('gs', bucket, path) ?? parseRemoteParts(`gs://${joinPath(bucket, path)}`, 'gs'));
  }

  /**
   * An S3 location, rendered `s3://<bucket>/<path>` (rclone remote `s3`).
   * @param path the path in the bucket; without it, `s3://<bucket>`
   */
  public static s3(bucket: string, path?: string): ModelUri {
    return new ModelUri(bucketProblem('s3', bucket, path) ?? parseRemoteParts(`s3://${joinPath(bucket, path)}`, 's3'));
  }

  /** A location on a named rclone remote, rendered `<remote>:<bucketAndPath>`. */
  public static remote(remote: string, bucketAndPath: string): ModelUri {
    return new ModelUri(parseParts(`${remote}:${bucketAndPath}`));
  }

  /**
   * A path inside a PersistentVolumeClaim, rendered `pvc://<claim>/<path>`.
   * @param path the path in the claim; without it, `pvc://<claim>`
   */
  public static pvc(claim: IPersistentVolumeClaim, path?: string): ModelUri {
    const parts = parseParts(`pvc://${joinPath(claim.name, path)}`);
    return new ModelUri({ ...parts, claim });
  }

  /**
   * A path inside a PersistentVolumeClaim given by name, rendered `pvc://<claimName>/<path>`.
   * @param path the path in the claim; without it, `pvc://<claimName>`
   */
  public static pvcByName(claimName: string, path?: string): ModelUri {
    return new ModelUri(parseParts(`pvc://${joinPath(claimName, path)}`));
  }

  /** An absolute path inside the server pod, e.g. where a Seldon v2 Server mounts a PVC. */
  public static localPath(path: string): ModelUri {
    return new ModelUri(parseParts(path));
  }

  /** The URI as rendered into the manifest. */
  public readonly uri: string;
  /** What kind of location this is. */
  public readonly kind: ModelUriKind;
  /**
   * The rclone remote name (the scheme), as written, without its
   * connection-string options; for an on-the-fly backend
   * (`:s3,env_auth=true:bucket/path`) the backend with its colon, `:s3`.
   * @default - undefined unless `kind` is RCLONE_REMOTE
   */
  public readonly remoteName?: string;
  /**
   * Bucket and path on the rclone remote, without leading slashes.
   * @default - undefined unless `kind` is RCLONE_REMOTE
   */
  public readonly bucketAndPath?: string;
  /**
   * The PersistentVolumeClaim name.
   * @default - undefined unless `kind` is PVC
   */
  public readonly claimName?: string;
  /**
   * The PersistentVolumeClaim construct, when the URI was built from one.
   * @default - undefined unless built with `ModelUri.pvc()`
   */
  public readonly claim?: IPersistentVolumeClaim;
  /**
   * The path inside the claim (PVC; may be empty) or the absolute path (LOCAL_PATH).
   * @default - undefined for RCLONE_REMOTE
   */
  public readonly path?: string;
  /**
   * Why the URI cannot be used, if it cannot.
   * @default - undefined when the URI is well formed
   */
  public readonly problem?: string;
  /**
   * @internal Whether the text before the path's ":" is more than a remote name: connection-string options or an
   * on-the-fly backend, which Seldon v2's agent takes as the remote name whole (agent/rclone getRemoteName).
   */
  public readonly _connectionString: boolean;

  private constructor(given: ModelUriParts) {
    // A refused URI is kept, and shown in every message, without what may be a credential (whatever refused it).
    const parts = given.problem === undefined ? given
      : { ...given, uri: typeof given.uri === 'string' ? maskCredentials(given.uri) : given.uri, problem: maskCredentials(given.problem) };
    this.uri = parts.uri;
    this.kind = parts.kind;
    this.remoteName = parts.remote;
    this.bucketAndPath = parts.bucketAndPath;
    this.claimName = parts.claimName;
    this.claim = parts.claim;
    this.path = parts.path;
    this.problem = parts.problem;
    this._connectionString = parts.connectionString ?? false;
  }

  /** Returns the URI as rendered into the manifest. */
  public toString(): string {
    return this.uri;
  }
}

/**
 * A bucket given as a whole URI (`gs://models`, copied from a console) would render `gs://gs://models/...`, which
 * rclone reads as remote `gs`, bucket `gs:` and fails on in the storage initializer; no bucket name holds a ":".
 */
function bucketProblem(remote: string, bucket: string, path: string | undefined): ModelUriParts | undefined {
  // An empty bucket renders `gs:///iris`, which parse() refuses as it refuses that URI written out (remoteParts).
  if (typeof bucket !== 'string' || !bucket.includes(':')) return undefined;
  const uri = `${remote}://${joinPath(bucket, path)}`;
  const refused = credentialRefusal(uri, []) ?? screen(uri);
  if (refused !== undefined) return refused;
  return {
    uri,
    kind: ModelUriKind.RCLONE_REMOTE,
    problem: `bucket ${JSON.stringify(bucket)} is not a bucket name (no bucket name holds ":"); `
    + `${JSON.stringify(uri)} would make rclone read remote "${remote}", bucket "${bucket.slice(0, bucket.indexOf(':') + 1)}": `
    + `the bucket alone (ModelUri.${remote === 'gs' ? 'gcs' : 's3'}('models', 'iris')), or ModelUri.parse() for a whole URI`,
  };
}

function joinPath(first: string, rest?: string): string {
  if (rest === undefined || rest === '') return first;
  return `${first}/${rest.startsWith('/') ? rest.replace(/^\/+/, '') : rest}`;
}

function traversal(path: string): boolean {
  // No "." at all, no "." or ".." segment: most paths are settled without splitting.
  return path.includes('.') && path.split('/').some(segment => segment === '..' || segment === '.');
}

function parseParts(uri: string): ModelUriParts {
  if (typeof uri !== 'string' || uri.length === 0) return { uri, kind: ModelUriKind.RCLONE_REMOTE, problem: 'is empty' };
  // Scanned first, so that a URI refused for any reason is shown without its credentials.
  const split = splitRemote(uri);
  const screened = credentialRefusal(uri, split.options) ?? screen(uri);
  if (screened !== undefined) return screened;
  if (uri.startsWith('/')) {
    if (traversal(uri)) return { uri, kind: ModelUriKind.LOCAL_PATH, problem: `${JSON.stringify(uri)} contains "." or ".." path segments` };
    return { uri, kind: ModelUriKind.LOCAL_PATH, path: uri };
  }
  if (/^pvc:/i.test(uri)) {
    return parsePvc(uri);
  }
  const bad = (problem: string): ModelUriParts => ({ uri, kind: ModelUriKind.RCLONE_REMOTE, problem });
  if (split.failure !== undefined) {
    const shown = maskOptionValues(uri, split.unreadableFrom);
    return { uri: shown, kind: ModelUriKind.RCLONE_REMOTE, problem: `${JSON.stringify(shown)} ${split.failure}${shown === uri ? '' : ' (option values shown as ***)'}` };
  }
  if (split.rest === undefined) return bad(`${JSON.stringify(uri)} has no scheme and is not an absolute path`);
  const remote = split.onTheFly ? `:${split.name}` : split.name;
  if (!REMOTE_NAME.test(split.name)) {
    return bad(`${JSON.stringify(uri)} has scheme ${JSON.stringify(remote)}, which is not an rclone remote name (letters, digits, "_" and "-")`);
  }
  return { ...remoteParts(uri, remote, split.rest), connectionString: split.options.length > 0 || split.onTheFly };
}

/**
 * A malformed connection string with the value of every `=` from `from` on masked: where rclone cannot read an option
 * (a quoted name, `s3,"secret_access_key"=...:b`, is no option to rclone), whether a value is a credential is unknown,
 * so none from there on is shown. (The options read before it are masked by name, as in every URI.)
 */
function maskOptionValues(uri: string, from: number | undefined): string {
  if (from === undefined || !uri.includes('=', from)) return uri;
  return uri.slice(0, from) + uri.slice(from).replace(/=[ \t]*('(?:[^']|'')*'?|"(?:[^"]|"")*"?|[^,:]*)/g, (whole, value: string) => (value === '' ? whole : '=***'));
}

/**
 * `parseParts` of `<remote>://<rest>` for a remote name the caller wrote ('gs', 's3'): such a URI is no path,
 * no pvc:// and splits at the first ":" into a valid remote name and the rest, so only the rest is parsed.
 */
function parseRemoteParts(uri: string, remote: string): ModelUriParts {
  return credentialRefusal(uri, []) ?? screen(uri) ?? remoteParts(uri, remote, uri.slice(remote.length + 1));
}

/** What every URI is refused for besides credentials (whitespace or control characters), else undefined. */
function screen(uri: string): ModelUriParts | undefined {
  if (CONTROL_CHARS.test(uri) || uri.trim() !== uri) {
    return { uri, kind: ModelUriKind.RCLONE_REMOTE, problem: `${JSON.stringify(uri)} has leading or trailing whitespace or control characters` };
  }
  return undefined;
}

/**
 * The refusal of a URI that carries credentials (connection-string options that hold them, credential-names.ts,
 * or a URL's user info): they would be rendered into the manifest and echoed by every message, so the URI kept is
 * the one with them replaced by ***. In a connection string, an option written after an unquoted value with ":" (an
 * endpoint URL) lands in the path as rclone reads it, so the whole string is searched; and a `<remote>://` URI has no
 * host:port, so a ":" before its first "/" with an "@" after it is user info, whatever the password holds.
 */
function credentialRefusal(uri: string, options: readonly ConnectionOption[]): ModelUriParts | undefined {
  // Only a connection string has options: elsewhere "name=" is part of a path.
  const inOptions = options.length > 0 && maskCredentialOptions(uri) !== uri;
  let masked = options.length > 0 ? maskCredentials(uri) : redactUserInfo(uri);
  const authority = /^([A-Za-z0-9_-]+:\/\/)([^/]*)/.exec(masked);
  const at = masked.lastIndexOf('@');
  if (authority && authority[2].includes(':') && at > authority[1].length + authority[2].indexOf(':')) {
    masked = `${authority[1]}***${masked.slice(at)}`;
  }
  // A signed URL's query (X-Amz-Signature=..., an Azure SAS's sig=...) reads the object until it expires.
  const query = options.length > 0 ? -1 : masked.indexOf('?');
  const maskedQuery = query < 0 ? '' : maskQueryCredentials(masked.slice(query));
  const signed = query >= 0 && maskedQuery !== masked.slice(query);
  if (signed) masked = masked.slice(0, query) + maskedQuery;
  if (masked === uri) return undefined;
  // The options rclone parsed that hold one; any other is written after an unquoted value with ":" that ended the options.
  const named = options.filter(o => o.end > o.start && (isCredentialName(o.name) || carriesCredentialOption(uri.slice(o.start, o.end))));
  const where = named.length > 0 ? `in its connection string (${named.map(o => o.name).join(', ')}; shown as ***)`
    : inOptions ? 'in its connection string (shown as ***), after an unquoted value with ":" (an endpoint URL: quote it) that ends the options as rclone reads them'
      : signed ? 'in its query string (a signed URL\'s signature or credential; shown as ***)' : 'before "@" (shown as ***)';
  return {
    uri: masked,
    kind: ModelUriKind.RCLONE_REMOTE,
    problem: `${JSON.stringify(masked)} carries credentials ${where}; a URI holds no credentials: put them in an RcloneSecret`
      + (inOptions ? ', whose remote the URI then names' : ''),
  };
}

/** The parts of an rclone URI once its remote is known: `rest` is what follows the scheme's ":". */
function remoteParts(uri: string, remote: string, rest: string): ModelUriParts {
  // Only the bucket backends' own schemes: another remote's backend may read "///x" as the path "/x" (rclone's local one does).
  if ((remote === 'gs' || remote === 's3') && rest.startsWith('///')) {
    return {
      uri,
      kind: ModelUriKind.RCLONE_REMOTE,
      problem: `${JSON.stringify(uri)} names no bucket before its path ("///"): rclone strips the slashes and would read `
      + 'the path\'s first part as the bucket',
    };
  }
  const bucketAndPath = rest.startsWith('/') ? rest.replace(/^\/+/, '') : rest;
  if (bucketAndPath.length === 0) {
    return { uri, kind: ModelUriKind.RCLONE_REMOTE, problem: `${JSON.stringify(uri)} names no bucket or path` };
  }
  if (traversal(bucketAndPath)) {
    return { uri, kind: ModelUriKind.RCLONE_REMOTE, problem: `${JSON.stringify(uri)} contains "." or ".." path segments` };
  }
  return { uri, kind: ModelUriKind.RCLONE_REMOTE, remote, bucketAndPath };
}

/** A connection-string option of a URI, with where its value is (start = end for none). */
interface ConnectionOption {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** `[:]<remote>[,<option>[=<value>]...]:<rest>` taken apart; `rest` undefined without the ":", `failure` for a malformed string. */
interface Split {
  readonly onTheFly: boolean;
  readonly name: string;
  readonly options: ConnectionOption[];
  readonly rest?: string;
  readonly failure?: string;
  /** Where an option rclone cannot read starts (a quoted or missing name): the values from there on are not shown. */
  readonly unreadableFrom?: number;
}

/**
 * Splits `[:]<remote>[,<option>[=<value>]...]:<rest>`: an rclone remote, or
 * with a leading `:` an on-the-fly backend, with an optional connection
 * string whose values may be quoted ('...' or "...", the quote doubled inside).
 * The options read are returned also when the string is malformed (an
 * unterminated quote runs to the end), so that their values can be masked.
 */
function splitRemote(uri: string): Split {
  const head = /^(:?)([^:/,]*)/.exec(uri)!;
  const base = { onTheFly: head[1] === ':', name: head[2] };
  let i = head[0].length;
  const options: ConnectionOption[] = [];
  while (uri[i] === ',') {
    const option = /^[A-Za-z0-9_-]+/.exec(uri.slice(i + 1));
    if (!option) return { ...base, options, failure: 'has a connection-string option without a name (rclone writes <remote>,<option>=<value>:<path>)', unreadableFrom: i };
    i += 1 + option[0].length;
    if (uri[i] !== '=') {
      options.push({ name: option[0], start: i, end: i });
      continue;
    }
    i++;
    const start = i;
    const quote = uri[i];
    if (quote === '"' || quote === "'") {
      for (i++; ; i += 2) {
        const close = uri.indexOf(quote, i);
        if (close < 0) {
          options.push({ name: option[0], start, end: uri.length });
          return { ...base, options, failure: `has an unterminated ${quote} in its connection string` };
        }
        i = close;
        if (uri[close + 1] !== quote) break;
      }
      i++;
    } else {
      while (i < uri.length && uri[i] !== ',' && uri[i] !== ':') i++;
    }
    options.push({ name: option[0], start, end: i });
  }
  return uri[i] === ':' ? { ...base, options, rest: uri.slice(i + 1) } : { ...base, options };
}

function parsePvc(uri: string): ModelUriParts {
  const bad = (problem: string): ModelUriParts => ({ uri, kind: ModelUriKind.PVC, problem });
  if (!uri.startsWith('pvc://')) {
    return bad(`${JSON.stringify(uri)} is not of the form pvc://<claim>/<path> (the scheme is lower case and followed by "//")`);
  }
  const [claimName, ...rest] = uri.slice('pvc://'.length).split('/');
  if (claimName.length === 0) {
    return bad(`${JSON.stringify(uri)} names no PersistentVolumeClaim`);
  }
  if (!DNS_1123_SUBDOMAIN.check(claimName)) {
    return bad(`${JSON.stringify(uri)} names claim ${JSON.stringify(claimName)}, which is not a valid claim name (${DNS_1123_SUBDOMAIN.accepted})`);
  }
  const path = rest.join('/');
  if (traversal(path)) {
    return bad(`${JSON.stringify(uri)} contains "." or ".." path segments`);
  }
  return { uri, kind: ModelUriKind.PVC, claimName, path };
}

// ModelUri refuses a URL's user info itself, saying which part of the URI holds it.
checkFactories(ModelUri, 'ModelUri', true);
