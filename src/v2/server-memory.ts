import { AGENT_CONTAINER, AGENT_FALLBACK_MEMORY_BYTES, AGENT_FALLBACK_OVERCOMMIT, AgentMemory, MEMORY_REQUEST_ENV, OVERCOMMIT_ENV } from './capabilities';
import { bytesText, quantityValue } from './quantity';

/**
 * The memory a server replica offers models, as its agent reports it to the
 * scheduler: `MEMORY_REQUEST` (the server container's memory request in the
 * installation's ServerConfigs, 1,000,000 bytes when missing) plus
 * `SELDON_OVERCOMMIT_PERCENTAGE` of it, computed in float32 as
 * scheduler/pkg/agent/state_manager.go `GetAvailableMemoryBytesWithOverCommit`
 * does at v2.10.2. The scheduler places a model only on a replica whose
 * available memory is at least the model's `memory`
 * (scheduler/pkg/scheduler/filters/replicamemory.go), so a model above the
 * capacity of an empty replica is never scheduled there.
 */
export interface ServerMemory {
  /** Bytes an empty replica offers, overcommit included. */
  readonly capacity: number;
  /** How the capacity was found, for messages. */
  readonly explanation: string;
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
  if (agent === undefined || agent.overcommitPercentage === undefined) return undefined;
  let bytes = agent.bytes;
  let source: string;
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
  } else {
    return undefined;
  }
  const extra = overcommitBytes(bytes, agent.overcommitPercentage);
  return {
    capacity: bytes + extra,
    explanation: `${bytes + extra} bytes (${bytesText(bytes + extra)}): ${source}, plus ${OVERCOMMIT_ENV} ${agent.overcommitPercentage}%`,
  };
}

/** An environment variable as a manifest or a cdk8s-plus `k8s.EnvVar` holds it. */
export interface EnvLike {
  readonly name?: unknown;
  readonly value?: unknown;
  readonly valueFrom?: unknown;
}

/**
 * Where an agent with environment `env` takes its memory from
 * (scheduler/cmd/agent/cli/cli.go `maybeUpdateMemoryRequest`,
 * `maybeUpdateOverCommitPercentage`; flags.go at v2.10.2): an empty or
 * missing variable leaves the flag defaults, 1,000,000 bytes and 0 %.
 * Undefined when the value is unknown (valueFrom other than a
 * resourceFieldRef to `requests.memory`, or a value the agent cannot parse).
 */
export function agentMemoryFromEnv(env: readonly EnvLike[]): AgentMemory | undefined {
  // Of several entries of one name Kubernetes uses the last.
  const find = (name: string) => [...env].reverse().find(e => e?.name === name);
  const overcommit = find(OVERCOMMIT_ENV);
  let overcommitPercentage: number | undefined = AGENT_FALLBACK_OVERCOMMIT;
  if (overcommit?.valueFrom !== undefined) overcommitPercentage = undefined;
  else if (typeof overcommit?.value === 'string' && overcommit.value) overcommitPercentage = /^[0-9]+$/.test(overcommit.value) ? Number(overcommit.value) : undefined;

  const memory = find(MEMORY_REQUEST_ENV);
  if (memory === undefined || (memory.valueFrom === undefined && !memory.value)) {
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
  if (memory.valueFrom !== undefined || typeof memory.value !== 'string' || !/^[0-9]+$/.test(memory.value)) return undefined;
  return { bytes: Number(memory.value), overcommitPercentage };
}
