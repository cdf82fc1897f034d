/**
 * What a Seldon Core v2 installation (2.10.2, Helm defaults) provides on its
 * own, and how its agent reads capabilities. Every fact is cited in
 * SELDON-FACTS.md Part 2; this is the only file that knows them.
 */
import { rewrittenCapabilities } from './operator/capabilities-rewrite';

/** Resource amounts of one container, as Kubernetes quantities. */
export interface DefaultResources {
  readonly requests?: Readonly<Record<string, string>>;
  readonly limits?: Readonly<Record<string, string>>;
}

/** One of the ServerConfigs an installation ships (§2.5). */
export interface DefaultServerConfig {
  /** `SELDON_SERVER_CAPABILITIES` of its agent. */
  readonly capabilities: readonly string[];
  /** The inference server container; the other two are `rclone` and `agent`. */
  readonly serverContainer: string;
  /** Resources of each container, keyed by container name. */
  readonly resources: Readonly<Record<string, DefaultResources>>;
  /** How the agent learns its memory and overcommit (`MEMORY_REQUEST`, `SELDON_OVERCOMMIT_PERCENTAGE`). */
  readonly agentMemory: AgentMemory;
}

/**
 * Where a server's agent takes the memory it offers models from
 * (scheduler/cmd/agent/cli/cli.go `maybeUpdateMemoryRequest`, flags.go at v2.10.2).
 */
export interface AgentMemory {
  /** `MEMORY_REQUEST` from a resourceFieldRef to `requests.memory` of this container. */
  readonly requestOf?: string;
  /** `MEMORY_REQUEST` as a literal number of bytes, or the agent's 1,000,000-byte fallback. */
  readonly bytes?: number;
  /** Whether `bytes` is the agent's fallback because `MEMORY_REQUEST` is missing. */
  readonly fallback?: boolean;
  /** `SELDON_OVERCOMMIT_PERCENTAGE`; undefined when set by valueFrom (unknown). */
  readonly overcommitPercentage?: number;
  /**
   * What the agent multiplies each model's memory by once the model has loaded: `MLSERVER_PARALLEL_WORKERS` of the
   * agent's own env (not the server container's) for an MLServer agent, 1 when absent or unparsable
   * (agent/repository/mlserver/mlserver.go `GetModelRuntimeInfo`). A Triton agent takes its count from the model's
   * config.pbtxt, which no manifest shows: 1 here. `'unknown'` when set by valueFrom.
   * @default 1
   */
  readonly parallelWorkers?: number | 'unknown';
  /** The agent's `SELDON_SERVER_TYPE`, as written; `'unknown'` when set by valueFrom. */
  readonly serverType?: string;
}

/** Container names the operator's API knows (`server_types.go`). */
export const RCLONE_CONTAINER = 'rclone';
export const AGENT_CONTAINER = 'agent';

/** The agent variable the operator rewrites from `capabilities`/`extraCapabilities` (§2.4). */
export const CAPABILITIES_ENV = 'SELDON_SERVER_CAPABILITIES';

/** Capabilities the agent advertises when its env lacks `SELDON_SERVER_CAPABILITIES` (scheduler/cmd/agent/cli/flags.go@v2.10.2). */
export const AGENT_FALLBACK_CAPABILITIES: readonly string[] = ['sklearn', 'xgboost'];

/** The agent variables of its memory (scheduler/cmd/agent/cli/cli.go@v2.10.2). */
export const MEMORY_REQUEST_ENV = 'MEMORY_REQUEST';
export const OVERCOMMIT_ENV = 'SELDON_OVERCOMMIT_PERCENTAGE';
/** The agent variable an MLServer agent multiplies a model's memory by (mlserver.go `parallelWorkersEnvVar`). */
export const PARALLEL_WORKERS_ENV = 'MLSERVER_PARALLEL_WORKERS';
/** The agent variable that picks its repository handler: `triton`, else MLServer's (scheduler/cmd/agent/main.go). */
export const SERVER_TYPE_ENV = 'SELDON_SERVER_TYPE';

/** Bytes the agent offers when its env lacks `MEMORY_REQUEST`, and its overcommit without `SELDON_OVERCOMMIT_PERCENTAGE` (flags.go@v2.10.2). */
export const AGENT_FALLBACK_MEMORY_BYTES = 1_000_000;
export const AGENT_FALLBACK_OVERCOMMIT = 0;

/** The capability the scheduler requires of a server for an explainer model (§2.8). */
export const EXPLAINER_CAPABILITY = 'alibi-explain';

/** The model volume shared by rclone, agent and server (§2.5, Part 3). */
export const AGENT_VOLUME_PATH = '/mnt/agent';

/**
 * Remotes every rclone sidecar has without a per-model Secret: the runtime
 * chart's `seldon-rclone-gs-public` Secret defines the anonymous `gs` remote (§2.9).
 */
export const BUILT_IN_REMOTES: readonly string[] = ['gs'];

const RCLONE_RESOURCES: DefaultResources = { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } };
const AGENT_RESOURCES: DefaultResources = { requests: { cpu: '200m', memory: '1Gi' }, limits: { memory: '1Gi' } };
const SERVER_RESOURCES: DefaultResources = { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } };

/** The ServerConfigs `mlserver` and `triton` (§2.5). */
export const DEFAULT_SERVER_CONFIGS: Readonly<Record<string, DefaultServerConfig>> = {
  mlserver: {
    capabilities: ['mlserver', 'alibi-detect', 'alibi-explain', 'huggingface', 'lightgbm', 'mlflow', 'python', 'sklearn', 'spark-mlib', 'xgboost'],
    serverContainer: 'mlserver',
    resources: {
      rclone: RCLONE_RESOURCES,
      agent: AGENT_RESOURCES,
      mlserver: SERVER_RESOURCES,
    },
    agentMemory: { requestOf: 'mlserver', overcommitPercentage: 10, serverType: 'mlserver' },
  },
  triton: {
    capabilities: ['triton', 'dali', 'fil', 'onnx', 'openvino', 'python', 'pytorch', 'tensorflow', 'tensorrt'],
    serverContainer: 'triton',
    resources: {
      rclone: RCLONE_RESOURCES,
      agent: AGENT_RESOURCES,
      triton: SERVER_RESOURCES,
    },
    agentMemory: { requestOf: 'triton', overcommitPercentage: 10, serverType: 'triton' },
  },
};

/** The Seldon Core v2 release these defaults come from. */
export const SELDON_CORE_V2_VERSION = '2.10.2';

/**
 * Why `capability` cannot be advertised or required, if it cannot. The agent
 * splits `SELDON_SERVER_CAPABILITIES` on "," and trims spaces, and the
 * scheduler compares exact strings, so a comma, surrounding spaces or an
 * empty string can never match.
 */
export function capabilityProblem(capability: string): string | undefined {
  if (typeof capability !== 'string' || capability.length === 0) return 'is empty';
  if (capability.includes(',')) return `${JSON.stringify(capability)} contains ",", which the agent splits capabilities on`;
  if (capability.trim() !== capability) {
    return `${JSON.stringify(capability)} has leading or trailing spaces; Seldon would accept it (the agent and scheduler trim them, `
      + 'scheduler/cmd/agent/cli/cli.go and scheduler/pkg/scheduler/filters/serverrequirements.go), but the library writes the trimmed value so the manifest shows what is compared';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(capability)) return `${JSON.stringify(capability)} contains control characters`;
  return undefined;
}

/**
 * Why a repeated capability or requirement is refused although Seldon takes
 * it: the agent and the scheduler only test membership.
 */
export function repeatProblem(value: string, what: string): string {
  return `repeats ${JSON.stringify(value)}; Seldon would accept the repeat (the scheduler only tests membership, `
    + `scheduler/pkg/scheduler/filters/serverrequirements.go), but the library lists each ${what} once so the manifest reads as the set it means`;
}

/** What error messages list as an acceptable capability or requirement. */
export const CAPABILITY_ACCEPTED = 'a non-empty string without "," or surrounding spaces, e.g. "sklearn", "pvc", "mlserver-1.3.4"';

/** Parses the value of `SELDON_SERVER_CAPABILITIES` as the agent does (§2.4 step 4). */
export function parseCapabilities(value: string): string[] {
  return value.split(',').map(c => c.trim()).filter(c => c.length > 0);
}

/**
 * What the agent advertises for the final value of its `SELDON_SERVER_CAPABILITIES`: an empty value counts as unset
 * (scheduler/cmd/agent/cli/env.go@v2.10.2 getEnvString), so the agent keeps its own list.
 */
export function agentCapabilities(value: string): string[] {
  return value === '' ? [...AGENT_FALLBACK_CAPABILITIES] : parseCapabilities(value);
}

/**
 * The capabilities a Server advertises (§2.4 step 3) when the operator rewrites the agent's variable, whose value
 * before the rewrite is `variable`: `capabilities` replaces it when non-empty, otherwise `extraCapabilities` is
 * appended to it (an empty value then stays empty in front: ",x"). Undefined when the value is needed and unknown.
 */
export function effectiveCapabilities(variable: string | undefined,
  capabilities: readonly string[] | undefined, extraCapabilities: readonly string[]): string[] | undefined {
  if (capabilities && capabilities.length > 0) return [...capabilities];
  if (variable === undefined) return undefined;
  return agentCapabilities(rewrittenCapabilities(variable, capabilities, extraCapabilities) ?? variable);
}

/**
 * The agent's `SELDON_SERVER_CAPABILITIES` as a pod spec sets it (of several entries the last, which Kubernetes uses):
 * its value field ("" without one, as for an entry taken from valueFrom: the operator rewrites the entry from that field)
 * and whether it comes from valueFrom; `absent` without the variable.
 */
export type CapabilityEntry = { readonly value: string; readonly fromRef: boolean } | 'absent';

/** What the agent advertises with `entry` as it stands: its own list without the variable or with an empty value; unknown for valueFrom. */
export function entryCapabilities(entry: CapabilityEntry): string[] | undefined {
  return entry === 'absent' ? [...AGENT_FALLBACK_CAPABILITIES] : entry.fromRef ? undefined : agentCapabilities(entry.value);
}

/**
 * What a Server's agent advertises (§2.4): its own entry, which comes after the ServerConfig's so that Kubernetes uses
 * it, else the ServerConfig's (undefined: unknown). The operator rewrites an existing entry from the Server's
 * `capabilities` or `extraCapabilities` (server_reconciler.go updateCapabilities) and leaves a missing one alone.
 * The synth-time check (v2/server-agent-env.ts) and the graph command (graph/v2-nodes.ts) both read it here.
 */
export function serverCapabilities(own: CapabilityEntry, config: CapabilityEntry | undefined,
  capabilities: readonly string[] | undefined, extraCapabilities: readonly string[]): string[] | undefined {
  const entry = own !== 'absent' ? own : config;
  if (entry === undefined) return capabilities?.length ? [...capabilities] : undefined;
  if (entry === 'absent' || (!capabilities?.length && extraCapabilities.length === 0)) return entryCapabilities(entry);
  return effectiveCapabilities(entry.value, capabilities, extraCapabilities);
}

/**
 * Whether a model of these requirements runs on the installation's Triton config rather than its MLServer one: only
 * when MLServer lacks one of them and Triton has them all ("python" is in both).
 */
export function landsOnTriton(requirements: readonly string[]): boolean {
  return !requirements.every(r => DEFAULT_SERVER_CONFIGS.mlserver.capabilities.includes(r))
    && requirements.every(r => DEFAULT_SERVER_CONFIGS.triton.capabilities.includes(r));
}
