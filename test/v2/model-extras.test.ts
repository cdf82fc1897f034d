import { Testing } from 'cdk8s';
import { ModelUri } from '../../src/model-uri';
import { ModelExplainer, ModelLlm, SeldonModel } from '../../src/v2';

const URI = ModelUri.gcs('seldon-models', 'llm/prompt');

describe('Model fields: llm, logger, schemaUri, modelType, preloaded, dataflow', () => {
  test('render as the CRD names them', () => {
    const chart = Testing.chart();
    const base = new SeldonModel(chart, 'base', { metadata: { name: 'chat' }, storageUri: URI });
    new SeldonModel(chart, 'prompt', {
      metadata: { name: 'prompt' },
      storageUri: URI,
      llm: ModelLlm.forModel(base),
      logPayloadsPercent: 10,
      schemaUri: 'gs://bucket/schema.json',
      modelType: 'llm',
      preloaded: true,
      cleanTopicsOnDelete: true,
    });
    const out = Testing.synth(chart).find(o => o.metadata.name === 'prompt')!;
    expect(out.spec).toEqual({
      storageUri: URI.uri, llm: { modelRef: 'chat' }, logger: { percent: 10 }, schemaUri: 'gs://bucket/schema.json', modelType: 'llm', preloaded: true, dataflow: { cleanTopicsOnDelete: true },
    });
    expect(ModelLlm.forPipelineName('rag').pipelineRef).toBe('rag');
  });

  test('llm with explainer, bad values and URIs v2 cannot read are errors', () => {
    const chart = Testing.chart();
    expect(() => new SeldonModel(chart, 'a', { storageUri: URI, llm: ModelLlm.forModelName('x'), explainer: ModelExplainer.forModelName('anchor_tabular', 'iris') }))
      .toThrow(/llm is set together with explainer; the operator refuses the Model/);
    expect(() => new SeldonModel(chart, 'b', { storageUri: URI, llm: ModelLlm.forModelName('Bad.Name'), logPayloadsPercent: 0, modelType: 'llm,chat' }))
      .toThrow(/llm modelRef "Bad.Name" is not a Seldon v2 name[^]*logPayloadsPercent 0 is not a percentage from 1 to 100 \(any logger switches payload logging on[^]*modelType "llm,chat" contains ","/);
    for (const uri of ['hf://meta-llama/Llama-3', 'oci://registry/model:1', 'https://example.com/model.joblib']) {
      expect(() => new SeldonModel(chart, `u${uri.length}`, { storageUri: ModelUri.parse(uri) }))
        .toThrow(/storageUri ".*" cannot be read by Seldon v2: .*; Seldon v2 reads models through rclone: gs:\/\/<bucket>\/<path>, s3:\/\//);
    }
  });
});

describe('parameters the agent writes for an explainer or an LLM client', () => {
  // mlserver.go: setExtraParameters writes infer_uri (and explainer_type) into parameters.extra, then SetExtraParameters
  // writes the Model's own parameters over them.
  test('an explainer\'s infer_uri or explainer_type parameter is refused, naming the key', () => {
    const chart = Testing.chart();
    const explainer = ModelExplainer.forModelName('anchor_tabular', 'income');
    expect(() => new SeldonModel(chart, 'a', { storageUri: URI, explainer, parameters: { infer_uri: 'http://other/v2/models/x/infer' } }))
      .toThrow('SeldonModel \'test/a\': parameters["infer_uri"] would replace the inference URL of the model or pipeline it calls, which the agent writes into the '
        + 'model\'s settings from explainer before it writes the parameters over it (scheduler/pkg/agent/repository/mlserver/mlserver.go setExtraParameters, '
        + 'SetExtraParameters); no infer_uri parameter: set explainer instead');
    expect(() => new SeldonModel(chart, 'b', { storageUri: URI, explainer, parameters: { explainer_type: 'anchor_text' } }))
      .toThrow(/parameters\["explainer_type"\] would replace the explainer's type/);
  });

  test('an LLM client\'s infer_uri is refused; explainer_type and other names are not', () => {
    const chart = Testing.chart();
    const llm = ModelLlm.forModelName('chat');
    expect(() => new SeldonModel(chart, 'a', { storageUri: URI, llm, parameters: { infer_uri: 'x' } })).toThrow(/parameters\["infer_uri"\] would replace .* from llm/);
    expect(() => new SeldonModel(chart, 'b', { storageUri: URI, llm, parameters: { explainer_type: 'x', prompt_utils: 'y' } })).not.toThrow();
    // a model that calls nothing: the agent writes no such keys, so its own are its business
    expect(() => new SeldonModel(chart, 'c', { storageUri: URI, parameters: { infer_uri: 'x' } })).not.toThrow();
  });

  test('ssl_verify_path, which the agent writes under TLS only, is taken as meant (a CA bundle of one\'s own)', () => {
    const chart = Testing.chart();
    const params = { ssl_verify_path: '/mnt/ca/bundle.crt' };
    new SeldonModel(chart, 'a', { metadata: { name: 'a' }, storageUri: URI, explainer: ModelExplainer.forModelName('anchor_tabular', 'income'), parameters: params });
    new SeldonModel(chart, 'b', { metadata: { name: 'b' }, storageUri: URI, llm: ModelLlm.forModelName('chat'), parameters: params });
    expect(Testing.synth(chart).map(o => o.spec.parameters)).toEqual([[{ name: 'ssl_verify_path', value: '/mnt/ca/bundle.crt' }], [{ name: 'ssl_verify_path', value: '/mnt/ca/bundle.crt' }]]);
  });
});
