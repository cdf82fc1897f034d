/** Collects nodes, edges and groups, and finds objects by kind, namespace and name. */
import type { GraphNode, NodeKind } from './graph-node';
import type { EdgeKind, GraphEdge, GraphGroup } from './graph-types';
import type { Json } from './manifests';
import { maskCredentials } from '../errors';

export interface Reference {
  readonly from: GraphNode;
  readonly kind: 'Secret' | 'PersistentVolumeClaim';
  readonly namespace?: string;
  readonly name: string;
  readonly label: string;
  readonly edge: EdgeKind;
  /** Checks the referenced object when the manifests define it. */
  readonly check?: (target: Json) => string | undefined;
}

export interface NodeOptions {
  readonly group?: string;
  readonly details?: string[];
  readonly external?: string;
  /** Registers the node for `find()` under this key. */
  readonly key?: string;
}

export class Builder {
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
      name: maskCredentials(name),
      namespace,
      group: options.group ?? this.namespaceGroup(namespace),
      // A diagram is committed and shared: a model URI with user info or a connection string's secret shows masked.
      details: (options.details ?? []).map(maskCredentials),
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
