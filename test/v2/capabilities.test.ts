import {
  DEFAULT_SERVER_CONFIGS, capabilityProblem, effectiveCapabilities, parseCapabilities, serverCapabilities,
} from '../../src/v2/capabilities';

describe('v2 defaults table', () => {
  test('the capabilities of the installation\'s ServerConfigs (SELDON-FACTS §2.5)', () => {
    expect(DEFAULT_SERVER_CONFIGS.mlserver.capabilities).toEqual(
      ['mlserver', 'alibi-detect', 'alibi-explain', 'huggingface', 'lightgbm', 'mlflow', 'python', 'sklearn', 'spark-mlib', 'xgboost']);
    expect(DEFAULT_SERVER_CONFIGS.triton.capabilities).toEqual(
      ['triton', 'dali', 'fil', 'onnx', 'openvino', 'python', 'pytorch', 'tensorflow', 'tensorrt']);
    expect(DEFAULT_SERVER_CONFIGS.mlserver.serverContainer).toBe('mlserver');
    expect(DEFAULT_SERVER_CONFIGS.triton.serverContainer).toBe('triton');
    expect(DEFAULT_SERVER_CONFIGS.mlserver.resources.mlserver).toEqual({ requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } });
  });
});

describe('capabilityProblem', () => {
  test.each(['sklearn', 'mlserver-1.3.4', 'pvc', 'spark-mlib'])('%p is accepted', c => {
    expect(capabilityProblem(c)).toBeUndefined();
  });

  test.each([
    ['', /is empty/],
    ['a,b', /contains ","/],
    [' sklearn', /leading or trailing spaces/],
    ['a\nb', /control characters/],
  ])('%p is rejected', (c, message) => {
    expect(capabilityProblem(c)).toMatch(message);
  });
});

describe('parseCapabilities', () => {
  test('splits on "," and trims, as the agent does', () => {
    expect(parseCapabilities('a, b ,c,,')).toEqual(['a', 'b', 'c']);
  });
});

describe('effectiveCapabilities (operator updateCapabilities)', () => {
  test('extra capabilities are appended to the ServerConfig\'s', () => {
    expect(effectiveCapabilities('a,b', undefined, ['c'])).toEqual(['a', 'b', 'c']);
  });

  test('a non-empty override replaces the ServerConfig\'s and ignores extras', () => {
    expect(effectiveCapabilities('a', ['x'], ['c'])).toEqual(['x']);
  });

  test('an empty override counts as unset', () => {
    expect(effectiveCapabilities('a', [], ['c'])).toEqual(['a', 'c']);
  });

  test('the value as written: an empty one is unset for the agent (its sklearn,xgboost), and extras after it make ",c"', () => {
    expect(effectiveCapabilities('', undefined, [])).toEqual(['sklearn', 'xgboost']);
    expect(effectiveCapabilities('', undefined, ['c'])).toEqual(['c']);
    expect(effectiveCapabilities(' a , b', undefined, [])).toEqual(['a', 'b']);
  });

  test('unknown ServerConfig capabilities stay unknown unless replaced', () => {
    expect(effectiveCapabilities(undefined, undefined, ['c'])).toBeUndefined();
    expect(effectiveCapabilities(undefined, ['x'], [])).toEqual(['x']);
  });
});

describe('serverCapabilities (one rule for the synth-time check and the graph)', () => {
  const v = (value: string, fromRef = false) => ({ value, fromRef });
  test('without the variable anywhere the agent keeps its own list, and the operator drops the Server\'s props', () => {
    expect(serverCapabilities('absent', 'absent', undefined, ['gpu'])).toEqual(['sklearn', 'xgboost']);
  });
  test('the Server\'s own entry wins over the ServerConfig\'s, and the props rewrite it', () => {
    expect(serverCapabilities(v('own'), v('cfg'), undefined, [])).toEqual(['own']);
    expect(serverCapabilities(v('own'), v('cfg'), undefined, ['x'])).toEqual(['own', 'x']);
    expect(serverCapabilities('absent', v('cfg'), ['a'], ['x'])).toEqual(['a']);
  });
  test('valueFrom is unknown until the props rewrite it from the empty value field', () => {
    expect(serverCapabilities('absent', v('', true), undefined, [])).toBeUndefined();
    expect(serverCapabilities('absent', v('', true), undefined, ['x'])).toEqual(['x']);
  });
  test('an unknown ServerConfig is known only through a replacing list', () => {
    expect(serverCapabilities('absent', undefined, undefined, ['x'])).toBeUndefined();
    expect(serverCapabilities('absent', undefined, ['a'], [])).toEqual(['a']);
  });
});
