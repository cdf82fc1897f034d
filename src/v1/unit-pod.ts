import { ContainerPort, ContainerSecurityContextProps, EnvFrom, ImagePullPolicy, Probe, VolumeMount } from 'cdk8s-plus-27';
import { Gpu } from '../k8s/gpu';

/**
 * Settings of the server container of a node: devices, probes and image
 * pull policy. A prepackaged node renders them on the skeleton container the
 * operator completes.
 */
export interface UnitPodProps {
  /**
   * When the kubelet pulls the node container's image (`imagePullPolicy`).
   * The operator keeps a policy that is set (defaults.go setContainerPredictiveUnitDefaults).
   * @default - the operator's: IfNotPresent
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * GPUs (or other devices) for the node's container, requested as a limit.
   * @default - none
   */
  readonly gpu?: Gpu;
  /**
   * The liveness probe of the node's container. A probe without a port checks
   * the container's `http` port, which the operator numbers.
   * @default - the operator's: a TCP check of the node's port after 60 seconds; on an MLServer node
   *   (V2 protocol), an HTTP check of `/v2/health/live`
   */
  readonly livenessProbe?: Probe;
  /**
   * The readiness probe of the node's container (a probe without a port checks `http`).
   * @default - the operator's: a TCP check of the node's port after 20 seconds; on an MLServer node
   *   (V2 protocol), an HTTP check of `/v2/health/ready`
   */
  readonly readinessProbe?: Probe;
  /**
   * The startup probe of the node's container (a probe without a port checks `http`).
   * @default - none
   */
  readonly startupProbe?: Probe;
  /**
   * Volumes mounted into the node's container (cdk8s-plus `VolumeMount`s,
   * e.g. `{ volume: Volume.fromEmptyDir(this, 'shm', 'dshm', { medium: EmptyDirMedium.MEMORY }), path: '/dev/shm' }`).
   * Their volumes are added to the node's pod. The operator keeps a node
   * container's mounts and adds its own (`seldon-podinfo` at /etc/podinfo,
   * defaults.go; the model at /mnt/models, model_initializer_injector.go).
   * @default - none
   */
  readonly volumeMounts?: VolumeMount[];
  /**
   * The security context of the node's container, rendered with only the
   * fields set (none of cdk8s-plus's container defaults). The operator keeps
   * it (it sets a pod-level `runAsUser` only when the pod has no security context,
   * seldondeployment_controller.go).
   * @default - none: the operator's pod-level `runAsUser: 8888`; in explicit mode, a prepackaged server's
   *   restricted context (non-root uid 8888, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp)
   */
  readonly securityContext?: ContainerSecurityContextProps;
  /**
   * Whole ConfigMaps or Secrets as environment variables of the node's
   * container (`envFrom`), e.g. `Env.fromSecret(secret)`, `Env.fromConfigMap(configMap, 'PREFIX_')`.
   * @default - none
   */
  readonly envFrom?: EnvFrom[];
  /**
   * Further ports of the node's container, besides the `http`/`grpc` ports
   * the operator numbers (e.g. ports a distributed runtime in the container
   * listens on). A port named `http`, `grpc` or `metrics` would take the
   * place of the operator's (defaults.go GetPort), so those names are refused.
   * @default - none
   */
  readonly ports?: ContainerPort[];
}
