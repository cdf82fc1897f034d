import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { formatProblem, show } from '../errors';
import { addAppCheck } from './app-checks';
import { AppTree } from './app-tree';
import { knownConstruct } from './known-construct';
import { rootOf } from './root-of';
import { sameItems, sameMembers } from './same-as-last';

/**
 * How the library keeps its ordering guarantee: an object that names another
 * (a model its Secret or Server, a pod its ServiceAccount, a Pipeline its
 * models) is written after it.
 *
 * cdk8s orders a chart's objects by their dependencies and otherwise by tree
 * order: it writes each object that nothing depends on in the order of
 * `findAll()`, each one after what it depends on (`chartToKube` and
 * `DependencyGraph` in cdk8s/lib). A dependency costs cdk8s 30-40 µs in
 * every synth (BENCHMARKS.md, "Eighth round"), and most are not needed: a
 * Secret created in the chart before its model is written first anyway. So
 * a dependency inside one chart is held back at construction and, in every
 * validation pass (cdk8s validates the app before it orders a chart), added
 * only where the tree order would not do the same:
 *
 * - the target does not come before the dependent in tree order; or
 * - either object, or a scope between it and its chart, is the target of a
 *   dependency (a user's, cdk8s's, or one added here), which lets cdk8s write
 *   it at another place than its own.
 *
 * Both held back, they are two objects nothing depends on, which cdk8s writes
 * in tree order: the target first. A dependency across charts, or on a
 * construct that is not an object, is added at once: cdk8s orders charts
 * before it validates them. Not seen: a dependency that another validation
 * declares during synth after this one ran, until the next pass (synthYaml()
 * and app.synth() run several, chart.toJson() one); validations that change
 * the tree are outside what cdk8s promises.
 *
 * A target taken out of the tree with `tryRemoveChild()` while its dependent stays is reported (the dependent's
 * manifest names an object the app no longer writes), unless another object of its kind, name and namespace is
 * written, which the name then reaches and which the dependent is ordered after instead when both are in one chart.
 *
 * Three targets add no dependency at all. A reference to an object that exists
 * in the cluster (`Secret.fromSecretName()`, `RcloneSecret.fromExistingSecret()`,
 * `SeldonServer.fromServerName()`) writes nothing, so there is nothing to
 * order; a dependency on it would still order its chart (cdk8s's
 * `resolveDependencies`), which renames FILE_PER_CHART files `0000-...` and,
 * from a nested chart to its parent, is a cycle. An object of another cdk8s
 * App (a Secret built once and handed to constructs of several apps) is not
 * written by this app either: a dependency on it makes the dependent's chart
 * depend on the other app's chart, which cdk8s's `DependencyGraph` finds by
 * construct path, so where this app has a chart at the same path (one program
 * synthesizing an app per environment) that chart depends on itself and
 * `synthYaml()`/`synth()` silently write none of its objects. And an object in a chart
 * that contains the dependent's chart cannot be written first: cdk8s makes
 * each chart depend on the charts nested in it and writes those first. That
 * one is reported, naming both constructs, rather than left to cdk8s's bare
 * "Dependency cycle detected".
 */

interface Held {
  readonly dependent: ApiObject;
  readonly target: ApiObject;
  /** The dependent's field that names the target, for a message when the target is taken out of the tree. */
  readonly field: string;
  /** Whether the caller's own check reports the target taken out (in Seldon's terms), so this one does not. */
  readonly reportedByCaller: boolean;
}

/** Per app root, the dependencies held back and not yet added, and every object one of them has named (whose place in the tree is read). */
interface Holding {
  readonly held: Held[];
  readonly objects: Set<IConstruct>;
  /** What the last pass that added nothing read: while it reads the same, the answer is the same (nothing to add). */
  settled?: Settled;
  /** Dependencies on an object in a chart that contains the dependent's: not added, reported while the dependent is in the app. */
  readonly refused: Refused[];
}

interface Refused {
  readonly dependent: ApiObject;
  readonly target: IConstruct;
  readonly targetChart: Chart;
  readonly field: string;
}

/**
 * The answer reads the held relations, the app's dependency targets and the tree order of the held objects. That
 * order changes only when a construct is taken out (`tryRemoveChild()`), perhaps for another made at its place: a
 * construct is attached where it is made, and later ones do not move the ones already there. So a pass that finds
 * the same relations, the same targets and the same objects in the same order as the last one that added nothing
 * adds nothing either: the later passes of one synth, and every synth of an unchanged app, skip the work.
 */
interface Settled {
  /** The relations then held: the list only grows until a pass adds one, which drops the settled answer. */
  readonly held: number;
  readonly targets: ReadonlySet<IConstruct>;
  readonly objects: readonly ApiObject[];
}
const HOLDING = new WeakMap<IConstruct, Holding>();

/**
 * Orders `dependent` after `target`. When the target is an L2 construct with
 * its object as the `Resource` child, the dependency goes straight to that
 * object: the result is the same, but cdk8s then need not expand the
 * construct into its objects at every synth (measured in BENCHMARKS.md).
 * `reportedByCaller`: the caller's own check reports a target taken out of the tree (the v2 references), so this
 * module does not report it again.
 */
export function dependOn(dependent: ApiObject, target: IConstruct, field = 'a reference', reportedByCaller = false): void {
  // Written by another app, if at all: nothing here to order it after.
  if (rootOf(target) !== rootOf(dependent)) return;
  const resource = target instanceof ApiObject ? target : target.node.tryFindChild('Resource');
  // A reference to an object in the cluster writes nothing: nothing to order, and no chart to order.
  if (!(resource instanceof ApiObject) && !target.node.findAll().some(c => c instanceof ApiObject)) return;
  // cdk8s writes an object in its nearest chart, and orders charts before it validates: across charts, declare it now.
  if (!(resource instanceof ApiObject) || resource === dependent || resource.chart !== dependent.chart) {
    const targetChart = resource instanceof ApiObject ? resource.chart : chartOf(target);
    if (targetChart !== undefined && resource !== dependent && contains(targetChart, dependent.chart)) {
      holdingOf(dependent).refused.push({ dependent, target, targetChart, field });
      return;
    }
    dependent.addDependency(resource instanceof ApiObject ? resource : target);
    return;
  }
  const holding = holdingOf(dependent);
  holding.held.push({ dependent, target: resource, field, reportedByCaller });
  holding.objects.add(dependent);
  holding.objects.add(resource);
}

function holdingOf(dependent: ApiObject): Holding {
  const root = rootOf(dependent);
  let holding = HOLDING.get(root);
  if (holding === undefined) {
    const made: Holding = { held: [], objects: new Set(), refused: [] };
    holding = made;
    HOLDING.set(root, made);
    addAppCheck(root, tree => [...refusedProblems(made, tree), ...addNeededDependencies(made, tree).map(lostTargetProblem)]);
  }
  return holding;
}

/** The chart a construct is written in, if any. */
function chartOf(c: IConstruct): Chart | undefined {
  for (let s: IConstruct | undefined = c; s !== undefined; s = s.node.scope) if (Chart.isChart(s)) return s;
  return undefined;
}

/** Whether `outer` is a chart that `inner` is nested in (at any depth). */
function contains(outer: Chart, inner: Chart): boolean {
  for (let s = inner.node.scope; s !== undefined; s = s.node.scope) if (s === outer) return true;
  return false;
}

/** One message per refused dependency whose dependent is still in the app. */
function refusedProblems(holding: Holding, tree: () => AppTree): string[] {
  if (holding.refused.length === 0) return [];
  const present = new Set<IConstruct>(tree().objects);
  return holding.refused.filter(r => present.has(r.dependent)).map(r => {
    const owner = knownConstruct(r.dependent);
    const kind = owner.constructor.name;
    const target = knownConstruct(r.target);
    const what = `${target.constructor.name} '${target.node.path}'`;
    return formatProblem(kind, owner.node.path, r.field,
      `is ${what} in chart '${r.targetChart.node.path}', which contains the ${kind}'s chart '${r.dependent.chart.node.path}': `
        + 'cdk8s writes a nested chart before the chart that contains it (each chart depends on the charts nested in it), '
        + `so the ${target.constructor.name} cannot be written before the ${kind} (the order the library keeps) and cdk8s would refuse the dependency as a cycle`,
      `accepted: the ${target.constructor.name} in the ${kind}'s chart, in a chart nested in it or in a sibling chart `
        + '(not one that contains it), or a reference to the existing object that writes nothing (e.g. Secret.fromSecretName())');
  });
}

const objectKey = (o: ApiObject): string => `${o.apiVersion}\u0000${o.kind}\u0000${o.metadata.namespace ?? ''}\u0000${o.name}`;

/**
 * A held relation whose target was taken out of the tree with `tryRemoveChild()` while the dependent stays: the
 * dependent's manifest names an object the app no longer writes, which the cluster then does not have.
 */
function lostTargetProblem(h: Held): string {
  const owner = knownConstruct(h.dependent);
  const target = knownConstruct(h.target);
  return formatProblem(owner.constructor.name, owner.node.path, h.field,
    `is ${target.constructor.name} '${target.node.path}' (${show(h.target.name)}), which was taken out of the tree with tryRemoveChild(): `
      + `the ${h.dependent.kind} names an object the app no longer writes`,
    'accepted: an object of this app, or a reference to an existing one that writes nothing (e.g. Secret.fromSecretName())');
}

/**
 * The validation that adds the held dependencies tree order would not keep. It returns the relations whose target was
 * taken out of the tree while the dependent stays (no dependency is added for them, and no answer is settled).
 */
function addNeededDependencies(holding: Holding, tree: () => AppTree): Held[] {
  const held = holding.held;
  if (held.length === 0) return [];
  const wanted = holding.objects;
  const { objects, dependencyTargets } = tree();
  const last = holding.settled;
  if (last !== undefined && last.held === held.length && sameMembers(last.targets, dependencyTargets) && sameItems(last.objects, objects)) return [];
  const position = new Map<IConstruct, number>();
  for (let i = 0; i < objects.length; i++) if (wanted.has(objects[i])) position.set(objects[i], i);
  // The tree's set is as walked; the targets of the dependencies added here join it. cdk8s turns a dependency on a
  // scope into one on every object below it, in its chart (resolveDependencies), and app.synth() validates once
  // before it does: the scopes between an object and its chart count as the object.
  const added = new Set<IConstruct>();
  const dependedOn = (object: ApiObject): boolean => {
    if (added.has(object)) return true;
    for (let c: IConstruct | undefined = object; c !== undefined && c !== object.chart; c = c.node.scope) {
      if (dependencyTargets.has(c)) return true;
    }
    return false;
  };

  // A target taken out of the tree (tryRemoveChild() keeps its scope, so dependOn held it) whose dependent stays.
  // They are set aside (still held), and reported unless the caller's own check reports them.
  const lost: Held[] = [];
  const setAside: Held[] = [];
  let remaining = held;
  if (position.size < wanted.size) {
    remaining = [];
    let written: Map<string, number> | undefined;
    for (const h of held) {
      // A dependent taken out of the tree (a construction that threw, failed-construction.ts) is written by no one and
      // cannot come back: its relation is dropped. Added, it would make its target depended on, and move it in the output.
      if (!position.has(h.dependent)) continue;
      if (position.has(h.target)) {
        remaining.push(h);
        continue;
      }
      // Another object of that kind, name and namespace took its place: the name reaches it, so it is what to order after.
      if (written === undefined) {
        written = new Map();
        for (let i = objects.length - 1; i >= 0; i--) written.set(objectKey(objects[i]), i);
      }
      const at = written.get(objectKey(h.target));
      if (at !== undefined) {
        const namesake = objects[at];
        // In another chart it cannot be ordered from here (cdk8s orders charts before it validates), and from a nested
        // chart to one containing it the dependency would be a cycle: the name reaches it, and the relation stays held.
        if (namesake.chart !== h.dependent.chart) {
          setAside.push(h);
          continue;
        }
        wanted.add(namesake);
        position.set(namesake, at);
        remaining.push({ ...h, target: namesake });
        continue;
      }
      setAside.push(h);
      if (!h.reportedByCaller) lost.push(h);
    }
  }
  // Adding one makes its target depended on, which may settle another: repeat until none is added.
  const kept = remaining;
  for (let grew = true; grew;) {
    grew = false;
    const still: Held[] = [];
    for (const h of remaining) {
      const before = position.get(h.target);
      const after = position.get(h.dependent);
      const treeOrderKeeps = before !== undefined && after !== undefined && before < after
        && !dependedOn(h.target) && !dependedOn(h.dependent);
      if (treeOrderKeeps) {
        still.push(h);
      } else {
        h.dependent.addDependency(h.target);
        added.add(h.target);
        grew = true;
      }
    }
    remaining = still;
  }
  // The added ones are dependencies now; the rest are checked again in every pass, as a user may add one between synths.
  if (remaining.length !== kept.length || kept.length + setAside.length !== held.length) {
    // Copied one by one: a spread passes every element as an argument, past the stack's limit in a large app. The
    // relations set aside above stay held: they are judged again in the next pass.
    held.length = 0;
    for (const h of remaining) held.push(h);
    for (const h of setAside) held.push(h);
    holding.settled = undefined;
  } else if (lost.length === 0) {
    holding.settled = { held: held.length, targets: dependencyTargets, objects };
  }
  return lost;
}

