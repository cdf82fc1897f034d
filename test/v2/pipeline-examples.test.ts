import { Testing } from 'cdk8s';
import { addV2Examples } from '../../examples/v2';
import { addV2PipelineExamples } from '../../examples/v2-pipelines';

describe('examples/v2-pipelines.ts', () => {
  test('synthesizes and passes every synth-time check', () => {
    const chart = Testing.chart();
    addV2PipelineExamples(chart);
    const objects = Testing.synth(chart);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Model/tfsimple1', 'Model/tfsimple2', 'Pipeline/tfsimples', 'Model/iris-a', 'Model/iris-b', 'Experiment/iris-ab',
    ]);
    const pipeline = objects.find(o => o.kind === 'Pipeline');
    expect(pipeline.spec.steps[1]).toEqual({
      name: 'tfsimple2', inputs: ['tfsimple1'], tensorMap: { 'tfsimple1.outputs.OUTPUT0': 'INPUT0', 'tfsimple1.outputs.OUTPUT1': 'INPUT1' },
    });
    expect(objects.find(o => o.kind === 'Experiment').spec).toEqual({
      default: 'iris-a', candidates: [{ name: 'iris-a', weight: 50 }, { name: 'iris-b', weight: 50 }], resourceType: 'model',
    });
    expect(objects).toMatchSnapshot();
  });

  test('fits in one chart with the other v2 examples, as examples/main.ts may put it', () => {
    const chart = Testing.chart();
    addV2Examples(chart);
    addV2PipelineExamples(chart);
    expect(Testing.synth(chart)).toHaveLength(11);
  });
});
