/**
 * What the v2 operator builds for a Server: the StatefulSet from its
 * ServerConfig and overrides, and one headless Service per replica
 * (SELDON-FACTS §2.3, §2.4, §2.6; operator/controllers/reconcilers/server/
 * server_reconciler.go, statefulset_reconciler.go, service_reconciler.go @v2.10.2;
 * operator/controllers/mlops/server_controller.go; operator/pkg/utils/utils.go `MergeMaps`).
 * The operator flag `--use-deployments-for-servers` (a Deployment instead) is not modelled.
 */
import { Json } from '../../k8s/json';
import { CAPABILITIES_ENV } from '../capabilities';
import { validateScaling } from '../scaling';
import { rewrittenCapabilities } from './capabilities-rewrite';
import { mergePodSpecs } from './pod-spec-merge';

/** Keys `MergeMaps` drops from labels and annotations. */
const DROPPED = ['meta.helm.sh/release-name', 'meta.helm.sh/release-namespace', 'kubectl.kubernetes.io/last-applied-configuration'];

/** `MergeMaps(child, parent)`: the child's keys win. */
function mergeMaps(child: Json | undefined, parent: Json | undefined): Json {
  const merged: Json = { ...(parent ?? {}), ...(child ?? {}) };
  for (const key of DROPPED) delete merged[key];
  return merged;
}

/** `updateCapabilities`: rewrites `SELDON_SERVER_CAPABILITIES` wherever a container has it. */
export function updateCapabilities(capabilities: string[] | undefined, extra: string[] | undefined, podSpec: Json): void {
  for (const container of podSpec.containers ?? []) {
    for (const variable of container.env ?? []) {
      if (variable.name !== CAPABILITIES_ENV) continue;
      const value = rewrittenCapabilities(variable.value, capabilities, extra);
      if (value === undefined) continue;
      variable.value = value;
      delete variable.valueFrom;
    }
  }
}

/** The objects for one Server, or the reconcile error. */
export interface ServerObjects {
  readonly objects: Json[];
  readonly problem?: string;
}

/** `toStatefulSet` and `toServices` for `server`, given its ServerConfig. */
export function serverObjects(server: Json, serverConfig: Json): ServerObjects {
  const spec = server.spec ?? {};
  const scaling = validateScaling({ replicas: spec.replicas, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas });
  if (scaling.problems.length > 0) {
    return { objects: [], problem: `scaling spec is invalid: ${scaling.problems.map(p => p.problem).join('; ')}` };
  }
  const name: string = server.metadata?.name;
  const namespace: string | undefined = server.metadata?.namespace;
  const podSpec = mergePodSpecs(serverConfig.spec?.podSpec ?? {}, spec.podSpec);
  updateCapabilities(spec.capabilities, spec.extraCapabilities, podSpec);

  const labels = mergeMaps(server.metadata?.labels, serverConfig.metadata?.labels);
  labels['app.kubernetes.io/name'] = 'seldon-server';
  const annotations = mergeMaps(server.metadata?.annotations, serverConfig.metadata?.annotations);
  const retention = spec.statefulSetPersistentVolumeClaimRetentionPolicy;
  const templates: Json[] = serverConfig.spec?.volumeClaimTemplates ?? [];
  const statefulSet: Json = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace, labels: { ...labels }, annotations },
    spec: {
      serviceName: name,
      replicas: scaling.replicas,
      selector: { matchLabels: { 'seldon-server-name': name } },
      template: {
        metadata: { name, namespace, labels: { 'seldon-server-name': name, ...labels }, annotations: { ...annotations } },
        spec: podSpec,
      },
      podManagementPolicy: 'Parallel',
      ...(retention ? { persistentVolumeClaimRetentionPolicy: retention } : {}),
      ...(templates.length ? { volumeClaimTemplates: templates.map(t => ({ metadata: { name: t.name }, spec: structuredClone(t.spec) })) } : {}),
    },
  };
  const services = Array.from({ length: scaling.replicas }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `${name}-${i}`, namespace, labels: { 'seldon-server-replica': name, 'seldon-server-replica-name': `${name}-${i}` } },
    spec: {
      clusterIP: 'None',
      selector: { 'statefulset.kubernetes.io/pod-name': `${name}-${i}` },
      ports: [
        { port: 9000, targetPort: 'http', name: 'http' },
        { port: 9500, targetPort: 'grpc', name: 'grpc' },
        { port: 9005, name: 'agent' },
      ],
    },
  }));
  return { objects: [statefulSet, ...services] };
}
