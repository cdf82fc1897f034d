/**
 * The rules of one SeldonRuntime override, and which components a runtime
 * does not run, as the operator reconciles them at v2.10.2
 * (operator/controllers/reconcilers/seldon/runtime_reconciler.go, "RR").
 */
import { ContainerResources } from 'cdk8s-plus-27';
import { mainContainerOf, overrideEnv, overrideEnvLookup } from './component-env';
import { runtimeServiceTypeProblem } from './configuration-render';
import { DEFAULT_SELDON_CONFIG, SERVER_AUTOSCALING_VARIABLE, ServerAutoscalingFact } from './default-seldon-config';
import { EnvEntry, maxConsumersProblems, maxConsumersVariable, schedulerConsumerProblems } from './gateway-consumers';
import { schedulerFlagProblems } from './go-flags';
import { RuntimeComponent } from './runtime-component';
import { RuntimeOverrideOptions } from './runtime-override-options';
import { ISeldonConfig, SeldonConfig } from './seldon-config';
import { show } from '../../errors';
import { goBool } from '../../go-strconv';
import { podSpecRangeProblems } from '../../k8s/container-ranges';
import { podSpecEnvProblems } from '../../k8s/env';
import { INT32_COUNT, isInt32Count } from '../../k8s/int32';
import { mergedResourceProblems, overrideAmounts, overrideProblems } from '../container-merge';

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
      + `type (ClusterIP when none), and the type it has without one is unknown (SeldonConfig ${show(config.name)}${config.name === DEFAULT_SELDON_CONFIG
        ? ' takes it from the Helm chart\'s services.defaultServiceType' : ' does not state it'})`,
    'serviceType on the override, config.service.serviceType on the runtime, or configuration.service.serviceType on SeldonConfig.fromSeldonConfigName()']);
  }
  if (options.container && component.mainContainer === undefined) {
    found.push([`${field}.container`, `cannot be rendered: the main container of component ${show(name)} is unknown`, 'RuntimeComponent.custom(name, mainContainer), or podSpec']);
  }
  found.push(...overrideProblems(`${field}.container`, options.container));
  podSpecEnvProblems(options.podSpec, `${field}.podSpec`, (f, p, a) => found.push([f, p, a]));
  podSpecRangeProblems(options.podSpec, `${field}.podSpec`, (f, p, a) => found.push([f, p, a]));
  if (name === RuntimeComponent.SCHEDULER.name && !options.disable) {
    const env = overrideEnv(field, component, options);
    found.push(...schedulerFlagProblems(...env), ...schedulerConsumerProblems(...env));
  }
  if (!options.disable && maxConsumersVariable(component) !== undefined) {
    const [envField] = overrideEnv(field, component, options);
    const own: EnvEntry[] = options.podSpec ? mainContainerOf(options.podSpec, component)?.env ?? []
      : Object.entries(options.container?.env ?? {}).map(([n, v]) => ({ name: n, value: v?.value }));
    found.push(...maxConsumersProblems(component, envField, own));
  }
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
 * SeldonConfig's, and the last of two variables of one name wins), else the SeldonConfig's as far as it is known;
 * undefined where unknown.
 */
export function serverAutoscalingOf(config: ISeldonConfig,
  overrides: ReadonlyArray<{ component: RuntimeComponent; options: RuntimeOverrideOptions }>): ServerAutoscalingFact | undefined {
  const scheduler = overrides.find(o => o.component.name === RuntimeComponent.SCHEDULER.name);
  const set = scheduler && overrideEnvLookup(scheduler.component, scheduler.options)(SERVER_AUTOSCALING_VARIABLE);
  if (set !== undefined) {
    const value = goBool(set.value);
    return value === undefined ? undefined : { value, from: 'set on its scheduler override' };
  }
  return SeldonConfig._serverAutoscalingOf(config);
}

