/**
 * The rules of one SeldonRuntime override, and which components a runtime
 * does not run, as the operator reconciles them at v2.10.2
 * (operator/controllers/reconcilers/seldon/runtime_reconciler.go, "RR").
 */
import { ContainerResources } from 'cdk8s-plus-27';
import { runtimeServiceTypeProblem } from './configuration-render';
import { RuntimeComponent } from './runtime-component';
import { ISeldonConfig, SeldonConfig } from './seldon-config';
import { show } from '../../errors';
import { INT32_COUNT, isInt32Count } from '../../k8s/int32';
import { mergedResourceProblems, overrideAmounts, overrideProblems } from '../container-merge';
import { ContainerOverride } from '../container-override';
import { SCHEDULER_FLAG_ENV } from './default-seldon-config';
import { GO_BOOL, GO_FLOAT, goBool } from './go-flags';
import { RuntimeOverrideOptions } from './runtime-override-options';

/** The components whose Services the operator creates, taking `serviceType` from an override (service_reconciler.go). */
export const SERVICE_COMPONENTS: readonly string[] = ['seldon-scheduler', 'seldon-envoy'];

type Found = Array<[string, string, string]>;

/**
 * Problems of an override of `component` given as `field` (e.g. `overrides["seldon-envoy"]`), each as
 * [field, problem, accepted]. `inheritedServiceType` is the type its Service would have without an override, if known.
 */
export function overrideOptionProblems(field: string, component: RuntimeComponent, options: RuntimeOverrideOptions, config: ISeldonConfig,
  inheritedServiceType: string | undefined): Found {
  const found: Found = [];
  const name = component.name;
  const hasService = SERVICE_COMPONENTS.includes(name);
  const replicas = options.replicas;
  if (replicas !== undefined && !isInt32Count(replicas)) {
    found.push([`${field}.replicas`, `${show(replicas)} is not a replica count`, INT32_COUNT]);
  } else if (replicas !== undefined && replicas > 1 && name === RuntimeComponent.SCHEDULER.name) {
    // RR ComponentOverride copies replicas into the StatefulSet; ValidateComponent caps only the dataflow engine and the
    // gateways. docs-gb/scaling/scaling-core-services.md: the scheduler "is presently required to be one replica".
    found.push([`${field}.replicas`, `${replicas} would start ${replicas} schedulers, each with its own state (a BadgerDB on its own scheduler-state volume), `
      + 'and the seldon-scheduler Service would spread the operator\'s and the agents\' connections across them', '1, or 0 to stop the scheduler']);
  }
  // The operator still creates the scheduler's and envoy's Services with the override's type (service_reconciler.go toServices).
  const unused = options.replicas !== undefined || options.container || options.podSpec || (options.serviceType && !hasService);
  if (options.disable && unused) {
    found.push([`${field}.disable`, 'is true with replicas, container or podSpec, which a disabled component never uses',
      'disable alone (with serviceType on seldon-scheduler and seldon-envoy, whose Services the operator still creates)']);
  }
  if (options.serviceType !== undefined) {
    const typeProblem = runtimeServiceTypeProblem(options.serviceType);
    if (!hasService) {
      found.push([`${field}.serviceType`, `is read by the operator only for ${SERVICE_COMPONENTS.join(' and ')}`, 'leave it out for this component']);
    } else if (typeProblem) {
      found.push([`${field}.serviceType`, ...typeProblem]);
    }
  } else if (hasService && !options.disable && inheritedServiceType === undefined) {
    // service_reconciler.go getServiceType: with an override, the override's type ("" is ClusterIP) replaces the config's.
    found.push([`${field}.serviceType`, `is needed: with an override the operator gives the ${name === 'seldon-envoy' ? 'seldon-mesh' : name} Service the override's `
      + `type (ClusterIP when none), and the type it has without one is unknown (SeldonConfig ${show(config.name)}${config.name === 'default'
        ? ' takes it from the Helm chart\'s services.defaultServiceType' : ' does not state it'})`,
    'serviceType on the override, config.service.serviceType on the runtime, or configuration.service.serviceType on SeldonConfig.fromSeldonConfigName()']);
  }
  if (options.container && component.mainContainer === undefined) {
    found.push([`${field}.container`, `cannot be rendered: the main container of component ${show(name)} is unknown`, 'RuntimeComponent.custom(name, mainContainer), or podSpec']);
  }
  found.push(...overrideProblems(`${field}.container`, options.container));
  if (name === RuntimeComponent.SCHEDULER.name) found.push(...schedulerFlagProblems(`${field}.container`, options.container));
  found.push(...mergedProblems(`${field}.container.resources`, component, options.container?.resources, config));
  const typedPod = options.container || options.imagePullSecrets || options.serviceAccount || options.priorityClassName;
  if (options.podSpec && typedPod) {
    found.push([`${field}.podSpec`, 'is set together with container or pod settings, which it would replace', 'either the raw podSpec or the typed settings']);
  }
  return found;
}

/**
 * A request above the SeldonConfig's limit once merged: the operator merges the override's container onto the
 * SeldonConfig's by name, amount by amount (reconcilers/common/patch_utils.go MergeContainers, mergo WithOverride).
 */
function mergedProblems(field: string, component: RuntimeComponent, resources: ContainerResources | undefined, config: ISeldonConfig): Found {
  const base = resources && SeldonConfig._resourcesOf(config, component);
  if (!base) return [];
  const limits = Object.entries(base.limits).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  const assumed = config instanceof SeldonConfig ? '' : ' with the Helm chart\'s default values';
  return mergedResourceProblems(base, overrideAmounts({ resources }), 'SeldonConfig').map(p => [field, p,
    `set the limit as well (SeldonConfig ${show(config.name)}${assumed} sets ${component.mainContainer}'s limits: ${limits})`]);
}

/**
 * The components a runtime does not run, each with the reason: not defined by its SeldonConfig (when the library knows
 * its components; RR NewSeldonRuntimeReconciler creates only those), `disable: true`, or `replicas: 0` (copied to the
 * workload as is, RR ComponentOverride; validateScaleSpec only lowers replicas).
 */
export function componentsNotRun(config: ISeldonConfig, overrides: ReadonlyArray<{ component: RuntimeComponent; options: RuntimeOverrideOptions }>):
{ disabled: string[]; reasons: Record<string, string> } {
  const reasons: Record<string, string> = {};
  const defined = config.components;
  if (defined) {
    for (const c of RuntimeComponent.defaults) {
      if (!defined.some(d => d.name === c.name)) reasons[c.name] = `not a component of SeldonConfig ${show(config.name)}`;
    }
  }
  for (const o of overrides) {
    if (o.options.disable) reasons[o.component.name] = 'disable: true';
    else if (o.options.replicas === 0) reasons[o.component.name] = 'replicas: 0';
  }
  return { disabled: Object.keys(reasons), reasons };
}


/**
 * Whether the runtime's scheduler autoscales Servers (its --enable-server-autoscaling flag, set from
 * ENABLE_SERVER_AUTOSCALING): the scheduler override's value (the operator appends the override's env to the
 * SeldonConfig's, and the last of two variables of one name wins), else the SeldonConfig's as far as it is known
 * (`_serverAutoscaling`); undefined where unknown.
 */
export function serverAutoscalingOf(config: ISeldonConfig,
  overrides: ReadonlyArray<{ component: RuntimeComponent; options: RuntimeOverrideOptions }>): boolean | undefined {
  const scheduler = overrides.find(o => o.component.name === RuntimeComponent.SCHEDULER.name)?.options;
  const name = SCHEDULER_FLAG_ENV.serverAutoscaling;
  const env = scheduler?.container?.env;
  if (env !== undefined && name in env) return goBool((env[name] as { value?: unknown } | undefined)?.value);
  const raw = scheduler?.podSpec?.containers?.find(c => c.name === RuntimeComponent.SCHEDULER.mainContainer)?.env?.filter(e => e.name === name);
  if (raw !== undefined && raw.length > 0) return goBool(raw[raw.length - 1].value);
  return (config as { _serverAutoscaling?(): boolean | undefined })._serverAutoscaling?.();
}

/**
 * The scheduler passes these variables as flags (`--enable-server-autoscaling=$(ENABLE_SERVER_AUTOSCALING)`,
 * components.yaml@v2.10.2:363-369), and flag.Parse exits on a value its parser refuses (scheduler/cmd/scheduler/main.go,
 * flag.ExitOnError): the scheduler would not start.
 */
function schedulerFlagProblems(field: string, container: ContainerOverride | undefined): Found {
  const found: Found = [];
  const value = (env: string) => (container?.env?.[env] as { value?: unknown } | undefined)?.value;
  const autoscaling = value(SCHEDULER_FLAG_ENV.serverAutoscaling);
  if (autoscaling !== undefined && !GO_BOOL.includes(autoscaling as string)) {
    found.push([`${field}.env[${show(SCHEDULER_FLAG_ENV.serverAutoscaling)}]`,
      `${show(autoscaling)} is not a Go bool, so the scheduler would exit at start parsing --enable-server-autoscaling`, '"true" or "false" (or 1, t, T, TRUE, True, 0, f, F, FALSE, False)']);
  }
  const packing = value(SCHEDULER_FLAG_ENV.packingPercentage);
  if (packing !== undefined && !(typeof packing === 'string' && GO_FLOAT.test(packing))) {
    found.push([`${field}.env[${show(SCHEDULER_FLAG_ENV.packingPercentage)}]`,
      `${show(packing)} is not a Go float, so the scheduler would exit at start parsing --server-packing-percentage`, 'a number without a unit, e.g. "25" or "0.25"']);
  }
  return found;
}
