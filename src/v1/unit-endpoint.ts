/** How the executor calls a graph node (`graph.endpoint.type`). */
export enum EndpointType {
  /** HTTP. */
  REST = 'REST',
  /** gRPC. */
  GRPC = 'GRPC',
}

/**
 * Calls a component implements (`graph.methods`), which the executor makes in addition to those its type implies
 * (each call is "the type is X, or the methods hold X": predictor_process.go). The one replacement: TRANSFORM_INPUT on
 * a MODEL makes the executor call transform-input where it would call predict.
 */
export enum PredictiveUnitMethod {
  /** Transform the request before the children see it. */
  TRANSFORM_INPUT = 'TRANSFORM_INPUT',
  /** Transform the children's response. */
  TRANSFORM_OUTPUT = 'TRANSFORM_OUTPUT',
  /** Choose a child. */
  ROUTE = 'ROUTE',
  /** Combine the children's responses. */
  AGGREGATE = 'AGGREGATE',
  /** Receive feedback on earlier predictions. */
  SEND_FEEDBACK = 'SEND_FEEDBACK',
}

/** How the executor reaches a node that runs a container. */
export interface UnitEndpointProps {
  /**
   * REST or gRPC (`endpoint.type`). All nodes of a SeldonDeployment use one
   * type, which must agree with the deployment's `transport` when both are set.
   * @default - not rendered: the deployment's transport (REST)
   */
  readonly endpointType?: EndpointType;
}

/** The calls and ports of a component's own server. */
export interface ComponentEndpointProps {
  /**
   * The calls the component implements (`methods`).
   * @default - those its `unitType` implies
   */
  readonly methods?: PredictiveUnitMethod[];
  /**
   * The port the component serves HTTP on, declared as its container port
   * `http`, which the operator then keeps for the node (defaults.go).
   * @default - the operator's numbering (9000, 9001, ...)
   */
  readonly httpPort?: number;
  /**
   * The port the component serves gRPC on (container port `grpc`).
   * @default - the operator's numbering (9500, 9501, ...)
   */
  readonly grpcPort?: number;
}
