import { Problems, show } from '../errors';
import { AGENT_CONTAINER, RCLONE_CONTAINER } from './capabilities';
import { mergedResourceProblems, overrideAmounts, overrideProblems } from './container-merge';
import { ContainerOverride } from './container-override';
import { ServerConfigRef } from './server-config-ref';

/** The container overrides of a Server, as its props give them. */
export interface ServerContainerInput {
  readonly image?: string;
  readonly serverContainer?: ContainerOverride;
  readonly agentContainer?: ContainerOverride;
  readonly rcloneContainer?: ContainerOverride;
}

/**
 * Problems of the container overrides: each on its own, and each merged
 * with the ServerConfig's container, where the operator replaces amounts one
 * by one (SELDON-FACTS §2.4), so a request can end up above a kept limit.
 */
export function containerOverrideProblems(problems: Problems, props: ServerContainerInput, config: ServerConfigRef): void {
  const serverContainer = config.serverContainerName;
  const overrides: Array<[string, string | undefined, ContainerOverride | undefined]> = [
    ['serverContainer', serverContainer, props.serverContainer],
    ['agentContainer', AGENT_CONTAINER, props.agentContainer],
    ['rcloneContainer', RCLONE_CONTAINER, props.rcloneContainer],
  ];
  for (const [field, container, override] of overrides) {
    for (const [f, p, a] of overrideProblems(field, override)) problems.add(f, p, a);
    const base = container === undefined ? undefined : config._resources(container);
    if (base && override?.resources) {
      for (const p of mergedResourceProblems(base, overrideAmounts(override))) {
        problems.add(`${field}.resources`, p, `set the ${field} limit as well (ServerConfig ${show(config.name)} sets ${container}'s limits: ${formatAmounts(base.limits)})`);
      }
    }
  }
}

/** Problems of the custom server image: given twice, for an unknown container, or malformed. */
export function imageProblems(problems: Problems, props: ServerContainerInput, config: ServerConfigRef): void {
  const serverContainer = config.serverContainerName;
  if (props.image !== undefined && props.serverContainer?.image !== undefined) {
    problems.add('image', 'is set and serverContainer.image too', 'set the server image in one place');
  }
  if ((props.image !== undefined || props.serverContainer !== undefined) && serverContainer === undefined) {
    problems.add(props.image !== undefined ? 'image' : 'serverContainer', `cannot be rendered: the name of ServerConfig ${show(config.name)}'s inference server container is unknown`,
      'ServerConfigRef.fromName(name, { serverContainerName }) or a ServerConfig construct');
  }
  if (props.image !== undefined && !/^[^\s]+$/.test(props.image)) {
    problems.add('image', `${show(props.image)} is not an image reference`, 'an image reference without spaces is accepted, e.g. seldonio/mlserver:1.3.4');
  }
}

function formatAmounts(amounts: Record<string, string | number>): string {
  const entries = Object.entries(amounts);
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'none';
}
