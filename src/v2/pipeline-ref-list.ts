import { show } from '../errors';
import { normalizeRef, ParsedRef } from './pipeline-validation';

/** What a list accepts instead of a whole topic next to one of its tensors. */
export const WHOLE_OR_TENSORS_ACCEPTED = 'a whole step ("a" or "a.outputs"), or only the tensors wanted ("a.outputs.X", "a.outputs.Y"), not both';

/**
 * One list of references of a pipeline (a step's inputs, its triggers, the
 * output steps), kept as the scheduler stores them and by the Kafka topic
 * each reads, whole or by tensor. The dataflow engine groups a list by topic
 * and, once a tensor of a topic is named, passes only the named tensors of it
 * (data-flow PipelineStep.kt parseSources / parseTriggers @v2.10.2). O(1) per
 * reference.
 */
export class RefList {
  private readonly normal = new Set<string>();
  private readonly whole = new Set<string>();
  private readonly tensors = new Set<string>();

  public constructor(private readonly pipelineName: string) {}

  /** Whether the list holds `parsed` already, as the scheduler stores it (`x` and `x.outputs` are the same). */
  public has(parsed: ParsedRef): boolean {
    return this.normal.has(normalizeRef(parsed, this.pipelineName));
  }

  /** Why adding `parsed` (written `value`) would lose data: a whole topic next to one of its tensors. */
  public partialProblem(value: string, parsed: ParsedRef): string | undefined {
    const topic = this.topicOf(parsed);
    if (!(parsed.tensor === undefined ? this.tensors : this.whole).has(topic)) return undefined;
    return `${show(value)} ${parsed.tensor === undefined ? `names all of ${show(topic)}, of which a tensor` : `names a tensor of ${show(topic)}, which as a whole`} `
      + 'is already listed: Seldon accepts both, but its dataflow engine then passes only the named tensors of that topic and drops the others '
      + '(scheduler/data-flow PipelineStep.kt parseSources)';
  }

  public add(parsed: ParsedRef): void {
    this.normal.add(normalizeRef(parsed, this.pipelineName));
    (parsed.tensor === undefined ? this.whole : this.tensors).add(this.topicOf(parsed));
  }

  /** The topics the list reads, each once. */
  public get topics(): string[] {
    return [...new Set([...this.whole, ...this.tensors])];
  }

  /** The Kafka topic of a reference: its normal form without the tensor. */
  private topicOf(parsed: ParsedRef): string {
    return normalizeRef({ ...parsed, tensor: undefined }, this.pipelineName);
  }
}
