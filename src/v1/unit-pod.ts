import { ImagePullPolicy, Probe } from 'cdk8s-plus-27';
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
   * @default - the operator's: a TCP check of the node's port after 60 seconds
   */
  readonly livenessProbe?: Probe;
  /**
   * The readiness probe of the node's container (a probe without a port checks `http`).
   * @default - the operator's: a TCP check of the node's port after 20 seconds
   */
  readonly readinessProbe?: Probe;
  /**
   * The startup probe of the node's container (a probe without a port checks `http`).
   * @default - none
   */
  readonly startupProbe?: Probe;
}
