/** Seldon Core v2 Models and Servers as nodes, and where each Model can be placed. */
import { Builder, Reference } from './builder';
import type { GraphNode } from './graph-node';
import { list, num, obj, objects, scaling, str, strings } from './json';
import { isObject, Json } from './manifests';
import { PlacementIndex, ServerInfo } from './placement';
import { mountLabel, pvcMounts, rcloneMounts } from './pod-volumes';
import { v2SecretProblem } from './secrets';
import { CAPABILITIES_ENV, DEFAULT_SERVER_CONFIGS, EXPLAINER_CAPABILITY, effectiveCapabilities, parseCapabilities } from '../v2/capabilities';

/** The Servers every installation runs, one replica each (§2.5). */
export const INSTALLATION_SERVERS = ['mlserver', 'triton'];

export interface ModelInfo {
  readonly node: GraphNode;
  readonly spec: Json;
  readonly requirements: string[];
  readonly replicas: number;
  readonly minReplicas: number;
  readonly localPath?: string;
}

export type ServerConfigs = Map<string, { node: GraphNode; spec: Json }>;

export function addModel(b: Builder, name: string, namespace: string | undefined, spec: Json, key: string, references: Reference[]): ModelInfo {
  // The scheduler trims requirements, appends modelType, and wants alibi-explain for explainers (§2.7, §2.8).
  const requirements = [...new Set([
    ...strings(spec.requirements).map(r => r.trim()),
    ...(str(spec.modelType) ? [(spec.modelType as string).trim()] : []),
    ...(isObject(spec.explainer) ? [EXPLAINER_CAPABILITY] : []),
  ])].filter(r => r.length > 0);
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
  return { node, spec, requirements, replicas, minReplicas, localPath: storageUri?.startsWith('/') ? storageUri : undefined };
}

export function configCapabilities(spec: Json): string[] | undefined {
  for (const c of objects(obj(spec.podSpec).containers)) {
    for (const e of objects(c.env)) {
      if (e.name === CAPABILITIES_ENV && typeof e.value === 'string') return parseCapabilities(e.value);
    }
  }
  return undefined;
}

export function describeServer(b: Builder, node: GraphNode, spec: Json, serverConfigs: ServerConfigs, references: Reference[]): ServerInfo {
  const configName = str(spec.serverConfig);
  const config = configName ? serverConfigs.get(configName) : undefined;
  const known = configName !== undefined && Object.prototype.hasOwnProperty.call(DEFAULT_SERVER_CONFIGS, configName);
  const defaults = known ? DEFAULT_SERVER_CONFIGS[configName] : undefined;
  const fromConfig = config ? configCapabilities(config.spec) : defaults ? [...defaults.capabilities] : undefined;
  const replacing = strings(spec.capabilities);
  const extra = strings(spec.extraCapabilities);
  const capabilities = effectiveCapabilities(fromConfig, replacing, extra);
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
  const mounts = [...rcloneMounts(podSpec), ...(config ? rcloneMounts(obj(config.spec.podSpec)) : [])];
  return { node, name: node.name, namespace: node.namespace, capabilities, replicas, rcloneMounts: mounts };
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
  const verdict = placement.candidates(model.node.namespace, model.requirements);
  const misfits: string[] = [];
  for (const server of verdict.capable) {
    const problem = placement.problem(server, model);
    if (problem) misfits.push(`${server.name} ${problem}`);
    b.edge(model.node, server.node, 'placement', label, problem);
  }
  for (const server of verdict.unknown) b.edge(model.node, server.node, 'possible', `? ${label} (capabilities unknown)`);
  if (verdict.unknown.length > 0 || misfits.length < verdict.capable.length) return;
  model.node.unschedulable = verdict.capable.length === 0
    ? placement.whyNone(model.node.namespace, model.requirements)
    : `no Server advertising ${label} fits: ${misfits.slice(0, 3).join('; ')}`;
}
