import { Testing } from 'cdk8s';
import { ModelUri } from '../../src/model-uri';
import { ModelExplainer, SeldonModel } from '../../src/v2';

describe('ModelExplainer', () => {
  test('forModel takes the model\'s name', () => {
    const iris = new SeldonModel(Testing.chart(), 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.parse('gs://seldon-models/iris') });
    const explainer = ModelExplainer.forModel('anchor_tabular', iris);
    expect(explainer).toEqual(expect.objectContaining({ explainerType: 'anchor_tabular', modelRef: 'iris', model: iris, problem: undefined }));
    expect(explainer.pipelineRef).toBeUndefined();
  });

  test('forModelName and forPipelineName', () => {
    expect(ModelExplainer.forModelName('anchor_text', 'sentiment').modelRef).toBe('sentiment');
    expect(ModelExplainer.forPipelineName('kernel_shap', 'income-pipeline').pipelineRef).toBe('income-pipeline');
  });

  test('whiteBox (no model or pipeline to explain) always carries a problem: Seldon\'s agent crashes on such an explainer', () => {
    const white = ModelExplainer.whiteBox('integrated_gradients');
    expect([white.modelRef, white.pipelineRef]).toEqual([undefined, undefined]);
    expect(white.problem).toMatch(/names neither a model nor a pipeline to explain: .*crashes.*mlserver\.go setExtraParameters.*forModel\(\), forModelName\(\) or forPipelineName\(\) is accepted$/);
    const chart = Testing.chart();
    expect(() => new SeldonModel(chart, 'explainer', { storageUri: ModelUri.parse('gs://seldon-models/explainer'), explainer: white }))
      .toThrow(/SeldonModel 'test\/explainer': explainer names neither a model nor a pipeline to explain/);
  });

  test('a malformed type or reference carries a problem', () => {
    expect(ModelExplainer.whiteBox('Anchor Tabular').problem).toMatch(/type "Anchor Tabular" is not an explainer type; an alibi explainer name such as "anchor_tabular"/);
    expect(ModelExplainer.forModelName('anchor_tabular', 'iris.v1').problem).toMatch(/modelRef "iris.v1" is not a Seldon v2 name/);
    expect(ModelExplainer.forPipelineName('anchor_tabular', 'P').problem).toMatch(/pipelineRef "P" is not a Seldon v2 name/);
  });
});
