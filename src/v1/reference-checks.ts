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
 * SeldonDeployment when either changes, so these run in every validation
 * pass; field names are spelled out only for a message.
 */
export function referenceProblems(predictors: readonly PredictorProps[], namings: readonly FieldNaming[], namespace: string | undefined,
  report: Report): void {
  for (let i = 0; i < predictors.length; i++) {
    const p = predictors[i];
    const naming = namings[i];
    graphCredentialProblems(p.graph, 'graph', naming, report);
    namespaceRefProblems(p, naming, namespace, report);
    if (p.explainer) {
      checkCredentials(p.explainer.modelUri, p.explainer.credentials, p.explainer.storageInitializerImage,
        f => naming.predictor(f === 'uri' ? 'explainer.modelUri' : 'explainer.credentials'), report);
    }
  }
}

/** The credential check of every prepackaged node of a graph, depth first. */
function graphCredentialProblems(unit: PredictiveUnit, path: string, naming: FieldNaming, report: Report): void {
  const spec = unit._spec;
  if (spec.kind === 'prepackaged') {
    checkCredentials(spec.modelUri, spec.credentials, spec.storageInitializerImage, f => naming.unit(path, f === 'uri' ? 'modelUri' : 'credentials'), report);
  }
  for (let j = 0; j < spec.children.length; j++) graphCredentialProblems(spec.children[j], `${path}.children[${j}]`, naming, report);
}
