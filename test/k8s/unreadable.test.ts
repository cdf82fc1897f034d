import { Chart, Duration, Testing } from 'cdk8s';
import { EnvValue, Secret } from 'cdk8s-plus-27';
import { ModelUri, PrepackagedModel, PrepackagedServer, RcloneSecret, SeldonDeployment, SeldonModel, ServerConfig } from '../../src';
import { UNREADABLE_ACCEPTED, unreadableProblem } from '../../src/k8s/unreadable';

/**
 * Values that throw when the library reads them (a getter or Proxy that
 * throws, a revoked Proxy) and class instances no constructor made
 * (`Object.create(Duration.prototype)`): a library error naming the
 * construct path and the field, never the engine's TypeError, and never the
 * text the value threw, which may hold anything.
 */
const CREDENTIAL = 's3://AKIA:hunter2-secret@bucket';
const no = (): never => { throw new TypeError(`refused ${CREDENTIAL}`); };
const throwingProxy = (): object => new Proxy({}, { get: no, has: no, ownKeys: no, getPrototypeOf: no, getOwnPropertyDescriptor: no });
function revokedProxy(): object {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
}
const base = () => ({ server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris') });

function errorOf(build: (chart: Chart) => void): Error {
  const chart = Testing.chart();
  try {
    build(chart);
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).constructor).toBe(Error);
    expect((e as Error).message).not.toContain('hunter2');
    return e as Error;
  }
  throw new Error('no error was raised');
}

describe('values that throw when read', () => {
  test('a getter that throws is named by its field, with the class of what it threw', () => {
    const props = Object.defineProperty(base(), 'image', { get: no, enumerable: true });
    expect(errorOf(c => new PrepackagedModel(c, 'm', props)).message).toBe(
      `PrepackagedModel 'test/m': image could not be read: reading it threw a TypeError; ${UNREADABLE_ACCEPTED}`);
  });

  test('one level down: a struct field\'s getter, and a Proxy whose traps throw', () => {
    expect(errorOf(c => new PrepackagedModel(c, 'm', { ...base(), metadata: { get name(): string { return no(); } } })).message)
      .toContain("PrepackagedModel 'test/m': metadata.name could not be read: reading it threw a TypeError");
    expect(errorOf(c => new PrepackagedModel(c, 'm', { ...base(), metadata: throwingProxy() as never })).message)
      .toContain("PrepackagedModel 'test/m': metadata is a Proxy that could not be read");
  });

  test('a revoked Proxy as the props, as a list element, and as a method argument', () => {
    expect(errorOf(c => new PrepackagedModel(c, 'm', revokedProxy() as never)).message)
      .toMatch(/^PrepackagedModel 'test\/m': props is a Proxy that could not be read: reading it threw a TypeError; accepted: /);
    expect(errorOf(c => new PrepackagedModel(c, 'm', { ...base(), parameters: [revokedProxy() as never] })).message)
      .toContain("PrepackagedModel 'test/m': parameters[0] is a Proxy that could not be read");
    expect(errorOf(c => new SeldonDeployment(c, 'd', {}).addPredictor(revokedProxy() as never)).message)
      .toContain("SeldonDeployment 'test/d': addPredictor() predictor is a Proxy that could not be read");
  });

  test('a factory argument: the construct that receives the value names it', () => {
    const message = errorOf(c => new SeldonModel(c, 'm', { storageUri: ModelUri.gcs(revokedProxy() as never, 'iris'), requirements: ['sklearn'] })).message;
    expect(message).toContain("SeldonModel 'test/m': storageUri (ModelUri.gcs() bucket) is a Proxy that could not be read");
  });

  test('a getter that answers is read once, at the boundary, and what it answered is what is checked and kept', () => {
    let reads = 0;
    const props = Object.defineProperty(base(), 'replicas', { get: () => ++reads, enumerable: true });
    const model = new PrepackagedModel(Testing.chart(), 'm', props);
    expect(reads).toBe(1);
    expect(Testing.synth(model.node.scope as Chart)[0].spec.predictors[0].replicas).toBe(1);
    expect(reads).toBe(1);
    // A getter that answers a valid value once and a wrong one after: the one answer is checked and kept.
    let image = 0;
    const shifty = Object.defineProperty(base(), 'image', { get: () => (image++ === 0 ? 'docker.io/seldonio/sklearnserver:1.18.2' : 42), enumerable: true });
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'm', shifty);
    expect(Testing.synth(chart)[0].spec.predictors[0].componentSpecs[0].spec.containers[0].image).toBe('docker.io/seldonio/sklearnserver:1.18.2');
  });

  test('a type test answers false for a value it cannot read', () => {
    expect(RcloneSecret.isRcloneSecret(revokedProxy())).toBe(false);
    expect(RcloneSecret.isRcloneSecret(throwingProxy())).toBe(false);
  });

  test('a stack overflow while reading is said as nesting, whatever it threw', () => {
    expect(unreadableProblem({}, 'graph', new RangeError('Maximum call stack size exceeded')).problem).toBe('is nested too deeply to be read (the stack overflowed)');
    expect(unreadableProblem({}, 'x', 'a string').problem).toBe('could not be read: reading it threw a thrown string');
    expect(unreadableProblem({}, 'x', { name: 'not a name!' }).problem).toBe('could not be read: reading it threw an error');
  });
});

describe('class instances no constructor made', () => {
  test('a Duration and an EnvValue from Object.create() are refused by name, with the factories that make them', () => {
    expect(errorOf(c => new PrepackagedModel(c, 'm', { ...base(), terminationGracePeriod: Object.create(Duration.prototype) })).message).toBe(
      "PrepackagedModel 'test/m': terminationGracePeriod is a Duration that no constructor or factory made (it has no state of its own); "
      + 'accepted: a Duration from Duration.days(), Duration.hours(), Duration.millis(), Duration.minutes(), Duration.parse(), Duration.seconds()');
    expect(errorOf(c => new PrepackagedModel(c, 'm', { ...base(), env: { A: Object.create(EnvValue.prototype) } })).message)
      .toContain("PrepackagedModel 'test/m': env.A is an EnvValue that no constructor or factory made");
  });

  test('an ISecret whose getters throw (a Secret no constructor made) names the member', () => {
    const chart = Testing.chart();
    const hollow = Object.assign(Object.create(Secret.prototype), { node: Secret.fromSecretName(chart, 's', 'creds').node, resourceType: 'secrets' });
    expect(errorOf(c => new PrepackagedModel(c, 'm', { ...base(), credentials: hollow })).message)
      .toContain("PrepackagedModel 'test/m': credentials.apiGroup could not be read: reading it threw a TypeError");
  });

  test('the same values made by their factories pass', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'm', { ...base(), terminationGracePeriod: Duration.seconds(30), env: { A: EnvValue.fromValue('x') } });
    const spec = Testing.synth(chart)[0].spec.predictors[0].componentSpecs[0].spec;
    expect(spec.terminationGracePeriodSeconds).toBe(30);
  });
});

describe('values cdk8s would fail on only when writing the manifest', () => {
  const claimTemplate = (creationTimestamp: unknown) => ({
    containers: ['rclone', 'agent', 'mlserver'].map(name => ({ name, image: `${name}:1` })),
    volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { metadata: { creationTimestamp }, spec: { accessModes: ['ReadWriteOnce'] } } } }],
  });

  test('an invalid Date, or one no constructor made, is refused at construction with its field', () => {
    for (const date of [new Date(NaN), Object.create(Date.prototype)]) {
      const message = errorOf(c => new ServerConfig(c, 'mlserver', { podSpec: claimTemplate(date) as never })).message;
      expect(message).toBe("ServerConfig 'test/mlserver': podSpec.volumes[0].ephemeral.volumeClaimTemplate.metadata.creationTimestamp is a Date with no time value "
        + "(new Date(NaN), or one no constructor made); accepted: a Date of a real instant, e.g. new Date('2026-01-01T00:00:00Z'), or leave the field out");
    }
  });

  test('a Date whose toISOString was replaced is kept as a plain copy of its instant', () => {
    const date = new Date(Date.UTC(2026, 0, 2));
    date.toISOString = () => { throw new Error(CREDENTIAL); };
    const chart = Testing.chart();
    new ServerConfig(chart, 'mlserver', { podSpec: claimTemplate(date) as never });
    const volume = Testing.synth(chart)[0].spec.podSpec.volumes[0];
    expect(volume.ephemeral.volumeClaimTemplate.metadata.creationTimestamp).toBe('2026-01-02T00:00:00.000Z');
  });

  test('a scope whose node cannot be read is refused with that member named', () => {
    const chart = Testing.chart();
    const scope = new Proxy(chart, { get: (target, key) => (key === 'node' ? no() : Reflect.get(target, key)) });
    expect(errorOf(() => new SeldonModel(scope, 'm', { storageUri: base().modelUri, requirements: ['sklearn'] })).message)
      .toBe('SeldonModel \'m\': scope.node could not be read: reading it threw a TypeError; accepted: a construct, e.g. a Chart or a construct inside one');
  });

  test('an object carrying the constructs symbol without a node is no scope', () => {
    const fake = { [Symbol.for('constructs.Construct')]: true };
    expect(errorOf(() => new SeldonDeployment(fake as never, 'd', {})).message)
      .toBe("SeldonDeployment 'd': scope is a plain object; accepted: a construct, e.g. a Chart or a construct inside one");
  });

  test('a list longer than any Kubernetes object holds is refused before it is walked (a sparse new Array(2 ** 32 - 1))', () => {
    const podSpec = claimTemplate(undefined) as { containers: Array<{ args?: unknown }> };
    podSpec.containers[2].args = new Array(2 ** 32 - 1);
    expect(errorOf(c => new ServerConfig(c, 'mlserver', { podSpec: podSpec as never })).message)
      .toBe("ServerConfig 'test/mlserver': podSpec.containers[2].args has 4294967295 elements; accepted: a list of at most 100,000 elements (no Kubernetes object holds more)");
  });
});


test('what a value throws while the manifest is written is masked for URL user info in the message', () => {
  const chart = Testing.chart();
  const model = new PrepackagedModel(chart, 'm', base());
  // A plain-JavaScript caller's object put under the spec, read only when the manifest is written.
  (model.apiObject as unknown as { props: { spec: unknown } }).props.spec = { get predictors(): never { throw new TypeError(`refused ${CREDENTIAL}`); } };
  let message = '';
  try {
    Testing.synth(chart);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(/^Failed serializing construct at path 'test\/m\/Resource' .*TypeError: refused s3:\/\/\*\*\*@bucket$/);
  expect(message).not.toContain('hunter2');
});
