import { IConstruct } from 'constructs';
import { formatProblem, show } from '../errors';
import { EXPLAINER_CAPABILITY } from './capabilities';
import { CapabilityIndex, NamespaceGroup, missingFrom } from './capability-index';
import { mountCovers, normalizeMountPath } from './mount-paths';
import { ModelFacts, ServerFacts } from './scheduling-facts';
import { countServerVisits } from './scheduling-work';

/**
 * The scheduling rules as pure functions of server and model facts
 * (SELDON-FACTS §2.8, §2.10): a server qualifies when it advertises every
 * requirement, has replicas enough, and, for a model read from a local path,
 * mounts a claim at a parent of that path. Each returns the problems in the
 * library's error wording.
 */

/** A server with its capabilities as a set and its outermost mounts. */
export interface IndexedServer extends ServerFacts {
  readonly capabilitySet: ReadonlySet<string>;
  /** Mount paths not nested in another of the same server's mounts. */
  readonly outerMounts: readonly string[];
}

/** What the rules conclude for one namespace and set of requirements, shared by every model asking the same. */
export interface Verdict {
  readonly candidates: readonly IndexedServer[];
  /** Whether a server of unknown capabilities could also take the model. */
  readonly opaque: boolean;
  /** Whether the model's namespace sees any server at all. */
  readonly anyServer: boolean;
  /** The most replicas among candidates (Infinity if one is unknown). */
  readonly maxReplicas: number;
  /** The most memory a candidate's replica offers (Infinity if one is unknown). */
  readonly maxMemory: number;
  /** Candidates per outer mount path. */
  readonly mountCounts: ReadonlyMap<string, number>;
  /** The server groups the model's namespace sees; listed only when no server fits. */
  readonly visibleGroups: readonly NamespaceGroup<IndexedServer>[];
}

const MODEL = 'SeldonModel';
const MAX_LISTED = 5;

export function indexServer(facts: ServerFacts): IndexedServer {
  countServerVisits(1);
  const sorted = [...new Set(facts.pvcMountPaths.map(normalizeMountPath))].sort((a, b) => a.length - b.length);
  const outer: string[] = [];
  for (const path of sorted) if (!outer.some(o => mountCovers(o, path))) outer.push(path);
  return { ...facts, capabilitySet: new Set(facts.capabilities ?? []), outerMounts: outer };
}

/** A model's requirements as the scheduler compares them; the model's own array when nothing changes (most models). */
export function requirementsOf(model: ModelFacts): readonly string[] {
  const given = model.requirements;
  let trimmed = true;
  for (const r of given) if (r.trim() !== r) trimmed = false;
  const requirements = trimmed ? given : given.map(r => r.trim());
  if (model.explainer && !requirements.includes(EXPLAINER_CAPABILITY)) return [...requirements, EXPLAINER_CAPABILITY];
  return requirements;
}

/** Replicas the scheduler can place: `replicas`, or `minReplicas` as its fallback. */
export function replicasFit(model: { readonly replicas: number; readonly minReplicas: number }, serverReplicas: number): boolean {
  return model.replicas <= serverReplicas || (model.minReplicas > 0 && model.minReplicas <= serverReplicas);
}

function ancestorsOrSelf(path: string): string[] {
  const result: string[] = [];
  let p = normalizeMountPath(path);
  while (p.length > 0 && p !== '/') {
    result.push(p);
    p = p.slice(0, p.lastIndexOf('/'));
  }
  result.push('/');
  return result;
}

function describe(s: ServerFacts): string {
  return `${s.kind} '${s.construct.node.path}' (${show(s.name)})`;
}

function listRequirements(model: ModelFacts, requirements: readonly string[]): string {
  const shown = `[${requirements.map(r => show(r)).join(', ')}]`;
  return model.explainer ? `${shown} (${show(EXPLAINER_CAPABILITY)} because of the explainer)` : shown;
}

function problem(model: ModelFacts, field: string, text: string, accepted: string): string {
  return formatProblem(MODEL, model.construct.node.path, field, text, accepted);
}

function replicasAccepted(): string {
  return 'model replicas (or minReplicas, which the scheduler falls back to) at most the server\'s replicas; raise the server\'s replicas or lower the model\'s';
}

const MEMORY_RULE = 'the scheduler places a model only on a replica offering at least its memory (scheduler/pkg/scheduler/filters/replicamemory.go)';
const MEMORY_ACCEPTED = 'model memory at most what a server replica offers: its memory request (MEMORY_REQUEST of the agent) plus the overcommit percentage; '
  + 'raise the server container\'s memory request (serverContainer.resources) or lower the model\'s memory';

function mountsOf(server: IndexedServer): string {
  return server.outerMounts.length ? ` (it mounts ${server.outerMounts.map(m => show(m)).join(', ')})` : ' (it mounts none)';
}

/** The problems of a model pinned to `server` (`spec.server`). */
export function checkPinned(model: ModelFacts, requirements: readonly string[], server: IndexedServer): string[] {
  countServerVisits(1);
  const problems: string[] = [];
  if (model.namespace !== undefined && server.namespace !== undefined && model.namespace !== server.namespace) {
    problems.push(problem(model, 'server', `is ${describe(server)} in namespace ${show(server.namespace)}, but the model is in namespace ${show(model.namespace)}; the scheduler only sees servers of the model's namespace`,
      'a server in the model\'s namespace'));
    return problems;
  }
  if (server.capabilities !== undefined) {
    const missing = missingFrom(server, requirements);
    if (missing.length > 0) {
      problems.push(problem(model, 'requirements', `${listRequirements(model, requirements)} are not all advertised by the pinned ${describe(server)}; missing: ${missing.map(m => show(m)).join(', ')}`,
        `requirements within its capabilities (${server.capabilities.join(', ') || 'none'}), or add the missing ones to the server (extraCapabilities or addCapability())`));
    }
  }
  if (server.replicas === 0 && model.replicas > 0) {
    problems.push(problem(model, 'server', `is ${describe(server)}, which has 0 replicas; the scheduler skips servers scaled to zero`, 'a server with replicas'));
  } else if (server.replicas !== undefined && !replicasFit(model, server.replicas)) {
    problems.push(problem(model, 'replicas', `${model.replicas} exceeds the ${server.replicas} replica(s) of the pinned ${describe(server)}`, replicasAccepted()));
  }
  if (model.memory !== undefined && server.memory !== undefined && model.memory > server.memory.capacity) {
    problems.push(problem(model, 'memory', `${model.memory} bytes exceed what a replica of the pinned ${describe(server)} offers, ${server.memory.explanation}; ${MEMORY_RULE}`,
      MEMORY_ACCEPTED));
  }
  if (model.localPath !== undefined && server.capabilities !== undefined && !server.outerMounts.some(m => mountCovers(m, model.localPath!))) {
    problems.push(problem(model, 'storageUri', `${show(model.localPath)} is a local path, but the pinned ${describe(server)} mounts no PersistentVolumeClaim at a parent of it${mountsOf(server)}`,
      'a path below a mountPvc() mount path of the server, e.g. mountPvc(claim, "/var/models") for "/var/models/iris"'));
  }
  return problems;
}

/** What the servers of `index` offer a model of `namespace` with `requirements`. */
export function judge(index: CapabilityIndex<IndexedServer>, namespace: string | undefined, requirements: readonly string[]): Verdict {
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

/** The problems of a model the scheduler places on any server it qualifies for. */
export function checkUnpinned(index: CapabilityIndex<IndexedServer>, model: ModelFacts, requirements: readonly string[], verdict: Verdict): string[] {
  if (!verdict.anyServer) return [];
  if (verdict.candidates.length === 0) {
    if (verdict.opaque) return [];
    const where = model.namespace === undefined ? 'in the app' : `in the app for namespace ${show(model.namespace)}`;
    const closest = index.closest(model.namespace, requirements, MAX_LISTED)
      .map(({ server, missing }) => `${describe(server)} lacks ${missing.map(m => show(m)).join(', ')}`);
    return [problem(model, 'requirements', `${listRequirements(model, requirements)} are not all advertised by any Server ${where}; candidate servers: ${closest.join('; ')}`,
      'requirements one Server advertises in full: add the missing capabilities to a server (extraCapabilities or addCapability()), '
      + 'or declare a server that exists outside the app with SeldonServer.fromServerName(), or pin the model to one (server)')];
  }
  const problems: string[] = [];
  // A server of unknown capabilities (and replicas) could take the model: nothing to report.
  if (!verdict.opaque && !replicasFit(model, verdict.maxReplicas)) {
    const listed = verdict.candidates.slice(0, MAX_LISTED).map(s => `${describe(s)} has ${s.replicas}`).join('; ');
    problems.push(problem(model, 'replicas', `${model.replicas} exceeds the replicas of every Server advertising ${listRequirements(model, requirements)}: ${listed}`, replicasAccepted()));
  }
  if (!verdict.opaque && model.memory !== undefined && model.memory > verdict.maxMemory) {
    const listed = verdict.candidates.slice(0, MAX_LISTED).map(s => `${describe(s)} offers ${s.memory!.explanation}`).join('; ');
    problems.push(problem(model, 'memory', `${model.memory} bytes exceed what a replica of every Server advertising ${listRequirements(model, requirements)} offers: ${listed}; ${MEMORY_RULE}`,
      MEMORY_ACCEPTED));
  }
  if (model.localPath !== undefined) {
    let covering = 0;
    for (const a of ancestorsOrSelf(model.localPath)) covering += verdict.mountCounts.get(a) ?? 0;
    if (covering < verdict.candidates.length) {
      const lacking = verdict.candidates.filter(s => !s.outerMounts.some(m => mountCovers(m, model.localPath!)));
      problems.push(problem(model, 'storageUri', `${show(model.localPath)} is a local path, but the scheduler may place the model on servers that mount no PersistentVolumeClaim at a parent of it: `
        + `${lacking.slice(0, MAX_LISTED).map(s => `${describe(s)}${mountsOf(s)}`).join('; ')}`,
      'add a requirement only the servers mounting the claim advertise (mountPvc() adds "pvc"), or pin the model to such a server (server)'));
    }
  }
  return problems;
}

/** Objects of one kind sharing a name in a namespace: applying both would leave one. */
export function duplicateNames(items: ReadonlyArray<{ construct: IConstruct; name: string; namespace?: string }>,
  kind: string, what: string): string[] {
  // namespace, then name: no key string built per item
  const seen = new Map<string, Map<string, IConstruct>>();
  const problems: string[] = [];
  for (const item of items) {
    const namespace = item.namespace ?? '';
    let names = seen.get(namespace);
    if (!names) {
      names = new Map();
      seen.set(namespace, names);
    }
    const first = names.get(item.name);
    if (first) {
      problems.push(formatProblem(kind, item.construct.node.path, 'metadata.name', `${show(item.name)} is also the name of '${first.node.path}'${item.namespace ? ` in namespace ${show(item.namespace)}` : ''}; applying both would leave one ${what}`,
        `a ${what} name unique in its namespace`));
    } else {
      names.set(item.name, item.construct);
    }
  }
  return problems;
}
