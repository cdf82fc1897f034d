import { k8s, Volume, VolumeMount } from 'cdk8s-plus-27';
import { Problems, show } from '../errors';
import { AGENT_CONTAINER, AGENT_VOLUME_PATH, RCLONE_CONTAINER } from './capabilities';
import { ConfigContainer } from './config-container';
import { ServerConfigRef } from './server-config-ref';
import { ServerContainerOverride } from './server-container-override';
import { addPodVolume, isVolume, normalizedMountPath, renderMount, subPathProblems } from '../k8s/volume-mounts';

/**
 * What a Server's container overrides add to its pod besides image,
 * resources and env: volume mounts (with their volumes) and arguments. The
 * operator appends both after the ServerConfig's (SELDON-FACTS §2.4), so
 * names and paths the ServerConfig already uses are refused, and arguments
 * the container would never see are too.
 */

type Report = (field: string, problem: string, accepted: string) => void;

/** The container overrides of a Server, as its props give them. */
export interface ServerContainerAdditionsInput {
  /** The custom server image, which the `image` prop may give instead of `serverContainer.image`. */
  readonly image?: string;
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

/** Problems of the overrides' mounts and arguments against each other and the ServerConfig's pod. */
export function additionProblems(problems: Problems, props: ServerContainerAdditionsInput, config: ServerConfigRef): void {
  const report: Report = (field, problem, accepted) => problems.add(field, problem, accepted);
  const seen = new Map<string, Volume>();
  const reserved = configVolumes(config);
  for (const [field, name, override] of overridesOf(props, config)) {
    const known = name === undefined ? undefined : config._container(name);
    // Paths the container mounts already: the ServerConfig's, then this override's own, in order.
    const taken = new Map<string, string>((known?.mountPaths ?? []).map(p => [normalizedMountPath(p), `ServerConfig ${show(config.name)}'s ${name} container`]));
    mountsOf(override).forEach((mount, i) => {
      const at = (f: string): string => `${field}.volumeMounts[${i}].${f}`;
      if (!isVolume(mount?.volume)) report(at('volume'), `${show(mount?.volume)} is not a cdk8s-plus Volume`, 'a Volume, e.g. Volume.fromEmptyDir(this, "dshm", "dshm", { medium: EmptyDirMedium.MEMORY })');
      else addPodVolume(mount.volume, at('volume'), reserved, seen, report);
      pathProblems(mount?.path, at('path'), taken, i, report);
      if (mount) subPathProblems(mount, at, report);
    });
    argsProblems(field, name, override, known, props, report);
  }
}

function pathProblems(path: unknown, field: string, taken: Map<string, string>, i: number, report: Report): void {
  if (typeof path !== 'string' || !path.startsWith('/') || path.split('/').some(s => s === '.' || s === '..') || /[\s:]/.test(path)) {
    report(field, `${show(path)} is not an absolute path`, 'an absolute path without "." or ".." segments, spaces or ":", e.g. /dev/shm');
    return;
  }
  const normalized = normalizedMountPath(path);
  if (taken.has(normalized)) {
    report(field, `${show(path)} is already a mount path of ${taken.get(normalized)}, and Kubernetes rejects repeated mount paths`, `a path not in use: ${[...taken.keys()].join(', ')} are taken`);
  } else if (normalized === '/' || normalized === AGENT_VOLUME_PATH || normalized.startsWith(`${AGENT_VOLUME_PATH}/`)) {
    report(field, `${show(path)} would cover or sit inside the agent's model volume at ${AGENT_VOLUME_PATH}, where rclone writes downloaded models and the server reads them`,
      'a path outside /mnt/agent, e.g. /dev/shm or /etc/server-settings');
  }
  taken.set(normalized, `volumeMounts[${i}]`);
}

/** The shells whose `-c` runs a script: arguments after the script are its positional parameters. */
const SHELLS = /^(\/usr)?(\/bin\/)?(ba|da)?sh$/;
/** MLServer's images start with their CMD (Dockerfile `CMD ... mlserver start`), which arguments replace. */
const MLSERVER_IMAGE = /(^|\/)seldonio\/mlserver([:@]|$)/;

function argsProblems(field: string, name: string | undefined, override: ServerContainerOverride | undefined,
  known: ConfigContainer | undefined, props: ServerContainerAdditionsInput, report: Report): void {
  const args = override?.args;
  if (args === undefined) return;
  args.forEach((a, i) => {
    if (typeof a !== 'string') report(`${field}.args[${i}]`, `${show(a)} is not a string`, 'a string per argument');
  });
  if (args.length === 0 || known === undefined) return;
  const command = known.command;
  if (command.length === 1 && SHELLS.test(command[0]) && known.args[0] === '-c') {
    report(`${field}.args`, `would be appended after ${name}'s ${show(`${command[0]} -c <script>`)}, where they become the script's positional parameters, which it does not read`,
      'the arguments in the script of a ServerConfig of your own');
    return;
  }
  const image = (field === 'serverContainer' ? props.image ?? props.serverContainer?.image : override?.image) ?? known.image ?? '';
  if (command.length === 0 && known.args.length === 0 && MLSERVER_IMAGE.test(image)) {
    report(`${field}.args`, `would replace the start command of the MLServer image ${show(image)} (its CMD runs "mlserver start"; the container sets no command)`,
      'MLServer settings as MLSERVER_* env variables, or a ServerConfig of your own that sets the command');
  }
}

/** The container `rendered` (an override's image, resources and env, or undefined) with the override's mounts and arguments. */
export function withAdditions(name: string, rendered: k8s.Container | undefined,
  override: ServerContainerOverride | undefined): k8s.Container | undefined {
  const mounts = mountsOf(override).map(renderMount);
  const args = override?.args ?? [];
  if (mounts.length === 0 && args.length === 0) return rendered;
  return { ...(rendered ?? { name }), args: args.length ? [...args] : undefined, volumeMounts: mounts.length ? mounts : undefined };
}
