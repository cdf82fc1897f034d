/**
 * Pipelines Seldon's scheduler accepts but its dataflow engine runs wrongly
 * (review 16, against scheduler/pkg/kafka/dataflow/server.go and
 * scheduler/data-flow at v2.10.2): the library refuses them with the reason.
 */
import { Testing } from 'cdk8s';
import { JoinType, Pipeline, PipelineProps, StepRef } from '../../src/v2';

function pipeline(props: PipelineProps = {}): Pipeline {
  return new Pipeline(Testing.chart(), 'p', { metadata: { name: 'loop' }, ...props });
}

function synth(p: Pipeline): any[] {
  return Testing.synth(p.node.scope as any);
}

describe('an external input naming the pipeline itself', () => {
  test.each(['loop.inputs', 'loop.outputs', 'loop', 'loop.step.a.outputs', 'loop.inputs.x'])('%s is refused at construction', ref => {
    expect(() => pipeline({ input: { externalInputs: [StepRef.fromString(ref)] } })).toThrow(new RegExp(
      `Pipeline 'test/p': input.externalInputs\\[0\\] "${ref.replace(/\./g, '\\.')}" names this pipeline itself: Seldon accepts it, but its dataflow engine `
      + 'would write what it reads back into this pipeline\'s own topics \\(scheduler/pkg/kafka/dataflow/server.go createInputStepUpdate\\), so each request '
      + 'would go round without end; accepted: .* of another pipeline; a step reads this pipeline\'s own inputs through pipeline.inputs\\(\\)'));
  });

  test('as a trigger, and from the pipeline object itself', () => {
    const chart = Testing.chart();
    const other = new Pipeline(chart, 'other', { metadata: { name: 'other' } });
    expect(() => new Pipeline(chart, 'p', { metadata: { name: 'other2' }, input: { externalInputs: [other.outputs()], externalTriggers: [StepRef.fromString('other2.outputs')] } }))
      .toThrow(/input.externalTriggers\[0\] "other2.outputs" names this pipeline itself/);
    // another pipeline's data stays accepted
    const p = new Pipeline(chart, 'q', { metadata: { name: 'q' }, input: { externalInputs: [other.outputs()] } });
    p.addStepForModelName('m');
    other.addStepForModelName('n');
    expect(Testing.synth(chart).find(o => o.metadata.name === 'q').spec.input).toEqual({ externalInputs: ['other.outputs'] });
  });
});

describe('a step reading the pipeline\'s own outputs', () => {
  test('loops through the output steps: a cycle, refused unless allowed', () => {
    const build = (allowCycles?: boolean) => {
      const p = pipeline({ allowCycles, maxStepRevisits: allowCycles ? 5 : undefined });
      const a = p.addStepForModelName('a');
      const b = p.addStepForModelName('b', { inputs: [a, p.outputs()], inputsJoinType: JoinType.ANY });
      p.addOutput(b);
      return p;
    };
    expect(() => synth(build())).toThrow(
      /Pipeline 'test\/p': steps form a cycle: "b" -> "b" \(each step reads the previous one through inputs or triggers; "b" reads the pipeline's outputs, which its output steps \("b"\) write\); the scheduler rejects cycles unless allowed/);
    expect(synth(build(true))[0].spec.steps[1]).toEqual({ name: 'b', inputs: ['a', 'loop.outputs'], inputsJoinType: 'any' });
  });

  test('with no output step, only model errors reach them', () => {
    const p = pipeline();
    p.addStepForModelName('a', { triggers: [p.outputs('x')] });
    expect(() => synth(p)).toThrow(
      /steps\["a"\].triggers\[0\] "loop.outputs.x" reads the pipeline's own outputs, but no step is an output \(output.steps is empty\): only model errors reach them/);
  });

  test('reading its own inputs stays accepted', () => {
    const p = pipeline();
    const a = p.addStepForModelName('a', { inputs: [p.inputs()] });
    p.addOutput(a);
    expect(synth(p)[0].spec.steps).toEqual([{ name: 'a', inputs: ['loop.inputs'] }]);
  });
});

describe('output settings without an output step', () => {
  test.each([
    ['stepsJoin', { stepsJoin: JoinType.OUTER }],
    ['joinWindowMs', { joinWindowMs: 500 }],
    ['tensorMap', { tensorMap: { 'a.outputs.x': 'y' } }],
  ])('%s alone would echo the request', (_name, output) => {
    const p = pipeline({ output });
    p.addStepForModelName('a');
    expect(() => synth(p)).toThrow(
      /Pipeline 'test\/p': output.steps is empty, but the output has stepsJoin, joinWindowMs or a tensorMap, so it is rendered: Seldon's dataflow engine then reads an output without steps from the pipeline's inputs \(scheduler\/pkg\/kafka\/dataflow\/server.go createTopicSources\), and callers get their own request back; addOutput\(step\) for the data to return, or no output settings/);
  });

  test('with a step added later, or with no settings, all is well', () => {
    const p = pipeline({ output: { stepsJoin: JoinType.OUTER } });
    p.addOutput(p.addStepForModelName('a'));
    expect(synth(p)[0].spec.output).toEqual({ steps: ['a'], stepsJoin: 'outer' });
    const q = pipeline({ output: { tensorMap: {} } });
    q.addStepForModelName('a');
    expect(synth(q)[0].spec.output).toBeUndefined();
  });
});

describe('batch', () => {
  test('on a step reading two topics is refused at synth, whenever the second input comes', () => {
    const p = pipeline();
    const a = p.addStepForModelName('a');
    const b = p.addStepForModelName('b');
    const c = p.addStepForModelName('c', { inputs: [a.outputs('OUTPUT0')], batch: { size: 8 } });
    c.addInput(b.outputs('OUTPUT1'));
    expect(() => synth(p)).toThrow(
      /Pipeline 'test\/p': steps\["c"\].batch is set, but the step reads 2 topics \("a.outputs", "b.outputs"\): Seldon's dataflow engine joins several topics without batching \(data-flow PipelineStep.kt: only a step with one source topic batches\), so the setting would be ignored; batch on a step whose inputs all come from one step or from the pipeline's inputs, or no batch/);
  });

  test('on a step reading tensors of one topic, or the pipeline\'s inputs, is kept', () => {
    const p = pipeline();
    const a = p.addStepForModelName('a', { batch: { size: 4 } });
    p.addStepForModelName('c', { inputs: [a.outputs('X'), a.outputs('Y')], batch: { size: 8 } });
    expect(synth(p)[0].spec.steps).toEqual([
      { name: 'a', batch: { size: 4 } },
      { name: 'c', inputs: ['a.outputs.X', 'a.outputs.Y'], batch: { size: 8 } },
    ]);
  });
});

describe('a whole step next to one of its tensors', () => {
  test('as inputs, in either order, and as triggers', () => {
    const p = pipeline();
    const a = p.addStepForModelName('a');
    expect(() => p.addStepForModelName('b', { inputs: [a, a.outputs('OUTPUT0')] })).toThrow(
      /Pipeline 'test\/p': steps\["b"\].inputs\[1\] "a.outputs.OUTPUT0" names a tensor of "a.outputs", which as a whole is already listed: Seldon accepts both, but its dataflow engine then passes only the named tensors of that topic and drops the others \(scheduler\/data-flow PipelineStep.kt parseSources\); a whole step \("a" or "a.outputs"\), or only the tensors wanted \("a.outputs.X", "a.outputs.Y"\), not both/);
    expect(() => p.addStepForModelName('c', { inputs: [a.outputs('OUTPUT0'), a.outputs()] })).toThrow(
      /steps\["c"\].inputs\[1\] "a.outputs" names all of "a.outputs", of which a tensor is already listed/);
    const d = p.addStepForModelName('d', { triggers: [a.outputs('go')] });
    expect(() => d.addTrigger(a)).toThrow(/steps\["d"\].addTrigger\("a"\) "a" names all of "a.outputs", of which a tensor is already listed/);
    // the step's inputs and its triggers are grouped apart by the engine
    d.addInput(a);
    expect(synth(p)[0].spec.steps[1]).toEqual({ name: 'd', inputs: ['a'], triggers: ['a.outputs.go'] });
  });

  test('as outputs', () => {
    const p = pipeline();
    const a = p.addStepForModelName('a');
    p.addOutput(a);
    expect(() => p.addOutput(a.outputs('OUTPUT0'))).toThrow(/addOutput\("a.outputs.OUTPUT0"\) "a.outputs.OUTPUT0" names a tensor of "a.outputs", which as a whole is already listed/);
    // inputs and outputs of one step are two topics
    p.addOutput(a.inputs('x'));
    expect(synth(p)[0].spec.output).toEqual({ steps: ['a', 'a.inputs.x'] });
  });
});

test('a trigger naming no step under allowCycles says it would never fire', () => {
  const p = pipeline({ allowCycles: true });
  p.addStepForModelName('a', { triggers: [StepRef.fromString('c.outputs.go')] });
  expect(() => synth(p)).toThrow(
    /steps\["a"\].triggers\[0\] "c.outputs.go" refers to "c", which is no step of the pipeline, so it never fires; Seldon would accept it \(with allowCycles it checks no trigger\), but the library refuses it as a likely mistake/);
});
