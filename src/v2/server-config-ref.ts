import { DNS_1123_SUBDOMAIN, nameProblem } from '../names';
import { DEFAULT_SERVER_CONFIGS, DefaultServerConfig } from './capabilities';
import { ResourceAmounts } from './container-merge';
import type { ServerConfig } from './server-config';

/** Options of `ServerConfigRef.fromName()`. */
export interface ServerConfigRefOptions {
  /**
   * The capabilities the ServerConfig advertises, when known. Servers using
   * it then take part in the synth-time scheduling check.
   * @default - those of `mlserver`/`triton` for those names, otherwise unknown
   */
  readonly capabilities?: string[];
  /**
   * The name of the ServerConfig's inference server container, needed to
   * override its image or resources from a Server.
   * @default - `mlserver`/`triton` for those names, otherwise unknown
   */
  readonly serverContainerName?: string;
}

/** What the library knows about a referenced ServerConfig. */
interface Knowledge {
  readonly capabilities: () => string[] | undefined;
  readonly serverContainerName?: string;
  readonly resources: (container: string) => ResourceAmounts | undefined;
  readonly volumeNames: () => string[];
  readonly rcloneMountPaths: () => string[];
}

function fromDefaults(defaults: DefaultServerConfig): Knowledge {
  return {
    capabilities: () => [...defaults.capabilities],
    serverContainerName: defaults.serverContainer,
    resources: container => {
      const r = defaults.resources[container];
      return r ? { requests: { ...(r.requests ?? {}) }, limits: { ...(r.limits ?? {}) } } : undefined;
    },
    volumeNames: () => [...defaults.volumeNames],
    rcloneMountPaths: () => [...defaults.rcloneMountPaths],
  };
}

/**
 * The ServerConfig a Seldon v2 Server runs (`spec.serverConfig`): one of the
 * two every installation ships, a `ServerConfig` construct of the app, or any
 * other name. The operator looks ServerConfigs up in its own namespace, not
 * the Server's.
 */
export class ServerConfigRef {
  /** The installation's MLServer config: sklearn, xgboost, lightgbm, mlflow, huggingface, alibi and python models. */
  public static readonly MLSERVER = new ServerConfigRef('mlserver', fromDefaults(DEFAULT_SERVER_CONFIGS.mlserver));
  /** The installation's NVIDIA Triton config: onnx, pytorch, tensorflow, tensorrt, openvino, dali, fil and python models. */
  public static readonly TRITON = new ServerConfigRef('triton', fromDefaults(DEFAULT_SERVER_CONFIGS.triton));

  /**
   * A ServerConfig by name. `mlserver` and `triton` are the installation's
   * (unless `options` say otherwise); for other names the capabilities are
   * unknown unless given, and models on Servers using it are not checked.
   */
  public static fromName(name: string, options: ServerConfigRefOptions = {}): ServerConfigRef {
    const defaults = Object.prototype.hasOwnProperty.call(DEFAULT_SERVER_CONFIGS, name) ? DEFAULT_SERVER_CONFIGS[name] : undefined;
    // Each option replaces only what it names: the rest of a default config stays known.
    const known = defaults ? fromDefaults(defaults) : undefined;
    const capabilities = options.capabilities ? [...options.capabilities] : undefined;
    return new ServerConfigRef(name, {
      capabilities: () => capabilities ? [...capabilities] : known?.capabilities(),
      serverContainerName: options.serverContainerName ?? known?.serverContainerName,
      resources: container => known?.resources(container),
      volumeNames: () => known?.volumeNames() ?? [],
      rcloneMountPaths: () => known?.rcloneMountPaths() ?? [],
    });
  }

  /** A `ServerConfig` construct of the app; its capabilities and containers are known. */
  public static fromServerConfig(serverConfig: ServerConfig): ServerConfigRef {
    return new ServerConfigRef(serverConfig.name, {
      capabilities: () => serverConfig.capabilities,
      serverContainerName: serverConfig.serverContainerName,
      resources: container => serverConfig._resources(container),
      volumeNames: () => serverConfig.volumeNames,
      rcloneMountPaths: () => serverConfig._rcloneMountPaths(),
    }, serverConfig);
  }

  /** The ServerConfig name, rendered as `spec.serverConfig`. */
  public readonly name: string;
  /**
   * The inference server container's name.
   * @default - unknown for a ServerConfig named without `serverContainerName`
   */
  public readonly serverContainerName?: string;
  /**
   * The `ServerConfig` construct, when the reference was made from one.
   * @default - none
   */
  public readonly serverConfig?: ServerConfig;
  /**
   * Why the reference cannot be used, if it cannot.
   * @default - undefined for a usable reference
   */
  public readonly problem?: string;
  private readonly knowledge: Knowledge;

  private constructor(name: string, knowledge: Knowledge, serverConfig?: ServerConfig) {
    this.name = name;
    this.knowledge = knowledge;
    this.serverContainerName = knowledge.serverContainerName;
    this.serverConfig = serverConfig;
    const issue = nameProblem(name ?? '', DNS_1123_SUBDOMAIN);
    this.problem = issue ? `${issue}; ${DNS_1123_SUBDOMAIN.accepted}` : undefined;
  }

  /**
   * The capabilities the ServerConfig advertises.
   * @default - undefined when unknown
   */
  public get capabilities(): string[] | undefined {
    return this.knowledge.capabilities();
  }

  /** @internal */
  public _resources(container: string): ResourceAmounts | undefined {
    return this.knowledge.resources(container);
  }

  /** @internal Volume names of the config's pod, which a Server must not reuse. */
  public _volumeNames(): string[] {
    return this.knowledge.volumeNames();
  }

  /** @internal Where the config's rclone container already mounts volumes. */
  public _rcloneMountPaths(): string[] {
    return this.knowledge.rcloneMountPaths();
  }
}
