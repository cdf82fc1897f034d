/**
 * Where the Seldon Core v2 scheduler can place a Model, decided from
 * manifests with the same matcher and rules as the synth-time check
 * (src/v2/capability-index.ts, src/v2/server-fit.ts; SELDON-FACTS §2.8,
 * §2.10): a Server qualifies when it advertises every requirement, has
 * replicas enough for the model (or its `minReplicas`), memory enough, and,
 * for a model read from a local path, mounts a claim at a parent of that
 * path into its rclone container. A pinned model (`spec.server`) only goes
 * to the Server of that name. This module only words the verdicts for the
 * graph's labels.
 */
import type { GraphNode } from './graph-node';
import { CapabilityIndex } from '../v2/capability-index';
import { FitNeeds, FitServer, Misfit, Verdict, judge, mountsPath, outerMountsOf, pinnedMisfits, unpinnedMisfits } from '../v2/server-fit';
import { MemoNode, memoSlot } from '../v2/verdict-memo';

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
  /** What a replica offers models; undefined when unknown. */
  readonly memory?: { readonly capacity: number };
}

/** A Model as the placement needs it. */
export type ModelNeeds = FitNeeds;

/** A server with its capabilities as a set and its outermost mounts. */
export interface IndexedServer extends ServerInfo, FitServer {
  readonly capabilitySet: ReadonlySet<string>;
  readonly replicas: number;
}

const MAX_LISTED = 3;

function wordMisfit(misfit: Misfit, server: IndexedServer, model: ModelNeeds): string {
  switch (misfit.rule) {
    case 'requirements': return `lacks ${misfit.missing.join(', ')}`;
    case 'zero-replicas': return 'has 0 replicas';
    case 'replicas': return `has ${server.replicas} replica(s), the model wants ${model.replicas}`;
    case 'memory': return `offers ${server.memory?.capacity} bytes, the model wants ${model.memory}`;
    case 'mount': return `mounts no claim at a parent of ${model.localPath}`;
    default: return misfit.rule;
  }
}

export class PlacementIndex {
  private readonly index = new CapabilityIndex<IndexedServer>();
  private readonly byName = new Map<string, IndexedServer>();
  private readonly verdicts = new Map<string, MemoNode<Verdict<IndexedServer>>>();

  public add(server: ServerInfo): void {
    const indexed: IndexedServer = { ...server, capabilitySet: new Set(server.capabilities ?? []), outerMounts: outerMountsOf(server.rcloneMounts) };
    const key = server.namespace ?? '';
    if (!this.byName.has(`${key}/${server.name}`)) this.byName.set(`${key}/${server.name}`, indexed);
    if (!this.byName.has(`*/${server.name}`)) this.byName.set(`*/${server.name}`, indexed);
    this.verdicts.clear();
    this.index.add(indexed);
  }

  /** The Server a model of `namespace` pinned to `name` runs on, if the manifests (or defaults) have it. */
  public pinned(namespace: string | undefined, name: string): IndexedServer | undefined {
    return this.byName.get(`${namespace ?? ''}/${name}`)
      ?? (namespace !== undefined ? this.byName.get(`/${name}`) : this.byName.get(`*/${name}`));
  }

  /** What the servers visible from `namespace` offer `requirements`, memoised per namespace and requirement set. */
  public verdict(namespace: string | undefined, requirements: readonly string[]): Verdict<IndexedServer> {
    const slot = memoSlot(this.verdicts, namespace ?? '\u0000', requirements);
    slot.value ??= judge(this.index, namespace, requirements);
    return slot.value;
  }

  /** Why a capable or pinned server cannot take the model; undefined when it can. */
  public problem(server: IndexedServer, model: ModelNeeds): string | undefined {
    const misfits = pinnedMisfits(server, model);
    return misfits.length ? misfits.map(m => wordMisfit(m, server, model)).join('; ') : undefined;
  }

  /** Why the scheduler cannot place (or may misplace) a model that is not pinned; undefined when it can. */
  public unplaceable(namespace: string | undefined, model: ModelNeeds): string | undefined {
    const verdict = this.verdict(namespace, model.requirements);
    const reasons: string[] = [];
    const label = model.requirements.length ? model.requirements.join(', ') : 'no requirements';
    for (const misfit of unpinnedMisfits(verdict, model)) {
      switch (misfit.rule) {
        case 'no-server':
          reasons.push(this.whyNone(namespace, model.requirements));
          break;
        case 'replicas':
          reasons.push(`no Server advertising ${label} has ${model.replicas} replica(s): ${verdict.candidates.slice(0, MAX_LISTED).map(s => `${s.name} has ${s.replicas}`).join('; ')}`);
          break;
        case 'memory':
          reasons.push(`no Server advertising ${label} offers ${model.memory} bytes: ${verdict.candidates.slice(0, MAX_LISTED).map(s => `${s.name} offers ${s.memory?.capacity}`).join('; ')}`);
          break;
        case 'mount': {
          const lacking = verdict.candidates.filter(s => !mountsPath(s, model.localPath!)).slice(0, MAX_LISTED).map(s => s.name);
          reasons.push(`the scheduler may place it on a Server mounting no claim at a parent of ${model.localPath}: ${lacking.join(', ')}`);
          break;
        }
      }
    }
    return reasons.length ? reasons.join('; ') : undefined;
  }

  /** Why no server advertises the requirements: the closest servers and what they lack. */
  private whyNone(namespace: string | undefined, requirements: readonly string[]): string {
    const where = namespace === undefined ? '' : ` in namespace ${namespace}`;
    const closest = this.index.closest(namespace, requirements, MAX_LISTED).map(({ server, missing }) => `${server.name} lacks ${missing.join(', ')}`);
    return `no Server${where} advertises ${requirements.join(', ')} (${closest.join('; ')})`;
  }
}
