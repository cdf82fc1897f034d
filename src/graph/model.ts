/**
 * A picture of what a set of manifests deploys, built from parsed objects
 * alone (made by this library or not): Seldon Core v1 SeldonDeployments with
 * their predictors and graph nodes, Seldon Core v2 Models, Servers,
 * ServerConfigs, Pipelines and Experiments, and the Secrets and
 * PersistentVolumeClaims they use, with the edges between them.
 *
 * The graph is a renderer-neutral list of nodes, edges and nested groups
 * (namespaces, SeldonDeployments); src/graph/mermaid.ts and dot.ts draw it.
 * Building it costs O(objects + edges): objects are indexed by kind,
 * namespace and name in one pass, and Model placement goes through a
 * capability index (see placement.ts).
 */
import { parse as parseYaml } from 'yaml';
import type { GraphNode, NodeKind } from './graph-node';
import { isObject, Json } from './manifests';
import { PlacementIndex, ServerInfo } from './placement';
import { CAPABILITIES_ENV, DEFAULT_SERVER_CONFIGS, EXPLAINER_CAPABILITY, RCLONE_CONTAINER, effectiveCapabilities, parseCapabilities } from '../v2/capabilities';
import { splitApiVersion } from '../validation';

export type { GraphNode, NodeKind } from './graph-node';

/**
 * - `traffic`/`shadow`: SeldonDeployment to predictor;
 * - `child`: predictor to its root graph node, graph node to child;
 * - `explainer`: predictor to its explainer;
 * - `pinned`/`placement`: Model to the Server it is pinned to / a Server
 *   advertising all its requirements; `possible`: a Server whose
 *   capabilities are unknown;
 * - `secret`, `volume`, `serverConfig`: what an object reads or mounts;
 * - `dataflow`, `candidate`, `mirror`, `explains`: Pipelines, Experiments and
 *   explainer Models.
 */
export type EdgeKind = 'traffic' | 'shadow' | 'child' | 'explainer' | 'pinned' | 'placement' | 'possible'
| 'secret' | 'volume' | 'serverConfig' | 'dataflow' | 'candidate' | 'mirror' | 'explains';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
  /** What goes wrong along this edge (a pinned server lacking a requirement, a Secret the v2 agent cannot read). */
  readonly problem?: string;
}

export interface GraphGroup {
  /** `g<index>`. */
  readonly id: string;
  readonly label: string;
  readonly parent?: string;
}

export interface DeploymentGraph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  readonly groups: GraphGroup[];
  /** Objects skipped or ambiguous (duplicates, unnamed objects). */
  readonly warnings: string[];
}

export interface GraphOptions {
  /**
   * Draw the Servers `mlserver` and `triton` that a Seldon Core v2
   * installation runs in each namespace with Models (SELDON-FACTS §2.5),
   * unless the manifests define a Server of that name there.
   * @default true
   */
  readonly defaultServers?: boolean;
}

/** The Servers every installation runs, one replica each (§2.5). */
const INSTALLATION_SERVERS = ['mlserver', 'triton'];
const V1_GROUP = 'machinelearning.seldon.io';
const V2_GROUP = 'mlops.seldon.io';
const INITIALIZER_SUFFIX = '-model-initializer';

interface ModelInfo {
  readonly node: GraphNode;
  readonly spec: Json;
  readonly requirements: string[];
  readonly replicas: number;
  readonly minReplicas: number;
  readonly localPath?: string;
}

interface Reference {
  readonly from: GraphNode;
  readonly kind: 'Secret' | 'PersistentVolumeClaim';
  readonly namespace?: string;
  readonly name: string;
  readonly label: string;
  readonly edge: EdgeKind;
  /** Checks the referenced object when the manifests define it. */
  readonly check?: (target: Json) => string | undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function obj(value: unknown): Json {
  return isObject(value) ? value : {};
}

/** Replicas after the operator's defaulting (§2.6): `replicas`, else `minReplicas` when above 0, else 1. */
function scaling(spec: Json): { replicas: number; minReplicas: number } {
  const min = num(spec.minReplicas) ?? 0;
  const replicas = num(spec.replicas);
  return { replicas: replicas !== undefined && replicas >= 0 ? replicas : (min > 0 ? min : 1), minReplicas: min };
}

function list(values: readonly string[]): string {
  return values.join(', ');
}

/** The pod's PVC volumes and where each container mounts them. */
function pvcMounts(podSpec: Json): Array<{ volume: string; claim: string; mounts: Array<{ container: string; path: string }> }> {
  const claims = new Map<string, string>();
  for (const v of objects(podSpec.volumes)) {
    const claim = str(obj(v.persistentVolumeClaim).claimName);
    const name = str(v.name);
    if (claim && name) claims.set(name, claim);
  }
  if (claims.size === 0) return [];
  const byVolume = new Map<string, Array<{ container: string; path: string }>>();
  for (const c of [...objects(podSpec.initContainers), ...objects(podSpec.containers)]) {
    for (const m of objects(c.volumeMounts)) {
      const volume = str(m.name);
      const path = str(m.mountPath);
      if (!volume || !path || !claims.has(volume)) continue;
      const mounts = byVolume.get(volume) ?? [];
      mounts.push({ container: str(c.name) ?? '(unnamed)', path });
      byVolume.set(volume, mounts);
    }
  }
  return [...claims].map(([volume, claim]) => ({ volume, claim, mounts: byVolume.get(volume) ?? [] }));
}

function mountLabel(mounts: ReadonlyArray<{ container: string; path: string }>, volume: string): string {
  if (mounts.length === 0) return `volume ${volume}, not mounted`;
  const paths = [...new Set(mounts.map(m => m.path))];
  return `mounts ${list(paths)} (${list([...new Set(mounts.map(m => m.container))])})`;
}

/** What a Secret holds, for its label: rclone env variables (v1) or one v2 remote document. */
function describeSecret(secret: Json): string[] {
  const entries = secretEntries(secret);
  if (entries.length === 0) return [];
  const env = entries.filter(([k]) => /^RCLONE_CONFIG_.+_TYPE$/.test(k)).map(([k]) => k.slice('RCLONE_CONFIG_'.length, -'_TYPE'.length).toLowerCase());
  if (env.length > 0) return [`rclone env: ${list(env)}`];
  if (entries.length === 1) {
    const remote = v2RemoteName(entries[0][1]);
    if (remote !== undefined) return [`rclone v2: ${remote}`];
  }
  return [`${entries.length} key(s)`];
}

function secretEntries(secret: Json): Array<[string, string]> {
  const entries = new Map<string, string>();
  for (const [k, v] of Object.entries(obj(secret.data))) if (typeof v === 'string') entries.set(k, Buffer.from(v, 'base64').toString('utf8'));
  for (const [k, v] of Object.entries(obj(secret.stringData))) if (typeof v === 'string') entries.set(k, v);
  return [...entries];
}

function v2RemoteName(document: string): string | undefined {
  try {
    const parsed: unknown = parseYaml(document);
    return isObject(parsed) && typeof parsed.type === 'string' ? str(parsed.name) : undefined;
  } catch {
    return undefined;
  }
}

/** The v2 agent reads a storage Secret with exactly one key (§2.9). */
function v2SecretProblem(secret: Json): string | undefined {
  const keys = secretEntries(secret).length;
  return keys === 1 ? undefined : `the Secret has ${keys} keys; the v2 agent reads exactly one ({type, name, parameters})`;
}

interface NodeOptions {
  readonly group?: string;
  readonly details?: string[];
  readonly external?: string;
  /** Registers the node for `find()` under this key. */
  readonly key?: string;
}

type ServerConfigs = Map<string, { node: GraphNode; spec: Json }>;

/** The graph node whose container `container` is: its own, or the one its storage initializer fills. */
function unitOf(container: string): string {
  return container.endsWith(INITIALIZER_SUFFIX) ? container.slice(0, -INITIALIZER_SUFFIX.length) : container;
}

class Builder {
  public readonly nodes: GraphNode[] = [];
  public readonly edges: GraphEdge[] = [];
  public readonly groups: GraphGroup[] = [];
  public readonly warnings: string[] = [];
  private readonly namespaceGroups = new Map<string, string>();
  private readonly byKey = new Map<string, GraphNode>();
  private readonly byKindAndName = new Map<string, GraphNode>();
  private readonly edgeKeys = new Set<string>();

  public group(label: string, parent?: string): string {
    const id = `g${this.groups.length}`;
    this.groups.push({ id, label, parent });
    return id;
  }

  /** The group of a namespace; objects without one are drawn outside any group. */
  public namespaceGroup(namespace: string | undefined): string | undefined {
    if (namespace === undefined) return undefined;
    let id = this.namespaceGroups.get(namespace);
    if (id === undefined) {
      id = this.group(`namespace ${namespace}`);
      this.namespaceGroups.set(namespace, id);
    }
    return id;
  }

  public add(kind: NodeKind, name: string, namespace: string | undefined, options: NodeOptions = {}): GraphNode {
    const node: GraphNode = {
      id: `n${this.nodes.length}`,
      kind,
      name,
      namespace,
      group: options.group ?? this.namespaceGroup(namespace),
      details: options.details ?? [],
      external: options.external,
    };
    this.nodes.push(node);
    if (options.key !== undefined) this.byKey.set(options.key, node);
    if (!this.byKindAndName.has(`${kind}|${name}`)) this.byKindAndName.set(`${kind}|${name}`, node);
    return node;
  }

  public key(kind: NodeKind, namespace: string | undefined, name: string): string {
    return `${kind}|${namespace ?? ''}|${name}`;
  }

  /**
   * The object `kind/name` as seen from `namespace`: the one in that
   * namespace, else one without a namespace (applied wherever kubectl points);
   * from an object without a namespace, one of that name in any namespace.
   */
  public find(kind: NodeKind, namespace: string | undefined, name: string): GraphNode | undefined {
    return this.byKey.get(this.key(kind, namespace, name))
      ?? (namespace !== undefined ? this.byKey.get(this.key(kind, undefined, name)) : this.byKindAndName.get(`${kind}|${name}`));
  }

  /** The object, or an external node standing for it. */
  public findOrExternal(kind: NodeKind, namespace: string | undefined, name: string): GraphNode {
    return this.find(kind, namespace, name)
      ?? this.add(kind, name, namespace, { external: 'not in the manifests', key: this.key(kind, namespace, name) });
  }

  public has(key: string): boolean {
    return this.byKey.has(key);
  }

  public edge(from: GraphNode, to: GraphNode, kind: EdgeKind, label?: string, problem?: string): void {
    const key = `${from.id}|${to.id}|${kind}|${label ?? ''}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ from: from.id, to: to.id, kind, label, problem });
  }
}

/** Builds the graph of `values`: parsed Kubernetes objects, e.g. from `readManifests` or `Testing.synth`. */
export function buildDeploymentGraph(values: readonly unknown[], options: GraphOptions = {}): DeploymentGraph {
  const b = new Builder();
  const models: ModelInfo[] = [];
  const servers: Array<{ node: GraphNode; spec: Json }> = [];
  const serverConfigs: ServerConfigs = new Map();
  const pipelines: Array<{ node: GraphNode; spec: Json }> = [];
  const experiments: Array<{ node: GraphNode; spec: Json }> = [];
  const references: Reference[] = [];
  const secrets = new Map<GraphNode, Json>();

  // Pass 1: a node per object, in document order.
  for (const value of values) {
    if (!isObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') continue;
    const { group } = splitApiVersion(value.apiVersion);
    const kind = value.kind;
    const metadata = obj(value.metadata);
    const name = str(metadata.name);
    const namespace = str(metadata.namespace);
    const spec = obj(value.spec);
    const graphKind = nodeKindOf(group, kind);
    if (graphKind === undefined) continue;
    if (name === undefined) {
      b.warnings.push(`${kind} without metadata.name skipped`);
      continue;
    }
    const key = graphKind === 'ServerConfig' ? b.key(graphKind, undefined, name) : b.key(graphKind, namespace, name);
    if (b.has(key)) {
      b.warnings.push(`${kind} ${namespace ? `${namespace}/` : ''}${name} is defined twice; the first definition is drawn`);
      continue;
    }
    switch (graphKind) {
      case 'SeldonDeployment':
        addSeldonDeployment(b, name, namespace, spec, key, references);
        break;
      case 'Model':
        models.push(addModel(b, name, namespace, spec, key, references));
        break;
      case 'Server':
        servers.push({ node: b.add('Server', name, namespace, { key }), spec });
        break;
      case 'ServerConfig': {
        const capabilities = configCapabilities(spec);
        const details = [capabilities ? `capabilities ${list(capabilities)}` : 'capabilities unknown'];
        serverConfigs.set(name, { node: b.add('ServerConfig', name, namespace, { key, details }), spec });
        break;
      }
      case 'Pipeline':
        pipelines.push({ node: b.add('Pipeline', name, namespace, { key, details: [`${objects(spec.steps).length} step(s)`] }), spec });
        break;
      case 'Experiment':
        experiments.push({ node: b.add('Experiment', name, namespace, { key, details: str(spec.resourceType) === 'pipeline' ? ['of pipelines'] : [] }), spec });
        break;
      case 'Secret':
        secrets.set(b.add('Secret', name, namespace, { key, details: describeSecret(value) }), value);
        break;
      case 'PersistentVolumeClaim': {
        const storage = obj(obj(spec.resources).requests).storage;
        const size = typeof storage === 'string' || typeof storage === 'number' ? [String(storage)] : [];
        const summary = [...size, ...strings(spec.accessModes)].join(' ');
        b.add('PersistentVolumeClaim', name, namespace, { key, details: summary ? [summary] : [] });
        break;
      }
    }
  }

  // Pass 2: what the servers advertise and mount, then where each model goes.
  const placement = new PlacementIndex();
  for (const { node, spec } of servers) placement.add(describeServer(b, node, spec, serverConfigs, references));
  if (options.defaultServers ?? true) {
    const namespaces = new Set(models.map(m => m.node.namespace));
    for (const namespace of namespaces) {
      for (const name of INSTALLATION_SERVERS) {
        // A Server of that name without a namespace may well be this one, applied where kubectl points.
        if (b.has(b.key('Server', namespace, name)) || b.has(b.key('Server', undefined, name))) continue;
        const config = serverConfigs.get(name);
        const capabilities = config ? configCapabilities(config.spec) : [...DEFAULT_SERVER_CONFIGS[name].capabilities];
        const node = b.add('Server', name, namespace, { external: 'installation default', key: b.key('Server', namespace, name), details: [`serverConfig ${name}`, 'replicas 1'] });
        if (config) b.edge(node, config.node, 'serverConfig');
        placement.add({ node, name, namespace, capabilities, replicas: 1, rcloneMounts: config ? rcloneMounts(obj(config.spec.podSpec)) : [] });
      }
    }
  }
  for (const model of models) placeModel(b, placement, model);

  for (const ref of references) {
    const target = b.findOrExternal(ref.kind, ref.namespace, ref.name);
    const problem = ref.check && secrets.has(target) ? ref.check(secrets.get(target)!) : undefined;
    b.edge(ref.from, target, ref.edge, ref.label, problem);
  }
  for (const p of pipelines) addPipelineEdges(b, p.node, p.spec);
  for (const e of experiments) addExperimentEdges(b, e.node, e.spec);
  for (const m of models) {
    const explainer = obj(m.spec.explainer);
    const modelRef = str(explainer.modelRef);
    const pipelineRef = str(explainer.pipelineRef);
    if (modelRef) b.edge(m.node, b.findOrExternal('Model', m.node.namespace, modelRef), 'explains');
    if (pipelineRef) b.edge(m.node, b.findOrExternal('Pipeline', m.node.namespace, pipelineRef), 'explains');
  }
  return { nodes: b.nodes, edges: b.edges, groups: b.groups, warnings: b.warnings };
}

function nodeKindOf(group: string, kind: string): NodeKind | undefined {
  if (group === V1_GROUP) return kind === 'SeldonDeployment' ? kind : undefined;
  if (group === V2_GROUP) return ['Model', 'Server', 'ServerConfig', 'Pipeline', 'Experiment'].includes(kind) ? kind as NodeKind : undefined;
  if (group === '') return kind === 'Secret' || kind === 'PersistentVolumeClaim' ? kind : undefined;
  return undefined;
}

function addSeldonDeployment(b: Builder, name: string, namespace: string | undefined, spec: Json, key: string, references: Reference[]): void {
  const group = b.group(`SeldonDeployment ${name}`, b.namespaceGroup(namespace));
  const protocol = str(spec.protocol);
  const sdep = b.add('SeldonDeployment', name, namespace, { group, key, details: [`protocol ${protocol ?? 'seldon (default)'}`] });
  const predictors = objects(spec.predictors);
  const mainCount = predictors.filter(p => p.shadow !== true).length;
  predictors.forEach((p, i) => {
    const predictorName = str(p.name) ?? `predictors[${i}]`;
    const predictor = b.add('Predictor', predictorName, namespace, { group, details: [`replicas ${num(p.replicas) ?? 1}`] });
    if (p.shadow === true) b.edge(sdep, predictor, 'shadow', 'shadow: copy of requests');
    else b.edge(sdep, predictor, 'traffic', `${num(p.traffic) ?? (mainCount === 1 ? 100 : 0)}%`);

    const pods = objects(p.componentSpecs).map(c => obj(c.spec));
    const containers = new Map<string, Json>();
    const initContainers = new Map<string, Json>();
    for (const pod of pods) {
      for (const c of objects(pod.containers)) if (str(c.name)) containers.set(c.name as string, c);
      for (const c of objects(pod.initContainers)) if (str(c.name)) initContainers.set(c.name as string, c);
    }

    const units = new Map<string, GraphNode>();
    const walk = (unit: Json, parent: GraphNode, depth: number): void => {
      const unitName = str(unit.name) ?? '(unnamed)';
      const container = containers.get(unitName);
      const initializer = initContainers.get(`${unitName}${INITIALIZER_SUFFIX}`);
      const source = str(unit.modelUri) ?? strings(initializer?.args)[0];
      const details = [str(unit.implementation) ?? str(unit.type), source, str(container?.image)].filter((d): d is string => d !== undefined);
      const node = b.add('GraphNode', unitName, namespace, { group, details });
      if (!units.has(unitName)) units.set(unitName, node);
      b.edge(parent, node, 'child');
      const secret = str(unit.envSecretRefName);
      if (secret) references.push({ from: node, kind: 'Secret', namespace, name: secret, label: 'envSecretRefName', edge: 'secret' });
      for (const ref of objects(initializer?.envFrom)) {
        const fromSecret = str(obj(ref.secretRef).name);
        if (fromSecret) references.push({ from: node, kind: 'Secret', namespace, name: fromSecret, label: 'envFrom (initializer)', edge: 'secret' });
      }
      addPvcUri(unit.modelUri, node, namespace, references);
      // YAML cannot hold cycles, but a deep graph written by hand should not exhaust the stack.
      if (depth < 100) for (const child of objects(unit.children)) walk(child, node, depth + 1);
    };
    if (isObject(p.graph)) walk(p.graph, predictor, 0);

    for (const pod of pods) {
      for (const { volume, claim, mounts } of pvcMounts(pod)) {
        const owners = new Set(mounts.map(m => units.get(unitOf(m.container)) ?? predictor));
        if (owners.size === 0) owners.add(predictor);
        for (const owner of owners) {
          const own = mounts.filter(m => m.container === owner.name);
          references.push({ from: owner, kind: 'PersistentVolumeClaim', namespace, name: claim, label: mountLabel(own.length ? own : mounts, volume), edge: 'volume' });
        }
      }
    }

    if (isObject(p.explainer)) {
      const ex = p.explainer;
      const details = [str(ex.type), str(ex.modelUri)].filter((d): d is string => d !== undefined);
      const explainer = b.add('Explainer', 'explainer', namespace, { group, details });
      b.edge(predictor, explainer, 'explainer');
      const secret = str(ex.envSecretRefName);
      if (secret) references.push({ from: explainer, kind: 'Secret', namespace, name: secret, label: 'envSecretRefName', edge: 'secret' });
      addPvcUri(ex.modelUri, explainer, namespace, references);
    }
  });
}

function addPvcUri(uri: unknown, from: GraphNode, namespace: string | undefined, references: Reference[]): void {
  const text = str(uri);
  if (!text?.startsWith('pvc://')) return;
  const [claim, ...rest] = text.slice('pvc://'.length).split('/');
  if (claim) references.push({ from, kind: 'PersistentVolumeClaim', namespace, name: claim, label: `pvc:// /${rest.join('/')}`, edge: 'volume' });
}

function addModel(b: Builder, name: string, namespace: string | undefined, spec: Json, key: string, references: Reference[]): ModelInfo {
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

function configCapabilities(spec: Json): string[] | undefined {
  for (const c of objects(obj(spec.podSpec).containers)) {
    for (const e of objects(c.env)) {
      if (e.name === CAPABILITIES_ENV && typeof e.value === 'string') return parseCapabilities(e.value);
    }
  }
  return undefined;
}

/** Where PVC volumes are mounted into the rclone container, which reads local-path models (§2.10). */
function rcloneMounts(podSpec: Json): string[] {
  return pvcMounts(podSpec).flatMap(v => v.mounts.filter(m => m.container === RCLONE_CONTAINER).map(m => m.path));
}

function describeServer(b: Builder, node: GraphNode, spec: Json, serverConfigs: ServerConfigs, references: Reference[]): ServerInfo {
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
function placeModel(b: Builder, placement: PlacementIndex, model: ModelInfo): void {
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

function addPipelineEdges(b: Builder, pipeline: GraphNode, spec: Json): void {
  const namespace = pipeline.namespace;
  const steps = objects(spec.steps).filter(s => str(s.name) !== undefined);
  const stepNodes = new Map<string, GraphNode>();
  for (const s of steps) stepNodes.set(s.name as string, b.findOrExternal('Model', namespace, s.name as string));
  // A reference is `<step|pipeline>[.inputs|.outputs[.<tensor>]]`.
  const source = (ref: string): GraphNode => {
    const head = ref.split('.')[0];
    if (head === pipeline.name) return pipeline;
    return stepNodes.get(head) ?? b.find('Pipeline', namespace, head) ?? b.findOrExternal('Model', namespace, head);
  };
  for (const s of steps) {
    const target = stepNodes.get(s.name as string)!;
    const inputs = strings(s.inputs);
    if (inputs.length === 0) b.edge(pipeline, target, 'dataflow', 'input');
    for (const ref of inputs) b.edge(source(ref), target, 'dataflow', source(ref) === pipeline ? 'input' : pipeline.name);
    for (const ref of strings(s.triggers)) b.edge(source(ref), target, 'dataflow', `trigger (${pipeline.name})`);
  }
  for (const ref of strings(obj(spec.output).steps)) b.edge(source(ref), pipeline, 'dataflow', 'output');
  // Other pipelines' data this one runs on, `<pipeline>[.<step>].outputs...`.
  const input = obj(spec.input);
  const external = (ref: string): GraphNode => {
    const head = ref.split('.')[0];
    return b.find('Pipeline', namespace, head) ?? b.find('Model', namespace, head) ?? b.findOrExternal('Pipeline', namespace, head);
  };
  for (const ref of strings(input.externalInputs)) b.edge(external(ref), pipeline, 'dataflow', 'external input');
  for (const ref of strings(input.externalTriggers)) b.edge(external(ref), pipeline, 'dataflow', 'external trigger');
}

function addExperimentEdges(b: Builder, experiment: GraphNode, spec: Json): void {
  const kind: NodeKind = str(spec.resourceType) === 'pipeline' ? 'Pipeline' : 'Model';
  const defaultName = str(spec.default);
  for (const c of objects(spec.candidates)) {
    const name = str(c.name);
    if (!name) continue;
    const weight = num(c.weight);
    b.edge(experiment, b.findOrExternal(kind, experiment.namespace, name), 'candidate',
      [weight !== undefined ? `weight ${weight}` : undefined, name === defaultName ? 'default' : undefined].filter(Boolean).join(', ') || undefined);
  }
  const mirror = obj(spec.mirror);
  const mirrorName = str(mirror.name);
  if (mirrorName) b.edge(experiment, b.findOrExternal(kind, experiment.namespace, mirrorName), 'mirror', `mirror ${num(mirror.percent) ?? '?'}%`);
}
