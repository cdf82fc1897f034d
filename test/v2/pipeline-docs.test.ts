// The snippets of the README section "Pipeline" and "Experiment", as written there, synthesize and pass every check.
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { Experiment, ExperimentTarget, JoinType, ModelUri, Pipeline, SeldonModel } from '../../src';

test('README pipeline and experiment snippets', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'docs', { namespace: 'seldon-mesh' });
  const irisUri = ModelUri.parse('gs://seldon-models/mlserver/iris');
  const iris = new SeldonModel(chart, 'iris', { metadata: { name: 'iris' }, storageUri: irisUri });
  const iris2 = new SeldonModel(chart, 'iris2', { metadata: { name: 'iris2' }, storageUri: irisUri });

  const simple = ModelUri.parse('gs://seldon-models/triton/simple');
  const tfsimple1 = new SeldonModel(chart, 'tfsimple1', { metadata: { name: 'tfsimple1' }, storageUri: simple, requirements: ['tensorflow'] });
  const tfsimple2 = new SeldonModel(chart, 'tfsimple2', { metadata: { name: 'tfsimple2' }, storageUri: simple, requirements: ['tensorflow'] });
  const tfsimples = new Pipeline(chart, 'tfsimples', { metadata: { name: 'tfsimples' } });
  const first = tfsimples.addStep(tfsimple1);
  const second = tfsimples.addStep(tfsimple2, {
    inputs: [first],
    tensorMap: {
      [`${first.outputs('OUTPUT0')}`]: 'INPUT0',
      [`${first.outputs('OUTPUT1')}`]: 'INPUT1',
    },
  });
  tfsimples.addOutput(second);

  const triggerJoins = new Pipeline(chart, 'trigger-joins', {
    metadata: { name: 'trigger-joins' },
    output: { stepsJoin: JoinType.ANY },
  });
  const mul10 = triggerJoins.addStepForModelName('mul10', {
    inputs: [triggerJoins.inputs('INPUT')],
    triggers: [triggerJoins.inputs('ok1'), triggerJoins.inputs('ok2')],
    triggersJoinType: JoinType.ANY,
  });
  const add10 = triggerJoins.addStepForModelName('add10', { inputs: [triggerJoins.inputs('INPUT')], triggers: [triggerJoins.inputs('ok3')] });
  triggerJoins.addOutput(mul10);
  triggerJoins.addOutput(add10);

  const irisBatch = new Pipeline(chart, 'iris-batch', { metadata: { name: 'iris-batch' } });
  irisBatch.addOutput(irisBatch.addStep(iris, { batch: { size: 2 } }));

  const extended = new Pipeline(chart, 'tfsimple-extended-step', {
    metadata: { name: 'tfsimple-extended-step' },
    input: {
      externalInputs: [first.externalOutputs()],
      tensorMap: { [`${first.externalOutputs('OUTPUT0')}`]: 'INPUT0', [`${first.externalOutputs('OUTPUT1')}`]: 'INPUT1' },
    },
  });
  extended.addOutput(extended.addStep(tfsimple2));

  const counterPipeline = new Pipeline(chart, 'counter-pipeline', { metadata: { name: 'counter-pipeline' }, allowCycles: true, maxStepRevisits: 100 });
  const counter = counterPipeline.addStepForModelName('counter', { inputsJoinType: JoinType.ANY, inputs: [counterPipeline.inputs()] });
  const done = counterPipeline.addStepForModelName('identity-output', { joinWindowMs: 1, inputs: [counter.outputs()], triggers: [counter.outputs('stop')] });
  const loop = counterPipeline.addStepForModelName('identity-loop', { joinWindowMs: 1, inputs: [counter.outputs('output')], triggers: [counter.outputs('continue')] });
  counter.addInput(loop.outputs());
  counterPipeline.addOutput(done.outputs());

  const ab = new Experiment(chart, 'experiment-sample', { metadata: { name: 'experiment-sample' } });
  ab.addCandidate(ExperimentTarget.model(iris), 50, { isDefault: true });
  ab.addCandidate(ExperimentTarget.model(iris2), 50);

  new Experiment(chart, 'sklearn-mirror', {
    metadata: { name: 'sklearn-mirror' },
    candidates: [{ target: ExperimentTarget.model(iris), weight: 100 }],
    mirror: { target: ExperimentTarget.model(iris2), percent: 100 },
  });

  ApiObject.of(tfsimples).addJsonPatch(JsonPatch.add('/spec/steps/0/batch', { size: 4 }));

  const objects = Testing.synth(chart);
  expect(objects.filter(o => o.kind === 'Pipeline').map(o => o.metadata.name)).toEqual(
    ['tfsimples', 'trigger-joins', 'iris-batch', 'tfsimple-extended-step', 'counter-pipeline']);
  expect(objects.find(o => o.metadata.name === 'tfsimples').spec.steps[0]).toEqual({ name: 'tfsimple1', batch: { size: 4 } });
  expect(objects.filter(o => o.kind === 'Experiment').map(o => [o.metadata.name, o.spec.default])).toEqual(
    [['experiment-sample', 'iris'], ['sklearn-mirror', undefined]]);
});
