import { VolumeMount } from 'cdk8s-plus-27';
import { ContainerOverride } from './container-override';

/**
 * Changes to one container of a Server's pod (`rclone`, `agent` or the
 * inference server), merged by the operator onto the ServerConfig's
 * container of the same name (SELDON-FACTS §2.4): besides what a
 * `ContainerOverride` changes, volumes to mount and arguments to append.
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
  /**
   * Arguments appended after the ServerConfig container's own (the operator
   * appends lists), e.g. rclone flags for the `rclone` container. Refused
   * where they would be lost: after a `bash -c` script (Triton's), where
   * they become the script's unused parameters, and on MLServer's image,
   * whose start command is its CMD, which arguments replace.
   * @default - none
   */
  readonly args?: string[];
}
