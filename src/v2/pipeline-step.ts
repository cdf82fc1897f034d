import { IConstruct } from 'constructs';
import { Problems, show } from '../errors';
import { JoinType } from './join-type';
import { RefList, WHOLE_OR_TENSORS_ACCEPTED } from './pipeline-ref-list';
import { StepRef } from './pipeline-step-ref';
import {
  INPUTS, OUTPUTS, PLACE_ACCEPTED, RefPlace, StepReference, TENSOR_MAP_ACCEPTED, TensorMapKey, checkTensorMap, crdJoinType,
  isJoinType, refProblem, strictNote, uint32Problem,
} from './pipeline-validation';
import type { SeldonModel } from './seldon-model';
import {
  PipelineSpecSteps, PipelineSpecStepsInputsJoinType, PipelineSpecStepsTriggersJoinType,
} from '../imports/mlops.seldon.io';
import { checkMethods } from '../k8s/method-check';

export { JoinType } from './join-type';

/**
 * The Pipeline a step belongs to: a `Pipeline` of the app. (An interface, so
 * that this module and pipeline.ts do not import each other.)
 */
export interface IPipeline extends IConstruct {
  /** The Pipeline's name (`metadata.name`). */
  readonly name: string;
}

/** Batching before data is sent to a step (`steps[].batch`). */
export interface PipelineBatch {
  /**
   * Requests to merge into one before the step runs: the dataflow engine
   * forwards a batch once it holds this many rows
   * (scheduler/data-flow/.../kafka/BatchProcessor.kt at v2.10.2).
   * @default - not rendered
   */
  readonly size?: number;
  /**
   * Rendered and passed to the scheduler, but Seldon 2.10.2's dataflow engine
   * does not read it: batches are sent by `size` only, with no time limit.
   * @default - not rendered
   */
  readonly windowMs?: number;
  /**
   * Rendered, but the operator drops it when it sends the pipeline to the
   * scheduler (operator/apis/mlops/v1alpha1/pipeline_types.go `AsSchedulerPipeline`
   * at v2.10.2), so it has no effect.
   * @default - not rendered
   */
  readonly rolling?: boolean;
}

/** Options of a pipeline step. */
export interface PipelineStepOptions {
  /**
   * Where the step's data comes from (`steps[].inputs`): other steps
   * (`otherStep`, `otherStep.outputs('OUTPUT0')`) or the pipeline's inputs
   * (`pipeline.inputs('INPUT0')`). More can be added with `addInput()`.
   * @default - the pipeline's inputs
   */
  readonly inputs?: StepRef[];
  /**
   * How data from several inputs is joined (`steps[].inputsJoinType`).
   * @default - not rendered: the CRD's default, inner
   */
  readonly inputsJoinType?: JoinType;
  /**
   * Milliseconds to wait for data from several inputs before joining them
   * (`steps[].joinWindowMs`); the same window bounds the joins of its triggers.
   * `JoinType.ANY` ignores it (Seldon joins those within 1 ms).
   * @default - not rendered: 0, which the dataflow engine reads as its own
   * default, 60,000 ms (`kafka.join.window.millis`), not as "no wait"
   */
  readonly joinWindowMs?: number;
  /**
   * Renames tensors on the way in (`steps[].tensorMap`): the full name of a
   * tensor the step receives, e.g. `tfsimple1.outputs.OUTPUT0` (or
   * `${step.outputs('OUTPUT0')}`), mapped to the name the model expects.
   * @default - none
   */
  readonly tensorMap?: { [tensor: string]: string };
  /**
   * Data that must arrive before the step runs without being passed to it
   * (`steps[].triggers`), e.g. `check.outputs('OK')`. More can be added with `addTrigger()`.
   * @default - none
   */
  readonly triggers?: StepRef[];
  /**
   * How several triggers are joined (`steps[].triggersJoinType`).
   * @default - not rendered: Seldon's default, inner
   */
  readonly triggersJoinType?: JoinType;
  /**
   * Batch requests before the step runs (`steps[].batch`). Only a step that
   * reads one topic (one step's inputs or outputs, or the pipeline's inputs)
   * batches: Seldon's dataflow engine joins several topics without batching,
   * so the library refuses `batch` there.
   * @default - no batching
   */
  readonly batch?: PipelineBatch;
}

const KIND = 'Pipeline';

/**
 * One step of a `Pipeline`: a Model, run with data from other steps or from
 * the pipeline's inputs. Created by `pipeline.addStep()` or
 * `pipeline.addStepForModelName()`; the step is named after its model.
 *
 * A step is also a reference to its outputs, so it can be given directly as
 * another step's input or as the pipeline's output.
 */
export class PipelineStep extends StepRef {
  /** @internal */
  public static _create(pipeline: IPipeline, name: string, model: SeldonModel | undefined, options: PipelineStepOptions): PipelineStep {
    return new PipelineStep(pipeline, name, model, options);
  }

  /** The pipeline the step belongs to. */
  public readonly pipeline: IPipeline;
  /**
   * The model the step runs, when given as a construct.
   * @default - a model named by `addStepForModelName()`
   */
  public readonly model?: SeldonModel;

  private readonly options: PipelineStepOptions;
  private readonly _inputs: StepRef[] = [];
  private readonly _triggers: StepRef[] = [];
  // each list as the scheduler stores it and by topic: repeats and lost tensors are found in O(1) per reference
  private readonly refs: Readonly<Record<'inputs' | 'triggers', RefList>>;
  private readonly tensorMapKeys: TensorMapKey[];

  private constructor(pipeline: IPipeline, name: string, model: SeldonModel | undefined, options: PipelineStepOptions) {
    super(name, undefined, pipeline);
    this.pipeline = pipeline;
    this.model = model;
    this.refs = { inputs: new RefList(pipeline.name), triggers: new RefList(pipeline.name) };
    // copied, so that later changes to the caller's objects bypass no check
    this.options = { ...options, tensorMap: options.tensorMap && { ...options.tensorMap }, batch: options.batch && { ...options.batch } };
    const problems = new Problems(KIND, pipeline);
    const field = this.field();
    (options.inputs ?? []).forEach((ref, i) => this.checkRef(problems, `${field}.inputs[${i}]`, ref, this._inputs, 'inputs'));
    (options.triggers ?? []).forEach((ref, i) => this.checkRef(problems, `${field}.triggers[${i}]`, ref, this._triggers, 'triggers'));
    for (const [key, value] of [['inputsJoinType', options.inputsJoinType], ['triggersJoinType', options.triggersJoinType]] as const) {
      if (value !== undefined && !isJoinType(value)) problems.add(`${field}.${key}`, `${show(value)} is not a join type`, 'accepted: JoinType.INNER, OUTER or ANY');
    }
    if (options.joinWindowMs !== undefined) this.checkUint32(problems, `${field}.joinWindowMs`, options.joinWindowMs);
    if (options.batch?.size !== undefined) this.checkUint32(problems, `${field}.batch.size`, options.batch.size);
    if (options.batch?.windowMs !== undefined) this.checkUint32(problems, `${field}.batch.windowMs`, options.batch.windowMs);
    const tensorMap = checkTensorMap(options.tensorMap, RefPlace.STEP);
    for (const p of tensorMap.problems) problems.add(`${field}.tensorMap[${show(p.key)}]`, p.problem, TENSOR_MAP_ACCEPTED);
    this.tensorMapKeys = tensorMap.keys;
    problems.throwIfAny();
  }

  /** The step's inputs as a reference: `<step>.inputs`, or one tensor of them. */
  public inputs(tensor?: string): StepRef {
    return StepRef._of(join(this.name, INPUTS, tensor), undefined, this.pipeline);
  }

  /** The step's outputs as a reference: `<step>.outputs`, or one tensor of them, e.g. `outputs('OUTPUT0')`. */
  public outputs(tensor?: string): StepRef {
    return StepRef._of(join(this.name, OUTPUTS, tensor), undefined, this.pipeline);
  }

  /**
   * The step's inputs as another pipeline reads them in `input.externalInputs`:
   * `<pipeline>.step.<step>.inputs[.<tensor>]`.
   */
  public externalInputs(tensor?: string): StepRef {
    return StepRef._of(join(`${this.pipeline.name}.step.${this.name}`, INPUTS, tensor), this.pipeline);
  }

  /**
   * The step's outputs as another pipeline reads them in `input.externalInputs`:
   * `<pipeline>.step.<step>.outputs[.<tensor>]`.
   */
  public externalOutputs(tensor?: string): StepRef {
    return StepRef._of(join(`${this.pipeline.name}.step.${this.name}`, OUTPUTS, tensor), this.pipeline);
  }

  /**
   * Adds an input, e.g. a later step closing a loop in a pipeline with
   * `allowCycles`. Throws if it is malformed or already an input or trigger.
   */
  public addInput(input: StepRef): void {
    const problems = new Problems(KIND, this.pipeline);
    this.checkRef(problems, `${this.field()}.addInput(${show(input?.value ?? input)})`, input, this._inputs, 'inputs');
    problems.throwIfAny();
  }

  /** Adds a trigger. Throws if it is malformed or already an input or trigger. */
  public addTrigger(trigger: StepRef): void {
    const problems = new Problems(KIND, this.pipeline);
    this.checkRef(problems, `${this.field()}.addTrigger(${show(trigger?.value ?? trigger)})`, trigger, this._triggers, 'triggers');
    problems.throwIfAny();
  }

  /**
   * @internal Every reference the step makes, for the pipeline's check that
   * they name its steps.
   */
  public _references(): StepReference[] {
    const field = this.field();
    return [
      ...this._inputs.map((r, i) => ({ field: `${field}.inputs[${i}]`, value: r.value, ref: r._parsed!, place: 'inputs' as const })),
      ...this._triggers.map((r, i) => ({ field: `${field}.triggers[${i}]`, value: r.value, ref: r._parsed!, place: 'triggers' as const })),
      ...this.tensorMapKeys.map(({ key, ref }) => ({ field: `${field}.tensorMap[${show(key)}]`, value: key, ref, place: 'tensorMap' as const })),
    ];
  }

  /**
   * @internal Why the step's `batch` has no effect, if it has none: Seldon's
   * dataflow engine batches only in a step that reads one topic (a `Chainer`);
   * a step reading several is a `Joiner`, which takes no batch settings
   * (data-flow PipelineStep.kt stepFor, Joiner.kt @v2.10.2).
   */
  public _batchProblem(): { field: string; problem: string; accepted: string } | undefined {
    const topics = this.refs.inputs.topics;
    if (this.options.batch?.size === undefined || topics.length < 2) return undefined;
    return {
      field: `${this.field()}.batch`,
      problem: `is set, but the step reads ${topics.length} topics (${topics.map(t => show(t)).join(', ')}): Seldon's dataflow engine joins several `
        + 'topics without batching (data-flow PipelineStep.kt: only a step with one source topic batches), so the setting would be ignored',
      accepted: 'batch on a step whose inputs all come from one step or from the pipeline\'s inputs, or no batch',
    };
  }

  /** @internal */
  public _render(): PipelineSpecSteps {
    const o = this.options;
    const tensorMap = o.tensorMap && Object.keys(o.tensorMap).length > 0 ? { ...o.tensorMap } : undefined;
    return {
      name: this.name,
      inputs: this._inputs.length ? this._inputs.map(r => r.value) : undefined,
      triggers: this._triggers.length ? this._triggers.map(r => r.value) : undefined,
      inputsJoinType: crdJoinType<PipelineSpecStepsInputsJoinType>(o.inputsJoinType),
      triggersJoinType: crdJoinType<PipelineSpecStepsTriggersJoinType>(o.triggersJoinType),
      joinWindowMs: o.joinWindowMs,
      tensorMap,
      batch: o.batch ? { size: o.batch.size, windowMs: o.batch.windowMs, rolling: o.batch.rolling } : undefined,
    };
  }

  private field(): string {
    return `steps[${show(this.name)}]`;
  }

  private checkUint32(problems: Problems, field: string, value: number): void {
    const issue = uint32Problem(value);
    if (issue) problems.add(field, issue, 'milliseconds or a count, e.g. 100');
  }

  /**
   * Checks a new input or trigger and adds it to `list`. The scheduler
   * stores `step` as `step.outputs`, so repeats are found on that form. The
   * same data as both input and trigger is accepted: the scheduler's
   * `checkInputsAndTriggersDiffer` compares a whole trigger with input step
   * names and cannot fire (scheduler/pkg/store/pipeline/validate.go).
   */
  private checkRef(problems: Problems, field: string, ref: StepRef, list: StepRef[], what: 'inputs' | 'triggers'): void {
    const issue = refProblem(ref, RefPlace.STEP, this.pipeline);
    if (issue) {
      problems.add(field, issue, PLACE_ACCEPTED[RefPlace.STEP]);
      return;
    }
    const refs = this.refs[what];
    const partial = refs.partialProblem(ref.value, ref._parsed!);
    if (refs.has(ref._parsed!)) {
      problems.add(field, `${show(ref.value)} is already one of the step's ${what}; ${strictNote('the dataflow engine merges repeats')}`,
        `each ${what === 'inputs' ? 'input' : 'trigger'} once ("x" and "x.outputs" are the same)`);
    } else if (partial !== undefined) {
      problems.add(field, partial, WHOLE_OR_TENSORS_ACCEPTED);
    } else {
      refs.add(ref._parsed!);
      list.push(ref);
    }
  }
}

function join(head: string, direction: string, tensor: string | undefined): string {
  return tensor === undefined ? `${head}.${direction}` : `${head}.${direction}.${tensor}`;
}

// A tensor name of the wrong type from JavaScript would become part of the reference ("m.outputs.42"); an input or
// trigger that is no StepRef is answered as addOutput() answers it.
checkMethods(PipelineStep, 'PipelineStep', step => ({ scope: step.pipeline, kind: KIND, prefix: `steps[${show(step.name)}].` }),
  ['inputs', 'outputs', 'externalInputs', 'externalOutputs', 'addInput', 'addTrigger']);
