import { PredictorProps } from './predictor';
import { Report } from './unit-checks';
import { FieldNaming } from './webhook-input';
import { crossNamespaceProblem } from '../k8s/namespaces';

/**
 * The Secrets, PersistentVolumeClaims and ServiceAccounts a predictor's pods
 * use (credentials, `ModelUri.pvc`, serviceAccount, of every node and the
 * explainer) must live in the SeldonDeployment's namespace, where the
 * operator creates the pods (src/k8s/namespaces.ts).
 */
export function namespaceRefProblems(p: PredictorProps, naming: FieldNaming, namespace: string | undefined, report: Report): void {
  // Nothing can be in another namespace than an unknown one; that is the common case, so it costs no walk.
  if (namespace === undefined) return;
  // `path` undefined names a predictor field; the name is spelled out only for a message.
  const check = (what: string, ref: unknown, path: string | undefined, field: string) => {
    if (ref === undefined) return;
    const found = crossNamespaceProblem(what, ref, namespace);
    if (found) report(path === undefined ? naming.predictor(field) : naming.unit(path, field), found[0], found[1]);
  };
  check('ServiceAccount', p.serviceAccount, undefined, 'serviceAccount');
  if (p.explainer) check('Secret', p.explainer.credentials, undefined, 'explainer.credentials');
  if (!p.graph) return;
  const stack = [{ unit: p.graph, path: 'graph' }];
  while (stack.length > 0) {
    const { unit, path } = stack.pop()!;
    const spec = unit._spec;
    check('Secret', spec.credentials, path, 'credentials');
    check('PersistentVolumeClaim', spec.modelUri?.claim, path, 'modelUri');
    check('ServiceAccount', spec.serviceAccount, path, 'serviceAccount');
    for (let j = 0; j < spec.children.length; j++) stack.push({ unit: spec.children[j], path: `${path}.children[${j}]` });
  }
}
