/**
 * A predictor's one `componentSpecs` entry as props: its autoscaler
 * (`hpaSpec`, `kedaSpec` → `Autoscaler`), disruption budget (`pdbSpec` →
 * `DisruptionBudget`) and the pod settings the shared `PodSettings` types
 * (labels, annotations, image pull Secrets, priority class, service account,
 * grace period).
 * The constructs render one componentSpec per predictor, so a predictor with
 * several leaves them all to patches. A value without an exact typed form is
 * left out here, and so to a patch.
 */
import { arr, Expr, get, lit, obj, ref, staticCall, Stmt } from './code';
import { hpaMetrics, OPERATOR_GRACE_PERIOD } from './normalise';
import { podPlacementStmts } from './placement-expr';
import { podSettingEntries } from './pod-settings-expr';
import { Scope } from './scope';
import { graphNodeNames, kubeContainerExpr, podContainerSettings, podVolumesOf } from './v1-containers';
import { isCount, seconds, stringMap } from './values';
import { isObject, Json } from '../graph/manifests';
import { KedaMetricType } from '../v1/autoscaling/keda-trigger';

type Entry = [string, Expr | undefined];


/**
 * The predictor's first componentSpec, when the constructs can say it: the
 * only one, or (`several`, a SeldonDeployment's predictor) the first of
 * several whose others are `separatePods` of graph nodes.
 */
export function onlyComponentSpec(predictor: Json, several = false): Json | undefined {
  const specs = predictor.componentSpecs;
  if (!Array.isArray(specs) || !isObject(specs[0])) return undefined;
  return specs.length === 1 || (several && separatePodsExpr(predictor, undefined) !== undefined) ? specs[0] : undefined;
}

/** The props of a predictor's componentSpec (`node`: a PrepackagedModel's, whose `serviceAccount` is its node's). */
export function componentSpecSettings(predictor: Json, scope: Scope, node: boolean): Entry[] {
  const spec = onlyComponentSpec(predictor, !node);
  if (!spec) return [];
  return [
    ...podSettings(spec, scope, node),
    ['separatePods', node ? undefined : separatePodsExpr(predictor, scope)],
    ...podContainerSettings(isObject(predictor.graph) ? predictor.graph : {}, spec, podVolumesOf(spec, scope)),
  ];
}

/**
 * The componentSpecs after the first as `separatePods`: each holding
 * containers of graph nodes, then its sidecars (as the library renders them,
 * separate-pods.ts), with its replicas, autoscaler, pod settings and volumes.
 */
function separatePodsExpr(predictor: Json, scope: Scope | undefined): Expr | undefined {
  const specs = Array.isArray(predictor.componentSpecs) ? predictor.componentSpecs : [];
  if (specs.length < 2) return undefined;
  const nodes = new Set(graphNodeNames(predictor.graph));
  const pods: Expr[] = [];
  for (const spec of specs.slice(1)) {
    if (!isObject(spec) || Object.keys(spec).some(k => !['spec', 'metadata', 'replicas', 'hpaSpec', 'kedaSpec', 'pdbSpec'].includes(k)) || spec.pdbSpec !== undefined) return undefined;
    const containers = isObject(spec.spec) && Array.isArray(spec.spec.containers) ? spec.spec.containers : [];
    const names = containers.map(c => (isObject(c) ? String(c.name) : ''));
    const ownNodes = names.filter(n => nodes.has(n));
    // The nodes' containers first, then the sidecars, each of which has a k8s.Container form.
    if (ownNodes.length === 0 || names.slice(0, ownNodes.length).some(n => !nodes.has(n))) return undefined;
    if (containers.slice(ownNodes.length).some(c => !isObject(c) || kubeContainerExpr(c) === undefined)) return undefined;
    if (!scope) continue;
    const extras = podContainerSettings(isObject(predictor.graph) ? predictor.graph : {}, spec, podVolumesOf(spec, scope));
    pods.push(obj([
      ['nodes', lit(ownNodes)],
      ['replicas', isCount(spec.replicas) ? lit(spec.replicas) : undefined],
      ...podSettings(spec, scope, false).filter(([k]) => k !== 'disruptionBudget'),
      ...extras.filter(([k]) => k === 'sidecars' || k === 'volumes'),
    ]));
  }
  return scope ? arr(pods) : lit(true);
}

function podSettings(spec: Json, scope: Scope, node: boolean): Entry[] {
  const pod = isObject(spec.spec) ? spec.spec : {};
  const metadata = isObject(spec.metadata) && Object.keys(spec.metadata).every(k => k === 'labels' || k === 'annotations') ? spec.metadata : {};
  return [
    ['autoscaler', spec.kedaSpec !== undefined ? kedaExpr(spec.kedaSpec) : spec.hpaSpec !== undefined ? hpaExpr(spec.hpaSpec) : undefined],
    ['disruptionBudget', budgetExpr(spec.pdbSpec)],
    ['podLabels', stringMap(metadata.labels) ? lit(metadata.labels) : undefined],
    ['podAnnotations', stringMap(metadata.annotations) ? lit(metadata.annotations) : undefined],
    // The operator's 20 s is compared as equal (normalise.ts), so not written; a PrepackagedModel's `serviceAccount`
    // is its node's (graph.serviceAccountName): only a predictor says the pod's.
    ...podSettingEntries(pod, scope, { defaultGrace: OPERATOR_GRACE_PERIOD, serviceAccount: !node }),
  ];
}

/** `DisruptionBudget.minAvailable(2)`, `maxUnavailablePercent(25)`, ... */
function budgetExpr(pdb: unknown): Expr | undefined {
  if (!isObject(pdb) || Object.keys(pdb).length !== 1) return undefined;
  const [field, value] = Object.entries(pdb)[0];
  const factory = field === 'minAvailable' ? 'minAvailable' : field === 'maxUnavailable' ? 'maxUnavailable' : undefined;
  if (!factory) return undefined;
  if (isCount(value)) return staticCall('DisruptionBudget', factory, lit(value));
  const percent = typeof value === 'string' ? /^(0|[1-9][0-9]?|100)%$/.exec(value) : null;
  return percent ? staticCall('DisruptionBudget', `${factory}Percent`, lit(Number(percent[1]))) : undefined;
}

const METRIC_FACTORIES: Record<string, string> = { cpu: 'resourceCpu', memory: 'resourceMemory' };

/** An HPA over cpu/memory Resource metrics: `Autoscaler.cpuUtilization(...)` or `Autoscaler.hpa({ metrics })`. */
function hpaExpr(hpa: unknown): Expr | undefined {
  if (!isObject(hpa) || Object.keys(hpa).some(k => !['minReplicas', 'maxReplicas', 'metrics', 'metricsv2'].includes(k))) return undefined;
  const bounds: Entry[] = [
    ['minReplicas', isCount(hpa.minReplicas) ? lit(hpa.minReplicas) : undefined],
    ['maxReplicas', isCount(hpa.maxReplicas) ? lit(hpa.maxReplicas) : undefined],
  ];
  if (!bounds[1][1] || (hpa.minReplicas !== undefined && !bounds[0][1])) return undefined;
  const metrics = hpaMetrics(hpa) ?? [];
  if (!Array.isArray(metrics)) return undefined;
  const exprs: Expr[] = [];
  for (const m of metrics) {
    const r = isObject(m) && m.type === 'Resource' && Object.keys(m).length === 2 && isObject(m.resource) ? m.resource : undefined;
    const target = r && isObject(r.target) ? r.target : undefined;
    const factory = r && METRIC_FACTORIES[String(r.name)];
    if (!target || !factory || Object.keys(r!).length !== 2 || Object.keys(target).length !== 2) return undefined;
    if (target.type === 'Utilization' && isCount(target.averageUtilization)) {
      exprs.push(staticCall('Metric', factory, staticCall('MetricTarget', 'averageUtilization', lit(target.averageUtilization))));
    } else {
      return undefined;
    }
  }
  const first = metrics[0] as Json | undefined;
  if (exprs.length === 1 && (first?.resource as Json).name === 'cpu') {
    const percent = ((first!.resource as Json).target as Json).averageUtilization;
    return staticCall('Autoscaler', 'cpuUtilization', obj([['targetPercent', lit(percent)], ...bounds]));
  }
  return staticCall('Autoscaler', 'hpa', obj([...bounds, ['metrics', exprs.length ? arr(exprs) : undefined]]));
}

const KEDA_KEYS = ['pollingInterval', 'cooldownPeriod', 'idleReplicaCount', 'minReplicaCount', 'maxReplicaCount', 'fallback', 'advanced', 'triggers'];
const PROMETHEUS_KEYS = ['serverAddress', 'query', 'threshold', 'metricName', 'activationThreshold'];

/** A KEDA ScaledObject: `Autoscaler.prometheus(...)` for one plain Prometheus trigger, else `Autoscaler.keda({ triggers })`. */
function kedaExpr(keda: unknown): Expr | undefined {
  if (!isObject(keda) || Object.keys(keda).some(k => !KEDA_KEYS.includes(k)) || !Array.isArray(keda.triggers)) return undefined;
  const fallback = isObject(keda.fallback) ? keda.fallback : {};
  const advanced = isObject(keda.advanced) ? keda.advanced : {};
  if (keda.fallback !== undefined && (!isObject(keda.fallback) || Object.keys(fallback).some(k => k !== 'replicas' && k !== 'failureThreshold'))) return undefined;
  if (keda.advanced !== undefined && (!isObject(keda.advanced) || Object.keys(advanced).some(k => k !== 'restoreToOriginalReplicaCount'))) return undefined;
  const options: Entry[] = [
    ['minReplicaCount', isCount(keda.minReplicaCount) ? lit(keda.minReplicaCount) : undefined],
    ['maxReplicaCount', isCount(keda.maxReplicaCount) ? lit(keda.maxReplicaCount) : undefined],
    ['idleReplicaCount', isCount(keda.idleReplicaCount) ? lit(keda.idleReplicaCount) : undefined],
    ['pollingInterval', seconds(keda.pollingInterval)],
    ['cooldownPeriod', seconds(keda.cooldownPeriod)],
    ['fallbackReplicas', isCount(fallback.replicas) ? lit(fallback.replicas) : undefined],
    ['fallbackFailureThreshold', isCount(fallback.failureThreshold) ? lit(fallback.failureThreshold) : undefined],
    ['restoreToOriginalReplicaCount', typeof advanced.restoreToOriginalReplicaCount === 'boolean' ? lit(advanced.restoreToOriginalReplicaCount) : undefined],
  ];
  const prometheus = keda.triggers.length === 1 ? prometheusProps(keda.triggers[0]) : undefined;
  if (prometheus) return staticCall('Autoscaler', 'prometheus', obj([...prometheus, ...options]));
  const triggers = keda.triggers.map(triggerExpr);
  if (triggers.some(t => t === undefined)) return undefined;
  return staticCall('Autoscaler', 'keda', obj([['triggers', arr(triggers as Expr[])], ...options]));
}

/** The props of `KedaTrigger.prometheus` when the trigger is exactly what it renders. */
function prometheusProps(trigger: unknown): Entry[] | undefined {
  if (!isObject(trigger) || trigger.type !== 'prometheus' || Object.keys(trigger).some(k => !['type', 'metadata', 'authenticationRef'].includes(k))) return undefined;
  const md = stringMap(trigger.metadata);
  if (!md || Object.keys(md).some(k => !PROMETHEUS_KEYS.includes(k)) || md.serverAddress === undefined || md.query === undefined) return undefined;
  const number = (v: string | undefined) => (v !== undefined && String(Number(v)) === v ? lit(Number(v)) : undefined);
  const threshold = number(md.threshold);
  const activation = number(md.activationThreshold);
  if (!threshold || (md.activationThreshold !== undefined && !activation)) return undefined;
  const auth = authenticationRef(trigger.authenticationRef);
  if (trigger.authenticationRef !== undefined && !auth) return undefined;
  return [
    ['serverAddress', lit(md.serverAddress)],
    ['query', lit(md.query)],
    ['threshold', threshold],
    ['metricName', md.metricName !== undefined ? lit(md.metricName) : undefined],
    ['activationThreshold', activation],
    ['authenticationRef', auth],
  ];
}

function authenticationRef(value: unknown): Expr | undefined {
  if (!isObject(value) || typeof value.name !== 'string' || Object.keys(value).some(k => k !== 'name' && k !== 'kind')) return undefined;
  if (value.kind !== undefined && typeof value.kind !== 'string') return undefined;
  return lit(value);
}

/** `KedaTrigger.prometheus(...)` or `KedaTrigger.of(...)`. */
function triggerExpr(trigger: unknown): Expr | undefined {
  const prometheus = prometheusProps(trigger);
  if (prometheus) return staticCall('KedaTrigger', 'prometheus', obj(prometheus));
  if (!isObject(trigger) || typeof trigger.type !== 'string' || !stringMap(trigger.metadata)) return undefined;
  if (Object.keys(trigger).some(k => !['type', 'metadata', 'name', 'metricType', 'authenticationRef'].includes(k))) return undefined;
  const metricType = Object.keys(KedaMetricType).find(k => (KedaMetricType as any)[k] === trigger.metricType);
  if (trigger.metricType !== undefined && !metricType) return undefined;
  const auth = authenticationRef(trigger.authenticationRef);
  if (trigger.authenticationRef !== undefined && !auth) return undefined;
  return staticCall('KedaTrigger', 'of', obj([
    ['triggerType', lit(trigger.type)],
    ['metadata', lit(trigger.metadata)],
    ['name', typeof trigger.name === 'string' ? lit(trigger.name) : undefined],
    ['metricType', metricType ? get(ref('KedaMetricType'), metricType) : undefined],
    ['authenticationRef', auth],
  ]));
}

/**
 * The placement of a predictor's pod as `scheduling` calls on `pod` (its
 * PodSettings): node affinity as `attract(Node.labeled(...))`, tolerations as
 * `tolerate(Node.tainted(...))` (./placement-expr.ts). A `nodeSelector` stays
 * a patch: `attract()` renders node affinity, which Kubernetes keeps apart.
 */
export function placementStmts(predictor: Json, pod: Expr): Stmt[] {
  const spec = onlyComponentSpec(predictor, true);
  return spec ? podPlacementStmts(spec.spec, pod, { operatorDefaulted: true }) : [];
}
