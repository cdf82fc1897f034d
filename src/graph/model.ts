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
import { Builder, Reference } from './builder';
import { addExperimentEdges, addPipelineEdges } from './dataflow';
import type { GraphNode, NodeKind } from './graph-node';
import type { DeploymentGraph, GraphOptions } from './graph-types';
import { list, obj, objects, str, strings } from './json';
import { isObject, Json } from './manifests';
import { PlacementIndex } from './placement';
import { rcloneMounts } from './pod-volumes';
import { describeSecret } from './secrets';
import { addSeldonDeployment } from './v1-nodes';
import { INSTALLATION_SERVERS, ModelInfo, ServerConfigs, addModel, configCapabilities, describeServer, installationServerMemory, placeModel } from './v2-nodes';
import { maskCredentials } from '../errors';
import { DEFAULT_SERVER_CONFIGS } from '../v2/capabilities';
import { splitApiVersion } from '../validation';

export type { GraphNode, NodeKind } from './graph-node';
export type { DeploymentGraph, EdgeKind, GraphEdge, GraphGroup, GraphOptions } from './graph-types';

const V1_GROUP = 'machinelearning.seldon.io';
const V2_GROUP = 'mlops.seldon.io';

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
      b.warnings.push(metadata.name === undefined ? `${kind} without metadata.name skipped` : `${kind} whose metadata.name is no string (${metadata.name === null ? 'null' : typeof metadata.name}) skipped`);
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
        placement.add({
          node,
          name,
          namespace,
          capabilities,
          replicas: 1,
          rcloneMounts: config ? rcloneMounts(obj(config.spec.podSpec)) : [],
          memory: installationServerMemory(name, config),
        });
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
  // A diagram is committed and shared: a namespace, a SeldonDeployment's subgraph, an edge or a warning shows credentials masked, as node names do.
  const mask = (text: string | undefined) => (text === undefined ? undefined : maskCredentials(text));
  return {
    // Details added after a node is made (a Server's serverConfig, a Model's reason it cannot be placed) as well.
    nodes: b.nodes.map(n => ({ ...n, namespace: mask(n.namespace), details: n.details.map(maskCredentials), unschedulable: mask(n.unschedulable) })),
    edges: b.edges.map(e => ({ ...e, label: mask(e.label), problem: mask(e.problem) })),
    groups: b.groups.map(g => ({ ...g, label: maskCredentials(g.label) })),
    warnings: b.warnings.map(maskCredentials),
  };
}

function nodeKindOf(group: string, kind: string): NodeKind | undefined {
  if (group === V1_GROUP) return kind === 'SeldonDeployment' ? kind : undefined;
  if (group === V2_GROUP) return ['Model', 'Server', 'ServerConfig', 'Pipeline', 'Experiment'].includes(kind) ? kind as NodeKind : undefined;
  if (group === '') return kind === 'Secret' || kind === 'PersistentVolumeClaim' ? kind : undefined;
  return undefined;
}
