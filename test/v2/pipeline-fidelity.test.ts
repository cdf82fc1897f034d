import { Testing } from 'cdk8s';
import { Pipeline, StepRef } from '../../src/v2';

/** What Seldon's scheduler takes in a Pipeline that the library once refused (SELDON-FACTS §2.11). */
describe('Pipelines Seldon accepts (scheduler/pkg/store/pipeline/validate.go and utils.go at v2.10.2)', () => {
  const synth = (build: (p: Pipeline) => void) => {
    const chart = Testing.chart();
    const p = new Pipeline(chart, 'p', { metadata: { name: 'p' } });
    build(p);
    return Testing.synth(chart)[0].spec;
  };

  test('tensorMap keys and values with "." (the dataflow engine matches "<topic>.<tensor>", the only way to rename such tensors)', () => {
    const spec = synth(p => {
      const a = p.addStepForModelName('a');
      const b = p.addStepForModelName('b', { inputs: [a], tensorMap: { 'a.outputs.out.0': 'in.0' } });
      p.addOutput(b);
    });
    expect(spec.steps[1].tensorMap).toEqual({ 'a.outputs.out.0': 'in.0' });
    const output = synth(p => {
      p.addOutput(p.addStepForModelName('a'));
    });
    expect(output.steps).toHaveLength(1);
    const chart = Testing.chart();
    const withMaps = new Pipeline(chart, 'p', {
      metadata: { name: 'p' },
      input: { externalInputs: [StepRef.fromString('other.outputs')], tensorMap: { 'other.outputs.x': 'z.w' } },
      output: { tensorMap: { 'a.outputs.x.y': 'r.s' } },
    });
    withMaps.addOutput(withMaps.addStepForModelName('a'));
    const rendered = Testing.synth(chart)[0].spec;
    expect(rendered.input.tensorMap).toEqual({ 'other.outputs.x': 'z.w' });
    expect(rendered.output.tensorMap).toEqual({ 'a.outputs.x.y': 'r.s' });
  });

  test.each(['other.outputs.x.y', 'other.step.s.outputs.x.y'])('an input.tensorMap key %p whose tensor has a "." is refused: Seldon maps only keys of 3 or 5 parts there', key => {
    const chart = Testing.chart();
    expect(() => new Pipeline(chart, 'p', { metadata: { name: 'p' }, input: { externalInputs: [StepRef.fromString('other.outputs')], tensorMap: { [key]: 'z' } } }))
      .toThrow(new RegExp(`input\\.tensorMap\\["${key.replace(/\./g, '\\.')}"\\] key .* names tensor "x\\.y", whose "\\." gives the key a part too many: `
        + '.*GetFullyQualifiedPipelineTensorMap\\), so the tensor would never be renamed'));
  });

  test.each(['other', 'other.step.tfsimple'])('external input and trigger %p, which updateExternalInputSteps rewrites to ".outputs" before validating', ref => {
    const chart = Testing.chart();
    const p = new Pipeline(chart, 'p', { metadata: { name: 'p' }, input: { externalInputs: [StepRef.fromString(ref)], externalTriggers: [StepRef.fromString(ref)] } });
    p.addStepForModelName('a');
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.input.externalInputs).toEqual([ref]);
    expect(spec.input.externalTriggers).toEqual([ref]);
  });

  test('the same data as input and trigger (checkInputsAndTriggersDiffer compares a whole trigger with input step names and cannot fire)', () => {
    const spec = synth(p => {
      const a = p.addStepForModelName('a');
      p.addStepForModelName('b', { inputs: [a], triggers: [a.outputs()] });
    });
    expect(spec.steps[1]).toMatchObject({ inputs: ['a'], triggers: ['a.outputs'] });
  });
});
