import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { envListLookup, mainContainerOf } from './component-env';
import { configurationProblems, renderConfiguration } from './configuration-render';
import { DEFAULT_COMPONENT_RESOURCES, DEFAULT_SELDON_CONFIG, DEFAULT_SERVER_AUTOSCALING, SERVER_AUTOSCALING_VARIABLE, ServerAutoscalingFact } from './default-seldon-config';
import { maxConsumersProblems, schedulerConsumerProblems } from './gateway-consumers';
import { schedulerFlagProblems } from './go-flags';
import { RuntimeComponent } from './runtime-component';
import { kafkaComponentEnv, kafkaEnvConflicts, podSpecWithKafkaEnv } from './runtime-kafka';
import { SeldonConfigurationProps } from './seldon-configuration';
import { Problems, show } from '../../errors';
import { goBool } from '../../go-strconv';
import { SeldonConfig as SeldonConfigResource, SeldonConfigSpecComponents, toJson_SeldonConfigSpec } from '../../imports/mlops.seldon.io';
import { constructScope } from '../../k8s/construct-scope';
import { podSpecRangeProblems } from '../../k8s/container-ranges';
import { podSpecEnvProblems } from '../../k8s/env';
import { failedConstruction } from '../../k8s/failed-construction';
import { labelMapProblems } from '../../k8s/labels';
import { checkedArgs, checkedProps } from '../../k8s/prop-check';
import { RenderedApiObject } from '../../k8s/rendered-api-object';
import { DNS_1123_LABEL, DNS_1123_SUBDOMAIN, nameProblem } from '../../names';
import { ResourceAmounts } from '../container-merge';

/** A SeldonConfig: the components and defaults a SeldonRuntime installs, defined in the app or existing. */
export interface ISeldonConfig extends IConstruct {
  /** The SeldonConfig name, which a SeldonRuntime references in `spec.seldonConfig`. */
  readonly name: string;
  /**
   * The components it defines; overrides of other names are rejected.
   * @default - unknown: override names are not checked
   */
  readonly components?: RuntimeComponent[];
  /**
   * Its `config`, as far as known, for the checks of the runtimes that use it.
   * @default - unknown
   */
  readonly configuration?: SeldonConfigurationProps;
}

/** Options of `SeldonConfig.fromSeldonConfigName()`. */
export interface SeldonConfigReferenceOptions {
  /**
   * The components the existing SeldonConfig defines.
   * @default - unknown: override names are not checked
   */
  readonly components?: RuntimeComponent[];
  /**
   * What its `config` sets, as far as the checks need it (e.g. `scaling.modelAutoscaling`).
   * @default - unknown
   */
  readonly configuration?: SeldonConfigurationProps;
}

/** One component of a SeldonConfig (`spec.components[]`). */
export interface SeldonConfigComponent {
  /** The component, e.g. `RuntimeComponent.SCHEDULER` or `RuntimeComponent.custom('my-gateway')`. */
  readonly component: RuntimeComponent;
  /** Its pod: at least one container with an image. */
  readonly podSpec: k8s.PodSpec;
  /**
   * Labels of its Deployment or StatefulSet and pods.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of its Deployment or StatefulSet and pods.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Volume claim templates; with any, the operator runs the component as a StatefulSet.
   * @default - none: a Deployment
   */
  readonly volumeClaimTemplates?: SeldonConfigVolumeClaimTemplate[];
}

/** A volume claim template of a SeldonConfig component. */
export interface SeldonConfigVolumeClaimTemplate {
  /** The claim template name, which a volume mount of the pod uses. */
  readonly name: string;
  /** The claim spec. */
  readonly spec: k8s.PersistentVolumeClaimSpec;
}

/** Props of `SeldonConfig`. */
export interface SeldonConfigProps {
  /**
   * The components a SeldonRuntime using this config installs.
   * @default - none: add them with `addComponent()`
   */
  readonly components?: SeldonConfigComponent[];
  /**
   * Defaults of the runtimes' configuration. Its Kafka brokers, consumer
   * group prefix, partitions and replication factor are also added to the env
   * of the `seldon-dataflow-engine` and `seldon-modelgateway` components'
   * main containers, which read them from there (see `KafkaSettings`); a
   * component's own value of one of those variables must then agree.
   * @default - none
   */
  readonly config?: SeldonConfigurationProps;
  /**
   * Metadata. The operator reads SeldonConfigs from its own namespace
   * (seldonconfig_types.go GetSeldonConfigForSeldonRuntime), so put this
   * object in the operator's namespace: a SeldonRuntime using it refuses any
   * other than its `operatorNamespace`, which is the runtime's own namespace
   * unless set (Seldon's setup chart installs a namespaced operator). For a
   * cluster-wide operator elsewhere (e.g. `seldon-mesh`), set
   * `operatorNamespace` on the runtimes.
   * @default - a name generated by cdk8s
   */
  readonly metadata?: ApiObjectMetadata;
}

const KIND = 'SeldonConfig';

/**
 * A Seldon Core v2 `SeldonConfig`: the components (scheduler, gateways,
 * envoy, dataflow engine, ...) and configuration defaults that
 * SeldonRuntimes install into their namespaces. Most teams use Seldon's
 * `default` one; define your own for different defaults.
 */
export class SeldonConfig extends Construct implements ISeldonConfig {
  /**
   * A SeldonConfig that exists outside the app, e.g. Seldon's `default`.
   * Describe its components and configuration to have runtimes checked
   * against them.
   */
  public static fromSeldonConfigName(scope: Construct, id: string, name: string, options: SeldonConfigReferenceOptions = {}): ISeldonConfig {
    return new ExistingSeldonConfig(scope, id, name, options);
  }

  /** @internal The requests and limits of a component's main container in `config`, where the library knows them. */
  public static _resourcesOf(config: ISeldonConfig, component: RuntimeComponent): ResourceAmounts | undefined {
    return config instanceof SeldonConfig || config instanceof ExistingSeldonConfig ? config._resources(component) : undefined;
  }

  /** @internal Whether the scheduler of `config` autoscales Servers, where the library knows it. */
  public static _serverAutoscalingOf(config: ISeldonConfig): ServerAutoscalingFact | undefined {
    return config instanceof SeldonConfig || config instanceof ExistingSeldonConfig ? config._serverAutoscaling() : undefined;
  }

  /** The `SeldonConfig` object, for escape hatches. */
  public readonly apiObject: ApiObject;
  /** The SeldonConfig name. */
  public readonly name: string;
  /**
   * Its configuration.
   * @default - none
   */
  public readonly configuration?: SeldonConfigurationProps;
  private readonly entries: SeldonConfigComponent[] = [];

  public constructor(scope: Construct, id: string, props: SeldonConfigProps = {}) {
    super(constructScope(scope, 'SeldonConfig', id), id);
    try {
      props = checkedProps(this, KIND, props);
      this.apiObject = new RenderedApiObject(this, 'Resource', {
        ...SeldonConfigResource.GVK,
        metadata: props.metadata,
        spec: Lazy.any({
          produce: () => toJson_SeldonConfigSpec({ components: this.renderComponents(), config: renderConfiguration(this.configuration) }),
        }),
      });
      this.name = this.apiObject.name;
      this.configuration = props.config;
      const problems = new Problems(KIND, this);
      const nameIssue = nameProblem(this.name, DNS_1123_SUBDOMAIN);
      if (nameIssue) problems.add('metadata.name', nameIssue, DNS_1123_SUBDOMAIN.accepted);
      for (const [f, p, a] of configurationProblems(props.config, 'config.')) problems.add(f, p, a);
      problems.throwIfAny();
      for (const c of props.components ?? []) this.addComponent(c);
      // Every Model, Server, Pipeline and Experiment needs the scheduler; the operator creates only the components listed
      // (runtime_reconciler.go NewSeldonRuntimeReconciler), so a runtime of a config without it reconciles nothing.
      this.node.addValidation({
        validate: () => {
          if (this.entries.some(e => e.component.name === RuntimeComponent.SCHEDULER.name)) return [];
          const has = this.entries.length === 0 ? 'is empty, so a SeldonRuntime using it installs nothing'
            : `has no seldon-scheduler (only ${this.entries.map(e => e.component.name).join(', ')}), so nothing in a namespace using it is reconciled`;
          return [`${KIND} '${this.node.path}': components ${has}; add at least seldon-scheduler with addComponent()`];
        },
      });
    } catch (e) { throw failedConstruction(this, e); }
  }

  /**
   * The components defined.
   * @default - none
   */
  public get components(): RuntimeComponent[] | undefined {
    return this.entries.map(e => e.component);
  }

  /** Adds a component. Throws if its name is taken or its pod cannot run. */
  public addComponent(component: SeldonConfigComponent): void {
    [component] = checkedArgs(this, KIND, 'addComponent', component);
    const problems = new Problems(KIND, this);
    const name = component?.component?.name;
    const field = `components[${show(name)}]`;
    if (!(component?.component instanceof RuntimeComponent)) {
      problems.add('components[].component', `${show(component?.component)} is not a RuntimeComponent`, 'RuntimeComponent.SCHEDULER, ..., or RuntimeComponent.custom(name)');
      problems.throwIfAny();
    }
    if (typeof name !== 'string' || nameProblem(name, DNS_1123_LABEL)) problems.add(`${field}.component`, `${show(name)} is not a valid name`, DNS_1123_LABEL.accepted);
    else if (this.entries.some(e => e.component.name === name)) problems.add(field, 'is defined twice', 'each component once');
    const containers = component.podSpec?.containers;
    if (!Array.isArray(containers) || containers.length === 0 || containers.some(c => !c?.name || !c?.image)) {
      problems.add(`${field}.podSpec.containers`, 'must list at least one container, each with a name and an image', 'the component\'s containers (the operator builds its Deployment from this pod spec alone)');
    }
    podSpecEnvProblems(component.podSpec, `${field}.podSpec`, (f, p, a) => problems.add(f, p, a));
    podSpecRangeProblems(component.podSpec, `${field}.podSpec`, (f, p, a) => problems.add(f, p, a));
    for (const [key, p, a] of labelMapProblems(component.labels, true)) problems.add(`${field}.labels[${show(key)}]`, p, a);
    for (const [key, p, a] of labelMapProblems(component.annotations, false)) problems.add(`${field}.annotations[${show(key)}]`, p, a);
    (component.volumeClaimTemplates ?? []).forEach((t, i) => {
      if (typeof t?.name !== 'string' || nameProblem(t.name, DNS_1123_LABEL)) problems.add(`${field}.volumeClaimTemplates[${i}].name`, `${show(t?.name)} is not a valid name`, DNS_1123_LABEL.accepted);
    });
    // config.kafka's variables go to the main container (runtime-kafka.ts): it must exist and not set them otherwise.
    const kafka = kafkaComponentEnv(this.configuration?.kafka).find(t => t.component.name === name);
    const main = Array.isArray(containers) ? mainContainerOf(component.podSpec, component.component) : undefined;
    if (kafka && Array.isArray(containers) && !main) {
      problems.add(`${field}.podSpec.containers`, `has no container ${show(component.component.mainContainer)}, whose env (${kafka.variables.map(v => v.name).join(', ')}) `
        + `config.${kafka.variables[0].field} has to reach`, `the component's main container named ${show(component.component.mainContainer)}, as in Seldon's components.yaml`);
    }
    const envField = `${field}.podSpec.containers[${show(component.component.mainContainer)}].env`;
    for (const [f, p, a] of kafkaEnvConflicts(envField, 'config.', kafka, envListLookup(main?.env))) problems.add(f, p, a);
    if (component.component.name === RuntimeComponent.SCHEDULER.name) {
      const env = envListLookup(main?.env);
      for (const [f, p, a] of [...schedulerFlagProblems(envField, env), ...schedulerConsumerProblems(envField, env)]) problems.add(f, p, a);
    }
    for (const [f, p, a] of maxConsumersProblems(component.component, envField, main?.env ?? [])) problems.add(f, p, a);
    problems.throwIfAny();
    this.entries.push(component);
  }

  /** @internal The requests and limits of a component's main container, as its pod spec gives them. */
  public _resources(component: RuntimeComponent): ResourceAmounts | undefined {
    const entry = this.entries.find(e => e.component.name === component.name);
    const container = entry?.podSpec.containers.find(c => c.name === component.mainContainer);
    if (!container) return undefined;
    const json = k8s.toJson_Container(container) ?? {};
    return { requests: { ...json.resources?.requests }, limits: { ...json.resources?.limits } };
  }

  /** @internal Whether its scheduler autoscales Servers, from the scheduler container's literal ENABLE_SERVER_AUTOSCALING; else unknown. */
  public _serverAutoscaling(): ServerAutoscalingFact | undefined {
    const entry = this.entries.find(e => e.component.name === RuntimeComponent.SCHEDULER.name);
    const set = envListLookup(mainContainerOf(entry?.podSpec, RuntimeComponent.SCHEDULER)?.env)(SERVER_AUTOSCALING_VARIABLE);
    const value = set === undefined ? undefined : goBool(set.value);
    return value === undefined ? undefined : { value, from: `set on the scheduler container of SeldonConfig ${show(this.name)}` };
  }

  /** @internal Whether it defines the component but without a container of the component's main container name. */
  public _lacksMainContainer(component: RuntimeComponent): boolean {
    const entry = this.entries.find(e => e.component.name === component.name);
    return entry !== undefined && mainContainerOf(entry.podSpec, component) === undefined;
  }

  private renderComponents(): SeldonConfigSpecComponents[] | undefined {
    if (this.entries.length === 0) return undefined;
    const kafka = kafkaComponentEnv(this.configuration?.kafka);
    return this.entries.map(e => {
      const podSpec = k8s.toJson_PodSpec(e.podSpec);
      const target = kafka.find(t => t.component.name === e.component.name);
      return { e, podSpec: target ? podSpecWithKafkaEnv(podSpec, target) : podSpec };
    }).map(({ e, podSpec }) => ({
      name: e.component.name,
      labels: e.labels,
      annotations: e.annotations,
      podSpec,
      volumeClaimTemplates: e.volumeClaimTemplates?.map(t => ({ name: t.name, spec: k8s.toJson_PersistentVolumeClaimSpec(t.spec) })),
    }));
  }
}

/** A SeldonConfig outside the app. */
class ExistingSeldonConfig extends Construct implements ISeldonConfig {
  public readonly name: string;
  public readonly components?: RuntimeComponent[];
  public readonly configuration?: SeldonConfigurationProps;

  public constructor(scope: Construct, id: string, name: string, options: SeldonConfigReferenceOptions) {
    super(constructScope(scope, 'SeldonConfig reference', id), id);
    try {
      [, , name, options] = checkedArgs(this, `${KIND} reference`, 'SeldonConfig.fromSeldonConfigName', scope, id, name, options);
      const problems = new Problems(`${KIND} reference`, this);
      if (typeof name !== 'string' || nameProblem(name, DNS_1123_SUBDOMAIN)) problems.add('name', `${show(name)} is not a valid name`, DNS_1123_SUBDOMAIN.accepted);
      (options.components ?? []).forEach((c, i) => {
        if (!(c instanceof RuntimeComponent)) problems.add(`components[${i}]`, `${show(c)} is not a RuntimeComponent`, 'RuntimeComponent.SCHEDULER, ..., or RuntimeComponent.custom(name)');
      });
      for (const [f, p, a] of configurationProblems(options.configuration, 'configuration.')) problems.add(f, p, a);
      problems.throwIfAny();
      this.name = name;
      this.components = options.components && [...options.components];
      this.configuration = options.configuration;
    } catch (e) { throw failedConstruction(this, e); }
  }

  /** @internal Seldon's `default` (chart default values) autoscales Servers; any other is unknown. */
  public _serverAutoscaling(): ServerAutoscalingFact | undefined {
    return this.name === DEFAULT_SELDON_CONFIG
      ? { value: DEFAULT_SERVER_AUTOSCALING, from: `the Helm chart's default autoscaling.autoscalingServerEnabled of SeldonConfig ${show(this.name)}` } : undefined;
  }

  /** @internal Known for Seldon's `default` only, with the chart's default values (default-seldon-config.ts). */
  public _resources(component: RuntimeComponent): ResourceAmounts | undefined {
    const known = this.name === DEFAULT_SELDON_CONFIG && (this.components ?? RuntimeComponent.defaults).includes(component);
    return known ? DEFAULT_COMPONENT_RESOURCES[component.name] : undefined;
  }
}

