import { formatProblem, show } from '../errors';
import type { PipelineOutput } from './pipeline-io';
import type { PipelineStep } from './pipeline-step';
import type { StepRef } from './pipeline-step-ref';
import { OUTPUTS, StepEdges, TensorMapKey, findCycle, strictNote } from './pipeline-validation';

/** What the checks read of a Pipeline at synth. */
export interface PipelineGraph {
  /** The construct path, for messages. */
  readonly path: string;
  readonly name: string;
  readonly steps: readonly PipelineStep[];
  readonly stepsByName: ReadonlyMap<string, PipelineStep>;
  /** `output.steps`, as added. */
  readonly outputs: readonly StepRef[];
  readonly outputTensorKeys: readonly TensorMapKey[];
  readonly allowCycles: boolean;
  readonly maxStepRevisits?: number;
  readonly output?: PipelineOutput;
}

const KIND = 'Pipeline';
const MAX_LISTED = 10;

/**
 * The checks of a Pipeline that need every step, at synth: at least one
 * step, references naming steps, no cycles unless allowed (and then a
 * revisit limit that lets the loop run), batches the dataflow engine honours,
 * and an output with steps. O(steps + references).
 */
export function pipelineGraphProblems(g: PipelineGraph): string[] {
  const problems: string[] = [];
  const problem = (field: string, text: string, accepted: string) => problems.push(formatProblem(KIND, g.path, field, text, accepted));
  if (g.steps.length === 0) {
    problem('steps', 'is empty; the scheduler rejects a pipeline without steps', 'at least one step: addStep(model) or addStepForModelName(name)');
    return problems;
  }
  const names = g.steps.map(s => s.name);
  const listed = names.slice(0, MAX_LISTED).join(', ') + (names.length > MAX_LISTED ? ', ...' : '');
  const stepOrSelf = `accepted: a step of the pipeline (${listed}), or the pipeline's own name ${show(g.name)} for its inputs`;
  // <pipeline>.outputs is written by the output steps (data-flow server.go createOutputStepUpdate): a step reading it
  // closes a loop through them, which the scheduler's cycle check does not see (it skips the pipeline's own name).
  const outputSteps = [...new Set(g.outputs.map(r => r.name).filter(n => g.stepsByName.has(n)))];
  const readsOutputs = new Set<string>();
  const edges: StepEdges[] = [];
  for (const step of g.steps) {
    const sources: string[] = [];
    for (const { field, value, ref, place } of step._references()) {
      const flows = place !== 'tensorMap';
      if (g.stepsByName.has(ref.name)) {
        if (flows) sources.push(ref.name);
      } else if (ref.name !== g.name) {
        const note = !flows ? `, so it matches nothing; ${strictNote('only inputs are checked')}`
          : place === 'triggers' && g.allowCycles ? `, so it never fires; ${strictNote('with allowCycles it checks no trigger')}` : '';
        problem(field, `${show(value)} refers to ${show(ref.name)}, which is no step of the pipeline${note}`, stepOrSelf);
      } else if (flows && ref.direction === OUTPUTS) {
        if (outputSteps.length === 0) {
          problem(field, `${show(value)} reads the pipeline's own outputs, but no step is an output (output.steps is empty): only model errors reach them`,
            'an output step (addOutput(step)) to loop back from, with allowCycles, or a step\'s outputs');
        }
        sources.push(...outputSteps);
        readsOutputs.add(step.name);
      }
    }
    edges.push({ name: step.name, sources });
    const batch = step._batchProblem();
    if (batch) problem(batch.field, batch.problem, batch.accepted);
  }
  const onlySteps = `accepted: a step of the pipeline (${listed})`;
  g.outputs.forEach((ref, i) => {
    if (!g.stepsByName.has(ref.name)) problem(`output.steps[${i}]`, `${show(ref.value)} refers to ${show(ref.name)}, which is no step of the pipeline`, onlySteps);
  });
  for (const { key, ref } of g.outputTensorKeys) {
    if (!g.stepsByName.has(ref.name)) {
      problem(`output.tensorMap[${show(key)}]`, `${show(key)} refers to ${show(ref.name)}, which is no step of the pipeline, so it matches nothing; ${strictNote('only output.steps are checked')}`, onlySteps);
    }
  }
  const output = g.output;
  if (g.outputs.length === 0 && output !== undefined
    && (output.stepsJoin !== undefined || output.joinWindowMs !== undefined || Object.keys(output.tensorMap ?? {}).length > 0)) {
    problem('output.steps', 'is empty, but the output has stepsJoin, joinWindowMs or a tensorMap, so it is rendered: Seldon\'s dataflow engine then reads an '
      + 'output without steps from the pipeline\'s inputs (scheduler/pkg/kafka/dataflow/server.go createTopicSources), and callers get their own request back',
    'addOutput(step) for the data to return, or no output settings');
  }
  const cycle = findCycle(edges);
  const through = [...new Set(cycle)].filter(n => readsOutputs.has(n))
    .map(n => `; ${show(n)} reads the pipeline's outputs, which its output steps (${outputSteps.map(o => show(o)).join(', ')}) write`).join('');
  if (cycle && !g.allowCycles) {
    problem('steps', `form a cycle: ${cycle.map(n => show(n)).join(' -> ')} (each step reads the previous one through inputs or triggers${through}); `
      + 'the scheduler rejects cycles unless allowed', 'a graph without cycles, or allowCycles: true (with maxStepRevisits to bound the loop)');
  } else if (cycle && !((g.maxStepRevisits ?? 0) > 0)) {
    // data-flow kafka/Processor.kt VisitingCounterProcessor: a visit counted above maxStepRevisits answers with an error
    problem('maxStepRevisits', `is ${g.maxStepRevisits === undefined ? 'not set (0)' : '0'}, but the steps form a cycle (${cycle.map(n => show(n)).join(' -> ')}${through}): `
      + 'Seldon\'s dataflow engine then lets no step run twice for one request, so every request that goes round the loop gets an error',
    'the most times a step may run again for one request, e.g. maxStepRevisits: 10');
  }
  return problems;
}
