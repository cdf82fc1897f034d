import { IConstruct } from 'constructs';
import { CapabilityIndex } from './capability-index';
import { ExperimentFacts, PipelineFacts, checkReferences } from './references';
import { RuntimeFacts, RuntimeUserFacts } from './runtime/runtime-facts';
import { checkRuntimes, checkTopicNames } from './runtime/runtime-rules';
import { ModelFacts, ServerFacts } from './scheduling-facts';
import { schedulingInputsVersion } from './scheduling-inputs';
import { IndexedServer, Verdict, checkLostServer, checkPinned, checkUnpinned, duplicateNames, indexServer, requirementsOf } from './scheduling-rules';
import { judge } from './server-fit';
import { MemoNode, memoSlot } from './verdict-memo';
import { addAppCheck } from '../k8s/app-checks';
import { childRecord, readsChildRecords } from '../k8s/child-records';
import { rootOf } from '../k8s/root-of';
import { sameItems } from '../k8s/same-as-last';
import { reportedElsewhere } from '../k8s/unique-names';

export type { ModelFacts, ServerFacts } from './scheduling-facts';
export { _schedulingWork } from './scheduling-work';
export { schedulingInputsChanged } from './scheduling-inputs';

/**
 * The app-wide check that every Seldon v2 Model can be placed on a Server,
 * made at synth the way the scheduler decides it at run time (SELDON-FACTS
 * §2.8; the rules are scheduling-rules.ts). This module is the registry.
 *
 * The first Seldon v2 construct of an app registers one validation on the
 * app (src/k8s/app-checks.ts), which indexes the servers by capability and namespace and then
 * checks each model against that index, memoising the verdict per distinct
 * set of requirements. cdk8s runs an app's validations once per chart plus
 * once (`synth()`, `synthYaml()`), so the check keeps each run cheap: it
 * reads the constructs registered with it instead of walking the whole
 * construct tree, and walks the tree (to report in tree order, as
 * `findAll()` lists constructs) only when there is a problem to report. The
 * cost of a run is O(servers + models x requirements + distinct requirement
 * sets x candidate servers), never models x servers or a pass over every
 * construct of the app. A clean placement is settled once and reused while
 * nothing it read changed (`Settled` below), so the other passes of a synth
 * cost O(registered constructs).
 *
 * The same pass collects Pipelines and Experiments, whose references
 * references.ts checks in O(references).
 */

/** What a construct registered as, with the function that reads its facts at synth. */
class Registration {
  public server?: () => ServerFacts = undefined;
  public model?: ModelFactsSource = undefined;
  public pipeline?: () => PipelineFacts = undefined;
  public experiment?: () => ExperimentFacts = undefined;
  public runtime?: () => RuntimeFacts = undefined;
}

/** Per app root, every construct registered with the check, in registration order (one map per app, written once per construct). */
const REGISTERED = new WeakMap<IConstruct, Map<IConstruct, Registration>>();
const NONE: ReadonlyMap<IConstruct, Registration> = new Map();

/** Makes `construct` a server the check considers; `facts` is read at synth. */
export function registerServer(construct: IConstruct, facts: () => ServerFacts): void {
  reportedElsewhere(construct);
  registrationOf(construct).server = facts;
}

/** What answers for a model's facts: the model's own object of callbacks, which keeps no closure per model. */
export interface ModelFactsSource {
  modelFacts(): ModelFacts;
}

/** Makes `construct` a model the check verifies; `source.modelFacts()` is read at synth. */
export function registerModel(construct: IConstruct, source: ModelFactsSource): void {
  reportedElsewhere(construct);
  registrationOf(construct).model = source;
}

/** Makes `construct` a pipeline whose references the same pass checks (references.ts); `facts` is read at synth. */
export function registerPipeline(construct: IConstruct, facts: () => PipelineFacts): void {
  reportedElsewhere(construct);
  registrationOf(construct).pipeline = facts;
}

/** Makes `construct` an experiment whose references the same pass checks (references.ts); `facts` is read at synth. */
export function registerExperiment(construct: IConstruct, facts: () => ExperimentFacts): void {
  reportedElsewhere(construct);
  registrationOf(construct).experiment = facts;
}

/** Makes `construct` the SeldonRuntime of a namespace, checked against the objects there (runtime/runtime-rules.ts). */
export function registerRuntime(construct: IConstruct, facts: () => RuntimeFacts): void {
  registrationOf(construct).runtime = facts;
}

/** The facts of the SeldonRuntime the app of `construct` declares in `namespace`, if any (for a check outside the app pass). */
export function runtimeFactsIn(construct: IConstruct, namespace: string | undefined): RuntimeFacts | undefined {
  if (namespace === undefined) return undefined;
  const root = rootOf(construct);
  for (const [runtime, registration] of REGISTERED.get(root) ?? NONE) {
    if (registration.runtime === undefined) continue;
    const facts = registration.runtime();
    // A runtime taken out with tryRemoveChild() keeps its root but deploys nothing.
    if (facts.namespace === namespace && isAttached(runtime, new Map([[root, true]]), false)) return facts;
  }
  return undefined;
}

/** What `construct` registered as a server says now, for a decision made at construction (the migration's); undefined for a construct that is none. */
export function serverFactsOf(construct: IConstruct): ServerFacts | undefined {
  return REGISTERED.get(rootOf(construct))?.get(construct)?.server?.();
}

/** The registration of `construct` in its app's registry; the first of an app adds the app's check. */
function registrationOf(construct: IConstruct): Registration {
  const root = rootOf(construct);
  let registered = REGISTERED.get(root);
  if (registered === undefined) {
    registered = new Map();
    REGISTERED.set(root, registered);
    addAppCheck(root, () => checkScheduling(root));
  }
  let registration = registered.get(construct);
  if (registration === undefined) {
    registration = new Registration();
    registered.set(construct, registration);
  }
  return registration;
}

/** Runs the check over the app rooted at `root`; returns one message per problem. */
export function checkScheduling(root: IConstruct): string[] {
  const registered = REGISTERED.get(root) ?? NONE;
  if (registered.size > 0 && root.node.scope === undefined) {
    // Whether there is a problem does not depend on the order of servers and
    // models, only the wording and order of the messages do: a clean app (the
    // common case) is settled from the registry alone.
    const attached: IConstruct[] = [];
    const scopes = new Map<IConstruct, boolean>([[root, true]]);
    const records = readsChildRecords(root);
    for (const c of registered.keys()) if (isAttached(c, scopes, records)) attached.push(c);
    const problems = registryProblems(root, attached, registered);
    if (problems.length === 0) return problems;
  }
  const facts = gather(root.node.findAll(), registered);
  const placement = placementProblems(facts.servers, facts.models);
  return [...placement.duplicates, ...otherProblems(facts), ...placement.fit];
}

/**
 * Per app, the last placement found clean: the servers and models then
 * attached, their facts, and the changes counter (scheduling-inputs.ts) then.
 * Their facts change only through the methods that bump the counter, and
 * which of them take part only by constructs added or removed, which changes
 * the list of attached ones: while both hold, the placement is still clean
 * and the (charts + 1) validation passes of a synth settle it once. The
 * pipelines', experiments' and runtimes' rules read their facts in every pass.
 */
interface Settled {
  readonly version: number;
  readonly attached: readonly IConstruct[];
  readonly servers: IndexedServer[];
  readonly models: ModelFacts[];
  /** The attached constructs that are neither a server nor a model. */
  readonly others: readonly IConstruct[];
}
const SETTLED = new WeakMap<IConstruct, Settled>();

/** The problems of the registered constructs still `attached`, in registration order; empty exactly when the app has none. */
function registryProblems(root: IConstruct, attached: readonly IConstruct[], registered: ReadonlyMap<IConstruct, Registration>): string[] {
  const version = schedulingInputsVersion();
  const settled = SETTLED.get(root);
  if (settled !== undefined && settled.version === version && sameItems(settled.attached, attached)) {
    return otherProblems({ ...gather(settled.others, registered), servers: settled.servers, models: settled.models });
  }
  SETTLED.delete(root);
  const facts = gather(attached, registered);
  const placement = placementProblems(facts.servers, facts.models);
  if (placement.duplicates.length > 0 || placement.fit.length > 0) return [...placement.duplicates, ...placement.fit];
  SETTLED.set(root, { version, attached, servers: facts.servers, models: facts.models, others: facts.others });
  return otherProblems(facts);
}

/**
 * Whether `construct` is still in the tree of the root (`node.tryRemoveChild()`
 * can take it out): each link up to the root holds. `scopes` remembers the
 * answer for the scopes met, shared by the models of one chart; with `records`
 * a link is read from the scope's child record (child-records.ts).
 */
function isAttached(construct: IConstruct, scopes: Map<IConstruct, boolean>, records: boolean): boolean {
  const scope = construct.node.scope;
  if (scope === undefined) return scopes.get(construct) === true;
  const child = records ? childRecord(scope)?.[construct.node.id] : scope.node.tryFindChild(construct.node.id);
  if (child !== construct) return false;
  let answer = scopes.get(scope);
  if (answer === undefined) {
    answer = isAttached(scope, scopes, records);
    scopes.set(scope, answer);
  }
  return answer;
}

/** The facts of the registered constructs among `constructs`, in the order given; `others` lists those neither server nor model. */
interface Gathered {
  readonly servers: IndexedServer[];
  readonly models: ModelFacts[];
  readonly pipelines: PipelineFacts[];
  readonly experiments: ExperimentFacts[];
  readonly runtimes: RuntimeFacts[];
  readonly others: IConstruct[];
}

function gather(constructs: readonly IConstruct[], registered: ReadonlyMap<IConstruct, Registration>): Gathered {
  const found: Gathered = { servers: [], models: [], pipelines: [], experiments: [], runtimes: [], others: [] };
  for (const c of constructs) {
    const r = registered.get(c);
    if (r === undefined) continue;
    // models first: an app has many more of them than of anything else
    if (r.model) {
      found.models.push(r.model.modelFacts());
      continue;
    }
    if (r.server) {
      found.servers.push(indexServer(r.server()));
      continue;
    }
    if (r.runtime) found.runtimes.push(r.runtime());
    if (r.pipeline) found.pipelines.push(r.pipeline());
    if (r.experiment) found.experiments.push(r.experiment());
    if (r.runtime || r.pipeline || r.experiment) found.others.push(c);
  }
  return found;
}

/** The rules over pipelines, experiments and runtimes (references.ts, runtime/runtime-rules.ts). */
function otherProblems(facts: Omit<Gathered, 'others'>): string[] {
  const { servers, models, pipelines, experiments, runtimes } = facts;
  const problems = checkReferences(models, pipelines, experiments);
  if (runtimes.length > 0) problems.push(...checkRuntimes(runtimes, runtimeUsers(servers, models, pipelines, experiments)));
  // here, not at construction: the topic prefix is the runtime's, which may be declared after the model
  problems.push(...checkTopicNames(runtimes, models, pipelines));
  return problems;
}

/** Servers and models sharing a name, and models no server can take (scheduling-rules.ts). */
function placementProblems(servers: readonly IndexedServer[], models: readonly ModelFacts[]): { duplicates: string[]; fit: string[] } {
  const duplicates = [...duplicateNames(servers.filter(s => s.kind === 'SeldonServer'), 'SeldonServer', 'Server'),
    ...duplicateNames(models, 'SeldonModel', 'Model')];
  const fit: string[] = [];
  if (models.length === 0) return { duplicates, fit };
  if (servers.length === 0) {
    // No server to place on (they live elsewhere): only a pin to a SeldonServer this app does not write is judged.
    for (const model of models) if (model.server !== undefined) fit.push(...lostServer(model, requirementsOf(model), new Map()));
    return { duplicates, fit };
  }

  const byConstruct = new Map<IConstruct, IndexedServer>();
  const realByName = new Map<string, IndexedServer>();
  const index = new CapabilityIndex<IndexedServer>();
  for (const s of servers) {
    byConstruct.set(s.construct, s);
    if (s.kind === 'SeldonServer') realByName.set(`${s.namespace ?? ''}/${s.name}`, s);
    index.add(s);
  }

  const verdicts = new Map<string, MemoNode<Verdict>>();
  for (const model of models) {
    const requirements = requirementsOf(model);
    if (model.server !== undefined) {
      let server = byConstruct.get(model.server);
      // a reference to a server this app also defines: check against the definition
      if (server && server.kind !== 'SeldonServer') server = realByName.get(`${server.namespace ?? model.namespace ?? ''}/${server.name}`) ?? server;
      fit.push(...server ? checkPinned(model, requirements, server) : lostServer(model, requirements, realByName));
      continue;
    }
    const slot = memoSlot(verdicts, model.namespace ?? '', requirements);
    slot.value ??= judge(index, model.namespace, requirements);
    const found = checkUnpinned(index, model, requirements, slot.value);
    if (found.length > 0) fit.push(...found);
  }
  return { duplicates, fit };
}

/**
 * The problems of a model pinned to a SeldonServer of this app that is no longer attached (taken out with
 * tryRemoveChild(), it keeps its scope and so this app's root): the pin names a Server this app does not write, unless
 * it writes another of that name in that namespace, which the pin then reaches. A server of another cdk8s App is not
 * judged (an app of servers and an app of models may be applied to one cluster).
 */
function lostServer(model: ModelFacts, requirements: readonly string[], realByName: ReadonlyMap<string, IndexedServer>): string[] {
  const pinned = model.server!;
  const root = rootOf(model.construct);
  if (rootOf(pinned) !== root) return [];
  const facts = (REGISTERED.get(root) ?? NONE).get(pinned)?.server?.();
  // A server reference (fromServerName) writes nothing either way; a construct of the user's own is not judged.
  if (facts?.kind !== 'SeldonServer') return [];
  const namesake = realByName.get(`${facts.namespace ?? model.namespace ?? ''}/${facts.name}`);
  return namesake !== undefined ? checkPinned(model, requirements, namesake) : [checkLostServer(model, facts)];
}

/** The objects whose namespace needs a SeldonRuntime, in the order the check reports them. */
function runtimeUsers(servers: readonly ServerFacts[], models: readonly ModelFacts[], pipelines: readonly PipelineFacts[],
  experiments: readonly ExperimentFacts[]): RuntimeUserFacts[] {
  // Single-model serving (docs-gb/scaling/single-model-serving-hpa.md): a Server's HPA beside the HPA of a model pinned
  // to it scales with that model, as RpsAutoscaler's `server` does; any other Server HPA works against the scheduler's.
  const withScaledModel = new Set(models.filter(m => m.autoscaled && m.server !== undefined).map(m => m.server));
  return [
    ...servers.filter(s => s.kind === 'SeldonServer').map(s => ({
      construct: s.construct, kind: 'SeldonServer', namespace: s.namespace, ownAutoscaler: s.autoscaled === true && !withScaledModel.has(s.construct),
    })),
    ...models.map(m => ({ construct: m.construct, kind: 'SeldonModel', namespace: m.namespace })),
    ...pipelines.map(p => ({ construct: p.construct, kind: 'Pipeline', namespace: p.namespace })),
    ...experiments.map(e => ({ construct: e.construct, kind: 'Experiment', namespace: e.namespace })),
  ];
}
