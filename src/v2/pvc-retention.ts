/** What Kubernetes does with a server replica's PersistentVolumeClaims (those of the ServerConfig's volume claim templates). */
export enum PvcRetention {
  /** Keep the claims (Kubernetes' default). */
  RETAIN = 'Retain',
  /** Delete the claims. */
  DELETE = 'Delete',
}
