// EnvValue.fromValue() is typed, but a JavaScript caller (or a jsii language's dynamic value) can give it a number,
// a boolean or null: written as it is, the manifest holds a non-string env value the API server refuses.
import { Lazy, Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import { ModelUri, PrepackagedModel, PrepackagedServer, SeldonServer, ServerConfig } from '../../src';

const model = (env: Record<string, EnvValue>) => new PrepackagedModel(Testing.chart(), 'iris', {
  server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris'), env,
});

test.each([
  [5, 'is the number 5'], [true, 'is true (a boolean)'], [null, 'is null'], [Number.NaN, 'is NaN'],
])('an env value %p is refused, naming the variable', (value, text) => {
  expect(() => model({ WORKERS: EnvValue.fromValue(value as any) })).toThrow(
    `PrepackagedModel 'test/iris': env["WORKERS"] ${text}, which the API server refuses as an env value; a string, e.g. EnvValue.fromValue("5")`);
});

test('a credential-named variable\'s number is not shown; strings and tokens are kept', () => {
  expect(() => model({ API_TOKEN: EnvValue.fromValue(12345 as any) })).toThrow(/env\["API_TOKEN"\] is a number \(not shown: it may be a credential\)/);
  const m = model({ WORKERS: EnvValue.fromValue('5'), LATER: EnvValue.fromValue(Lazy.any({ produce: () => 'x' }) as any) });
  const written = JSON.stringify(Testing.synth(m.node.scope as any));
  expect(written).toContain('"name":"WORKERS","value":"5"');
  expect(written).toContain('"name":"LATER","value":"x"');
});

test('the same rule holds for a v2 override\'s env, the engine env and a raw pod spec\'s env', () => {
  expect(() => new SeldonServer(Testing.chart(), 'server', { serverContainer: { env: { WORKERS: EnvValue.fromValue(5 as any) } } }))
    .toThrow(/serverContainer\.env\["WORKERS"\] is the number 5, which the API server refuses as an env value; a string/);
  expect(() => new PrepackagedModel(Testing.chart(), 'iris', {
    server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris'), engineEnv: { LEVEL: EnvValue.fromValue(false as any) },
  })).toThrow(/engineEnv\["LEVEL"\] is false \(a boolean\), which the API server refuses as an env value/);
  expect(() => new ServerConfig(Testing.chart(), 'config', {
    podSpec: { containers: [{ name: 'agent', image: 'a', env: [{ name: 'N', value: 7 as any }] }] },
    // A raw pod spec is a typed Kubernetes struct: the props check refuses it at the boundary.
  })).toThrow(/podSpec\.containers\[0\]\.env\[0\]\.value is the number 7; accepted: a string/);
});
