import { DeploymentSettingsProps } from './deployment-settings';
import { PredictorProps } from './predictor';
import { deploymentWideProblems } from './predictor-deployment-checks';
import { Report } from './unit-checks';
import { constructNaming, FieldNaming, plainPredictor } from './webhook-input';
import { checkWebhookRules } from './webhook-rules';

/** The webhook's rules over the whole SeldonDeployment (the node rules run when a node is added). */
const DEPLOYMENT_RULES = Object.freeze([4, 5, 6, 7, 8, 16, 17, 18, 20, 21]);

type Settings = DeploymentSettingsProps & { readonly replicas?: number };

/**
 * The checks a SeldonDeployment makes over its own predictors and settings at synth: the webhook's rules across
 * predictors (SELDON-FACTS §1.4) and the production-settings rules across predictors. A deployment of the shape
 * nearly every one has (`quietShape`) is settled without building the webhook's view of it.
 */
export function ownRuleProblems(predictors: readonly PredictorProps[], namings: readonly FieldNaming[], settings: Settings, report: Report): void {
  if (quietShape(predictors, settings)) return;
  checkOwnRules(predictors, namings, settings, report);
}

/** The rules of `ownRuleProblems`, always run (the tests hold `quietShape` to it). */
export function checkOwnRules(predictors: readonly PredictorProps[], namings: readonly FieldNaming[], settings: Settings, report: Report): void {
  checkWebhookRules({ serverType: settings.serverType, transport: settings.transport, predictors: predictors.map(plainPredictor) },
    constructNaming(namings), report, DEPLOYMENT_RULES);
  if (predictors.length > 0) deploymentWideProblems(predictors, namings.map(n => n.predictor), settings, report);
}

/**
 * Whether none of `checkOwnRules` can report, read from the values each rule reads: one predictor (rules 6, 7,
 * 9, 18, 20 and the two-budget rule need none or two), not a shadow (rule 5), traffic unset, 0 or from 100
 * (rule 21 reports 1 to 99), no kafka server type (rule 4), a one-node graph (rules 8 and 16 need two nodes),
 * no endpoint type or no transport (rule 17 compares the two), no disruption budget (its eviction rule), no
 * engine replicas (ignored without a separate engine pod) and no deployment annotations (a value with "=").
 * Stricter than each rule (an empty string counts as set here), so a shape it lets through is one the rules pass.
 */
export function quietShape(predictors: readonly PredictorProps[], settings: Settings): boolean {
  if (predictors.length !== 1) return false;
  const p = predictors[0];
  const traffic = p.traffic ?? 0;
  const graph = p.graph?._spec;
  return graph !== undefined && graph.children.length === 0
    && p.shadow !== true && !(traffic > 0 && traffic < 100)
    && settings.serverType !== 'kafka'
    && (graph.endpointType === undefined || settings.transport === undefined)
    && p.disruptionBudget === undefined && p.engineReplicas === undefined
    && (settings.annotations === undefined || settings.annotations === null);
}

/** What `ownRuleProblems` (and the port rule) found for a deployment, and the count of JSON patches it read. */
export interface OwnChecked { readonly patches: number; readonly messages: readonly string[] }

/**
 * Kept per deployment from the first validation pass to the next change: the answer nearly every deployment has
 * (no patch, no problem) is one record shared by all, so an app of thousands keeps none of its own.
 */
const CLEAN: OwnChecked = Object.freeze({ patches: 0, messages: Object.freeze([]) });

export function ownChecked(patches: number, messages: readonly string[]): OwnChecked {
  return patches === 0 && messages.length === 0 ? CLEAN : { patches, messages };
}

/** The namespace the reference checks were settled for: one record per namespace, shared by its deployments. */
export interface RefsSettled { readonly namespace: string | undefined }

const SETTLED_IN = new Map<string | undefined, RefsSettled>();

export function refsSettledIn(namespace: string | undefined): RefsSettled {
  let settled = SETTLED_IN.get(namespace);
  if (settled === undefined) SETTLED_IN.set(namespace, settled = Object.freeze({ namespace }));
  return settled;
}
