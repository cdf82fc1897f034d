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
  const check = (what: string, ref: unknown, field: string) => {
    const found = crossNamespaceProblem(what, ref, namespace);
    if (found) report(field, found[0], found[1]);
  };
  check('ServiceAccount', p.serviceAccount, naming.predictor('serviceAccount'));
  if (p.explainer) check('Secret', p.explainer.credentials, naming.predictor('explainer.credentials'));
  if (!p.graph) return;
  const stack = [{ unit: p.graph, path: 'graph' }];
  while (stack.length > 0) {
    const { unit, path } = stack.pop()!;
    const spec = unit._spec;
    check('Secret', spec.credentials, naming.unit(path, 'credentials'));
    check('PersistentVolumeClaim', spec.modelUri?.claim, naming.unit(path, 'modelUri'));
    check('ServiceAccount', spec.serviceAccount, naming.unit(path, 'serviceAccount'));
    spec.children.forEach((c, j) => stack.push({ unit: c, path: `${path}.children[${j}]` }));
  }
}
