/** What a graph node's payload logger records (`graph.logger.mode`). */
export enum LoggerMode {
  /** Requests and responses. */
  ALL = 'all',
  /** Requests only. */
  REQUEST = 'request',
  /** Responses only. */
  RESPONSE = 'response',
}

/** Payload logging of a graph node (`graph.logger`): the executor sends CloudEvents to a URL. */
export interface LoggerProps {
  /** What to log. */
  readonly mode: LoggerMode;
  /**
   * Where to send the events.
   * @default - the executor's default, `http://default-broker` (Knative eventing)
   */
  readonly url?: string;
}
