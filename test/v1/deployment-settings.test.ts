import { Duration, Size, Testing } from 'cdk8s';
import { EnvValue, Secret, ServiceAccount } from 'cdk8s-plus-27';
import {
  EndpointType, ExplainerType, ModelParameter, ModelUri, PredictiveUnit, PredictiveUnitMethod, PredictiveUnitType, PrepackagedModel,
  LoggerMode, PrepackagedServer, SeldonDeployment, SeldonProtocol, ServerType, Transport,
} from '../../src';

function synth(build: (chart: ReturnType<typeof Testing.chart>) => void) {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
}
const mock = (name: string, props: object = {}) => PredictiveUnit.component({ name, unitType: PredictiveUnitType.MODEL, image: 'seldonio/mock_classifier_grpc:1.0', ...props });

describe('typed deployment settings (spec.annotations, transport, serverType, replicas)', () => {
  test('REST and gRPC settings come out as Seldon\'s sample doc/source/graph/model_rest_grpc_settings.md', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'm', {
      metadata: { name: 'seldon-model' },
      grpcMaxMessageSize: Size.kibibytes(10_000_000 / 1024),
      restTimeout: Duration.seconds(100),
      grpcTimeout: Duration.seconds(100),
      predictors: [{ name: 'grpc-size', graph: mock('classifier', { endpointType: EndpointType.GRPC }) }],
    }));
    expect(sdep.spec.annotations).toEqual({
      'seldon.io/grpc-max-message-size': '10000000',
      'seldon.io/rest-timeout': '100000',
      'seldon.io/grpc-timeout': '100000',
    });
    expect(sdep.spec.predictors[0].graph).toEqual({ name: 'classifier', type: 'MODEL', endpoint: { type: 'GRPC' } });
    expect(sdep.spec.predictors[0].replicas).toBe(1);
  });

  test('separate engine pod, logger queue, other annotations, transport, serverType and spec.replicas', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'm', {
      replicas: 2,
      transport: Transport.GRPC,
      serverType: ServerType.KAFKA,
      separateEnginePod: true,
      loggerQueueSize: 20000,
      loggerWriteTimeout: Duration.seconds(3),
      annotations: { 'seldon.io/istio-gateway': 'istio-system/gw' },
      predictors: [{
        name: 'example',
        graph: mock('classifier'),
        engineReplicas: 3,
        engineEnv: { KAFKA_BROKER: EnvValue.fromValue('kafka:9092'), KAFKA_INPUT_TOPIC: EnvValue.fromValue('in'), KAFKA_OUTPUT_TOPIC: EnvValue.fromValue('out') },
      }],
    }));
    expect(sdep.spec).toMatchObject({
      replicas: 2,
      transport: 'grpc',
      serverType: 'kafka',
      annotations: {
        'seldon.io/istio-gateway': 'istio-system/gw',
        'seldon.io/engine-separate-pod': 'true',
        'seldon.io/executor-logger-queue-size': '20000',
        'seldon.io/executor-logger-write-timeout-ms': '3000',
      },
    });
    const p = sdep.spec.predictors[0];
    // spec.replicas applies: the predictor renders none of its own.
    expect(p.replicas).toBeUndefined();
    expect(p.svcOrchSpec).toEqual({
      replicas: 3,
      env: [{ name: 'KAFKA_BROKER', value: 'kafka:9092' }, { name: 'KAFKA_INPUT_TOPIC', value: 'in' }, { name: 'KAFKA_OUTPUT_TOPIC', value: 'out' }],
    });
  });

  test('progressDeadline, ssl and executor resources with env on one predictor', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
      progressDeadline: Duration.minutes(15),
      sslCertificate: Secret.fromSecretName(chart, 'tls', 'iris-tls'),
      engineEnv: { LOG_LEVEL: EnvValue.fromValue('DEBUG') },
    }));
    const p = sdep.spec.predictors[0];
    expect(p.progressDeadlineSeconds).toBe(900);
    expect(p.ssl).toEqual({ certSecretName: 'iris-tls' });
    expect(p.svcOrchSpec).toEqual({ env: [{ name: 'LOG_LEVEL', value: 'DEBUG' }] });
  });
});

describe('graph endpoints, ports and methods', () => {
  test('a TF Serving model over gRPC comes out as servers/tfserving/samples/mnist_grpc.yaml', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'tfserving', {
      metadata: { name: 'tfserving' },
      server: PrepackagedServer.TENSORFLOW,
      modelUri: ModelUri.gcs('seldon-models', 'tfserving/mnist-model'),
      graphName: 'mnist-model',
      endpointType: EndpointType.GRPC,
      parameters: [
        ModelParameter.stringValue('signature_name', 'predict_images'),
        ModelParameter.stringValue('model_name', 'mnist-model'),
        ModelParameter.stringValue('model_input', 'images'),
        ModelParameter.stringValue('model_output', 'scores'),
      ],
    }));
    expect(sdep.spec.predictors).toEqual([{
      name: 'default',
      replicas: 1,
      graph: {
        name: 'mnist-model',
        implementation: 'TENSORFLOW_SERVER',
        modelUri: 'gs://seldon-models/tfserving/mnist-model',
        endpoint: { type: 'GRPC' },
        parameters: [
          { name: 'signature_name', type: 'STRING', value: 'predict_images' },
          { name: 'model_name', type: 'STRING', value: 'mnist-model' },
          { name: 'model_input', type: 'STRING', value: 'images' },
          { name: 'model_output', type: 'STRING', value: 'scores' },
        ],
      },
    }]);
  });

  test('a component with its own ports and methods', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'm', {
      predictors: [{
        name: 'p',
        graph: mock('router', { unitType: PredictiveUnitType.ROUTER, methods: [PredictiveUnitMethod.ROUTE, PredictiveUnitMethod.SEND_FEEDBACK], httpPort: 9100, grpcPort: 9600, children: [mock('a'), mock('b')] }),
      }],
    }));
    const p = sdep.spec.predictors[0];
    expect(p.graph.methods).toEqual(['ROUTE', 'SEND_FEEDBACK']);
    expect(p.componentSpecs[0].spec.containers[0].ports).toEqual([
      { name: 'http', containerPort: 9100 },
      { name: 'grpc', containerPort: 9600 },
    ]);
  });

  test('endpoint types that differ between nodes, or disagree with the transport, are rejected (webhook rules)', () => {
    const build = (transport: Transport | undefined, a: EndpointType, b: EndpointType) => () => synth(chart => new SeldonDeployment(chart, 'm', {
      transport,
      predictors: [{ name: 'p', graph: mock('a', { endpointType: a, children: [mock('b', { endpointType: b })] }) }],
    }));
    expect(build(undefined, EndpointType.REST, EndpointType.GRPC)).toThrow(/predictors\[\]\.graph\.endpointType differs between nodes \(a: REST, b: GRPC\) \("Multiple endpoint.types found"\)/);
    expect(build(Transport.REST, EndpointType.GRPC, EndpointType.GRPC)).toThrow(/transport "rest" disagrees with node a's endpointType GRPC/);
    expect(build(Transport.GRPC, EndpointType.GRPC, EndpointType.GRPC)).not.toThrow();
  });
});

describe('an explainer\'s endpoint under the v2 protocol', () => {
  // mlserver.go getAlibiExplainExtraEnvVars writes the endpoint seldondeployment_explainers.go picked into "http://<endpoint>/v2/...".
  type Endpoint = EndpointType | undefined;
  const build = (protocol: SeldonProtocol | undefined, transport: Transport | undefined, endpointType: Endpoint) => () => synth(chart =>
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'), protocol, transport })
      .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, endpointType }));

  test('gRPC, from the transport or the explainer\'s endpoint, is rejected: the operator would point MLServer\'s REST calls at the gRPC port', () => {
    expect(build(SeldonProtocol.V2, Transport.GRPC, undefined)).toThrow(/PrepackagedModel '[^']*iris': transport would fail every explanation/);
    expect(build(SeldonProtocol.V2, undefined, EndpointType.GRPC)).toThrow(/PrepackagedModel '[^']*iris': explainer\.endpointType would fail every explanation/);
    expect(build(SeldonProtocol.V2, Transport.REST, EndpointType.GRPC)).toThrow(/explainer\.endpointType would fail/);
  });

  test('REST under v2, and gRPC under the seldon protocol (the Alibi explainer takes the endpoint and transport as arguments), are accepted', () => {
    const [sdep] = build(SeldonProtocol.V2, Transport.REST, EndpointType.REST)();
    expect(sdep.spec.predictors[0].explainer).toMatchObject({ type: 'AnchorTabular', endpoint: { type: 'REST' } });
    expect(build(undefined, Transport.GRPC, EndpointType.GRPC)).not.toThrow();
  });
});

describe('a predictor\'s own executor annotations', () => {
  const sdep = (settings: object, annotations: object, podAnnotations: object = {}) => () => synth(chart => new SeldonDeployment(chart, 'm', {
    ...settings,
    predictors: [{ name: 'p', annotations: annotations as any, podAnnotations: podAnnotations as any, graph: mock('a') }],
  }));

  test('a value the executor cannot parse is rejected (it exits at start)', () => {
    expect(sdep({}, { 'seldon.io/rest-timeout': 'abc' })).toThrow(/predictors\[0\]\.annotations\["seldon\.io\/rest-timeout"\] "abc" is not a number the executor reads/);
    expect(sdep({}, {}, { 'seldon.io/grpc-max-message-size': '99999999999' })).toThrow(/podAnnotations\["seldon\.io\/grpc-max-message-size"\] "99999999999" is not a number/);
    expect(sdep({}, { 'seldon.io/grpc-timeout': '2.5s' })).toThrow(/"2\.5s" is not a number the executor reads; it parses the annotation as an integer and ignores it/);
    expect(sdep({}, { 'seldon.io/rest-timeout': '"5000"' })).toThrow(/is not a number the executor reads/);
  });

  test('what strconv reads is accepted: a sign, leading zeros, 0 or empty (the default then applies), a 64-bit gRPC timeout', () => {
    expect(sdep({}, { 'seldon.io/rest-timeout': '+05000', 'seldon.io/grpc-timeout': '3000000000' }, { 'seldon.io/grpc-max-message-size': '0' })).not.toThrow();
    expect(sdep({}, { 'seldon.io/rest-timeout': '', 'seldon.io/grpc-timeout': '' })).not.toThrow();
    expect(sdep({}, { 'seldon.io/rest-timeout': '-1' })).not.toThrow();
  });

  test('a gRPC timeout is a deadline on every call to a node: 0 or less, or past int64 nanoseconds, is rejected (grpc/client.go)', () => {
    expect(sdep({}, { 'seldon.io/grpc-timeout': '0' })).toThrow(/annotations\["seldon\.io\/grpc-timeout"\] "0" would make every gRPC call the executor sends to a node fail.*from 1 to 9223372036854/);
    expect(sdep({}, {}, { 'seldon.io/grpc-timeout': '-5' })).toThrow(/podAnnotations\["seldon\.io\/grpc-timeout"\] "-5" would make every gRPC call/);
    expect(sdep({}, { 'seldon.io/grpc-timeout': '9223372036855' })).toThrow(/"9223372036855" would make every gRPC call/);
    expect(sdep({}, { 'seldon.io/grpc-timeout': '9223372036854' })).not.toThrow();
    expect(sdep({}, { 'seldon.io/grpc-timeout': '+0001' })).not.toThrow();
    // With a separate executor pod the annotation never reaches the executor: that is what is said.
    expect(sdep({ separateEnginePod: true }, { 'seldon.io/grpc-timeout': '0' })).toThrow(/"seldon\.io\/grpc-timeout"\] would be lost: with separateEnginePod/);
    expect(sdep({ separateEnginePod: true }, { 'seldon.io/grpc-timeout': '0' })).not.toThrow(/would make every gRPC call/);
  });

  test('the settings the operator also reads from metadata.annotations are typed settings there too (controller_utils.go GetAnnotation)', () => {
    const build = (annotations: object) => () => synth(chart => new SeldonDeployment(chart, 'm', { metadata: { annotations: annotations as any }, predictors: [{ name: 'p', graph: mock('a') }] }));
    expect(build({ 'seldon.io/executor-logger-queue-size': '-1' })).toThrow(/metadata\.annotations\["seldon\.io\/executor-logger-queue-size"\] "-1" is a typed setting.*; the loggerQueueSize prop/);
    expect(build({ 'seldon.io/executor-logger-write-timeout-ms': 'abc' })).toThrow(/the loggerWriteTimeout prop/);
    expect(build({ 'seldon.io/rest-timeout': '5000' })).toThrow(/the restTimeout prop/);
    expect(build({ 'seldon.io/grpc-timeout': '5000' })).toThrow(/the grpcTimeout prop/);
    // Read from spec.annotations or the pod only: in metadata.annotations they do nothing the library need stop.
    expect(build({ 'seldon.io/engine-separate-pod': 'true', 'seldon.io/grpc-max-message-size': '100', 'example.com/team': 'ml' })).not.toThrow();
    const model = () => synth(chart => new PrepackagedModel(chart, 'm', {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('b', 'p'),
      metadata: { annotations: { 'seldon.io/executor-logger-write-timeout-ms': '10' } },
    }));
    expect(model).toThrow(/PrepackagedModel 'test\/m': metadata\.annotations\["seldon\.io\/executor-logger-write-timeout-ms"\] "10" is a typed setting/);
  });

  test('a value beside the deployment\'s typed setting is this predictor\'s own (the deployment\'s still sets the gateway\'s)', () => {
    const [ok] = sdep({ restTimeout: Duration.seconds(10) }, { 'seldon.io/rest-timeout': '5000' })();
    expect(ok.spec.annotations).toMatchObject({ 'seldon.io/rest-timeout': '10000' });
    expect(ok.spec.predictors[0].annotations).toEqual({ 'seldon.io/rest-timeout': '5000' });
  });

  test('a whole number with no typed setting beside it is a per-predictor setting, and renders', () => {
    const [ok] = sdep({ grpcTimeout: Duration.seconds(1) }, { 'seldon.io/rest-timeout': '5000' }, { 'seldon.io/grpc-max-message-size': '1048576' })();
    expect(ok.spec.predictors[0].annotations).toEqual({ 'seldon.io/rest-timeout': '5000' });
    expect(ok.spec.predictors[0].componentSpecs[0].metadata.annotations).toEqual({ 'seldon.io/grpc-max-message-size': '1048576' });
  });
});

describe('executor settings with a separate executor pod', () => {
  // seldondeployment_engine.go: the executor's own pod gets only the prometheus annotations, and the executor reads these from its pod.
  test('the message size and a predictor\'s executor annotations would be lost, and are rejected; the timeouts still set the gateway\'s', () => {
    const build = (settings: object, annotations: object = {}) => () => synth(chart => new SeldonDeployment(chart, 'm', {
      separateEnginePod: true, ...settings, predictors: [{ name: 'p', annotations: annotations as any, graph: mock('a') }],
    }));
    expect(build({ grpcMaxMessageSize: Size.mebibytes(8) }))
      .toThrow(/SeldonDeployment 'test\/m': grpcMaxMessageSize would be lost: the executor reads it from its pod's annotations, and with separateEnginePod/);
    expect(build({ restTimeout: Duration.seconds(5), grpcTimeout: Duration.seconds(5) })).not.toThrow();
    expect(build({}, { 'seldon.io/grpc-timeout': '2000' })).toThrow(/predictors\[0\]\.annotations\["seldon\.io\/grpc-timeout"\] would be lost: with separateEnginePod/);
    const [ok] = build({ loggerQueueSize: 100 })();
    expect(ok.spec.annotations).toMatchObject({ 'seldon.io/engine-separate-pod': 'true' });
  });
});

describe('a predictor without the executor (seldon.io/no-engine)', () => {
  const build = (settings: object, predictor: object) => () => synth(chart => new SeldonDeployment(chart, 'm', {
    ...settings, predictors: [{ name: 'p', annotations: { 'seldon.io/no-engine': 'true' }, graph: mock('a'), ...predictor }],
  }));

  test('the executor\'s settings would be lost, and are rejected together', () => {
    expect(build({ restTimeout: Duration.seconds(5) }, { engineEnv: { LOG_LEVEL: EnvValue.fromValue('DEBUG') }, engineResources: { memory: { request: Size.mebibytes(256) } } }))
      .toThrow(/predictors\[0\]\.annotations\["seldon\.io\/no-engine"\] runs the predictor without the executor, so engineResources, engineEnv would be lost/);
    expect(build({}, { annotations: { 'seldon.io/no-engine': 'true', 'seldon.io/rest-timeout': '500' } })).toThrow(/so its seldon\.io\/rest-timeout annotation would be lost/);
    expect(build({}, { graph: mock('a', { logger: { mode: LoggerMode.ALL } }) })).toThrow(/so the graph's logger would be lost: only the executor acts on it/);
  });

  test.each(['yes', '1', 'on', 'Y', ' true', 'true\n'])('%j reads as "yes" but keeps the executor: refused', flag => {
    expect(build({}, { annotations: { 'seldon.io/no-engine': flag } })).toThrow(
      `predictors[0].annotations["seldon.io/no-engine"] ${JSON.stringify(flag)} keeps the executor: the operator runs a predictor without one only for "true"`);
  });

  test('"TRUE" runs without the executor as "true" does, and "false" keeps it without a word', () => {
    expect(build({}, { annotations: { 'seldon.io/no-engine': 'TRUE' } })()[0].spec.predictors[0].annotations).toEqual({ 'seldon.io/no-engine': 'TRUE' });
    expect(build({ restTimeout: Duration.seconds(5) }, { annotations: { 'seldon.io/no-engine': 'false' } })()[0].spec.predictors[0].annotations)
      .toEqual({ 'seldon.io/no-engine': 'false' });
  });

  test('without executor settings it renders, as Seldon\'s no-engine sample', () => {
    const [ok] = build({}, {})();
    expect(ok.spec.predictors[0].annotations).toEqual({ 'seldon.io/no-engine': 'true' });
  });

  test('the deployment\'s settings are not its to lose: other predictors keep their executors, and Ambassador reads the timeouts', () => {
    const [ok] = synth(chart => new SeldonDeployment(chart, 'm', {
      restTimeout: Duration.seconds(5),
      separateEnginePod: true,
      predictors: [{ name: 'main', traffic: 100, graph: mock('a') }, { name: 'direct', annotations: { 'seldon.io/no-engine': 'true' }, traffic: 0, graph: mock('b') }],
    }));
    expect(ok.spec.annotations).toMatchObject({ 'seldon.io/rest-timeout': '5000' });
    expect(ok.spec.predictors[1].annotations).toEqual({ 'seldon.io/no-engine': 'true' });
  });
});

describe('labels the operator keeps', () => {
  const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
  test('seldon-deployment-id in a predictor\'s labels, its podLabels or a separate pod\'s podLabels is rejected (the Deployment selector matches it)', () => {
    const sdep = (labels: object, podLabels: object, separate: object) => () => synth(chart => new SeldonDeployment(chart, 'm', {
      predictors: [{
        name: 'p',
        labels: labels as any,
        podLabels: podLabels as any,
        graph: mock('a', { children: [mock('b')] }),
        separatePods: [{ nodes: ['b'], podLabels: separate as any }],
      }],
    }));
    expect(sdep({ 'seldon-deployment-id': 'x' }, {}, {})).toThrow(/predictors\[0\]\.labels\["seldon-deployment-id"\] would replace the label the operator's Deployment selector matches/);
    expect(sdep({}, { 'seldon-deployment-id': 'x' }, {})).toThrow(/predictors\[0\]\.podLabels\["seldon-deployment-id"\] would replace/);
    expect(sdep({}, {}, { 'seldon-deployment-id': 'x' })).toThrow(/predictors\[0\]\.separatePods\[0\]\.podLabels\["seldon-deployment-id"\] would replace/);
    const [ok] = sdep({ team: 'a' }, { tier: 'b' }, { zone: 'c' })();
    expect(ok.spec.predictors[0].labels).toEqual({ team: 'a' });
  });

  test('a canary\'s podLabels are checked as the model\'s', () => {
    expect(() => synth(chart => new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS })
      .withCanary({ modelUri: IRIS, traffic: 10, podLabels: { 'seldon-deployment-id': 'x' } }))).toThrow(/podLabels\["seldon-deployment-id"\] would replace/);
  });
});

describe('explainer container, endpoint, init parameters and ServiceAccount', () => {
  test('render under the explainer', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'income', {
      metadata: { name: 'income' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/income/model'),
    }).withExplainer({
      explainerType: ExplainerType.ANCHOR_TABULAR,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/income/explainer'),
      image: 'seldonio/alibiexplainer:1.18.2',
      env: { LOG_LEVEL: EnvValue.fromValue('INFO') },
      endpointType: EndpointType.REST,
      config: { threshold: '0.95' },
      serviceAccount: ServiceAccount.fromServiceAccountName(chart, 'sa', 'explainer'),
    }));
    expect(sdep.spec.predictors[0].explainer).toEqual({
      type: 'AnchorTabular',
      modelUri: 'gs://seldon-models/sklearn/income/explainer',
      containerSpec: { name: 'income-default-explainer', image: 'seldonio/alibiexplainer:1.18.2', env: [{ name: 'LOG_LEVEL', value: 'INFO' }] },
      endpoint: { type: 'REST' },
      config: { threshold: '0.95' },
      serviceAccountName: 'explainer',
    });
  });

  test('init parameters render as JSON under the v2 protocol, the one that reads them', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'income', {
      server: PrepackagedServer.SKLEARN, protocol: SeldonProtocol.V2, modelUri: ModelUri.gcs('seldon-models', 'sklearn/income/model'),
    }).withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, initParameters: { threshold: 0.95 } }));
    expect(sdep.spec.predictors[0].explainer.initParameters).toBe('{"threshold":0.95}');
  });

  test('each protocol\'s explainer reads one of config and initParameters; the other would be lost', () => {
    const build = (protocol: SeldonProtocol | undefined, ex: object) => () => synth(chart => new PrepackagedModel(chart, 'income', {
      server: PrepackagedServer.SKLEARN, protocol, modelUri: ModelUri.gcs('seldon-models', 'sklearn/income/model'),
    }).withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, ...ex }));
    expect(build(undefined, { initParameters: { threshold: 0.95 } }))
      .toThrow(/explainer\.initParameters would be lost: under the seldon protocol the operator starts the Alibi explainer with config as its arguments/);
    expect(build(SeldonProtocol.V2, { config: { threshold: '0.95' } })).toThrow(/explainer\.config would be lost: under the v2 protocol/);
    expect(build(SeldonProtocol.KFSERVING, { config: { threshold: '0.95' } })).toThrow(/explainer\.config would be lost: under the kfserving protocol/);
  });
});

describe('an annotation value with "=" where the executor reads settings from its pod (executor/k8s/annotation.go drops them all)', () => {
  const model = (props: object) => () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'm', { metadata: { name: 'm' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('seldon-models', 'iris'), ...props });
    return Testing.synth(chart);
  };
  const QUERY = { 'example.com/query': 'team=ml' };

  test('in the deployment\'s annotations beside a typed timeout', () => {
    expect(model({ restTimeout: Duration.seconds(5), annotations: QUERY }))
      .toThrow(/PrepackagedModel 'test\/m': annotations\["example\.com\/query"\] "team=ml" holds "=", and the executor splits each line of its pod's annotations file \(key="value"\) at "=" .* so the deployment's restTimeout would be lost; annotation values without "="/);
  });

  test('in the predictor\'s podAnnotations or annotations beside the deployment\'s setting or its own executor annotation', () => {
    expect(model({ grpcMaxMessageSize: Size.mebibytes(8), podAnnotations: QUERY }))
      .toThrow(/podAnnotations\["example\.com\/query"\] "team=ml" holds "=".* so the deployment's grpcMaxMessageSize would be lost/);
    expect(model({ podAnnotations: { 'seldon.io/rest-timeout': '5000', ...QUERY } }))
      .toThrow(/podAnnotations\["example\.com\/query"\] "team=ml" holds "=".* so its seldon\.io\/rest-timeout annotation would be lost/);
  });

  test('in the deployment\'s annotations, reported once, naming what each predictor\'s executor would lose', () => {
    expect(model({ annotations: QUERY, podAnnotations: { 'seldon.io/grpc-timeout': '5000' } }))
      .toThrow(/PrepackagedModel 'test\/m': annotations\["example\.com\/query"\] "team=ml" holds "=".* so the seldon\.io\/grpc-timeout annotation of predictor "default" would be lost/);
    const build = () => synth(chart => new SeldonDeployment(chart, 'm', {
      metadata: { name: 'm' },
      restTimeout: Duration.seconds(5),
      annotations: QUERY,
      predictors: [
        { name: 'main', traffic: 90, graph: mock('a') },
        { name: 'canary', traffic: 10, annotations: { 'seldon.io/grpc-timeout': '500' }, graph: mock('b') },
      ],
    }));
    let message = '';
    try {
      build();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.match(/holds "="/g)).toHaveLength(1);
    expect(message).toMatch(/SeldonDeployment 'test\/m': annotations\["example\.com\/query"\] "team=ml" holds "=".* so the deployment's restTimeout, the seldon\.io\/grpc-timeout annotation of predictor "canary" would be lost/);
  });

  test('from JavaScript: annotations that are not a map of strings get their own message, not this one', () => {
    expect(model({ restTimeout: Duration.seconds(5), annotations: ['a=b'] }))
      .toThrow("PrepackagedModel 'test/m': annotations is an array; accepted: an object mapping names to a string, or leave the field out");
    expect(model({ restTimeout: Duration.seconds(5), podAnnotations: 'a=b' })).toThrow("PrepackagedModel 'test/m': podAnnotations is a string \"a=b\"; accepted: an object mapping names to a string, or leave the field out");
    expect(model({ restTimeout: Duration.seconds(5), podAnnotations: { q: null } })).toThrow("PrepackagedModel 'test/m': podAnnotations.q is null; accepted: a string");
  });

  test('accepted where the executor reads nothing from its pod, or runs in a pod of its own', () => {
    const written = model({ annotations: QUERY, podAnnotations: QUERY })();
    expect(written.find(o => o.kind === 'SeldonDeployment').spec.annotations).toEqual(QUERY);
    expect(model({ grpcTimeout: Duration.seconds(5), separateEnginePod: true, annotations: QUERY })).not.toThrow();
    const kept = model({ restTimeout: Duration.seconds(5), metadata: { name: 'm', annotations: QUERY } })();
    expect(kept.find(o => o.kind === 'SeldonDeployment').metadata.annotations).toEqual(QUERY);
  });
});

describe('a predictor\'s labels with separateEnginePod (createEngineDeployment copies them over the executor pod\'s labels)', () => {
  const build = (labels: { [key: string]: string }, separateEnginePod: boolean) => () => synth(chart => new SeldonDeployment(chart, 'm', {
    metadata: { name: 'm' },
    separateEnginePod,
    predictors: [{ name: 'main', labels, graph: mock('classifier') }],
  }));

  test('seldon-app, which the executor Deployment\'s selector matches, is refused', () => {
    expect(build({ 'seldon-app': 'mine' }, true))
      .toThrow(/SeldonDeployment 'test\/m': predictors\[0\]\.labels\["seldon-app"\] would replace the label the separate executor Deployment's selector matches \(seldon-app: <the predictor's Service name>\)/);
  });

  test('accepted without separateEnginePod, where no selector matches it, and other labels always', () => {
    const [sdep] = build({ 'seldon-app': 'mine' }, false)();
    expect(sdep.spec.predictors[0].labels).toEqual({ 'seldon-app': 'mine' });
    expect(build({ version: 'v2' }, true)).not.toThrow();
  });
});
