import { CAPABILITIES_ENV, MEMORY_REQUEST_ENV, OVERCOMMIT_ENV, PARALLEL_WORKERS_ENV, SERVER_TYPE_ENV } from './capabilities';
import { ContainerOverride } from './container-override';
import { Problems, show } from '../errors';
import { envTokenProblems } from '../k8s/tokens';

/** The agent variables the library reads (capabilities, memory, overcommit, parallel workers, server type). */
export const READ_AGENT_ENV = [CAPABILITIES_ENV, MEMORY_REQUEST_ENV, OVERCOMMIT_ENV, PARALLEL_WORKERS_ENV, SERVER_TYPE_ENV];

/** Reports a cdk8s token as the value of an agent variable the library reads (k8s/tokens.ts), for a Server or a ServerConfig. */
export function agentEnvTokenProblems(props: { readonly agentContainer?: ContainerOverride }, problems: Problems): void {
  envTokenProblems(props.agentContainer?.env, READ_AGENT_ENV, name => `agentContainer.env[${show(name)}]`,
    'to know what the agent advertises and how much memory it offers models', (f, p, a) => problems.add(f, p, a));
}
