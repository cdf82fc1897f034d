import * as v2 from '../../src/v2';

describe('src/v2/index.ts', () => {
  test('exports the public v2 API and nothing internal', () => {
    expect(Object.keys(v2).sort()).toEqual([
      'Experiment', 'ExperimentResourceType', 'ExperimentTarget', 'Gpu', 'JoinType', 'ModelExplainer', 'ModelLlm', 'OtelExporterProtocol', 'Pipeline',
      'PipelineStep', 'PvcRetention', 'RpsAutoscaler', 'RuntimeComponent', 'RuntimeComponentOverride', 'SeldonConfig', 'SeldonModel', 'SeldonRuntime',
      'SeldonServer', 'ServerConfig', 'ServerConfigRef', 'StepRef',
    ]);
  });
});
