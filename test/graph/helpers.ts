import { App, Chart, Testing } from 'cdk8s';
import { DeploymentGraph, GraphEdge, GraphNode, NodeKind } from '../../src/graph';

/** Every object the app's charts synthesize, in chart order, as `cdk8s synth` writes them. */
export function synthApp(app: App): any[] {
  return app.charts.flatMap(chart => Testing.synth(chart));
}

/** An app with the two charts of the example app (examples/main.ts). */
export function exampleCharts(): { app: App; v1: Chart; v2: Chart } {
  const app = Testing.app();
  return { app, v1: new Chart(app, 'seldon-v1', { namespace: 'seldon' }), v2: new Chart(app, 'seldon-v2', { namespace: 'seldon-mesh' }) };
}

/** Looks nodes and edges up by kind and name, failing loudly when one is missing. */
export class GraphQuery {
  public constructor(public readonly graph: DeploymentGraph) {}

  public node(kind: NodeKind, name: string, namespace?: string): GraphNode {
    const found = this.graph.nodes.filter(n => n.kind === kind && n.name === name && (namespace === undefined || n.namespace === namespace));
    if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
    return found[0];
  }

  /** The edges from `from` to `to`. */
  public edges(from: GraphNode, to: GraphNode): GraphEdge[] {
    return this.graph.edges.filter(e => e.from === from.id && e.to === to.id);
  }

  /** The single edge from `from` to `to`. */
  public edge(from: GraphNode, to: GraphNode): GraphEdge {
    const found = this.edges(from, to);
    if (found.length !== 1) throw new Error(`expected one edge ${from.kind} ${from.name} -> ${to.kind} ${to.name}, found ${found.length}`);
    return found[0];
  }

  /** Names of the nodes `from` has edges of `kind` to. */
  public targets(from: GraphNode, kind: GraphEdge['kind']): string[] {
    const byId = new Map(this.graph.nodes.map(n => [n.id, n]));
    return this.graph.edges.filter(e => e.from === from.id && e.kind === kind).map(e => byId.get(e.to)!.name);
  }
}
