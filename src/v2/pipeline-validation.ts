import { IConstruct } from 'constructs';
import { show } from '../errors';
import type { JoinType } from './join-type';
import { SELDON_V2_NAME } from './v2-names';
import {
  PipelineSpecInputJoinType, PipelineSpecInputTriggersJoinType, PipelineSpecOutputStepsJoin, PipelineSpecStepsInputsJoinType,
  PipelineSpecStepsTriggersJoinType,
} from '../imports/mlops.seldon.io';
import { isInt32Count } from '../k8s/int32';

/**
 * The rules Seldon's scheduler applies to a Pipeline before accepting it
 * (scheduler/pkg/store/pipeline/validate.go and utils.go@v2, SELDON-FACTS
 * §2.11), in one place for `StepRef`, `PipelineStep` and `Pipeline`.
 *
 * A reference is split on "." like the scheduler does: `<name>`,
 * `<name>.inputs|outputs` or `<name>.inputs|outputs.<tensor>`, where
 * `<name>` is a step or the pipeline itself; only a pipeline's external
 * inputs and triggers may also reach into another pipeline's step with
 * `<pipeline>.step.<step>[.inputs|outputs[.<tensor>]]`. The scheduler
 * rewrites a bare external `<pipeline>` or `<pipeline>.step.<step>` to its
 * `.outputs` before validating (utils.go `updateExternalInputSteps`).
 */

export const INPUTS = 'inputs';
export const OUTPUTS = 'outputs';
const PIPELINE_STEP = 'step';

/** A reference taken apart. */
export interface ParsedRef {
  /** The step, or pipeline, the reference starts with. */
  readonly name: string;
  /** `inputs` or `outputs`; undefined for a bare name. */
  readonly direction?: string;
  /** The step of another pipeline, for `<pipeline>.step.<step>...`. */
  readonly viaStep?: string;
  readonly tensor?: string;
}

/** A reference a step makes, where it makes it (`PipelineStep._references()`). */
export interface StepReference {
  readonly field: string;
  readonly value: string;
  readonly ref: ParsedRef;
  /** Inputs and triggers carry data into the step; a tensor map key only matches it. */
  readonly place: 'inputs' | 'triggers' | 'tensorMap';
}

/** Where a reference is used: each place accepts a different part of the grammar. */
export enum RefPlace {
  /** `steps[].inputs` and `steps[].triggers`. */
  STEP = 'step',
  /** `output.steps`. */
  OUTPUT = 'output',
  /** `input.externalInputs` and `input.externalTriggers`. */
  EXTERNAL = 'external',
}

export const PLACE_ACCEPTED: Readonly<Record<RefPlace, string>> = {
  [RefPlace.STEP]: 'accepted: "<step>", "<step>.inputs|outputs" or "<step>.inputs|outputs.<tensor>" for a step of this pipeline, '
    + 'or "<pipeline>.inputs[.<tensor>]" for the pipeline\'s own inputs',
  [RefPlace.OUTPUT]: 'accepted: "<step>", "<step>.inputs|outputs" or "<step>.inputs|outputs.<tensor>" for a step of this pipeline',
  [RefPlace.EXTERNAL]: 'accepted: "<pipeline>[.inputs|outputs[.<tensor>]]" or "<pipeline>.step.<step>[.inputs|outputs[.<tensor>]]" of another pipeline',
};

export const TENSOR_MAP_ACCEPTED = 'accepted: keys naming one tensor, "<step>.inputs|outputs.<tensor>" (or "<pipeline>.inputs.<tensor>"), '
  + 'each mapped to the new tensor name, e.g. { "tfsimple1.outputs.OUTPUT0": "INPUT0" }; tensor names may contain "." except in input.tensorMap';

/** The clause of an error for something Seldon takes but the library refuses as a mistake. */
export function strictNote(why: string): string {
  return `Seldon would accept it (${why}), but the library refuses it as a likely mistake`;
}

function isDirection(part: string | undefined): boolean {
  return part === INPUTS || part === OUTPUTS;
}

/** Takes a reference apart, or says why the scheduler would reject it anywhere. */
export function parseRef(value: unknown): { parsed?: ParsedRef; problem?: string } {
  if (typeof value !== 'string' || value.length === 0) return { problem: `${show(value)} is not a step reference (empty or not a string)` };
  if (/\s/.test(value)) return { problem: `${show(value)} contains whitespace` };
  const parts = value.split('.');
  if (parts.some(p => p.length === 0)) return { problem: `${show(value)} has an empty part around "."` };
  const [name, second, third, fourth, fifth] = parts;
  if (!SELDON_V2_NAME.check(name)) {
    return { problem: `${show(value)} starts with ${show(name)}, which cannot be a step or pipeline name (lower-case letters, digits and "-")` };
  }
  if (parts.length === 1) return { parsed: { name } };
  if (second === PIPELINE_STEP) {
    if (parts.length < 3 || parts.length > 5 || (parts.length > 3 && !isDirection(fourth))) {
      return { problem: `${show(value)} reaches into a step of pipeline ${show(name)} but is not "<pipeline>.step.<step>[.inputs|outputs[.<tensor>]]"` };
    }
    if (!SELDON_V2_NAME.check(third)) return { problem: `${show(value)} names step ${show(third)}, which cannot be a step name` };
    return { parsed: { name, viaStep: third, direction: fourth, tensor: fifth } };
  }
  if (!isDirection(second)) return { problem: `${show(value)} has ${show(second)} where "inputs" or "outputs" belongs` };
  if (parts.length > 3) return { problem: `${show(value)} has ${parts.length} parts; a tensor name cannot contain "."` };
  return { parsed: { name, direction: second, tensor: third } };
}

/** Why a well-formed reference is out of place, if it is. */
export function placeProblem(value: string, parsed: ParsedRef, place: RefPlace): string | undefined {
  // a bare external name is rewritten to ".outputs" (scheduler/pkg/store/pipeline/utils.go updateExternalInputSteps)
  if (place === RefPlace.EXTERNAL) return undefined;
  return parsed.viaStep !== undefined
    ? `${show(value)} reaches into a step of another pipeline, which only input.externalInputs and input.externalTriggers may do`
    : undefined;
}

/**
 * The reference as the scheduler stores it: a bare step name means its
 * outputs, the bare pipeline name its inputs (utils.go updateInputSteps).
 */
export function normalizeRef(parsed: ParsedRef, pipelineName: string): string {
  if (parsed.direction === undefined) return `${parsed.name}.${parsed.name === pipelineName ? INPUTS : OUTPUTS}`;
  const head = parsed.viaStep === undefined ? parsed.name : `${parsed.name}.${PIPELINE_STEP}.${parsed.viaStep}`;
  return parsed.tensor === undefined ? `${head}.${parsed.direction}` : `${head}.${parsed.direction}.${parsed.tensor}`;
}

/** A well-formed tensor map key. */
export interface TensorMapKey {
  readonly key: string;
  readonly ref: ParsedRef;
}

/** One problem with a tensor map entry. */
export interface TensorMapProblem {
  readonly key: string;
  readonly problem: string;
}

/**
 * A tensor map key taken apart: the dataflow engine matches keys against
 * `<topic>.<tensor>`, where the tensor name may itself contain "." (the only
 * way to rename such tensors), so everything after the direction is the tensor.
 */
function parseTensorMapKey(key: string): { parsed?: ParsedRef; problem?: string } {
  if (typeof key !== 'string') return parseRef(key);
  const parts = key.split('.');
  const head = parts[1] === PIPELINE_STEP ? 4 : 2;
  if (parts.length <= head + 1) return parseRef(key);
  const { parsed, problem } = parseRef(parts.slice(0, head).join('.'));
  if (problem) return { problem: problem.replace(show(parts.slice(0, head).join('.')), show(key)) };
  return { parsed: { ...parsed!, tensor: parts.slice(head).join('.') } };
}

/**
 * Checks a `tensorMap`: keys must name one tensor and values must be tensor
 * names. A key naming no tensor is accepted by Seldon but never matches, as
 * the dataflow engine renames by full tensor name. Returns the problems and
 * the parsed keys.
 */
export function checkTensorMap(map: { [key: string]: string } | undefined, place: RefPlace): { problems: TensorMapProblem[]; keys: TensorMapKey[] } {
  const problems: TensorMapProblem[] = [];
  const keys: TensorMapKey[] = [];
  for (const [key, value] of Object.entries(map ?? {})) {
    const { parsed, problem } = parseTensorMapKey(key);
    const misplaced = parsed && placeProblem(key, parsed, place);
    if (problem || misplaced) {
      problems.push({ key, problem: `key ${problem ?? misplaced}` });
    } else if (parsed!.tensor === undefined) {
      problems.push({ key, problem: `key ${show(key)} names no tensor, so it matches nothing; ${strictNote('the dataflow engine renames by full tensor name and skips it')}` });
    } else if (place === RefPlace.EXTERNAL && parsed!.tensor.includes('.')) {
      // Step and output maps join the whole key into the topic (GetFullyQualifiedTensorMap); the pipeline's input map
      // takes a key of exactly 3 or 5 parts and leaves any other without a topic (GetFullyQualifiedPipelineTensorMap).
      problems.push({
        key,
        problem: `key ${show(key)} names tensor ${show(parsed!.tensor)}, whose "." gives the key a part too many: Seldon maps `
        + 'an input.tensorMap key only as <pipeline>.inputs|outputs.<tensor> or <pipeline>.step.<step>.inputs|outputs.<tensor> (scheduler/pkg/kafka/topics.go '
        + `GetFullyQualifiedPipelineTensorMap), so the tensor would never be renamed; ${strictNote('it stores the key with no topic')}`,
      });
    } else {
      keys.push({ key, ref: parsed! });
    }
    if (typeof value !== 'string' || value.length === 0 || /\s/.test(value)) {
      problems.push({ key, problem: `maps to ${show(value)}, which is not a tensor name (non-empty, no whitespace)` });
    }
  }
  return { problems, keys };
}

/** Why `value` cannot be a uint32 field the CRD declares as int32, if it cannot. */
export function uint32Problem(value: unknown): string | undefined {
  return typeof value === 'number' && isInt32Count(value)
    ? undefined
    : `${show(value)} is not a whole number from 0 to 2147483647`;
}

/** A step and the steps it reads from through its inputs and triggers. */
export interface StepEdges {
  readonly name: string;
  readonly sources: readonly string[];
}

/**
 * Finds one cycle among the steps, as the data flows (`a -> b` means b reads
 * from a), or undefined. Sources that are no step (the pipeline's own name,
 * unknown names) are skipped, as the scheduler does. An iterative
 * depth-first search with three colours: O(steps + edges), and no recursion
 * depth limit for long chains.
 */
export function findCycle(steps: readonly StepEdges[]): string[] | undefined {
  const index = new Map<string, number>();
  steps.forEach((s, i) => index.set(s.name, i));
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const colour = new Uint8Array(steps.length);
  // the position of each grey step in `path`, to cut the cycle out of it
  const position = new Int32Array(steps.length).fill(-1);
  for (let start = 0; start < steps.length; start++) {
    if (colour[start] !== WHITE) continue;
    const path: number[] = [start];
    const next: number[] = [0];
    colour[start] = GREY;
    position[start] = 0;
    while (path.length > 0) {
      const top = path.length - 1;
      const v = path[top];
      const sources = steps[v].sources;
      if (next[top] < sources.length) {
        const w = index.get(sources[next[top]++]);
        if (w === undefined || colour[w] === BLACK) continue;
        if (colour[w] === GREY) {
          const cycle = path.slice(position[w]).map(i => steps[i].name);
          // the path follows "reads from"; reverse it to follow the data
          return [steps[w].name, ...cycle.reverse()];
        }
        colour[w] = GREY;
        position[w] = path.length;
        path.push(w);
        next.push(0);
      } else {
        colour[v] = BLACK;
        position[v] = -1;
        path.pop();
        next.pop();
      }
    }
  }
  return undefined;
}

type SameValues<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * `JoinType` restates the CRD's join enum for the public API (the generated
 * enums stay internal). This stops compiling if the CRD's values and
 * `JoinType`'s ever differ, so a cast between them is safe.
 */
export const JOIN_TYPE_MATCHES_CRD: SameValues<`${JoinType}`, `${PipelineSpecStepsInputsJoinType}`>
& SameValues<`${JoinType}`, `${PipelineSpecStepsTriggersJoinType}`>
& SameValues<`${JoinType}`, `${PipelineSpecInputJoinType}`>
& SameValues<`${JoinType}`, `${PipelineSpecInputTriggersJoinType}`>
& SameValues<`${JoinType}`, `${PipelineSpecOutputStepsJoin}`> = true;

/** The CRD binding's enum value for a `JoinType`. */
export function crdJoinType<T extends string>(value: JoinType | undefined): T | undefined {
  return value === undefined ? undefined : value as string as T;
}

const JOIN_TYPES: ReadonlyArray<`${JoinType}`> = ['inner', 'outer', 'any'];

/** Whether `value` is one of the `JoinType` values (JavaScript callers can pass anything). */
export function isJoinType(value: unknown): boolean {
  return (JOIN_TYPES as readonly unknown[]).includes(value);
}

/** What {@link refProblem} reads of a `StepRef` (declared here: pipeline-step-ref.ts imports this module). */
export interface StepRefFields {
  readonly value: string;
  readonly problem?: string;
  readonly _parsed?: ParsedRef;
  readonly _pipeline?: IConstruct;
  readonly _owner?: IConstruct;
}

/**
 * Why `ref` cannot be used at `place` of the pipeline `self`, if it cannot:
 * malformed, out of place, or built from another pipeline's objects, whose
 * data a pipeline only reads through `input.externalInputs`.
 */
export function refProblem(ref: StepRefFields | undefined, place: RefPlace, self: IConstruct): string | undefined {
  if (typeof ref === 'string') return `${show(ref)} is a string; wrap it with StepRef.fromString(${show(ref)})`;
  if (ref === null || typeof ref !== 'object' || typeof ref.value !== 'string') return `${show(ref)} is not a StepRef`;
  if (ref.problem !== undefined) return ref.problem;
  const misplaced = placeProblem(ref.value, ref._parsed!, place);
  if (misplaced) return misplaced;
  if (place === RefPlace.EXTERNAL) return undefined;
  if (ref._owner !== undefined && ref._owner !== self) {
    return `${show(ref.value)} was built from a step of Pipeline '${ref._owner.node.path}'; another pipeline's data is read through input.externalInputs, e.g. with step.externalOutputs()`;
  }
  if (ref._pipeline !== undefined && ref._pipeline !== self) {
    return `${show(ref.value)} names Pipeline '${ref._pipeline.node.path}'; another pipeline's data is read through input.externalInputs`;
  }
  return undefined;
}
