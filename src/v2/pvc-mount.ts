import { ApiObject } from 'cdk8s';
import { IPersistentVolumeClaim, PersistentVolumeAccessMode } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { Problems, show } from '../errors';
import { DNS_1123_LABEL, DNS_1123_SUBDOMAIN, nameProblem } from '../names';
import { AGENT_VOLUME_PATH, CAPABILITY_ACCEPTED, RCLONE_CONTAINER, capabilityProblem } from './capabilities';
import { MountPvcOptions } from './pvc-mount-options';
import { ServerConfigRef } from './server-config-ref';
import { crossNamespaceProblem } from '../k8s/namespaces';
import { declaredAccessModes } from '../k8s/volume-claim';
import { mountPathProblem, normalizedMountPath } from '../k8s/volume-mounts';

/** The capability `mountPvc()` advertises unless told otherwise. */
export const DEFAULT_PVC_CAPABILITY = 'pvc';

/** A PersistentVolumeClaim mounted into a Server's rclone container. */
export interface PvcMount {
  readonly claim: IPersistentVolumeClaim;
  readonly mountPath: string;
  readonly volumeName: string;
  readonly readOnly: boolean;
}

/** The Server a claim is mounted into, as far as the mount rules need it. */
export interface PvcMountTarget {
  readonly serverConfig: ServerConfigRef;
  readonly mounts: readonly PvcMount[];
  readonly replicas: number;
  readonly maxReplicas?: number;
  /** Names of the Volumes the container overrides mount. */
  readonly addedVolumeNames: readonly string[];
  /** Where the `rclone` override mounts them. */
  readonly addedRcloneMountPaths: readonly string[];
}

/**
 * Checks one `mountPvc()` call against the pod it joins: volume names and
 * mount paths the pod already has, the agent's model volume, and access
 * modes the server's replicas can share. Returns the mount to render.
 */
export function checkPvcMount(problems: Problems, target: PvcMountTarget,
  claim: IPersistentVolumeClaim, mountPath: string, options: MountPvcOptions): PvcMount {
  const field = `mountPvc(${show(mountPath)})`;
  const claimName = claim?.name ?? '';
  const volumeName = options.volumeName ?? claimName;
  const config = target.serverConfig;
  const claimIssue = nameProblem(claimName, DNS_1123_SUBDOMAIN);
  if (claimIssue) problems.add(`${field} claim`, claimIssue, DNS_1123_SUBDOMAIN.accepted);

  const volumeIssue = nameProblem(volumeName, DNS_1123_LABEL);
  if (volumeIssue) {
    problems.add(`${field} volumeName`, `${volumeIssue}${options.volumeName === undefined ? ' (taken from the claim name)' : ''}`,
      `${DNS_1123_LABEL.accepted}; set options.volumeName`);
  } else if (target.mounts.some(m => m.volumeName === volumeName) || config._volumeNames().includes(volumeName)
    || target.addedVolumeNames.includes(volumeName)) {
    problems.add(`${field} volumeName`, `${show(volumeName)} is already a volume of the pod (the operator appends volumes without removing duplicates: the StatefulSet could not create pods with the name twice, and a claim template's volume would replace this one)`,
      `a name not in use (in use: ${[...config._volumeNames(), ...target.addedVolumeNames, ...target.mounts.map(m => m.volumeName)].join(', ')})`);
  }

  const pathIssue = mountPathProblem(mountPath, '/var/models');
  if (pathIssue) {
    problems.add(`${field} mountPath`, ...pathIssue);
  } else {
    const normalized = normalizedMountPath(mountPath);
    const taken = [...config._mountPaths(RCLONE_CONTAINER) ?? [], ...target.addedRcloneMountPaths, ...target.mounts.map(m => m.mountPath)]
      .map(normalizedMountPath);
    if (taken.includes(normalized)) {
      problems.add(`${field} mountPath`, `${show(mountPath)} is the directory another mount of the rclone container already uses: one would hide the other, or the pods be refused`,
        `a path not in use (in use: ${taken.join(', ')})`);
    } else if (normalized === '/' || normalized === AGENT_VOLUME_PATH || normalized.startsWith(`${AGENT_VOLUME_PATH}/`)) {
      problems.add(`${field} mountPath`, `${show(mountPath)} would cover or sit inside the agent's model volume at ${AGENT_VOLUME_PATH}, where rclone writes downloaded models`,
        'a path outside /mnt/agent, e.g. /var/models');
    }
  }

  if (options.advertiseCapability ?? true) {
    const issue = capabilityProblem(options.capability ?? DEFAULT_PVC_CAPABILITY);
    if (issue) problems.add(`${field} capability`, issue, CAPABILITY_ACCEPTED);
  }

  const modes = declaredAccessModes(claim);
  if (modes && modes.length > 0) {
    const manyReplicas = target.replicas > 1 || (target.maxReplicas ?? 0) > 1;
    const replicasText = `the server has ${target.replicas} replica(s)${target.maxReplicas ? ` and may scale to ${target.maxReplicas}` : ''}`;
    if (manyReplicas && modes.includes(PersistentVolumeAccessMode.READ_WRITE_ONCE_POD)) {
      problems.add(`${field} claim`, `${show(claimName)} is ReadWriteOncePod, which only one pod can mount, but ${replicasText}`,
        'a ReadOnlyMany or ReadWriteMany claim, or replicas and maxReplicas of at most 1');
    } else if (manyReplicas && !(options.replicasShareOneNode ?? false) && modes.every(m => m === PersistentVolumeAccessMode.READ_WRITE_ONCE)) {
      problems.add(`${field} claim`, `${show(claimName)} is ReadWriteOnce, which only pods on one node can mount, but ${replicasText} and replicas on other nodes would not start`,
        'a ReadOnlyMany or ReadWriteMany claim, replicas and maxReplicas of at most 1, or options.replicasShareOneNode when all replicas run on one node');
    }
  }
  return { claim, mountPath: typeof mountPath === 'string' ? normalizedMountPath(mountPath) : mountPath, volumeName, readOnly: options.readOnly ?? false };
}

/** Each mount whose claim lives in another namespace than the Server's pods (src/k8s/namespaces.ts): they would stay Pending. */
export function mountNamespaceProblems(server: IConstruct & { readonly apiObject: ApiObject }, mounts: readonly PvcMount[]): string[] {
  const problems = new Problems('SeldonServer', server);
  for (const m of mounts) {
    const found = crossNamespaceProblem('PersistentVolumeClaim', m.claim, server.apiObject.metadata.namespace);
    if (found) problems.add(`mountPvc(${show(m.mountPath)}) claim`, ...found);
  }
  return problems.messages;
}
