/**
 * What a Seldon Core v2 installation (2.10.2, Helm defaults) provides on its
 * own, and how its agent reads capabilities. Every fact is cited in
 * SELDON-FACTS.md Part 2; this is the only file that knows them.
 */

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
  /** Pod volumes and volume claim templates, whose names a Server must not reuse. */
  readonly volumeNames: readonly string[];
  /** Where the rclone container mounts the agent's model volume. */
  readonly rcloneMountPaths: readonly string[];
}

/** Container names the operator's API knows (`server_types.go`). */
export const RCLONE_CONTAINER = 'rclone';
export const AGENT_CONTAINER = 'agent';

/** The agent variable the operator rewrites from `capabilities`/`extraCapabilities` (§2.4). */
export const CAPABILITIES_ENV = 'SELDON_SERVER_CAPABILITIES';

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

/** The ServerConfigs `mlserver` and `triton` (§2.5). */
export const DEFAULT_SERVER_CONFIGS: Readonly<Record<string, DefaultServerConfig>> = {
  mlserver: {
    capabilities: ['mlserver', 'alibi-detect', 'alibi-explain', 'huggingface', 'lightgbm', 'mlflow', 'python', 'sklearn', 'spark-mlib', 'xgboost'],
    serverContainer: 'mlserver',
    resources: {
      rclone: RCLONE_RESOURCES,
      agent: AGENT_RESOURCES,
      mlserver: { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } },
    },
    volumeNames: ['mlserver-models', 'config-volume'],
    rcloneMountPaths: [AGENT_VOLUME_PATH],
  },
  triton: {
    capabilities: ['triton', 'dali', 'fil', 'onnx', 'openvino', 'python', 'pytorch', 'tensorflow', 'tensorrt'],
    serverContainer: 'triton',
    resources: {
      rclone: RCLONE_RESOURCES,
      agent: AGENT_RESOURCES,
    },
    volumeNames: ['triton-models', 'config-volume', 'dshm'],
    rcloneMountPaths: [AGENT_VOLUME_PATH],
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
  if (capability.trim() !== capability) return `${JSON.stringify(capability)} has leading or trailing spaces, which the agent and scheduler trim`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(capability)) return `${JSON.stringify(capability)} contains control characters`;
  return undefined;
}

/** What error messages list as an acceptable capability or requirement. */
export const CAPABILITY_ACCEPTED = 'a non-empty string without "," or surrounding spaces, e.g. "sklearn", "pvc", "mlserver-1.3.4"';

/** Parses the value of `SELDON_SERVER_CAPABILITIES` as the agent does (§2.4 step 4). */
export function parseCapabilities(value: string): string[] {
  return value.split(',').map(c => c.trim()).filter(c => c.length > 0);
}

/**
 * The capabilities a Server advertises (§2.4 step 3): `capabilities` replaces
 * the ServerConfig's list when non-empty, otherwise `extraCapabilities` is
 * appended to it. Undefined when the ServerConfig's list is needed and unknown.
 */
export function effectiveCapabilities(configCapabilities: readonly string[] | undefined,
  capabilities: readonly string[] | undefined, extraCapabilities: readonly string[]): string[] | undefined {
  if (capabilities && capabilities.length > 0) return [...capabilities];
  if (configCapabilities === undefined) return undefined;
  return [...configCapabilities, ...extraCapabilities];
}
