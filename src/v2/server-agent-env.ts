import { IConstruct } from 'constructs';
import { Problems, show } from '../errors';
import { AGENT_CONTAINER, CAPABILITIES_ENV, CapabilityEntry, MEMORY_REQUEST_ENV, OVERCOMMIT_ENV, RCLONE_CONTAINER } from './capabilities';
import { mergedAmounts, overrideAmounts } from './container-merge';
import { ContainerOverride } from './container-override';
import { ServerConfigRef } from './server-config-ref';
import { EnvLike, ServerMemory, serverMemory, unknownEnv, withAgentEnv } from './server-memory';

/** The Server props the agent's environment depends on. */
export interface AgentEnvInput {
  readonly serverContainer?: ContainerOverride;
  readonly agentContainer?: ContainerOverride;
  readonly rcloneContainer?: ContainerOverride;
}

const KIND = 'SeldonServer';

/** The agent's `SELDON_SERVER_CAPABILITIES` as this Server sets it in its own agent env (capabilities.ts `CapabilityEntry`). */
export function ownCapabilityEntry(props: AgentEnvInput): CapabilityEntry {
  const env = props.agentContainer?.env?.[CAPABILITIES_ENV];
  if (env === undefined) return 'absent';
  // A cdk8s token is read as unknown, like a valueFrom: cdk8s resolves it only when it writes the manifest.
  const unknown = unknownEnv(env);
  return { value: unknown ? '' : env.value ?? '', fromRef: unknown };
}

/** Whether the operator applies this Server's capabilities props: only to an existing variable (server_reconciler.go `updateCapabilities`). */
export function capabilitiesRewritten(props: AgentEnvInput, serverConfig: ServerConfigRef): boolean {
  return ownCapabilityEntry(props) !== 'absent' || serverConfig._capabilityEntry() !== 'absent';
}

/** Capabilities the Server adds that the operator would drop, because no agent variable receives them. */
export function ignoredCapabilities(server: IConstruct, props: AgentEnvInput, serverConfig: ServerConfigRef,
  capabilityOverride: readonly string[] | undefined, extras: readonly string[]): string[] {
  const added = [...(capabilityOverride ?? []), ...extras];
  if (added.length === 0 || capabilitiesRewritten(props, serverConfig)) return [];
  const problems = new Problems(KIND, server);
  problems.add(capabilityOverride ? 'capabilities' : 'extraCapabilities',
    `(${added.map(c => show(c)).join(', ')}) would be ignored: the operator only rewrites an existing ${CAPABILITIES_ENV} of the agent `
    + `(operator/controllers/reconcilers/server/server_reconciler.go updateCapabilities), and ServerConfig ${show(serverConfig.name)}'s agent has none, `
    + `so it advertises ${(serverConfig.capabilities ?? []).join(',')}`,
    `capabilities on the ServerConfig (its capabilities prop), or agentContainer.env ${CAPABILITIES_ENV} on this Server`);
  return problems.messages;
}

/** The agent's `SELDON_SERVER_TYPE`, the Server's own entry over its ServerConfig's; undefined when unknown. */
export function serverAgentType(props: AgentEnvInput, serverConfig: ServerConfigRef): string | undefined {
  const type = withAgentEnv(serverConfig._agentMemory(), ownAgentEnv(props))?.serverType;
  return type === 'unknown' ? undefined : type;
}

/** The memory a replica offers models; undefined when unknown (SELDON-FACTS §2.7). */
export function serverReplicaMemory(props: AgentEnvInput, serverConfig: ServerConfigRef): ServerMemory | undefined {
  const agentEnv = props.agentContainer?.env ?? {};
  if (agentEnv[MEMORY_REQUEST_ENV] !== undefined || agentEnv[OVERCOMMIT_ENV] !== undefined) return undefined;
  const overrides: Record<string, ContainerOverride | undefined> = {
    [RCLONE_CONTAINER]: props.rcloneContainer,
    [AGENT_CONTAINER]: props.agentContainer,
  };
  if (serverConfig.serverContainerName !== undefined) overrides[serverConfig.serverContainerName] = props.serverContainer;
  return serverMemory(withAgentEnv(serverConfig._agentMemory(), ownAgentEnv(props)), container =>
    mergedAmounts(serverConfig._resources(container), overrideAmounts(overrides[container])).requests.memory);
}

/** The Server's own agent variables, which come after the ServerConfig's: its parallel workers or server type win. */
function ownAgentEnv(props: AgentEnvInput): EnvLike[] {
  return Object.entries(props.agentContainer?.env ?? {}).map(([name, v]) => ({ name, value: v?.value, valueFrom: v?.valueFrom }));
}
