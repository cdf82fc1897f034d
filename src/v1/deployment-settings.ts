import { Duration, Size } from 'cdk8s';

/** How the executor talks to the graph's nodes (`spec.transport`). */
export enum Transport {
  /** HTTP (the default). */
  REST = 'rest',
  /** gRPC. */
  GRPC = 'grpc',
}

/** How requests reach the executor (`spec.serverType`). */
export enum ServerType {
  /** Requests over REST or gRPC (the default). */
  RPC = 'rpc',
  /** Requests read from and responses written to Kafka topics (`engineEnv` names them). */
  KAFKA = 'kafka',
}

/**
 * Settings of a whole SeldonDeployment, typed instead of written as
 * `spec.annotations` (names from operator/apis/.../seldondeployment_types.go
 * and executor/k8s/annotation.go, v1.18.2).
 */
export interface DeploymentSettingsProps {
  /**
   * The executor's transport to the nodes (`spec.transport`).
   * @default - not rendered; the operator uses rest
   */
  readonly transport?: Transport;
  /**
   * How requests reach the executor (`spec.serverType`).
   * @default - not rendered; the operator uses rpc
   */
  readonly serverType?: ServerType;
  /**
   * The executor's timeout for each REST call to a node, in whole
   * milliseconds (annotation `seldon.io/rest-timeout`).
   * @default - no overall timeout (Go's 30 second connection timeout applies)
   */
  readonly restTimeout?: Duration;
  /**
   * The executor's timeout for each gRPC call to a node, in whole
   * milliseconds (annotation `seldon.io/grpc-timeout`).
   * @default - no timeout
   */
  readonly grpcTimeout?: Duration;
  /**
   * The largest gRPC message the executor accepts, a whole number of bytes
   * up to 2 GiB - 1 (annotation `seldon.io/grpc-max-message-size`).
   * @default - the executor's: 2147483647 bytes
   */
  readonly grpcMaxMessageSize?: Size;
  /**
   * Runs the executor in a pod of its own rather than beside the first
   * node (annotation `seldon.io/engine-separate-pod`).
   * @default false
   */
  readonly separateEnginePod?: boolean;
  /**
   * Size of the executor's request-logger work queue (annotation `seldon.io/executor-logger-queue-size`).
   * @default - the operator's `executor.requestLogger.workQueueSize` (Helm: 10000)
   */
  readonly loggerQueueSize?: number;
  /**
   * How long the executor waits to add a payload to the logger queue, in
   * whole milliseconds (annotation `seldon.io/executor-logger-write-timeout-ms`).
   * @default - the operator's `executor.requestLogger.writeTimeoutMs` (Helm: 2000)
   */
  readonly loggerWriteTimeout?: Duration;
  /**
   * Other annotations of the SeldonDeployment (`spec.annotations`), copied
   * to every pod and Deployment, e.g. `seldon.io/istio-gateway`. The
   * annotations above are set through their props.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}
