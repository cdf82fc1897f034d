/**
 * The inference protocol of a SeldonDeployment (`spec.protocol`).
 * `V2` and `KFSERVING` are two names of the Open Inference (V2) protocol.
 */
export enum SeldonProtocol {
  /** Seldon's own protocol; the operator's default when no protocol is set. */
  SELDON = 'seldon',
  /** The Open Inference (V2) protocol, served by MLServer or Triton. */
  V2 = 'v2',
  /** Alias of `V2` kept by the operator for KFServing users. */
  KFSERVING = 'kfserving',
  /** The TensorFlow Serving protocol. */
  TENSORFLOW = 'tensorflow',
}
