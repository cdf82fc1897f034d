import { EXPLAINER_CAPABILITY } from './capabilities';
import { CapabilityIndex, CapableServer, NamespaceGroup, missingFrom } from './capability-index';
import { mountCovers } from './mount-paths';
import { normalizedMountPath } from '../k8s/volume-mounts';

/**
 * Whether a server can take a model, as the v2 scheduler decides it
 * (SELDON-FACTS §2.8, §2.10; scheduler/pkg/scheduler/filters/*.go at
 * v2.10.2): every requirement advertised, replicas enough (or the model's
 * `minReplicas`), memory enough, and for a local-path model a claim
 * mounted at a parent of the path. The synth-time check (scheduling.ts) and
 * the graph command (src/graph/placement.ts) both decide through this
 * module, so they agree; each words the result its own way.
 */

/** A server as the rules need it. */
export interface FitServer extends CapableServer {
  /** Replicas; undefined when unknown. */
  readonly replicas?: number;
  /** Mount paths of claims in the rclone container, none nested in another. */
  readonly outerMounts: readonly string[];
  /** What a replica offers models; undefined when unknown. */
  readonly memory?: { readonly capacity: number };
}

/** A model as the rules need it, requirements as the scheduler compares them. */
export interface FitNeeds {
  readonly requirements: readonly string[];
  readonly replicas: number;
  readonly minReplicas: number;
  readonly localPath?: string;
  /** Bytes; undefined when not set. */
  readonly memory?: number;
}

/** A rule a server (or every candidate server) fails. */
export type Misfit =
  | { readonly rule: 'requirements'; readonly missing: readonly string[] }
  | { readonly rule: 'no-server' }
  | { readonly rule: 'zero-replicas' }
  | { readonly rule: 'replicas' }
  | { readonly rule: 'memory' }
  | { readonly rule: 'mount' };

/**
 * A model's requirements as the scheduler compares them: trimmed
 * (filters/serverrequirements.go), with `modelType` appended and
 * `alibi-explain` for an explainer (§2.7, §2.8). The given array itself
 * when nothing changes, which is the common case.
 */
export function schedulerRequirements(requirements: readonly string[], explainer: boolean, modelType?: string): readonly string[] {
  let clean = true;
  for (const r of requirements) if (r.trim() !== r || r.length === 0) clean = false;
  let result = clean ? requirements : requirements.map(r => r.trim()).filter(r => r.length > 0);
  const type = modelType?.trim();
  if (type && !result.includes(type)) result = [...result, type];
  if (explainer && !result.includes(EXPLAINER_CAPABILITY)) result = [...result, EXPLAINER_CAPABILITY];
  return result;
}

/** The mount paths not nested in another of the list, for `FitServer.outerMounts`. */
export function outerMountsOf(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths.map(normalizedMountPath))].sort((a, b) => a.length - b.length);
  const outer: string[] = [];
  for (const path of sorted) if (!outer.some(o => mountCovers(o, path))) outer.push(path);
  return outer;
}

/** Replicas the scheduler can place: `replicas`, or `minReplicas` as its fallback (scheduler.go). */
export function replicasFit(model: { readonly replicas: number; readonly minReplicas: number }, serverReplicas: number): boolean {
  return model.replicas <= serverReplicas || (model.minReplicas > 0 && model.minReplicas <= serverReplicas);
}

/** Whether `server` mounts a claim at a parent of `path`. */
export function mountsPath(server: FitServer, path: string): boolean {
  return server.outerMounts.some(m => mountCovers(m, path));
}

/** The rules a pinned server fails for a model, in the order they are reported. */
export function pinnedMisfits(server: FitServer, needs: FitNeeds): Misfit[] {
  const misfits: Misfit[] = [];
  if (server.capabilities !== undefined) {
    const missing = missingFrom(server, needs.requirements);
    if (missing.length > 0) misfits.push({ rule: 'requirements', missing });
  }
  if (server.replicas === 0 && needs.replicas > 0) misfits.push({ rule: 'zero-replicas' });
  else if (server.replicas !== undefined && !replicasFit(needs, server.replicas)) misfits.push({ rule: 'replicas' });
  if (needs.memory !== undefined && server.memory !== undefined && needs.memory > server.memory.capacity) misfits.push({ rule: 'memory' });
  if (needs.localPath !== undefined && server.capabilities !== undefined && !mountsPath(server, needs.localPath)) misfits.push({ rule: 'mount' });
  return misfits;
}

/** What the servers visible from a namespace offer one set of requirements; shared by every model asking the same. */
export interface Verdict<S extends FitServer> {
  readonly candidates: readonly S[];
  /** Whether a server of unknown capabilities could also take the model. */
  readonly opaque: boolean;
  /** Whether the namespace sees any server at all. */
  readonly anyServer: boolean;
  /** The most replicas among candidates (Infinity if one is unknown). */
  readonly maxReplicas: number;
  /** The most memory a candidate's replica offers (Infinity if one is unknown). */
  readonly maxMemory: number;
  /** Candidates per outer mount path. */
  readonly mountCounts: ReadonlyMap<string, number>;
  /** The server groups the namespace sees. */
  readonly visibleGroups: readonly NamespaceGroup<S>[];
}

/** The verdict for `requirements` from `namespace`: O(candidates). */
export function judge<S extends FitServer>(index: CapabilityIndex<S>, namespace: string | undefined, requirements: readonly string[]): Verdict<S> {
  const match = index.match(namespace, requirements);
  let maxReplicas = 0;
  let maxMemory = 0;
  const mountCounts = new Map<string, number>();
  for (const s of match.capable) {
    maxReplicas = Math.max(maxReplicas, s.replicas ?? Infinity);
    maxMemory = Math.max(maxMemory, s.memory?.capacity ?? Infinity);
    for (const m of s.outerMounts) mountCounts.set(m, (mountCounts.get(m) ?? 0) + 1);
  }
  return {
    candidates: match.capable,
    opaque: match.opaque.length > 0,
    anyServer: match.anyServer,
    maxReplicas,
    maxMemory,
    mountCounts,
    visibleGroups: match.visibleGroups,
  };
}

function ancestorsOrSelf(path: string): string[] {
  const result: string[] = [];
  let p = normalizedMountPath(path);
  while (p.length > 0 && p !== '/') {
    result.push(p);
    p = p.slice(0, p.lastIndexOf('/'));
  }
  result.push('/');
  return result;
}

/**
 * Why the scheduler cannot place, or may misplace, a model that is not
 * pinned: no server advertises its requirements (when no server of unknown
 * capabilities could), no candidate has replicas or memory enough, or (for a
 * local path) some candidate mounts no claim at a parent of the path, so
 * the scheduler may put it where rclone cannot read it.
 */
export function unpinnedMisfits<S extends FitServer>(verdict: Verdict<S>, needs: FitNeeds): Misfit[] {
  if (!verdict.anyServer) return [];
  if (verdict.candidates.length === 0) return verdict.opaque ? [] : [{ rule: 'no-server' }];
  const misfits: Misfit[] = [];
  // A server of unknown capabilities (and replicas) could take the model: nothing to report.
  if (!verdict.opaque && !replicasFit(needs, verdict.maxReplicas)) misfits.push({ rule: 'replicas' });
  if (!verdict.opaque && needs.memory !== undefined && needs.memory > verdict.maxMemory) misfits.push({ rule: 'memory' });
  if (needs.localPath !== undefined) {
    let covering = 0;
    for (const a of ancestorsOrSelf(needs.localPath)) covering += verdict.mountCounts.get(a) ?? 0;
    if (covering < verdict.candidates.length) misfits.push({ rule: 'mount' });
  }
  return misfits;
}
