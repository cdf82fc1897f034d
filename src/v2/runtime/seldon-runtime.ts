import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { IPodSelector, ISecret, IServiceAccount, LabelSelector, ServiceType, k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { configurationProblems, renderConfiguration } from './configuration-render';
import { DEFAULT_SELDON_CONFIG } from './default-seldon-config';
import { operatorNamespaceProblems } from './operator-namespace';
import { RuntimeComponent } from './runtime-component';
import { RuntimeFacts } from './runtime-facts';
import { KafkaComponentEnv, kafkaComponentEnv, kafkaContainerProblems, overrideKafkaConflicts, overridesWithKafkaEnv } from './runtime-kafka';
import { componentsNotRun, overrideOptionProblems, SERVICE_COMPONENTS } from './runtime-override-checks';
import { ISeldonConfig, SeldonConfig } from './seldon-config';
import { SeldonConfigurationProps } from './seldon-configuration';
import { formatProblem, Problems, show } from '../../errors';
import { SeldonRuntime as SeldonRuntimeResource, SeldonRuntimeSpecConfig, toJson_SeldonRuntimeSpec } from '../../imports/mlops.seldon.io';
import { constructScope } from '../../k8s/construct-scope';
import { dependOn } from '../../k8s/depend-on';
import { crossNamespaceProblem } from '../../k8s/namespaces';
import { PodPlacement } from '../../k8s/pod-placement';
import { PodSettings } from '../../k8s/pod-settings';
import { checkedArgs, checkedProps } from '../../k8s/prop-check';
import { RenderedApiObject } from '../../k8s/rendered-api-object';
import { declaredPart } from '../../k8s/unknown-keys';
import { DNS_1123_SUBDOMAIN, nameProblem } from '../../names';
import { renderOverride } from '../container-merge';
import { ContainerOverride } from '../container-override';
import { registerRuntime } from '../scheduling';

/** Changes a SeldonRuntime makes to one component of its SeldonConfig. */
export interface RuntimeOverrideOptions {
  /**
   * Do not run the component in this namespace. The runtime then never
   * reports Ready: its Ready condition needs all six components' conditions
   * (seldonruntime_types.go), and nothing sets a disabled one's, so
   * `kubectl wait --for=condition=Ready` on the runtime does not return.
   * @default false
   */
  readonly disable?: boolean;
  /**
   * Replicas of the component. The operator runs 1 when no override sets
   * them, whatever the SeldonConfig says (runtime_reconciler.go ComponentOverride).
   * `seldon-scheduler` takes 0 or 1 only: it keeps its state in a BadgerDB on
   * its own volume, so a second replica would be a second, separate scheduler.
   * 0 stops the component, as `disable` does. The operator lowers the
   * replicas of the dataflow engine and both gateways to
   * `pipelineMaxShardCountMultiplier` times the namespace's Pipelines (Models
   * for the model gateway), counting at most 100, and to 1 while there are
   * none, with a Warning event (runtime_reconciler.go ValidateComponent).
   * @default - 1
   */
  readonly replicas?: number;
  /**
   * The type of the component's Service (`seldon-scheduler` and `seldon-envoy`,
   * whose Service is `seldon-mesh`, only): ClusterIP, NodePort or LoadBalancer.
   * With an override and no type the operator would create the Service
   * without a type (ClusterIP), so the type the runtime would otherwise get is
   * rendered; where that type is unknown (Seldon's `default` SeldonConfig takes
   * it from the Helm chart's `services.defaultServiceType`, or a reference
   * that does not state it), an override of these components needs it here.
   * The operator still creates the Service of a disabled component, so it may
   * be set with `disable`.
   * @default - the runtime's service.serviceType, else the SeldonConfig's (LoadBalancer for one in the app that sets none);
   * ClusterIP for a disabled component
   */
  readonly serviceType?: ServiceType;
  /**
   * Image, resources, GPUs and env of the component's main container
   * (e.g. `scheduler` of `seldon-scheduler`), merged by name onto the SeldonConfig's.
   * On `seldon-dataflow-engine` and `seldon-modelgateway`, the variables set
   * from the runtime's `config.kafka` (see `KafkaSettings`) are added to its
   * env; giving one of them another value here is refused.
   * @default - the SeldonConfig's container
   */
  readonly container?: ContainerOverride;
  /**
   * Image pull Secrets added to the component's pods.
   * @default - the SeldonConfig's
   */
  readonly imagePullSecrets?: ISecret[];
  /**
   * The service account of the component's pods; it needs the permissions of the SeldonConfig's.
   * @default - the SeldonConfig's
   */
  readonly serviceAccount?: IServiceAccount;
  /**
   * The PriorityClass of the component's pods.
   * @default - the SeldonConfig's
   */
  readonly priorityClassName?: string;
  /**
   * A raw pod spec merged onto the SeldonConfig's (the escape hatch); cannot
   * be combined with `container`, the pod settings above or the override's
   * `scheduling` (reported at synth): put the placement in the pod spec. The
   * variables the runtime's `config.kafka` sets on the dataflow engine and the
   * model gateway are added to its main container, as with `container`.
   * @default - none
   */
  readonly podSpec?: k8s.PodSpec;
}

/** An override in `SeldonRuntimeProps.overrides`. */
export interface RuntimeOverride extends RuntimeOverrideOptions {
  /** The component, e.g. `RuntimeComponent.HODOMETER`. */
  readonly component: RuntimeComponent;
}

/** Props of `SeldonRuntime`. */
export interface SeldonRuntimeProps {
  /**
   * The SeldonConfig to install (`spec.seldonConfig`).
   * @default - Seldon's `default` SeldonConfig
   */
  readonly seldonConfig?: ISeldonConfig;
  /**
   * Per-component changes (`spec.overrides`); more with `override()`.
   * @default - none
   */
  readonly overrides?: RuntimeOverride[];
  /**
   * This namespace's configuration; the SeldonConfig's fills in what is left out.
   * Its Kafka brokers, consumer group prefix, partitions and replication
   * factor are also rendered as variables of the dataflow engine and the
   * model gateway, which read them from their env (see `KafkaSettings`), in
   * an override of those components.
   * @default - the SeldonConfig's
   */
  readonly config?: SeldonConfigurationProps;
  /**
   * The namespace of the Seldon operator that reconciles this runtime (its
   * `POD_NAMESPACE`). The operator reads the runtime's SeldonConfig from that
   * namespace only (seldonconfig_types.go GetSeldonConfigForSeldonRuntime), so
   * a SeldonConfig in the app must be there: one in another namespace is
   * refused. Set it when a cluster-wide operator runs elsewhere (e.g.
   * `seldon-mesh`) and the SeldonConfig is in the operator's namespace.
   * @default - the runtime's namespace: Seldon's setup chart installs a namespaced operator (`controller.clusterwide: false`)
   */
  readonly operatorNamespace?: string;
  /**
   * Do not update the runtime when its SeldonConfig changes (`spec.disableAutoUpdate`).
   * @default - not rendered (false)
   */
  readonly disableAutoUpdate?: boolean;
  /**
   * Metadata. A namespace has one runtime; it installs Seldon in the
   * namespace of the chart (or `metadata.namespace`).
   * @default - a name generated by cdk8s, the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/** What a SeldonRuntime changes in one component; its `scheduling` places the component's pods. */
export class RuntimeComponentOverride {
  /** The component. */
  public readonly component: RuntimeComponent;
  /** The options given. */
  public readonly options: RuntimeOverrideOptions;
  /** Where the component's pods may run (`attract`, `tolerate`, `colocate`, `separate`, `spread`). */
  public readonly scheduling: PodPlacement;
  private readonly pod: PodSettings;

  /**
   * Made by `SeldonRuntime.override()`.
   * @param runtime the runtime
   * @param component the component
   * @param options the changes
   * @param pod the component's pod settings
   */
  public constructor(runtime: Construct, component: RuntimeComponent, options: RuntimeOverrideOptions, pod: PodSettings) {
    this.component = component;
    this.options = options;
    this.pod = pod;
    this.scheduling = pod.scheduling;
    // The operator labels a component's pods app.kubernetes.io/name=<component> (reconcilers/seldon/deployment_reconciler.go).
    const ownPods = { node: runtime.node, toPodSelectorConfig: () => ({ labelSelector: LabelSelector.of({ labels: { 'app.kubernetes.io/name': component.name } }) }) };
    pod.scheduling._selectOwnPods(ownPods as unknown as IPodSelector);
  }

  /** @internal */
  public _render(serviceType: () => string | undefined): Record<string, unknown> {
    const o = this.options;
    const container = this.component.mainContainer === undefined ? undefined : renderOverride(this.component.mainContainer, o.container);
    const fields = this.pod._toPodSpec();
    const typed = container || Object.keys(fields).length > 0 ? { ...fields, containers: container ? [container] : undefined } : undefined;
    const podSpec = o.podSpec ?? typed;
    // A disabled component's Service is still created (service_reconciler.go toServices), with nothing behind it: ClusterIP.
    const inherited = o.disable ? CLUSTER_IP : serviceType();
    return {
      name: this.component.name,
      disable: o.disable,
      replicas: o.replicas,
      serviceType: SERVICE_COMPONENTS.includes(this.component.name) ? o.serviceType ?? inherited : undefined,
      podSpec: podSpec && k8s.toJson_PodSpec(podSpec as k8s.PodSpec),
    };
  }

  /**
   * @internal `scheduling` used with a raw podSpec: refused rather than merged, since merging the placement
   * into the user's pod spec as the operator merges (mergo, lists appended) would OR required node terms.
   */
  public _placementProblem(): [string, string, string] | undefined {
    if (this.options.podSpec === undefined || Object.keys(this.pod._toPodSpec()).length === 0) return undefined;
    return [`overrides[${show(this.component.name)}].scheduling`,
      'places the pods of a component given a raw podSpec, which is rendered as it is, so the placement would be dropped',
      'the placement in podSpec (affinity, tolerations, nodeSelector), or the typed settings without podSpec'];
  }

  /** @internal */
  public _dependOn(object: ApiObject): void {
    this.pod._dependOn(object);
  }
}

const KIND = 'SeldonRuntime';
const CLUSTER_IP = 'ClusterIP';
/** The operator's type for the runtime's Services when the config gives none (service_reconciler.go getServiceType). */
const LOAD_BALANCER = 'LoadBalancer';

/**
 * A Seldon Core v2 `SeldonRuntime`: installs a SeldonConfig's components
 * (scheduler, envoy, gateways, dataflow engine, hodometer) into one
 * namespace, with per-component overrides and the namespace's configuration.
 * Models, Servers, Pipelines and Experiments of the namespace need it.
 */
export class SeldonRuntime extends Construct {
  /**
   * Declares the runtime of a namespace that exists outside the app, so the
   * app-wide checks know which components it runs (default: all of Seldon's
   * default SeldonConfig) instead of reporting the namespace as without a runtime.
   */
  public static fromNamespace(scope: Construct, id: string, namespace: string, options: ExistingRuntimeOptions = {}): Construct {
    const holder = new Construct(constructScope(scope, `${KIND} reference`, id), id);
    [, , namespace, options] = checkedArgs(holder, `${KIND} reference`, 'SeldonRuntime.fromNamespace', scope, id, namespace, options);
    const problems = new Problems(`${KIND} reference`, holder);
    if (typeof namespace !== 'string' || nameProblem(namespace, DNS_1123_SUBDOMAIN)) problems.add('namespace', `${show(namespace)} is not a namespace name`, DNS_1123_SUBDOMAIN.accepted);
    (options.disabledComponents ?? []).forEach((c, i) => {
      if (!(c instanceof RuntimeComponent)) problems.add(`disabledComponents[${i}]`, `${show(c)} is not a RuntimeComponent`, 'RuntimeComponent.SCHEDULER, ...');
    });
    problems.throwIfAny();
    registerRuntime(holder, () => ({
      construct: holder,
      kind: `${KIND} reference`,
      namespace,
      disabled: (options.disabledComponents ?? []).map(c => c.name),
      reasons: Object.fromEntries((options.disabledComponents ?? []).map(c => [c.name, 'in disabledComponents'])),
    }));
    return holder;
  }

  /** The `SeldonRuntime` object, for escape hatches. */
  public readonly apiObject: ApiObject;
  /** The runtime name. */
  public readonly name: string;
  /** The SeldonConfig it installs. */
  public readonly seldonConfig: ISeldonConfig;
  private readonly props: SeldonRuntimeProps;
  private readonly overrides: RuntimeComponentOverride[] = [];
  private readonly kafkaEnv: KafkaComponentEnv[];

  public constructor(scope: Construct, id: string, props: SeldonRuntimeProps = {}) {
    super(constructScope(scope, 'SeldonRuntime', id), id);
    props = checkedProps(this, KIND, props);
    this.props = props;
    // k8s/yaml/components.yaml@v2.10.2, SeldonConfig `default`. Its Service type is the setup chart's services.defaultServiceType
    // (_components-deployments.tpl), which installations set as they like: left unknown.
    this.seldonConfig = props.seldonConfig ?? SeldonConfig.fromSeldonConfigName(this, 'DefaultSeldonConfig', DEFAULT_SELDON_CONFIG, {
      components: RuntimeComponent.defaults,
      configuration: { scaling: { modelAutoscaling: false, serverAutoscaling: true } },
    });
    this.apiObject = new RenderedApiObject(this, 'Resource', {
      ...SeldonRuntimeResource.GVK,
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.name = this.apiObject.name;
    const problems = new Problems(KIND, this);
    if (props.seldonConfig !== undefined && typeof (props.seldonConfig as ISeldonConfig).name !== 'string') {
      problems.add('seldonConfig', `${show(props.seldonConfig)} is not a SeldonConfig`, 'a SeldonConfig construct or SeldonConfig.fromSeldonConfigName(this, id, "default")');
    }
    for (const [f, p, a] of configurationProblems(props.config, 'config.')) problems.add(f, p, a);
    // The agent reads these Secrets in its own namespace, and exits when one is missing (agent/k8s/secrets.go, cmd/agent/main.go).
    (props.config?.rcloneConfigSecrets ?? []).forEach((secret, i) => {
      const elsewhere = crossNamespaceProblem('Secret', secret, this.apiObject.metadata.namespace);
      if (elsewhere) problems.add(`config.rcloneConfigSecrets[${i}]`, ...elsewhere);
    });
    const namespace = this.apiObject.metadata.namespace;
    for (const [f, p, a] of operatorNamespaceProblems(this.seldonConfig, namespace, props.operatorNamespace)) problems.add(f, p, a);
    problems.throwIfAny();
    this.kafkaEnv = kafkaComponentEnv(props.config?.kafka);
    if (this.seldonConfig instanceof SeldonConfig) dependOn(this.apiObject, this.seldonConfig);
    for (const secret of props.config?.rcloneConfigSecrets ?? []) dependOn(this.apiObject, secret);
    (props.overrides ?? []).forEach(o => this.override(o?.component, declaredPart(o, 'RuntimeOverrideOptions')));

    registerRuntime(this, (): RuntimeFacts => ({
      construct: this,
      kind: KIND,
      namespace: this.apiObject.metadata.namespace,
      ...componentsNotRun(this.seldonConfig, this.overrides),
    }));
    this.node.addValidation({
      validate: () => [...this.overrides.flatMap(o => {
        const p = o._placementProblem();
        return p ? [formatProblem(KIND, this.node.path, ...p)] : [];
      }), ...this.kafkaEnvProblems()],
    });
  }

  /** The overrides so far. */
  public get componentOverrides(): RuntimeComponentOverride[] {
    return [...this.overrides];
  }

  /**
   * Changes one component of the SeldonConfig in this namespace. Throws for
   * a component the SeldonConfig does not define (the operator would ignore
   * the override) or one already overridden.
   */
  public override(component: RuntimeComponent, options: RuntimeOverrideOptions = {}): RuntimeComponentOverride {
    [component, options] = checkedArgs(this, KIND, 'override', component, options);
    const name = component instanceof RuntimeComponent ? component.name : undefined;
    const field = `overrides[${show(name ?? component)}]`;
    const problems = new Problems(KIND, this);
    if (name === undefined) {
      problems.add('overrides[].component', `${show(component)} is not a RuntimeComponent`, 'RuntimeComponent.SCHEDULER, RuntimeComponent.ENVOY, ... or RuntimeComponent.custom(name)');
      problems.throwIfAny();
    }
    const known = this.seldonConfig.components;
    if (known && !known.some(c => c.name === name)) {
      problems.add(`${field}.component`, `names no component of SeldonConfig ${show(this.seldonConfig.name)}, so the operator would ignore the override`,
        `one of ${known.map(c => c.name).join(', ')}`);
    } else if (this.overrides.some(o => o.component.name === name)) {
      problems.add(field, 'is overridden twice (the operator keeps only the last)', 'one override per component');
    }
    for (const [f, p, a] of overrideOptionProblems(field, component, options, this.seldonConfig, this.inheritedServiceType())) problems.add(f, p, a);
    for (const [f, p, a] of overrideKafkaConflicts(field, component, options, this.kafkaEnv)) problems.add(f, p, a);
    problems.throwIfAny();
    const pod = new PodSettings(this, KIND, {
      imagePullSecrets: options.imagePullSecrets, serviceAccount: options.serviceAccount, priorityClassName: options.priorityClassName,
    }, `${field}.`);
    const result = new RuntimeComponentOverride(this, component, { ...options }, pod);
    result._dependOn(this.apiObject);
    this.overrides.push(result);
    return result;
  }

  /**
   * The type of the scheduler's and envoy's Services without an override: the runtime's, else the SeldonConfig's, else,
   * for a SeldonConfig in the app, the operator's LoadBalancer; undefined where the SeldonConfig's is unknown.
   */
  private inheritedServiceType(): string | undefined {
    return this.props.config?.service?.serviceType ?? this.seldonConfig.configuration?.service?.serviceType
      ?? (this.seldonConfig instanceof SeldonConfig ? LOAD_BALANCER : undefined);
  }

  /** An in-app SeldonConfig without the main container that `config.kafka`'s variables go to (they would make a new container). */
  private kafkaEnvProblems(): string[] {
    const config = this.seldonConfig;
    if (!(config instanceof SeldonConfig)) return [];
    return kafkaContainerProblems(this.kafkaEnv, config.name, c => config._lacksMainContainer(c)).map(p => formatProblem(KIND, this.node.path, ...p));
  }

  private renderSpec(): Record<string, any> | undefined {
    const own = this.overrides.map(o => o._render(() => this.inheritedServiceType()));
    const rendered = overridesWithKafkaEnv(own, this.kafkaEnv, this.seldonConfig.components);
    return toJson_SeldonRuntimeSpec({
      seldonConfig: this.seldonConfig.name,
      overrides: rendered.length ? rendered as any[] : undefined,
      // Same shape as SeldonConfig's config; the generated converters read int-or-string values the same way.
      config: renderConfiguration(this.props.config) as unknown as SeldonRuntimeSpecConfig,
      disableAutoUpdate: this.props.disableAutoUpdate,
    });
  }
}

/** Options of `SeldonRuntime.fromNamespace()`. */
export interface ExistingRuntimeOptions {
  /**
   * Components the existing runtime disables.
   * @default - none
   */
  readonly disabledComponents?: RuntimeComponent[];
  /**
   * Whether its Seldon model autoscaling is on.
   * @default - unknown
   * @deprecated Not read: the 2.10.2 scheduler never autoscales Models, whatever the runtime's scaling config says.
   */
  readonly modelAutoscaling?: boolean;
  /**
   * Whether its Seldon server autoscaling is on.
   * @default - unknown
   * @deprecated Not read: the 2.10.2 scheduler takes server autoscaling from its ENABLE_SERVER_AUTOSCALING flag, not from the runtime's scaling config.
   */
  readonly serverAutoscaling?: boolean;
}
