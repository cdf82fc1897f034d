import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Problems, formatProblem, show } from '../errors';
import { AGENT_CONTAINER, RCLONE_CONTAINER } from './capabilities';
import { renderOverride } from './container-merge';
import { ContainerOverride } from './container-override';
import { defaultServerConfig } from './operator/default-server-configs';
import { mergoMerge } from './operator/pod-spec-merge';
import { serverObjects } from './operator/server';
import { ServerConfigRef } from './server-config-ref';
import { Json } from '../k8s/json';
import { PodSecurityFinding, restrictedPodFindings } from '../k8s/pod-security';
import { restrictedSecurityContext } from '../k8s/restricted-security-context';

/**
 * `restrictedSecurityContext` of a SeldonServer: the rclone, agent and
 * server containers declared with the restricted security context and with
 * resources, which the operator merges onto the ServerConfig's containers.
 */

/** The uid of the default ServerConfigs' pods (SELDON-FACTS §2.5). */
const SERVER_POD_USER = 1000;

/** The container overrides of a SeldonServer, by prop name. */
export interface ContainerOverrides {
  readonly serverContainer?: ContainerOverride;
  readonly agentContainer?: ContainerOverride;
  readonly rcloneContainer?: ContainerOverride;
}

type OverrideField = keyof ContainerOverrides;

/** The containers restrictedSecurityContext declares: [prop, container name], in the ServerConfig's order. */
function hardenedContainers(config: ServerConfigRef): Array<[OverrideField, string | undefined]> {
  return [['rcloneContainer', RCLONE_CONTAINER], ['agentContainer', AGENT_CONTAINER], ['serverContainer', config.serverContainerName]];
}

/** The resources a hardened container gets: the user's override, else the ServerConfig's when known. */
function knownResources(overrides: ContainerOverrides, config: ServerConfigRef,
  field: OverrideField, name: string): k8s.ResourceRequirements | undefined {
  const override = overrides[field];
  if (override?.resources) return renderOverride(name, { resources: override.resources })?.resources;
  // What the referenced config (a default one, or a ServerConfig of the app) sets for the container.
  const known = config._resources(name);
  if (!known || (Object.keys(known.requests).length === 0 && Object.keys(known.limits).length === 0)) return undefined;
  const quantities = (m: Record<string, string | number>) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k8s.Quantity.fromString(String(v))]));
  return { requests: quantities(known.requests), limits: quantities(known.limits) };
}

/** The restricted standard's one addable capability. */
const ADDABLE_CAPABILITY = 'NET_BIND_SERVICE';

/**
 * What a ServerConfig container's security context grants that a Server
 * cannot take away: the restricted context merged onto it by the operator
 * model's merge (operator/pod-spec-merge.ts; mergo in operator/controllers/
 * reconcilers/common/patch_utils.go at v2.10.2), where a pointer's `false`
 * never overrides `true` and `capabilities.add` is appended to, checked for
 * what the restricted standard forbids.
 */
function irrevocableGrants(context: k8s.SecurityContext | undefined): string[] {
  if (!context) return [];
  const merged: Json = mergoMerge(k8s.toJson_SecurityContext(context)!, k8s.toJson_SecurityContext(restrictedSecurityContext(SERVER_POD_USER))!);
  const grants: string[] = [];
  if (merged.allowPrivilegeEscalation !== false) grants.push(`allowPrivilegeEscalation: ${merged.allowPrivilegeEscalation}`);
  if (merged.privileged === true) grants.push('privileged: true');
  const added = (merged.capabilities?.add ?? []).filter((c: string) => c !== ADDABLE_CAPABILITY);
  if (added.length > 0) grants.push(`capabilities.add ${added.map((c: string) => show(c)).join(', ')}`);
  return grants;
}

/** Why the hardened containers cannot be rendered: a container name or resources unknown, or a grant the merge keeps. */
export function hardeningProblems(problems: Problems, overrides: ContainerOverrides, config: ServerConfigRef): void {
  for (const [field, name] of hardenedContainers(config)) {
    const grants = name === undefined ? [] : irrevocableGrants(config._securityContext(name));
    if (grants.length > 0) {
      problems.add('restrictedSecurityContext', `is true, but ServerConfig ${show(config.name)}'s container ${show(name)} sets ${grants.join(', ')}, which no Server can undo: `
        + 'the operator merges the Server\'s container onto it with mergo (operator/controllers/reconcilers/common/patch_utils.go), where false never overrides true '
        + 'and capabilities.add is appended to, so the pod would not meet the restricted standard',
      'remove those settings from the ServerConfig\'s container, or leave restrictedSecurityContext out');
    }
    if (name === undefined) {
      problems.add('restrictedSecurityContext', `is true, but the server container of ServerConfig ${show(config.name)} is unknown`,
        'ServerConfigRef.fromName(name, { serverContainerName }) or a ServerConfig construct');
    } else if (knownResources(overrides, config, field, name) === undefined) {
      problems.add(`${field}.resources`, `are needed: restrictedSecurityContext declares container ${show(name)} with resources, and ServerConfig ${show(config.name)}'s are unknown`,
        'requests and limits for the container');
    }
  }
}

/** `containers` with the three hardened containers added or completed, in the ServerConfig's order. */
export function harden(containers: readonly k8s.Container[], overrides: ContainerOverrides, config: ServerConfigRef): k8s.Container[] {
  const result = [...containers];
  for (const [field, name] of hardenedContainers(config)) {
    let container = result.find(c => c.name === name);
    if (!container) result.push(container = { name: name! });
    const i = result.indexOf(container);
    result[i] = {
      ...container,
      resources: container.resources ?? knownResources(overrides, config, field, name!),
      securityContext: restrictedSecurityContext(SERVER_POD_USER),
    };
  }
  // The operator orders the pod's containers as the Server lists them (§2.4): keep the ServerConfig's order.
  const order = hardenedContainers(config).map(([, name]) => name);
  return result.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/** The ServerConfig's manifest as the library knows it: a construct's, an installation default's; undefined when unknown. */
function configManifest(config: ServerConfigRef): Json | undefined {
  if (!config.serverConfig) return defaultServerConfig(config.name);
  try {
    return ApiObject.of(config.serverConfig).toJson();
  } catch {
    return undefined; // the ServerConfig reports its own problems
  }
}

/** Where a finding is, as a field of the pod the operator builds. */
function findingField(f: PodSecurityFinding): string {
  if (f.container !== undefined) return `podSpec.containers[${show(f.container)}].${f.field}`;
  return f.field.startsWith('metadata.') ? f.field.replace(/^metadata\.annotations/, 'podAnnotations') : `podSpec.${f.field}`;
}

/**
 * With `restrictedSecurityContext`, at synth: the restricted Pod Security
 * Admission checks (src/k8s/pod-security.ts) over what the library sees of the
 * pod the operator builds from the ServerConfig and this Server
 * (operator/server.ts: the pod specs merged, the annotations of both), one
 * message per setting the restricted level refuses.
 */
export function restrictedPodProblems(kind: string, path: string, server: ApiObject, config: ServerConfigRef): string[] {
  const manifest = configManifest(config);
  const built = serverObjects(server.toJson(), manifest ?? {}).objects.find(o => o.kind === 'StatefulSet');
  if (!built) return [];
  const source = manifest ? `ServerConfig ${show(config.name)} and this Server` : `this Server (ServerConfig ${show(config.name)} is unknown to the library)`;
  return restrictedPodFindings(built.spec.template.spec, built.spec.template.metadata).filter(f => f.admission).map(f => formatProblem(kind, path,
    'restrictedSecurityContext', `is true, but the pod the operator builds from ${source} has ${findingField(f)} ${f.value === undefined ? 'unset' : show(Array.isArray(f.value) ? f.value.join(',') : f.value)}, `
    + 'which the restricted Pod Security Standard refuses (Pod Security Admission would reject the pod)', `${f.accepted}, in the ServerConfig and the Server`));
}
