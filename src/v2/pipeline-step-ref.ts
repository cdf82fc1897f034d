import { IConstruct } from 'constructs';
import { ParsedRef, parseRef } from './pipeline-validation';
import { checkFactories } from '../k8s/prop-check';

/**
 * A reference to data in a Seldon v2 pipeline, as written in a step's
 * `inputs` and `triggers`, in `output.steps` and in `input.externalInputs`:
 *
 * - `<step>` (its outputs), `<step>.inputs|outputs`, `<step>.inputs|outputs.<tensor>`;
 * - `<pipeline>.inputs[.<tensor>]`: the pipeline's own inputs;
 * - from another pipeline: `<pipeline>.inputs|outputs[.<tensor>]` or
 *   `<pipeline>.step.<step>.inputs|outputs[.<tensor>]`.
 *
 * Build them from the objects (`step.outputs('OUTPUT0')`, `pipeline.inputs()`,
 * `step.externalOutputs()`), or parse a string with `StepRef.fromString()`.
 * A `PipelineStep` is itself a reference to the step's outputs.
 */
export class StepRef {
  /**
   * A reference written as a string, e.g. `tfsimple1.outputs.OUTPUT0`. A
   * malformed one is reported, with the construct path, by the Pipeline it is
   * given to.
   */
  public static fromString(reference: string): StepRef {
    return new StepRef(reference);
  }

  /** @internal */
  public static _of(value: string, pipeline?: IConstruct, owner?: IConstruct): StepRef {
    return new StepRef(value, pipeline, owner);
  }

  /** The reference as rendered, e.g. `tfsimple1.outputs.OUTPUT0`. */
  public readonly value: string;
  /** The step or pipeline the reference starts with, e.g. `tfsimple1`; empty when malformed. */
  public readonly name: string;
  /**
   * The tensor, e.g. `OUTPUT0`.
   * @default - none: every tensor
   */
  public readonly tensor?: string;
  /**
   * Why the reference is malformed.
   * @default - undefined for a well-formed reference
   */
  public readonly problem?: string;

  /** @internal */
  public readonly _parsed?: ParsedRef;
  /** @internal The Pipeline construct the reference names, when built from one. */
  public readonly _pipeline?: IConstruct;
  /** @internal The Pipeline whose step the reference was built from. */
  public readonly _owner?: IConstruct;

  protected constructor(value: string, pipeline?: IConstruct, owner?: IConstruct) {
    const { parsed, problem } = parseRef(value);
    this.value = value;
    this.name = parsed?.name ?? '';
    this.tensor = parsed?.tensor;
    this.problem = problem;
    this._parsed = parsed;
    this._pipeline = pipeline;
    this._owner = owner;
  }

  /** The rendered reference, so it can be used in template strings and `tensorMap` keys. */
  public toString(): string {
    return this.value;
  }
}

checkFactories(StepRef, 'StepRef');
