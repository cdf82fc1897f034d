import { k8s, MountPropagation, Volume, VolumeMount } from 'cdk8s-plus-27';
import { Problems, show } from '../errors';
import { AGENT_CONTAINER, AGENT_VOLUME_PATH, RCLONE_CONTAINER } from './capabilities';
import { ServerConfigRef } from './server-config-ref';
import { ServerContainerOverride } from './server-container-override';
import { addPodVolume, isVolume, mountPathProblem, normalizedMountPath, renderMount, subPathProblems } from '../k8s/volume-mounts';

/**
 * What a Server's container overrides add to its pod besides image,
 * resources and env: volume mounts, with their volumes. The operator appends
 * both after the ServerConfig's (SELDON-FACTS §2.4) and never replaces, so a
 * name or a directory the ServerConfig already uses would make pods the
 * StatefulSet cannot create, or hide the ServerConfig's mount.
 */

type Report = (field: string, problem: string, accepted: string) => void;

/** The container overrides of a Server, as its props give them. */
export interface ServerContainerAdditionsInput {
  readonly serverContainer?: ServerContainerOverride;
  readonly agentContainer?: ServerContainerOverride;
  readonly rcloneContainer?: ServerContainerOverride;
}

/** Each override with its field and the container it merges onto (undefined: the server container's name is unknown). */
type Override = [field: string, container: string | undefined, override: ServerContainerOverride | undefined];

function overridesOf(props: ServerContainerAdditionsInput, config: ServerConfigRef): Override[] {
  return [
    ['rcloneContainer', RCLONE_CONTAINER, props.rcloneContainer],
    ['agentContainer', AGENT_CONTAINER, props.agentContainer],
    ['serverContainer', config.serverContainerName, props.serverContainer],
  ];
}

/** The mounts an override lists (the boundary check has made the list an array). */
function mountsOf(override: ServerContainerOverride | undefined): readonly VolumeMount[] {
  return override?.volumeMounts ?? [];
}

/** Volume names the pod has before this Server adds any: the ServerConfig's, what each adds them for. */
function configVolumes(config: ServerConfigRef): Map<string, string> {
  return new Map(config._volumeNames().map(n => [n, `a volume of ServerConfig ${show(config.name)}`]));
}

/** The Volumes the overrides mount, once each, in the order first mounted. */
export function addedVolumes(props: ServerContainerAdditionsInput): Volume[] {
  const volumes: Volume[] = [];
  for (const override of [props.rcloneContainer, props.agentContainer, props.serverContainer]) {
    for (const m of mountsOf(override)) if (isVolume(m?.volume) && !volumes.includes(m.volume)) volumes.push(m.volume);
  }
  return volumes;
}

/** The paths the `rclone` override mounts, normalized; `mountPvc()` may not mount there. */
export function addedRcloneMountPaths(props: ServerContainerAdditionsInput): string[] {
  return mountsOf(props.rcloneContainer).filter(m => typeof m?.path === 'string').map(m => normalizedMountPath(m.path));
}

/** What the mount rules read of the Server besides its overrides. */
export interface AdditionContext {
  readonly config: ServerConfigRef;
  /** With `restrictedSecurityContext`, the pods must pass the restricted Pod Security Standard, volumes included. */
  readonly restricted: boolean;
}

/** Problems of the overrides' mounts against each other and the ServerConfig's pod. */
export function additionProblems(problems: Problems, props: ServerContainerAdditionsInput, ctx: AdditionContext): void {
  const config = ctx.config;
  const report: Report = (field, problem, accepted) => problems.add(field, problem, accepted);
  const seen = new Map<string, Volume>();
  const reserved = configVolumes(config);
  for (const [field, name, override] of overridesOf(props, config)) {
    const known = name === undefined ? undefined : config._mountPaths(name);
    // Paths the container mounts already: the ServerConfig's, then this override's own, in order.
    const taken = new Map<string, string>((known ?? []).map(p => [normalizedMountPath(p), `ServerConfig ${show(config.name)}'s ${name} container`]));
    mountsOf(override).forEach((mount, i) => {
      const at = (f: string): string => `${field}.volumeMounts[${i}].${f}`;
      if (!isVolume(mount?.volume)) {
        report(at('volume'), `${show(mount?.volume)} is not a cdk8s-plus Volume`, 'a Volume, e.g. Volume.fromEmptyDir(this, "dshm", "dshm", { medium: EmptyDirMedium.MEMORY })');
      } else {
        addPodVolume(mount.volume, at('volume'), reserved, seen, report);
        volumeKindProblems(mount.volume, at('volume'), ctx.restricted, report);
      }
      pathProblems(mount?.path, at('path'), taken, i, report);
      if (mount) {
        subPathProblems(mount, at, report);
        // Of a ServerConfig the library does not know, the container may be privileged: only restricted mode rules it out.
        const context = known === undefined ? 'unknown' : config._securityContext(name!);
        propagationProblems(mount, at('propagation'), context, ctx.restricted, report);
      }
    });
  }
}

function pathProblems(path: unknown, field: string, taken: Map<string, string>, i: number, report: Report): void {
  const issue = mountPathProblem(path, '/dev/shm');
  if (issue) {
    report(field, issue[0], `accepted: ${issue[1]}`);
    return;
  }
  // Kubernetes compares mount paths as written; the kernel does not: "/dev//shm/" is the directory "/dev/shm".
  const normalized = normalizedMountPath(path as string);
  if (taken.has(normalized)) {
    report(field, `${show(path)} is the directory ${taken.get(normalized)} already mounts: one mount would hide the other, or the pods be refused`,
      `accepted: a path no other mount of the container uses (in use: ${[...taken.keys()].join(', ')})`);
  } else if (normalized === '/' || normalized === AGENT_VOLUME_PATH || normalized.startsWith(`${AGENT_VOLUME_PATH}/`)) {
    report(field, `${show(path)} would cover or sit inside the agent's model volume at ${AGENT_VOLUME_PATH}, where rclone writes downloaded models and the server reads them`,
      'accepted: a path outside /mnt/agent, e.g. /dev/shm or /etc/server-settings');
  }
  taken.set(normalized, `volumeMounts[${i}]`);
}

/**
 * The volume sources the restricted Pod Security Standard admits (pod-security-admission
 * policy/check_restrictedVolumes.go): any other makes the namespace refuse the pods.
 */
const RESTRICTED_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

function volumeKindProblems(volume: Volume, field: string, restricted: boolean, report: Report): void {
  const source = Object.keys(volume._toKube()).find(k => k !== 'name');
  if (source === 'persistentVolumeClaim') {
    // mountPvc() checks what a claim shared by the replicas needs (access modes, ordering); a per-replica claim is a template's.
    report(field, `${show(volume.name)} is a PersistentVolumeClaim, which every replica of the Server would share unchecked`,
      'accepted: server.mountPvc(claim, path) for models read from a claim, or volumeClaimTemplates of a ServerConfig for a claim per replica');
  } else if (restricted && source !== undefined && !RESTRICTED_SOURCES.includes(source)) {
    report(field, `${show(volume.name)} is a ${source} volume, which the restricted Pod Security Standard refuses, and restrictedSecurityContext is true`,
      `accepted: a ${RESTRICTED_SOURCES.filter(k => k !== 'persistentVolumeClaim').join(', ')} volume, or restrictedSecurityContext left out`);
  }
}

/** Kubernetes admits Bidirectional propagation only in a privileged container (validation.go validateMountPropagation). */
function propagationProblems(mount: VolumeMount, field: string, context: k8s.SecurityContext | undefined | 'unknown', restricted: boolean,
  report: Report): void {
  if (mount.propagation !== MountPropagation.BIDIRECTIONAL || (!restricted && (context === 'unknown' || context?.privileged === true))) return;
  report(field, `${show(mount.propagation)} is admitted only in a privileged container, which ${restricted ? 'restrictedSecurityContext rules out' : 'the ServerConfig\'s container is not'}`,
    'accepted: MountPropagation.NONE or MountPropagation.HOST_TO_CONTAINER');
}

/** The container `rendered` (an override's image, resources and env, or undefined) with the override's mounts. */
export function withAdditions(name: string, rendered: k8s.Container | undefined,
  override: ServerContainerOverride | undefined): k8s.Container | undefined {
  const mounts = mountsOf(override).map(renderMount);
  return mounts.length === 0 ? rendered : { ...(rendered ?? { name }), volumeMounts: mounts };
}
