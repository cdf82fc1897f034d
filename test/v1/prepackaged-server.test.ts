import { PrepackagedServer, SeldonProtocol } from '../../src';

describe('PrepackagedServer', () => {
  test.each([
    [PrepackagedServer.SKLEARN, 'SKLEARN_SERVER', ['seldon', 'v2', 'kfserving']],
    [PrepackagedServer.XGBOOST, 'XGBOOST_SERVER', ['seldon', 'v2', 'kfserving']],
    [PrepackagedServer.MLFLOW, 'MLFLOW_SERVER', ['seldon', 'v2', 'kfserving']],
    [PrepackagedServer.TENSORFLOW, 'TENSORFLOW_SERVER', ['seldon', 'tensorflow']],
    [PrepackagedServer.TRITON, 'TRITON_SERVER', ['v2', 'kfserving']],
    [PrepackagedServer.HUGGINGFACE, 'HUGGINGFACE_SERVER', ['v2', 'kfserving']],
    [PrepackagedServer.TEMPO, 'TEMPO_SERVER', ['v2', 'kfserving']],
  ])('%# %s speaks the protocols the operator has images for', (server, implementation, protocols) => {
    expect(server.implementation).toBe(implementation);
    expect(server.supportedProtocols).toEqual(protocols);
    expect(server.problem).toBeUndefined();
  });

  test('default images follow the operator\'s predictor_servers table (1.18.2)', () => {
    expect(PrepackagedServer.SKLEARN.defaultImage()).toBe('seldonio/sklearnserver:1.18.2');
    expect(PrepackagedServer.SKLEARN.defaultImage(SeldonProtocol.V2)).toBe('seldonio/mlserver:1.3.5-sklearn');
    expect(PrepackagedServer.SKLEARN.defaultImage(SeldonProtocol.KFSERVING)).toBe('seldonio/mlserver:1.3.5-sklearn');
    expect(PrepackagedServer.XGBOOST.defaultImage(SeldonProtocol.V2)).toBe('seldonio/mlserver:1.3.5-xgboost');
    expect(PrepackagedServer.MLFLOW.defaultImage()).toBe('seldonio/mlflowserver:1.18.2');
    expect(PrepackagedServer.TENSORFLOW.defaultImage()).toBe('seldonio/tfserving-proxy:1.18.2');
    expect(PrepackagedServer.TENSORFLOW.defaultImage(SeldonProtocol.TENSORFLOW)).toBe('tensorflow/serving:2.1.0');
    expect(PrepackagedServer.TRITON.defaultImage(SeldonProtocol.V2)).toBe('nvcr.io/nvidia/tritonserver:21.08-py3');
    expect(PrepackagedServer.TEMPO.defaultImage(SeldonProtocol.V2)).toBe('seldonio/mlserver:1.3.5-slim');
    expect(PrepackagedServer.TRITON.defaultImage()).toBeUndefined();
  });

  test('only HUGGINGFACE accepts a missing modelUri', () => {
    expect(PrepackagedServer.HUGGINGFACE.modelUriRequired).toBe(false);
    expect(PrepackagedServer.SKLEARN.modelUriRequired).toBe(true);
  });

  test('custom servers accept every protocol unless told otherwise', () => {
    const server = PrepackagedServer.custom('MY_SERVER');
    expect(server.supportedProtocols).toEqual(['seldon', 'v2', 'kfserving', 'tensorflow']);
    expect(server.defaultImage()).toBeUndefined();
    const v2only = PrepackagedServer.custom('MY_SERVER', { protocols: [SeldonProtocol.KFSERVING], image: 'me/s:1', modelUriRequired: false });
    expect(v2only.supports(SeldonProtocol.V2)).toBe(true);
    expect(v2only.supports()).toBe(false);
    expect(v2only.defaultImage(SeldonProtocol.V2)).toBe('me/s:1');
    expect(v2only.modelUriRequired).toBe(false);
  });
});
