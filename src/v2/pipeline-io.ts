import type { JoinType } from './join-type';
import type { StepRef } from './pipeline-step-ref';

/** Data a pipeline reads from other pipelines (`spec.input`). */
export interface PipelineInput {
  /**
   * The other pipelines' data this pipeline runs on (`input.externalInputs`),
   * e.g. `other.outputs()`, `otherStep.externalOutputs('OUTPUT0')` or
   * `StepRef.fromString('other')` (a bare pipeline or `<pipeline>.step.<step>`
   * means its outputs). The scheduler requires at least one.
   */
  readonly externalInputs: StepRef[];
  /**
   * Other pipelines' data that must arrive before this pipeline runs (`input.externalTriggers`).
   * @default - none
   */
  readonly externalTriggers?: StepRef[];
  /**
   * How several external inputs are joined (`input.joinType`).
   * @default - not rendered: the CRD's default, inner
   */
  readonly joinType?: JoinType;
  /**
   * How several external triggers are joined (`input.triggersJoinType`).
   * @default - not rendered: the CRD's default, inner
   */
  readonly triggersJoinType?: JoinType;
  /**
   * Milliseconds to wait for data from several external inputs before joining
   * them (`input.joinWindowMs`). `JoinType.ANY` ignores it (Seldon joins those within 1 ms).
   * @default - not rendered: the dataflow engine's default, 60,000 ms
   * (`kafka.join.window.millis`); 0 means the same, not "no wait"
   */
  readonly joinWindowMs?: number;
  /**
   * Renames the external tensors (`input.tensorMap`), e.g.
   * `{ 'other.outputs.OUTPUT0': 'INPUT0' }`.
   * @default - none
   */
  readonly tensorMap?: { [tensor: string]: string };
}

/** What a pipeline returns to a synchronous caller (`spec.output`). */
export interface PipelineOutput {
  /**
   * The steps whose data is returned (`output.steps`), e.g. a step, or
   * `step.outputs('OUTPUT0')`; more can be added with `addOutput()`. The
   * other output settings need at least one: without steps, Seldon returns the
   * pipeline's inputs, so the library refuses them then.
   * @default - none: the pipeline is only consumed asynchronously
   */
  readonly steps?: StepRef[];
  /**
   * How data from several steps is joined (`output.stepsJoin`).
   * @default - not rendered: the CRD's default, inner
   */
  readonly stepsJoin?: JoinType;
  /**
   * Milliseconds to wait for data from several steps before joining them
   * (`output.joinWindowMs`). `JoinType.ANY` ignores it (Seldon joins those within 1 ms).
   * @default - not rendered: the dataflow engine's default, 60,000 ms
   * (`kafka.join.window.millis`); 0 means the same, not "no wait"
   */
  readonly joinWindowMs?: number;
  /**
   * Renames the returned tensors (`output.tensorMap`), e.g. `{ 'tfsimple2.outputs.OUTPUT0': 'SUM' }`.
   * @default - none
   */
  readonly tensorMap?: { [tensor: string]: string };
}

/** Kafka settings of a pipeline (`spec.dataflow`). */
export interface PipelineDataflow {
  /**
   * Delete the pipeline's Kafka topics when it is deleted.
   * @default - not rendered (false)
   */
  readonly cleanTopicsOnDelete?: boolean;
}
