import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { formatProblem, show } from '../errors';

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
  const root = scope.node.root;
  if (ROOTS.has(root)) return;
  ROOTS.add(root);
  root.node.addValidation({ validate: () => duplicateObjects(root) });
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

/** One message per object whose group, kind, namespace and name another object of the app already has. */
export function duplicateObjects(root: IConstruct): string[] {
  const seen = new Map<string, ApiObject>();
  const problems: string[] = [];
  for (const c of root.node.findAll()) {
    if (!(c instanceof ApiObject)) continue;
    const group = c.apiGroup;
    const kindKey = `${group}/${c.kind}`;
    if (CHECKED_ELSEWHERE.has(kindKey)) continue;
    const namespace = c.metadata.namespace;
    const key = `${kindKey}\u0000${namespace ?? ''}\u0000${c.name}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, c);
      continue;
    }
    const mine = owner(c);
    const theirs = owner(first);
    const ns = namespace === undefined ? '' : ` in namespace ${show(namespace)}`;
    problems.push(formatProblem(kindOf(mine, c), where(mine), 'metadata.name',
      `${show(c.name)} is also the name of the ${c.kind} of ${kindOf(theirs, first)} '${where(theirs)}'${ns}; kubectl apply would keep only one of them`,
      `a name unique among the ${c.kind} objects of its namespace (set metadata.name on one of them)`));
  }
  return problems;
}
