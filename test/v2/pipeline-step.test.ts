import { Testing } from 'cdk8s';
import { JoinType, Pipeline, PipelineStep, StepRef } from '../../src/v2';

function pipeline(name = 'p'): Pipeline {
  return new Pipeline(Testing.chart(), name, { metadata: { name } });
}

function stepSpecs(p: Pipeline): any[] {
  return Testing.synth(p.node.scope as any)[0].spec.steps;
}

describe('PipelineStep', () => {
  test('is a reference to its outputs, and builds references to its tensors', () => {
    const p = pipeline('chain');
    const step = p.addStepForModelName('tfsimple1');
    expect(step).toBeInstanceOf(StepRef);
    expect(step.value).toBe('tfsimple1');
    expect(step.name).toBe('tfsimple1');
    expect(step.pipeline).toBe(p);
    expect(step.outputs().value).toBe('tfsimple1.outputs');
    expect(step.outputs('OUTPUT0').value).toBe('tfsimple1.outputs.OUTPUT0');
    expect(step.outputs('OUTPUT0').tensor).toBe('OUTPUT0');
    expect(step.inputs().value).toBe('tfsimple1.inputs');
    expect(`${step.inputs('INPUT0')}`).toBe('tfsimple1.inputs.INPUT0');
    expect(step.externalOutputs().value).toBe('chain.step.tfsimple1.outputs');
    expect(step.externalOutputs('OUTPUT1').value).toBe('chain.step.tfsimple1.outputs.OUTPUT1');
    expect(step.externalInputs('INPUT0').value).toBe('chain.step.tfsimple1.inputs.INPUT0');
    expect(step.outputs('OUT.0').problem).toBe('"tfsimple1.outputs.OUT.0" has 4 parts; a tensor name cannot contain "."');
  });

  test('options are rendered; an empty tensor map is not', () => {
    const p = pipeline();
    const a = p.addStepForModelName('a', { tensorMap: {} });
    p.addStepForModelName('b', {
      inputs: [a.outputs('x'), p.inputs('y')],
      inputsJoinType: JoinType.OUTER,
      triggers: [a.outputs('go')],
      triggersJoinType: JoinType.INNER,
      joinWindowMs: 0,
      batch: { rolling: false },
    });
    expect(stepSpecs(p)).toEqual([
      { name: 'a' },
      { name: 'b', inputs: ['a.outputs.x', 'p.inputs.y'], inputsJoinType: 'outer', triggers: ['a.outputs.go'], triggersJoinType: 'inner', joinWindowMs: 0, batch: { rolling: false } },
    ]);
  });

  test('options are copied: later changes to the caller\'s objects are not rendered unchecked', () => {
    const p = pipeline();
    const tensorMap: { [key: string]: string } = { 'p.inputs.a': 'A' };
    const batch = { size: 1 };
    p.addStepForModelName('a', { tensorMap, batch });
    tensorMap['bad key'] = 'x';
    batch.size = -1;
    expect(stepSpecs(p)).toEqual([{ name: 'a', tensorMap: { 'p.inputs.a': 'A' }, batch: { size: 1 } }]);
  });

  test('addInput and addTrigger append after construction', () => {
    const p = pipeline();
    const a = p.addStepForModelName('a');
    const b = p.addStepForModelName('b');
    b.addInput(a.outputs('x'));
    b.addTrigger(StepRef.fromString('p.inputs.ok'));
    expect(stepSpecs(p)[1]).toEqual({ name: 'b', inputs: ['a.outputs.x'], triggers: ['p.inputs.ok'] });
  });

  test('the same step as input and, for one tensor, as trigger is accepted (Seldon\'s counter-pipeline)', () => {
    const p = pipeline();
    const counter = p.addStepForModelName('counter');
    expect(() => p.addStepForModelName('identity-output', { inputs: [counter.outputs()], triggers: [counter.outputs('stop')] })).not.toThrow();
  });

  describe('rejects', () => {
    test('repeated inputs or triggers, "x" and "x.outputs" being the same', () => {
      const p = pipeline();
      const a = p.addStepForModelName('a');
      expect(() => p.addStepForModelName('b', { inputs: [a, a.outputs()] })).toThrow(
        /Pipeline 'test\/p': steps\["b"\].inputs\[1\] "a.outputs" is already one of the step's inputs; Seldon would accept it \(the dataflow engine merges repeats\), but the library refuses it as a likely mistake; each input once \("x" and "x.outputs" are the same\)/);
      const b = p.addStepForModelName('b', { triggers: [StepRef.fromString('p')] });
      expect(() => b.addTrigger(p.inputs())).toThrow(/Pipeline 'test\/p': steps\["b"\].addTrigger\("p.inputs"\) "p.inputs" is already one of the step's triggers; Seldon would accept it.*; each trigger once/);
    });


    test('malformed references, naming the step and the position', () => {
      const p = pipeline();
      expect(() => p.addStepForModelName('b', { inputs: [StepRef.fromString('a.output')] })).toThrow(
        /Pipeline 'test\/p': steps\["b"\].inputs\[0\] "a.output" has "output" where "inputs" or "outputs" belongs; accepted: "<step>", "<step>.inputs\|outputs" or "<step>.inputs\|outputs.<tensor>" for a step of this pipeline, or "<pipeline>.inputs\[.<tensor>\]" for the pipeline's own inputs/);
      const b = p.addStepForModelName('b');
      expect(() => b.addTrigger(undefined as unknown as StepRef)).toThrow(/steps\["b"\].addTrigger\(\) trigger is missing; accepted: a StepRef from StepRef.fromString\(\)/);
      expect(() => b.addInput(StepRef.fromString(''))).toThrow(/steps\["b"\].addInput\(""\) "" is not a step reference \(empty or not a string\)/);
    });

    test('join types, windows and batches the CRD refuses', () => {
      const p = pipeline();
      expect(() => p.addStepForModelName('b', {
        inputsJoinType: 'INNER' as JoinType,
        triggersJoinType: 'all' as JoinType,
        joinWindowMs: -1,
        batch: { size: 2.5, windowMs: 2 ** 31 },
      })).toThrow(new RegExp([
        'Pipeline \'test/p\': steps\\["b"\\].inputsJoinType "INNER" is not a join type; accepted: JoinType.INNER, OUTER or ANY',
        'Pipeline \'test/p\': steps\\["b"\\].triggersJoinType "all" is not a join type',
        'Pipeline \'test/p\': steps\\["b"\\].joinWindowMs -1 is not a whole number from 0 to 2147483647; milliseconds or a count, e.g. 100',
        'Pipeline \'test/p\': steps\\["b"\\].batch.size 2.5 is not a whole number',
        'Pipeline \'test/p\': steps\\["b"\\].batch.windowMs 2147483648 is not a whole number',
      ].join('[^\\n]*\n')));
      expect(p.steps).toEqual([]);
    });

    test('tensor map keys that name no tensor, or reach into another pipeline', () => {
      const p = pipeline();
      expect(() => p.addStepForModelName('b', { tensorMap: { 'a.outputs': 'X', 'o.step.a.outputs.t': 'Y' } })).toThrow(
        /Pipeline 'test\/p': steps\["b"\].tensorMap\["a.outputs"\] key "a.outputs" names no tensor, so it matches nothing; Seldon would accept it .*; accepted: keys naming one tensor[\s\S]*steps\["b"\].tensorMap\["o.step.a.outputs.t"\] key "o.step.a.outputs.t" reaches into a step of another pipeline/);
    });
  });

  test('cannot be created except through a Pipeline', () => {
    expect(typeof (PipelineStep as any)._create).toBe('function');
  });
});
