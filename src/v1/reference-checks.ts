import { ISecret } from 'cdk8s-plus-27';
import { show } from '../errors';
import { ModelUri, ModelUriKind } from '../model-uri';
import { namespaceRefProblems } from './namespace-refs';
import { PredictiveUnit, UnitSpec } from './predictive-unit';
import { PredictorProps } from './predictor';
import { Report, checkCredentials } from './unit-checks';
import { FieldNaming } from './webhook-input';
import { connectionStringOptions, rcloneTrue } from '../rclone/connection-string';
import { RcloneSecret } from '../rclone/rclone-secret';

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
  report: Report, readsOwnUri: (spec: UnitSpec) => boolean = () => false): boolean {
  let settled = true;
  for (let i = 0; i < predictors.length; i++) {
    const p = predictors[i];
    const naming = namings[i];
    if (!graphCredentialProblems(p.graph, 'graph', naming, report, readsOwnUri)) settled = false;
    if (!namespaceRefProblems(p, naming, namespace, report)) settled = false;
    if (p.explainer && !checkCredentials(p.explainer.modelUri, p.explainer.credentials, p.explainer.storageInitializerImage,
      f => naming.predictor(f === 'uri' ? 'explainer.modelUri' : 'explainer.credentials'), report)) settled = false;
    if (p.explainer && !explainerIdentityProblems(p, naming, report)) settled = false;
  }
  return settled;
}

/**
 * An explainer whose artifact is read through a remote that takes its credentials from the pod's identity
 * (`env_auth`: IRSA, GKE workload identity) runs as the namespace's default ServiceAccount unless it names its own:
 * the operator sets only `explainer.serviceAccountName` on the explainer's pod (seldondeployment_explainers.go), and
 * inherits nothing from the predictor. Where the predictor runs as a ServiceAccount of its own, that is the identity
 * the remote was meant for, and the explainer's storage initializer would be refused the bucket. Whether settled.
 */
function explainerIdentityProblems(p: PredictorProps, naming: FieldNaming, report: Report): boolean {
  const explainer = p.explainer!;
  if (explainer.serviceAccount !== undefined || explainer.modelUri === undefined) return true;
  const predictorAccount = p.serviceAccount?.name ?? firstNodeAccount(p.graph);
  if (predictorAccount === undefined) return true;
  const remote = identityRemote(explainer.modelUri, explainer.credentials);
  if (remote === undefined) return true;
  report(naming.predictor('explainer.serviceAccount'),
    `is not set, but explainer.modelUri ${show(explainer.modelUri.uri)} is read through ${remote}, which takes its credentials from the pod's identity `
      + '(env_auth): the explainer\'s pod runs as the namespace\'s default ServiceAccount (the operator sets only explainer.serviceAccountName, '
      + `seldondeployment_explainers.go), not as ${show(predictorAccount)}, which the predictor runs as`,
    'accepted: explainer.serviceAccount, the predictor\'s ServiceAccount, or ServiceAccount.fromServiceAccountName(this, "default", "default") where the default one has that identity');
  return false;
}

/** The ServiceAccount of the first node of the graph that names one, depth first. */
function firstNodeAccount(unit: PredictiveUnit): string | undefined {
  const own = unit._spec.serviceAccount?.name;
  if (own !== undefined) return own;
  for (const child of unit._spec.children) {
    const found = firstNodeAccount(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The remote of `uri` if it reads with the pod's identity: an inline `:s3,env_auth=true:` remote, or one of an RcloneSecret with env_auth true. */
function identityRemote(uri: ModelUri, credentials: ISecret | undefined): string | undefined {
  if (uri.kind !== ModelUriKind.RCLONE_REMOTE || uri.problem || uri.remoteName === undefined) return undefined;
  const name = uri.remoteName;
  // Options in the URI itself (`:s3,env_auth=true:bucket`, or `s3,env_auth:bucket` on a configured remote) override the remote's.
  const inline = connectionStringOptions(uri.uri).env_auth;
  if (inline !== undefined) return rcloneTrue(inline) ? 'the options of its connection string' : undefined;
  if (name.startsWith(':') || credentials === undefined || !(credentials instanceof RcloneSecret)) return undefined;
  const remote = credentials.remotes.find(r => r.matches(name));
  return remote !== undefined && rcloneTrue(remote.options.env_auth) ? `remote ${show(remote.name)} of RcloneSecret '${credentials.node.path}'` : undefined;
}

/**
 * The credential check of every prepackaged node of a graph whose model the storage initializer reads (not one
 * `readsOwnUri`: Triton without it, checked in unit-runtime-checks.ts), depth first; whether settled. Walked in each pass
 * until settled: a graph is a few nodes (most are one), and a list of them kept per graph cost more than the walk.
 */
function graphCredentialProblems(unit: PredictiveUnit, path: string, naming: FieldNaming, report: Report,
  readsOwnUri: (spec: UnitSpec) => boolean): boolean {
  const spec = unit._spec;
  let settled = spec.kind !== 'prepackaged' || readsOwnUri(spec) || checkCredentials(spec.modelUri, spec.credentials, spec.storageInitializerImage,
    f => naming.unit(path, f === 'uri' ? 'modelUri' : 'credentials'), report);
  for (let j = 0; j < spec.children.length; j++) {
    if (!graphCredentialProblems(spec.children[j], `${path}.children[${j}]`, naming, report, readsOwnUri)) settled = false;
  }
  return settled;
}
