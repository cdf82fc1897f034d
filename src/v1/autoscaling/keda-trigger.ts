import { show } from '../../errors';
import { FieldProblem } from '../field-problem';
import { RenderedTrigger } from './rendered-scaling';
import { actualText, checkFactories } from '../../k8s/prop-check';

/** How KEDA compares a trigger's metric with its target (`triggers[].metricType`). */
export enum KedaMetricType {
  /** The metric divided by the number of replicas (KEDA's default for most scalers). */
  AVERAGE_VALUE = 'AverageValue',
  /** The metric as it is. */
  VALUE = 'Value',
  /** A percentage of the pods' requests (cpu and memory scalers). */
  UTILIZATION = 'Utilization',
}

/** A `TriggerAuthentication` or `ClusterTriggerAuthentication` a KEDA trigger reads its credentials from. */
export interface KedaAuthenticationRef {
  /** The object's name. */
  readonly name: string;
  /**
   * `TriggerAuthentication` (in the SeldonDeployment's namespace) or `ClusterTriggerAuthentication`.
   * @default - KEDA's: TriggerAuthentication
   */
  readonly kind?: string;
}

/** Props of `KedaTrigger.of()`: any KEDA scaler. */
export interface KedaTriggerProps {
  /** The scaler, e.g. `prometheus`, `kafka`, `cpu` (`triggers[].type`). */
  readonly triggerType: string;
  /** The scaler's settings, all strings (`triggers[].metadata`). */
  readonly metadata: { [key: string]: string };
  /**
   * A name for the trigger, for KEDA's metrics and status.
   * @default - none
   */
  readonly name?: string;
  /**
   * How the metric is compared with its target.
   * @default - the scaler's default
   */
  readonly metricType?: KedaMetricType;
  /**
   * Where the scaler reads credentials from.
   * @default - none
   */
  readonly authenticationRef?: KedaAuthenticationRef;
}

/** Props of `KedaTrigger.prometheus()`. */
export interface PrometheusTriggerProps {
  /** The Prometheus server, e.g. `http://prometheus.monitoring.svc.cluster.local:9090`. */
  readonly serverAddress: string;
  /** The PromQL query; its value is compared with `threshold`. */
  readonly query: string;
  /** The value of the query per replica above which KEDA adds replicas. */
  readonly threshold: number;
  /**
   * The metric's name (`metricName`; older KEDA versions require it).
   * @default - none
   */
  readonly metricName?: string;
  /**
   * The value below which KEDA scales to `idleReplicaCount` or zero.
   * @default - KEDA's: 0
   */
  readonly activationThreshold?: number;
  /**
   * Where the scaler reads the server's credentials from.
   * @default - none
   */
  readonly authenticationRef?: KedaAuthenticationRef;
}

const KINDS = ['TriggerAuthentication', 'ClusterTriggerAuthentication'];
const TRIGGER_TYPE = /^[a-z][a-z0-9-]*$/;

/**
 * A KEDA scaler of a `kedaSpec` (`triggers[]`): what KEDA watches to
 * scale a predictor's pods.
 */
export class KedaTrigger {
  /** KEDA's Prometheus scaler: scales on the value of a PromQL query. */
  public static prometheus(props: PrometheusTriggerProps): KedaTrigger {
    const metadata: { [key: string]: string } = {
      serverAddress: props.serverAddress,
      query: props.query,
      threshold: String(props.threshold),
    };
    if (props.metricName !== undefined) metadata.metricName = props.metricName;
    if (props.activationThreshold !== undefined) metadata.activationThreshold = String(props.activationThreshold);
    const trigger = new KedaTrigger({ triggerType: 'prometheus', metadata, authenticationRef: props.authenticationRef });
    trigger.prometheusChecks(props);
    return trigger;
  }

  /** Any KEDA scaler, with its settings as KEDA documents them. */
  public static of(props: KedaTriggerProps): KedaTrigger {
    return new KedaTrigger(props);
  }

  /** The scaler name. */
  public readonly triggerType: string;

  private readonly props: KedaTriggerProps;
  private readonly found: FieldProblem[] = [];

  private constructor(props: KedaTriggerProps) {
    this.props = props;
    this.triggerType = props.triggerType;
    if (typeof props.triggerType !== 'string' || !TRIGGER_TYPE.test(props.triggerType)) {
      this.found.push({ field: 'triggerType', problem: `${show(props.triggerType)} is not a KEDA scaler name`, accepted: 'a scaler such as "prometheus", "kafka" or "cpu"' });
    }
    const metadata = props.metadata;
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      this.found.push({ field: 'metadata', problem: `${show(metadata)} is not a map of settings`, accepted: 'an object of string values' });
    } else {
      for (const [key, value] of Object.entries(metadata)) {
        if (typeof value !== 'string') this.found.push({ field: `metadata.${key}`, problem: `${show(value)} is not a string`, accepted: 'string values (KEDA reads every setting as text)' });
      }
    }
    const types = Object.values(KedaMetricType) as string[];
    if (props.metricType !== undefined && !types.includes(props.metricType)) {
      this.found.push({ field: 'metricType', problem: `${show(props.metricType)} is not a metric type`, accepted: `accepted: ${types.join(', ')}` });
    }
    const auth = props.authenticationRef;
    if (auth !== undefined) {
      if (typeof auth.name !== 'string' || auth.name === '') this.found.push({ field: 'authenticationRef.name', problem: `${show(auth.name)} is not a name`, accepted: 'the name of a TriggerAuthentication' });
      if (auth.kind !== undefined && !KINDS.includes(auth.kind)) this.found.push({ field: 'authenticationRef.kind', problem: `${show(auth.kind)} is not a KEDA authentication kind`, accepted: `accepted: ${KINDS.join(', ')}` });
    }
  }

  /** @internal */
  public get _problems(): FieldProblem[] {
    return [...this.found];
  }

  /** @internal The `triggers[]` entry (SeldonScaledObjectSpec, seldondeployment_types.go). */
  public _render(): RenderedTrigger {
    const auth = this.props.authenticationRef;
    return {
      type: this.props.triggerType,
      metadata: { ...this.props.metadata },
      name: this.props.name,
      metricType: this.props.metricType,
      authenticationRef: auth && { name: auth.name, kind: auth.kind },
    };
  }

  private prometheusChecks(props: PrometheusTriggerProps): void {
    if (typeof props.serverAddress !== 'string' || !/^https?:\/\/[^\s/]+/.test(props.serverAddress)) {
      this.found.push({
        field: 'serverAddress',
        problem: notA(props.serverAddress, 'string', 'an http(s) URL'),
        accepted: 'the Prometheus server\'s URL, e.g. "http://prometheus.monitoring.svc.cluster.local:9090"',
      });
    }
    if (typeof props.query !== 'string' || props.query.trim() === '') {
      this.found.push({ field: 'query', problem: notA(props.query, 'string', 'a PromQL query'), accepted: 'a non-empty PromQL expression' });
    }
    if (typeof props.threshold !== 'number' || !Number.isFinite(props.threshold) || props.threshold <= 0) {
      this.found.push({ field: 'threshold', problem: notA(props.threshold, 'number', 'a threshold KEDA can scale on'), accepted: 'a number above 0 (the query\'s value per replica)' });
    }
    if (props.activationThreshold !== undefined && (typeof props.activationThreshold !== 'number' || !Number.isFinite(props.activationThreshold) || props.activationThreshold < 0)) {
      this.found.push({ field: 'activationThreshold', problem: notA(props.activationThreshold, 'number', 'an activation threshold'), accepted: 'a number from 0' });
    }
  }
}

/**
 * `"ftp://p" is not an http(s) URL` for a value of the type the setting takes, else what the value is, as the library
 * says every wrong type (`is the number 5, not a PromQL query`). The factories' prop check refuses a wrong type first
 * and hands these checks "" in its place, so the second form is a guard.
 */
function notA(value: unknown, type: 'string' | 'number', what: string): string {
  return typeof value === type ? `${show(value)} is not ${what}` : `${actualText(value, false)}, not ${what}`;
}

checkFactories(KedaTrigger, 'KedaTrigger');
