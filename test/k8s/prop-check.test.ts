import { Testing } from 'cdk8s';
import { Cpu, EnvValue, PersistentVolumeClaim, Secret } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as lib from '../../src';
import {
  ModelUri, PrepackagedModel, PrepackagedServer, SeldonDeployment, SeldonModel, SeldonServer, PredictiveUnit, RcloneRemote, RcloneSecret,
} from '../../src';
import { acceptedText, actualText } from '../../src/k8s/prop-check';
import { SIGNATURES } from '../../src/k8s/prop-shapes.generated';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const js = <T>(value: unknown) => value as T;

/** Every construct class of the public API. */
const CONSTRUCTS = Object.entries(lib)
  .filter(([, v]) => typeof v === 'function' && v.prototype instanceof Construct)
  .map(([name, v]) => [name, v as unknown as new (scope: Construct, id: string, props: unknown) => Construct] as const);

describe('the runtime shape check at the public boundary', () => {
  test('knows every construct of the public API (regenerate with `npx projen compile && npx projen shapes`)', () => {
    expect(CONSTRUCTS.length).toBeGreaterThanOrEqual(8);
    expect(CONSTRUCTS.map(([name]) => name).filter(name => !(name in SIGNATURES))).toEqual([]);
  });

  test.each(CONSTRUCTS)('%s checks its props before using them', (name, Ctor) => {
    const chart = Testing.chart();
    expect(() => new Ctor(chart, 'x', 42)).toThrow(new RegExp(`^${name} 'test/x': props is the number 42; accepted: an? ${name}Props object`));
  });

  test('a string where a value class belongs names the factory to call', () => {
    const chart = Testing.chart();
    expect(() => new PrepackagedModel(chart, 'a', { server: PrepackagedServer.SKLEARN, modelUri: js('gs://b/iris') })).toThrow(
      /^PrepackagedModel 'test\/a': modelUri is a string "gs:\/\/b\/iris"; accepted: a ModelUri from ModelUri.gcs\(\), .* \(for this string: ModelUri.parse\("gs:\/\/b\/iris"\)\), or leave the field out$/);
    expect(() => new SeldonModel(chart, 'm', { storageUri: js('gs://b/iris') })).toThrow(/SeldonModel 'test\/m': storageUri is a string "gs:\/\/b\/iris"; accepted: a ModelUri/);
    expect(() => new PrepackagedModel(chart, 'b', { server: js('SKLEARN_SERVER'), modelUri: IRIS })).toThrow(
      /server is a string "SKLEARN_SERVER"; accepted: a PrepackagedServer from .*PrepackagedServer.SKLEARN/);
    expect(() => new PrepackagedModel(chart, 'c', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, env: { A: js('x') } })).toThrow(
      /env.A is a string "x"; accepted: an EnvValue from .*EnvValue.fromValue\("x"\)/);
  });

  test('reports every wrong field at once: wrong types, null, NaN and Infinity', () => {
    const make = () => new SeldonModel(Testing.chart(), 'm', js({ storageUri: IRIS, requirements: 'sklearn', replicas: NaN, minReplicas: Infinity, memory: null }));
    expect(make).toThrow([
      "SeldonModel 'test/m': memory is null; accepted: a string, or leave the field out",
      "SeldonModel 'test/m': minReplicas is Infinity; accepted: a finite number, or leave the field out",
      "SeldonModel 'test/m': replicas is NaN; accepted: a finite number, or leave the field out",
      "SeldonModel 'test/m': requirements is a string \"sklearn\"; accepted: an array whose elements are each a string, or leave the field out",
    ].join('\n'));
  });

  test('null inside a list names its index', () => {
    expect(() => new SeldonDeployment(Testing.chart(), 'd', { predictors: [js(null)] })).toThrow(
      /^SeldonDeployment 'test\/d': predictors\[0\] is null; accepted: a PredictorProps object with graph, name$/);
  });

  test('a string where a Secret belongs is not echoed: it may be a credential', () => {
    let message = '';
    try {
      new PrepackagedModel(Testing.chart(), 'a', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, credentials: js('AKIA-NEVER-SHOWN') });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/credentials is a string \(not shown: it may be a credential\); accepted: an ISecret from Secret.fromSecretName\(\)/);
    expect(message).not.toContain('AKIA');
  });

  test('interfaces are checked by their members: an ISecret or a claim of another cdk8s-plus line is accepted', () => {
    const chart = Testing.chart();
    // A Secret of another cdk8s-plus line: another class, another module, the same members.
    class ForeignSecret extends Construct {
      public readonly name = 'creds';
      public readonly apiVersion = 'v1';
      public readonly apiGroup = '';
      public readonly kind = 'Secret';
      public readonly resourceType = 'secrets';
      public readonly resourceName = 'creds';
      public envValue(key: string) {
        return EnvValue.fromSecretValue({ secret: Secret.fromSecretName(this, key, 'creds'), key });
      }
    }
    const foreign = new ForeignSecret(chart, 'foreign');
    new PrepackagedModel(chart, 'a', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, credentials: js(foreign) });
    const sdep = Testing.synth(chart).find(o => o.kind === 'SeldonDeployment');
    expect(sdep.spec.predictors[0].graph.envSecretRefName).toBe('creds');
    const claim = PersistentVolumeClaim.fromClaimName(chart, 'claim', 'models');
    expect(ModelUri.pvc(claim, 'iris').uri).toBe('pvc://models/iris');
  });

  test('what the construct keeps is a copy: changing the caller\'s objects afterwards does not reach the output', () => {
    const chart = Testing.chart();
    const env: Record<string, EnvValue> = { A: EnvValue.fromValue('checked') };
    const labels: Record<string, string> = { team: 'ml' };
    const requirements = ['sklearn'];
    new PrepackagedModel(chart, 'a', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, env, metadata: { name: 'a', labels } });
    const server = new SeldonServer(chart, 's', { metadata: { name: 's' } });
    new SeldonModel(chart, 'm', { metadata: { name: 'm' }, storageUri: IRIS, requirements, server });
    env.A = js('not checked');
    env.B = js(42);
    labels.team = 'Not A Valid Label!';
    requirements.push('tpu');
    const out = Testing.synth(chart);
    const sdep = out.find(o => o.kind === 'SeldonDeployment');
    expect(sdep.metadata.labels).toEqual({ team: 'ml' });
    expect(sdep.spec.predictors[0].componentSpecs[0].spec.containers[0].env).toEqual([{ name: 'A', value: 'checked' }]);
    expect(out.find(o => o.kind === 'Model').spec.requirements).toEqual(['sklearn']);
  });

  test('a method\'s arguments are checked the same way', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 's', { metadata: { name: 's' } });
    expect(() => server.addCapability(js(3))).toThrow(/^SeldonServer 'test\/s': addCapability\(\) capability is the number 3; accepted: a string$/);
    expect(() => server.mountPvc(js('models'), '/mnt/models')).toThrow(
      /^SeldonServer 'test\/s': mountPvc\(\) claim is a string "models"; accepted: an IPersistentVolumeClaim from PersistentVolumeClaim.fromClaimName\(\)/);
    const secret = new RcloneSecret(chart, 'creds');
    expect(() => secret.addRemote(js({ name: 'aws' }))).toThrow(/^RcloneSecret 'test\/creds': addRemote\(\) remote is a plain object; accepted: a RcloneRemote from RcloneRemote\./);
    expect(() => RcloneSecret.fromExistingSecret(chart, 'existing', js(7))).toThrow(/^RcloneSecret 'test\/existing': name is the number 7; accepted: a string$/);
  });

  test('an enum string that is no member is reported at synth unless the construct says more', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'a', {
      server: PrepackagedServer.SKLEARN,
      modelUri: IRIS,
      resources: { cpu: { request: Cpu.millis(100) } },
      serviceAccount: undefined,
    });
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(() => new PrepackagedModel(Testing.chart(), 'b', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, protocol: js('grpc') })).toThrow(
      /protocol "grpc" is not a Seldon protocol/);
  });

  test('a graph node is a PredictiveUnit, not its props', () => {
    const unit = { name: 'classifier', server: PrepackagedServer.SKLEARN, modelUri: IRIS };
    expect(() => new SeldonDeployment(Testing.chart(), 'd', { predictors: [{ name: 'default', graph: js(unit) }] })).toThrow(
      /predictors\[0\].graph is a plain object; accepted: a PredictiveUnit from PredictiveUnit.builtIn\(\), PredictiveUnit.component\(\), PredictiveUnit.prepackaged\(\)$/);
    expect(PredictiveUnit.prepackaged(unit).name).toBe('classifier');
  });
});

describe('factories of value classes', () => {
  const graph = (unit: PredictiveUnit) => () => new SeldonDeployment(Testing.chart(), 'd', { predictors: [{ name: 'default', graph: unit }] });

  test('a factory called with wrong types does not throw: the construct that receives its value reports the problem with its path', () => {
    const unit = PredictiveUnit.prepackaged(js({ name: 'classifier', server: 'SKLEARN_SERVER', modelUri: IRIS }));
    expect(unit.name).toBe('classifier');
    expect(graph(unit)).toThrow(
      /^SeldonDeployment 'test\/d': predictors\[0\].graph \(PredictiveUnit.prepackaged\(\) props.server\) is a string "SKLEARN_SERVER"; accepted: a PrepackagedServer/);
  });

  test('problems travel up through nested values', () => {
    const leaf = PredictiveUnit.prepackaged(js({ name: 'leaf', server: PrepackagedServer.SKLEARN, modelUri: IRIS, env: { A: 'x' } }));
    const root = PredictiveUnit.component({ name: 'root', unitType: lib.PredictiveUnitType.TRANSFORMER, image: 'img:1', children: [leaf] });
    expect(graph(root)).toThrow(/predictors\[0\].graph \(PredictiveUnit.component\(\) props.children\[0\] \(PredictiveUnit.prepackaged\(\) props.env.A\)\) is a string "x"/);
  });

  test('a list given to a factory is copied: pushing the node into its own children afterwards cannot make a cycle', () => {
    const children: PredictiveUnit[] = [];
    const unit = PredictiveUnit.builtIn({ name: 'router', implementation: lib.BuiltInImplementation.SIMPLE_ROUTER, children });
    children.push(unit);
    expect(unit.children).toEqual([]);
  });

  test('credentials given to a remote factory with a wrong type are not echoed', () => {
    const remote = RcloneRemote.s3(js({ accessKeyId: 12345678, secretAccessKey: { value: 'SECRET-NEVER-SHOWN' } }));
    let message = '';
    try {
      new RcloneSecret(Testing.chart(), 'creds', { remotes: [remote] });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("RcloneSecret 'test/creds': remotes[0] (RcloneRemote.s3() props.accessKeyId) is a number (not shown: it may be a credential)");
    expect(message).not.toMatch(/12345678|SECRET-NEVER-SHOWN/);
  });

  test('a factory\'s own checks of numbers keep their wording', () => {
    expect(lib.ModelParameter.intValue('n', NaN).problem).toMatch(/is not a 32-bit integer/);
  });

  test('a shared constant never carries a caller\'s problems', () => {
    lib.ServerConfigRef.fromName(js(42));
    expect(() => new SeldonServer(Testing.chart(), 's', { serverConfig: lib.ServerConfigRef.MLSERVER })).not.toThrow();
  });
});

describe('the wording', () => {
  test.each([
    [undefined, false, 'is missing'], [null, false, 'is null'], ['x', false, 'is a string "x"'], ['x', true, 'is a string (not shown: it may be a credential)'],
    [NaN, false, 'is NaN'], [-Infinity, false, 'is -Infinity'], [1.5, false, 'is the number 1.5'], [true, false, 'is true (a boolean)'],
    [[1], false, 'is an array'], [{}, false, 'is a plain object'], [new Date(0), false, 'is a Date object'], [() => 1, false, 'is a function'],
    [BigInt(1), false, 'is a bigint'], [Symbol('s'), false, 'is a symbol'], [Object.create(null), false, 'is a plain object'],
  ])('%p (sensitive: %p) %s', (value, sensitive, text) => {
    expect(actualText(value, sensitive)).toBe(text);
  });

  test('what is accepted', () => {
    expect(acceptedText('[s]')).toBe('an array whose elements are each a string');
    expect(acceptedText('{cdk8s-plus-27.EnvValue}')).toMatch(/^an object mapping names to an EnvValue from EnvValue\./);
    expect(acceptedText('b')).toBe('true or false');
    expect(acceptedText('s|n')).toBe('a string, or a finite number');
    expect(acceptedText('SeldonProtocol')).toBe(
      'one of SeldonProtocol.SELDON, SeldonProtocol.V2, SeldonProtocol.KFSERVING, SeldonProtocol.TENSORFLOW (the strings "seldon", "v2", "kfserving", "tensorflow")');
    expect(acceptedText('ModelUri', 's3://KEY:SECRET@bucket/x')).not.toContain('SECRET');
  });

  test('a missing value where members are accepted: in JavaScript a misspelt member reads as undefined', () => {
    const model = (server: unknown, parameters?: unknown[]) => () => new lib.PrepackagedModel(Testing.chart(), 'm',
      { server: server as lib.PrepackagedServer, modelUri: lib.ModelUri.gcs('b', 'p'), parameters: parameters as lib.ModelParameter[] });
    const members = lib.PrepackagedServer as unknown as Record<string, unknown>;
    expect(model(members.SKLERN)).toThrow(/server is missing; accepted: a PrepackagedServer from PrepackagedServer\.custom\(\), .*PrepackagedServer\.XGBOOST \(a misspelt member reads as undefined in JavaScript\)$/);
    // Only for a missing value, and only where members are listed (ModelParameter has factories alone).
    expect(model('SKLEARN')).toThrow(/server is a string "SKLEARN"; accepted: a PrepackagedServer from .*XGBOOST$/);
    expect(model(lib.PrepackagedServer.SKLEARN, [undefined])).toThrow(/parameters\[0\] is missing; accepted: a ModelParameter from ModelParameter\.boolValue\(\), .*ModelParameter\.stringValue\(\)$/);
  });
});
