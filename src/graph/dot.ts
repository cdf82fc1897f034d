/**
 * Renders a deployment graph in Graphviz DOT (`dot -Tsvg`): namespaces and
 * SeldonDeployments as clusters, the same labels and conventions as the
 * Mermaid diagram.
 */
import { edgeText, groupTree, isDashed, isThick, nodeLines } from './labels';
import { DeploymentGraph, GraphNode, NodeKind } from './model';

const SHAPES: Record<NodeKind, string> = {
  SeldonDeployment: 'component',
  Predictor: 'oval',
  GraphNode: 'box',
  Explainer: 'note',
  Model: 'hexagon',
  Server: 'box3d',
  ServerConfig: 'tab',
  Pipeline: 'cds',
  Experiment: 'diamond',
  Secret: 'octagon',
  PersistentVolumeClaim: 'cylinder',
};

/** A DOT string literal; `\n` inside it is a line break of the label. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

function lineBreaks(lines: readonly string[]): string {
  return dotString(lines.join('\u0000')).replace(/\u0000/g, '\\n');
}

function nodeLine(node: GraphNode): string {
  const attributes = [`label=${lineBreaks(nodeLines(node))}`, `shape=${SHAPES[node.kind]}`];
  const styles = [node.kind === 'GraphNode' ? 'rounded' : undefined, node.external ? 'dashed' : undefined].filter(Boolean);
  if (styles.length) attributes.push(`style=${dotString(styles.join(','))}`);
  if (node.unschedulable) attributes.push('color="#cc0000"', 'fontcolor="#cc0000"', 'penwidth=2');
  return `${node.id} [${attributes.join(', ')}];`;
}

export function renderDot(graph: DeploymentGraph): string {
  const lines = [
    'digraph seldon {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const tree = groupTree(graph);
  const emit = (parent: string, indent: string): void => {
    for (const node of tree.nodes.get(parent) ?? []) lines.push(`${indent}${nodeLine(node)}`);
    for (const group of tree.groups.get(parent) ?? []) {
      lines.push(`${indent}subgraph cluster_${group.id} {`, `${indent}  label=${dotString(group.label)};`);
      emit(group.id, `${indent}  `);
      lines.push(`${indent}}`);
    }
  };
  emit('', '  ');
  for (const edge of graph.edges) {
    const text = edgeText(edge);
    const attributes = [text !== undefined ? `label=${dotString(text)}` : undefined,
      isDashed(edge) ? 'style=dashed' : isThick(edge) ? 'style=bold' : undefined,
      edge.problem ? 'color="#cc0000", fontcolor="#cc0000"' : undefined].filter(Boolean);
    lines.push(`  ${edge.from} -> ${edge.to}${attributes.length ? ` [${attributes.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
