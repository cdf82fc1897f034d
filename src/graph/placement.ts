/**
 * Where the Seldon Core v2 scheduler can place a Model, decided from
 * manifests the way SELDON-FACTS §2.8 describes the scheduler: a Server
 * qualifies when it advertises every requirement (exact strings), has
 * replicas enough for the model (or its `minReplicas`), and, for a model
 * read from a local path, mounts a claim at a parent of that path into its
 * rclone container (§2.10). A pinned model (`spec.server`) only goes to the
 * Server of that name.
 *
 * Servers are indexed by namespace and capability, so a model's candidates
 * come from the shortest list among its requirements instead of a scan of
 * every server; verdicts are memoised per namespace and requirement set.
 * Only explaining why nothing advertises a requirement set scans the
 * namespace's servers, once per such set.
 */
import type { GraphNode } from './graph-node';
import { mountCovers } from '../v2/mount-paths';

/** A Server as the placement needs it. */
export interface ServerInfo {
  readonly node: GraphNode;
  readonly name: string;
  readonly namespace?: string;
  /** Undefined when unknown: a ServerConfig neither in the manifests nor one of the installation's. */
  readonly capabilities?: readonly string[];
  readonly replicas: number;
  /** Where PVC volumes are mounted into the rclone container. */
  readonly rcloneMounts: readonly string[];
}

/** A Model as the placement needs it. */
export interface ModelNeeds {
  readonly requirements: readonly string[];
  readonly replicas: number;
  readonly minReplicas: number;
  readonly localPath?: string;
}

export interface Candidates {
  /** Servers advertising every requirement. */
  readonly capable: readonly IndexedServer[];
  /** Servers whose capabilities are unknown. */
  readonly unknown: readonly IndexedServer[];
}

/** A server with its capabilities as a set. */
export interface IndexedServer extends ServerInfo {
  readonly capabilitySet: ReadonlySet<string>;
}

interface Namespace {
  readonly known: IndexedServer[];
  readonly unknown: IndexedServer[];
  readonly byCapability: Map<string, IndexedServer[]>;
}

const MAX_LISTED = 3;

function memoKey(namespace: string | undefined, requirements: readonly string[]): string {
  return `${namespace ?? '\u0000'}|${[...requirements].sort().join('\u0000')}`;
}

export class PlacementIndex {
  private readonly namespaces = new Map<string, Namespace>();
  private readonly byName = new Map<string, IndexedServer>();
  private readonly memo = new Map<string, Candidates>();
  private readonly reasons = new Map<string, string>();

  public add(server: ServerInfo): void {
    const indexed: IndexedServer = { ...server, capabilitySet: new Set(server.capabilities ?? []) };
    const key = server.namespace ?? '';
    let ns = this.namespaces.get(key);
    if (!ns) {
      ns = { known: [], unknown: [], byCapability: new Map() };
      this.namespaces.set(key, ns);
    }
    if (!this.byName.has(`${key}/${server.name}`)) this.byName.set(`${key}/${server.name}`, indexed);
    if (!this.byName.has(`*/${server.name}`)) this.byName.set(`*/${server.name}`, indexed);
    this.memo.clear();
    this.reasons.clear();
    if (server.capabilities === undefined) {
      ns.unknown.push(indexed);
      return;
    }
    ns.known.push(indexed);
    for (const capability of indexed.capabilitySet) {
      const servers = ns.byCapability.get(capability);
      if (servers) servers.push(indexed);
      else ns.byCapability.set(capability, [indexed]);
    }
  }

  /** The Server a model of `namespace` pinned to `name` runs on, if the manifests (or defaults) have it. */
  public pinned(namespace: string | undefined, name: string): IndexedServer | undefined {
    return this.byName.get(`${namespace ?? ''}/${name}`)
      ?? (namespace !== undefined ? this.byName.get(`/${name}`) : this.byName.get(`*/${name}`));
  }

  /** Servers visible from `namespace` that advertise every requirement, and those of unknown capabilities. */
  public candidates(namespace: string | undefined, requirements: readonly string[]): Candidates {
    const key = memoKey(namespace, requirements);
    const memoised = this.memo.get(key);
    if (memoised) return memoised;
    const capable: IndexedServer[] = [];
    const unknown: IndexedServer[] = [];
    for (const ns of this.visible(namespace)) {
      unknown.push(...ns.unknown);
      let shortest = ns.known;
      for (const r of requirements) {
        const servers = ns.byCapability.get(r) ?? [];
        if (servers.length < shortest.length) shortest = servers;
      }
      for (const s of shortest) if (requirements.every(r => s.capabilitySet.has(r))) capable.push(s);
    }
    const result = { capable, unknown };
    this.memo.set(key, result);
    return result;
  }

  /** Why a capable or pinned server cannot take the model; undefined when it can. */
  public problem(server: IndexedServer, model: ModelNeeds): string | undefined {
    const problems: string[] = [];
    if (server.capabilities !== undefined) {
      const missing = model.requirements.filter(r => !server.capabilitySet.has(r));
      if (missing.length > 0) problems.push(`lacks ${missing.join(', ')}`);
    }
    if (server.replicas === 0 && model.replicas > 0) {
      problems.push('has 0 replicas');
    } else if (!(model.replicas <= server.replicas || (model.minReplicas > 0 && model.minReplicas <= server.replicas))) {
      problems.push(`has ${server.replicas} replica(s), the model wants ${model.replicas}`);
    }
    if (model.localPath !== undefined && server.capabilities !== undefined && !server.rcloneMounts.some(m => mountCovers(m, model.localPath!))) {
      problems.push(`mounts no claim at a parent of ${model.localPath}`);
    }
    return problems.length ? problems.join('; ') : undefined;
  }

  /** Why no server advertises the requirements: the closest servers and what they lack. */
  public whyNone(namespace: string | undefined, requirements: readonly string[]): string {
    const key = memoKey(namespace, requirements);
    let reason = this.reasons.get(key);
    if (reason === undefined) {
      reason = this.explain(namespace, requirements);
      this.reasons.set(key, reason);
    }
    return reason;
  }

  private explain(namespace: string | undefined, requirements: readonly string[]): string {
    const where = namespace === undefined ? '' : ` in namespace ${namespace}`;
    const visible = this.visible(namespace).flatMap(ns => ns.known);
    if (visible.length === 0) return `no Server${where}`;
    const closest = visible
      .map(s => ({ s, missing: requirements.filter(r => !s.capabilitySet.has(r)) }))
      .sort((a, b) => a.missing.length - b.missing.length)
      .slice(0, MAX_LISTED)
      .map(({ s, missing }) => `${s.name} lacks ${missing.join(', ')}`);
    return `no Server${where} advertises ${requirements.join(', ')} (${closest.join('; ')})`;
  }

  /** The scheduler only sees servers of the model's namespace; objects without one could be anywhere. */
  private visible(namespace: string | undefined): Namespace[] {
    if (namespace === undefined) return [...this.namespaces.values()];
    return [this.namespaces.get(namespace), this.namespaces.get('')].filter((n): n is Namespace => n !== undefined);
  }
}
