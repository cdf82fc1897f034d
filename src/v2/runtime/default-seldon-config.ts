/**
 * What the library knows of Seldon's `default` SeldonConfig, as the
 * seldon-core-v2-setup chart renders it with its default values
 * (k8s/yaml/components.yaml@v2.10.2; chart values.yaml@v2.10.2). An
 * installation with other chart values differs, so the library uses a chart
 * default only where a wrong guess fails safe: a check may refuse on it (the
 * message says which value it assumed, and its remedy, e.g. setting the limit
 * or the variable explicitly, holds whatever the installation's value), but
 * nothing is rendered from it. Where a value would be rendered (the Service
 * type an override must repeat, since the operator gives an override's Service
 * ClusterIP when it names none), the library asks for it instead: a guess of
 * LoadBalancer would expose the scheduler where the chart says ClusterIP.
 */
import { ResourceAmounts } from '../container-merge';

/** The name of Seldon's SeldonConfig, which a runtime uses when it names none. */
export const DEFAULT_SELDON_CONFIG = 'default';

/**
 * The requests and limits of each component's main container, by component
 * name. components.yaml@v2.10.2 lines: scheduler 499-504, pipelinegateway
 * 688-693, modelgateway 847-852, hodometer 930-935, envoy 998-1003,
 * dataflow-engine 1108-1113 (chart values `<component>.resources`).
 */
export const DEFAULT_COMPONENT_RESOURCES: Readonly<Record<string, ResourceAmounts>> = {
  'seldon-scheduler': { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } },
  'seldon-pipelinegateway': { requests: { cpu: '100m', memory: '1G' }, limits: { memory: '1G' } },
  'seldon-modelgateway': { requests: { cpu: '100m', memory: '1G' }, limits: { memory: '1G' } },
  'hodometer': { requests: { cpu: '1m', memory: '32Mi' }, limits: { memory: '32Mi' } },
  'seldon-envoy': { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } },
  'seldon-dataflow-engine': { requests: { cpu: '100m', memory: '3G' }, limits: { memory: '3G' } },
};

/**
 * The scheduler variable of its `--enable-server-autoscaling` flag (a Go bool flag, default true, main.go:154); the
 * chart's `autoscaling.autoscalingServerEnabled`, true (components.yaml@v2.10.2:369, 436-437).
 */
export const SERVER_AUTOSCALING_VARIABLE = 'ENABLE_SERVER_AUTOSCALING';

/** How Go's flag package parses a flag's value (go-flags.ts). */
export type GoFlagType = 'bool' | 'float' | 'int' | 'uint' | 'duration';

/**
 * Each variable of the scheduler's container that components.yaml passes as a typed flag
 * (`--enable-server-autoscaling=$(ENABLE_SERVER_AUTOSCALING)`, components.yaml@v2.10.2:355-378), with the flag and its
 * type (scheduler/cmd/scheduler/main.go:127-186).
 */
export const SCHEDULER_FLAG_VARIABLES: Readonly<Record<string, readonly [flag: string, type: GoFlagType]>> = {
  ALLOW_PLAINTXT: ['--allow-plaintxt', 'bool'],
  SCHEDULER_READY_TIMEOUT_SECONDS: ['--scheduler-ready-timeout-seconds', 'uint'],
  SERVER_PACKING_ENABLED: ['--server-packing-enabled', 'bool'],
  SERVER_PACKING_PERCENTAGE: ['--server-packing-percentage', 'float'],
  ENABLE_ENVOY_ACCESSLOG: ['--enable-envoy-accesslog', 'bool'],
  INCLUDE_SUCCESSFUL_REQUESTS_ENVOY_ACCESSLOG: ['--include-successful-requests-envoy-accesslog', 'bool'],
  ENABLE_MODEL_AUTOSCALING: ['--enable-model-autoscaling', 'bool'],
  ENABLE_SERVER_AUTOSCALING: ['--enable-server-autoscaling', 'bool'],
  HEALTH_PROBE_PORT: ['--health-probe-port', 'uint'],
  ENABLE_PPROF: ['--enable-pprof', 'bool'],
  PPROF_PORT: ['--pprof-port', 'int'],
  PPROF_BLOCK_RATE: ['--pprof-block-rate', 'int'],
  PPROF_MUTEX_RATE: ['--pprof-mutex-rate', 'int'],
  // Both durations are the ticks of the scheduler's retry pollers (server.go startPollers, time.NewTicker).
  RETRY_CREATING_FAILED_PIPELINES_TICK: ['--retry-creating-failed-pipelines-tick', 'duration'],
  RETRY_DELETING_FAILED_PIPELINES_TICK: ['--retry-deleting-failed-pipelines-tick', 'duration'],
  MAX_RETRY_FAILED_PIPELINES: ['--max-retry-failed-pipelines', 'uint'],
};

/** Whether a runtime's scheduler autoscales Servers, and where the library read it (for messages). */
export interface ServerAutoscalingFact {
  readonly value: boolean;
  readonly from: string;
}

/** Server autoscaling in the default scheduler (components.yaml@v2.10.2:436-437, main.go:154). */
export const DEFAULT_SERVER_AUTOSCALING = true;
