import { checkFactories } from '../../k8s/prop-check';

/**
 * A component of a Seldon Core v2 installation that a SeldonConfig defines
 * and a SeldonRuntime starts in its namespace, named as the operator names
 * it (seldonconfig_types.go@v2.10.2). A SeldonRuntime override applies to the
 * SeldonConfig component of the same name; the operator ignores an override
 * naming no component (runtime_reconciler.go NewSeldonRuntimeReconciler).
 */
export class RuntimeComponent {
  /** `seldon-scheduler`: places models on servers; every Model, Server, Pipeline and Experiment needs it. */
  public static readonly SCHEDULER = new RuntimeComponent('seldon-scheduler', 'scheduler');
  /** `seldon-envoy`: the inference gateway behind the `seldon-mesh` Service. */
  public static readonly ENVOY = new RuntimeComponent('seldon-envoy', 'envoy');
  /** `seldon-dataflow-engine`: runs pipelines over Kafka. */
  public static readonly DATAFLOW_ENGINE = new RuntimeComponent('seldon-dataflow-engine', 'dataflow-engine');
  /** `seldon-modelgateway`: serves model requests arriving over Kafka. */
  public static readonly MODEL_GATEWAY = new RuntimeComponent('seldon-modelgateway', 'modelgateway');
  /** `seldon-pipelinegateway`: the entry point of pipeline requests. */
  public static readonly PIPELINE_GATEWAY = new RuntimeComponent('seldon-pipelinegateway', 'pipelinegateway');
  /** `hodometer`: anonymous usage metrics. */
  public static readonly HODOMETER = new RuntimeComponent('hodometer', 'hodometer');

  /** The components of Seldon's `default` SeldonConfig (k8s/yaml/components.yaml@v2.10.2). */
  public static get defaults(): RuntimeComponent[] {
    return [...DEFAULTS];
  }

  /**
   * A component of a custom SeldonConfig.
   * @param name the component name in the SeldonConfig's `components`
   * @param mainContainer the name of its main container, if known
   */
  public static custom(name: string, mainContainer?: string): RuntimeComponent {
    return DEFAULTS.find(c => c.name === name) ?? new RuntimeComponent(name, mainContainer);
  }

  /** The component name (`overrides[].name`, `components[].name`). */
  public readonly name: string;
  /**
   * The name of the component's main container, which container overrides change.
   * @default - unknown for a custom component declared without it
   */
  public readonly mainContainer?: string;

  private constructor(name: string, mainContainer?: string) {
    this.name = name;
    this.mainContainer = mainContainer;
  }
}

const DEFAULTS: readonly RuntimeComponent[] = [
  RuntimeComponent.SCHEDULER, RuntimeComponent.PIPELINE_GATEWAY, RuntimeComponent.MODEL_GATEWAY,
  RuntimeComponent.HODOMETER, RuntimeComponent.ENVOY, RuntimeComponent.DATAFLOW_ENGINE,
];

checkFactories(RuntimeComponent, 'RuntimeComponent');
