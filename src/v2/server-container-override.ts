import { VolumeMount } from 'cdk8s-plus-27';
import { ContainerOverride } from './container-override';

/**
 * Changes to one container of a Server's pod (`rclone`, `agent` or the
 * inference server), merged by the operator onto the ServerConfig's
 * container of the same name (SELDON-FACTS §2.4): besides what a
 * `ContainerOverride` changes, volumes to mount. There are no arguments:
 * the operator would append them after the ServerConfig's command line,
 * where an unknown flag stops the agent, a stray word makes rclone serve a
 * directory, Triton's script ignores them and they replace MLServer's start
 * command. Each reads its settings from env instead (`RCLONE_<FLAG>`, the
 * agent's `SELDON_*`, `MLSERVER_*`).
 */
export interface ServerContainerOverride extends ContainerOverride {
  /**
   * Volumes to mount into the container, e.g. an `emptyDir` of medium Memory
   * at `/dev/shm` for a model that shares tensors between processes, or a
   * ConfigMap of runtime settings. Each Volume is added to the pod's volumes
   * once, after the ServerConfig's (the operator appends them), so its name
   * must differ from theirs; the mounts come after the ServerConfig
   * container's, so their paths must too.
   * @default - none
   */
  readonly volumeMounts?: VolumeMount[];
}
