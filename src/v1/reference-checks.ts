import { namespaceRefProblems } from './namespace-refs';
import { PredictiveUnit } from './predictive-unit';
import { PredictorProps } from './predictor';
import { Report, checkCredentials, credentialsMayReport } from './unit-checks';
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
    const root = p.graph._spec;
    if (root.children.length === 0) {
      // A one-node graph (nearly every one) is checked where it stands: a list of its nodes kept per graph would cost
      // more to build and hold than the check, whose answer for most is settled in the first pass.
      if (root.kind === 'prepackaged' && !checkCredentials(root.modelUri, root.credentials, root.storageInitializerImage,
        f => naming.unit('graph', f === 'uri' ? 'modelUri' : 'credentials'), report)) settled = false;
    } else if (!nodeCredentialProblems(p.graph, naming, report)) {
      settled = false;
    }
    if (!namespaceRefProblems(p, naming, namespace, report)) settled = false;
    if (p.explainer && !checkCredentials(p.explainer.modelUri, p.explainer.credentials, p.explainer.storageInitializerImage,
      f => naming.predictor(f === 'uri' ? 'explainer.modelUri' : 'explainer.credentials'), report)) settled = false;
  }
  return settled;
}

/** The credential checks of a graph of several nodes; whether settled. */
function nodeCredentialProblems(graph: PredictiveUnit, naming: FieldNaming, report: Report): boolean {
  let settled = true;
  const nodes = credentialNodes(graph);
  for (let j = 0; j < nodes.length; j++) {
    const [unit, path] = nodes[j];
    const spec = unit._spec;
    if (!checkCredentials(spec.modelUri, spec.credentials, spec.storageInitializerImage,
      f => naming.unit(path, f === 'uri' ? 'modelUri' : 'credentials'), report)) settled = false;
  }
  return settled;
}

/** The prepackaged nodes of each graph the credential check can report on, with their paths, depth first. */
const CREDENTIAL_NODES = new WeakMap<PredictiveUnit, ReadonlyArray<readonly [PredictiveUnit, string]>>();

/**
 * The nodes of a graph whose credential check can report anything (`credentialsMayReport`), found once per
 * graph: a node, its URI and its Secret's brand and format are immutable, so the list is too. Most graphs
 * (a bucket URI) have none; the check of those that have runs in every pass until it is settled.
 */
function credentialNodes(graph: PredictiveUnit): ReadonlyArray<readonly [PredictiveUnit, string]> {
  let found = CREDENTIAL_NODES.get(graph);
  if (found === undefined) {
    const nodes: Array<readonly [PredictiveUnit, string]> = [];
    const visit = (unit: PredictiveUnit, path: string) => {
      const spec = unit._spec;
      if (spec.kind === 'prepackaged' && credentialsMayReport(spec.modelUri, spec.credentials)) nodes.push([unit, path]);
      for (let j = 0; j < spec.children.length; j++) visit(spec.children[j], `${path}.children[${j}]`);
    };
    visit(graph, 'graph');
    found = nodes;
    CREDENTIAL_NODES.set(graph, found);
  }
  return found;
}
