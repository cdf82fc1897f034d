import { IConstruct } from 'constructs';
import { formatProblem, show } from '../errors';
import { EXPLAINER_CAPABILITY } from './capabilities';
import { mountCovers, normalizeMountPath } from './mount-paths';
import { ExperimentFacts, PipelineFacts, checkReferences } from './references';

/**
 * The app-wide check that every Seldon v2 Model can be placed on a Server,
 * made at synth the way the scheduler decides it at run time (SELDON-FACTS
 * §2.8): a server qualifies when it advertises every requirement (exact
 * strings), has replicas, and, for a model read from a local path, mounts a
 * volume at a parent of that path.
 *
 * The first Seldon v2 construct of an app registers one validation on the
 * app's root, which indexes the servers by capability and namespace and then
 * checks each model against that index, memoising the verdict per distinct
 * set of requirements. cdk8s runs an app's validations once per chart plus
 * once (`synth()`, `synthYaml()`), so the check keeps each run cheap: it
 * reads the constructs registered with it instead of walking the whole
 * construct tree, and walks the tree (to report in tree order, as
 * `findAll()` lists constructs) only when there is a problem to report. The
 * cost of a run is O(servers + models x requirements + distinct requirement
 * sets x candidate servers), never models x servers or a pass over every
 * construct of the app.
 *
 * The same pass collects Pipelines and Experiments, whose references
 * references.ts checks in O(references).
 */

/** What the check needs to know about a server. */
export interface ServerFacts {
  readonly construct: IConstruct;
  /** `SeldonServer`, or `SeldonServer reference` for one that exists outside the app. */
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Undefined when unknown (a ServerConfig of unknown capabilities, an opaque reference). */
  readonly capabilities?: readonly string[];
  /** Replicas the operator starts; undefined when unknown. */
  readonly replicas?: number;
  /** Where the server mounts PersistentVolumeClaims in its rclone container. */
  readonly pvcMountPaths: readonly string[];
}

/** What the check needs to know about a model. */
export interface ModelFacts {
  readonly construct: IConstruct;
  readonly name: string;
  readonly namespace?: string;
  readonly requirements: readonly string[];
  readonly explainer: boolean;
  readonly replicas: number;
  readonly minReplicas: number;
  /** The pinned server (`spec.server`), if any. */
  readonly server?: IConstruct;
  /** The artifact's absolute path inside the server pod, for a local-path model. */
  readonly localPath?: string;
}

const SERVERS = new WeakMap<IConstruct, () => ServerFacts>();
const MODELS = new WeakMap<IConstruct, () => ModelFacts>();
const PIPELINES = new WeakMap<IConstruct, () => PipelineFacts>();
const EXPERIMENTS = new WeakMap<IConstruct, () => ExperimentFacts>();
const ROOTS_WITH_CHECK = new WeakSet<IConstruct>();
/** Per app root, every construct registered above, in registration order. */
const REGISTERED = new WeakMap<IConstruct, Set<IConstruct>>();

/** Makes `construct` a server the check considers; `facts` is read at synth. */
export function registerServer(construct: IConstruct, facts: () => ServerFacts): void {
  SERVERS.set(construct, facts);
  ensureCheck(construct);
}

/** Makes `construct` a model the check verifies; `facts` is read at synth. */
export function registerModel(construct: IConstruct, facts: () => ModelFacts): void {
  MODELS.set(construct, facts);
  ensureCheck(construct);
}

/** Makes `construct` a pipeline whose references the same pass checks (references.ts); `facts` is read at synth. */
export function registerPipeline(construct: IConstruct, facts: () => PipelineFacts): void {
  PIPELINES.set(construct, facts);
  ensureCheck(construct);
}

/** Makes `construct` an experiment whose references the same pass checks (references.ts); `facts` is read at synth. */
export function registerExperiment(construct: IConstruct, facts: () => ExperimentFacts): void {
  EXPERIMENTS.set(construct, facts);
  ensureCheck(construct);
}

function ensureCheck(construct: IConstruct): void {
  const root = construct.node.root;
  let registered = REGISTERED.get(root);
  if (!registered) {
    registered = new Set();
    REGISTERED.set(root, registered);
  }
  registered.add(construct);
  if (ROOTS_WITH_CHECK.has(root)) return;
  ROOTS_WITH_CHECK.add(root);
  root.node.addValidation({ validate: () => checkScheduling(root) });
}

interface IndexedServer extends ServerFacts {
  readonly capabilitySet: ReadonlySet<string>;
  /** Mount paths not nested in another of the same server's mounts. */
  readonly outerMounts: readonly string[];
}

interface NamespaceGroup {
  readonly known: IndexedServer[];
  readonly byCapability: Map<string, IndexedServer[]>;
  opaque: number;
}

interface Verdict {
  readonly candidates: readonly IndexedServer[];
  /** Whether a server of unknown capabilities could also take the model. */
  readonly opaque: boolean;
  /** Whether the model's namespace sees any server at all. */
  readonly anyServer: boolean;
  /** The most replicas among candidates (Infinity if one is unknown). */
  readonly maxReplicas: number;
  /** Candidates per outer mount path. */
  readonly mountCounts: ReadonlyMap<string, number>;
  /** The server groups the model's namespace sees; listed only when no server fits. */
  readonly visibleGroups: readonly NamespaceGroup[];
}

const MODEL = 'SeldonModel';
const MAX_LISTED = 5;

/** Servers examined so far by all checks: an operation count for tests. @internal */
let serverVisits = 0;

/** How many servers the checks have examined since the process started; tests assert it grows linearly. @internal */
export function _schedulingWork(): number {
  return serverVisits;
}

/** Runs the check over the app rooted at `root`; returns one message per problem. */
export function checkScheduling(root: IConstruct): string[] {
  const registered = REGISTERED.get(root);
  if (registered !== undefined && root.node.scope === undefined) {
    // Whether there is a problem does not depend on the order of servers and
    // models, only the wording and order of the messages do: a clean app (the
    // common case) is settled from the registry alone.
    const attached: IConstruct[] = [];
    for (const c of registered) if (isAttached(c, root)) attached.push(c);
    const problems = evaluate(attached);
    if (problems.length === 0) return problems;
  }
  return evaluate(root.node.findAll());
}

/** Whether `construct` is still in the tree of `root` (`node.tryRemoveChild()` can take it out). */
function isAttached(construct: IConstruct, root: IConstruct): boolean {
  let c = construct;
  for (let scope = c.node.scope; scope !== undefined; c = scope, scope = scope.node.scope) {
    if (scope.node.tryFindChild(c.node.id) !== c) return false;
  }
  return c === root;
}

/** The check over `constructs`, in the order given; the others are ignored. */
function evaluate(constructs: readonly IConstruct[]): string[] {
  const servers: IndexedServer[] = [];
  const models: ModelFacts[] = [];
  const pipelines: PipelineFacts[] = [];
  const experiments: ExperimentFacts[] = [];
  for (const c of constructs) {
    const server = SERVERS.get(c);
    if (server) servers.push(index(server()));
    const model = MODELS.get(c);
    if (model) models.push(model());
    const pipeline = PIPELINES.get(c);
    if (pipeline) pipelines.push(pipeline());
    const experiment = EXPERIMENTS.get(c);
    if (experiment) experiments.push(experiment());
  }
  const problems: string[] = [...duplicateNames(servers.filter(s => s.kind === 'SeldonServer'), 'SeldonServer', 'Server'),
    ...duplicateNames(models, MODEL, 'Model'), ...checkReferences(models, pipelines, experiments)];
  if (models.length === 0 || servers.length === 0) return problems;

  const byConstruct = new Map<IConstruct, IndexedServer>();
  const realByName = new Map<string, IndexedServer>();
  const groups = new Map<string, NamespaceGroup>();
  for (const s of servers) {
    byConstruct.set(s.construct, s);
    if (s.kind === 'SeldonServer') realByName.set(`${s.namespace ?? ''}/${s.name}`, s);
    const key = s.namespace ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { known: [], byCapability: new Map(), opaque: 0 };
      groups.set(key, group);
    }
    if (s.capabilities === undefined) {
      group.opaque++;
      continue;
    }
    group.known.push(s);
    for (const capability of s.capabilitySet) {
      const list = group.byCapability.get(capability);
      if (list) list.push(s);
      else group.byCapability.set(capability, [s]);
    }
  }

  const verdicts = new Map<string, VerdictNode>();
  for (const model of models) {
    const requirements = requirementsOf(model);
    if (model.server !== undefined) {
      let server = byConstruct.get(model.server);
      // a reference to a server this app also defines: check against the definition
      if (server && server.kind !== 'SeldonServer') server = realByName.get(`${server.namespace ?? model.namespace ?? ''}/${server.name}`) ?? server;
      if (server) problems.push(...checkPinned(model, requirements, server));
      continue;
    }
    const slot = verdictSlot(verdicts, model.namespace ?? '', requirements);
    slot.verdict ??= judge(groups, model.namespace, requirements);
    const found = checkUnpinned(model, requirements, slot.verdict);
    if (found.length > 0) problems.push(...found);
  }
  return problems;
}

function index(facts: ServerFacts): IndexedServer {
  serverVisits++;
  const sorted = [...new Set(facts.pvcMountPaths.map(normalizeMountPath))].sort((a, b) => a.length - b.length);
  const outer: string[] = [];
  for (const path of sorted) if (!outer.some(o => mountCovers(o, path))) outer.push(path);
  return { ...facts, capabilitySet: new Set(facts.capabilities ?? []), outerMounts: outer };
}

/** A model's requirements as the scheduler compares them; the model's own array when nothing changes (most models). */
function requirementsOf(model: ModelFacts): readonly string[] {
  const given = model.requirements;
  let trimmed = true;
  for (const r of given) if (r.trim() !== r) trimmed = false;
  const requirements = trimmed ? given : given.map(r => r.trim());
  if (model.explainer && !requirements.includes(EXPLAINER_CAPABILITY)) return [...requirements, EXPLAINER_CAPABILITY];
  return requirements;
}

/** One set of requirements in the verdict memo: a trie by namespace, then by each distinct requirement in sorted order. */
interface VerdictNode {
  verdict?: Verdict;
  readonly next: Map<string, VerdictNode>;
}

/**
 * The memo slot for a namespace and a set of requirements. Walking a trie of
 * the sorted distinct requirements finds the slot without building a string
 * key per model, which costs more than the lookup itself.
 */
function verdictSlot(memo: Map<string, VerdictNode>, namespace: string, requirements: readonly string[]): VerdictNode {
  let node = memo.get(namespace);
  if (!node) {
    node = { next: new Map() };
    memo.set(namespace, node);
  }
  for (const r of distinctSorted(requirements)) {
    let child: VerdictNode | undefined = node.next.get(r);
    if (!child) {
      child = { next: new Map() };
      node.next.set(r, child);
    }
    node = child;
  }
  return node;
}

function distinctSorted(values: readonly string[]): readonly string[] {
  if (values.length < 2) return values;
  if (values.length === 2) {
    const [a, b] = values;
    return a === b ? [a] : a < b ? values : [b, a];
  }
  return [...new Set(values)].sort();
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

/** Replicas the scheduler can place: `replicas`, or `minReplicas` as its fallback. */
function replicasFit(model: ModelFacts, serverReplicas: number): boolean {
  return model.replicas <= serverReplicas || (model.minReplicas > 0 && model.minReplicas <= serverReplicas);
}

function replicasAccepted(): string {
  return 'model replicas (or minReplicas, which the scheduler falls back to) at most the server\'s replicas; raise the server\'s replicas or lower the model\'s';
}

function checkPinned(model: ModelFacts, requirements: readonly string[], server: IndexedServer): string[] {
  serverVisits++;
  const problems: string[] = [];
  if (model.namespace !== undefined && server.namespace !== undefined && model.namespace !== server.namespace) {
    problems.push(problem(model, 'server', `is ${describe(server)} in namespace ${show(server.namespace)}, but the model is in namespace ${show(model.namespace)}; the scheduler only sees servers of the model's namespace`,
      'a server in the model\'s namespace'));
    return problems;
  }
  if (server.capabilities !== undefined) {
    const missing = [...new Set(requirements)].filter(r => !server.capabilitySet.has(r));
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
  if (model.localPath !== undefined && server.capabilities !== undefined && !server.outerMounts.some(m => mountCovers(m, model.localPath!))) {
    problems.push(problem(model, 'storageUri', `${show(model.localPath)} is a local path, but the pinned ${describe(server)} mounts no PersistentVolumeClaim at a parent of it${mountsOf(server)}`,
      'a path below a mountPvc() mount path of the server, e.g. mountPvc(claim, "/var/models") for "/var/models/iris"'));
  }
  return problems;
}

function mountsOf(server: IndexedServer): string {
  return server.outerMounts.length ? ` (it mounts ${server.outerMounts.map(m => show(m)).join(', ')})` : ' (it mounts none)';
}

function judge(groups: Map<string, NamespaceGroup>, namespace: string | undefined, requirements: readonly string[]): Verdict {
  const visibleGroups = namespace === undefined
    ? [...groups.values()]
    : [groups.get(namespace), groups.get('')].filter((g): g is NamespaceGroup => g !== undefined);
  const wanted = [...new Set(requirements)];
  const candidates: IndexedServer[] = [];
  let opaque = false;
  for (const group of visibleGroups) {
    if (group.opaque > 0) opaque = true;
    let smallest: IndexedServer[] = group.known;
    for (const r of wanted) {
      const list = group.byCapability.get(r) ?? [];
      if (list.length < smallest.length) smallest = list;
    }
    serverVisits += smallest.length;
    for (const s of smallest) if (wanted.every(r => s.capabilitySet.has(r))) candidates.push(s);
  }
  let maxReplicas = 0;
  const mountCounts = new Map<string, number>();
  for (const s of candidates) {
    maxReplicas = Math.max(maxReplicas, s.replicas ?? Infinity);
    for (const m of s.outerMounts) mountCounts.set(m, (mountCounts.get(m) ?? 0) + 1);
  }
  return { candidates, opaque, anyServer: visibleGroups.some(g => g.known.length > 0 || g.opaque > 0), maxReplicas, mountCounts, visibleGroups };
}

function checkUnpinned(model: ModelFacts, requirements: readonly string[], verdict: Verdict): string[] {
  if (!verdict.anyServer) return [];
  if (verdict.candidates.length === 0) {
    if (verdict.opaque) return [];
    const where = model.namespace === undefined ? 'in the app' : `in the app for namespace ${show(model.namespace)}`;
    const wanted = [...new Set(requirements)];
    const visible = verdict.visibleGroups.flatMap(g => g.known);
    serverVisits += visible.length;
    const closest = visible
      .map(s => ({ s, missing: wanted.filter(r => !s.capabilitySet.has(r)) }))
      .sort((a, b) => a.missing.length - b.missing.length)
      .slice(0, MAX_LISTED)
      .map(({ s, missing }) => `${describe(s)} lacks ${missing.map(m => show(m)).join(', ')}`);
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

function duplicateNames(items: ReadonlyArray<{ construct: IConstruct; name: string; namespace?: string }>, kind: string, what: string): string[] {
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
