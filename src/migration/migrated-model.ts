import { Chart } from 'cdk8s';
import { IPersistentVolumeClaim, ISecret, PersistentVolumeClaim } from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { migratedParameters, parametersAgent } from './migrated-parameters';
import { migrateVersions } from './migrated-versions';
import { MigrationDifference } from './migration-difference';
import { modelDifferences } from './model-differences';
import { Problems, show } from '../errors';
import { constructScope } from '../k8s/construct-scope';
import { failedConstruction } from '../k8s/failed-construction';
import { namespaceOf } from '../k8s/namespaces';
import { checkedProps } from '../k8s/prop-check';
import { ModelUri, ModelUriKind } from '../model-uri';
import { RcloneExternalSecret } from '../rclone/rclone-external-secret';
import { RcloneRemote } from '../rclone/rclone-remote';
import { IRcloneSecret, RcloneSecret, RcloneSecretFormat } from '../rclone/rclone-secret';
import { PrepackagedModel } from '../v1/prepackaged-model';
import { BUILT_IN_REMOTES, DEFAULT_SERVER_CONFIGS, landsOnTriton } from '../v2/capabilities';
import { Experiment } from '../v2/experiment';
import { mountCovers } from '../v2/mount-paths';
import { SeldonModel } from '../v2/seldon-model';
import { SeldonServer } from '../v2/seldon-server';
import { ServerConfigRef } from '../v2/server-config-ref';
import { ISeldonServer } from '../v2/server-reference';
import { SELDON_V2_NAME } from '../v2/v2-names';

/** Props of `MigratedModel`. */
export interface MigratedModelProps {
  /**
   * The Seldon Core v1 model to serve on Seldon Core v2. Its main predictor
   * becomes a Model; canaries and shadows on rclone remotes become Models
   * joined to it by an Experiment; explainers are listed in `differences`.
   * Create the migration after the v1 model and its credentials are complete.
   */
  readonly prepackagedModel: PrepackagedModel;
  /**
   * Capabilities a v2 Server must advertise to load the model (`spec.requirements`).
   * @default - from the v1 server: SKLEARN `sklearn`, XGBOOST `xgboost`, MLFLOW `mlflow`,
   * HUGGINGFACE `huggingface`, TENSORFLOW `tensorflow` (on Triton); required for TRITON
   * (the model format, e.g. `onnx` or `pytorch`), TEMPO and custom servers
   */
  readonly requirements?: string[];
  /**
   * The v2 Model name, which is also its inference endpoint name.
   * @default - the name of the v1 SeldonDeployment
   */
  readonly modelName?: string;
  /**
   * Where v2 reads the artifact (`spec.storageUri`).
   * @default - the v1 `modelUri`; for `pvc://<claim>/<path>`, `<pvcMountPath>/<path>` on a Server mounting the claim
   */
  readonly storageUri?: ModelUri;
  /**
   * The Server the model is pinned to (`spec.server`). For a `pvc://` model it
   * must be a `SeldonServer` that mounts the claim at `pvcMountPath` (`mountPvc()`).
   * @default - not pinned; a `pvc://` model is pinned to a new SeldonServer `<modelName>-server` that mounts the claim
   */
  readonly server?: ISeldonServer;
  /**
   * Where the claim of a `pvc://` model is mounted into the Server's rclone container.
   * @default '/var/models'
   */
  readonly pvcMountPath?: string;
  /**
   * The claim holding a `pvc://` model's artifact, in the v2 Server's namespace
   * (pods mount claims of their own namespace only).
   * @default - the claim of the v1 URI
   */
  readonly pvcClaim?: IPersistentVolumeClaim;
  /**
   * Storage credentials in Seldon Core v2 format (`spec.secretName`), used
   * instead of converting the v1 credentials.
   * @default - converted from the v1 credentials when they are an `RcloneSecret`
   */
  readonly secret?: ISecret;
  /**
   * The name of the v2 Secret converted from the v1 credentials, when one is made (two migrations whose
   * `<model>-<remote>` names meet need one).
   * @default - `<modelName>-<remote>`, the remote lower-cased with other characters than a-z, 0-9 and "-" as "-"
   */
  readonly secretName?: string;
  /**
   * Memory the model needs on a server replica (`spec.memory`), e.g. `100Mi`.
   * v1 sized containers, not models, so there is nothing to derive it from.
   * @default - not rendered
   */
  readonly memory?: string;
}

const KIND = 'MigratedModel';
const DEFAULT_PVC_MOUNT_PATH = '/var/models';

/** The v2 capability that stands for each v1 server's model format (SELDON-FACTS §1.3, §2.5). */
const REQUIREMENTS: Readonly<Record<string, readonly string[]>> = {
  SKLEARN_SERVER: ['sklearn'],
  XGBOOST_SERVER: ['xgboost'],
  MLFLOW_SERVER: ['mlflow'],
  HUGGINGFACE_SERVER: ['huggingface'],
  TENSORFLOW_SERVER: ['tensorflow'],
};

/** Why a server has no requirement of its own, for the error that asks for one. */
const AMBIGUOUS: Readonly<Record<string, string>> = {
  TRITON_SERVER: 'Triton serves several model formats and v2 places models by format',
  TEMPO_SERVER: 'Tempo has no Seldon Core v2 runtime',
};

function joinPath(base: string, path: string | undefined): string {
  const root = base.replace(/\/+$/, '') || '/';
  const rest = (path ?? '').replace(/^\/+|\/+$/g, '');
  if (rest === '') return root;
  return root === '/' ? `/${rest}` : `${root}/${rest}`;
}

/** A Secret name made of the model name and the remote, as DNS-1123 wants it. */
function secretName(modelName: string, remote: string): string {
  return `${modelName}-${remote.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.replace(/-+$/, '').slice(0, 253);
}

/**
 * A Seldon Core v1 `PrepackagedModel` served on Seldon Core v2: a `SeldonModel`
 * derived from it, with its credentials converted to the v2 format and, for a
 * model on a PersistentVolumeClaim, a `SeldonServer` mounting the claim.
 * `differences` lists what v2 does not carry over.
 *
 * | v1 | v2 |
 * |---|---|
 * | `modelUri` (rclone remote) | `storageUri`, unchanged |
 * | `modelUri` `pvc://claim/path` | `storageUri` `/var/models/path`, pinned to a Server mounting the claim |
 * | `server` | `requirements` (SKLEARN `sklearn`, ...) |
 * | `replicas` | `replicas` |
 * | `credentials` (`RcloneSecret`) | `secret`: an `RcloneSecret` in format `V2_DOCUMENT` for the URI's remote |
 * | `parameters` | `parameters` (as strings; SKLEARN's `method` under the seldon protocol becomes MLServer's `predict_fn`); none when the pinned server, or unpinned the installation's ServerConfig for the requirements, runs a Triton agent |
 * | `withCanary()` | a Model `<model>-<predictor>`, a candidate of Experiment `<model>-experiment` with the canary's traffic as weight |
 * | `withShadow()` | a Model `<model>-<predictor>`, the mirror of that Experiment at 100% |
 */
export class MigratedModel extends Construct {
  /** The v2 Model. */
  public readonly model: SeldonModel;
  /**
   * The storage Secret converted to the v2 format, for the remote the model's URI names.
   * @default - none: no credentials, a local path, a Secret given in `secret`, or v1 credentials that could not be converted
   */
  public readonly secret?: RcloneSecret;
  /**
   * The Server created to mount the claim of a `pvc://` model.
   * @default - none
   */
  public readonly server?: SeldonServer;
  /**
   * The Experiment splitting traffic between the model (its default candidate)
   * and the migrated canaries, and mirroring it to the migrated shadow.
   * @default - none: the v1 model has no canary or shadow that could be migrated
   */
  public readonly experiment?: Experiment;
  /** The Models of the migrated canaries and shadow, in predictor order. */
  public readonly versionModels: SeldonModel[];
  /**
   * The reference to the claim of a `pvc://` model given by name.
   * @default - none
   */
  public readonly claim?: IPersistentVolumeClaim;

  private readonly _differences: MigrationDifference[] = [];

  public constructor(scope: Construct, id: string, props: MigratedModelProps) {
    super(constructScope(scope, 'MigratedModel', id), id);
    try {
      props = checkedProps(this, 'MigratedModel', props);
      const v1 = props.prepackagedModel;
      const problems = new Problems(KIND, this);
      const main = v1.predictors[0];
      const unit = main.graph._spec;
      const modelName = props.modelName ?? v1.name;

      // The Model it creates carries this name: the scheduler's rule is reported against the field the user set.
      if (props.modelName !== undefined && !SELDON_V2_NAME.check(props.modelName)) {
        problems.add('modelName', `${show(props.modelName)} is not a valid Seldon v2 model name`, SELDON_V2_NAME.accepted);
      }
      if (props.secretName !== undefined && props.secret !== undefined) {
        problems.add('secretName', `${show(props.secretName)} names a Secret that is not made: secret is given, and used instead of converting the v1 credentials`,
          'secret or secretName, not both');
      }

      const requirements = props.requirements ?? REQUIREMENTS[v1.server.implementation];
      if (requirements === undefined) {
        const why = AMBIGUOUS[v1.server.implementation] ?? `${v1.server.implementation} is a custom server, whose v2 capability is unknown`;
        problems.add('requirements', `is missing for ${v1.server.implementation}; ${why}`,
          `requirements a v2 Server advertises for this model, e.g. ["onnx"] or ["pytorch"] on Triton (${DEFAULT_SERVER_CONFIGS.triton.capabilities.join(', ')}) or ["python"] on MLServer`);
      }

      const v1Uri = v1.modelUri;
      if (props.storageUri === undefined && v1Uri === undefined) {
        problems.add('storageUri', `is missing, and ${v1.server.implementation} model '${v1.node.path}' has no modelUri to derive it from; a v2 Model always reads an artifact`,
          'storageUri: the location of the model artifact, e.g. ModelUri.parse("gs://bucket/path")');
      }
      const fromPvc = props.storageUri === undefined && v1Uri?.kind === ModelUriKind.PVC;
      const mountPath = props.pvcMountPath ?? DEFAULT_PVC_MOUNT_PATH;
      if (fromPvc && props.server === undefined && `${modelName}-server`.length > 52) {
        problems.add('modelName', `${show(modelName)} is too long to name the Server created for the claim (${show(`${modelName}-server`)} has more than 52 characters)`,
          'a modelName of at most 45 characters, or pass a server that mounts the claim');
      }
      if (fromPvc) this.checkPvc(problems, props, v1Uri!, mountPath);
      problems.throwIfAny();

      let storageUri = props.storageUri ?? v1Uri!;
      let pinned = props.server;
      const triton = landsOnTriton(requirements!);
      if (fromPvc) {
        const claim = props.pvcClaim ?? v1Uri!.claim ?? PersistentVolumeClaim.fromClaimName(this, 'Claim', v1Uri!.claimName!);
        if (props.pvcClaim === undefined && v1Uri!.claim === undefined) this.claim = claim;
        storageUri = ModelUri.localPath(joinPath(mountPath, v1Uri!.path));
        if (pinned === undefined) {
          this.server = new SeldonServer(this, 'Server', {
            metadata: { name: `${modelName}-server` },
            serverConfig: triton ? ServerConfigRef.TRITON : ServerConfigRef.MLSERVER,
            replicas: Math.max(1, v1.replicas),
          });
          this.server.mountPvc(claim, mountPath, { readOnly: true });
          pinned = this.server;
        }
        this.note('modelUri', `${v1Uri!.uri} becomes the local path ${storageUri.uri}: Seldon Core v2 reads claims through a Server that mounts them into its rclone container; `
          + `the model is pinned to Server ${show(pinned.name)}, which mounts claim ${show(claim.name)} at ${mountPath}`);
      }

      const converted = props.secret === undefined ? this.convertCredentials(v1, storageUri, modelName, props.secretName) : {};
      this.secret = converted.created;
      const secret = props.secret ?? converted.use;
      const agent = parametersAgent(requirements!, pinned);
      this.model = new SeldonModel(this, 'Model', {
        metadata: { name: modelName },
        storageUri,
        requirements: [...requirements!],
        server: pinned,
        replicas: v1.replicas,
        memory: props.memory,
        secret,
        // a Triton agent drops a Model's parameters (the check of SeldonModel refuses them): they stay in the note only
        parameters: agent === 'triton' ? undefined : migratedParameters(v1.server.implementation, v1.protocol, unit.parameters).parameters,
      });
      const versions = migrateVersions(this, {
        v1,
        main: this.model,
        requirementsOf: implementation => REQUIREMENTS[implementation],
        requirements: requirements!,
        secret,
        secretRemote: storageUri.remoteName,
        server: props.server,
        memory: props.memory,
      });
      this.versionModels = versions.models;
      this.experiment = versions.experiment;
      for (const d of modelDifferences(v1, this.model.name, requirements!, { agent, server: pinned?.name })) this.note(d.setting, d.detail);
      for (const d of versions.differences) this.note(d.setting, d.detail);
    } catch (e) { throw failedConstruction(this, e); }
  }

  /** The settings of the v1 model that v2 does not carry over as they were. */
  public get differences(): MigrationDifference[] {
    return [...this._differences];
  }

  /** Every construct the migration created: the Model, and the Secret, Server, claim reference, version Models and Experiment when there are any. */
  public get constructs(): IConstruct[] {
    const created: Array<IConstruct | undefined> = [this.model, this.secret, this.server, this.claim, ...this.versionModels, this.experiment];
    return created.filter((c): c is IConstruct => c !== undefined);
  }

  private note(setting: string, detail: string): void {
    this._differences.push({ setting, detail });
  }

  private checkPvc(problems: Problems, props: MigratedModelProps, uri: ModelUri, mountPath: string): void {
    const claim = props.pvcClaim ?? uri.claim;
    // The rule of every other reference (src/k8s/namespaces.ts): refused only when both namespaces are known and differ;
    // a claim declaring none lands where the app is applied.
    const theirs = claim ? namespaceOf(claim) : undefined;
    const ours = Chart.of(this).namespace;
    if (claim && theirs !== undefined && ours !== undefined && theirs !== ours) {
      problems.add('pvcClaim', `is claim ${show(claim.name)} of ${uri.uri} in namespace ${show(theirs)}, but the v2 Server would run in namespace ${show(ours)}; pods mount claims of their own namespace only`,
        'pvcClaim: a claim holding the same files in the v2 namespace, or create the migration in a chart of the claim\'s namespace');
    }
    const server = props.server;
    if (server !== undefined) {
      // The server must mount this model's claim at the mount path or a parent of it.
      const claimName = claim?.name ?? uri.claimName!;
      const mounted = server instanceof SeldonServer
        && server._pvcMounts().some(m => m.claimName === claimName && mountCovers(m.mountPath, mountPath));
      if (!mounted) {
        problems.add('server', `${show(server.name)} does not mount claim ${show(claimName)} at ${show(mountPath)} or a parent of it, where the pvc:// model ${show(uri.uri)} would be read`,
          `a SeldonServer of the app with mountPvc(claim, ${show(mountPath)}), a pvcMountPath it mounts, or no server to have one created`);
      }
    }
  }

  /** The v1 credentials in v2 format, for the remote the URI names: the Secret to use, and whether it was created. */
  private convertCredentials(v1: PrepackagedModel, uri: ModelUri, modelName: string, name?: string): { use?: ISecret; created?: RcloneSecret } {
    const credentials = v1.credentials;
    if (credentials === undefined) return {};
    if (uri.kind !== ModelUriKind.RCLONE_REMOTE) {
      this.note('credentials', `Secret ${show(credentials.name)} is not used: ${uri.uri} is a local path inside the Server pod, read without credentials`);
      return {};
    }
    const remoteName = uri.remoteName!;
    if (RcloneSecret.isRcloneSecret(credentials) && (credentials as IRcloneSecret).format === RcloneSecretFormat.V2_DOCUMENT) {
      return { use: credentials as IRcloneSecret };
    }
    if (credentials instanceof RcloneExternalSecret) {
      this.note('credentials', `RcloneExternalSecret ${show(credentials.name)} is in v1's format, which the v2 agent cannot read: for remote ${show(remoteName)}, `
        + 'add an RcloneExternalSecret with format RcloneSecretFormat.V2_DOCUMENT from the same store and pass it as secret (the credentials stay in the store)');
      return {};
    }
    if (!(credentials instanceof RcloneSecret)) {
      this.note('credentials', `Secret ${show(credentials.name)} is not an RcloneSecret, so its content is unknown here and cannot be converted. `
        + `The v2 agent reads a Secret with exactly one key holding {type, name, parameters} for remote ${show(remoteName)}: create one `
        + '(an RcloneSecret with format RcloneSecretFormat.V2_DOCUMENT) and pass it as secret, or configure the remote for the whole runtime (config.agentConfig.rclone.config_secrets)');
      return {};
    }
    const rclone = credentials;
    const remote = rclone.remotes.find(r => r.matches(remoteName));
    if (remote === undefined) {
      if (!BUILT_IN_REMOTES.includes(remoteName)) {
        this.note('credentials', `RcloneSecret ${show(credentials.name)} defines no remote ${show(remoteName)} (it defines ${rclone.remotes.map(r => show(r.name)).join(', ') || 'none'}), so there is nothing to convert; pass a v2 Secret as secret`);
      }
      return {};
    }
    // The v2 agent compares the URI's remote with the document's name case-sensitively (§2.9), v1's rclone did not.
    const v2Remote = remote.name === remoteName
      ? remote
      : RcloneRemote.custom(remoteName, remote.backendType, remote.options, Object.keys(remote.options).filter(o => remote.isSensitive(o)));
    if (v2Remote !== remote) {
      this.note('credentials', `remote ${show(remote.name)} is named ${show(remoteName)} in the v2 Secret: the v2 agent compares it with the URI's scheme case-sensitively`);
    }
    const secret = new RcloneSecret(this, 'Secret', {
      metadata: { name: name ?? secretName(modelName, remoteName) },
      format: RcloneSecretFormat.V2_DOCUMENT,
      remotes: [v2Remote],
    });
    return { use: secret, created: secret };
  }
}
