/**
 * The library's model of the Seldon Core v2 operator (2.10.2): from Servers
 * and ServerConfigs, as JSON, the StatefulSets and Services it creates.
 */
import { defaultServerConfig } from './default-server-configs';
import { serverObjects } from './server';
import { Json } from '../../k8s/json';

export { mergePodSpecs, mergoMerge, mergeContainers } from './pod-spec-merge';
export { defaultServerConfig } from './default-server-configs';
export { serverObjects, updateCapabilities } from './server';

/** What the operator would create for the Servers among some objects. */
export interface V2OperatorPreview {
  readonly objects: Json[];
  /** One sentence per Server the operator would not reconcile, naming it. */
  readonly problems: string[];
}

const isMlops = (o: Json, kind: string) => o.kind === kind && String(o.apiVersion ?? '').startsWith('mlops.seldon.io/');

/**
 * Previews every Server among `objects`. Its ServerConfig is the one of that
 * name among `objects` (the operator reads it from its own namespace, which
 * the manifests may not say), else the installation's `mlserver` or `triton`.
 */
export function previewServers(objects: readonly Json[]): V2OperatorPreview {
  const configs = objects.filter(o => isMlops(o, 'ServerConfig'));
  const out: Json[] = [];
  const problems: string[] = [];
  for (const server of objects.filter(o => isMlops(o, 'Server'))) {
    const id = `Server ${server.metadata?.namespace ? `${server.metadata.namespace}/` : ''}${server.metadata?.name}`;
    const configName: string | undefined = server.spec?.serverConfig;
    if (!configName) {
      problems.push(`${id}: ServerType not specified and is required`);
      continue;
    }
    const config = configs.find(c => c.metadata?.name === configName) ?? defaultServerConfig(configName);
    if (!config) {
      problems.push(`${id}: failed to get ServerConfig: serverconfigs.mlops.seldon.io "${configName}" not found (not among the manifests, and not one an installation ships)`);
      continue;
    }
    const built = serverObjects(server, config);
    out.push(...built.objects);
    if (built.problem) problems.push(`${id}: ${built.problem}`);
  }
  return { objects: out, problems };
}
