/**
 * Shortcuts the constructs take while being built (BENCHMARKS.md, "Third
 * round") must give the same verdicts as the general path they replace.
 */
import { Testing } from 'cdk8s';
import { Cpu, EnvValue, ImagePullPolicy, Probe, Volume } from 'cdk8s-plus-27';
import {
  BuiltInImplementation, EndpointType, LoggerMode, ModelParameter, ModelUri, PodSettings, PredictiveUnit, PredictiveUnitType, PredictorProps,
  PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonDeployment,
} from '../../src';
import * as methodCheck from '../../src/k8s/method-check';
import { SHAPES } from '../../src/k8s/prop-shapes.generated';
import { predictorPodProblems } from '../../src/v1/predictor-pod';
import { unitRuntimeSettings } from '../../src/v1/unit-runtime-checks';
import { namedPredictor, plainPredictor } from '../../src/v1/webhook-input';
import { WebhookNaming, checkWebhookRules } from '../../src/v1/webhook-rules';

const NAMING: WebhookNaming = {
  spec: f => f,
  predictor: (i, f) => `predictors[${i}].${f}`,
  unit: (i, path, f) => `predictors[${i}].${path}.${f}`,
  where: (i, path) => ` (node predictors[${i}].${path})`,
  endpointType: 'endpointType',
  engineEnv: 'engineEnv',
};

type ToPlain = (p: PredictorProps) => ReturnType<typeof plainPredictor>;

function reports(predictors: PredictorProps[], toPlain: ToPlain, rules: readonly number[]): string[] {
  const found: string[] = [];
  checkWebhookRules({ predictors: predictors.map(toPlain) }, NAMING, (field, problem, accepted) => found.push(`${field}: ${problem}; ${accepted}`), rules);
  return found;
}

const unit = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', name) });

describe('the duplicate-name rule reads names only', () => {
  const sets: PredictorProps[][] = [
    [{ name: 'a', graph: unit('x') }],
    [{ name: 'a', graph: unit('x') }, { name: 'a', graph: unit('y'), shadow: true }],
    [{ name: 'a', graph: unit('x'), traffic: 50 }, { name: 'b', graph: unit('x'), traffic: 50 }, { name: 'a', graph: unit('z'), annotations: { 'seldon.io/svc-name': 's' } }],
  ];
  test.each(sets.map((s, i) => [i, s]))('set %i: rule 9 over names gives what it gives over whole predictors', (_i, predictors) => {
    expect(reports(predictors, namedPredictor, [9])).toEqual(reports(predictors, plainPredictor, [9]));
  });

  test('a repeated predictor name is still refused by addPredictor()', () => {
    const sd = new SeldonDeployment(Testing.chart(), 'sd', { predictors: [{ name: 'main', graph: unit('a') }] });
    expect(() => sd.addPredictor({ name: 'main', graph: unit('b') })).toThrow(/predictors\[1\]\.name "main" is taken by another predictor \("Duplicate predictor name"\)/);
  });
});

describe('the rules a list selects', () => {
  const predictors: PredictorProps[] = [{ name: 'a', graph: unit('x'), shadow: true }, { name: 'a', graph: unit('y'), shadow: true }];

  test('a frozen list selects what the same list unfrozen selects', () => {
    for (const rules of [[5], [9, 18], [18, 9], [4, 5, 6, 7, 8, 16, 17, 18, 20, 21]]) {
      const frozen = Object.freeze([...rules]);
      const first = reports(predictors, plainPredictor, frozen);
      expect(reports(predictors, plainPredictor, frozen)).toEqual(first);
      expect(reports(predictors, plainPredictor, rules)).toEqual(first);
    }
    expect(reports(predictors, plainPredictor, Object.freeze([9, 18]))).toHaveLength(2);
  });

  test('a list that is not frozen is read again on each call', () => {
    const rules = [9];
    expect(reports(predictors, plainPredictor, rules)).toEqual([expect.stringMatching(/Duplicate predictor name/)]);
    rules[0] = 18;
    expect(reports(predictors, plainPredictor, rules)).toEqual([expect.stringMatching(/Multiple shadows are not allowed/)]);
  });
});

describe('PrepackagedModel builds its graph node without checking the props again', () => {
  const field = (shape: string, name: string) => SHAPES[shape].f![name]?.replace(/^\?/, '');

  test('every value it passes was checked against the shape PredictiveUnit.prepackaged() would check it against', () => {
    const spy = jest.spyOn(PredictiveUnit, '_ofSpec');
    const checked = jest.spyOn(PredictiveUnit, 'prepackaged');
    try {
      new PrepackagedModel(Testing.chart(), 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'iris') })
        .withCanary({ modelUri: ModelUri.gcs('m', 'v2'), traffic: 10 })
        .withShadow({ modelUri: ModelUri.gcs('m', 'v3') });
      expect(spy).toHaveBeenCalledTimes(3);
      expect(checked).not.toHaveBeenCalled();
      // kind is the factory's own; children are always none
      const keys = new Set(spy.mock.calls.flatMap(([spec]) => Object.keys(spec)).filter(k => k !== 'kind' && k !== 'children'));
      expect(keys.size).toBeGreaterThan(10);
      for (const key of keys) {
        const unitShape = field('PrepackagedUnitProps', key);
        expect([key, unitShape]).toEqual([key, expect.any(String)]);
        // name comes from graphName; the others from the prop of the same name, or a canary's or shadow's override
        expect([key, field('PrepackagedModelProps', key === 'name' ? 'graphName' : key)]).toEqual([key, unitShape]);
        for (const version of ['ModelVersionProps', 'CanaryProps']) {
          const override = field(version, key);
          if (override !== undefined && key !== 'name') expect([version, key, override]).toEqual([version, key, unitShape]);
        }
      }
    } finally {
      spy.mockRestore();
      checked.mockRestore();
    }
  });

  test('its node is the node PredictiveUnit.prepackaged() makes from the same values', () => {
    const credentials = new RcloneSecret(Testing.chart(), 'creds', { remotes: [RcloneRemote.s3({ envAuth: true })] });
    const values = {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.s3('m', 'iris'),
      credentials,
      storageInitializerImage: 'seldonio/rclone-storage-initializer:1.18.2',
      image: 'seldonio/sklearnserver:1.18.2',
      resources: { cpu: { request: Cpu.millis(100) } },
      env: { A: EnvValue.fromValue('1') },
      parameters: [ModelParameter.stringValue('method', 'predict')],
      logger: { mode: LoggerMode.ALL },
      endpointType: EndpointType.REST,
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      livenessProbe: Probe.fromTcpSocket(),
    };
    const model = new PrepackagedModel(Testing.chart(), 'iris', { ...values, graphName: 'iris' });
    const byFactory = PredictiveUnit.prepackaged({ ...values, name: 'iris' });
    expect(model.predictors[0].graph._spec).toEqual(byFactory._spec);
  });
});

describe('PrepackagedModel passes its checked props to SeldonDeployment without a second check', () => {
  const field = (shape: string, name: string) => SHAPES[shape].f![name]?.replace(/^\?/, '');

  test('every value it passes was checked against the shape SeldonDeploymentProps gives it', () => {
    const marked = jest.spyOn(SeldonDeployment as unknown as { _fromCheckedProps: (p: object) => object }, '_fromCheckedProps');
    try {
      new PrepackagedModel(Testing.chart(), 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'iris') });
      expect(marked).toHaveBeenCalledTimes(1);
      const keys = Object.keys(marked.mock.calls[0][0]);
      expect(keys.length).toBeGreaterThan(10);
      for (const key of keys) {
        expect([key, field('SeldonDeploymentProps', key)]).toEqual([key, expect.any(String)]);
        expect([key, field('PrepackagedModelProps', key)]).toEqual([key, field('SeldonDeploymentProps', key)]);
      }
    } finally {
      marked.mockRestore();
    }
  });

  test('a metadata problem is reported once, under PrepackagedModel (the second check reported it again as SeldonDeployment)', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'iris'), metadata: { labels: { 'bad key!': 'v' } } });
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.match(/metadata\.labels key "bad key!" is not a qualified name/g)).toHaveLength(1);
    expect(message).toMatch(/PrepackagedModel 'test\/iris': metadata\.labels key "bad key!"/);
  });

  test('a SeldonDeployment created directly still checks its props', () => {
    expect(() => new SeldonDeployment(Testing.chart(), 'sd', { replicas: 'two' as unknown as number })).toThrow(/SeldonDeployment 'test\/sd': replicas is a string "two"/);
  });
});

describe('constructs make their pod settings without checking the props again', () => {
  test('each construct props shape that makes PodSettings carries every PodSettingsProps field with the same shape', () => {
    const own = SHAPES.PodSettingsProps.f!;
    expect(Object.keys(own).length).toBeGreaterThan(4);
    for (const shape of ['PredictorProps', 'SeparatePodProps', 'PrepackagedModelProps', 'ModelVersionProps', 'CanaryProps', 'SeldonServerProps', 'ServerConfigProps']) {
      for (const [name, ref] of Object.entries(own)) expect([shape, name, SHAPES[shape].f![name]]).toEqual([shape, name, ref]);
    }
  });

  test('a PrepackagedModel runs no constructor check of PodSettings; a PodSettings a user makes still gets one', () => {
    const spy = jest.spyOn(methodCheck, 'checkConstructor');
    try {
      const chart = Testing.chart();
      new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'iris'), podLabels: { team: 'a' } })
        .withCanary({ modelUri: ModelUri.gcs('m', 'v2'), traffic: 10 });
      expect(spy.mock.calls.filter(([name]) => name === 'PodSettings')).toHaveLength(0);
      new PodSettings(chart, 'Thing', { podLabels: { team: 'a' } });
      expect(spy.mock.calls.filter(([name]) => name === 'PodSettings')).toHaveLength(2);
      expect(() => new PodSettings(chart, 'Thing', { priorityClassName: 7 as unknown as string })).toThrow(/priorityClassName/);
    } finally {
      spy.mockRestore();
    }
  });

  test('the pod settings rules still apply to a construct\'s props', () => {
    expect(() => new PrepackagedModel(Testing.chart(), 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'iris'), podLabels: { 'bad key!': 'a' } }))
      .toThrow(/PrepackagedModel 'test\/iris': podLabels\["bad key!"\]/);
  });
});

describe('ModelUri factories check their arguments once', () => {
  test.each([
    ['gcs', () => ModelUri.gcs('seldon-models', 'sklearn/iris'), 'gs://seldon-models/sklearn/iris'],
    ['s3', () => ModelUri.s3('models', '/iris'), 's3://models/iris'],
    ['remote', () => ModelUri.remote('minio', 'models/../iris'), 'minio:models/../iris'],
    ['pvcByName', () => ModelUri.pvcByName('Bad_Claim', 'iris'), 'pvc://Bad_Claim/iris'],
    ['localPath', () => ModelUri.localPath('relative/path'), 'relative/path'],
  ])('%s builds what parse() builds from the same string, without calling it', (_name, make, text) => {
    const parse = jest.spyOn(ModelUri, 'parse');
    let made: ModelUri;
    try {
      made = make();
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    expect({ ...made }).toEqual({ ...ModelUri.parse(text) });
  });
});

describe('ModelUri settles paths without a dot without splitting them', () => {
  test.each([
    ['s3://models/iris/v1', undefined],
    ['s3://models/iris.v1/model.joblib', undefined],
    ['s3://models/./iris', 'contains "." or ".." path segments'],
    ['s3://models/iris/..', 'contains "." or ".." path segments'],
    ['/var/models/../iris', 'contains "." or ".." path segments'],
    ['/var/models/.hidden/iris', undefined],
  ])('%s', (text, problem) => {
    const uri = ModelUri.parse(text);
    if (problem === undefined) expect(uri.problem).toBeUndefined();
    else expect(uri.problem).toContain(problem);
  });

  test('leading slashes of a factory path are dropped, others kept', () => {
    expect(ModelUri.s3('models', '//iris/v1').uri).toBe('s3://models/iris/v1');
    expect(ModelUri.gcs('models', 'iris/v1/').uri).toBe('gs://models/iris/v1/');
  });
});

describe('the predictor-pod checks return at once for a predictor that sets no sidecars, volumes, container order or mounts', () => {
  const shm = () => Volume.fromEmptyDir(Testing.chart(), 'shm', 'seldon-podinfo');
  const node = (extra: object = {}) => PredictiveUnit.component({ name: 'proxy', unitType: PredictiveUnitType.MODEL, image: 'seldonio/proxy:1', ...extra });
  const problems = (p: object) => {
    const found: string[] = [];
    predictorPodProblems({ name: 'default', ...p } as any, { field: f => f }, (field, problem) => found.push(`${field} ${problem}`));
    return found;
  };

  test('nothing set: nothing reported', () => {
    expect(problems({ graph: node() })).toEqual([]);
  });

  test('each field alone still reaches its checks, a nested node\'s mounts included', () => {
    expect(problems({ graph: node(), sidecars: [{ name: 'proxy', image: 'x' }] })).toEqual([expect.stringMatching(/^sidecars\[0\]\.name "proxy" is the name of a graph node/)]);
    expect(problems({ graph: node(), volumes: [shm()] })).toEqual([expect.stringMatching(/^volumes\[0\] name "seldon-podinfo" is the name of the operator's downward API volume/)]);
    expect(problems({ graph: node(), containerOrder: ['nope'] })).toEqual([expect.stringMatching(/^containerOrder\[0\] "nope" is no container/)]);
    const router = PredictiveUnit.builtIn({
      name: 'router',
      implementation: BuiltInImplementation.RANDOM_ABTEST,
      children: [node(), PredictiveUnit.component({ name: 'b', unitType: PredictiveUnitType.MODEL, image: 'b:1', volumeMounts: [{ volume: shm(), path: '/cache' }] })],
    });
    expect(problems({ graph: router })).toEqual([expect.stringMatching(/^graph\.children\[1\]\.volumeMounts\[0\]\.volume name "seldon-podinfo"/)]);
  });
});

describe('a node\'s runtime checks ask for the graph\'s gRPC endpoints only when a component needs them', () => {
  test('none until asked, then one walk, remembered', () => {
    const graph = PredictiveUnit.component({ name: 't', unitType: PredictiveUnitType.TRANSFORMER, image: 'me/t:1', children: [unit('m')], endpointType: EndpointType.GRPC });
    const walk = jest.spyOn(graph, '_walk');
    const settings = unitRuntimeSettings({}, graph);
    expect(walk).not.toHaveBeenCalled();
    expect([settings.grpc(), settings.grpc()]).toEqual(['endpointType GRPC in the graph', 'endpointType GRPC in the graph']);
    expect(walk).toHaveBeenCalledTimes(1);
  });
});
