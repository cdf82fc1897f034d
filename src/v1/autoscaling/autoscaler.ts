import { Duration } from 'cdk8s';
import { Metric, MetricTarget, k8s } from 'cdk8s-plus-27';
import { show } from '../../errors';
import { showDuration, wholeDuration } from '../../k8s/duration';
import { INT32_COUNT, INT32_MAX, isInt32Count } from '../../k8s/int32';
import { FieldProblem } from '../field-problem';
import { kedaHpaConfigProblems, renderKedaHpaConfig } from './keda-hpa-config';
import { KedaHpaOptions } from './keda-hpa-options';
import { KedaTrigger, PrometheusTriggerProps } from './keda-trigger';
import { RenderedScaling } from './rendered-scaling';
import { checkFactories } from '../../k8s/prop-check';
import { declaredPart } from '../../k8s/unknown-keys';

/** Props of `Autoscaler.hpa()`: a HorizontalPodAutoscaler in Seldon's `hpaSpec.metricsv2` form. */
export interface HpaProps {
  /**
   * The fewest replicas.
   * @default - not rendered: Kubernetes' 1
   */
  readonly minReplicas?: number;
  /** The most replicas. */
  readonly maxReplicas: number;
  /**
   * What to scale on, as for a cdk8s-plus `HorizontalPodAutoscaler`, e.g.
   * `Metric.resourceCpu(MetricTarget.averageUtilization(70))`.
   * @default - Kubernetes' default: 80% average CPU utilisation
   */
  readonly metrics?: Metric[];
}

/** Props of `Autoscaler.cpuUtilization()`. */
export interface CpuUtilizationProps {
  /** The average CPU use, as a percentage of the pods' CPU requests, that the HPA keeps. */
  readonly targetPercent: number;
  /**
   * The fewest replicas.
   * @default - not rendered: Kubernetes' 1
   */
  readonly minReplicas?: number;
  /** The most replicas. */
  readonly maxReplicas: number;
}

/** The replica bounds and timing of a KEDA ScaledObject (`kedaSpec`), and the HPA KEDA creates. */
export interface KedaScalingOptions extends KedaHpaOptions {
  /**
   * The fewest replicas while the triggers are active (`minReplicaCount`).
   * @default - KEDA's: 0
   */
  readonly minReplicaCount?: number;
  /**
   * The most replicas (`maxReplicaCount`).
   * @default - KEDA's: 100
   */
  readonly maxReplicaCount?: number;
  /**
   * Replicas while no trigger is active, below `minReplicaCount` (`idleReplicaCount`).
   * @default - none: `minReplicaCount` applies
   */
  readonly idleReplicaCount?: number;
  /**
   * How often KEDA checks the triggers, in whole seconds (`pollingInterval`).
   * @default - KEDA's: 30 seconds
   */
  readonly pollingInterval?: Duration;
  /**
   * How long after the last active trigger KEDA scales to zero, in whole seconds (`cooldownPeriod`).
   * @default - KEDA's: 300 seconds
   */
  readonly cooldownPeriod?: Duration;
  /**
   * Replicas to keep when a scaler fails `fallbackFailureThreshold` times in a row (`fallback.replicas`).
   * @default - no fallback
   */
  readonly fallbackReplicas?: number;
  /**
   * Consecutive scaler failures before `fallbackReplicas` applies (`fallback.failureThreshold`).
   * @default 3 when `fallbackReplicas` is set
   */
  readonly fallbackFailureThreshold?: number;
  /**
   * Whether to restore the replica count when the ScaledObject is deleted
   * (`advanced.restoreToOriginalReplicaCount`).
   * @default - KEDA's: false
   */
  readonly restoreToOriginalReplicaCount?: boolean;
}

/** Props of `Autoscaler.keda()`. */
export interface KedaProps extends KedaScalingOptions {
  /** The scalers KEDA watches (`triggers`; at least one). */
  readonly triggers: KedaTrigger[];
}

/** Props of `Autoscaler.prometheus()`. */
export interface PrometheusScalingProps extends PrometheusTriggerProps, KedaScalingOptions {}

/** KEDA's defaults (keda apis/keda/v1alpha1/scaledobject_types.go). */
const KEDA_MIN_REPLICAS = 0;
const KEDA_MAX_REPLICAS = 100;

/**
 * How a predictor's pods are scaled: a HorizontalPodAutoscaler
 * (`componentSpecs[].hpaSpec`) or a KEDA ScaledObject (`kedaSpec`), which
 * the operator creates for the pod's Deployment. One autoscaler per
 * predictor, so Seldon's rule that KEDA wins silently over an HPA on the
 * same componentSpec cannot be broken (seldondeployment_controller.go createComponents).
 */
export class Autoscaler {
  /** An HPA keeping the average CPU use at a percentage of the pods' CPU requests. */
  public static cpuUtilization(props: CpuUtilizationProps): Autoscaler {
    const a = new Autoscaler('hpa', props.minReplicas, props.maxReplicas);
    a.metrics = [Metric.resourceCpu(MetricTarget.averageUtilization(props.targetPercent))];
    if (typeof props.targetPercent !== 'number' || !Number.isInteger(props.targetPercent) || props.targetPercent < 1) {
      a.found.push({ field: 'targetPercent', problem: `${show(props.targetPercent)} is not a utilisation target`, accepted: 'a whole percentage above 0 (it may exceed 100)' });
    }
    return a;
  }

  /** An HPA with any cdk8s-plus metrics (Seldon's `hpaSpec.metricsv2`). */
  public static hpa(props: HpaProps): Autoscaler {
    const a = new Autoscaler('hpa', props.minReplicas, props.maxReplicas);
    a.metrics = props.metrics ?? [];
    if (!Array.isArray(a.metrics)) {
      a.found.push({ field: 'metrics', problem: `${show(props.metrics)} is not a list of metrics`, accepted: 'cdk8s-plus Metric values, e.g. Metric.resourceCpu(MetricTarget.averageUtilization(70))' });
      a.metrics = [];
    }
    a.metrics.forEach((m, i) => {
      if (m === null || typeof (m as any)?._toKube !== 'function') {
        a.found.push({ field: `metrics[${i}]`, problem: `${show(m)} is not a cdk8s-plus Metric`, accepted: 'a Metric, e.g. Metric.resourceCpu(MetricTarget.averageUtilization(70))' });
      }
    });
    return a;
  }

  /** A KEDA ScaledObject with any scalers. */
  public static keda(props: KedaProps): Autoscaler {
    const a = new Autoscaler('keda', props.minReplicaCount, props.maxReplicaCount);
    a.keda = props;
    a.triggers = Array.isArray(props.triggers) ? props.triggers : [];
    if (a.triggers.length === 0) a.found.push({ field: 'triggers', problem: 'has no trigger', accepted: 'at least one KedaTrigger, e.g. KedaTrigger.prometheus({ ... })' });
    a.checkKeda();
    return a;
  }

  /** A KEDA ScaledObject scaling on the value of a Prometheus query per replica. */
  public static prometheus(props: PrometheusScalingProps): Autoscaler {
    return Autoscaler.keda({ ...declaredPart(props, 'KedaProps'), triggers: [KedaTrigger.prometheus(declaredPart(props, 'PrometheusTriggerProps'))] });
  }

  /** `hpa` or `keda`. */
  public readonly kind: string;
  /**
   * The fewest replicas.
   * @default - 1 for an HPA, 0 for KEDA
   */
  public readonly minReplicas?: number;
  /**
   * The most replicas.
   * @default - 100 for KEDA
   */
  public readonly maxReplicas?: number;

  private metrics: Metric[] = [];
  private triggers: KedaTrigger[] = [];
  private keda: KedaScalingOptions = {};
  private readonly found: FieldProblem[] = [];

  private constructor(kind: 'hpa' | 'keda', min: number | undefined, max: number | undefined) {
    this.kind = kind;
    this.minReplicas = min;
    this.maxReplicas = max;
    const [minField, maxField] = kind === 'hpa' ? ['minReplicas', 'maxReplicas'] : ['minReplicaCount', 'maxReplicaCount'];
    // An HPA needs at least one replica (HPAScaleToZero is alpha); KEDA scales to zero.
    const floor = kind === 'hpa' ? 1 : 0;
    if (kind === 'hpa' && max === undefined) this.found.push({ field: maxField, problem: 'is missing', accepted: 'a whole number from 1 (hpaSpec.maxReplicas is required)' });
    // KEDA's maximum becomes its HPA's maxReplicas (GetHPAMaxReplicas), which the API server needs at 1 or more.
    for (const [field, n, least] of [[minField, min, floor], [maxField, max, 1]] as const) {
      if (n !== undefined && (!isInt32Count(n) || n < least)) {
        this.found.push({ field, problem: `${show(n)} is not a replica bound`, accepted: least ? 'a whole number from 1 to 2147483647' : INT32_COUNT });
      }
    }
    const lo = min ?? (kind === 'hpa' ? 1 : KEDA_MIN_REPLICAS);
    const hi = max ?? (kind === 'hpa' ? INT32_MAX : KEDA_MAX_REPLICAS);
    if (isInt32Count(lo) && isInt32Count(hi) && lo > hi) {
      this.found.push({ field: minField, problem: `${lo} is above ${maxField} ${hi}`, accepted: `${minField} at most ${maxField}` });
    }
  }

  /** The most pods this autoscaler may run. @internal */
  public get _maxPods(): number {
    return this.maxReplicas ?? (this.kind === 'hpa' ? 1 : KEDA_MAX_REPLICAS);
  }

  /** Resources (cpu, memory) whose utilisation the HPA reads from every container's requests. @internal */
  public get _utilizationResources(): string[] {
    if (this.kind !== 'hpa') return [];
    // Without metrics Kubernetes scales on 80% CPU utilisation.
    if (this.metrics.length === 0) return ['cpu'];
    return this.renderMetrics()
      .filter(m => m?.type === 'Resource' && m.resource?.target?.type === 'Utilization')
      .map(m => m.resource.name);
  }

  /** @internal */
  public get _problems(): FieldProblem[] {
    const triggerProblems = this.triggers.flatMap((t, i) => (t?._problems ?? [{ field: '', problem: `${show(t)} is not a KedaTrigger`, accepted: 'KedaTrigger.prometheus() or KedaTrigger.of()' }])
      .map(p => ({ ...p, field: `triggers[${i}]${p.field ? `.${p.field}` : ''}` })));
    return [...this.found, ...this.metricProblems(), ...triggerProblems];
  }

  /** @internal */
  public _render(): RenderedScaling {
    if (this.kind === 'hpa') {
      const metrics = this.renderMetrics();
      return { hpaSpec: { minReplicas: this.minReplicas, maxReplicas: this.maxReplicas!, metricsv2: metrics.length ? metrics : undefined } };
    }
    const k = this.keda;
    const seconds = (d?: Duration) => d === undefined ? undefined : wholeDuration(d, 'seconds');
    const hpaConfig = renderKedaHpaConfig(k);
    return {
      kedaSpec: {
        pollingInterval: seconds(k.pollingInterval),
        cooldownPeriod: seconds(k.cooldownPeriod),
        minReplicaCount: k.minReplicaCount,
        maxReplicaCount: k.maxReplicaCount,
        idleReplicaCount: k.idleReplicaCount,
        fallback: k.fallbackReplicas === undefined ? undefined : { failureThreshold: k.fallbackFailureThreshold ?? 3, replicas: k.fallbackReplicas },
        advanced: k.restoreToOriginalReplicaCount === undefined && hpaConfig === undefined ? undefined
          : { restoreToOriginalReplicaCount: k.restoreToOriginalReplicaCount, horizontalPodAutoscalerConfig: hpaConfig },
        triggers: this.triggers.map(t => t._render()),
      },
    };
  }

  private renderMetrics(): any[] {
    return this.metrics.filter(m => typeof (m as any)?._toKube === 'function')
      .map(m => wholeOrQuantityText(k8s.toJson_MetricSpecV2((m as any)._toKube() as k8s.MetricSpecV2)));
  }

  /** Targets Kubernetes rejects (autoscaling validation: utilisation and values above zero). */
  private metricProblems(): FieldProblem[] {
    const found: FieldProblem[] = [];
    this.renderMetrics().forEach((m, i) => {
      const source = m[{ Resource: 'resource', ContainerResource: 'containerResource', Pods: 'pods', Object: 'object', External: 'external' }[m.type as string] ?? ''];
      const target = source?.target ?? {};
      for (const key of ['averageUtilization', 'averageValue', 'value']) {
        const v = target[key];
        if (v !== undefined && !(Number(v) > 0)) {
          found.push({ field: `metrics[${i}]`, problem: `has target ${key} ${show(v)}`, accepted: 'a target above 0' });
        } else if (key === 'averageUtilization' && v !== undefined && !isInt32Count(v)) {
          // An int32 percentage in the HPA (and the CRD's metricsv2 schema).
          found.push({ field: `metrics[${i}]`, problem: `has target averageUtilization ${show(v)}, not a whole percentage`, accepted: 'a whole number from 1 to 2147483647' });
        }
      }
    });
    return found;
  }

  private checkKeda(): void {
    const k = this.keda;
    for (const field of ['pollingInterval', 'cooldownPeriod'] as const) {
      const d = k[field];
      if (d === undefined) continue;
      const s = wholeDuration(d, 'seconds');
      if (s === undefined || s < (field === 'pollingInterval' ? 1 : 0) || s > INT32_MAX) {
        this.found.push({ field, problem: `${showDuration(d)} is not a whole number of seconds KEDA accepts`, accepted: `a Duration of whole seconds${field === 'pollingInterval' ? ' from 1' : ''}, e.g. Duration.seconds(30)` });
      }
    }
    for (const field of ['idleReplicaCount', 'fallbackReplicas', 'fallbackFailureThreshold'] as const) {
      const n = k[field];
      if (n !== undefined && !isInt32Count(n)) this.found.push({ field, problem: `${show(n)} is not a count`, accepted: INT32_COUNT });
    }
    // keda apis/keda/v1alpha1/scaledobject_types.go CheckReplicaCountBoundsAreValid compares with 0 when
    // minReplicaCount is unset, and otherwise with GetHPAMinReplicas, which makes a minReplicaCount of 0 a 1.
    const min = k.minReplicaCount === undefined ? KEDA_MIN_REPLICAS : k.minReplicaCount === 0 ? 1 : k.minReplicaCount;
    if (k.idleReplicaCount !== undefined && isInt32Count(k.idleReplicaCount) && isInt32Count(min) && k.idleReplicaCount >= min) {
      const counted = k.minReplicaCount === 0 ? ' (KEDA counts a minReplicaCount of 0 as 1 here)' : '';
      this.found.push({ field: 'idleReplicaCount', problem: `${k.idleReplicaCount} is not below minReplicaCount ${min}${counted}`, accepted: 'idleReplicaCount less than minReplicaCount' });
    }
    this.found.push(...kedaHpaConfigProblems(k));
    if (k.fallbackFailureThreshold !== undefined && k.fallbackReplicas === undefined) {
      this.found.push({ field: 'fallbackFailureThreshold', problem: 'is set without fallbackReplicas', accepted: 'fallbackReplicas with it, or neither' });
    }
  }
}

checkFactories(Autoscaler, 'Autoscaler');

/**
 * A metric whose averageValue or value target is a fraction, written as a
 * quantity string ("0.5"): the CRD types them int-or-string, so it refuses
 * the number cdk8s-plus writes (Quantity.fromNumber), while the string is the
 * same quantity to the HPA.
 */
function wholeOrQuantityText(metric: any): any {
  const key = ['resource', 'containerResource', 'pods', 'object', 'external'].find(k => metric?.[k]?.target);
  const target = key && metric[key].target;
  if (!target || !['averageValue', 'value'].some(f => typeof target[f] === 'number' && !Number.isInteger(target[f]))) return metric;
  const written = { ...target };
  for (const f of ['averageValue', 'value']) if (typeof target[f] === 'number' && !Number.isInteger(target[f]) && Number.isFinite(target[f])) written[f] = String(target[f]);
  return { ...metric, [key]: { ...metric[key], target: written } };
}
