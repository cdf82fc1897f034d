import { AGENT_FALLBACK_MEMORY_BYTES, AgentMemory, MEMORY_REQUEST_ENV, OVERCOMMIT_ENV } from './capabilities';
import { quantityValue } from './quantity';

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
    explanation: `${bytes + extra} bytes: ${source}, plus ${OVERCOMMIT_ENV} ${agent.overcommitPercentage}%`,
  };
}
