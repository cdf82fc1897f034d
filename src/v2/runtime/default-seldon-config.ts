/**
 * What the library knows of Seldon's `default` SeldonConfig, as the
 * seldon-core-v2-setup chart renders it with its default values
 * (k8s/yaml/components.yaml@v2.10.2; chart values.yaml@v2.10.2). An
 * installation with other chart values differs; the checks that read these
 * facts say which value they assumed.
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
 * The scheduler variables that become its flags (`--enable-server-autoscaling=$(ENABLE_SERVER_AUTOSCALING)`,
 * components.yaml@v2.10.2:363-369, values 424-437; flags in scheduler/cmd/scheduler/main.go:153-172).
 */
export const SCHEDULER_FLAG_ENV = {
  /** Go bool flag, default true (main.go:154); the chart's `autoscaling.autoscalingServerEnabled`, true. */
  serverAutoscaling: 'ENABLE_SERVER_AUTOSCALING',
  /** Go float64 flag (main.go:172); the chart writes '0'. */
  packingPercentage: 'SERVER_PACKING_PERCENTAGE',
} as const;

/** Server autoscaling in the default scheduler (components.yaml@v2.10.2:436-437, main.go:154). */
export const DEFAULT_SERVER_AUTOSCALING = true;
