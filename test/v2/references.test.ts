import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { ModelUri } from '../../src/model-uri';
import { Experiment, ExperimentTarget, Pipeline, SeldonModel, SeldonServer, StepRef } from '../../src/v2';
import { checkScheduling } from '../../src/v2/scheduling';
import { synthError } from '../synth-error';

const IRIS = ModelUri.parse('gs://seldon-models/mlserver/iris');

function model(scope: Construct, name: string): SeldonModel {
  return new SeldonModel(scope, name, { metadata: { name }, storageUri: IRIS });
}

describe('app-wide reference check', () => {
  test('a model or pipeline of another app', () => {
    const other = Testing.chart();
    const foreignModel = model(other, 'iris');
    const foreignPipeline = new Pipeline(other, 'upstream', { metadata: { name: 'upstream' } });
    const chart = Testing.chart();
    const pipeline = new Pipeline(chart, 'p', { metadata: { name: 'p' }, input: { externalInputs: [foreignPipeline.outputs()] } });
    pipeline.addStep(foreignModel);
    const experiment = new Experiment(chart, 'ab', { metadata: { name: 'ab' } });
    experiment.addCandidate(ExperimentTarget.model(foreignModel), 1);
    const message = synthError(chart);
    expect(message).toMatch(
      /Pipeline 'test\/p': steps\["iris"\] is SeldonModel 'test\/iris' \("iris"\), which is not part of this app \(it belongs to another cdk8s App\) and is not deployed with the pipeline; a SeldonModel of this app, or addStepForModelName\("iris"\) for one deployed separately/);
    expect(message).toMatch(/Pipeline 'test\/p': input.externalInputs\[0\] is Pipeline 'test\/upstream' \("upstream"\), which is not part of this app .*; a Pipeline of this app, or StepRef.fromString\(\) naming it for one deployed separately/);
    expect(message).toMatch(/Experiment 'test\/ab': candidates\[0\] is SeldonModel 'test\/iris' \("iris"\), which is not part of this app .*; a SeldonModel of this app, or ExperimentTarget.modelName\("iris"\) for one deployed separately/);
    // not ordered after objects it will never be synthesized with
    expect(pipeline.apiObject.node.dependencies).toEqual([]);
  });

  test('a model or pipeline in another namespace', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a', { namespace: 'team-a' });
    const b = new Chart(app, 'b', { namespace: 'team-b' });
    const iris = model(a, 'iris');
    const upstream = new Pipeline(a, 'upstream', { metadata: { name: 'upstream' } });
    upstream.addStep(iris);
    const pipeline = new Pipeline(b, 'p', { metadata: { name: 'p' }, input: { externalInputs: [upstream.outputs()] } });
    pipeline.addStep(iris);
    const experiment = new Experiment(b, 'ab', { metadata: { name: 'ab' }, resourceType: undefined });
    experiment.addCandidate(ExperimentTarget.pipeline(upstream), 1);
    const message = synthError(b);
    expect(message).toMatch(
      /Pipeline 'b\/p': steps\["iris"\] is SeldonModel 'a\/iris' \("iris"\) in namespace "team-a", but the pipeline is in namespace "team-b"; Seldon resolves names within the pipeline's namespace; a SeldonModel in namespace "team-b"/);
    expect(message).toMatch(/Pipeline 'b\/p': input.externalInputs\[0\] is Pipeline 'a\/upstream' \("upstream"\) in namespace "team-a"/);
    expect(message).toMatch(/Experiment 'b\/ab': candidates\[0\] is Pipeline 'a\/upstream' \("upstream"\) in namespace "team-a", but the experiment is in namespace "team-b"/);
  });

  test('a namespace left to kubectl is not compared', () => {
    const app = Testing.app();
    const iris = model(new Chart(app, 'a', { namespace: 'team-a' }), 'iris');
    const chart = new Chart(app, 'b');
    new Pipeline(chart, 'p', { metadata: { name: 'p' } }).addStep(iris);
    expect(Testing.synth(chart)).toHaveLength(1);
  });

  test('a model or pipeline is the default of one experiment per namespace', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'seldon-mesh' });
    const iris = ExperimentTarget.modelName('iris');
    for (const id of ['first', 'second']) {
      new Experiment(chart, id, { metadata: { name: id }, candidates: [{ target: iris, weight: 1 }], defaultCandidate: iris });
    }
    // the same name as a pipeline, or in another namespace, is another baseline
    const asPipeline = ExperimentTarget.pipelineName('iris');
    new Experiment(chart, 'pipelines', { metadata: { name: 'pipelines' }, candidates: [{ target: asPipeline, weight: 1 }], defaultCandidate: asPipeline });
    new Experiment(new Chart(app, 'd', { namespace: 'other' }), 'elsewhere', { metadata: { name: 'elsewhere' }, candidates: [{ target: iris, weight: 1 }], defaultCandidate: iris });
    const problems = checkScheduling(app);
    expect(problems).toEqual([
      'Experiment \'c/second\': defaultCandidate "iris" is already the default of Experiment \'c/first\' in namespace "seldon-mesh"; the scheduler lets a model be the baseline of one experiment only; '
      + 'a default no other experiment of the namespace has, or no defaultCandidate (the experiment is then reached as "<experiment>.experiment")',
    ]);
  });

  test('two Pipelines, or two Experiments, with one name in one namespace', () => {
    const chart = Testing.chart();
    for (const id of ['a', 'b']) {
      new Pipeline(chart, id, { metadata: { name: 'chain' } }).addStepForModelName('iris');
      new Experiment(chart, `e${id}`, { metadata: { name: 'ab' }, mirror: { target: ExperimentTarget.modelName('iris'), percent: 1 } });
    }
    const message = synthError(chart);
    expect(message).toMatch(/Pipeline 'test\/b': metadata.name "chain" is also the name of 'test\/a'; applying both would leave one Pipeline; a Pipeline name unique in its namespace/);
    expect(message).toMatch(/Experiment 'test\/eb': metadata.name "ab" is also the name of 'test\/ea'; applying both would leave one Experiment/);
  });

  test('models and pipelines of the app, in the namespace, pass; names given as strings are not checked', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'seldon-mesh' });
    const iris = model(chart, 'iris');
    const upstream = new Pipeline(chart, 'upstream', { metadata: { name: 'upstream' } });
    upstream.addOutput(upstream.addStep(iris));
    const downstream = new Pipeline(chart, 'downstream', {
      metadata: { name: 'downstream' },
      input: { externalInputs: [upstream.outputs(), StepRef.fromString('elsewhere.outputs')] },
    });
    downstream.addStep(iris);
    downstream.addStepForModelName('not-in-app');
    const experiment = new Experiment(chart, 'ab', { metadata: { name: 'ab' } });
    experiment.addCandidate(ExperimentTarget.pipeline(upstream), 50, { isDefault: true });
    experiment.addCandidate(ExperimentTarget.pipeline(downstream), 50);
    expect(checkScheduling(chart.node.root)).toEqual([]);
    expect(Testing.synth(chart).map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Model/iris', 'Pipeline/upstream', 'Pipeline/downstream', 'Experiment/ab']);
  });

  test('pipelines and experiments ride on the scheduling check\'s single pass: no extra tree walk', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'chart');
    new SeldonServer(chart, 'server');
    const models = Array.from({ length: 50 }, (_, i) => model(chart, `m${i}`));
    for (let i = 0; i < 50; i++) {
      const p = new Pipeline(chart, `p${i}`, { metadata: { name: `p${i}` } });
      p.addStep(models[i]);
      new Experiment(chart, `e${i}`, { metadata: { name: `e${i}` } }).addCandidate(ExperimentTarget.pipeline(p), 1);
    }
    const findAll = jest.spyOn(app.node, 'findAll');
    Testing.synth(chart);
    expect(findAll.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(findAll.mock.calls.length).toBeLessThanOrEqual(2);
    findAll.mockRestore();
  });

  test('thousands of pipelines and experiments are checked in one pass without a false problem', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart', { namespace: 'seldon-mesh' });
    const models = Array.from({ length: 2000 }, (_, i) => model(chart, `m${i}`));
    for (let i = 0; i < 1000; i++) {
      const p = new Pipeline(chart, `p${i}`, { metadata: { name: `p${i}` } });
      let previous = p.addStep(models[(2 * i) % 2000]);
      previous = p.addStep(models[(2 * i + 1) % 2000], { inputs: [previous] });
      p.addOutput(previous);
      const e = new Experiment(chart, `e${i}`, { metadata: { name: `e${i}` } });
      e.addCandidate(ExperimentTarget.pipeline(p), 50, { isDefault: true });
      e.addCandidate(ExperimentTarget.pipelineName(`p${i}-v2`), 50);
    }
    const findAll = jest.spyOn(app.node, 'findAll');
    expect(checkScheduling(app)).toEqual([]);
    // a clean app is settled from the registry, without walking the construct tree once per object
    expect(findAll.mock.calls.length).toBeLessThanOrEqual(1);
    findAll.mockRestore();
  });
});
