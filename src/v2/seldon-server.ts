import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import {
  DeploymentStrategy, IPersistentVolumeClaim, IPodSelector, IScalable, ISecret, PodSelectorConfig, ScalingTarget,
} from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Problems, show } from '../errors';
import { ScaleTarget } from './autoscaling/scale-target';
import {
  CAPABILITIES_ENV, CAPABILITY_ACCEPTED,
  capabilityProblem, parseCapabilities, repeatProblem, serverCapabilities,
} from './capabilities';
import { generatedHint } from './generated-names';
import { ImportedSeldonServer } from './imported-server';
import { DEFAULT_PVC_CAPABILITY, PvcMount, checkPvcMount, mountNamespaceProblems } from './pvc-mount';
import { MountPvcOptions } from './pvc-mount-options';
import { PvcRetention } from './pvc-retention';
import { validateScaling } from './scaling';
import { registerServer, schedulingInputsChanged } from './scheduling';
import { ignoredCapabilities, ownCapabilityEntry, serverAgentType, serverReplicaMemory } from './server-agent-env';
import { ServerConfigRef } from './server-config-ref';
import { addedRcloneMountPaths, addedVolumes, additionProblems } from './server-container-additions';
import { containerOverrideProblems, imageProblems } from './server-container-checks';
import { ServerContainerOverride } from './server-container-override';
import { hardeningProblems, restrictedPodProblems } from './server-hardening';
import { declareServerMadeObjects } from './server-made-objects';
import { SERVER_NAME_ACCEPTED, serverNameProblem } from './server-name';
import { labelForPods, serverPodSelector, serverRolloutProblems } from './server-pod';
import { ISeldonServer, ServerReferenceOptions } from './server-reference';
import { renderServerSpec } from './server-spec';
import { Server as ServerResource, toJson_ServerSpec } from '../imports/mlops.seldon.io';
import { constructScope } from '../k8s/construct-scope';
import { dependOn } from '../k8s/depend-on';
import { failedConstruction } from '../k8s/failed-construction';
import { PodPlacement } from '../k8s/pod-placement';
import { PodSettings, PodSettingsProps } from '../k8s/pod-settings';
import { checkedArgs, checkedProps } from '../k8s/prop-check';
import { RenderedApiObject } from '../k8s/rendered-api-object';

/** Props of `SeldonServer`. */
export interface SeldonServerProps extends PodSettingsProps {
  /**
   * The ServerConfig the server runs (`spec.serverConfig`).
   * @default ServerConfigRef.MLSERVER
   */
  readonly serverConfig?: ServerConfigRef;
  /**
   * Replicas the operator starts (`spec.replicas`). With server autoscaling on (the scheduler's default), the
   * scheduler then removes empty replicas and adds needed ones within the bounds (from 1 up without bounds):
   * for a fixed count, set `minReplicas` and `maxReplicas` to it too.
   * @default - not rendered: the operator starts `minReplicas`, or 1
   */
  readonly replicas?: number;
  /**
   * The lower scaling bound (`spec.minReplicas`); the scheduler scales an idle Server down to it (to 1 when unset).
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
   * ServerConfig's). The operator merges them onto the ServerConfig's containers;
   * at synth, what else of the pod the restricted level refuses is an error.
   * @default false
   */
  readonly restrictedSecurityContext?: boolean;
  /**
   * Image, resources (including GPUs), env and volume mounts of the
   * inference server container (named after the ServerConfig's, e.g. `mlserver`).
   * @default - the ServerConfig's container
   */
  readonly serverContainer?: ServerContainerOverride;
  /**
   * Image, resources, env and volume mounts of the `agent` container.
   * @default - the ServerConfig's container
   */
  readonly agentContainer?: ServerContainerOverride;
  /**
   * Image, resources, env and volume mounts of the `rclone` container.
   * @default - the ServerConfig's container
   */
  readonly rcloneContainer?: ServerContainerOverride;
  /**
   * How the operator replaces pods when it runs servers as Deployments
   * (`spec.deploymentStrategy`; only with the operator flag
   * `--use-deployments-for-servers`, otherwise ignored: SELDON-FACTS §2.3).
   * @default - not rendered: Kubernetes' rolling update
   */
  readonly deploymentStrategy?: DeploymentStrategy;
  /**
   * What happens to the replicas' claims when the Server is deleted
   * (`spec.statefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted`).
   * @default - not rendered: Retain
   */
  readonly pvcRetentionWhenDeleted?: PvcRetention;
  /**
   * What happens to a replica's claims when the Server scales down
   * (`spec.statefulSetPersistentVolumeClaimRetentionPolicy.whenScaled`).
   * @default - not rendered: Retain
   */
  readonly pvcRetentionWhenScaled?: PvcRetention;
  /**
   * Metadata of the Server. The namespace and labels of the chart apply unless set here.
   * @default - a name generated by cdk8s from the construct path
   */
  readonly metadata?: ApiObjectMetadata;
}

const KIND = 'SeldonServer';

/**
 * A Seldon Core v2 `Server`: a StatefulSet of inference server pods built
 * from a ServerConfig, advertising capabilities that Models require.
 */
export class SeldonServer extends Construct implements ISeldonServer, IScalable, IPodSelector {
  /**
   * A Server that exists outside the app, e.g. the `mlserver` and `triton`
   * Servers of Seldon's `seldon-core-v2-servers` Helm chart. Give its ServerConfig (or capabilities)
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
  /**
   * Where the server's pods may run, with cdk8s-plus's methods:
   * `attract(Node.labeled(...))`, `tolerate(Node.tainted(...))`,
   * `colocate()`, `separate()`, `spread()`.
   */
  public readonly scheduling: PodPlacement;
  /** Whether a HorizontalPodAutoscaler scales the server (cdk8s-plus `IScalable`; set by `markHasAutoscaler()`). */
  public hasAutoscaler = false;
  private readonly scale: ScaleTarget;
  private readonly pod: PodSettings;

  private readonly props: SeldonServerProps;
  private readonly capabilityOverride?: string[];
  private readonly extras: string[] = [];
  private readonly mounts: PvcMount[] = [];
  private readonly scaling: ReturnType<typeof validateScaling>;

  public constructor(scope: Construct, id: string, props: SeldonServerProps = {}) {
    super(constructScope(scope, 'SeldonServer', id), id);
    try {
      props = checkedProps(this, 'SeldonServer', props);
      this.props = props;
      this.serverConfig = props.serverConfig ?? ServerConfigRef.MLSERVER;
      this.apiObject = new RenderedApiObject(this, 'Resource', {
        ...ServerResource.GVK,
        metadata: props.metadata,
        spec: Lazy.any({
          produce: () => toJson_ServerSpec(renderServerSpec({
            props: this.props,
            serverConfig: this.serverConfig,
            pod: this.pod,
            pvcMounts: this.mounts,
            capabilityOverride: this.capabilityOverride,
            extras: this.extras,
            replicas: this.scale.renderReplicas(),
          })),
        }),
      });
      this.name = this.apiObject.name;
      this.scaling = validateScaling(props);
      declareServerMadeObjects(this.apiObject, () => Math.max(this.replicas, this.scaling.maxReplicas ?? 0));
      this.pod = PodSettings._ofCheckedProps(this, KIND, props);
      this.scheduling = this.pod.scheduling;
      this.scheduling._selectOwnPods(this);
      this.scale = new ScaleTarget(this, KIND, this.apiObject, props);
      const problems = this.checkProps();
      for (const [f, p, a] of serverRolloutProblems(props)) problems.add(f, p, a);
      problems.throwIfAny();
      labelForPods(this.apiObject, this.pod);
      this.pod._dependOn(this.apiObject);
      this.pod._checkNamespaces(() => this.apiObject.metadata.namespace);
      if (props.capabilities !== undefined) this.capabilityOverride = [...props.capabilities];
      this.extras.push(...props.extraCapabilities ?? []);
      if (props.imageCapability !== undefined) (this.capabilityOverride ?? this.extras).push(props.imageCapability);
      if (this.serverConfig.serverConfig) dependOn(this.apiObject, this.serverConfig.serverConfig, 'serverConfig');
      registerServer(this, () => ({
        construct: this,
        kind: KIND,
        name: this.name,
        namespace: this.apiObject.metadata.namespace,
        capabilities: this.capabilities,
        replicas: this.scale.hasAutoscaler ? undefined : this.replicas,
        // rclone copies a local-path model from any volume mounted into it: mountPvc()'s claims and the override's volumes.
        rcloneMountPaths: [...this.mounts.map(m => m.mountPath), ...addedRcloneMountPaths(this.props)],
        memory: serverReplicaMemory(this.props, this.serverConfig),
        autoscaled: this.scale.hasAutoscaler,
        serverType: serverAgentType(this.props, this.serverConfig),
      }));
      this.node.addValidation({ validate: () => ignoredCapabilities(this, this.props, this.serverConfig, this.capabilityOverride, this.extras) });
      const restricted = () => restrictedPodProblems(KIND, this.node.path, this.apiObject, this.serverConfig);
      if (props.restrictedSecurityContext) this.node.addValidation({ validate: restricted });
    } catch (e) { throw failedConstruction(this, e); }
  }

  /** Replicas the operator starts, after its defaulting (§2.6); an autoscaler changes them later. */
  public get replicas(): number {
    return this.scaling.replicas;
  }

  /** @internal The upper bound of Seldon's server autoscaling, if set. */
  public get _maxReplicas(): number | undefined {
    return this.scaling.maxReplicas;
  }

  /** Called by a cdk8s-plus HorizontalPodAutoscaler that targets the server (`IScalable`). */
  public markHasAutoscaler(): void {
    this.scale.mark();
    this.hasAutoscaler = true;
  }

  /** The HorizontalPodAutoscaler's target: the Server's scale subresource (`IScalable`). */
  public toScalingTarget(): ScalingTarget {
    return this.scale.toScalingTarget();
  }

  /** Selects the server's pods, for another workload's `colocate()` or `separate()` (`IPodSelector`). */
  public toPodSelectorConfig(): PodSelectorConfig {
    return serverPodSelector(this.name, this.apiObject.metadata.namespace);
  }

  /** Adds a Secret with registry credentials to the pods' `imagePullSecrets`. */
  public addImagePullSecret(secret: ISecret): void {
    [secret] = checkedArgs(this, KIND, 'addImagePullSecret', secret);
    this.pod.addImagePullSecret(secret);
  }

  /**
   * The capabilities the server advertises: the ServerConfig's plus the
   * extra ones, or the replacing list.
   * @default - undefined when the ServerConfig's capabilities are unknown
   */
  public get capabilities(): string[] | undefined {
    return serverCapabilities(ownCapabilityEntry(this.props), this.serverConfig._capabilityEntry(), this.capabilityOverride, this.extras);
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
    [capability] = checkedArgs(this, 'SeldonServer', 'addCapability', capability);
    const problems = new Problems(KIND, this);
    this.checkNewCapability(problems, `addCapability(${show(capability)})`, capability);
    problems.throwIfAny();
    (this.capabilityOverride ?? this.extras).push(capability);
    schedulingInputsChanged();
  }

  /**
   * Mounts a PersistentVolumeClaim into the `rclone` container at `mountPath`,
   * so models can be read from it with a local path such as
   * `ModelUri.localPath('<mountPath>/iris')`, and advertises a capability
   * (`pvc` unless told otherwise) for those models to require.
   */
  public mountPvc(claim: IPersistentVolumeClaim, mountPath: string, options: MountPvcOptions = {}): void {
    [claim, mountPath, options] = checkedArgs(this, 'SeldonServer', 'mountPvc', claim, mountPath, options);
    const problems = new Problems(KIND, this);
    const target = {
      serverConfig: this.serverConfig,
      mounts: this.mounts,
      replicas: this.replicas,
      maxReplicas: this.scaling.maxReplicas,
      addedVolumeNames: addedVolumes(this.props).map(v => v.name),
      addedRcloneMountPaths: addedRcloneMountPaths(this.props),
    };
    const mount = checkPvcMount(problems, target, claim, mountPath, options);
    problems.throwIfAny();
    this.mounts.push(mount);
    if (this.mounts.length === 1) this.node.addValidation({ validate: () => mountNamespaceProblems(this, this.mounts) });
    const advertise = options.advertiseCapability ?? true;
    const capability = options.capability ?? DEFAULT_PVC_CAPABILITY;
    // The effective list is unknown for a ServerConfig of unknown capabilities: also look at what this Server adds.
    const added = this.capabilityOverride ?? this.extras;
    if (advertise && !(this.capabilities ?? []).includes(capability) && !added.includes(capability)) added.push(capability);
    dependOn(this.apiObject, claim, `mountPvc(${show(mountPath)})`);
    schedulingInputsChanged();
  }

  private checkProps(): Problems {
    const problems = new Problems(KIND, this);
    const props = this.props;
    const config = this.serverConfig;
    const nameIssue = serverNameProblem(this.name);
    if (nameIssue) problems.add('metadata.name', `${nameIssue}${generatedHint(props.metadata)}`, SERVER_NAME_ACCEPTED);
    if (config.problem) problems.add('serverConfig', config.problem);
    for (const p of this.scaling.problems) problems.add(p.field, p.problem, p.accepted);

    // §2.4 (patch_utils.go, mergo): a Server's 0 never replaces the ServerConfig's grace period.
    if (this.pod.terminationGracePeriodSeconds === 0) problems.add('terminationGracePeriod', 'is 0 seconds, which the operator\'s merge onto the ServerConfig\'s pod drops', 'from 1 second on a Server, or 0 on its ServerConfig');
    if (props.restrictedSecurityContext) hardeningProblems(problems, props, config);
    if (props.capabilities !== undefined && props.capabilities.length === 0) {
      problems.add('capabilities', 'is an empty list, which the operator treats as unset', 'leave capabilities out to advertise the ServerConfig\'s, or list at least one');
    }
    if (props.capabilities?.length && props.extraCapabilities?.length) {
      problems.add('extraCapabilities', `are ignored by the operator when capabilities are set (${props.capabilities.map(c => show(c)).join(', ')})`,
        'either capabilities (replacing the ServerConfig\'s) or extraCapabilities (added to them), not both');
    }
    // Extras are appended to the variable's value as written: the Server's own (Kubernetes uses that later entry), else the ServerConfig's.
    const own = ownCapabilityEntry(props);
    const entry = own !== 'absent' ? own : config._capabilityEntry() ?? 'absent';
    const configList = entry === 'absent' ? [] : parseCapabilities(entry.value);
    const seen = new Set<string>(props.capabilities?.length ? [] : configList);
    for (const [field, list] of [['capabilities', props.capabilities], ['extraCapabilities', props.extraCapabilities]] as const) {
      (list ?? []).forEach((c, i) => {
        const issue = capabilityProblem(c);
        if (issue) {problems.add(`${field}[${i}]`, issue, CAPABILITY_ACCEPTED);} else if (seen.has(c)) {
          problems.add(`${field}[${i}]`, `${repeatProblem(c, 'capability')}${field === 'extraCapabilities' && configList.includes(c)
            ? own === 'absent' ? ` (ServerConfig ${show(config.name)} advertises it)` : ` (the agent's ${CAPABILITIES_ENV} has it)` : ''}`,
          'each capability once');
        }
        seen.add(c);
      });
    }

    if (props.capabilities?.length && props.agentContainer?.env?.[CAPABILITIES_ENV] !== undefined) {
      problems.add(`agentContainer.env[${show(CAPABILITIES_ENV)}]`, 'would be overwritten: with capabilities set, the operator replaces every '
        + `${CAPABILITIES_ENV} of the agent by them (operator/controllers/reconcilers/server/server_reconciler.go updateCapabilities)`,
      'either capabilities or the variable, not both');
    }
    imageProblems(problems, props, config);
    if (props.imageCapability !== undefined) {
      if (props.image === undefined && props.serverContainer?.image === undefined) {
        problems.add('imageCapability', 'is set without a custom image', 'set image too, or list the capability in extraCapabilities');
      }
      const issue = capabilityProblem(props.imageCapability);
      if (issue) problems.add('imageCapability', issue, CAPABILITY_ACCEPTED);
      else if (seen.has(props.imageCapability)) problems.add('imageCapability', repeatProblem(props.imageCapability, 'capability'), 'each capability once');
    }

    containerOverrideProblems(problems, props, config);
    additionProblems(problems, props, { config, restricted: props.restrictedSecurityContext === true });
    return problems;
  }

  private checkNewCapability(problems: Problems, field: string, capability: string): void {
    const issue = capabilityProblem(capability);
    const current = this.capabilities ?? [...(this.capabilityOverride ?? []), ...this.extras];
    if (issue) problems.add(field, issue, CAPABILITY_ACCEPTED);
    else if (current.includes(capability)) problems.add(field, repeatProblem(capability, 'capability'), `capabilities so far: ${current.join(', ')}`);
  }
}
