/**
 * The typed side of a ServerConfig's pod: container overrides and pod
 * settings applied onto the raw `podSpec` the ServerConfig is built from,
 * with the rules the operator uses for a Server's overrides (SELDON-FACTS
 * §2.4: image and each resource amount replace, env appends), so one
 * override means the same on a ServerConfig as on a SeldonServer.
 */

import { k8s } from 'cdk8s-plus-27';
import { Problems, show } from '../errors';
import { AGENT_CONTAINER, CAPABILITIES_ENV, RCLONE_CONTAINER } from './capabilities';
import { mergedResourceProblems, overrideAmounts, overrideProblems, renderOverride, ResourceAmounts } from './container-merge';
import { ContainerOverride } from './container-override';
import { mergoMerge } from './operator/pod-spec-merge';
import { Json } from '../k8s/json';
import { PodSettings } from '../k8s/pod-settings';

/** The container overrides of a ServerConfig, as its props give them. */
export interface ServerConfigContainerInput {
  readonly serverContainer?: ContainerOverride;
  readonly agentContainer?: ContainerOverride;
  readonly rcloneContainer?: ContainerOverride;
}

/** Each override field with the container of `podSpec` it changes. */
function overrides(input: ServerConfigContainerInput, serverContainerName: string): Array<[string, string, ContainerOverride | undefined]> {
  return [
    ['serverContainer', serverContainerName, input.serverContainer],
    ['agentContainer', AGENT_CONTAINER, input.agentContainer],
    ['rcloneContainer', RCLONE_CONTAINER, input.rcloneContainer],
  ];
}

/**
 * Problems of the overrides: each on its own, and each merged onto its
 * `podSpec` container, where a request can end up above a kept limit.
 */
export function configOverrideProblems(problems: Problems, input: ServerConfigContainerInput, serverContainerName: string,
  resources: (container: string) => ResourceAmounts | undefined): void {
  for (const [field, container, override] of overrides(input, serverContainerName)) {
    for (const [f, p, a] of overrideProblems(field, override)) problems.add(f, p, a);
    if (container === AGENT_CONTAINER && override?.env?.[CAPABILITIES_ENV] !== undefined) {
      problems.add(`agentContainer.env[${show(CAPABILITIES_ENV)}]`, 'would bypass the capabilities checks and the capabilities getter', 'set the capabilities prop');
    }
    const base = container === '' ? undefined : resources(container);
    if (base && override?.resources) {
      for (const p of mergedResourceProblems(base, overrideAmounts(override))) {
        problems.add(`${field}.resources`, p.replace(/ServerConfig's container/, `podSpec container ${show(container)}`).replace(/from the ServerConfig/g, 'from podSpec'),
          `set the ${field} limit as well, or change podSpec`);
      }
    }
  }
}

/**
 * The `podSpec` containers, as JSON, with the overrides merged onto them by
 * the operator model's container merge (operator/pod-spec-merge.ts), the one
 * a Server's overrides get.
 */
export function applyContainerOverrides(containers: k8s.Container[], input: ServerConfigContainerInput,
  serverContainerName: string): Json[] {
  const byName = new Map(overrides(input, serverContainerName).map(([, name, override]) => [name, renderOverride(name, override)]));
  return containers.map(c => {
    const o = byName.get(c.name);
    const base: Json = k8s.toJson_Container(c)!;
    return o ? keyedOnce(mergoMerge(base, k8s.toJson_Container(o)!)) : base;
  });
}

/**
 * The container lists the ServerConfig CRD keys (x-kubernetes-list-type map: env by name, ports by containerPort and
 * protocol, volumeMounts by mountPath), each key once: the merge appends the override's entries, and the API server
 * refuses a repeated key. The override's entry takes the place of podSpec's, as the later one is what a container gets.
 */
const KEYED_LISTS: ReadonlyArray<readonly [field: string, key: (entry: Json) => string]> = [
  ['env', e => String(e.name)],
  ['ports', p => `${p.containerPort}/${p.protocol ?? 'TCP'}`],
  ['volumeMounts', m => String(m.mountPath)],
];

function keyedOnce(container: Json): Json {
  const out: Json = { ...container };
  for (const [field, key] of KEYED_LISTS) {
    const list = out[field];
    if (!Array.isArray(list)) continue;
    const last = new Map<string, Json>();
    for (const entry of list as Json[]) last.set(key(entry), entry);
    if (last.size < list.length) out[field] = [...last.values()];
  }
  return out;
}

/** Pod-spec fields that are lists: the pod settings' entries are appended to `podSpec`'s. */
const LIST_FIELDS = ['imagePullSecrets', 'tolerations'];

/**
 * The pod settings put onto `podSpec`: lists appended, other fields set
 * where `podSpec` has none. A field set on both is a conflict, reported
 * rather than one silently winning.
 */
export function applyPodSettings(podSpec: k8s.PodSpec, pod: PodSettings): { podSpec: k8s.PodSpec; conflicts: string[] } {
  const merged: Record<string, unknown> = { ...podSpec };
  const conflicts: string[] = [];
  for (const [key, value] of Object.entries(pod._toPodSpec())) {
    const current = (podSpec as unknown as Record<string, unknown>)[key];
    if (current === undefined) merged[key] = value;
    else if (LIST_FIELDS.includes(key)) merged[key] = [...(current as unknown[]), ...(value as unknown[])];
    else conflicts.push(key);
  }
  return { podSpec: merged as unknown as k8s.PodSpec, conflicts };
}

/** The typed prop (or method) that sets a pod-spec field, for messages. */
export function podSettingSource(field: string): string {
  return ({ serviceAccountName: 'serviceAccount', priorityClassName: 'priorityClassName', affinity: 'scheduling.attract/colocate/separate', nodeName: 'scheduling.assign', terminationGracePeriodSeconds: 'terminationGracePeriod' } as Record<string, string>)[field] ?? field;
}
