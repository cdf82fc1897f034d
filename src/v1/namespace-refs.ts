import { PredictiveUnit } from './predictive-unit';
import { PredictorProps } from './predictor';
import { Report } from './unit-checks';
import { FieldNaming } from './webhook-input';
import { crossNamespaceProblem, namespaceFixed } from '../k8s/namespaces';

/**
 * The Secrets, PersistentVolumeClaims and ServiceAccounts a predictor's pods
 * use (credentials, `ModelUri.pvc`, serviceAccount, of every node and the
 * explainer) must live in the SeldonDeployment's namespace, where the
 * operator creates the pods (src/k8s/namespaces.ts). Whether the answer is
 * settled: nothing found, and no namespace read can change.
 */
export function namespaceRefProblems(p: PredictorProps, naming: FieldNaming, namespace: string | undefined, report: Report): boolean {
  // Nothing can be in another namespace than an unknown one; that is the common case, so it costs no walk.
  if (namespace === undefined) return true;
  // Settled: nothing found, and every namespace read is one that cannot change (namespaceFixed).
  let settled = true;
  // `path` undefined names a predictor field; the name is spelled out only for a message.
  const check = (what: string, ref: unknown, path: string | undefined, field: string) => {
    if (ref === undefined) return;
    const found = crossNamespaceProblem(what, ref, namespace);
    if (found) report(path === undefined ? naming.predictor(field) : naming.unit(path, field), found[0], found[1]);
    if (found || !namespaceFixed(ref)) settled = false;
  };
  check('ServiceAccount', p.serviceAccount, undefined, 'serviceAccount');
  if (p.explainer) check('Secret', p.explainer.credentials, undefined, 'explainer.credentials');
  if (!p.graph) return settled;
  const root = p.graph._spec;
  if (root.children.length === 0) {
    // A one-node graph (nearly every one) is read where it stands, in graphRefs' order, with no list kept for it.
    check('Secret', root.credentials, 'graph', 'credentials');
    check('PersistentVolumeClaim', root.modelUri?.claim, 'graph', 'modelUri');
    check('ServiceAccount', root.serviceAccount, 'graph', 'serviceAccount');
    return settled;
  }
  // The references of a larger graph are listed once per graph; their namespaces are read in every pass until settled.
  const refs = graphRefs(p.graph);
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    check(r.what, r.ref, r.path, r.field);
  }
  return settled;
}

/** One object a graph node references, with what it is and the node's field. */
interface GraphRef {
  readonly what: string;
  readonly ref: unknown;
  readonly path: string;
  readonly field: string;
}

const GRAPH_REFS = new WeakMap<PredictiveUnit, readonly GraphRef[]>();

/**
 * The Secrets, claims and ServiceAccounts a graph's nodes reference, in the order the check reports them; once per
 * graph, as a node and the references it holds are immutable (what each one's namespace is, is read in every pass).
 */
function graphRefs(graph: PredictiveUnit): readonly GraphRef[] {
  let refs = GRAPH_REFS.get(graph);
  if (refs !== undefined) return refs;
  const found: GraphRef[] = [];
  const add = (what: string, ref: unknown, path: string, field: string) => {
    if (ref !== undefined) found.push({ what, ref, path, field });
  };
  const stack = [{ unit: graph, path: 'graph' }];
  while (stack.length > 0) {
    const { unit, path } = stack.pop()!;
    const spec = unit._spec;
    add('Secret', spec.credentials, path, 'credentials');
    add('PersistentVolumeClaim', spec.modelUri?.claim, path, 'modelUri');
    add('ServiceAccount', spec.serviceAccount, path, 'serviceAccount');
    for (let j = 0; j < spec.children.length; j++) stack.push({ unit: spec.children[j], path: `${path}.children[${j}]` });
  }
  refs = found;
  GRAPH_REFS.set(graph, refs);
  return refs;
}
