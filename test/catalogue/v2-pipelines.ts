import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import { JoinType, Pipeline, PipelineProps, StepRef } from '../../src/v2';

/** A Pipeline named `loop`, the construct every entry reports on. */
function loop(scope: Construct, props: PipelineProps = {}): Pipeline {
  return new Pipeline(scope, 'p', { metadata: { name: 'loop' }, ...props });
}

const entry = (input: string, build: (scope: Construct) => void, error: RegExp, fix: string) => badInput('Pipeline', 'p', input, build, error, fix);

/**
 * Pipelines Seldon's scheduler accepts and its dataflow engine then runs wrongly (scheduler/pkg/kafka/dataflow and
 * scheduler/data-flow at v2.10.2; see bad-input.ts for the shape of an entry).
 */
export const V2_PIPELINE_BAD_INPUTS: BadInput[] = [
  entry('an external input naming the pipeline itself', scope => loop(scope, { input: { externalInputs: [StepRef.fromString('loop.inputs')] } }),
    /input\.externalInputs\[0\] "loop\.inputs" names this pipeline itself: .* so each request would go round without end/,
    'Read another pipeline\'s data in `input`; a step reads this pipeline\'s own inputs through `pipeline.inputs()`.'),
  entry('a step reading the pipeline\'s own outputs without allowCycles', scope => {
    const p = loop(scope);
    const a = p.addStepForModelName('a');
    a.addInput(p.outputs());
    p.addOutput(a);
  }, /steps form a cycle: "a" -> "a" \(each step reads the previous one through inputs or triggers; "a" reads the pipeline's outputs/,
  'Read a step\'s outputs instead, or allow the loop with `allowCycles: true` and `maxStepRevisits`.'),
  entry('a step reading the pipeline\'s own outputs when no step is an output', scope => {
    const p = loop(scope);
    p.addStepForModelName('a', { inputs: [p.outputs()] });
  }, /steps\["a"\]\.inputs\[0\] "loop\.outputs" reads the pipeline's own outputs, but no step is an output/,
  'Add an output step (`addOutput(step)`) to loop back from, or read a step\'s outputs.'),
  entry('output settings without an output step', scope => {
    loop(scope, { output: { stepsJoin: JoinType.OUTER } }).addStepForModelName('a');
  }, /output\.steps is empty, but the output has stepsJoin, joinWindowMs or a tensorMap, so it is rendered: .* callers get their own request back/,
  'Add the step whose data the pipeline returns with `addOutput(step)`, or leave the output settings out.'),
  entry('a cycle with allowCycles but no maxStepRevisits', scope => {
    const p = loop(scope, { allowCycles: true });
    const a = p.addStepForModelName('a');
    const b = p.addStepForModelName('b', { inputs: [a] });
    a.addInput(b);
  }, /maxStepRevisits is not set \(0\), but the steps form a cycle .* every request that goes round the loop gets an error/,
  'Set `maxStepRevisits` to the most times a step may run again for one request.'),
  entry('batch on a step that reads two steps', scope => {
    const p = loop(scope);
    const a = p.addStepForModelName('a');
    const b = p.addStepForModelName('b');
    p.addStepForModelName('c', { inputs: [a, b], batch: { size: 8 } });
  }, /steps\["c"\]\.batch is set, but the step reads 2 topics \("a\.outputs", "b\.outputs"\): .* so the setting would be ignored/,
  'Batch on a step that reads one step (or the pipeline\'s inputs), or leave `batch` out.'),
  entry('a whole step and one of its tensors as inputs of one step', scope => {
    const p = loop(scope);
    const a = p.addStepForModelName('a');
    p.addStepForModelName('b', { inputs: [a, a.outputs('OUTPUT0')] });
  }, /steps\["b"\]\.inputs\[1\] "a\.outputs\.OUTPUT0" names a tensor of "a\.outputs", which as a whole is already listed: .* passes only the named tensors/,
  'List the whole step, or only the tensors the step needs, not both.'),
  entry('a trigger naming no step under allowCycles', scope => {
    loop(scope, { allowCycles: true }).addStepForModelName('a', { triggers: [StepRef.fromString('c.outputs.go')] });
  }, /steps\["a"\]\.triggers\[0\] "c\.outputs\.go" refers to "c", which is no step of the pipeline, so it never fires/,
  'Name a step of the pipeline in the trigger.'),
];
