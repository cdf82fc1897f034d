import { k8s } from 'cdk8s-plus-27';
import { show, showObject } from '../errors';
import { Autoscaler } from './autoscaling/autoscaler';
import { DeploymentSettingsProps } from './deployment-settings';
import { equalsInDeploymentAnnotationProblems, equalsInPodAnnotationProblems, executorAnnotationProblems, noEngineProblems, runsWithoutExecutor } from './executor-annotations';
import { EXECUTOR_ENV, EXECUTOR_ENV_ACCEPTED, EXECUTOR_ENV_PROBLEM } from './executor-env';
import { LOGGER_ENDPOINT_ENV, LOGGER_URL_ACCEPTED, loggerUrlProblem } from './logger-url';
import { predictorAnnotationProblems } from './operator-annotations';
import { PredictorProps } from './predictor';
import { predictorPodProblems } from './predictor-pod';
import { SeldonProtocol } from './protocol';
import { isTfServingProxy } from './storage-initializer-target';
import { showDuration, wholeDuration } from '../k8s/duration';
import { ENV_NAME, envValueProblem } from '../k8s/env';
import { INT32_COUNT, INT32_MAX, isInt32Count } from '../k8s/int32';
import { labelMapProblems } from '../k8s/labels';

type Report = (field: string, problem: string, accepted: string) => void;

/** The deployment-wide facts the predictor checks need. */
export interface PredictorCheckContext {
  readonly protocol?: SeldonProtocol;
  readonly explicit: boolean;
  readonly field: (f: string) => string;
  /** A graph node's field (`path`: `graph`, `graph.children[0]`, ...), as the construct's props name it. */
  readonly unit?: (path: string, f: string) => string;
  /** The deployment's settings, which a predictor's executor annotations must not contradict. */
  readonly settings?: DeploymentSettingsProps;
}

/** The checks of one predictor's production settings (PredictorDeploymentProps). */
export function predictorDeploymentProblems(p: PredictorProps, ctx: PredictorCheckContext, report: Report): void {
  const field = ctx.field;
  if (p.graph) predictorPodProblems(p, ctx, report);
  if (autoscalerProblems(p, 'predictor', field, report, ctx.settings?.separateEnginePod === true)) {
    // The predictor's autoscaler scales its own pod, without the nodes in separate pods.
    const elsewhere = new Set((p.separatePods ?? []).flatMap(pod => pod.nodes));
    // The executor runs in this pod unless it has one of its own; engineResources replaces its default requests whole.
    const engine: OtherContainer[] = ctx.settings?.separateEnginePod === true || p.engineResources === undefined ? []
      : [{ name: 'the executor (engineResources)', requests: r => requestsOf(p.engineResources as unknown as Record<string, { request?: unknown; limit?: unknown }>, r) }];
    utilizationProblems(p, ctx, p.autoscaler!._utilizationResources, n => !elsewhere.has(n), 'autoscaler', report, [...engine, ...sidecarContainers(p.sidecars)]);
  }
  operatorLabelProblems(p, ctx.settings?.separateEnginePod === true, field, report);
  if (ctx.settings !== undefined) {
    executorAnnotationProblems(p, ctx.settings, field, report);
    equalsInPodAnnotationProblems(p, ctx.settings, field, report);
    noEngineProblems(p, field, report);
    predictorAnnotationProblems(p.annotations, key => field(`annotations[${show(key)}]`), report);
  }
  const budget = p.disruptionBudget;
  if (budget !== undefined) {
    if (typeof (budget as any)?._render !== 'function') report(field('disruptionBudget'), `${showObject(budget)} is not a DisruptionBudget`, 'DisruptionBudget.minAvailable(), .maxUnavailable() or their Percent forms');
    else for (const q of budget._problems) report(field(`disruptionBudget.${q.field}`), q.problem, q.accepted);
  }
  if (p.progressDeadline !== undefined) {
    const s = wholeDuration(p.progressDeadline, 'seconds');
    if (s === undefined || s > INT32_MAX) report(field('progressDeadline'), `${showDuration(p.progressDeadline)} is not a whole number of seconds`, 'a Duration of whole seconds from 1, e.g. Duration.minutes(10)');
    else if (s < 1) report(field('progressDeadline'), `${showDuration(p.progressDeadline)} is no deadline: Kubernetes requires a Deployment's progressDeadlineSeconds to be above its minReadySeconds (0)`, 'a Duration of whole seconds from 1, e.g. Duration.minutes(10)');
  }
  if (p.engineReplicas !== undefined && !isInt32Count(p.engineReplicas)) report(field('engineReplicas'), `${show(p.engineReplicas)} is not a replica count`, INT32_COUNT);
  // Truthy exactly where `?? {}` had keys to list: most predictors set no engine env.
  if (p.engineEnv) {
    for (const name of Object.keys(p.engineEnv)) {
      if (!ENV_NAME.test(name)) {report(field('engineEnv'), `${show(name)} is not an environment variable name`, 'letters, digits, "_", "-" and "." not starting with a digit');} else if (EXECUTOR_ENV.includes(name)) {report(field(`engineEnv[${show(name)}]`), EXECUTOR_ENV_PROBLEM, EXECUTOR_ENV_ACCEPTED);} else if (name === LOGGER_ENDPOINT_ENV) {
        const value = p.engineEnv[name].value;
        const problem = value === undefined ? undefined : loggerUrlProblem(value);
        if (problem) report(field(`engineEnv[${show(name)}]`), problem, LOGGER_URL_ACCEPTED);
      } else {
        const problem = envValueProblem(name, p.engineEnv[name]?.value);
        if (problem) report(field(`engineEnv[${show(name)}]`), ...problem);
      }
    }
  }
  // The operator copies both onto the Deployments, pods and Services it makes (createDeploymentWithoutEngine,
  // createPredictorService, createContainerService), where the API server checks keys and label values.
  if (p.labels) for (const [key, problem, accepted] of labelMapProblems(p.labels, true)) report(field(`labels[${show(key)}]`), problem, accepted);
  if (p.annotations) for (const [key, problem, accepted] of labelMapProblems(p.annotations, false)) report(field(`annotations[${show(key)}]`), problem, accepted);
  const podAccount = p.serviceAccount?.name;
  for (const unit of podAccount === undefined ? [] : p.graph?._walk?.() ?? []) {
    const own = unit._spec.serviceAccount?.name;
    // The operator sets a prepackaged node's serviceAccountName on the pod (prepackaged.go); explicit mode declares it.
    if (own !== undefined && own !== podAccount) {
      report(field('serviceAccount'), `${show(podAccount)} differs from node ${unit.name}'s serviceAccount ${show(own)}, which replaces it on the pod`, 'one ServiceAccount: on the node or on the predictor');
      break;
    }
  }
  p.separatePods?.forEach((pod, i) => {
    // An autoscaler that is not one is reported by separatePodProblems.
    if (isAutoscaler(pod.autoscaler)) {
      utilizationProblems(p, ctx, pod.autoscaler!._utilizationResources, n => pod.nodes.includes(n), `separatePods[${i}].autoscaler`, report, sidecarContainers(pod.sidecars));
    }
  });
  if (p.sslCertificate !== undefined && typeof p.sslCertificate?.name !== 'string') {
    report(field('sslCertificate'), `${showObject(p.sslCertificate)} is not a Secret`, 'an ISecret, e.g. Secret.fromSecretName(scope, id, name)');
  } else if (p.sslCertificate !== undefined && p.graph?._spec?.kind === 'builtIn' && !runsWithoutExecutor(p)) {
    // createComponents mounts the certificate into the Deployment of the root's container: GetSeldonPodSpecForPredictiveUnit
    // finds none for a built-in root and GetDeploymentName then reads the nil pod spec's containers (types.go).
    report(field('sslCertificate'), `would crash the operator: the graph's root ${show(p.graph.name)} is a built-in implementation, which runs no container, `
      + 'and the operator looks for the root\'s container to mount the certificate beside, then reads the pod spec it did not find '
      + '(seldondeployment_controller.go createComponents, types.go GetDeploymentName): a nil pointer panic in every reconcile, '
      + 'which controller-runtime 0.16 does not recover, so the operator restarts for every SeldonDeployment',
    'a graph whose root runs a container (a component or prepackaged node, e.g. a transformer before the router), or no sslCertificate');
  }
}

/** Whether `scaler` is an Autoscaler of the library's: the boundary check recognises a class by its name and public members only. */
function isAutoscaler(scaler: Autoscaler | undefined): scaler is Autoscaler {
  return typeof (scaler as { _render?: unknown } | undefined)?._render === 'function';
}

/**
 * The checks of the autoscaler of a predictor or of a separate pod: its own
 * problems, and replicas set beside it, which the operator does not set on
 * an autoscaled Deployment (seldondeployment_controller.go createComponents).
 * Whether the owner has an Autoscaler to check further.
 */
export function autoscalerProblems(owner: { readonly autoscaler?: Autoscaler; readonly replicas?: number }, what: 'predictor' | 'pod',
  field: (f: string) => string, report: Report, separateEngine = false): boolean {
  const scaler = owner.autoscaler;
  if (scaler === undefined) return false;
  if (!isAutoscaler(scaler)) {
    report(field('autoscaler'), `${showObject(scaler)} is not an Autoscaler`, 'Autoscaler.cpuUtilization(), .hpa(), .prometheus() or .keda()');
    return false;
  }
  for (const q of scaler._problems) report(field(`autoscaler.${q.field}`), q.problem, q.accepted);
  if (owner.replicas !== undefined && separateEngine) {
    // seldondeployment_engine.go: the separate executor's Deployment takes svcOrchSpec.replicas, else the predictor's.
    report(field('replicas'), `${show(owner.replicas)} would set only the separate executor's replicas: the operator leaves the ${what}'s pods to its autoscaler`,
      'engineReplicas for the executor, and the autoscaler\'s bounds for the pods');
  } else if (owner.replicas !== undefined) {
    report(field('replicas'), `${show(owner.replicas)} is ignored by the operator when the ${what} has an autoscaler`, 'leave replicas unset and set the autoscaler\'s bounds');
  }
  return true;
}

/**
 * An HPA on cpu or memory utilisation divides usage by every container's
 * request and does not scale when one lacks it (kubernetes
 * pkg/controller/podautoscaler/metrics/utilization.go, "missing request for";
 * doc/source/graph/scaling.md@v1.18.2 step 1).
 */
function utilizationProblems(p: PredictorProps, ctx: PredictorCheckContext, resources: string[], inPod: (node: string) => boolean,
  scalerField: string, report: Report, others: readonly OtherContainer[] = []): void {
  for (const resource of new Set(resources)) {
    const missing: string[] = others.filter(c => !c.requests(resource)).map(c => c.name);
    let tfServing = false;
    for (const unit of p.graph?._walk?.() ?? []) {
      const spec = unit._spec;
      if (spec.kind === 'builtIn' || !inPod(spec.name)) continue;
      // Declared server containers get requests by default (explicit mode).
      const declared = spec.kind === 'prepackaged' && ctx.explicit;
      const amounts = spec.resources === undefined ? undefined
        : resource === 'cpu' ? spec.resources.cpu : resource === 'memory' ? spec.resources.memory : undefined;
      if (!declared && !(amounts?.request ?? amounts?.limit)) missing.push(spec.name);
      // The operator adds TF Serving beside the proxy without resources, and explicit mode declares it the same way
      // (seldondeployment_prepackaged_servers.go fills only its image, args and ports).
      if (isTfServingProxy(spec, ctx.protocol)) {
        missing.push(`${spec.name} (its "tfserving" container)`);
        tfServing = true;
      }
    }
    if (missing.length) {
      report(ctx.field(scalerField), `scales on ${resource} utilisation, but ${missing.join(', ')} request${missing.length === 1 ? 's' : ''} no ${resource}, so the HPA cannot compute it`,
        `a ${resource} request in every container of the pod: each node's resources (explicitStorageInitializer gives prepackaged servers one), `
        + `engineResources when set, each sidecar's resources${tfServing ? '; a TENSORFLOW_SERVER node under the seldon protocol cannot give its '
          + '"tfserving" container one: use the tensorflow protocol, where TF Serving is the node\'s own container, or scale on another metric' : ''}`);
    }
  }
}

/** A container of the scaled pod that is no graph node: the executor, a sidecar. */
interface OtherContainer {
  readonly name: string;
  /** Whether it requests `resource` (a limit alone is also its request). */
  readonly requests: (resource: string) => boolean;
}

function requestsOf(amounts: Record<string, { request?: unknown; limit?: unknown } | undefined> | undefined, resource: string): boolean {
  const a = amounts?.[resource];
  return a?.request !== undefined || a?.limit !== undefined;
}

function sidecarContainers(sidecars: readonly k8s.Container[] | undefined): OtherContainer[] {
  return (sidecars ?? []).map(c => ({
    name: `sidecar ${show(c?.name)}`,
    requests: (r: string) => c?.resources?.requests?.[r] !== undefined || c?.resources?.limits?.[r] !== undefined,
  }));
}

/**
 * The upper bound of the pods the operator's PDB selects: every pod labelled `seldon-deployment-id: <id>`. A separate
 * executor pod is not one of them: createEngineDeployment labels it with the predictor's Service name instead
 * (seldondeployment_controller.go passes pSvcName as its seldonId), so it is not counted.
 */
function maxPods(predictors: readonly PredictorProps[], s: DeploymentSettingsProps & { readonly replicas?: number }): number {
  let pods = 0;
  for (const p of predictors) {
    const replicas = p.replicas ?? s.replicas ?? 1;
    pods += p.autoscaler ? p.autoscaler._maxPods : replicas;
    for (const pod of p.separatePods ?? []) pods += pod.autoscaler ? pod.autoscaler._maxPods : pod.replicas ?? replicas;
    if (p.explainer) pods += p.explainer.replicas ?? 1;
  }
  return pods;
}

/** Rules across predictors for their production settings, checked at synth. */
export function deploymentWideProblems(predictors: readonly PredictorProps[], fields: ReadonlyArray<(f: string) => string>,
  s: DeploymentSettingsProps & { readonly replicas?: number }, report: Report): void {
  const budgets = predictors.map((p, i) => ({ p, i })).filter(x => x.p.disruptionBudget !== undefined);
  if (budgets.length > 1) {
    // Both PDBs select every pod of the SeldonDeployment; the eviction API refuses pods with several
    // (kubernetes pkg/registry/core/pod/storage/eviction.go "more than one PodDisruptionBudget").
    report(fields[budgets[1].i]('disruptionBudget'), `is set on predictors ${budgets.map(b => b.p.name).join(' and ')}; the operator's budgets all select every pod of the SeldonDeployment, and Kubernetes refuses to evict a pod with several`,
      'one disruptionBudget per SeldonDeployment, counting all its pods');
  }
  if (budgets.length >= 1) {
    const { p, i } = budgets[0];
    const pods = maxPods(predictors, s);
    if (p.disruptionBudget!._problems.length === 0 && p.disruptionBudget!._neverEvicts(pods)) {
      const b = p.disruptionBudget!;
      report(fields[i]('disruptionBudget'), `requires ${b.field} ${b.amount}${b.percent ? '%' : ''} of at most ${pods} pod${pods === 1 ? '' : 's'} of the SeldonDeployment, so no pod can ever be evicted and node drains hang`,
        `a budget that leaves at least one pod evictable (e.g. minAvailable ${Math.max(pods - 1, 0)}, or maxUnavailable 1), or more replicas`);
    }
  }
  equalsInDeploymentAnnotationProblems(predictors, s, report);
  predictors.forEach((p, i) => {
    if (p.engineReplicas !== undefined && !s.separateEnginePod) {
      // Only the separate executor Deployment reads svcOrchSpec.replicas (seldondeployment_engine.go).
      report(fields[i]('engineReplicas'), `${show(p.engineReplicas)} is ignored: the executor runs in the predictor's pod`, 'separateEnginePod: true on the SeldonDeployment, or leave engineReplicas unset');
    }
  });
}

/** The label on which the operator's Deployment selectors match (types.go Label_seldon_id). */
const SELECTOR_LABEL = 'seldon-deployment-id';
/** The other label a separate executor Deployment's selector matches (types.go Label_seldon_app). */
const ENGINE_SELECTOR_LABEL = 'seldon-app';

/**
 * Labels the operator must keep: seldondeployment_controller.go createDeploymentWithoutEngine copies a predictor's
 * `labels` and each componentSpec's metadata labels over the pod template's, while the Deployment's selector keeps
 * `seldon-deployment-id: <id>`; Kubernetes then rejects the Deployment (selector does not match template labels).
 */
function operatorLabelProblems(p: PredictorProps, separateEngine: boolean, field: (f: string) => string, report: Report): void {
  // No labels anywhere (nearly every predictor): nothing to report, and no lists made to say so.
  if (p.labels == null && p.podLabels == null && p.separatePods == null) return;
  // A separate executor's Deployment selects seldon-app and seldon-deployment-id, both the predictor's Service name, and
  // createEngineDeployment copies the predictor's labels over its pod template's (seldondeployment_engine.go).
  if (separateEngine && p.labels != null && typeof p.labels === 'object' && Object.prototype.hasOwnProperty.call(p.labels, ENGINE_SELECTOR_LABEL)) {
    report(field(`labels[${show(ENGINE_SELECTOR_LABEL)}]`), `would replace the label the separate executor Deployment's selector matches (${ENGINE_SELECTOR_LABEL}: `
      + '<the predictor\'s Service name>), and Kubernetes rejects a Deployment whose selector does not match its pod template',
    `labels other than ${ENGINE_SELECTOR_LABEL} and ${SELECTOR_LABEL} with separateEnginePod, which the operator sets`);
  }
  const sets: Array<[string, { [key: string]: string } | undefined]> = [['labels', p.labels], ['podLabels', p.podLabels],
    ...(p.separatePods ?? []).map((pod, i): [string, { [key: string]: string } | undefined] => [`separatePods[${i}].podLabels`, pod?.podLabels])];
  for (const [where, labels] of sets) {
    if (labels === undefined || labels === null || typeof labels !== 'object' || !Object.prototype.hasOwnProperty.call(labels, SELECTOR_LABEL)) continue;
    report(field(`${where}[${show(SELECTOR_LABEL)}]`), `would replace the label the operator's Deployment selector matches (${SELECTOR_LABEL}: <its id>), and Kubernetes rejects `
      + 'a Deployment whose selector does not match its pod template', `labels other than ${SELECTOR_LABEL}, which the operator sets`);
  }
  // The operator labels every pod of the predictor `version: <labels.version, else its name>` (defaults.go), and the Istio
  // subset of the predictor selects that value (seldondeployment_controller.go createIstioResources): it routes to the
  // predictor's own pod, where the executor runs. A pod's own `version` label replaces it on that pod only
  // (createDeploymentWithoutEngine): on a separate pod, which the executor calls through its own Service, that is harmless.
  const version = p.labels != null && typeof p.labels === 'object' && typeof p.labels.version === 'string' ? p.labels.version : p.name;
  // With separateEnginePod the executor runs in a Deployment of its own, labelled with the predictor's labels
  // (seldondeployment_engine.go createEngineDeployment): the subset selects that pod, and the model's pod may say another version.
  const own = p.podLabels;
  if (!separateEngine && own != null && typeof own === 'object' && Object.prototype.hasOwnProperty.call(own, 'version') && own.version !== version) {
    report(field(`podLabels[${show('version')}]`), `${show(own.version)} would replace the predictor's version label ${show(version)} on the pod that runs its executor, `
      + 'while the Istio subset of the predictor selects its pods by that label (createIstioResources): requests through Istio would find no pod',
    `the predictor's version label, which the operator puts on all its pods: labels: { version: ${show(own.version)} } on a SeldonDeployment's predictor, `
      + `or predictorName: ${show(own.version)} on a PrepackagedModel (its predictor's name is the label)`);
  }
}
