/** Options of `SeldonServer.mountPvc()`. */
export interface MountPvcOptions {
  /**
   * The name of the pod volume.
   * @default - the claim name
   */
  readonly volumeName?: string;
  /**
   * The capability advertised for the mount, which models reading from the
   * claim list in `requirements` to land on this server.
   * @default 'pvc'
   */
  readonly capability?: string;
  /**
   * Whether to advertise `capability`.
   * @default true
   */
  readonly advertiseCapability?: boolean;
  /**
   * Mount the claim read-only (rclone only reads model artifacts from it).
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Accept a ReadWriteOnce claim on a server with more than one replica,
   * because every replica runs on one node (a single-node cluster, or pods
   * pinned by affinity). Otherwise the replicas on other nodes cannot attach it.
   * @default false
   */
  readonly replicasShareOneNode?: boolean;
}
