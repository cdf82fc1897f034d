import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { formatProblem, show } from '../errors';
import { addAppCheck } from './app-checks';
import { AppTree, walkApp } from './app-tree';
import { knownConstruct } from './known-construct';
import { MadeObject, MadeObjects, madeObjectsOf } from './made-objects';
import { outputFileProblems } from './output-file-names';
import { rootOf } from './root-of';
import { sameItems } from './same-as-last';

/**
 * Two objects of one kind with one name in one namespace are both written
 * to the manifests, and `kubectl apply` keeps whichever comes last: a
 * SeldonDeployment replaces another, a model reads another remote's
 * credentials. Once per app and per synth, every `ApiObject` of the app (the
 * library's, cdk8s-plus's and plain cdk8s objects alike, generated names
 * included) is keyed by API group, kind, namespace and name (O(objects)).
 */

/**
 * Kinds whose duplicates among the library's own constructs the v2 checks already report in Seldon's terms
 * (src/v2/references.ts, scheduling.ts). Those checks see only the constructs registered with them: an object of
 * these kinds that is not one (an `Include`d manifest, a plain `ApiObject`) is checked here like any other.
 */
const CHECKED_ELSEWHERE = new Set(['mlops.seldon.io/Model', 'mlops.seldon.io/Server', 'mlops.seldon.io/Pipeline', 'mlops.seldon.io/Experiment']);

/** The objects of the library's constructs whose duplicates among themselves another check reports. */
const REPORTED_ELSEWHERE = new WeakSet<ApiObject>();

/**
 * Marks the object (the `Resource` child) of `construct` as one whose name clashes with another such object are
 * reported by the v2 checks; a clash with any other object of its kind is still reported here.
 */
export function reportedElsewhere(construct: IConstruct): void {
  const object = construct.node.tryFindChild('Resource');
  if (object instanceof ApiObject && CHECKED_ELSEWHERE.has(`${object.apiGroup}/${object.kind}`)) REPORTED_ELSEWHERE.add(object);
}

const ROOTS = new WeakSet<IConstruct>();

/** Registers the app-wide check of the app `scope` belongs to, once (called by every construct of the library). */
export function checkUniqueNames(scope: IConstruct): void {
  const root = rootOf(scope);
  if (ROOTS.has(root)) return;
  ROOTS.add(root);
  addAppCheck(root, tree => [...duplicateObjects(root, tree()), ...outputFileProblems(root, tree().objects)]);
}

function kindOf(construct: IConstruct, object: ApiObject): string {
  return construct === object ? object.kind : construct.constructor.name;
}

function where(construct: IConstruct): string {
  return construct.node.path === '' ? '<app root>' : construct.node.path;
}

/** What the check reads of an object: its group, kind, namespace and name, and the key made of them. */
interface Keyed {
  readonly object: ApiObject;
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** `<API group>/<kind>`, one string per kind (kindKeyOf). */
  readonly kindKey: string;
  /** What operators make for it, as declared (made-objects.ts). */
  readonly declared?: MadeObjects;
  /** For an External Secrets Operator ExternalSecret: the Secret the operator creates for it. */
  readonly externalSecret?: MadeObject;
}

/**
 * Per app, what the last run found: cdk8s validates an app once per chart
 * plus once in every synth, and the passes of one synth find the same
 * objects, so a pass that finds them all again, unchanged and in the same
 * order, has the same answer (the messages name only those objects).
 */
const LAST = new WeakMap<IConstruct, { readonly entries: Keyed[]; readonly problems: string[] }>();

/** The Secret the External Secrets Operator makes for an ExternalSecret: `spec.target.name`, else the ExternalSecret's own name. */
function externalSecretTarget(object: ApiObject): MadeObject {
  const target = (object as unknown as { props?: { spec?: { target?: { name?: string } } } }).props?.spec?.target?.name ?? object.name;
  return {
    group: 'core',
    kind: 'Secret',
    name: target,
    maker: 'the External Secrets Operator',
    role: 'spec.target.name, else its own name',
    consequence: 'the operator would take that Secret over or fail to create it',
    remedy: 'set metadata.name on one of them',
  };
}

/**
 * The entries are kept for the next pass: their strings are shared per kind, and the key of group, kind, namespace
 * and name is made only by the pass that looks for clashes (keyString), so thousands of objects keep no string each.
 */
const KIND_KEYS = new Map<string, Map<string, string>>();

function kindKeyOf(group: string, kind: string): string {
  let kinds = KIND_KEYS.get(group);
  if (kinds === undefined) KIND_KEYS.set(group, kinds = new Map());
  let key = kinds.get(kind);
  if (key === undefined) kinds.set(kind, key = `${group}/${kind}`);
  return key;
}

const keyString = (e: Keyed): string => `${e.kindKey}\u0000${e.namespace ?? ''}\u0000${e.name}`;

function keyOf(object: ApiObject, previous: Keyed | undefined): Keyed {
  // The previous pass's entry at this place in the tree is usually this object's. Elsewhere the key is made again:
  // keeping one per object for the case that objects moved would cost every app a map of all its objects.
  const known = previous !== undefined && previous.object === object ? previous : undefined;
  const namespace = object.metadata.namespace;
  const declared = madeObjectsOf(object);
  if (known !== undefined && known.group === object.apiGroup && known.kind === object.kind
    && known.namespace === namespace && known.name === object.name && known.declared === declared) return known;
  const kindKey = kindKeyOf(object.apiGroup, object.kind);
  return {
    object,
    group: object.apiGroup,
    kind: object.kind,
    namespace,
    name: object.name,
    kindKey,
    declared,
    externalSecret: kindKey === 'external-secrets.io/ExternalSecret' ? externalSecretTarget(object) : undefined,
  };
}

const madeKey = (m: MadeObject, namespace: string | undefined) => `${m.group}/${m.kind}\u0000${namespace ?? ''}\u0000${m.name}`;

/**
 * The objects whose made objects must be listed (made-objects.ts): those that say some made names are not
 * `<prefix>-...`, and those whose prefix another name of its kind in the namespace (an object's, another prefix, or
 * a listed made name) starts with before a "-", or which starts with another prefix before a "-". Other made names
 * cannot meet any: an app of thousands of SeldonDeployments named apart lists none, and builds no name for them.
 */
function listedMakers(entries: readonly Keyed[]): Keyed[] {
  // By namespace, each prefix's maker; the rare prefix two makers share is listed at once (their names meet).
  let byNamespace: Map<string, Map<string, Keyed>> | undefined;
  const kinds = new Set<string>();
  const listed = new Set<Keyed>();
  for (const e of entries) {
    if (e.declared === undefined) continue;
    byNamespace ??= new Map();
    const ns = e.namespace ?? '';
    let prefixes = byNamespace.get(ns);
    if (prefixes === undefined) byNamespace.set(ns, prefixes = new Map());
    const other = prefixes.get(e.declared.prefix);
    if (other === undefined) {
      prefixes.set(e.declared.prefix, e);
    } else {
      listed.add(other);
      listed.add(e);
    }
    for (const kind of e.declared.kinds) if (!kinds.has(kind)) kinds.add(kind);
  }
  if (byNamespace === undefined) return [];
  const probe = (namespace: string | undefined, name: string, from?: Keyed): void => {
    const prefixes = byNamespace!.get(namespace ?? '');
    if (prefixes === undefined) return;
    // A made name may be the prefix itself (a v2 Server's StatefulSet is named like the Server).
    const same = from === undefined ? prefixes.get(name) : undefined;
    if (same !== undefined) listed.add(same);
    for (let i = name.indexOf('-'); i > 0; i = name.indexOf('-', i + 1)) {
      const maker = prefixes.get(name.slice(0, i));
      if (maker === undefined) continue;
      listed.add(maker);
      if (from !== undefined) listed.add(from);
    }
  };
  for (const e of entries) {
    if (kinds.has(e.kindKey)) probe(e.namespace, e.name);
    if (e.declared === undefined) continue;
    probe(e.namespace, e.declared.prefix, e);
    if (e.declared.unprefixed) {
      listed.add(e);
      for (const m of e.declared.all()) probe(e.namespace, m.name, e);
    }
  }
  return entries.filter(e => listed.has(e));
}

/** The first holder of a key: an object of the app, or an object an operator makes for one. */
interface Holder {
  readonly object: ApiObject;
  readonly made?: MadeObject;
}

/** One message per object whose group, kind, namespace and name another object of the app (or one made for it) already has. */
export function duplicateObjects(root: IConstruct, tree: AppTree = walkApp(root)): string[] {
  const last = LAST.get(root);
  const previous = last?.entries ?? [];
  const entries: Keyed[] = [];
  for (const object of tree.objects) entries.push(keyOf(object, entries.length < previous.length ? previous[entries.length] : undefined));
  if (last !== undefined && sameItems(last.entries, entries)) return [...last.problems];
  const seen = new Map<string, Holder>();
  const problems: string[] = [];
  const holderText = (h: Holder): string => {
    const owner = knownConstruct(h.object);
    // A plain object, or a construct of its own kind (cdk8s-plus's Service): named once.
    if (h.made === undefined && (owner === h.object || kindOf(owner, h.object) === h.object.kind)) return `${h.object.kind} '${where(owner)}'`;
    return h.made === undefined
      ? `the ${h.object.kind} of ${kindOf(owner, h.object)} '${where(owner)}'`
      : `the ${h.made.kind} ${h.made.maker} makes for ${kindOf(owner, h.object)} '${where(owner)}' (${h.made.role})`;
  };
  // An object that repeats another's name is reported once: what operators make for it repeats the other's too.
  const repeated = new Set<ApiObject>();
  const check = (c: ApiObject, key: string, namespace: string | undefined, made: MadeObject | undefined): void => {
    if (made !== undefined && repeated.has(c)) return;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, { object: c, made });
      return;
    }
    // Two SeldonModels (Servers, Pipelines, Experiments) of one name: the v2 checks report it in Seldon's terms.
    if (made === undefined && first.made === undefined && REPORTED_ELSEWHERE.has(c) && REPORTED_ELSEWHERE.has(first.object)) return;
    if (made === undefined) repeated.add(c);
    const mine = knownConstruct(c);
    const ns = namespace === undefined ? '' : ` in namespace ${show(namespace)}`;
    const kind = made === undefined ? c.kind : made.kind;
    // The message names each construct once: the one at fault leads it, the other follows "of".
    const subject = made === undefined ? show(c.name)
      : `${show(c.name)} makes ${made.maker} create a ${made.kind} named ${show(made.name)} (${made.role}), which`;
    problems.push(formatProblem(kindOf(mine, c), where(mine), 'metadata.name',
      `${subject} is also the name of ${holderText(first)}${ns}; `
        + (made === undefined ? (first.made === undefined ? 'kubectl apply would keep only one of them' : first.made.consequence) : made.consequence),
      `a name unique among the ${kind} objects of its namespace (${made === undefined ? 'set metadata.name on one of them' : made.remedy})`));
  };
  for (const e of entries) check(e.object, keyString(e), e.namespace, undefined);
  // What operators make counts as objects of the app (checked after every real object).
  for (const e of entries) if (e.externalSecret !== undefined) check(e.object, madeKey(e.externalSecret, e.namespace), e.namespace, e.externalSecret);
  for (const e of listedMakers(entries)) for (const m of e.declared!.all()) check(e.object, madeKey(m, e.namespace), e.namespace, m);
  LAST.set(root, { entries, problems: [...problems] });
  return problems;
}
