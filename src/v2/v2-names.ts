import { show } from '../errors';
import { NameRule } from '../names';

const V2_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The name rule Seldon's v2 scheduler applies to Models and Pipelines
 * (scheduler/pkg/store/utils/validate.go@v2, SELDON-FACTS §2.7). Pipeline
 * steps are named after the model they run, and step references split on
 * ".", so step names follow it as well.
 */
export const SELDON_V2_NAME: NameRule = {
  check: n => typeof n === 'string' && n.length <= 253 && V2_NAME.test(n),
  accepted: 'a Seldon v2 name is accepted: lower-case letters, digits and "-", starting and ending with a letter or digit, no "." (the scheduler checks ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$), at most 253 characters',
};

/** Kafka's longest topic name (org.apache.kafka.common.internals.Topic.MAX_NAME_LENGTH). */
const KAFKA_TOPIC_MAX = 249;

/** Seldon's topic prefix when neither a runtime nor its SeldonConfig sets one (kafka/topics.go defaultSeldonTopicPrefix). */
export const DEFAULT_TOPIC_PREFIX = 'seldon';

/** The topic prefix of a namespace's runtime, and where the library read it (for messages). */
export interface TopicPrefixFact {
  readonly value: string;
  /** e.g. `config.kafka.topicPrefix of SeldonRuntime 'prod/runtime'`. */
  readonly from: string;
  /** The runtime's field that sets it: `config.kafka.topicPrefix`, `seldonConfig` (its SeldonConfig's), `options.topicPrefix`. */
  readonly field: string;
}

/**
 * The most characters a Model's or Pipeline's name may have so that its longest topic,
 * `<prefix>.<namespace>.<resource>.<name>.outputs`, stays within Kafka's limit; below 1 when no name fits.
 */
export function topicNameRoom(resource: 'model' | 'pipeline', namespace: string, prefix: string): number {
  // counted (a join per model would cost every app a string each)
  return KAFKA_TOPIC_MAX - (prefix.length + namespace.length + resource.length + 'outputs'.length + 4);
}

/** Why Kafka refuses the topics, with the topic pattern, for the messages of a name and of a prefix. */
function refusedTopic(resource: 'model' | 'pipeline', namespace: string, prefix: string, length: number): string {
  return `makes the ${resource}'s Kafka topic "${prefix}.${namespace}.${resource}.<name>.outputs" ${length} characters long, `
    + `and Kafka refuses topic names over ${KAFKA_TOPIC_MAX}: Seldon could not create it (scheduler/pkg/kafka/topics.go)`;
}

/**
 * A runtime topic prefix that leaves no room for the name of a `resource` in the runtime's `namespace` (Seldon
 * could create none of its topics), as `<problem>; <accepted>` for the runtime's `prefix.field`; undefined when one fits.
 */
export function topicPrefixRoomProblem(resource: 'model' | 'pipeline', namespace: string, prefix: TopicPrefixFact): string | undefined {
  const room = topicNameRoom(resource, namespace, prefix.value);
  if (room >= 1) return undefined;
  const p = prefix.value;
  const what = prefix.field === 'seldonConfig' ? `gives the topic prefix ${show(p)} (${p.length} characters, its config.kafka.topicPrefix), which` : `${show(p)} (${p.length} characters)`;
  const served = resource === 'model' ? 'no Model or Pipeline' : `no Pipeline (a Model's name has at most ${topicNameRoom('model', namespace, p)} characters)`;
  return `${what} leaves no room for a ${resource} name in namespace ${show(namespace)}: even a name of one character `
    + `${refusedTopic(resource, namespace, '<prefix>', KAFKA_TOPIC_MAX + 1 - room)}, so ${served} of the namespace could have its topics; `
    + `a topic prefix or a namespace shorter by at least ${1 - room} characters`;
}

/**
 * A Model's or Pipeline's name that makes its Kafka topics longer than Kafka
 * allows: Seldon names them `<prefix>.<namespace>.model.<name>.inputs` and
 * `...outputs` (`pipeline` for a Pipeline; scheduler/pkg/kafka/topics.go,
 * v2.10.2), and the model gateway or the dataflow engine then fails to create
 * them. Nothing is said where the namespace is unknown; `prefix` is the one of
 * the namespace's runtime (the default `seldon` where the app declares none or
 * it sets none).
 */
export function kafkaTopicProblem(resource: 'model' | 'pipeline', name: string, namespace: string | undefined,
  prefix?: TopicPrefixFact): string | undefined {
  if (namespace === undefined) return undefined;
  const p = prefix?.value ?? DEFAULT_TOPIC_PREFIX;
  const most = topicNameRoom(resource, namespace, p);
  if (name.length <= most) return undefined;
  const which = prefix === undefined ? `the default topic prefix "${p}"` : `the topic prefix ${JSON.stringify(p)} (${prefix.from})`;
  return `(${name.length} characters) ${refusedTopic(resource, namespace, p, KAFKA_TOPIC_MAX + name.length - most)}; `
    // With no room left for a name of one character, the prefix or the namespace is what must give.
    + (most >= 1 ? `at most ${most} characters in namespace "${namespace}" with ${which}`
      : `no ${resource} name fits in namespace "${namespace}" with ${which}; a topic prefix or a namespace shorter by at least ${1 - most} characters`);
}
