/** Seldon Core v2 Models and Servers as nodes, and where each Model can be placed. */
import { Builder, Reference } from './builder';
import type { GraphNode } from './graph-node';
import { list, num, obj, objects, scaling, str, strings } from './json';
import { isObject, Json } from './manifests';
import { PlacementIndex, ServerInfo } from './placement';
import { mountLabel, pvcMounts, rcloneMounts, serverRcloneMounts } from './pod-volumes';
import { v2SecretProblem } from './secrets';
import { lastEnvEntry } from '../k8s/env';
import {
  AGENT_CONTAINER, CAPABILITIES_ENV, CapabilityEntry, DEFAULT_SERVER_CONFIGS, MEMORY_REQUEST_ENV, OVERCOMMIT_ENV, entryCapabilities,
  serverCapabilities,
} from '../v2/capabilities';
import { quantityAsInt64 } from '../v2/quantity';
import { schedulerRequirements } from '../v2/server-fit';
import { agentMemoryFromEnv, serverMemory, withAgentEnv } from '../v2/server-memory';

/** The Servers of Seldon's `seldon-core-v2-servers` Helm chart, one replica each (§2.5). */
export const INSTALLATION_SERVERS = ['mlserver', 'triton'];

export interface ModelInfo {
  readonly node: GraphNode;
  readonly spec: Json;
  readonly requirements: string[];
  readonly replicas: number;
  readonly minReplicas: number;
  readonly localPath?: string;
  /** Bytes, as the operator converts `memory`; undefined when not set or not whole. */
  readonly memory?: number;
}

export type ServerConfigs = Map<string, { node: GraphNode; spec: Json }>;

export function addModel(b: Builder, name: string, namespace: string | undefined, spec: Json, key: string, references: Reference[]): ModelInfo {
  // The scheduler trims requirements, appends modelType, and wants alibi-explain for explainers (§2.7, §2.8).
  const requirements = [...new Set(schedulerRequirements(strings(spec.requirements), isObject(spec.explainer), str(spec.modelType)))];
  const { replicas, minReplicas } = scaling(spec);
  const storageUri = str(spec.storageUri);
  const details = [
    storageUri ?? '(no storageUri)',
    requirements.length ? `requires ${list(requirements)}` : undefined,
    replicas !== 1 ? `replicas ${replicas}` : undefined,
    str(spec.memory) !== undefined || num(spec.memory) !== undefined ? `memory ${String(spec.memory)}` : undefined,
  ].filter((d): d is string => d !== undefined);
  const node = b.add('Model', name, namespace, { key, details });
  const secret = str(spec.secretName);
  if (secret) references.push({ from: node, kind: 'Secret', namespace, name: secret, label: 'secretName', edge: 'secret', check: v2SecretProblem });
  const memory = typeof spec.memory === 'string' ? quantityAsInt64(spec.memory) : num(spec.memory) !== undefined ? quantityAsInt64(String(spec.memory)) : undefined;
  return {
    node,
    spec,
    requirements,
    replicas,
    minReplicas,
    localPath: storageUri?.startsWith('/') ? storageUri : undefined,
    memory: memory === undefined ? undefined : Number(memory),
  };
}

/** The agent container's env of a pod spec. */
function agentEnv(podSpec: Json): Json[] {
  return objects(objects(podSpec.containers).find(c => c.name === AGENT_CONTAINER)?.env);
}

/** The agent's `SELDON_SERVER_CAPABILITIES` in a pod spec's agent env (capabilities.ts `CapabilityEntry`). */
function capabilityEntry(env: Json[]): CapabilityEntry {
  const e = lastEnvEntry(env, CAPABILITIES_ENV);
  if (e === undefined) return 'absent';
  return { value: typeof e.value === 'string' ? e.value : '', fromRef: e.valueFrom !== undefined };
}

/** The capabilities of a ServerConfig of the manifests, as its agent reads them (SELDON-FACTS §2.4). */
export function configCapabilities(spec: Json): string[] | undefined {
  return entryCapabilities(capabilityEntry(agentEnv(obj(spec.podSpec))));
}

/** The memory requests of a pod's containers, by name. */
function memoryRequests(podSpec: Json): Map<string, string | number> {
  const requests = new Map<string, string | number>();
  for (const c of objects(podSpec.containers)) {
    const memory = obj(obj(c.resources).requests).memory;
    if (typeof c.name === 'string' && (typeof memory === 'string' || typeof memory === 'number')) requests.set(c.name, memory);
  }
  return requests;
}

export function describeServer(b: Builder, node: GraphNode, spec: Json, serverConfigs: ServerConfigs, references: Reference[]): ServerInfo {
  const configName = str(spec.serverConfig);
  const config = configName ? serverConfigs.get(configName) : undefined;
  const known = configName !== undefined && Object.prototype.hasOwnProperty.call(DEFAULT_SERVER_CONFIGS, configName);
  const defaults = known ? DEFAULT_SERVER_CONFIGS[configName] : undefined;
  const configEnv = config ? agentEnv(obj(config.spec.podSpec)) : [];
  const fromConfig: CapabilityEntry | undefined = config ? capabilityEntry(configEnv)
    : defaults ? { value: defaults.capabilities.join(','), fromRef: false } : undefined;
  const replacing = strings(spec.capabilities);
  const extra = strings(spec.extraCapabilities);
  const capabilities = serverCapabilities(capabilityEntry(agentEnv(obj(spec.podSpec))), fromConfig, replacing, extra);
  const serverRequests = memoryRequests(obj(spec.podSpec));
  const configRequests = config ? memoryRequests(obj(config.spec.podSpec)) : undefined;
  const ownAgentEnv = agentEnv(obj(spec.podSpec));
  const agentMemory = ownAgentEnv.some(e => e.name === MEMORY_REQUEST_ENV || e.name === OVERCOMMIT_ENV) ? undefined
    : withAgentEnv(config ? agentMemoryFromEnv(configEnv) : defaults?.agentMemory, ownAgentEnv);
  const requestOf = (c: string) => serverRequests.get(c) ?? (configRequests ? configRequests.get(c) : defaults?.resources[c]?.requests?.memory);
  const memory = serverMemory(agentMemory, requestOf);
  const { replicas } = scaling(spec);

  node.details.push(`serverConfig ${configName ?? '(none)'}`);
  if (replacing.length > 0) node.details.push(`capabilities ${list(replacing)}`);
  else if (extra.length > 0) node.details.push(`+ ${list(extra)}`);
  if (capabilities === undefined) node.details.push('capabilities unknown');
  node.details.push(`replicas ${replicas}`);
  if (config) b.edge(node, config.node, 'serverConfig');

  const podSpec = obj(spec.podSpec);
  for (const { volume, claim, mounts } of pvcMounts(podSpec)) {
    references.push({ from: node, kind: 'PersistentVolumeClaim', namespace: node.namespace, name: claim, label: mountLabel(mounts, volume), edge: 'volume' });
  }
  const mounts = [...serverRcloneMounts(podSpec), ...(config ? rcloneMounts(obj(config.spec.podSpec)) : [])];
  return { node, name: node.name, namespace: node.namespace, capabilities, replicas, rcloneMounts: mounts, memory };
}

/** Draws where the model can go, and marks it unschedulable when nowhere. */
export function placeModel(b: Builder, placement: PlacementIndex, model: ModelInfo): void {
  const label = model.requirements.length ? list(model.requirements) : 'no requirements';
  const pinned = str(model.spec.server);
  if (pinned !== undefined) {
    const server = placement.pinned(model.node.namespace, pinned);
    if (server === undefined) {
      b.edge(model.node, b.findOrExternal('Server', model.node.namespace, pinned), 'pinned', `pinned: ${label}`);
      return;
    }
    const problem = placement.problem(server, model);
    b.edge(model.node, server.node, 'pinned', `pinned: ${label}`, problem);
    if (problem) model.node.unschedulable = `pinned Server ${server.name}: ${problem}`;
    return;
  }
  const verdict = placement.verdict(model.node.namespace, model.requirements);
  for (const server of verdict.candidates) b.edge(model.node, server.node, 'placement', label, placement.problem(server, model));
  for (const group of verdict.visibleGroups) {
    for (const server of group.opaque) b.edge(model.node, server.node, 'possible', `? ${label} (capabilities unknown)`);
  }
  // the same decision as the synth-time check (src/v2/server-fit.ts)
  const reason = placement.unplaceable(model.node.namespace, model);
  if (reason) model.node.unschedulable = reason;
}

/** What a replica of an installation Server (one replica, no overrides) offers: its ServerConfig from the manifests, else the installation's. */
export function installationServerMemory(name: string, config: { spec: Json } | undefined): { capacity: number } | undefined {
  if (config) {
    const requests = memoryRequests(obj(config.spec.podSpec));
    return serverMemory(agentMemoryFromEnv(agentEnv(obj(config.spec.podSpec))), c => requests.get(c));
  }
  const defaults = DEFAULT_SERVER_CONFIGS[name];
  return serverMemory(defaults.agentMemory, c => defaults.resources[c]?.requests?.memory);
}
