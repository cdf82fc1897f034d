import { ApiObject } from 'cdk8s';
import { DeploymentStrategy, LabelSelector, PodSelectorConfig, k8s } from 'cdk8s-plus-27';
import { show } from '../errors';
import { PvcRetention } from './pvc-retention';
import { PodSettings } from '../k8s/pod-settings';

/** The rollout settings of a Server or ServerConfig pod. */
export interface ServerRolloutInput {
  readonly deploymentStrategy?: DeploymentStrategy;
  readonly pvcRetentionWhenDeleted?: PvcRetention;
  readonly pvcRetentionWhenScaled?: PvcRetention;
}

/** Problems of the rollout props: [field, problem, accepted]. */
export function serverRolloutProblems(props: ServerRolloutInput): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  if (props.deploymentStrategy !== undefined && !(props.deploymentStrategy instanceof DeploymentStrategy)) {
    found.push(['deploymentStrategy', `${show(props.deploymentStrategy)} is not a DeploymentStrategy`, 'DeploymentStrategy.rollingUpdate(...) or DeploymentStrategy.recreate()']);
  }
  for (const field of ['pvcRetentionWhenDeleted', 'pvcRetentionWhenScaled'] as const) {
    const value = props[field];
    if (value !== undefined && !Object.values(PvcRetention).includes(value)) {
      found.push([field, `${show(value)} is not a retention policy`, 'PvcRetention.RETAIN or PvcRetention.DELETE']);
    }
  }
  return found;
}

/** `statefulSetPersistentVolumeClaimRetentionPolicy`, or undefined when neither side is set. */
export function renderRetention(props: ServerRolloutInput): { whenDeleted?: string; whenScaled?: string } | undefined {
  if (props.pvcRetentionWhenDeleted === undefined && props.pvcRetentionWhenScaled === undefined) return undefined;
  return { whenDeleted: props.pvcRetentionWhenDeleted, whenScaled: props.pvcRetentionWhenScaled };
}

/**
 * The Server `podSpec`: the pod settings (placement, pull secrets, service
 * account, priority) and the container overrides, rendered when any is set:
 * the operator merges it onto the ServerConfig's pod (SELDON-FACTS §2.4), so
 * a pod spec without containers is valid and keeps the ServerConfig's.
 */
export function renderServerPodSpec(pod: PodSettings, containers: k8s.Container[], volumes: k8s.Volume[]): any {
  const fields = pod._toPodSpec();
  if (containers.length === 0 && volumes.length === 0 && Object.keys(fields).length === 0) return undefined;
  return k8s.toJson_PodSpec({
    ...fields,
    volumes: volumes.length ? volumes : undefined,
    containers: containers.length ? containers : (undefined as unknown as k8s.Container[]),
  });
}

/**
 * Puts the pod labels and annotations on the Server (or ServerConfig): the
 * operator copies their labels and annotations onto the pods it builds
 * (reconcilers/server/statefulset_reconciler.go), and a pod spec has no metadata.
 */
export function labelForPods(object: ApiObject, pod: PodSettings): void {
  for (const [key, value] of Object.entries(pod.podLabels)) object.metadata.addLabel(key, value);
  for (const [key, value] of Object.entries(pod.podAnnotations)) object.metadata.addAnnotation(key, value);
}

/** The label the operator puts on a Server's pods (statefulset_reconciler.go, constants.ServerLabelNameKey). */
const SERVER_POD_LABEL = 'seldon-server-name';

/** Selects the pods of Server `name` in `namespace`. */
export function serverPodSelector(name: string, namespace: string | undefined): PodSelectorConfig {
  return {
    labelSelector: LabelSelector.of({ labels: { [SERVER_POD_LABEL]: name } }),
    namespaces: namespace === undefined ? undefined : { names: [namespace] },
  };
}
