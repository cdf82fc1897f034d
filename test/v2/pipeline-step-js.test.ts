/** Plain JavaScript arguments of a step's methods (review 16, F9): answered like addOutput's, with the step named. */
import { Testing } from 'cdk8s';
import { Pipeline } from '../../src/v2';

test('addInput and addTrigger of something that is no StepRef', () => {
  const p = new Pipeline(Testing.chart(), 'p', { metadata: { name: 'p' } });
  const a = p.addStepForModelName('a');
  expect(() => (a as any).addInput(null)).toThrow(/^Pipeline 'test\/p': steps\["a"\]\.addInput\(\) input is null; accepted: a StepRef from StepRef\.fromString\(\)/);
  expect(() => (a as any).addTrigger('a.outputs')).toThrow(/^Pipeline 'test\/p': steps\["a"\]\.addTrigger\(\) trigger is a string "a\.outputs"; accepted: a StepRef from StepRef\.fromString\(\)/);
  expect(() => (p as any).addOutput(null)).toThrow(/^Pipeline 'test\/p': addOutput\(\) output is null; accepted: a StepRef from StepRef\.fromString\(\)/);
});

test('options of addStepForModelName(): the call names its model, so two steps\' calls are told apart', () => {
  const p = new Pipeline(Testing.chart(), 'p', { metadata: { name: 'p' } });
  expect(() => p.addStepForModelName('iris', { inputs: 'x' as any })).toThrow(
    /^Pipeline 'test\/p': addStepForModelName\("iris"\) options\.inputs is a string "x"; accepted: an array whose elements are each a StepRef/);
  expect(() => p.addStepForModelName('wine', { tensorMap: { a: 5 as any } })).toThrow(
    /^Pipeline 'test\/p': addStepForModelName\("wine"\) options\.tensorMap\.a is the number 5; accepted: a string/);
  // The name's own problem keeps the bare call, and a value that is not a name is not shown.
  expect(() => p.addStepForModelName(5 as any, { inputs: 'x' as any })).toThrow(/addStepForModelName\(\) modelName is the number 5[^]*addStepForModelName\(\) options\.inputs/);
  expect(() => p.addStepForModelName('has space', { inputs: 'x' as any })).toThrow(/addStepForModelName\(\) options\.inputs/);
  expect(p.steps).toEqual([]);
});
