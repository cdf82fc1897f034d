import { Testing } from 'cdk8s';
import { ModelUri } from '../../src/model-uri';
import { ExperimentResourceType, ExperimentTarget, Pipeline, SeldonModel } from '../../src/v2';

describe('ExperimentTarget', () => {
  test('from constructs: their name, type and the construct', () => {
    const chart = Testing.chart();
    const iris = new SeldonModel(chart, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.parse('gs://seldon-models/mlserver/iris') });
    const chain = new Pipeline(chart, 'chain', { metadata: { name: 'chain' } });
    expect(ExperimentTarget.model(iris)).toEqual(expect.objectContaining({ name: 'iris', resourceType: ExperimentResourceType.MODEL, problem: undefined }));
    expect(ExperimentTarget.model(iris).construct).toBe(iris);
    expect(ExperimentTarget.pipeline(chain)).toEqual(expect.objectContaining({ name: 'chain', resourceType: ExperimentResourceType.PIPELINE }));
    expect(ExperimentTarget.pipeline(chain).construct).toBe(chain);
  });

  test('by name: no construct, and the name is checked', () => {
    expect(ExperimentTarget.modelName('iris').construct).toBeUndefined();
    expect(ExperimentTarget.pipelineName('chain').resourceType).toBe(ExperimentResourceType.PIPELINE);
    expect(ExperimentTarget.pipelineName('Chain').problem).toBe(
      '"Chain" is not a Seldon v2 pipeline name; a Seldon v2 name is accepted: lower-case letters, digits and "-", starting and ending with a letter or digit, no "." (the scheduler checks ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$), at most 253 characters');
    expect(ExperimentTarget.model(undefined as unknown as SeldonModel).problem).toMatch(/^undefined is not a Seldon v2 model name/);
  });
});
