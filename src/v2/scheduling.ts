import { IConstruct } from 'constructs';
import { CapabilityIndex } from './capability-index';
import { ExperimentFacts, PipelineFacts, checkReferences } from './references';
import { RuntimeFacts, RuntimeUserFacts } from './runtime/runtime-facts';
import { checkRuntimes } from './runtime/runtime-rules';
import { ModelFacts, ServerFacts } from './scheduling-facts';
import { IndexedServer, Verdict, checkPinned, checkUnpinned, duplicateNames, indexServer, requirementsOf } from './scheduling-rules';
import { judge } from './server-fit';
import { MemoNode, memoSlot } from './verdict-memo';
import { addAppCheck } from '../k8s/app-checks';

export type { ModelFacts, ServerFacts } from './scheduling-facts';
export { _schedulingWork } from './scheduling-work';

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
 * construct of the app.
 *
 * The same pass collects Pipelines and Experiments, whose references
 * references.ts checks in O(references).
 */

const SERVERS = new WeakMap<IConstruct, () => ServerFacts>();
const MODELS = new WeakMap<IConstruct, () => ModelFacts>();
const PIPELINES = new WeakMap<IConstruct, () => PipelineFacts>();
const EXPERIMENTS = new WeakMap<IConstruct, () => ExperimentFacts>();
const RUNTIMES = new WeakMap<IConstruct, () => RuntimeFacts>();
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

/** Makes `construct` the SeldonRuntime of a namespace, checked against the objects there (runtime/runtime-rules.ts). */
export function registerRuntime(construct: IConstruct, facts: () => RuntimeFacts): void {
  RUNTIMES.set(construct, facts);
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
  addAppCheck(root, () => checkScheduling(root));
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
  const runtimes: RuntimeFacts[] = [];
  for (const c of constructs) {
    const runtime = RUNTIMES.get(c);
    if (runtime) runtimes.push(runtime());
    const server = SERVERS.get(c);
    if (server) servers.push(indexServer(server()));
    const model = MODELS.get(c);
    if (model) models.push(model());
    const pipeline = PIPELINES.get(c);
    if (pipeline) pipelines.push(pipeline());
    const experiment = EXPERIMENTS.get(c);
    if (experiment) experiments.push(experiment());
  }
  const problems: string[] = [...duplicateNames(servers.filter(s => s.kind === 'SeldonServer'), 'SeldonServer', 'Server'),
    ...duplicateNames(models, 'SeldonModel', 'Model'), ...checkReferences(models, pipelines, experiments)];
  if (runtimes.length > 0) problems.push(...checkRuntimes(runtimes, runtimeUsers(servers, models, pipelines, experiments)));
  if (models.length === 0 || servers.length === 0) return problems;

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
      if (server) problems.push(...checkPinned(model, requirements, server));
      continue;
    }
    const slot = memoSlot(verdicts, model.namespace ?? '', requirements);
    slot.value ??= judge(index, model.namespace, requirements);
    const found = checkUnpinned(index, model, requirements, slot.value);
    if (found.length > 0) problems.push(...found);
  }
  return problems;
}

/** The objects whose namespace needs a SeldonRuntime, in the order the check reports them. */
function runtimeUsers(servers: readonly ServerFacts[], models: readonly ModelFacts[], pipelines: readonly PipelineFacts[],
  experiments: readonly ExperimentFacts[]): RuntimeUserFacts[] {
  return [
    ...servers.filter(s => s.kind === 'SeldonServer').map(s => ({ construct: s.construct, kind: 'SeldonServer', namespace: s.namespace, seldonAutoscaling: s.seldonAutoscaling })),
    ...models.map(m => ({ construct: m.construct, kind: 'SeldonModel', namespace: m.namespace, seldonAutoscaling: m.seldonAutoscaling })),
    ...pipelines.map(p => ({ construct: p.construct, kind: 'Pipeline', namespace: p.namespace })),
    ...experiments.map(e => ({ construct: e.construct, kind: 'Experiment', namespace: e.namespace })),
  ];
}
