import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ModelUri } from '../../src/model-uri';
import { JoinType, Pipeline, PipelineProps, SeldonModel, StepRef } from '../../src/v2';

const SIMPLE = ModelUri.parse('gs://seldon-models/triton/simple');

/** A tfsimple model as in Seldon's samples/models/tfsimple*.yaml. */
function tf(scope: Construct, name: string): SeldonModel {
  return new SeldonModel(scope, name, { metadata: { name }, storageUri: SIMPLE, requirements: ['tensorflow'] });
}

function pipelineOf(chart: Chart): any {
  const objects = Testing.synth(chart).filter(o => o.kind === 'Pipeline');
  expect(objects).toHaveLength(1);
  return objects[0];
}

describe('Pipeline', () => {
  test('tfsimples: two models chained, tensors renamed (samples/pipelines/tfsimples.yaml)', () => {
    const chart = Testing.chart();
    const tfsimple1 = tf(chart, 'tfsimple1');
    const tfsimple2 = tf(chart, 'tfsimple2');
    const pipeline = new Pipeline(chart, 'tfsimples', { metadata: { name: 'tfsimples' } });
    const first = pipeline.addStep(tfsimple1);
    const second = pipeline.addStep(tfsimple2, {
      inputs: [first],
      tensorMap: {
        [`${first.outputs('OUTPUT0')}`]: 'INPUT0',
        [`${first.outputs('OUTPUT1')}`]: 'INPUT1',
      },
    });
    pipeline.addOutput(second);

    expect(pipelineOf(chart)).toEqual({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Pipeline',
      metadata: { name: 'tfsimples' },
      spec: {
        steps: [
          { name: 'tfsimple1' },
          { name: 'tfsimple2', inputs: ['tfsimple1'], tensorMap: { 'tfsimple1.outputs.OUTPUT0': 'INPUT0', 'tfsimple1.outputs.OUTPUT1': 'INPUT1' } },
        ],
        output: { steps: ['tfsimple2'] },
      },
    });
    expect(pipeline.name).toBe('tfsimples');
    expect(pipeline.steps.map(s => s.name)).toEqual(['tfsimple1', 'tfsimple2']);
    expect(second.model).toBe(tfsimple2);
    expect(Testing.synth(chart).map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Model/tfsimple1', 'Model/tfsimple2', 'Pipeline/tfsimples']);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('join: one tensor from each of two steps (samples/pipelines/tfsimples-join.yaml)', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'join', { metadata: { name: 'join' } });
    const a = pipeline.addStep(tf(chart, 'tfsimple1'));
    const b = pipeline.addStep(tf(chart, 'tfsimple2'));
    const c = pipeline.addStep(tf(chart, 'tfsimple3'), {
      inputs: [a.outputs('OUTPUT0'), b.outputs('OUTPUT1')],
      tensorMap: { 'tfsimple1.outputs.OUTPUT0': 'INPUT0', 'tfsimple2.outputs.OUTPUT1': 'INPUT1' },
    });
    pipeline.addOutput(c);
    expect(pipelineOf(chart).spec.steps[2]).toEqual({
      name: 'tfsimple3',
      inputs: ['tfsimple1.outputs.OUTPUT0', 'tfsimple2.outputs.OUTPUT1'],
      tensorMap: { 'tfsimple1.outputs.OUTPUT0': 'INPUT0', 'tfsimple2.outputs.OUTPUT1': 'INPUT1' },
    });
  });

  test('a trigger: the step runs only when another step has output (samples/pipelines/tfsimples-join-outlier.yaml)', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'joincheck', { metadata: { name: 'joincheck' } });
    const a = pipeline.addStep(tf(chart, 'tfsimple1'));
    const b = pipeline.addStep(tf(chart, 'tfsimple2'));
    const check = pipeline.addStep(tf(chart, 'check'), { inputs: [a.outputs('OUTPUT0')], tensorMap: { 'tfsimple1.outputs.OUTPUT0': 'INPUT' } });
    const c = pipeline.addStep(tf(chart, 'tfsimple3'), {
      inputs: [a.outputs('OUTPUT0'), b.outputs('OUTPUT1')],
      tensorMap: { 'tfsimple1.outputs.OUTPUT0': 'INPUT0', 'tfsimple2.outputs.OUTPUT1': 'INPUT1' },
      triggers: [check.outputs('OUTPUT')],
    });
    pipeline.addOutput(c);
    const spec = pipelineOf(chart).spec;
    expect(spec.steps[3].triggers).toEqual(['check.outputs.OUTPUT']);
    expect(spec.output).toEqual({ steps: ['tfsimple3'] });
  });

  test('triggers on the pipeline\'s own inputs, models outside the app (samples/pipelines/trigger-joins.yaml)', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'trigger-joins', { metadata: { name: 'trigger-joins' }, output: { stepsJoin: JoinType.ANY } });
    const mul10 = pipeline.addStepForModelName('mul10', {
      inputs: [pipeline.inputs('INPUT')],
      triggers: [pipeline.inputs('ok1'), pipeline.inputs('ok2')],
      triggersJoinType: JoinType.ANY,
    });
    const add10 = pipeline.addStepForModelName('add10', { inputs: [pipeline.inputs('INPUT')], triggers: [StepRef.fromString('trigger-joins.inputs.ok3')] });
    pipeline.addOutput(mul10);
    pipeline.addOutput(add10);
    expect(pipelineOf(chart).spec).toEqual({
      steps: [
        { name: 'mul10', inputs: ['trigger-joins.inputs.INPUT'], triggers: ['trigger-joins.inputs.ok1', 'trigger-joins.inputs.ok2'], triggersJoinType: 'any' },
        { name: 'add10', inputs: ['trigger-joins.inputs.INPUT'], triggers: ['trigger-joins.inputs.ok3'] },
      ],
      output: { steps: ['mul10', 'add10'], stepsJoin: 'any' },
    });
    expect(mul10.model).toBeUndefined();
  });

  test('a cyclic pipeline with a loop closed by addInput (Seldon\'s counter-pipeline)', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'counter-pipeline', { metadata: { name: 'counter-pipeline' }, allowCycles: true, maxStepRevisits: 100 });
    const counter = pipeline.addStepForModelName('counter', { inputsJoinType: JoinType.ANY, inputs: [pipeline.inputs()] });
    const output = pipeline.addStepForModelName('identity-output', { joinWindowMs: 1, inputs: [counter.outputs()], triggers: [counter.outputs('stop')] });
    const loop = pipeline.addStepForModelName('identity-loop', { joinWindowMs: 1, inputs: [counter.outputs('output')], triggers: [counter.outputs('continue')] });
    counter.addInput(loop.outputs());
    pipeline.addOutput(output.outputs());
    expect(pipelineOf(chart).spec).toEqual({
      allowCycles: true,
      maxStepRevisits: 100,
      steps: [
        { name: 'counter', inputsJoinType: 'any', inputs: ['counter-pipeline.inputs', 'identity-loop.outputs'] },
        { name: 'identity-output', joinWindowMs: 1, inputs: ['counter.outputs'], triggers: ['counter.outputs.stop'] },
        { name: 'identity-loop', joinWindowMs: 1, inputs: ['counter.outputs.output'], triggers: ['counter.outputs.continue'] },
      ],
      output: { steps: ['identity-output.outputs'] },
    });
  });

  test('reading another pipeline: a step of it, and its outputs with a trigger (samples/pipelines/tfsimple-extended-step.yaml, tfsimple-combined-trigger.yaml)', () => {
    const chart = Testing.chart();
    const tfsimple1 = tf(chart, 'tfsimple1');
    const tfsimple2 = tf(chart, 'tfsimple2');
    const tfsimple = new Pipeline(chart, 'tfsimple', { metadata: { name: 'tfsimple' } });
    const step1 = tfsimple.addStep(tfsimple1);
    tfsimple.addOutput(step1);

    const extended = new Pipeline(chart, 'extended', {
      metadata: { name: 'tfsimple-extended-step' },
      input: {
        externalInputs: [step1.externalOutputs()],
        tensorMap: { [`${step1.externalOutputs('OUTPUT0')}`]: 'INPUT0', 'tfsimple.step.tfsimple1.outputs.OUTPUT1': 'INPUT1' },
      },
    });
    extended.addOutput(extended.addStep(tfsimple2));

    const combined = new Pipeline(chart, 'combined', {
      metadata: { name: 'tfsimple-combined-trigger' },
      input: {
        externalInputs: [extended.outputs()],
        externalTriggers: [StepRef.fromString('tfsimple-extended2.outputs')],
        tensorMap: { 'tfsimple-extended-step.outputs.OUTPUT0': 'INPUT0', 'tfsimple-extended-step.outputs.OUTPUT1': 'INPUT1' },
      },
    });
    combined.addOutput(combined.addStep(tfsimple2));

    const [, , ...pipelines] = Testing.synth(chart).map(o => o.spec);
    expect(pipelines[1]).toEqual({
      input: {
        externalInputs: ['tfsimple.step.tfsimple1.outputs'],
        tensorMap: { 'tfsimple.step.tfsimple1.outputs.OUTPUT0': 'INPUT0', 'tfsimple.step.tfsimple1.outputs.OUTPUT1': 'INPUT1' },
      },
      steps: [{ name: 'tfsimple2' }],
      output: { steps: ['tfsimple2'] },
    });
    expect(pipelines[2].input).toEqual({
      externalInputs: ['tfsimple-extended-step.outputs'],
      externalTriggers: ['tfsimple-extended2.outputs'],
      tensorMap: { 'tfsimple-extended-step.outputs.OUTPUT0': 'INPUT0', 'tfsimple-extended-step.outputs.OUTPUT1': 'INPUT1' },
    });
  });

  test('every other field: batch, join windows and types, output tensor map, dataflow', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'iris-batch', {
      metadata: { name: 'iris-batch' },
      input: { externalInputs: [StepRef.fromString('upstream.outputs')], joinType: JoinType.OUTER, triggersJoinType: JoinType.ANY, joinWindowMs: 500 },
      output: { steps: [StepRef.fromString('iris')], stepsJoin: JoinType.INNER, joinWindowMs: 200, tensorMap: { 'iris.outputs.predict': 'class' } },
      allowCycles: false,
      dataflow: { cleanTopicsOnDelete: true },
    });
    pipeline.addStepForModelName('iris', { batch: { size: 2, windowMs: 1000, rolling: true }, inputsJoinType: JoinType.OUTER, joinWindowMs: 100 });
    expect(pipelineOf(chart).spec).toEqual({
      input: { externalInputs: ['upstream.outputs'], joinType: 'outer', triggersJoinType: 'any', joinWindowMs: 500 },
      steps: [{ name: 'iris', batch: { size: 2, windowMs: 1000, rolling: true }, inputsJoinType: 'outer', joinWindowMs: 100 }],
      output: { steps: ['iris'], stepsJoin: 'inner', joinWindowMs: 200, tensorMap: { 'iris.outputs.predict': 'class' } },
      allowCycles: false,
      dataflow: { cleanTopicsOnDelete: true },
    });
  });

  test('defaults: a generated name, one step, no output', () => {
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'iris');
    pipeline.addStepForModelName('iris-model');
    const object = pipelineOf(chart);
    expect(object).toEqual({ apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Pipeline', metadata: { name: pipeline.name }, spec: { steps: [{ name: 'iris-model' }] } });
    expect(pipeline.name).toMatch(/^test-iris-[0-9a-f]{8}$/);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('the Pipeline is applied after the Models its steps run, wherever they are defined', () => {
    const app = Testing.app();
    const pipelines = new Chart(app, 'pipelines', { namespace: 'seldon-mesh' });
    const models = new Chart(app, 'models', { namespace: 'seldon-mesh' });
    const pipeline = new Pipeline(pipelines, 'a-pipeline', { metadata: { name: 'chain' } });
    // A scope created after the Pipeline: in tree order its model would come second.
    const local = new Construct(pipelines, 'z-models');
    const tfsimple1 = tf(local, 'tfsimple1');
    const tfsimple2 = tf(models, 'tfsimple2');
    pipeline.addStep(tfsimple2, { inputs: [pipeline.addStep(tfsimple1)] });
    // Across charts cdk8s orders the charts, so that dependency is declared at once.
    expect(pipeline.apiObject.node.dependencies).toEqual([tfsimple2.apiObject]);
    expect(Testing.synth(pipelines).map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Model/tfsimple1', 'Pipeline/chain']);
    expect(pipelines.node.dependencies).toContain(models);
  });

  test('namespace and labels come from the chart; a JSON patch shows up', () => {
    const chart = new Chart(Testing.app(), 'pipelines', { namespace: 'seldon-mesh', labels: { team: 'ml' } });
    const pipeline = new Pipeline(chart, 'chain', { metadata: { name: 'chain' } });
    pipeline.addStepForModelName('iris');
    ApiObject.of(pipeline).addJsonPatch(JsonPatch.add('/spec/steps/0/joinWindowMs', 50));
    const object = pipelineOf(chart);
    expect(object.metadata).toEqual({ name: 'chain', namespace: 'seldon-mesh', labels: { team: 'ml' } });
    expect(object.spec.steps[0]).toEqual({ name: 'iris', joinWindowMs: 50 });
    expect(pipeline.apiObject).toBe(ApiObject.of(pipeline));
  });

  test('two pipelines in one chart share a model', () => {
    const chart = Testing.chart();
    const iris = new SeldonModel(chart, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.parse('gs://seldon-models/mlserver/iris') });
    const a = new Pipeline(chart, 'a', { metadata: { name: 'iris-a' } });
    const b = new Pipeline(chart, 'b', { metadata: { name: 'iris-b' } });
    a.addOutput(a.addStep(iris));
    b.addStep(iris, { batch: { size: 10 } });
    const objects = Testing.synth(chart);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Model/iris', 'Pipeline/iris-a', 'Pipeline/iris-b']);
    expect(objects[1].spec).toEqual({ steps: [{ name: 'iris' }], output: { steps: ['iris'] } });
    expect(objects[2].spec).toEqual({ steps: [{ name: 'iris', batch: { size: 10 } }] });
  });

  test('findStep and steps', () => {
    const pipeline = new Pipeline(Testing.chart(), 'p', { metadata: { name: 'p' } });
    const step = pipeline.addStepForModelName('iris');
    expect(pipeline.findStep('iris')).toBe(step);
    expect(pipeline.findStep('wine')).toBeUndefined();
    pipeline.steps.pop();
    expect(pipeline.steps).toHaveLength(1);
  });

  test('references to the pipeline itself', () => {
    const pipeline = new Pipeline(Testing.chart(), 'p', { metadata: { name: 'p' } });
    expect(pipeline.inputs().value).toBe('p.inputs');
    expect(pipeline.inputs('INPUT0').value).toBe('p.inputs.INPUT0');
    expect(pipeline.outputs().value).toBe('p.outputs');
    expect(`${pipeline.outputs('OUTPUT0')}`).toBe('p.outputs.OUTPUT0');
  });

  test('a 12,000-step join and a 12,000-step chain synthesize: the checks have no recursion limit', () => {
    // Their linear cost is counted where it is decided (findCycle, pipeline-validation.test.ts), never timed.
    // A recursive walk of this kind overflows Node's default stack at about 5,000-11,000 levels.
    const synth = (steps: number) => {
      const chart = Testing.chart();
      const wide = new Pipeline(chart, 'wide', { metadata: { name: 'wide' } });
      const sources = Array.from({ length: steps }, (_, i) => wide.addStepForModelName(`m${i}`));
      wide.addOutput(wide.addStepForModelName('join', { inputs: sources.map(s => s.outputs('t')), inputsJoinType: JoinType.ANY }));
      const long = new Pipeline(chart, 'long', { metadata: { name: 'long' } });
      let previous = long.addStepForModelName('m0');
      for (let i = 1; i < steps; i++) previous = long.addStepForModelName(`m${i}`, { inputs: [previous] });
      const [wideDoc, longDoc] = Testing.synth(chart);
      expect(wideDoc.spec.steps).toHaveLength(steps + 1);
      expect(longDoc.spec.steps).toHaveLength(steps);
    };
    synth(12_000);
  });

  describe('rejects, when created', () => {
    const make = (props: PipelineProps, id = 'p') => () => new Pipeline(Testing.chart(), id, { metadata: { name: 'p' }, ...props });

    test('names the scheduler refuses', () => {
      expect(make({ metadata: { name: 'tf.simples' } })).toThrow(
        /Pipeline 'test\/p': metadata.name "tf.simples" is not a valid Seldon v2 pipeline name; a Seldon v2 name is accepted: lower-case letters, digits and "-".*no "."/);
      expect(() => new Pipeline(Testing.chart(), 'tf_simples')).toThrow(
        /Pipeline 'test\/tf_simples': metadata.name "test-tf_simples-[0-9a-f]{8}" is not a valid Seldon v2 pipeline name \(generated from the construct path: set metadata.name/);
    });

    test('an input without external inputs, or with malformed ones', () => {
      expect(make({ input: { externalInputs: [] } })).toThrow(
        /Pipeline 'test\/p': input.externalInputs is empty; the scheduler rejects an input without external inputs \("At least one pipeline input must be specified"\); at least one other pipeline's data/);
      expect(make({ input: { externalInputs: [StepRef.fromString('other.outputs')], externalTriggers: [StepRef.fromString('other.step.x.out')] } })).toThrow(
        /input.externalTriggers\[0\] "other.step.x.out" reaches into a step of pipeline "other" but is not "<pipeline>.step.<step>\[.inputs\|outputs\[.<tensor>\]\]"/);
    });

    test('a JavaScript string where a StepRef belongs', () => {
      expect(make({ output: { steps: ['iris' as unknown as StepRef] } })).toThrow(
        /Pipeline 'test\/p': output.steps\[0\] is a string "iris"; accepted: a StepRef from StepRef.fromString\(\) \(for this string: StepRef.fromString\("iris"\)\)/);
    });

    test('an output reaching into another pipeline, or repeated', () => {
      expect(make({ output: { steps: [StepRef.fromString('other.step.iris.outputs')] } })).toThrow(
        /Pipeline 'test\/p': output.steps\[0\] "other.step.iris.outputs" reaches into a step of another pipeline, which only input.externalInputs and input.externalTriggers may do; accepted: "<step>", "<step>.inputs\|outputs" or "<step>.inputs\|outputs.<tensor>" for a step of this pipeline/);
      expect(make({ output: { steps: [StepRef.fromString('iris'), StepRef.fromString('iris.outputs')] } })).toThrow(
        /Pipeline 'test\/p': output.steps\[1\] "iris.outputs" is already an output; Seldon would accept it \(the dataflow engine merges repeats\).*; each output once \("x" and "x.outputs" are the same\)/);
      const pipeline = make({})();
      pipeline.addOutput(StepRef.fromString('iris.outputs.a'));
      expect(() => pipeline.addOutput(StepRef.fromString('iris.outputs.a'))).toThrow(/Pipeline 'test\/p': addOutput\("iris.outputs.a"\) "iris.outputs.a" is already an output/);
    });

    test('join types and windows the CRD refuses', () => {
      expect(make({ output: { stepsJoin: 'left' as JoinType, joinWindowMs: -1 } })).toThrow(
        /Pipeline 'test\/p': output.stepsJoin "left" is not a join type; accepted: JoinType.INNER, OUTER or ANY\nPipeline 'test\/p': output.joinWindowMs -1 is not a whole number from 0 to 2147483647; milliseconds or a count/);
      expect(make({ input: { externalInputs: [StepRef.fromString('o.outputs')], joinWindowMs: 1.5 } })).toThrow(/input.joinWindowMs 1.5 is not a whole number/);
    });

    test('maxStepRevisits without allowCycles, or not a count', () => {
      expect(make({ maxStepRevisits: 10 })).toThrow(
        /Pipeline 'test\/p': maxStepRevisits is set, but allowCycles is not true; only a cyclic pipeline revisits steps. Seldon would accept it \(it ignores the setting\), but the library refuses it as a likely mistake; allowCycles: true with maxStepRevisits, or no maxStepRevisits/);
      expect(make({ allowCycles: true, maxStepRevisits: -5 })).toThrow(/Pipeline 'test\/p': maxStepRevisits -5 is not a whole number from 0 to 2147483647; a count, e.g. 100/);
    });

    test('tensor maps whose keys name no tensor, or whose values are no tensor names', () => {
      expect(make({ output: { tensorMap: { iris: 'x' } } })).toThrow(
        /Pipeline 'test\/p': output.tensorMap\["iris"\] key "iris" names no tensor, so it matches nothing; Seldon would accept it .*; accepted: keys naming one tensor, "<step>.inputs\|outputs.<tensor>"/);
      expect(make({ input: { externalInputs: [StepRef.fromString('o.outputs')], tensorMap: { 'o.outputs.a': 'b c' } } })).toThrow(
        /input.tensorMap\["o.outputs.a"\] maps to "b c", which is not a tensor name \(non-empty, no whitespace\)/);
    });

    test('steps named like the pipeline, twice, or not as a model', () => {
      const pipeline = make({})();
      expect(() => pipeline.addStepForModelName('p')).toThrow(
        /Pipeline 'test\/p': addStepForModelName\("p"\) "p" is the pipeline's own name; the scheduler rejects a step named like its pipeline/);
      pipeline.addStepForModelName('iris');
      expect(() => pipeline.addStepForModelName('iris')).toThrow(/Pipeline 'test\/p': addStepForModelName\("iris"\) "iris" is already a step of the pipeline; each model once per pipeline/);
      expect(() => pipeline.addStepForModelName('Iris_2')).toThrow(
        /Pipeline 'test\/p': addStepForModelName\("Iris_2"\) "Iris_2" is not a valid step name \(a step is named after its model\); a Seldon v2 name is accepted/);
      expect(() => pipeline.addStep('iris' as unknown as SeldonModel)).toThrow(
        /Pipeline 'test\/p': addStep\(\) model is a string "iris"; accepted: a SeldonModel from new SeldonModel\(\)/);
      expect(pipeline.steps).toHaveLength(1);
    });

    test('data of another pipeline read as a step input', () => {
      const chart = Testing.chart();
      const other = new Pipeline(chart, 'other', { metadata: { name: 'other' } });
      const foreign = other.addStepForModelName('iris');
      const pipeline = new Pipeline(chart, 'p', { metadata: { name: 'p' } });
      expect(() => pipeline.addStepForModelName('wine', { inputs: [foreign] })).toThrow(
        /Pipeline 'test\/p': steps\["wine"\].inputs\[0\] "iris" was built from a step of Pipeline 'test\/other'; another pipeline's data is read through input.externalInputs, e.g. with step.externalOutputs\(\)/);
      expect(() => pipeline.addStepForModelName('wine', { inputs: [other.outputs()] })).toThrow(
        /Pipeline 'test\/p': steps\["wine"\].inputs\[0\] "other.outputs" names Pipeline 'test\/other'; another pipeline's data is read through input.externalInputs/);
      expect(() => pipeline.addStepForModelName('wine', { inputs: [foreign.externalOutputs()] })).toThrow(
        /steps\["wine"\].inputs\[0\] "other.step.iris.outputs" reaches into a step of another pipeline/);
    });
  });

  describe('rejects, at synth', () => {
    test('a pipeline without steps', () => {
      const chart = Testing.chart();
      new Pipeline(chart, 'p', { metadata: { name: 'p' } });
      expect(() => Testing.synth(chart)).toThrow(
        /Pipeline 'test\/p': steps is empty; the scheduler rejects a pipeline without steps; at least one step: addStep\(model\) or addStepForModelName\(name\)/);
    });

    test('inputs, triggers and tensor maps naming no step', () => {
      const chart = Testing.chart();
      const pipeline = new Pipeline(chart, 'p', { metadata: { name: 'p' } });
      pipeline.addStepForModelName('a');
      pipeline.addStepForModelName('b', {
        inputs: [StepRef.fromString('c')],
        triggers: [StepRef.fromString('d.outputs.ok')],
        tensorMap: { 'e.outputs.x': 'y', 'p.inputs.z': 'w' },
      });
      let message = '';
      try {
        Testing.synth(chart);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/Pipeline 'test\/p': steps\["b"\].inputs\[0\] "c" refers to "c", which is no step of the pipeline; accepted: a step of the pipeline \(a, b\), or the pipeline's own name "p" for its inputs/);
      expect(message).toMatch(/Pipeline 'test\/p': steps\["b"\].triggers\[0\] "d.outputs.ok" refers to "d", which is no step of the pipeline/);
      expect(message).toMatch(/Pipeline 'test\/p': steps\["b"\].tensorMap\["e.outputs.x"\] "e.outputs.x" refers to "e", which is no step of the pipeline/);
      expect(message).not.toMatch(/"z"|p.inputs/);
    });

    test('outputs naming no step, including the pipeline itself', () => {
      const chart = Testing.chart();
      const pipeline = new Pipeline(chart, 'p', { metadata: { name: 'p' }, output: { tensorMap: { 'x.outputs.t': 'u' } } });
      pipeline.addStepForModelName('a');
      pipeline.addOutput(StepRef.fromString('b.outputs'));
      pipeline.addOutput(pipeline.inputs());
      expect(() => Testing.synth(chart)).toThrow(
        /Pipeline 'test\/p': output.steps\[0\] "b.outputs" refers to "b", which is no step of the pipeline; accepted: a step of the pipeline \(a\)\n.*output.steps\[1\] "p.inputs" refers to "p", which is no step[\s\S]*output.tensorMap\["x.outputs.t"\] "x.outputs.t" refers to "x"/);
    });

    test('the accepted list is shortened for large pipelines', () => {
      const chart = Testing.chart();
      const pipeline = new Pipeline(chart, 'p', { metadata: { name: 'p' } });
      for (let i = 0; i < 12; i++) pipeline.addStepForModelName(`m${i}`);
      pipeline.addOutput(StepRef.fromString('nope'));
      expect(() => Testing.synth(chart)).toThrow(/\(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, \.\.\.\)/);
    });

    test('cycles, unless allowed, and then with revisits', () => {
      const build = (allowCycles?: boolean, maxStepRevisits?: number) => {
        const chart = Testing.chart();
        const pipeline = new Pipeline(chart, 'p', { metadata: { name: 'p' }, allowCycles, maxStepRevisits });
        const a = pipeline.addStepForModelName('a');
        const b = pipeline.addStepForModelName('b', { inputs: [a] });
        const c = pipeline.addStepForModelName('c', { triggers: [b.outputs('go')] });
        a.addInput(c.outputs('back'));
        return chart;
      };
      expect(() => Testing.synth(build())).toThrow(
        /Pipeline 'test\/p': steps form a cycle: "a" -> "b" -> "c" -> "a" \(each step reads the previous one through inputs or triggers\); the scheduler rejects cycles unless allowed; a graph without cycles, or allowCycles: true/);
      expect(() => Testing.synth(build(true))).toThrow(
        /Pipeline 'test\/p': maxStepRevisits is not set \(0\), but the steps form a cycle \("a" -> "b" -> "c" -> "a"\): Seldon's dataflow engine then lets no step run twice for one request, so every request that goes round the loop gets an error; the most times a step may run again for one request, e.g. maxStepRevisits: 10/);
      expect(() => Testing.synth(build(true, 0))).toThrow(/maxStepRevisits is 0, but the steps form a cycle/);
      expect(Testing.synth(build(true, 3))[0].spec).toMatchObject({ allowCycles: true, maxStepRevisits: 3 });
    });

    test('a step reading its own outputs is a cycle', () => {
      const chart = Testing.chart();
      const pipeline = new Pipeline(chart, 'p', { metadata: { name: 'p' } });
      const a = pipeline.addStepForModelName('a');
      a.addInput(a.outputs('x'));
      expect(() => Testing.synth(chart)).toThrow(/steps form a cycle: "a" -> "a"/);
    });
  });
});
