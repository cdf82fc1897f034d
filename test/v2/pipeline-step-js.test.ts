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
