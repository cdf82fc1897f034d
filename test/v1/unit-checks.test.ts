import { Testing } from 'cdk8s';
import { Secret } from 'cdk8s-plus-27';
import {
  BuiltInImplementation, ModelParameter, ModelUri, PredictiveUnit, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonDeployment,
} from '../../src';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const sklearn = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: IRIS });
const abTest = (parameters?: ModelParameter[], children = [sklearn('a'), sklearn('b')]) =>
  PredictiveUnit.builtIn({ name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, parameters, children });

function graphOf(graph: PredictiveUnit) {
  const chart = Testing.chart();
  // a graph of built-ins alone needs the executor in its own pod (review 17 v1, D1)
  new SeldonDeployment(chart, 'x', { predictors: [{ name: 'p', graph }], separateEnginePod: graph._spec.kind === 'builtIn' && graph._walk().every(u => u._spec.kind === 'builtIn') });
  return Testing.synth(chart)[0].spec.predictors[0].graph;
}

describe('built-in nodes follow the Go executor (executor/predictor/predictor_process.go, components.go)', () => {
  test.each(Object.values(BuiltInImplementation))('%s is rendered with its implementation and no type', implementation => {
    const graph = graphOf(PredictiveUnit.builtIn({ name: 'n', implementation, children: [sklearn('a'), sklearn('b')] }));
    expect(graph.implementation).toBe(implementation);
    expect(graph).not.toHaveProperty('type');
  });

  test('RANDOM_ABTEST without ratioA: the executor splits 50/50 (abTestRouter default 0.5)', () => {
    const graph = graphOf(abTest());
    expect(graph).toEqual({ name: 'ab', implementation: 'RANDOM_ABTEST', children: [expect.objectContaining({ name: 'a' }), expect.objectContaining({ name: 'b' })] });
  });

  test.each(['0', '1', '0.25', '.5', '1e-1'])('ratioA %s is a share ParseFloat reads', value => {
    expect(graphOf(abTest([ModelParameter.stringValue('ratioA', value)])).parameters).toEqual([{ name: 'ratioA', value, type: 'STRING' }]);
  });

  test('ratioA beside another parameter is ignored by the executor (read only as the sole parameter)', () => {
    expect(() => graphOf(abTest([ModelParameter.floatValue('ratioA', 0.7), ModelParameter.stringValue('note', 'x')])))
      .toThrow(/predictors\[0\]\.graph\.parameters has 2 entries; the executor reads ratioA only when it is the node's sole parameter and otherwise splits 50\/50; ratioA alone/);
  });

  test.each(['abc', '', '50%', '1,5'])('non-numeric ratioA %j fails every request (strconv.ParseFloat)', value => {
    expect(() => graphOf(abTest([ModelParameter.stringValue('ratioA', value)])))
      .toThrow(/graph\.parameters\[0\] \(ratioA\) ".*" is not a decimal number; the executor parses ratioA with strconv\.ParseFloat on every request/);
  });

  test.each(['0x1p-1', 'NaN', '-Inf'])('ratioA %s: ParseFloat reads it, the library takes decimals only and says so', value => {
    expect(() => graphOf(abTest([ModelParameter.stringValue('ratioA', value)])))
      .toThrow(/is read by the executor's strconv\.ParseFloat, so Seldon accepts it, but the library takes a decimal share only/);
  });

  test('ratioA above 1: Seldon accepts it, the library says why it does not', () => {
    expect(() => graphOf(abTest([ModelParameter.floatValue('ratioA', 70)])))
      .toThrow(/ratioA\) 70 is outside 0 to 1; Seldon accepts it, but the executor then sends every request to one child/);
  });

  test('RANDOM_ABTEST with three children: Seldon accepts it, the third never gets a request', () => {
    expect(() => graphOf(abTest(undefined, [sklearn('a'), sklearn('b'), sklearn('c')])))
      .toThrow(/graph\.children has 3 nodes; Seldon accepts this, but RANDOM_ABTEST only ever picks the first two/);
  });

  test('built-in names need not be DNS labels: no container or Service is derived from them', () => {
    const graph = graphOf(PredictiveUnit.builtIn({ name: 'ab_test', implementation: BuiltInImplementation.RANDOM_ABTEST, children: [sklearn('a'), sklearn('b')] }));
    expect(graph.name).toBe('ab_test');
    expect(() => graphOf(PredictiveUnit.builtIn({ name: ' ', implementation: BuiltInImplementation.SIMPLE_MODEL })))
      .toThrow(/graph\.name " " is not a node name; a non-empty name/);
  });

  test('AVERAGE_COMBINER and SIMPLE_ROUTER without children pass the request through (predictChildren skips them)', () => {
    expect(graphOf(PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER }))).toEqual({ name: 'avg', implementation: 'AVERAGE_COMBINER' });
  });
});

describe('prepackaged nodes follow the webhook (seldondeployment_webhook.go checkPredictiveUnits)', () => {
  test('a custom server name is only a predictor_servers key: acme/server is accepted (prepack.go IsPrepack)', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'm', { server: PrepackagedServer.custom('acme/server'), modelUri: IRIS });
    expect(Testing.synth(chart)[0].spec.predictors[0].graph.implementation).toBe('acme/server');
  });

  test('a custom server with modelUriRequired: false still needs modelUri: the webhook exempts HUGGINGFACE_SERVER only', () => {
    expect(() => new PrepackagedModel(Testing.chart(), 'm', { server: PrepackagedServer.custom('MY_SERVER', { modelUriRequired: false }) }))
      .toThrow(/modelUri is missing; Seldon's webhook requires it on a MY_SERVER node \("Predictive unit modelUri required when using standalone servers"\) \(modelUriRequired: false does not change this/);
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'hf', { server: PrepackagedServer.HUGGINGFACE, protocol: 'v2' as any, parameters: [ModelParameter.stringValue('task', 'text-generation')] });
    expect(Testing.synth(chart)[0].spec.predictors[0].graph.modelUri).toBeUndefined();
  });
});

describe('rclone locations the storage initializer reads (rclone copy <uri> /mnt/models)', () => {
  test('an on-the-fly connection-string backend needs no remote in the credentials', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse(':s3,env_auth=true:bucket/path') });
    const creds = new RcloneSecret(chart, 'creds', { remotes: [RcloneRemote.gcs({ name: 'other' })] });
    new PrepackagedModel(chart, 'n', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse(':s3:public/iris'), credentials: creds });
    const models = Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
    expect(models.map(m => m.spec.predictors[0].graph.modelUri)).toEqual([':s3,env_auth=true:bucket/path', ':s3:public/iris']);
  });

  test('a named remote with connection-string options still needs that remote', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('mys3,region=eu-west-1:bucket/path') });
    expect(() => Testing.synth(chart)).toThrow(/credentials are missing, but modelUri "mys3,region=eu-west-1:bucket\/path" names rclone remote "mys3"/);
  });

  test('an anonymous S3 remote (public bucket) is a valid credential', () => {
    const chart = Testing.chart();
    const creds = new RcloneSecret(chart, 'creds', { remotes: [RcloneRemote.s3()] });
    new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('public', 'iris'), credentials: creds });
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Secret', 'SeldonDeployment']);
    expect(Secret).toBeDefined();
  });
});

describe('a graph of built-ins alone (review 17 v1, D1: seldondeployment_controller.go createComponents)', () => {
  const builtIns = () => PredictiveUnit.builtIn({
    name: 'r',
    implementation: BuiltInImplementation.SIMPLE_ROUTER,
    children: [PredictiveUnit.builtIn({ name: 'a', implementation: BuiltInImplementation.SIMPLE_MODEL }), PredictiveUnit.builtIn({ name: 'b', implementation: BuiltInImplementation.SIMPLE_MODEL })],
  });
  test('is refused with the executor in the predictor\'s pod: the operator has no pod to put it in', () => {
    expect(() => new SeldonDeployment(Testing.chart(), 'x', { predictors: [{ name: 'p', graph: builtIns() }] })).toThrow(
      "SeldonDeployment 'test/x': predictors[0].graph has no node that runs a container (only built-in implementations), so the operator finds no pod to run "
      + 'the executor in and fails every reconcile ("engine not separate and no pu with localhost service", seldondeployment_controller.go); '
      + 'a component or prepackaged node in the graph, or separateEnginePod: true');
  });
  test('runs with the executor in its own pod, or with a node that runs a container under the built-in root', () => {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'x', { predictors: [{ name: 'p', graph: builtIns() }], separateEnginePod: true });
    new SeldonDeployment(chart, 'y', {
      predictors: [{ name: 'p', graph: PredictiveUnit.builtIn({ name: 'r', implementation: BuiltInImplementation.SIMPLE_ROUTER, children: [sklearn('a')] }) }],
    });
    expect(Testing.synth(chart).map(o => o.spec.predictors[0].graph.name)).toEqual(['r', 'r']);
  });
});
