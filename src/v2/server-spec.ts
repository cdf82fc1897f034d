import { k8s } from 'cdk8s-plus-27';
import { AGENT_CONTAINER, RCLONE_CONTAINER } from './capabilities';
import { renderOverride } from './container-merge';
import { PvcMount } from './pvc-mount';
import { ServerConfigRef } from './server-config-ref';
import { addedVolumes, ServerContainerAdditionsInput, withAdditions } from './server-container-additions';
import { harden } from './server-hardening';
import { renderRetention, renderServerPodSpec, ServerRolloutInput } from './server-pod';
import { ServerSpec } from '../imports/mlops.seldon.io';
import { PodSettings } from '../k8s/pod-settings';

/** The props of a Server its `spec` is rendered from (SeldonServerProps has them). */
export interface ServerSpecProps extends ServerContainerAdditionsInput, ServerRolloutInput {
  /** The custom server image, which the `image` prop may give instead of `serverContainer.image`. */
  readonly image?: string;
  readonly restrictedSecurityContext?: boolean;
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly disableAutoUpdate?: boolean;
}

/** What a Server's `spec` is rendered from. */
export interface ServerSpecInput {
  readonly props: ServerSpecProps;
  readonly serverConfig: ServerConfigRef;
  readonly pod: PodSettings;
  readonly pvcMounts: readonly PvcMount[];
  readonly capabilityOverride?: readonly string[];
  readonly extras: readonly string[];
  readonly replicas: number | undefined;
}

/**
 * The Server's `spec`. Its `podSpec` holds only what the Server changes:
 * the operator merges it onto the ServerConfig's pod (SELDON-FACTS §2.4).
 */
export function renderServerSpec(input: ServerSpecInput): ServerSpec {
  const { props, serverConfig, pvcMounts } = input;
  const serverContainer = serverConfig.serverContainerName;
  let containers: k8s.Container[] = [];

  const rclone = withAdditions(RCLONE_CONTAINER, renderOverride(RCLONE_CONTAINER, props.rcloneContainer), props.rcloneContainer);
  if (rclone || pvcMounts.length > 0) {
    const claims = pvcMounts.map(m => ({ name: m.volumeName, mountPath: m.mountPath, readOnly: m.readOnly ? true : undefined }));
    const mounts = [...rclone?.volumeMounts ?? [], ...claims];
    containers.push({ ...(rclone ?? { name: RCLONE_CONTAINER }), volumeMounts: mounts.length ? mounts : undefined });
  }
  const agent = withAdditions(AGENT_CONTAINER, renderOverride(AGENT_CONTAINER, props.agentContainer), props.agentContainer);
  if (agent) containers.push(agent);
  if (serverContainer !== undefined) {
    const rendered = renderOverride(serverContainer, { ...props.serverContainer, image: props.image ?? props.serverContainer?.image });
    const server = withAdditions(serverContainer, rendered, props.serverContainer);
    if (server) containers.push(server);
  }
  if (props.restrictedSecurityContext) containers = harden(containers, props, serverConfig);
  const volumes: k8s.Volume[] = [
    ...addedVolumes(props).map(v => v._toKube()),
    ...pvcMounts.map(m => ({ name: m.volumeName, persistentVolumeClaim: { claimName: m.claim.name } })),
  ];
  const podSpec = renderServerPodSpec(input.pod, containers, volumes);

  return {
    serverConfig: serverConfig.name,
    capabilities: input.capabilityOverride ? [...input.capabilityOverride] : undefined,
    extraCapabilities: input.extras.length ? [...input.extras] : undefined,
    podSpec,
    replicas: input.replicas,
    minReplicas: props.minReplicas,
    maxReplicas: props.maxReplicas,
    disableAutoUpdate: props.disableAutoUpdate,
    deploymentStrategy: props.deploymentStrategy && k8s.toJson_DeploymentStrategy(props.deploymentStrategy._toKube()),
    statefulSetPersistentVolumeClaimRetentionPolicy: renderRetention(props),
  };
}
