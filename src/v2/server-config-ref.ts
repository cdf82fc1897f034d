import { k8s } from 'cdk8s-plus-27';
import { DNS_1123_SUBDOMAIN, nameProblem } from '../names';
import {
  AGENT_FALLBACK_CAPABILITIES, AgentMemory, CAPABILITY_ACCEPTED, CapabilityEntry, DEFAULT_SERVER_CONFIGS, DefaultServerConfig,
  capabilityProblem, entryCapabilities,
} from './capabilities';
import { ResourceAmounts } from './container-merge';
import { defaultServerConfig } from './operator/default-server-configs';
import type { ServerConfig } from './server-config';
import { Json } from '../k8s/json';
import { checkFactories } from '../k8s/prop-check';

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

/** The mount paths of a container as Kubernetes JSON; undefined without one. */
function mountPathsOf(container: Json | undefined): string[] | undefined {
  return container === undefined ? undefined : (container.volumeMounts ?? []).map((m: Json) => m.mountPath);
}

/** What the library knows about a referenced ServerConfig. */
interface Knowledge {
  /** The agent's `SELDON_SERVER_CAPABILITIES` as the ServerConfig sets it; undefined when unknown. */
  readonly capabilityEntry: () => CapabilityEntry | undefined;
  readonly serverContainerName?: string;
  readonly resources: (container: string) => ResourceAmounts | undefined;
  readonly volumeNames: () => string[];
  /** Where a container of the pod mounts volumes, as written; undefined when the container is unknown. */
  readonly mountPaths: (container: string) => string[] | undefined;
  /** Where the agent takes its memory from; undefined when unknown. */
  readonly agentMemory: () => AgentMemory | undefined;
  /** The security context of a container, when known. */
  readonly securityContext: (container: string) => k8s.SecurityContext | undefined;
}

/**
 * What the library knows of an installation's ServerConfig: its pod as the
 * operator model holds it (operator/default-server-configs.ts, which the
 * preview builds Servers from), and the capability and memory summary.
 */
function fromDefaults(name: 'mlserver' | 'triton'): Knowledge {
  const defaults: DefaultServerConfig = DEFAULT_SERVER_CONFIGS[name];
  const manifest = defaultServerConfig(name)!;
  const containers: Json[] = manifest.spec.podSpec.containers;
  return {
    capabilityEntry: () => ({ value: defaults.capabilities.join(','), fromRef: false }),
    serverContainerName: defaults.serverContainer,
    resources: container => {
      const r = defaults.resources[container];
      return r ? { requests: { ...(r.requests ?? {}) }, limits: { ...(r.limits ?? {}) } } : undefined;
    },
    volumeNames: () => [...manifest.spec.volumeClaimTemplates, ...manifest.spec.podSpec.volumes].map((v: Json) => v.name),
    mountPaths: container => mountPathsOf(containers.find(c => c.name === container)),
    agentMemory: () => defaults.agentMemory,
    // the default configs set only the pod's security context (§2.5)
    securityContext: container => containers.find(c => c.name === container)?.securityContext,
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
  public static readonly MLSERVER = new ServerConfigRef('mlserver', fromDefaults('mlserver'));
  /** The installation's NVIDIA Triton config: onnx, pytorch, tensorflow, tensorrt, openvino, dali, fil and python models. */
  public static readonly TRITON = new ServerConfigRef('triton', fromDefaults('triton'));

  /**
   * A ServerConfig by name. `mlserver` and `triton` are the installation's
   * (unless `options` say otherwise); for other names the capabilities are
   * unknown unless given, and models on Servers using it are not checked.
   */
  public static fromName(name: string, options: ServerConfigRefOptions = {}): ServerConfigRef {
    const defaults = Object.prototype.hasOwnProperty.call(DEFAULT_SERVER_CONFIGS, name) ? DEFAULT_SERVER_CONFIGS[name] : undefined;
    // Each option replaces only what it names: the rest of a default config stays known.
    const known = defaults ? fromDefaults(name as 'mlserver' | 'triton') : undefined;
    const capabilities = options.capabilities ? [...options.capabilities] : undefined;
    return new ServerConfigRef(name, {
      capabilityEntry: () => (capabilities ? { value: capabilities.join(','), fromRef: false } : known?.capabilityEntry()),
      serverContainerName: options.serverContainerName ?? known?.serverContainerName,
      resources: container => known?.resources(container),
      volumeNames: () => known?.volumeNames() ?? [],
      mountPaths: container => known?.mountPaths(container),
      agentMemory: () => known?.agentMemory(),
      securityContext: () => undefined,
    }, undefined, capabilityListProblem(options.capabilities));
  }

  /** A `ServerConfig` construct of the app; its capabilities and containers are known. */
  public static fromServerConfig(serverConfig: ServerConfig): ServerConfigRef {
    return new ServerConfigRef(serverConfig.name, {
      capabilityEntry: () => serverConfig._capabilityEntry(),
      serverContainerName: serverConfig.serverContainerName,
      resources: container => serverConfig._resources(container),
      volumeNames: () => serverConfig.volumeNames,
      mountPaths: container => mountPathsOf(serverConfig._container(container)),
      agentMemory: () => serverConfig._agentMemory(),
      securityContext: container => serverConfig._securityContext(container),
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

  private constructor(name: string, knowledge: Knowledge, serverConfig?: ServerConfig, capabilityIssue?: string) {
    this.name = name;
    this.knowledge = knowledge;
    this.serverContainerName = knowledge.serverContainerName;
    this.serverConfig = serverConfig;
    const issue = nameProblem(name ?? '', DNS_1123_SUBDOMAIN);
    this.problem = issue ? `${issue}; ${DNS_1123_SUBDOMAIN.accepted}` : capabilityIssue;
  }

  /**
   * The capabilities the ServerConfig advertises.
   * @default - undefined when unknown
   */
  public get capabilities(): string[] | undefined {
    const entry = this.knowledge.capabilityEntry();
    return entry === undefined ? undefined : entryCapabilities(entry);
  }

  /** @internal */
  public _resources(container: string): ResourceAmounts | undefined {
    return this.knowledge.resources(container);
  }

  /** @internal Volume names of the config's pod, which a Server must not reuse. */
  public _volumeNames(): string[] {
    return this.knowledge.volumeNames();
  }

  /**
   * @internal The agent's `SELDON_SERVER_CAPABILITIES` as the ServerConfig sets it; undefined when unknown (a
   * ServerConfig named without capabilities is assumed to have the variable, as the defaults do, and fromName() says).
   */
  public _capabilityEntry(): CapabilityEntry | undefined {
    return this.knowledge.capabilityEntry();
  }

  /** @internal Where the agent takes its memory from; undefined when unknown. */
  public _agentMemory(): AgentMemory | undefined {
    return this.knowledge.agentMemory();
  }

  /** @internal The security context the config gives a container, when known. */
  public _securityContext(container: string): k8s.SecurityContext | undefined {
    return this.knowledge.securityContext(container);
  }

  /** @internal Where a container of the config's pod mounts volumes; undefined when the container is unknown. */
  public _mountPaths(container: string): string[] | undefined {
    return this.knowledge.mountPaths(container);
  }
}

checkFactories(ServerConfigRef, 'ServerConfigRef');

/**
 * What is wrong with the capabilities `fromName()` is told, if anything: each must be one the agent can advertise, and
 * an agent never advertises none (an empty variable is unset for it, and it falls back to its own list).
 */
function capabilityListProblem(capabilities: readonly string[] | undefined): string | undefined {
  if (!Array.isArray(capabilities)) return undefined;
  if (capabilities.length === 0) {
    return `options.capabilities is an empty list, but an agent advertises no empty list: with an empty variable it advertises its own ${AGENT_FALLBACK_CAPABILITIES.join(',')}; `
      + 'list the capabilities, or leave the option out for unknown ones';
  }
  for (const [i, c] of capabilities.entries()) {
    const issue = capabilityProblem(c);
    if (issue) return `options.capabilities[${i}] ${issue}; ${CAPABILITY_ACCEPTED}`;
  }
  return undefined;
}
