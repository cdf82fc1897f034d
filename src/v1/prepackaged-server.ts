import { BUILT_IN_IMPLEMENTATIONS, PREPACKAGED_SERVERS, ProtocolDefaults, ServerDefaults, ServerRuntime } from './operator-defaults';
import { SeldonProtocol } from './protocol';
import { ProtocolFamily, protocolFamily, protocolsOf } from './protocol-family';
import { checkValueMethods } from '../k8s/method-check';
import { checkFactories } from '../k8s/prop-check';

/** Options of `PrepackagedServer.custom()`. */
export interface CustomServerOptions {
  /**
   * The protocols the server speaks.
   * @default - all protocols are accepted
   */
  readonly protocols?: SeldonProtocol[];
  /**
   * The server image, used when the library declares the server container
   * (explicit storage-initializer mode).
   * @default - none: explicit mode then needs `PrepackagedModelProps.image`
   */
  readonly image?: string;
  /**
   * Whether the server needs a model URI. Seldon's webhook requires
   * `modelUri` on every prepackaged node except HUGGINGFACE_SERVER
   * (operator/apis/machinelearning.seldon.io/v1/seldondeployment_webhook.go),
   * so a node of a custom server without one is still an error.
   * @default true
   * @deprecated the webhook ignores it: only HUGGINGFACE_SERVER may omit modelUri
   */
  readonly modelUriRequired?: boolean;
}

/**
 * A Seldon Core v1 prepackaged model server (`graph.implementation`): one of
 * the servers the operator ships, or a custom one registered in the
 * operator's `predictor_servers` configuration.
 */
export class PrepackagedServer {
  /** scikit-learn: Seldon's sklearnserver, or MLServer under the V2 protocol. */
  public static readonly SKLEARN = new PrepackagedServer('SKLEARN_SERVER', PREPACKAGED_SERVERS.SKLEARN_SERVER);
  /** XGBoost: Seldon's xgboostserver, or MLServer under the V2 protocol. */
  public static readonly XGBOOST = new PrepackagedServer('XGBOOST_SERVER', PREPACKAGED_SERVERS.XGBOOST_SERVER);
  /** TensorFlow Serving, behind Seldon's proxy under the Seldon protocol. */
  public static readonly TENSORFLOW = new PrepackagedServer('TENSORFLOW_SERVER', PREPACKAGED_SERVERS.TENSORFLOW_SERVER);
  /** MLflow models: Seldon's mlflowserver, or MLServer under the V2 protocol. */
  public static readonly MLFLOW = new PrepackagedServer('MLFLOW_SERVER', PREPACKAGED_SERVERS.MLFLOW_SERVER);
  /** NVIDIA Triton (V2 protocol only). */
  public static readonly TRITON = new PrepackagedServer('TRITON_SERVER', PREPACKAGED_SERVERS.TRITON_SERVER);
  /** HuggingFace models on MLServer (V2 protocol only). */
  public static readonly HUGGINGFACE = new PrepackagedServer('HUGGINGFACE_SERVER', PREPACKAGED_SERVERS.HUGGINGFACE_SERVER);
  /** Tempo pipelines on MLServer (V2 protocol only). */
  public static readonly TEMPO = new PrepackagedServer('TEMPO_SERVER', PREPACKAGED_SERVERS.TEMPO_SERVER);

  /**
   * A server added to the operator's `predictor_servers` configuration under
   * `implementation`.
   */
  public static custom(implementation: string, options: CustomServerOptions = {}): PrepackagedServer {
    const families = options.protocols === undefined
      ? (['seldon', 'v2', 'tensorflow'] as ProtocolFamily[])
      : [...new Set(options.protocols.map(protocolFamily))];
    const protocols: Partial<Record<ProtocolFamily, ProtocolDefaults>> = {};
    for (const family of families) {
      // Under the V2 protocol the operator runs custom servers on its MLServer path (SELDON-FACTS §1.8).
      protocols[family] = { image: options.image ?? '', runtime: family === 'v2' ? ServerRuntime.MLSERVER : ServerRuntime.SELDON_PYTHON };
    }
    return new PrepackagedServer(implementation, {
      protocols,
      modelUriRequired: options.modelUriRequired ?? true,
    }, customProblem(implementation));
  }

  /** The value of `graph.implementation`, e.g. `SKLEARN_SERVER`. */
  public readonly implementation: string;
  /**
   * Why this server cannot be used, if it cannot.
   * @default - undefined for a usable server
   */
  public readonly problem?: string;

  private constructor(implementation: string, private readonly defaults: ServerDefaults, problem?: string) {
    this.implementation = implementation;
    this.problem = problem;
  }

  /** The protocols this server speaks. */
  public get supportedProtocols(): SeldonProtocol[] {
    return (Object.keys(this.defaults.protocols) as ProtocolFamily[]).flatMap(protocolsOf);
  }

  /** Whether the server needs `modelUri`. */
  public get modelUriRequired(): boolean {
    return this.defaults.modelUriRequired;
  }

  /** Whether the server speaks `protocol` (none: the operator's default, `seldon`). */
  public supports(protocol?: SeldonProtocol): boolean {
    return this._supports(protocol);
  }

  /**
   * The image the operator runs for this server and protocol.
   * @param protocol the protocol; without it, the operator's default, `seldon`
   * @returns the image, or undefined when the operator has none
   */
  public defaultImage(protocol?: SeldonProtocol): string | undefined {
    return this._defaultImage(protocol);
  }

  /**
   * @internal `supports()` and `defaultImage()` for the library's own callers, which pass a protocol
   * their boundary checked: the public methods check their argument on every call (src/k8s/method-check.ts).
   */
  public _supports(protocol?: SeldonProtocol): boolean {
    return this.defaults.protocols[protocolFamily(protocol)] !== undefined;
  }

  /** @internal See `_supports()`. */
  public _defaultImage(protocol?: SeldonProtocol): string | undefined {
    return this.defaults.protocols[protocolFamily(protocol)]?.image || undefined;
  }

  /** @internal */
  public _runtime(protocol?: SeldonProtocol): ServerRuntime | undefined {
    return this.defaults.protocols[protocolFamily(protocol)]?.runtime;
  }

  /** @internal */
  public get _defaults(): ServerDefaults {
    return this.defaults;
  }
}

function customProblem(implementation: string): string | undefined {
  // Only a key of the operator's predictor_servers map: no Kubernetes name is derived from it (prepack.go IsPrepack).
  if (typeof implementation !== 'string' || implementation.length === 0) {
    return `${JSON.stringify(implementation)} is not a server name; a key of the operator's predictor_servers configuration is accepted, e.g. MY_SERVER or acme/server`;
  }
  if (BUILT_IN_IMPLEMENTATIONS.includes(implementation)) {
    return `${JSON.stringify(implementation)} is built into the executor and is not a prepackaged server; a name registered in the operator's predictor_servers is accepted`;
  }
  if (implementation in PREPACKAGED_SERVERS) {
    return `${JSON.stringify(implementation)} is a server the operator ships; use PrepackagedServer.${implementation.replace(/_SERVER$/, '')} instead`;
  }
  return undefined;
}

checkFactories(PrepackagedServer, 'PrepackagedServer');
checkValueMethods(PrepackagedServer, 'PrepackagedServer');
