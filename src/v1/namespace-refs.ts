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
  if (p.explainer) {
    check('Secret', p.explainer.credentials, undefined, 'explainer.credentials');
    check('ServiceAccount', p.explainer.serviceAccount, undefined, 'explainer.serviceAccount');
  }
  // The graph's references are read in every pass until settled, depth first: a graph is a few nodes, most one,
  // and a list of them kept per graph cost more than the walk.
  const visit = (unit: PredictiveUnit, path: string): void => {
    const spec = unit._spec;
    check('Secret', spec.credentials, path, 'credentials');
    check('PersistentVolumeClaim', spec.modelUri?.claim, path, 'modelUri');
    check('ServiceAccount', spec.serviceAccount, path, 'serviceAccount');
    for (let j = 0; j < spec.children.length; j++) visit(spec.children[j], `${path}.children[${j}]`);
  };
  if (p.graph) visit(p.graph, 'graph');
  return settled;
}
