import { IConstruct } from 'constructs';
import { ServerConfigRef } from './server-config-ref';

/** A Seldon Core v2 Server, defined in the app or existing in the cluster. */
export interface ISeldonServer extends IConstruct {
  /** The Server name, which a Model pins in `spec.server`. */
  readonly name: string;
}

/** Options of `SeldonServer.fromServerName()`. */
export interface ServerReferenceOptions {
  /**
   * The ServerConfig the existing Server runs. With it (or `capabilities`)
   * the server takes part in the synth-time scheduling check.
   * @default - unknown: models pinned to the server are not checked
   */
  readonly serverConfig?: ServerConfigRef;
  /**
   * The capabilities the existing Server advertises instead of its ServerConfig's.
   * @default - those of `serverConfig` plus `extraCapabilities`
   */
  readonly capabilities?: string[];
  /**
   * Capabilities the existing Server advertises besides its ServerConfig's.
   * @default - none
   */
  readonly extraCapabilities?: string[];
  /**
   * The replicas of the existing Server.
   * @default - unknown: model replicas are not checked against it
   */
  readonly replicas?: number;
}
