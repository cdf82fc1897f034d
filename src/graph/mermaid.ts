/**
 * Renders a deployment graph as a Mermaid flowchart, which GitHub and most
 * Markdown viewers draw: namespaces and SeldonDeployments as subgraphs,
 * a shape per kind, thick edges for where Models run, dashed ones for copies
 * and references, and red for problems and unschedulable Models.
 */
import { edgeText, groupTree, isDashed, isThick, nodeLines } from './labels';
import { DeploymentGraph, GraphNode, NodeKind } from './model';

const SHAPES: Record<NodeKind, [string, string]> = {
  SeldonDeployment: ['[[', ']]'],
  Predictor: ['([', '])'],
  GraphNode: ['(', ')'],
  Explainer: ['(', ')'],
  Model: ['{{', '}}'],
  Server: ['[/', '\\]'],
  ServerConfig: ['[\\', '/]'],
  Pipeline: ['>', ']'],
  Experiment: ['{', '}'],
  Secret: ['[/', '/]'],
  PersistentVolumeClaim: ['[(', ')]'],
};

/**
 * Mermaid reads `#name;` as an entity, so every character that could end a
 * label or start markup is written as one.
 */
export function mermaidText(text: string): string {
  return text.replace(/[#"<>&]/g, c => ({ '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' } as Record<string, string>)[c]);
}

function nodeLine(node: GraphNode): string {
  const [open, close] = SHAPES[node.kind];
  return `${node.id}${open}"${nodeLines(node).map(mermaidText).join('<br/>')}"${close}`;
}

export function renderMermaid(graph: DeploymentGraph): string {
  const lines = ['flowchart LR'];
  const tree = groupTree(graph);
  const emit = (parent: string, indent: string): void => {
    for (const node of tree.nodes.get(parent) ?? []) lines.push(`${indent}${nodeLine(node)}`);
    for (const group of tree.groups.get(parent) ?? []) {
      lines.push(`${indent}subgraph ${group.id}["${mermaidText(group.label)}"]`);
      emit(group.id, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };
  emit('', '  ');

  const problems: number[] = [];
  graph.edges.forEach((edge, i) => {
    const arrow = isThick(edge) ? '==>' : isDashed(edge) ? '-.->' : '-->';
    const text = edgeText(edge);
    lines.push(`  ${edge.from} ${arrow}${text ? `|"${mermaidText(text)}"|` : ''} ${edge.to}`);
    if (edge.problem) problems.push(i);
  });

  const external = graph.nodes.filter(n => n.external).map(n => n.id);
  const unschedulable = graph.nodes.filter(n => n.unschedulable).map(n => n.id);
  if (external.length) lines.push('  classDef external stroke-dasharray:5 5', `  class ${external.join(',')} external`);
  if (unschedulable.length) lines.push('  classDef unschedulable stroke:#c00,stroke-width:2px,color:#c00', `  class ${unschedulable.join(',')} unschedulable`);
  if (problems.length) lines.push(`  linkStyle ${problems.join(',')} stroke:#c00,color:#c00`);
  return `${lines.join('\n')}\n`;
}
