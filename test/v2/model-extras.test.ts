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
