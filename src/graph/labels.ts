/**
 * The text of nodes and edges, shared by the Mermaid and DOT renderers so
 * that both diagrams say the same thing.
 */
import { DeploymentGraph, GraphEdge, GraphGroup, GraphNode, NodeKind } from './model';

const TITLES: Record<NodeKind, string> = {
  SeldonDeployment: 'SeldonDeployment',
  Predictor: 'predictor',
  GraphNode: '',
  Explainer: '',
  Model: 'Model',
  Server: 'Server',
  ServerConfig: 'ServerConfig',
  Pipeline: 'Pipeline',
  Experiment: 'Experiment',
  Secret: 'Secret',
  PersistentVolumeClaim: 'PVC',
};

/** The lines of a node's label: kind and name, details, then why it is special. */
export function nodeLines(node: GraphNode): string[] {
  const title = TITLES[node.kind];
  const lines = [title ? `${title} ${node.name}` : node.name, ...node.details];
  if (node.external) lines.push(`(${node.external})`);
  if (node.unschedulable) lines.push(`✗ unschedulable: ${node.unschedulable}`);
  return lines;
}

/** An edge's label, with its problem if any. */
export function edgeText(edge: GraphEdge): string | undefined {
  if (edge.problem) return edge.label ? `${edge.label} ✗ ${edge.problem}` : `✗ ${edge.problem}`;
  return edge.label;
}

/** Edges drawn dashed: copies, optional or indirect relations. */
export function isDashed(edge: GraphEdge): boolean {
  return ['shadow', 'mirror', 'possible', 'secret', 'serverConfig'].includes(edge.kind);
}

/** Edges drawn thick: where a model runs. */
export function isThick(edge: GraphEdge): boolean {
  return edge.kind === 'pinned' || edge.kind === 'placement';
}

/** Groups and nodes by the group that contains them (`''` for the top level), in creation order. */
export interface GroupTree {
  readonly groups: Map<string, GraphGroup[]>;
  readonly nodes: Map<string, GraphNode[]>;
}

export function groupTree(graph: DeploymentGraph): GroupTree {
  const groups = new Map<string, GraphGroup[]>();
  const nodes = new Map<string, GraphNode[]>();
  for (const g of graph.groups) push(groups, g.parent ?? '', g);
  for (const n of graph.nodes) push(nodes, n.group ?? '', n);
  return { groups, nodes };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}
