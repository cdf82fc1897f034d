import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { formatProblem, show } from '../errors';
import { addAppCheck } from './app-checks';
import { AppTree, walkApp } from './app-tree';
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

// Kinds whose duplicates the v2 reference check already reports in Seldon's terms (src/v2/references.ts, scheduling.ts).
const CHECKED_ELSEWHERE = new Set(['mlops.seldon.io/Model', 'mlops.seldon.io/Server', 'mlops.seldon.io/Pipeline', 'mlops.seldon.io/Experiment']);

const ROOTS = new WeakSet<IConstruct>();

/** Registers the app-wide check of the app `scope` belongs to, once (called by every construct of the library). */
export function checkUniqueNames(scope: IConstruct): void {
  const root = rootOf(scope);
  if (ROOTS.has(root)) return;
  ROOTS.add(root);
  addAppCheck(root, tree => duplicateObjects(root, tree()));
}

/** The construct a user knows the object by: the library construct whose `Resource` it is, or the object itself. */
function owner(object: ApiObject): IConstruct {
  const parent = object.node.scope;
  return object.node.id === 'Resource' && parent !== undefined ? parent : object;
}

function kindOf(construct: IConstruct, object: ApiObject): string {
  return construct === object ? object.kind : construct.constructor.name;
}

function where(construct: IConstruct): string {
  return construct.node.path === '' ? '<app root>' : construct.node.path;
}

/** What the check reads of an object: its group, kind, namespace and name, and the key made of them (none for a kind checked elsewhere). */
interface Keyed {
  readonly object: ApiObject;
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly key?: string;
  /** For an External Secrets Operator ExternalSecret: the key of the Secret the operator creates for it (`spec.target.name`, else its own name). */
  readonly madeSecretKey?: string;
}

/**
 * Per app, what the last run found: cdk8s validates an app once per chart
 * plus once in every synth, and the passes of one synth find the same
 * objects, so a pass that finds them all again, unchanged and in the same
 * order, has the same answer (the messages name only those objects).
 */
const LAST = new WeakMap<IConstruct, { readonly entries: Keyed[]; readonly problems: string[] }>();

function keyOf(object: ApiObject, previous: Keyed | undefined): Keyed {
  // The previous pass's entry at this place in the tree is usually this object's. Elsewhere the key is made again:
  // keeping one per object for the case that objects moved would cost every app a map of all its objects.
  const known = previous !== undefined && previous.object === object ? previous : undefined;
  const namespace = object.metadata.namespace;
  if (known !== undefined && known.group === object.apiGroup && known.kind === object.kind
    && known.namespace === namespace && known.name === object.name) return known;
  const kindKey = `${object.apiGroup}/${object.kind}`;
  const entry: Keyed = {
    object,
    group: object.apiGroup,
    kind: object.kind,
    namespace,
    name: object.name,
    key: CHECKED_ELSEWHERE.has(kindKey) ? undefined : `${kindKey}\u0000${namespace ?? ''}\u0000${object.name}`,
    madeSecretKey: kindKey === 'external-secrets.io/ExternalSecret'
      ? `core/Secret\u0000${namespace ?? ''}\u0000${(object as unknown as { props?: { spec?: { target?: { name?: string } } } }).props?.spec?.target?.name ?? object.name}`
      : undefined,
  };
  return entry;
}

/** One message per object whose group, kind, namespace and name another object of the app already has. */
export function duplicateObjects(root: IConstruct, tree: AppTree = walkApp(root)): string[] {
  const last = LAST.get(root);
  const previous = last?.entries ?? [];
  const entries: Keyed[] = [];
  for (const object of tree.objects) entries.push(keyOf(object, entries.length < previous.length ? previous[entries.length] : undefined));
  if (last !== undefined && sameItems(last.entries, entries)) return [...last.problems];
  const seen = new Map<string, ApiObject>();
  const problems: string[] = [];
  const check = (c: ApiObject, key: string | undefined, namespace: string | undefined, isMade: boolean): void => {
    if (key === undefined) return;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, c);
      return;
    }
    const mine = owner(c);
    const theirs = owner(first);
    const ns = namespace === undefined ? '' : ` in namespace ${show(namespace)}`;
    const kind = isMade ? 'Secret' : c.kind;
    // The message names each construct once: the one at fault leads it, the other follows "of".
    const madeName = isMade ? key.slice(key.lastIndexOf('\u0000') + 1) : c.name;
    const subject = isMade
      ? `${show(c.name)} makes the External Secrets Operator create a Secret named ${show(madeName)} (spec.target.name, else its own name), which`
      : show(c.name);
    problems.push(formatProblem(kindOf(mine, c), where(mine), 'metadata.name',
      `${subject} is also the name of the ${first.kind} of ${kindOf(theirs, first)} '${where(theirs)}'${ns}; `
        + (isMade ? 'the operator would take that Secret over or fail to create it' : 'kubectl apply would keep only one of them'),
      `a name unique among the ${kind} objects of its namespace (set metadata.name on one of them)`));
  };
  for (const e of entries) check(e.object, e.key, e.namespace, false);
  // The Secrets ExternalSecrets make ESO create count as Secrets of the app (checked after every real object).
  for (const e of entries) if (e.madeSecretKey !== undefined) check(e.object, e.madeSecretKey, e.namespace, true);
  LAST.set(root, { entries, problems: [...problems] });
  return problems;
}
