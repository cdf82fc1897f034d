import { namespaceRefProblems } from './namespace-refs';
import { PredictiveUnit } from './predictive-unit';
import { PredictorProps } from './predictor';
import { Report, checkCredentials } from './unit-checks';
import { FieldNaming } from './webhook-input';

/**
 * The checks of the objects a SeldonDeployment's predictors reference: an
 * rclone URI's remote in the credentials, and the namespaces of Secrets,
 * claims and ServiceAccounts. An RcloneSecret gains remotes (`addRemote()`)
 * and a referenced object's namespace is its own, with no signal to the
 * SeldonDeployment when either changes; field names are spelled out only for
 * a message. Returns whether the answer is settled: nothing reported, and
 * nothing read that can answer differently later (the library's own
 * RcloneSecret only gains remotes; a cdk8s-plus resource's namespace is fixed
 * when it is made), so that the caller may reuse it while its predictors and
 * namespace are unchanged.
 */
export function referenceProblems(predictors: readonly PredictorProps[], namings: readonly FieldNaming[], namespace: string | undefined,
  report: Report): boolean {
  let settled = true;
  for (let i = 0; i < predictors.length; i++) {
    const p = predictors[i];
    const naming = namings[i];
    if (!graphCredentialProblems(p.graph, 'graph', naming, report)) settled = false;
    if (!namespaceRefProblems(p, naming, namespace, report)) settled = false;
    if (p.explainer && !checkCredentials(p.explainer.modelUri, p.explainer.credentials, p.explainer.storageInitializerImage,
      f => naming.predictor(f === 'uri' ? 'explainer.modelUri' : 'explainer.credentials'), report)) settled = false;
  }
  return settled;
}

/**
 * The credential check of every prepackaged node of a graph, depth first; whether settled. Walked in each pass
 * until settled: a graph is a few nodes (most are one), and a list of them kept per graph cost more than the walk.
 */
function graphCredentialProblems(unit: PredictiveUnit, path: string, naming: FieldNaming, report: Report): boolean {
  const spec = unit._spec;
  let settled = spec.kind !== 'prepackaged' || checkCredentials(spec.modelUri, spec.credentials, spec.storageInitializerImage,
    f => naming.unit(path, f === 'uri' ? 'modelUri' : 'credentials'), report);
  for (let j = 0; j < spec.children.length; j++) {
    if (!graphCredentialProblems(spec.children[j], `${path}.children[${j}]`, naming, report)) settled = false;
  }
  return settled;
}
