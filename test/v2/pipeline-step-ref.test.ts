import { StepRef } from '../../src/v2';

describe('StepRef', () => {
  test.each([
    ['tfsimple1', 'tfsimple1', undefined],
    ['tfsimple1.outputs', 'tfsimple1', undefined],
    ['tfsimple1.inputs.INPUT0', 'tfsimple1', 'INPUT0'],
    ['counter.outputs.continue', 'counter', 'continue'],
    ['tfsimple.step.tfsimple1.outputs', 'tfsimple', undefined],
    ['tfsimple.step.tfsimple1.outputs.OUTPUT0', 'tfsimple', 'OUTPUT0'],
  ])('%s is well-formed', (value, name, tensor) => {
    const ref = StepRef.fromString(value);
    expect(ref.problem).toBeUndefined();
    expect(ref.value).toBe(value);
    expect(ref.name).toBe(name);
    expect(ref.tensor).toBe(tensor);
    expect(`${ref}`).toBe(value);
  });

  test.each([
    ['', '"" is not a step reference (empty or not a string)'],
    ['a .outputs', '"a .outputs" contains whitespace'],
    ['a..b', '"a..b" has an empty part around "."'],
    ['.outputs', '".outputs" has an empty part around "."'],
    ['Model.outputs', '"Model.outputs" starts with "Model", which cannot be a step or pipeline name (lower-case letters, digits and "-")'],
    ['a.output', '"a.output" has "output" where "inputs" or "outputs" belongs'],
    ['a.outputs.t.u', '"a.outputs.t.u" has 4 parts; a tensor name cannot contain "."'],
    ['p.step', '"p.step" reaches into a step of pipeline "p" but is not "<pipeline>.step.<step>[.inputs|outputs[.<tensor>]]"'],
    ['p.step.a.out', '"p.step.a.out" reaches into a step of pipeline "p" but is not "<pipeline>.step.<step>[.inputs|outputs[.<tensor>]]"'],
    ['p.step.A.outputs', '"p.step.A.outputs" names step "A", which cannot be a step name'],
  ])('%j is malformed', (value, problem) => {
    const ref = StepRef.fromString(value);
    expect(ref.problem).toBe(problem);
    expect(ref.name).toBe('');
    expect(ref.value).toBe(value);
  });
});
