import {
  AGENT_CONTAINER, AGENT_FALLBACK_MEMORY_BYTES, AGENT_FALLBACK_OVERCOMMIT, AgentMemory, MEMORY_REQUEST_ENV, OVERCOMMIT_ENV,
  PARALLEL_WORKERS_ENV, SERVER_TYPE_ENV,
} from './capabilities';
import { bytesText, quantityValue } from './quantity';
import { isInt64Text } from '../go-strconv';
import { lastEnvEntry } from '../k8s/env';
import { isToken } from '../k8s/tokens';

/**
 * The most memory one model may declare and still load on an empty replica of
 * a server (v2.10.2). The scheduler places a model where the agent reports
 * `MEMORY_REQUEST` plus `SELDON_OVERCOMMIT_PERCENTAGE` of it free
 * (scheduler/pkg/scheduler/filters/replicamemory.go; the agent's float32
 * arithmetic in state_manager.go `GetAvailableMemoryBytesWithOverCommit`),
 * but the agent then loads it only into its main memory, `MEMORY_REQUEST`,
 * evicting other models until it fits (state_manager.go `makeRoomIfNeeded`),
 * and it counts the model's memory times its `MLSERVER_PARALLEL_WORKERS`
 * (model_state.go `getVersionMemory`). A model above that is placed and then
 * fails to load on every replica, forever; the overcommit only lets a replica
 * register more models than fit at once.
 */
export interface ServerMemory {
  /** Bytes one model may declare: `MEMORY_REQUEST` divided by the agent's parallel workers (with 0 workers, the scheduler's bound). */
  readonly capacity: number;
  /** How the capacity was found, for messages. */
  readonly explanation: string;
  /**
   * What raises the capacity, for messages; undefined when the server container's memory request does. A server
   * container's request does nothing for an agent that has no `MEMORY_REQUEST` or a literal one.
   */
  readonly remedy?: string;
}

/** Bytes of overcommit on `bytes` at `percentage`, rounded as the agent's float32 arithmetic rounds them. */
export function overcommitBytes(bytes: number, percentage: number): number {
  return Math.trunc(Math.fround(Math.fround(Math.fround(percentage) / 100) * Math.fround(bytes)));
}

/**
 * The capacity of a replica, from where the agent takes its memory and the
 * memory requests of the pod's containers after the Server's overrides;
 * undefined when something it depends on is unknown.
 */
export function serverMemory(agent: AgentMemory | undefined,
  memoryRequest: (container: string) => string | number | undefined): ServerMemory | undefined {
  if (agent === undefined || agent.overcommitPercentage === undefined || agent.parallelWorkers === 'unknown') return undefined;
  let bytes = agent.bytes;
  let source: string;
  let remedy: string | undefined;
  if (agent.requestOf !== undefined) {
    const request = memoryRequest(agent.requestOf);
    const value = request === undefined ? undefined : quantityValue(request);
    if (value === undefined) return undefined;
    // resourceFieldRef rounds up to a whole divisor (1 byte)
    bytes = Math.ceil(value);
    source = `${MEMORY_REQUEST_ENV} = the memory request of container "${agent.requestOf}" (${request})`;
  } else if (bytes !== undefined) {
    source = agent.fallback
      ? `no ${MEMORY_REQUEST_ENV} in the agent's env, so the agent offers its fallback of ${AGENT_FALLBACK_MEMORY_BYTES} bytes`
      : `${MEMORY_REQUEST_ENV} = ${bytes}`;
    remedy = agent.fallback
      ? `give the ServerConfig's agent container ${MEMORY_REQUEST_ENV} from the server container's memory request `
        + '(valueFrom.resourceFieldRef { containerName: <server container>, resource: "requests.memory" }, as Seldon\'s mlserver and triton ServerConfigs do)'
      : `raise the agent's literal ${MEMORY_REQUEST_ENV} where it is set (the ServerConfig's podSpec or its agentContainer env, a Server's agentContainer override), or take it from the server container's memory request with valueFrom.resourceFieldRef`;
  } else {
    return undefined;
  }
  const workers = agent.parallelWorkers ?? 1;
  if (workers === 0) {
    // The agent then counts no memory for a model, and only the scheduler's bound is left.
    const extra = overcommitBytes(bytes, agent.overcommitPercentage);
    return {
      capacity: bytes + extra,
      explanation: `${bytes + extra} bytes (${bytesText(bytes + extra)}): ${source}, plus ${OVERCOMMIT_ENV} ${agent.overcommitPercentage}%, `
        + `the scheduler's bound (the agent's ${PARALLEL_WORKERS_ENV} 0 makes it count no memory for a model)`,
      remedy,
    };
  }
  const capacity = Math.floor(bytes / workers);
  return {
    capacity,
    explanation: `${capacity} bytes (${bytesText(capacity)}): ${source}`
      + `${workers === 1 ? '' : `, divided by the agent's ${PARALLEL_WORKERS_ENV} ${workers}, by which it multiplies each model's memory`}`,
    remedy,
  };
}

/**
 * `agent` with the variables of `env` appended after its own, as a Server's agent override appends them to the
 * ServerConfig's (Kubernetes uses the later entry): its server type and parallel workers.
 */
export function withAgentEnv(agent: AgentMemory | undefined, env: readonly EnvLike[]): AgentMemory | undefined {
  if (agent === undefined) return undefined;
  const type = lastEnvEntry(env, SERVER_TYPE_ENV);
  const workers = lastEnvEntry(env, PARALLEL_WORKERS_ENV);
  if (type === undefined && workers === undefined) return agent;
  const serverType = type === undefined ? agent.serverType : unknownEnv(type) ? 'unknown' : String(type.value ?? '');
  return { ...agent, serverType, parallelWorkers: parallelWorkers(serverType, workers, agent.parallelWorkers) };
}


/**
 * The multiplier an agent of type `serverType` applies, with its `MLSERVER_PARALLEL_WORKERS` entry `workers`
 * (mlserver.go `GetModelRuntimeInfo`: Go's strconv.Atoi, 1 when empty or unparsable, then a uint32); a Triton agent
 * counts instances from the model's config.pbtxt instead, taken as 1. `previous` stands when `workers` is absent.
 */
function parallelWorkers(serverType: string | undefined, workers: EnvLike | undefined, previous?: number | 'unknown'): number | 'unknown' {
  if (serverType === 'unknown') return 'unknown';
  if (serverType === 'triton') return 1;
  if (workers === undefined) return previous ?? 1;
  if (unknownEnv(workers)) return 'unknown';
  const text = typeof workers.value === 'string' ? workers.value : '';
  // Atoi fails on anything else (1 then); a negative count wraps as Go's uint32 conversion does.
  return isInt64Text(text) ? Number(BigInt.asUintN(32, BigInt(text))) : 1;
}

/** An environment variable as a manifest or a cdk8s-plus `k8s.EnvVar` holds it. */
export interface EnvLike {
  readonly name?: unknown;
  readonly value?: unknown;
  readonly valueFrom?: unknown;
}

/**
 * Whether the value of `env` is unknown until the pod runs or cdk8s writes the manifest: a `valueFrom`, or a cdk8s
 * token (a `Lazy`) as the value, which cdk8s resolves only at synth. The checks that need the value skip it.
 */
export function unknownEnv(env: EnvLike): boolean {
  return env.valueFrom !== undefined || isToken(env.value);
}

/**
 * Where an agent with environment `env` takes its memory from
 * (scheduler/cmd/agent/cli/cli.go `maybeUpdateMemoryRequest`,
 * `maybeUpdateOverCommitPercentage`; flags.go at v2.10.2): an empty or
 * missing variable leaves the flag defaults, 1,000,000 bytes and 0 %.
 * Undefined when the value is unknown (valueFrom other than a
 * resourceFieldRef to `requests.memory`, a cdk8s token, or a value the agent cannot parse).
 */
export function agentMemoryFromEnv(env: readonly EnvLike[]): AgentMemory | undefined {
  // The server type and parallel workers as a Server's override reads them: the same rule, over no entries before these.
  return withAgentEnv(memoryFromEnv(env), env);
}

/** Where the agent takes its memory and overcommit from. */
function memoryFromEnv(env: readonly EnvLike[]): AgentMemory | undefined {
  const overcommit = lastEnvEntry(env, OVERCOMMIT_ENV);
  let overcommitPercentage: number | undefined = AGENT_FALLBACK_OVERCOMMIT;
  if (overcommit !== undefined && unknownEnv(overcommit)) overcommitPercentage = undefined;
  else if (typeof overcommit?.value === 'string' && overcommit.value) overcommitPercentage = /^[0-9]+$/.test(overcommit.value) ? Number(overcommit.value) : undefined;

  const memory = lastEnvEntry(env, MEMORY_REQUEST_ENV);
  if (memory === undefined || (!unknownEnv(memory) && !memory.value)) {
    return { bytes: AGENT_FALLBACK_MEMORY_BYTES, fallback: true, overcommitPercentage };
  }
  type FieldRef = { containerName?: unknown; resource?: unknown; divisor?: unknown };
  const field = (memory.valueFrom as { resourceFieldRef?: FieldRef } | undefined)?.resourceFieldRef;
  if (field !== undefined) {
    const divisor = field.divisor as { value?: unknown } | string | number | undefined;
    const divisorValue = typeof divisor === 'object' && divisor !== null ? divisor.value : divisor;
    if (field.resource !== 'requests.memory' || (divisorValue !== undefined && String(divisorValue) !== '1')) return undefined;
    return { requestOf: typeof field.containerName === 'string' ? field.containerName : AGENT_CONTAINER, overcommitPercentage };
  }
  if (unknownEnv(memory) || typeof memory.value !== 'string' || !/^[0-9]+$/.test(memory.value)) return undefined;
  return { bytes: Number(memory.value), overcommitPercentage };
}
