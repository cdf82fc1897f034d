import { countServerVisits } from './scheduling-work';

/**
 * Servers indexed by namespace and capability, answering which servers a
 * model's namespace sees that advertise every requirement (exact strings,
 * SELDON-FACTS §2.8; scheduler/pkg/scheduler/filters/sharing.go and
 * serverrequirements.go at v2.10.2). The candidates come from the shortest
 * per-capability list among the requirements, not a scan of every server.
 * The synth-time check (scheduling.ts) and the graph command
 * (src/graph/placement.ts) both match through this index.
 */

/** A server as the index needs it. */
export interface CapableServer {
  readonly namespace?: string;
  /** Undefined when unknown: such a server could take any model. */
  readonly capabilities?: readonly string[];
  readonly capabilitySet: ReadonlySet<string>;
}

/** The servers of one namespace (or of no namespace, key ''). */
export interface NamespaceGroup<S extends CapableServer> {
  readonly known: S[];
  /** Servers of unknown capabilities. */
  readonly opaque: S[];
  readonly byCapability: Map<string, S[]>;
}

/** What the index answers for a namespace and a set of requirements. */
export interface Match<S extends CapableServer> {
  /** Visible servers advertising every requirement. */
  readonly capable: readonly S[];
  /** Visible servers of unknown capabilities, which could also take the model. */
  readonly opaque: readonly S[];
  /** Whether the namespace sees any server at all. */
  readonly anyServer: boolean;
  /** The server groups the namespace sees. */
  readonly visibleGroups: readonly NamespaceGroup<S>[];
}

export class CapabilityIndex<S extends CapableServer> {
  private readonly groups = new Map<string, NamespaceGroup<S>>();

  public add(server: S): void {
    const key = server.namespace ?? '';
    let group = this.groups.get(key);
    if (!group) {
      group = { known: [], opaque: [], byCapability: new Map() };
      this.groups.set(key, group);
    }
    if (server.capabilities === undefined) {
      group.opaque.push(server);
      return;
    }
    group.known.push(server);
    for (const capability of server.capabilitySet) {
      const list = group.byCapability.get(capability);
      if (list) list.push(server);
      else group.byCapability.set(capability, [server]);
    }
  }

  /**
   * The groups a model of `namespace` sees: the scheduler only sees servers of
   * the model's namespace; objects without one could be in any.
   */
  public visible(namespace: string | undefined): NamespaceGroup<S>[] {
    if (namespace === undefined) return [...this.groups.values()];
    return [this.groups.get(namespace), this.groups.get('')].filter((g): g is NamespaceGroup<S> => g !== undefined);
  }

  /** The servers visible from `namespace` that advertise every one of `requirements`. */
  public match(namespace: string | undefined, requirements: readonly string[]): Match<S> {
    const visibleGroups = this.visible(namespace);
    const wanted = [...new Set(requirements)];
    const capable: S[] = [];
    const opaque: S[] = [];
    for (const group of visibleGroups) {
      opaque.push(...group.opaque);
      let smallest: S[] = group.known;
      for (const r of wanted) {
        const list = group.byCapability.get(r) ?? [];
        if (list.length < smallest.length) smallest = list;
      }
      countServerVisits(smallest.length);
      for (const s of smallest) if (advertisesAll(s, wanted)) capable.push(s);
    }
    return { capable, opaque, anyServer: visibleGroups.some(g => g.known.length > 0 || g.opaque.length > 0), visibleGroups };
  }

  /** Up to `max` known servers visible from `namespace`, fewest missing requirements first, with what each lacks. */
  public closest(namespace: string | undefined, requirements: readonly string[], max: number): Array<{ server: S; missing: string[] }> {
    const wanted = [...new Set(requirements)];
    const visible = this.visible(namespace).flatMap(g => g.known);
    countServerVisits(visible.length);
    return visible
      .map(server => ({ server, missing: missingFrom(server, wanted) }))
      .sort((a, b) => a.missing.length - b.missing.length)
      .slice(0, max);
  }
}

/** Whether `server` advertises every one of `requirements` (the scheduler's exact-string match). */
export function advertisesAll(server: CapableServer, requirements: readonly string[]): boolean {
  return requirements.every(r => server.capabilitySet.has(r));
}

/** The distinct requirements `server` does not advertise. */
export function missingFrom(server: CapableServer, requirements: readonly string[]): string[] {
  return [...new Set(requirements)].filter(r => !server.capabilitySet.has(r));
}
