import { ApiObject, ApiObjectMetadata, Chart, Lazy } from 'cdk8s';
import { IPersistentVolumeClaim, PersistentVolumeAccessMode, PersistentVolumeClaim, k8s } from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { Problems, show } from '../errors';
import { DNS_1035_LABEL_RULE, DNS_1123_LABEL, DNS_1123_SUBDOMAIN, nameProblem } from '../names';
import {
  AGENT_CONTAINER, AGENT_VOLUME_PATH, CAPABILITIES_ENV, CAPABILITY_ACCEPTED, RCLONE_CONTAINER,
  capabilityProblem, effectiveCapabilities,
} from './capabilities';
import { mergedResourceProblems, overrideAmounts, overrideProblems, renderOverride } from './container-merge';
import { ContainerOverride } from './container-override';
import { generatedHint } from './generated-names';
import { validateScaling } from './scaling';
import { registerServer } from './scheduling';
import { ServerConfigRef } from './server-config-ref';
import { Server as ServerResource, ServerSpec, toJson_ServerSpec } from '../imports/mlops.seldon.io';
import { dependOn } from '../k8s/depend-on';
import { INT32_COUNT, isInt32Count } from '../k8s/int32';
import { restrictedSecurityContext } from '../k8s/restricted-security-context';

/** The uid of the default ServerConfigs' pods (SELDON-FACTS §2.5). */
const SERVER_POD_USER = 1000;

/** A Seldon Core v2 Server, defined in the app or existing in the cluster. */
export interface ISeldonServer extends IConstruct {
  /** The Server name, which a Model pins in `spec.server`. */
  readonly name: string;
}

/** Options of `SeldonServer.fromServerName()`. */
export interface ServerReferenceOptions {
  /**
   * The ServerConfig the existing Server runs. With it (or `capabilities`)
   * the server takes part in the synth-time scheduling check.
   * @default - unknown: models pinned to the server are not checked
   */
  readonly serverConfig?: ServerConfigRef;
  /**
   * The capabilities the existing Server advertises instead of its ServerConfig's.
   * @default - those of `serverConfig` plus `extraCapabilities`
   */
  readonly capabilities?: string[];
  /**
   * Capabilities the existing Server advertises besides its ServerConfig's.
   * @default - none
   */
  readonly extraCapabilities?: string[];
  /**
   * The replicas of the existing Server.
   * @default - unknown: model replicas are not checked against it
   */
  readonly replicas?: number;
}

/** Options of `SeldonServer.mountPvc()`. */
export interface MountPvcOptions {
  /**
   * The name of the pod volume.
   * @default - the claim name
   */
  readonly volumeName?: string;
  /**
   * The capability advertised for the mount, which models reading from the
   * claim list in `requirements` to land on this server.
   * @default 'pvc'
   */
  readonly capability?: string;
  /**
   * Whether to advertise `capability`.
   * @default true
   */
  readonly advertiseCapability?: boolean;
  /**
   * Mount the claim read-only (rclone only reads model artifacts from it).
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Accept a ReadWriteOnce claim on a server with more than one replica,
   * because every replica runs on one node (a single-node cluster, or pods
   * pinned by affinity). Otherwise the replicas on other nodes cannot attach it.
   * @default false
   */
  readonly replicasShareOneNode?: boolean;
}

/** Props of `SeldonServer`. */
export interface SeldonServerProps {
  /**
   * The ServerConfig the server runs (`spec.serverConfig`).
   * @default ServerConfigRef.MLSERVER
   */
  readonly serverConfig?: ServerConfigRef;
  /**
   * Replicas the operator starts (`spec.replicas`).
   * @default - not rendered: the operator starts `minReplicas`, or 1
   */
  readonly replicas?: number;
  /**
   * The lower scaling bound (`spec.minReplicas`).
   * @default - not rendered: no lower bound
   */
  readonly minReplicas?: number;
  /**
   * The upper scaling bound (`spec.maxReplicas`).
   * @default - not rendered: no upper bound
   */
  readonly maxReplicas?: number;
  /**
   * The capabilities the server advertises, replacing the ServerConfig's
   * (`spec.capabilities`). Cannot be combined with `extraCapabilities`, which
   * the operator ignores when this is set.
   * @default - the ServerConfig's capabilities
   */
  readonly capabilities?: string[];
  /**
   * Capabilities advertised in addition to the ServerConfig's
   * (`spec.extraCapabilities`), e.g. `mlserver-1.3.4` for a custom image.
   * @default - none
   */
  readonly extraCapabilities?: string[];
  /**
   * A custom image for the inference server container, rendered as
   * `podSpec.containers[{name: <server container>, image}]`.
   * @default - the ServerConfig's image
   */
  readonly image?: string;
  /**
   * A capability advertising the custom `image`, e.g. `mlserver-1.3.4`, so
   * that models can require it.
   * @default - none
   */
  readonly imageCapability?: string;
  /**
   * Do not reconcile the Server when its ServerConfig changes (`spec.disableAutoUpdate`).
   * @default - not rendered: the operator updates the Server (false)
   */
  readonly disableAutoUpdate?: boolean;
  /**
   * Render the rclone, agent and server containers with a security context
   * that passes the restricted Pod Security Standard (non-root as uid 1000,
   * the default ServerConfigs' user; no privilege escalation; all capabilities
   * dropped; RuntimeDefault seccomp) and with resources (yours, else the
   * ServerConfig's). The operator merges them onto the ServerConfig's containers.
   * @default false
   */
  readonly restrictedSecurityContext?: boolean;
  /**
   * Image, resources (including GPUs) and env of the inference server
   * container (named after the ServerConfig's, e.g. `mlserver`).
   * @default - the ServerConfig's container
   */
  readonly serverContainer?: ContainerOverride;
  /**
   * Image, resources and env of the `agent` container.
   * @default - the ServerConfig's container
   */
  readonly agentContainer?: ContainerOverride;
  /**
   * Image, resources and env of the `rclone` container.
   * @default - the ServerConfig's container
   */
  readonly rcloneContainer?: ContainerOverride;
  /**
   * Metadata of the Server. The namespace and labels of the chart apply
   * unless set here.
   * @default - a name generated by cdk8s from the construct path
   */
  readonly metadata?: ApiObjectMetadata;
}

/** A PersistentVolumeClaim mounted into the rclone container. */
interface PvcMount {
  readonly claim: IPersistentVolumeClaim;
  readonly mountPath: string;
  readonly volumeName: string;
  readonly readOnly: boolean;
}

const KIND = 'SeldonServer';
/** The StatefulSet controller labels pods `<name>-<hash of up to 10 characters>`, a label value of at most 63. */
const MAX_SERVER_NAME = 52;
const DEFAULT_PVC_CAPABILITY = 'pvc';
const NAME_ACCEPTED = 'a Server name is accepted: lower-case letters, digits and "-", starting with a letter and ending with a letter or digit, '
  + `at most ${MAX_SERVER_NAME} characters (the operator creates a StatefulSet and Services of this name)`;

/**
 * A Seldon Core v2 `Server`: a StatefulSet of inference server pods built
 * from a ServerConfig, advertising capabilities that Models require.
 */
export class SeldonServer extends Construct implements ISeldonServer {
  /**
   * A Server that exists outside the app, e.g. the `mlserver` and `triton`
   * Servers an installation creates. Give its ServerConfig (or capabilities)
   * to let unpinned models of the app count it as a candidate.
   */
  public static fromServerName(scope: Construct, id: string, name: string, options: ServerReferenceOptions = {}): ISeldonServer {
    return new ImportedSeldonServer(scope, id, name, options);
  }

  /** The `Server` object, for escape hatches (`addJsonPatch`). */
  public readonly apiObject: ApiObject;
  /** The Server name; also the name of its StatefulSet and the prefix of its Services. */
  public readonly name: string;
  /** The ServerConfig the server runs. */
  public readonly serverConfig: ServerConfigRef;
  /** Replicas the operator starts, after its defaulting (§2.6). */
  public readonly replicas: number;

  private readonly props: SeldonServerProps;
  private readonly capabilityOverride?: string[];
  private readonly extras: string[] = [];
  private readonly mounts: PvcMount[] = [];
  private readonly scaling: ReturnType<typeof validateScaling>;

  public constructor(scope: Construct, id: string, props: SeldonServerProps = {}) {
    super(scope, id);
    this.props = props;
    this.serverConfig = props.serverConfig ?? ServerConfigRef.MLSERVER;
    this.apiObject = new ApiObject(this, 'Resource', {
      ...ServerResource.GVK,
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => toJson_ServerSpec(this.renderSpec()) }),
    });
    this.name = this.apiObject.name;
    this.scaling = validateScaling(props);
    this.replicas = this.scaling.replicas;

    this.checkProps().throwIfAny();
    if (props.capabilities !== undefined) this.capabilityOverride = [...props.capabilities];
    this.extras.push(...props.extraCapabilities ?? []);
    if (props.imageCapability !== undefined) (this.capabilityOverride ?? this.extras).push(props.imageCapability);

    if (this.serverConfig.serverConfig) dependOn(this.apiObject, this.serverConfig.serverConfig);
    registerServer(this, () => ({
      construct: this,
      kind: KIND,
      name: this.name,
      namespace: this.apiObject.metadata.namespace,
      capabilities: this.capabilities,
      replicas: this.replicas,
      pvcMountPaths: this.mounts.map(m => m.mountPath),
    }));
  }

  /**
   * The capabilities the server advertises: the ServerConfig's plus the
   * extra ones, or the replacing list.
   * @default - undefined when the ServerConfig's capabilities are unknown
   */
  public get capabilities(): string[] | undefined {
    return effectiveCapabilities(this.serverConfig.capabilities, this.capabilityOverride, this.extras);
  }

  /** The paths where PersistentVolumeClaims are mounted into the rclone container. */
  public get pvcMountPaths(): string[] {
    return this.mounts.map(m => m.mountPath);
  }

  /** @internal The claims this Server mounts, with where. */
  public _pvcMounts(): Array<{ claimName: string; mountPath: string }> {
    return this.mounts.map(m => ({ claimName: m.claim.name, mountPath: m.mountPath }));
  }

  /**
   * Advertises one more capability: appended to `capabilities` when that
   * replaces the ServerConfig's list, otherwise to `extraCapabilities`.
   * Throws if it is malformed or already advertised.
   */
  public addCapability(capability: string): void {
    const problems = new Problems(KIND, this);
    this.checkNewCapability(problems, `addCapability(${show(capability)})`, capability);
    problems.throwIfAny();
    (this.capabilityOverride ?? this.extras).push(capability);
  }

  /**
   * Mounts a PersistentVolumeClaim into the `rclone` container at `mountPath`,
   * so models can be read from it with a local path such as
   * `ModelUri.localPath('<mountPath>/iris')`, and advertises a capability
   * (`pvc` unless told otherwise) for those models to require.
   */
  public mountPvc(claim: IPersistentVolumeClaim, mountPath: string, options: MountPvcOptions = {}): void {
    const problems = new Problems(KIND, this);
    const field = `mountPvc(${show(mountPath)})`;
    const claimName = claim?.name ?? '';
    const volumeName = options.volumeName ?? claimName;
    const claimIssue = nameProblem(claimName, DNS_1123_SUBDOMAIN);
    if (claimIssue) problems.add(`${field} claim`, claimIssue, DNS_1123_SUBDOMAIN.accepted);

    const volumeIssue = nameProblem(volumeName, DNS_1123_LABEL);
    if (volumeIssue) {
      problems.add(`${field} volumeName`, `${volumeIssue}${options.volumeName === undefined ? ' (taken from the claim name)' : ''}`,
        `${DNS_1123_LABEL.accepted}; set options.volumeName`);
    } else if (this.mounts.some(m => m.volumeName === volumeName) || this.serverConfig._volumeNames().includes(volumeName)) {
      problems.add(`${field} volumeName`, `${show(volumeName)} is already a volume of the pod (the operator appends volumes without removing duplicates, and Kubernetes rejects repeated names)`,
        `a name not in use: ${[...this.serverConfig._volumeNames(), ...this.mounts.map(m => m.volumeName)].join(', ')}`);
    }

    if (typeof mountPath !== 'string' || !mountPath.startsWith('/') || mountPath.split('/').some(s => s === '.' || s === '..') || /[\s:]/.test(mountPath)) {
      problems.add(`${field} mountPath`, `${show(mountPath)} is not an absolute path`, 'an absolute path without "." or ".." segments, spaces or ":", e.g. /var/models');
    } else {
      const normalized = mountPath.replace(/\/+$/, '') || '/';
      const taken = [...this.serverConfig._rcloneMountPaths(), ...this.mounts.map(m => m.mountPath)];
      if (taken.includes(normalized)) {
        problems.add(`${field} mountPath`, `${show(mountPath)} is already a mount path of the rclone container, and Kubernetes rejects repeated mount paths`,
          `a path not in use: ${taken.join(', ')} are taken`);
      } else if (normalized === '/' || normalized === AGENT_VOLUME_PATH || normalized.startsWith(`${AGENT_VOLUME_PATH}/`)) {
        problems.add(`${field} mountPath`, `${show(mountPath)} would cover or sit inside the agent's model volume at ${AGENT_VOLUME_PATH}, where rclone writes downloaded models`,
          'a path outside /mnt/agent, e.g. /var/models');
      }
    }

    const advertise = options.advertiseCapability ?? true;
    const capability = options.capability ?? DEFAULT_PVC_CAPABILITY;
    if (advertise) {
      const issue = capabilityProblem(capability);
      if (issue) problems.add(`${field} capability`, issue, CAPABILITY_ACCEPTED);
    }

    const modes = claim instanceof PersistentVolumeClaim ? claim.accessModes : undefined;
    if (modes && modes.length > 0) {
      const manyReplicas = this.replicas > 1 || (this.scaling.maxReplicas ?? 0) > 1;
      const replicasText = `the server has ${this.replicas} replica(s)${this.scaling.maxReplicas ? ` and may scale to ${this.scaling.maxReplicas}` : ''}`;
      if (manyReplicas && modes.includes(PersistentVolumeAccessMode.READ_WRITE_ONCE_POD)) {
        problems.add(`${field} claim`, `${show(claimName)} is ReadWriteOncePod, which only one pod can mount, but ${replicasText}`,
          'a ReadOnlyMany or ReadWriteMany claim, or replicas and maxReplicas of at most 1');
      } else if (manyReplicas && !(options.replicasShareOneNode ?? false) && modes.every(m => m === PersistentVolumeAccessMode.READ_WRITE_ONCE)) {
        problems.add(`${field} claim`, `${show(claimName)} is ReadWriteOnce, which only pods on one node can mount, but ${replicasText} and replicas on other nodes would not start`,
          'a ReadOnlyMany or ReadWriteMany claim, replicas and maxReplicas of at most 1, or options.replicasShareOneNode when all replicas run on one node');
      }
    }
    problems.throwIfAny();

    this.mounts.push({ claim, mountPath: mountPath.replace(/\/+$/, ''), volumeName, readOnly: options.readOnly ?? false });
    // The effective list is unknown for a ServerConfig of unknown capabilities: also look at what this Server adds.
    const added = this.capabilityOverride ?? this.extras;
    if (advertise && !(this.capabilities ?? []).includes(capability) && !added.includes(capability)) added.push(capability);
    dependOn(this.apiObject, claim);
  }

  private checkProps(): Problems {
    const problems = new Problems(KIND, this);
    const props = this.props;
    const config = this.serverConfig;
    const nameIssue = serverNameProblem(this.name);
    if (nameIssue) problems.add('metadata.name', `${nameIssue}${generatedHint(props.metadata)}`, NAME_ACCEPTED);
    if (config.problem) problems.add('serverConfig', config.problem);
    for (const p of this.scaling.problems) problems.add(p.field, p.problem, p.accepted);

    if (props.restrictedSecurityContext) {
      for (const [field, name] of this.hardenedContainers()) {
        if (name === undefined) {
          problems.add('restrictedSecurityContext', `is true, but the server container of ServerConfig ${show(config.name)} is unknown`,
            'ServerConfigRef.fromName(name, { serverContainerName }) or a ServerConfig construct');
        } else if (this.knownResources(field, name) === undefined) {
          problems.add(`${field}.resources`, `are needed: restrictedSecurityContext declares container ${show(name)} with resources, and ServerConfig ${show(config.name)}'s are unknown`,
            'requests and limits for the container');
        }
      }
    }
    if (props.capabilities !== undefined && props.capabilities.length === 0) {
      problems.add('capabilities', 'is an empty list, which the operator treats as unset', 'leave capabilities out to advertise the ServerConfig\'s, or list at least one');
    }
    if (props.capabilities?.length && props.extraCapabilities?.length) {
      problems.add('extraCapabilities', `are ignored by the operator when capabilities are set (${props.capabilities.map(c => show(c)).join(', ')})`,
        'either capabilities (replacing the ServerConfig\'s) or extraCapabilities (added to them), not both');
    }
    const seen = new Set<string>(props.capabilities?.length ? [] : config.capabilities ?? []);
    for (const [field, list] of [['capabilities', props.capabilities], ['extraCapabilities', props.extraCapabilities]] as const) {
      (list ?? []).forEach((c, i) => {
        const issue = capabilityProblem(c);
        if (issue) problems.add(`${field}[${i}]`, issue, CAPABILITY_ACCEPTED);
        else if (seen.has(c)) problems.add(`${field}[${i}]`, `${show(c)} is already advertised${field === 'extraCapabilities' && config.capabilities?.includes(c) ? ` by ServerConfig ${show(config.name)}` : ''}`, 'each capability once');
        seen.add(c);
      });
    }

    const serverContainer = config.serverContainerName;
    if (props.image !== undefined && props.serverContainer?.image !== undefined) {
      problems.add('image', 'is set and serverContainer.image too', 'set the server image in one place');
    }
    if ((props.image !== undefined || props.serverContainer !== undefined) && serverContainer === undefined) {
      problems.add(props.image !== undefined ? 'image' : 'serverContainer', `cannot be rendered: the name of ServerConfig ${show(config.name)}'s inference server container is unknown`,
        'ServerConfigRef.fromName(name, { serverContainerName }) or a ServerConfig construct');
    }
    for (const [field, image] of [['image', props.image]] as const) {
      if (image !== undefined && !/^[^\s]+$/.test(image)) problems.add(field, `${show(image)} is not an image reference`, 'an image reference without spaces is accepted, e.g. seldonio/mlserver:1.3.4');
    }
    if (props.imageCapability !== undefined) {
      if (props.image === undefined && props.serverContainer?.image === undefined) {
        problems.add('imageCapability', 'is set without a custom image', 'set image too, or list the capability in extraCapabilities');
      }
      const issue = capabilityProblem(props.imageCapability);
      if (issue) problems.add('imageCapability', issue, CAPABILITY_ACCEPTED);
      else if (seen.has(props.imageCapability)) problems.add('imageCapability', `${show(props.imageCapability)} is already advertised`, 'each capability once');
    }

    const overrides: Array<[string, string | undefined, ContainerOverride | undefined]> = [
      ['serverContainer', serverContainer, props.serverContainer],
      ['agentContainer', AGENT_CONTAINER, props.agentContainer],
      ['rcloneContainer', RCLONE_CONTAINER, props.rcloneContainer],
    ];
    for (const [field, container, override] of overrides) {
      const reserved = container === AGENT_CONTAINER ? [CAPABILITIES_ENV] : [];
      for (const [f, p, a] of overrideProblems(field, override, reserved)) problems.add(f, p, a);
      const base = container === undefined ? undefined : config._resources(container);
      if (base && override?.resources) {
        for (const p of mergedResourceProblems(base, overrideAmounts(override))) {
          problems.add(`${field}.resources`, p, `set the ${field} limit as well (ServerConfig ${show(config.name)} sets ${container}'s limits: ${formatAmounts(base.limits)})`);
        }
      }
    }
    return problems;
  }

  private checkNewCapability(problems: Problems, field: string, capability: string): void {
    const issue = capabilityProblem(capability);
    const current = this.capabilities ?? [...(this.capabilityOverride ?? []), ...this.extras];
    if (issue) problems.add(field, issue, CAPABILITY_ACCEPTED);
    else if (current.includes(capability)) problems.add(field, `${show(capability)} is already advertised`, `capabilities so far: ${current.join(', ')}`);
  }

  /** The containers restrictedSecurityContext declares: [prop, container name]. */
  private hardenedContainers(): Array<[string, string | undefined]> {
    return [['rcloneContainer', RCLONE_CONTAINER], ['agentContainer', AGENT_CONTAINER], ['serverContainer', this.serverConfig.serverContainerName]];
  }

  /** The resources a hardened container gets: the user's override, else the ServerConfig's when known. */
  private knownResources(field: string, name: string): k8s.ResourceRequirements | undefined {
    const override = (this.props as unknown as Record<string, ContainerOverride | undefined>)[field];
    if (override?.resources) return renderOverride(name, { resources: override.resources })?.resources;
    // What the referenced config (a default one, or a ServerConfig of the app) sets for the container.
    const known = this.serverConfig._resources(name);
    if (!known || (Object.keys(known.requests).length === 0 && Object.keys(known.limits).length === 0)) return undefined;
    const strings = (m: Record<string, string | number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));
    return toRequirements({ requests: strings(known.requests), limits: strings(known.limits) });
  }

  private renderSpec(): ServerSpec {
    const props = this.props;
    const serverContainer = this.serverConfig.serverContainerName;
    const containers: k8s.Container[] = [];

    const rclone = renderOverride(RCLONE_CONTAINER, props.rcloneContainer);
    if (rclone || this.mounts.length > 0) {
      const mounts = this.mounts.map(m => ({ name: m.volumeName, mountPath: m.mountPath, readOnly: m.readOnly ? true : undefined }));
      containers.push({ ...(rclone ?? { name: RCLONE_CONTAINER }), volumeMounts: mounts.length ? mounts : undefined });
    }
    const agent = renderOverride(AGENT_CONTAINER, props.agentContainer);
    if (agent) containers.push(agent);
    if (serverContainer !== undefined) {
      const server = renderOverride(serverContainer, { ...props.serverContainer, image: props.image ?? props.serverContainer?.image });
      if (server) containers.push(server);
    }
    if (props.restrictedSecurityContext) {
      for (const [field, name] of this.hardenedContainers()) {
        let container = containers.find(c => c.name === name);
        if (!container) containers.push(container = { name: name! });
        const i = containers.indexOf(container);
        containers[i] = {
          ...container,
          resources: container.resources ?? this.knownResources(field, name!),
          securityContext: restrictedSecurityContext(SERVER_POD_USER),
        };
      }
      // The operator orders the pod's containers as the Server lists them (§2.4): keep the ServerConfig's order.
      const order = this.hardenedContainers().map(([, name]) => name);
      containers.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    }
    const volumes: k8s.Volume[] = this.mounts.map(m => ({ name: m.volumeName, persistentVolumeClaim: { claimName: m.claim.name } }));
    const podSpec = containers.length > 0 ? k8s.toJson_PodSpec({ volumes: volumes.length ? volumes : undefined, containers }) : undefined;

    return {
      serverConfig: this.serverConfig.name,
      capabilities: this.capabilityOverride ? [...this.capabilityOverride] : undefined,
      extraCapabilities: this.extras.length ? [...this.extras] : undefined,
      podSpec,
      replicas: props.replicas,
      minReplicas: props.minReplicas,
      maxReplicas: props.maxReplicas,
      disableAutoUpdate: props.disableAutoUpdate,
    };
  }
}

type Amounts = Readonly<Record<string, string>>;

function toRequirements(amounts: { requests?: Amounts; limits?: Amounts }): k8s.ResourceRequirements {
  const quantities = (m?: Amounts) => m && Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k8s.Quantity.fromString(v)]));
  return { requests: quantities(amounts.requests), limits: quantities(amounts.limits) };
}

function serverNameProblem(name: string): string | undefined {
  const issue = nameProblem(name, DNS_1035_LABEL_RULE);
  if (issue) return issue;
  return name.length > MAX_SERVER_NAME
    ? `${show(name)} has ${name.length} characters; Kubernetes labels StatefulSet pods with "<name>-<revision hash>", which must fit in 63`
    : undefined;
}

function formatAmounts(amounts: Record<string, string | number>): string {
  const entries = Object.entries(amounts);
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'none';
}

function chartNamespace(scope: IConstruct): string | undefined {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    if (Chart.isChart(c)) return (c as Chart).namespace;
  }
  return undefined;
}

/** A Server that exists outside the app, known by name. */
class ImportedSeldonServer extends Construct implements ISeldonServer {
  public readonly name: string;

  public constructor(scope: Construct, id: string, name: string, options: ServerReferenceOptions) {
    super(scope, id);
    this.name = name;
    const problems = new Problems(`${KIND} reference`, this);
    const nameIssue = serverNameProblem(name ?? '');
    if (nameIssue) problems.add('name', nameIssue, NAME_ACCEPTED);
    if (options.serverConfig?.problem) problems.add('serverConfig', options.serverConfig.problem);
    for (const [field, list] of [['capabilities', options.capabilities], ['extraCapabilities', options.extraCapabilities]] as const) {
      (list ?? []).forEach((c, i) => {
        const issue = capabilityProblem(c);
        if (issue) problems.add(`${field}[${i}]`, issue, CAPABILITY_ACCEPTED);
      });
    }
    if (options.replicas !== undefined && !isInt32Count(options.replicas)) {
      problems.add('replicas', `${show(options.replicas)} is not a replica count`, INT32_COUNT);
    }
    problems.throwIfAny();

    const known = options.serverConfig !== undefined || (options.capabilities?.length ?? 0) > 0;
    registerServer(this, () => ({
      construct: this,
      kind: `${KIND} reference`,
      name,
      namespace: chartNamespace(this),
      capabilities: known
        ? effectiveCapabilities(options.serverConfig?.capabilities, options.capabilities, options.extraCapabilities ?? [])
        : undefined,
      replicas: options.replicas,
      pvcMountPaths: [],
    }));
  }
}
