import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as lib from '../../src';
import { methodsChecked } from '../../src/k8s/method-check';
import { SIGNATURES } from '../../src/k8s/prop-shapes.generated';

// What a JavaScript caller can pass where TypeScript would refuse.
const js = <T>(value: unknown) => value as T;
const thrown = (call: () => unknown): Error => {
  try {
    call();
  } catch (e) {
    return e as Error;
  }
  throw new Error('nothing was thrown');
};

/** Every construct class of the API: a constructor in the signature table taking (scope, id, ...). */
const CONSTRUCTS = Object.entries(SIGNATURES)
  .filter(([member, params]) => !member.includes('.') && params[0] === 'scope:constructs.Construct')
  .map(([member]) => member);

describe('a scope that is no construct (src/k8s/construct-scope.ts)', () => {
  test('the table lists the constructs', () => {
    expect(CONSTRUCTS.length).toBeGreaterThanOrEqual(13);
    for (const name of CONSTRUCTS) expect((lib as any)[name].prototype).toBeInstanceOf(Construct);
  });

  test.each(CONSTRUCTS)('new %s(scope, "id", ...) with a string, a number or a plain object as the scope', (name) => {
    for (const [scope, said] of [['chart', 'a string "chart"'], [42, 'the number 42'], [{ node: 1 }, 'a plain object']] as const) {
      const error = thrown(() => new (lib as any)[name](scope, 'id', {}));
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error.message).toBe(`${name} 'id': scope is ${said}; accepted: a construct, e.g. a Chart or a construct inside one`);
    }
  });

  test.each(CONSTRUCTS)('new %s(chart, id, ...) with a number, null or an empty string as the id', (name) => {
    for (const [id, said] of [[42, 'is the number 42'], [null, 'is null'], ['', 'is empty']] as const) {
      const error = thrown(() => new (lib as any)[name](Testing.chart(), id, {}));
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error.message).toBe(`${name} 'test': id ${said}; accepted: a non-empty string, the construct's name in its scope`);
    }
  });

  test.each([
    ['SeldonServer.fromServerName', () => lib.SeldonServer.fromServerName(js('chart'), 'id', 'mlserver'), 'SeldonServer reference'],
    ['SeldonConfig.fromSeldonConfigName', () => lib.SeldonConfig.fromSeldonConfigName(js(7), 'id', 'default'), 'SeldonConfig reference'],
    ['RcloneSecret.fromExistingSecret', () => lib.RcloneSecret.fromExistingSecret(js({}), 'id', 'creds'), 'RcloneSecret'],
    ['SeldonRuntime.fromNamespace', () => lib.SeldonRuntime.fromNamespace(js('chart'), 'id', 'seldon-mesh'), 'SeldonRuntime reference'],
  ])('%s, which makes a construct in the scope', (_, call, kind) => {
    const error = thrown(call);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toMatch(new RegExp(`^${kind} 'id': scope is .*; accepted: a construct`));
  });

  test.each(CONSTRUCTS)('new %s(scope, id, ...) with a revoked Proxy or a Proxy that throws as the scope or the id', (name) => {
    const no = (): never => { throw new TypeError('unreadable'); };
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const [value, said] of [[revoked.proxy, 'is a Proxy that could not be read: reading it threw a TypeError'],
      [new Proxy({}, { get: no, has: no, getPrototypeOf: no, ownKeys: no }), 'is a Proxy that could not be read: reading it threw a TypeError']] as const) {
      const asScope = thrown(() => new (lib as any)[name](value, 'id', {}));
      expect(asScope.constructor).toBe(Error);
      expect(asScope.message).toBe(`${name} 'id': scope ${said}; accepted: a construct, e.g. a Chart or a construct inside one`);
      const asId = thrown(() => new (lib as any)[name](Testing.chart(), value, {}));
      expect(asId.constructor).toBe(Error);
      expect(asId.message).toBe(`${name} 'test': id ${said}; accepted: a non-empty string, the construct's name in its scope`);
    }
  });

  test('a missing scope too: the construct would be a root outside every app, never synthesized', () => {
    expect(thrown(() => new lib.SeldonModel(js(undefined), 'id', js({}))).message).toMatch(/^SeldonModel 'id': scope is missing; accepted: a construct/);
    expect(thrown(() => new lib.Pipeline(js(null), 'p')).message).toMatch(/^Pipeline 'p': scope is null; accepted: a construct/);
  });

  test('a construct of another copy of the constructs library is a construct', () => {
    // Construct.isConstruct() recognises constructs by a symbol shared across copies.
    const chart = Testing.chart();
    expect(() => new lib.Pipeline(chart, 'p')).not.toThrow();
  });
});

describe('arguments of value-class methods and pipeline steps, and required arguments left out', () => {
  const step = () => {
    const pipeline = new lib.Pipeline(Testing.chart(), 'p', { metadata: { name: 'p' } });
    return pipeline.addStepForModelName('m');
  };

  test.each([
    ['outputs', (s: lib.PipelineStep) => s.outputs(js(42)), /^Pipeline 'test\/p': steps\["m"\]\.outputs\(\) tensor is the number 42; accepted: a string, or leave the field out$/],
    ['inputs', (s: lib.PipelineStep) => s.inputs(js(null)), /^Pipeline 'test\/p': steps\["m"\]\.inputs\(\) tensor is null; /],
    ['externalInputs', (s: lib.PipelineStep) => s.externalInputs(js({})), /^Pipeline 'test\/p': steps\["m"\]\.externalInputs\(\) tensor is a plain object; /],
    ['externalOutputs', (s: lib.PipelineStep) => s.externalOutputs(js(true)), /^Pipeline 'test\/p': steps\["m"\]\.externalOutputs\(\) tensor is true \(a boolean\); /],
  ])('PipelineStep.%s: a tensor of the wrong type never becomes part of a reference', (_, call, error) => {
    expect(thrown(() => call(step())).message).toMatch(error);
    expect(step().outputs('OUTPUT0').value).toBe('m.outputs.OUTPUT0');
  });

  test.each([
    ['RcloneRemote.matches', () => lib.RcloneRemote.gcs().matches(js(42)), /^RcloneRemote\.matches\(\) remoteName is the number 42; accepted: a string$/],
    ['RcloneRemote.isSensitive', () => lib.RcloneRemote.s3().isSensitive(js(null)), /^RcloneRemote\.isSensitive\(\) option is null; accepted: a string$/],
    ['PrepackagedServer.supports', () => lib.PrepackagedServer.SKLEARN.supports(js({})), /^PrepackagedServer\.supports\(\) protocol is a plain object; accepted: /],
    ['PrepackagedServer.defaultImage', () => lib.PrepackagedServer.SKLEARN.defaultImage(js('v9')), /^PrepackagedServer\.defaultImage\(\) protocol is a string "v9"; accepted: /],
    ['RcloneSecret.definesRemote', () => new lib.RcloneSecret(Testing.chart(), 'creds').definesRemote(js([])),
      /^RcloneSecret 'test\/creds': definesRemote\(\) name is an array; accepted: a string$/],
  ])('%s from JavaScript: the house error, never a TypeError', (_, call, error) => {
    const e = thrown(call);
    expect(e).not.toBeInstanceOf(TypeError);
    expect(e.message).toMatch(error);
  });

  test('the value classes with instance methods are wrapped', () => {
    for (const cls of [lib.PipelineStep, lib.RcloneRemote, lib.PrepackagedServer, lib.RcloneSecret]) expect(methodsChecked(cls)).toBe(true);
    expect(lib.RcloneRemote.gcs().matches('GS')).toBe(false);
    expect(lib.RcloneRemote.gcs({ name: 'gs' }).matches('GS')).toBe(true);
  });

  test.each([
    ['ModelUri.gcs()', () => js<(...a: unknown[]) => lib.ModelUri>(lib.ModelUri.gcs)(),
      (uri: lib.ModelUri) => new lib.PrepackagedModel(Testing.chart(), 'm', { server: lib.PrepackagedServer.SKLEARN, modelUri: uri }),
      /^PrepackagedModel 'test\/m': modelUri \(ModelUri\.gcs\(\) bucket\) is missing; accepted: a string$/],
    ['ModelExplainer.forModel("anchor_tabular")', () => js<(...a: unknown[]) => lib.ModelExplainer>(lib.ModelExplainer.forModel)('anchor_tabular'),
      undefined, /^model is missing; accepted: an IExplainedModel/],
    ['ModelParameter.intValue("n")', () => js<(...a: unknown[]) => lib.ModelParameter>(lib.ModelParameter.intValue)('n'),
      (p: lib.ModelParameter) => new lib.PrepackagedModel(Testing.chart(), 'm', { server: lib.PrepackagedServer.SKLEARN, modelUri: lib.ModelUri.gcs('b', 'p'), parameters: [p] }),
      // Named by its name argument, as a wrong value of the same call is.
      /^PrepackagedModel 'test\/m': parameters\[0\] \(ModelParameter\.intValue\("n"\) value\) is missing; accepted: a finite number$/],
  ])('%s: a required argument left out is missing, not "undefined" in the manifest', (_, make, use, error) => {
    let e: Error;
    try {
      const made = make();
      e = thrown(() => use?.(made as never));
    } catch (x) {
      e = x as Error;
    }
    expect(e).not.toBeInstanceOf(TypeError);
    expect(e.message.replace(/^ModelExplainer\.forModel\(\) /, '')).toMatch(error);
  });
});
