import { carriesCredentialOption, isCredentialName } from '../credentials/names';
import { hasUserInfo, show } from '../errors';
import { checkValueMethods } from '../k8s/method-check';
import { checkFactories } from '../k8s/prop-check';
import { sortedKeys } from '../k8s/sorted-json';
/** An rclone remote name: letters, digits, `_` and `-`, not starting with `-`. */
const REMOTE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
/** An rclone backend option name, e.g. `access_key_id`. */
const OPTION_NAME = /^[A-Za-z0-9_]+$/;

/** Props of `RcloneRemote.s3()`. */
export interface S3RemoteProps {
  /**
   * The remote name; a model URI uses it as its scheme (`<name>://bucket/path`).
   * @default 's3'
   */
  readonly name?: string;
  /**
   * The S3 provider as rclone names it (`aws`, `Minio`, `Ceph`, `DigitalOcean`, `Wasabi`, ...).
   * @default 'aws'
   */
  readonly provider?: string;
  /**
   * Take credentials from the environment or the pod's IAM role instead of keys.
   * @default false
   */
  readonly envAuth?: boolean;
  /**
   * The access key id; with `secretAccessKey`, unless `envAuth` is true.
   * @default - none; rendered empty: with no secret key either and no `envAuth`, rclone reads public buckets anonymously
   */
  readonly accessKeyId?: string;
  /**
   * The secret access key; with `accessKeyId`, unless `envAuth` is true.
   * @default - none; rendered empty: with no access key either and no `envAuth`, rclone reads public buckets anonymously
   */
  readonly secretAccessKey?: string;
  /**
   * The region to connect to.
   * @default - rclone's default for the provider
   */
  readonly region?: string;
  /**
   * The endpoint URL, for S3-compatible stores.
   * @default - the provider's public endpoint
   */
  readonly endpoint?: string;
}

/** Props of `RcloneRemote.minio()`. */
export interface MinioRemoteProps {
  /**
   * The remote name; a model URI uses it as its scheme.
   * @default 's3'
   */
  readonly name?: string;
  /** The MinIO endpoint URL, e.g. `http://minio.minio-system.svc.cluster.local:9000`. */
  readonly endpoint: string;
  /** The MinIO access key. */
  readonly accessKeyId: string;
  /** The MinIO secret key. */
  readonly secretAccessKey: string;
  /**
   * The region to sign requests for.
   * @default - rclone's default
   */
  readonly region?: string;
}

/** Props of `RcloneRemote.gcs()`. */
export interface GcsRemoteProps {
  /**
   * The remote name; a model URI uses it as its scheme.
   * @default 'gcs'
   */
  readonly name?: string;
  /**
   * The content of a service-account key file (JSON). It is collapsed to one
   * line, as rclone expects.
   * @default - anonymous access, for public buckets
   */
  readonly serviceAccountCredentials?: string;
}

/** Props of `RcloneRemote.azureBlob()`. */
export interface AzureBlobRemoteProps {
  /**
   * The remote name; a model URI uses it as its scheme.
   * @default 'azureblob'
   */
  readonly name?: string;
  /** The storage account name. */
  readonly account: string;
  /**
   * The storage account key.
   * @default - none: with no `envAuth` either, rclone reads public containers anonymously (account only)
   */
  readonly key?: string;
  /**
   * Authenticate with the environment (workload identity, managed identity) instead of a key.
   * @default false
   */
  readonly envAuth?: boolean;
}

interface RemoteParts {
  readonly name: string;
  readonly type: string;
  readonly options: Record<string, string>;
  /** Options named as credentials beside those rclone names so (credential-names.ts): `custom()`'s `sensitiveOptions`. */
  readonly sensitive?: readonly string[];
  readonly problems: readonly string[];
}

/**
 * One rclone remote: a name, a backend type and its options. The same value
 * renders Seldon Core v1's `RCLONE_CONFIG_<REMOTE>_<OPTION>` variables and
 * Seldon Core v2's `{type, name, parameters}` storage document.
 *
 * Building a remote never throws: problems are reported, with the construct
 * path, by the `RcloneSecret` the remote is added to.
 */
export class RcloneRemote {
  /** An S3 (or S3-compatible) remote with access keys or environment/IAM authentication. */
  public static s3(props: S3RemoteProps = {}): RcloneRemote {
    const name = props.name ?? 's3';
    const envAuth = props.envAuth ?? false;
    // Both keys blank and no envAuth: rclone reads the bucket anonymously (public buckets).
    const problems = envAuth ? [
      ...credentialProblems('accessKeyId', props.accessKeyId, envAuth, 'an S3 remote'),
      ...credentialProblems('secretAccessKey', props.secretAccessKey, envAuth, 'an S3 remote'),
    ] : halfKeyProblems(props.accessKeyId, props.secretAccessKey);
    return new RcloneRemote({
      name,
      type: 's3',
      options: compact({
        provider: props.provider ?? 'aws',
        env_auth: String(envAuth),
        access_key_id: props.accessKeyId ?? '',
        secret_access_key: props.secretAccessKey ?? '',
        region: props.region,
        endpoint: props.endpoint,
      }),
      problems: [...problems, ...urlProblems('endpoint', props.endpoint)],
    });
  }

  /** A MinIO remote (rclone's s3 backend with provider `minio`). */
  public static minio(props: MinioRemoteProps): RcloneRemote {
    return new RcloneRemote({
      name: props.name ?? 's3',
      type: 's3',
      options: compact({
        provider: 'minio',
        env_auth: 'false',
        access_key_id: props.accessKeyId,
        secret_access_key: props.secretAccessKey,
        endpoint: props.endpoint,
        region: props.region,
      }),
      problems: [
        ...credentialProblems('accessKeyId', props.accessKeyId, false, 'a MinIO remote'),
        ...credentialProblems('secretAccessKey', props.secretAccessKey, false, 'a MinIO remote'),
        ...(props.endpoint ? urlProblems('endpoint', props.endpoint) : ['endpoint is empty; a MinIO remote needs the endpoint URL, e.g. http://minio.minio-system.svc.cluster.local:9000']),
      ],
    });
  }

  /** A Google Cloud Storage remote, anonymous or with a service-account key. */
  public static gcs(props: GcsRemoteProps = {}): RcloneRemote {
    const problems: string[] = [];
    let credentials: string | undefined;
    if (props.serviceAccountCredentials !== undefined) {
      credentials = collapseJson(props.serviceAccountCredentials);
      if (credentials === undefined) {
        problems.push('serviceAccountCredentials is not a JSON object; pass the content of the service-account key file (gcloud iam service-accounts keys create)');
      }
    }
    return new RcloneRemote({
      name: props.name ?? 'gcs',
      type: 'google cloud storage',
      options: compact({
        anonymous: String(props.serviceAccountCredentials === undefined),
        service_account_credentials: credentials,
      }),
      problems,
    });
  }

  /** An Azure Blob Storage remote with an account key or environment authentication. */
  public static azureBlob(props: AzureBlobRemoteProps): RcloneRemote {
    const envAuth = props.envAuth ?? false;
    return new RcloneRemote({
      name: props.name ?? 'azureblob',
      type: 'azureblob',
      options: compact({
        account: props.account,
        env_auth: String(envAuth),
        key: envAuth ? undefined : props.key,
      }),
      problems: [
        ...(props.account ? [] : ['account is empty; an Azure Blob remote needs the storage account name']),
        // No key and no envAuth is rclone's anonymous access to public containers.
        ...(envAuth && props.key ? credentialProblems('key', props.key, envAuth, 'an Azure Blob remote') : []),
      ],
    });
  }

  /**
   * Any rclone backend. `options` are rclone option names (`access_key_id`,
   * `endpoint`, ...) and string values, kept (and written) in sorted order; `sensitiveOptions` names further
   * options that hold credentials, beside those rclone names as such
   * (`secret_access_key`, `password`, `*_token`, ...), which always count.
   */
  public static custom(name: string, backendType: string, options: { [option: string]: string } = {}, sensitiveOptions?: string[]): RcloneRemote {
    const problems: string[] = [];
    if (!backendType) problems.push('backendType is empty; give the rclone backend type, e.g. "s3", "azureblob", "google cloud storage"');
    for (const [option, value] of Object.entries(options)) {
      if (!OPTION_NAME.test(option)) {
        problems.push(`option ${JSON.stringify(option)} is not an rclone option name; letters, digits and "_" are accepted`);
      } else if (option.toLowerCase() === 'type') {
        problems.push('option "type" is given twice; pass the backend type as backendType only');
      }
      if (typeof value !== 'string') problems.push(`option ${JSON.stringify(option)} is not a string; rclone options are strings ("true", "false", "10")`);
    }
    return new RcloneRemote({
      name,
      type: backendType,
      // In sorted order, as cdk8s writes a map: the v2 document's text does not depend on the order the map holds them in.
      options: sortedKeys(options),
      sensitive: (sensitiveOptions ?? []).map(o => String(o).toLowerCase()),
      problems,
    });
  }

  /** The remote name as given; model URIs name it case-insensitively. */
  public readonly name: string;
  /** The rclone backend type, e.g. `s3`. */
  public readonly backendType: string;
  /**
   * Why this remote cannot be used; empty when it can.
   */
  public readonly problems: string[];
  private readonly _options: Record<string, string>;
  private readonly _sensitive: ReadonlySet<string>;

  private constructor(parts: RemoteParts) {
    this.name = parts.name;
    this.backendType = parts.type;
    this._options = parts.options;
    this._sensitive = new Set(parts.sensitive ?? []);
    this.problems = [
      ...(REMOTE_NAME.test(parts.name ?? '') ? [] : [`name ${JSON.stringify(parts.name)} is not an rclone remote name; letters, digits, "_" and "-" are accepted, not starting with "-"`]),
      ...parts.problems,
    ];
  }

  /** The backend options (without `type`), in rendering order. */
  public get options(): { [option: string]: string } {
    return { ...this._options };
  }

  /**
   * Whether option `option` holds a credential: an option named as one (`secret_access_key`, `*password*`,
   * `*_token`, `*_key`, ...), one named in `custom()`'s `sensitiveOptions`, or one whose value carries a URL's user
   * info (`http://user:password@host`) or a nested connection string holding a credential.
   */
  public isSensitive(option: string): boolean {
    const name = option.toLowerCase();
    if (this._sensitive.has(name) || isCredentialName(name)) return true;
    const value = Object.entries(this._options).find(([o]) => o.toLowerCase() === name)?.[1];
    return typeof value === 'string' && (hasUserInfo(value) || carriesCredentialOption(value));
  }

  /** The values of the options that hold credentials, non-empty ones only. */
  public get sensitiveValues(): string[] {
    return Object.entries(this._options).filter(([o, v]) => v !== '' && this.isSensitive(o)).map(([, v]) => v);
  }

  /** Whether a model URI scheme names this remote (rclone remotes are case-insensitive). */
  public matches(remoteName: string): boolean {
    return this.name.toLowerCase() === remoteName.toLowerCase();
  }

  /**
   * The Seldon Core v1 form: one environment variable per option,
   * `RCLONE_CONFIG_<REMOTE>_<OPTION>`, with `TYPE` first.
   */
  public toEnvVars(): { [key: string]: string } {
    const prefix = `RCLONE_CONFIG_${this.name.toUpperCase()}_`;
    const vars: Record<string, string> = { [`${prefix}TYPE`]: this.backendType };
    for (const [option, value] of Object.entries(this._options)) {
      vars[`${prefix}${option.toUpperCase()}`] = value;
    }
    return vars;
  }

  /**
   * The Seldon Core v2 form: the document `{type, name, parameters}` that a
   * v2 storage Secret holds under its single key.
   */
  public toV2Document(): { [key: string]: any } {
    const parameters: Record<string, string> = {};
    for (const [option, value] of Object.entries(this._options)) parameters[option.toLowerCase()] = value;
    return { type: this.backendType, name: this.name, parameters };
  }
}

function compact(options: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [k, v] of Object.entries(options)) if (v !== undefined) result[k] = v;
  return result;
}

function credentialProblems(field: string, value: string | undefined, envAuth: boolean, what: string): string[] {
  if (envAuth) {
    return value ? [`${field} is set while envAuth is true; with envAuth the credentials come from the environment, so leave ${field} out`] : [];
  }
  return value ? [] : [`${field} is empty; ${what} needs ${field} unless envAuth is true`];
}

function halfKeyProblems(accessKeyId: string | undefined, secretAccessKey: string | undefined): string[] {
  if (!accessKeyId === !secretAccessKey) return [];
  const [empty, set] = accessKeyId ? ['secretAccessKey', 'accessKeyId'] : ['accessKeyId', 'secretAccessKey'];
  return [`${empty} is empty while ${set} is set; an S3 remote needs both keys, neither (anonymous access to a public bucket) or envAuth: true`];
}

function urlProblems(field: string, value: string | undefined): string[] {
  if (value === undefined) return [];
  return /^https?:\/\/[^\s/]+/.test(value) ? [] : [`${field} ${show(value)} is not an http(s) URL; e.g. http://minio.minio-system.svc.cluster.local:9000`];
}

function collapseJson(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? JSON.stringify(parsed) : undefined;
  } catch {
    return undefined;
  }
}

// A remote's options go into the Secret that holds credentials: a URL's user info may be among them.
checkFactories(RcloneRemote, 'RcloneRemote', true);
checkValueMethods(RcloneRemote, 'RcloneRemote');
