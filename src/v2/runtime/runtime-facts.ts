import { IConstruct } from 'constructs';
import type { ServerAutoscalingFact } from './default-seldon-config';
import type { TopicPrefixFact } from '../v2-names';

/** What the app-wide check needs to know about the SeldonRuntime of a namespace. */
export interface RuntimeFacts {
  readonly construct: IConstruct;
  /** `SeldonRuntime`, or `SeldonRuntime reference` for one declared with `SeldonRuntime.fromNamespace()`. */
  readonly kind: string;
  /** Undefined when the chart has no namespace: then the runtime is not matched with anything. */
  readonly namespace?: string;
  /** Names of the components it does not run. */
  readonly disabled: readonly string[];
  /** Why, by component name (e.g. `replicas: 0`). */
  readonly reasons?: Readonly<Record<string, string>>;
  /**
   * Whether its scheduler autoscales Servers (`--enable-server-autoscaling`
   * from ENABLE_SERVER_AUTOSCALING), and where that was read; undefined where unknown.
   */
  readonly serverAutoscaling?: ServerAutoscalingFact;
  /**
   * The prefix of its Kafka topics (`config.kafka.topicPrefix`, else its SeldonConfig's), and where that was read;
   * undefined where neither is known to set one (Seldon then uses `seldon`).
   */
  readonly topicPrefix?: TopicPrefixFact;
}

/** What the runtime check needs to know about a Model, Server, Pipeline or Experiment. */
export interface RuntimeUserFacts {
  readonly construct: IConstruct;
  /** The construct kind for messages, e.g. `SeldonModel`. */
  readonly kind: string;
  readonly namespace?: string;
  /** A Server that a HorizontalPodAutoscaler scales while no model pinned to it has one (not single-model serving). */
  readonly ownAutoscaler?: boolean;
}
