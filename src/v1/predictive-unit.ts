import { ContainerResources, EnvValue, ISecret, IServiceAccount } from 'cdk8s-plus-27';
import { LoggerProps } from './logger';
import { ModelParameter } from './model-parameter';
import { PrepackagedServer } from './prepackaged-server';
import { ModelUri } from '../model-uri';
import { ComponentEndpointProps, UnitEndpointProps } from './unit-endpoint';
import { UnitPodProps } from './unit-pod';
import { checkFactories } from '../k8s/prop-check';

/** The role of a graph node (`graph.type`). */
export enum PredictiveUnitType {
  /** Makes predictions. */
  MODEL = 'MODEL',
  /** Transforms the request before its children see it. */
  TRANSFORMER = 'TRANSFORMER',
  /** Transforms the response of its children. */
  OUTPUT_TRANSFORMER = 'OUTPUT_TRANSFORMER',
  /** Sends each request to one of its children. */
  ROUTER = 'ROUTER',
  /** Combines the responses of its children. */
  COMBINER = 'COMBINER',
}

/**
 * Graph nodes built into Seldon's executor, which need no container. What
 * each does is what the Go executor (1.18.2, executor/predictor/
 * predictor_process.go and components.go) does with it.
 */
export enum BuiltInImplementation {
  /**
   * A router sending a share `ratioA` of requests to its first child and the
   * rest to its second; `ratioA` defaults to 0.5.
   */
  RANDOM_ABTEST = 'RANDOM_ABTEST',
  /**
   * Sends each request to all its children and returns the first child's
   * response: the Go executor does no averaging.
   */
  AVERAGE_COMBINER = 'AVERAGE_COMBINER',
  /** Passes the request through unchanged (to its children, if any); for testing a graph. */
  SIMPLE_MODEL = 'SIMPLE_MODEL',
  /**
   * Sends each request to all its children and returns the first child's
   * response; for testing a graph.
   */
  SIMPLE_ROUTER = 'SIMPLE_ROUTER',
}

/** Container settings shared by the nodes that run a container. */
export interface UnitContainerProps extends UnitEndpointProps, UnitPodProps {
  /**
   * Resources of the node's container.
   * @default - none (in explicit mode, a prepackaged server's: requests cpu 100m, memory 1Gi; limit memory 1Gi,
   *   except for TRITON, HUGGINGFACE and TF Serving)
   */
  readonly resources?: ContainerResources;
  /**
   * Environment variables of the node's container.
   * @default - none
   */
  readonly env?: { [name: string]: EnvValue };
  /**
   * Parameters of the node (`graph.parameters`).
   * @default - none
   */
  readonly parameters?: ModelParameter[];
  /**
   * Nodes that receive this node's output (or, for a router or combiner, its choices).
   * @default - none
   */
  readonly children?: PredictiveUnit[];
  /**
   * Payload logging of the node's requests and responses.
   * @default - none
   */
  readonly logger?: LoggerProps;
}

/** Props of `PredictiveUnit.prepackaged()`. */
export interface PrepackagedUnitProps extends UnitContainerProps {
  /** The node name, which is also its container's name; unique within a predictor. */
  readonly name: string;
  /** The prepackaged model server. */
  readonly server: PrepackagedServer;
  /**
   * Where the model artifact is.
   * @default - none; only HUGGINGFACE accepts no URI
   */
  readonly modelUri?: ModelUri;
  /**
   * Storage credentials for this node's storage initializer (`envSecretRefName`).
   * @default - none
   */
  readonly credentials?: ISecret;
  /**
   * The storage initializer image for this node.
   * @default - the operator's; in explicit mode `seldonio/rclone-storage-initializer:1.18.2`
   */
  readonly storageInitializerImage?: string;
  /**
   * The server container image.
   * @default - the operator's image for the server and protocol
   */
  readonly image?: string;
  /**
   * The ServiceAccount the server's pod runs as (`graph.serviceAccountName`),
   * e.g. one bound to a cloud IAM role for `envAuth` remotes.
   * @default - the namespace's default ServiceAccount
   */
  readonly serviceAccount?: IServiceAccount;
}

/** Props of `PredictiveUnit.component()`. */
export interface ComponentUnitProps extends UnitContainerProps, ComponentEndpointProps {
  /** The node name, which is also its container's name; unique within a predictor. */
  readonly name: string;
  /** The node's role. */
  readonly unitType: PredictiveUnitType;
  /** The image of the component (built with Seldon's Python wrapper or any server speaking the protocol). */
  readonly image: string;
  /**
   * The entrypoint of the component's container (`command`), replacing the image's.
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Arguments of the component's container (`args`), e.g. the ports and
   * model of a TF Serving image run as a component.
   * @default - the image's
   */
  readonly args?: string[];
}

/** Props of `PredictiveUnit.builtIn()`. */
export interface BuiltInUnitProps {
  /** The node name; unique within a predictor. */
  readonly name: string;
  /** The executor's built-in implementation. */
  readonly implementation: BuiltInImplementation;
  /**
   * The children it routes to or combines.
   * @default - none
   */
  readonly children?: PredictiveUnit[];
  /**
   * Parameters: only RANDOM_ABTEST reads one, `ratioA`, and only when it is
   * the node's sole parameter.
   * @default - none (RANDOM_ABTEST then splits 50/50)
   */
  readonly parameters?: ModelParameter[];
  /**
   * Payload logging of the node's requests and responses.
   * @default - none
   */
  readonly logger?: LoggerProps;
}

/** @internal */
export interface UnitSpec extends UnitEndpointProps, ComponentEndpointProps, UnitPodProps {
  readonly kind: 'prepackaged' | 'component' | 'builtIn';
  readonly name: string;
  readonly unitType?: PredictiveUnitType;
  readonly implementation?: string;
  readonly server?: PrepackagedServer;
  readonly modelUri?: ModelUri;
  readonly credentials?: ISecret;
  readonly serviceAccount?: IServiceAccount;
  readonly storageInitializerImage?: string;
  readonly image?: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly resources?: ContainerResources;
  readonly env?: { [name: string]: EnvValue };
  readonly parameters: ModelParameter[];
  readonly children: PredictiveUnit[];
  readonly logger?: LoggerProps;
}

/**
 * A node of a Seldon Core v1 inference graph ("predictive unit"): a
 * prepackaged model server, a component with its own image (transformer,
 * router, combiner, model), or a node built into the executor.
 */
export class PredictiveUnit {
  /** A prepackaged model server (SKLEARN_SERVER, ...) loading a model. */
  public static prepackaged(props: PrepackagedUnitProps): PredictiveUnit {
    return new PredictiveUnit({ ...props, kind: 'prepackaged', parameters: props.parameters ?? [], children: props.children ?? [] });
  }

  /**
   * @internal A node from its spec, without the factories' argument check: for a
   * construct whose own props were checked at its boundary with the shapes the
   * factory would check them against (PrepackagedModel; test/perf/build-work.test.ts
   * holds the shapes equal).
   */
  public static _ofSpec(spec: UnitSpec): PredictiveUnit {
    return new PredictiveUnit(spec);
  }

  /** A component running its own image: a transformer, output transformer, router, combiner or model. */
  public static component(props: ComponentUnitProps): PredictiveUnit {
    return new PredictiveUnit({ ...props, kind: 'component', parameters: props.parameters ?? [], children: props.children ?? [] });
  }

  /** A router or combiner built into Seldon's executor (no container). */
  public static builtIn(props: BuiltInUnitProps): PredictiveUnit {
    return new PredictiveUnit({
      kind: 'builtIn',
      name: props.name,
      implementation: props.implementation,
      logger: props.logger,
      parameters: props.parameters ?? [],
      children: props.children ?? [],
    });
  }

  /** The node name. */
  public readonly name: string;

  private constructor(private readonly spec: UnitSpec) {
    this.name = spec.name;
  }

  /** The node's children. */
  public get children(): PredictiveUnit[] {
    return [...this.spec.children];
  }

  /**
   * The prepackaged server, for a prepackaged node.
   * @default - undefined for other nodes
   */
  public get server(): PrepackagedServer | undefined {
    return this.spec.server;
  }

  /**
   * Where the model is, for a prepackaged node.
   * @default - undefined
   */
  public get modelUri(): ModelUri | undefined {
    return this.spec.modelUri;
  }

  /**
   * This node and its descendants, depth first, each once; without recursion,
   * so no graph overflows the stack (a node reached again is not expanded again). @internal
   */
  public _walk(): PredictiveUnit[] {
    // A leaf (most graphs are one) is the whole walk: no set or stack for it.
    if (this.spec.children.length === 0) return [this];
    const found: PredictiveUnit[] = [];
    const seen = new Set<PredictiveUnit>();
    const stack: PredictiveUnit[] = [this];
    while (stack.length > 0) {
      const unit = stack.pop()!;
      if (seen.has(unit)) continue;
      seen.add(unit);
      found.push(unit);
      const children = unit.spec.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
    return found;
  }

  /** @internal */
  public get _spec(): UnitSpec {
    return this.spec;
  }
}

checkFactories(PredictiveUnit, 'PredictiveUnit');
