import { EnvValue, EnvValueFromSecretOptions, ISecret, ResourceProps, Secret } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { RcloneRemote } from './rclone-remote';
import { Problems, adoptDeferredProblems, formatProblem, show } from '../errors';
import { constructScope } from '../k8s/construct-scope';
import { checkMethods } from '../k8s/method-check';
import { checkedArgs, checkedProps } from '../k8s/prop-check';
import { DNS_1123_SUBDOMAIN } from '../names';
import { ENV_KEY_CLASH_ACCEPTED, envKeyClash, envKeyClashProblem, envKeys } from './env-keys';
import { failedConstruction } from '../k8s/failed-construction';

/** How an `RcloneSecret` lays out its remotes. */
export enum RcloneSecretFormat {
  /**
   * Seldon Core v1: one `RCLONE_CONFIG_<REMOTE>_<OPTION>` key per option,
   * consumed by the storage initializer through `envFrom`. Several remotes
   * may share one Secret.
   */
  ENV_VARS = 'env-vars',
  /**
   * Seldon Core v2: exactly one remote, stored under one key (the remote
   * name) as the JSON document `{"type", "name", "parameters"}`.
   */
  V2_DOCUMENT = 'v2-document',
}

/** Props of `RcloneSecret`. */
export interface RcloneSecretProps extends ResourceProps {
  /**
   * The remotes the Secret defines; more can be added with `addRemote()`.
   * @default - none
   */
  readonly remotes?: RcloneRemote[];
  /**
   * The layout of the Secret.
   * @default RcloneSecretFormat.ENV_VARS
   */
  readonly format?: RcloneSecretFormat;
  /**
   * Whether the Secret is immutable.
   * @default false
   */
  readonly immutable?: boolean;
}

/**
 * A Secret known to hold rclone remotes: an `RcloneSecret` of this app, or
 * an existing one declared with `RcloneSecret.fromExistingSecret()`. Models check
 * their URI's remote against it.
 */
export interface IRcloneSecret extends ISecret {
  /** The layout of the Secret. */
  readonly format: RcloneSecretFormat;
  /**
   * The names of the remotes the Secret defines.
   * @default - unknown: remote checks are skipped
   */
  readonly remoteNames?: string[];
  /** Whether a remote of this name is defined (case-insensitive, as rclone). */
  definesRemote(name: string): boolean;
}

/** Options of `RcloneSecret.fromExistingSecret()`. */
export interface ExistingRcloneSecretOptions {
  /**
   * The remotes the existing Secret defines, so that models naming others are
   * reported at synth.
   * @default - unknown: models using the Secret are not checked
   */
  readonly remoteNames?: string[];
  /**
   * The layout of the existing Secret.
   * @default RcloneSecretFormat.ENV_VARS
   */
  readonly format?: RcloneSecretFormat;
}

/** Seldon v1 remotes become environment variable names, so they cannot contain `-`. */
const ENV_REMOTE_NAME = /^[A-Za-z0-9_]+$/;
const RCLONE_SECRET = Symbol.for('cdk8s-seldon.RcloneSecret');

/** Marks `x` as an `IRcloneSecret`, for `RcloneSecret.isRcloneSecret()`. @internal */
export function brandRcloneSecret(x: object): void {
  Object.defineProperty(x, RCLONE_SECRET, { value: true });
}

/**
 * A Kubernetes Secret holding rclone remotes, for Seldon's storage
 * initializer (v1) or model storage (v2). The credential values live only in
 * this Secret; models reference it by name.
 */
export class RcloneSecret extends Secret implements IRcloneSecret {
  /**
   * Whether `x` is an `IRcloneSecret`: an `RcloneSecret`, or an existing one
   * declared with `fromExistingSecret()` (also across copies of this library).
   * Its `format` is known; its `remoteNames` may not be.
   */
  public static isRcloneSecret(x: any): boolean {
    try {
      return x !== null && typeof x === 'object' && RCLONE_SECRET in x;
    } catch {
      // A revoked Proxy, or one whose `has` throws: a type test answers, it does not throw.
      return false;
    }
  }

  /**
   * An existing Secret holding rclone remotes, created outside this app (by
   * hand, External Secrets or Sealed Secrets): no credential value passes
   * through cdk8s. Declare its remote names to keep the URI checks.
   * (`RcloneSecret.fromSecretName(scope, id, name)`, inherited from `Secret`,
   * references one without declaring anything.)
   */
  public static fromExistingSecret(scope: Construct, id: string, name: string, options: ExistingRcloneSecretOptions = {}): IRcloneSecret {
    return new ExistingRcloneSecret(scope, id, name, options);
  }

  /** The layout of the Secret. */
  public readonly format: RcloneSecretFormat;
  private readonly _remotes: RcloneRemote[] = [];
  /** The remotes' names in lower case (rclone matches them so): `addRemote()` is the one way a remote is added. */
  private readonly remoteKeys = new Set<string>();

  public constructor(scope: Construct, id: string, props: RcloneSecretProps = {}) {
    props = checkedProps(scope, 'RcloneSecret', props, id);
    super(constructScope(scope, 'RcloneSecret', id), id, { metadata: props.metadata, immutable: props.immutable, type: 'Opaque' });
    try {
      adoptDeferredProblems(this);
      Object.defineProperty(this, RCLONE_SECRET, { value: true });
      this.format = props.format ?? RcloneSecretFormat.ENV_VARS;
      for (const remote of props.remotes ?? []) this.addRemote(remote);
      this.node.addValidation({
        validate: () => this._remotes.length > 0 ? [] : [formatProblem('RcloneSecret', this.node.path, 'remotes', 'is empty',
          'add at least one RcloneRemote (props.remotes or addRemote())')],
      });
    } catch (e) { throw failedConstruction(this, e); }
  }

  /** The remotes defined so far. */
  public get remotes(): RcloneRemote[] {
    return [...this._remotes];
  }

  /**
   * Adds a remote. Throws if the remote is malformed, if a remote with the
   * same name (case-insensitive) exists, or if the format cannot hold it.
   */
  public addRemote(remote: RcloneRemote): void {
    [remote] = checkedArgs(this, 'RcloneSecret', 'addRemote', remote);
    const problems = new Problems('RcloneSecret', this);
    const field = `remotes[${this._remotes.length}] (${JSON.stringify(remote.name)})`;
    for (const p of remote.problems) problems.add(field, p);
    if (this.format === RcloneSecretFormat.ENV_VARS && !ENV_REMOTE_NAME.test(remote.name ?? '')) {
      problems.add(`${field} name`, `${JSON.stringify(remote.name)} cannot be an environment variable name`,
        'Seldon v1 reads remotes from RCLONE_CONFIG_<REMOTE>_* variables, so letters, digits and "_" are accepted');
    }
    if (this._remotes.some(r => r.matches(remote.name ?? ''))) {
      problems.add(`${field} name`, 'duplicates a remote already in this Secret (rclone remote names are case-insensitive)',
        `remote names in one Secret must be unique; defined: ${this._remotes.map(r => r.name).join(', ')}`);
    }
    const clash = this.format === RcloneSecretFormat.ENV_VARS && remote.name !== undefined
      ? envKeyClash(envKeys(remote), this._remotes.map(r => ({ remote: r, keys: envKeys(r) }))) : undefined;
    if (clash) problems.add(`${field} options`, envKeyClashProblem(clash), ENV_KEY_CLASH_ACCEPTED);
    if (this.format === RcloneSecretFormat.V2_DOCUMENT && this._remotes.length > 0) {
      problems.add(field, 'cannot be added: a Seldon v2 storage Secret holds exactly one remote',
        'create one RcloneSecret with format V2_DOCUMENT per remote');
    }
    problems.throwIfAny();
    this._remotes.push(remote);
    this.remoteKeys.add(remote.name.toLowerCase());
    if (this.format === RcloneSecretFormat.V2_DOCUMENT) {
      this.addStringData(remote.name, JSON.stringify(remote.toV2Document()));
    } else {
      for (const [key, value] of Object.entries(remote.toEnvVars())) this.addStringData(key, value);
    }
  }

  /**
   * The names of the remotes defined so far.
   * @default - always known here (an empty list before the first remote); only a Secret from `fromExistingSecret()` may not know them
   */
  public get remoteNames(): string[] | undefined {
    return this._remotes.map(r => r.name);
  }

  /** Whether a remote of this name is defined here (case-insensitive, as rclone). */
  public definesRemote(name: string): boolean {
    return this._definesRemote(name);
  }

  /**
   * @internal `definesRemote()` for the library's own callers, whose `name` is a string they hold:
   * the public method checks its argument on every call (src/k8s/method-check.ts), once per model and validation pass.
   */
  public _definesRemote(name: string): boolean {
    return this.remoteKeys.has(name.toLowerCase());
  }
}

/** An rclone Secret that exists outside the app; renders nothing. */
class ExistingRcloneSecret extends Construct implements IRcloneSecret {
  public readonly resourceType = 'secrets';
  public readonly format: RcloneSecretFormat;
  public readonly remoteNames?: string[];
  private readonly secret: ISecret;

  public constructor(scope: Construct, id: string, name: string, options: ExistingRcloneSecretOptions) {
    super(constructScope(scope, 'RcloneSecret', id), id);
    try {
      [, , name, options] = checkedArgs(this, 'RcloneSecret', 'RcloneSecret.fromExistingSecret', scope, id, name, options);
      const problems = new Problems('RcloneSecret', this);
      // A name the API server would refuse can name no existing Secret: the pod would wait for it forever.
      if (!DNS_1123_SUBDOMAIN.check(name)) problems.add('name', `${show(name)} is not a Secret name`, DNS_1123_SUBDOMAIN.accepted);
      // The v2 agent reads a storage Secret of exactly one key, one remote (agent/k8s/secrets.go "Secret does not have 1 key").
      if (options.format === RcloneSecretFormat.V2_DOCUMENT && (options.remoteNames?.length ?? 0) > 1) {
        problems.add('options.remoteNames', `lists ${options.remoteNames!.length} remotes (${options.remoteNames!.map(r => show(r)).join(', ')}), but a Secret in `
          + 'format V2_DOCUMENT holds one: the v2 agent refuses a Secret of more than one key', 'one remote name, the one its single key describes');
      }
      problems.throwIfAny();
      this.secret = Secret.fromSecretName(this, 'Secret', name);
      this.format = options.format ?? RcloneSecretFormat.ENV_VARS;
      this.remoteNames = options.remoteNames ? [...options.remoteNames] : undefined;
      Object.defineProperty(this, RCLONE_SECRET, { value: true });
    } catch (e) { throw failedConstruction(this, e); }
  }

  public get name(): string {
    return this.secret.name;
  }

  public get apiVersion(): string {
    return this.secret.apiVersion;
  }

  public get apiGroup(): string {
    return '';
  }

  public get kind(): string {
    return this.secret.kind;
  }

  public get resourceName(): string {
    return this.secret.name;
  }

  public envValue(key: string, options?: EnvValueFromSecretOptions): EnvValue {
    return EnvValue.fromSecretValue({ secret: this, key }, options);
  }

  public definesRemote(name: string): boolean {
    return (this.remoteNames ?? []).some(r => r.toLowerCase() === name.toLowerCase());
  }
}

// addRemote() checks its own argument.
checkMethods(RcloneSecret, 'RcloneSecret', secret => ({ scope: secret, kind: 'RcloneSecret', prefix: '' }), ['definesRemote']);
