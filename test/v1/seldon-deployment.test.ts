import { Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import {
  BuiltInImplementation, LoggerMode, ModelParameter, PrepackagedModel, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedServer,
  RcloneRemote, RcloneSecret, SeldonDeployment, SeldonProtocol,
} from '../../src';

const uri = (name: string) => ModelUri.gcs('seldon-models', name);
const sklearn = (name: string, children?: PredictiveUnit[]) =>
  PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: uri(name), children });

function synth(build: (chart: ReturnType<typeof Testing.chart>) => void) {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
}

describe('SeldonDeployment graphs', () => {
  test('a transformer in front of a prepackaged model', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'income', {
      metadata: { name: 'income' },
      predictors: [{
        name: 'default',
        graph: PredictiveUnit.component({
          name: 'preprocess',
          unitType: PredictiveUnitType.TRANSFORMER,
          image: 'example.com/income-transformer:1.0',
          resources: { cpu: { request: Cpu.millis(100) } },
          children: [sklearn('classifier')],
        }),
      }],
    }));
    const predictor = sdep.spec.predictors[0];
    expect(predictor.graph).toEqual({
      name: 'preprocess',
      type: 'TRANSFORMER',
      children: [{ name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/classifier' }],
    });
    expect(predictor.componentSpecs[0].spec.containers).toEqual([
      { name: 'preprocess', image: 'example.com/income-transformer:1.0', resources: { requests: { cpu: '100m' } } },
    ]);
    expect(sdep).toMatchSnapshot();
  });

  test('an output transformer, a router and a combiner over prepackaged models', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'ensemble', {
      predictors: [{
        name: 'default',
        graph: PredictiveUnit.component({
          name: 'explain-output',
          unitType: PredictiveUnitType.OUTPUT_TRANSFORMER,
          image: 'me/out:1',
          children: [PredictiveUnit.component({
            name: 'route',
            unitType: PredictiveUnitType.ROUTER,
            image: 'me/router:1',
            children: [
              PredictiveUnit.component({ name: 'combine', unitType: PredictiveUnitType.COMBINER, image: 'me/combiner:1', children: [sklearn('a'), sklearn('b')] }),
              sklearn('c'),
            ],
          })],
        }),
      }],
    }));
    const graph = sdep.spec.predictors[0].graph;
    expect(graph.type).toBe('OUTPUT_TRANSFORMER');
    expect(graph.children[0].type).toBe('ROUTER');
    expect(graph.children[0].children.map((c: any) => c.name)).toEqual(['combine', 'c']);
    expect(graph.children[0].children[0].children.map((c: any) => c.implementation)).toEqual(['SKLEARN_SERVER', 'SKLEARN_SERVER']);
    expect(sdep.spec.predictors[0].componentSpecs[0].spec.containers.map((c: any) => c.name)).toEqual(['explain-output', 'route', 'combine']);
  });

  // executor/predictor/predictor_process.go checks `type` before `implementation`: a built-in with a
  // type would make the executor call an endpoint the operator never gave it.
  test('built-in RANDOM_ABTEST and AVERAGE_COMBINER need no container and are rendered without type', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'ab', {
      predictors: [{
        name: 'default',
        graph: PredictiveUnit.builtIn({
          name: 'ab-test',
          implementation: BuiltInImplementation.RANDOM_ABTEST,
          parameters: [ModelParameter.floatValue('ratioA', 0.5)],
          children: [sklearn('a'), PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [sklearn('b'), sklearn('c')] })],
        }),
      }],
    }));
    const predictor = sdep.spec.predictors[0];
    expect(predictor.componentSpecs).toBeUndefined();
    expect(predictor.graph).toMatchObject({
      name: 'ab-test', implementation: 'RANDOM_ABTEST', parameters: [{ name: 'ratioA', value: '0.5', type: 'FLOAT' }],
    });
    expect(predictor.graph.children[1]).toEqual({ name: 'avg', implementation: 'AVERAGE_COMBINER', children: expect.any(Array) });
    expect(predictor.graph.type).toBeUndefined();
  });

  test('explicit mode: one init container and volume per prepackaged node, ports by position', () => {
    const chart = Testing.chart();
    const creds = new RcloneSecret(chart, 'creds', { metadata: { name: 'creds' }, remotes: [RcloneRemote.s3({ envAuth: true })] });
    new SeldonDeployment(chart, 'combo', {
      protocol: SeldonProtocol.V2,
      explicitStorageInitializer: true,
      predictors: [{
        name: 'default',
        graph: PredictiveUnit.component({
          name: 'combine',
          unitType: PredictiveUnitType.COMBINER,
          image: 'me/combiner:1',
          children: [
            PredictiveUnit.prepackaged({ name: 'xgb', server: PrepackagedServer.XGBOOST, modelUri: ModelUri.s3('models', 'xgb'), credentials: creds }),
            PredictiveUnit.prepackaged({ name: 'triton', server: PrepackagedServer.TRITON, modelUri: uri('onnx') }),
          ],
        }),
      }],
    });
    const sdep = Testing.synth(chart)[1];
    const pod = sdep.spec.predictors[0].componentSpecs[0].spec;
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['xgb-model-initializer', 'triton-model-initializer']);
    expect(pod.initContainers[0].envFrom).toEqual([{ secretRef: { name: 'creds' } }]);
    expect(pod.initContainers[1].envFrom).toBeUndefined();
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['xgb-provision-location', 'triton-provision-location']);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['combine', 'xgb', 'triton']);
    expect(pod.containers[1].image).toBe('seldonio/mlserver:1.3.5-xgboost');
    // Third container in the pod: the operator gives it ports 9002 and 9502.
    expect(pod.containers[2].args).toContain('--http-port=9002');
    // prepackaged.go addTritonServer writes the ports as [grpc, http].
    expect(pod.containers[2].ports).toEqual([{ name: 'grpc', containerPort: 9502, protocol: 'TCP' }, { name: 'http', containerPort: 9002, protocol: 'TCP' }]);
    expect(sdep.spec.predictors[0].graph.children).toEqual([{ name: 'xgb', type: 'MODEL' }, { name: 'triton', type: 'MODEL' }]);
  });

  test('explicit mode: two nodes reading the same claim share its volume', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'pvc', {
      explicitStorageInitializer: true,
      predictors: [{
        name: 'default',
        graph: PredictiveUnit.builtIn({
          name: 'avg',
          implementation: BuiltInImplementation.AVERAGE_COMBINER,
          children: ['a', 'b'].map(n => PredictiveUnit.prepackaged({ name: n, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvcByName('models', n) })),
        }),
      }],
    }));
    const pod = sdep.spec.predictors[0].componentSpecs[0].spec;
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['kfserving-pvc-source', 'a-provision-location', 'b-provision-location']);
  });

  test('addPredictor after construction; predictors are exposed', () => {
    const chart = Testing.chart();
    const sdep = new SeldonDeployment(chart, 'later');
    sdep.addPredictor({ name: 'main', graph: sklearn('m'), replicas: 2 });
    expect(sdep.predictors.map(p => p.name)).toEqual(['main']);
    const [out] = Testing.synth(chart);
    expect(out.spec.predictors[0]).toMatchObject({ name: 'main', replicas: 2 });
  });

  test('several predictors with traffic, a shadow, labels and annotations', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'split', {
      predictors: [
        { name: 'a', graph: sklearn('m'), traffic: 70, replicas: 3, labels: { track: 'stable' } },
        { name: 'b', graph: sklearn('m'), traffic: 30, annotations: { 'seldon.io/svc-name': 'split-b' } },
        { name: 'mirror', graph: sklearn('m'), shadow: true },
      ],
    }));
    expect(sdep.spec.predictors.map((p: any) => [p.name, p.traffic, p.shadow, p.replicas])).toEqual([
      ['a', 70, undefined, 3], ['b', 30, undefined, 1], ['mirror', undefined, true, 1],
    ]);
    expect(sdep.spec.predictors[0].labels).toEqual({ track: 'stable' });
    expect(sdep.spec.predictors[1].annotations).toEqual({ 'seldon.io/svc-name': 'split-b' });
  });
});

describe('SeldonDeployment rules', () => {
  const expectSynthError = (build: (chart: ReturnType<typeof Testing.chart>) => void, message: RegExp) => {
    const chart = Testing.chart();
    build(chart);
    expect(() => Testing.synth(chart)).toThrow(message);
  };

  test('no predictors', () => {
    expectSynthError(chart => new SeldonDeployment(chart, 'x'), /SeldonDeployment 'test\/x': predictors is empty \("Graph contains no predictors"\)/);
  });

  test('traffic must add up to 100', () => {
    expectSynthError(chart => new SeldonDeployment(chart, 'x', { predictors: [{ name: 'a', graph: sklearn('m'), traffic: 50 }, { name: 'b', graph: sklearn('m'), traffic: 40 }] }),
      /predictors\[\]\.traffic add up to 90 over a=50, b=40 \("Traffic must sum to 100 for multiple predictors"\); traffic of the non-shadow predictors adding up to 100/);
  });

  test('a single predictor with partial traffic', () => {
    expectSynthError(chart => new SeldonDeployment(chart, 'x', { predictors: [{ name: 'a', graph: sklearn('m'), traffic: 50 }] }), /predictors\[0\]\.traffic is 50 on the only predictor/);
  });

  test('a shadow alone', () => {
    expectSynthError(chart => new SeldonDeployment(chart, 'x', { predictors: [{ name: 'a', graph: sklearn('m'), shadow: true }] }), /Shadow can not exist as only predictor/);
  });

  test('two shadows', () => {
    expectSynthError(chart => new SeldonDeployment(chart, 'x', {
      predictors: [{ name: 'a', graph: sklearn('m') }, { name: 'b', graph: sklearn('m'), shadow: true }, { name: 'c', graph: sklearn('m'), shadow: true }],
    }), /Multiple shadows are not allowed/);
  });

  test('duplicate service names', () => {
    const svc = { 'seldon.io/svc-name': 'same' };
    expectSynthError(chart => new SeldonDeployment(chart, 'x', {
      predictors: [{ name: 'a', graph: sklearn('m'), traffic: 50, annotations: svc }, { name: 'b', graph: sklearn('m'), traffic: 50, annotations: svc }],
    }), /predictors\[1\]\.annotations\["seldon\.io\/svc-name"\] "same" repeats the service name of predictor a/);
  });

  test('a duplicate predictor name is rejected when added', () => {
    const chart = Testing.chart();
    const sdep = new SeldonDeployment(chart, 'x', { predictors: [{ name: 'a', graph: sklearn('m') }] });
    expect(() => sdep.addPredictor({ name: 'a', graph: sklearn('m') }))
      .toThrow(/SeldonDeployment 'test\/x': predictors\[1\]\.name "a" is taken by another predictor \("Duplicate predictor name"\)/);
  });

  test('duplicate node names in a graph', () => {
    expect(() => new SeldonDeployment(Testing.chart(), 'x', {
      predictors: [{ name: 'a', graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [sklearn('m'), sklearn('m')] }) }],
    })).toThrow(/predictors\[0\]\.graph\.children\[1\]\.name "m" is also the name of predictors\[0\]\.graph\.children\[0\]; node names unique within a predictor/);
  });

  test('errors in child nodes name their path', () => {
    expect(() => new SeldonDeployment(Testing.chart(), 'x', {
      predictors: [{ name: 'a', graph: PredictiveUnit.component({ name: 't', unitType: PredictiveUnitType.TRANSFORMER, image: 'me/t:1', children: [PredictiveUnit.prepackaged({ name: 'm', server: PrepackagedServer.SKLEARN })] }) }],
    })).toThrow(/predictors\[0\]\.graph\.children\[0\]\.modelUri is missing; Seldon's webhook requires it on a SKLEARN_SERVER node/);
  });

  test('RANDOM_ABTEST with one child fails half its requests (executor/predictor/components.go abTestRouter)', () => {
    expect(() => new SeldonDeployment(Testing.chart(), 'x', {
      predictors: [{ name: 'a', graph: PredictiveUnit.builtIn({ name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, children: [sklearn('m')] }) }],
    })).toThrow(/graph\.children has 1 node; RANDOM_ABTEST sends about half the requests to a second child/);
  });

  test('a router with no children', () => {
    expect(() => new SeldonDeployment(Testing.chart(), 'x', {
      predictors: [{ name: 'a', graph: PredictiveUnit.component({ name: 'r', unitType: PredictiveUnitType.ROUTER, image: 'me/r:1' }) }],
    })).toThrow(/graph\.children is empty; a ROUTER needs children to route to or combine/);
  });

  test('a protocol a child node\'s server does not speak names the node', () => {
    expect(() => new SeldonDeployment(Testing.chart(), 'x', {
      protocol: SeldonProtocol.V2,
      predictors: [{ name: 'a', graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [PredictiveUnit.prepackaged({ name: 'tf', server: PrepackagedServer.TENSORFLOW, modelUri: uri('tf') })] }) }],
    })).toThrow(/protocol "v2" is not supported by TENSORFLOW_SERVER \(node predictors\[0\]\.graph\.children\[0\]\)/);
  });

  test('explicit mode with two claims in one predictor', () => {
    expect(() => new SeldonDeployment(Testing.chart(), 'x', {
      explicitStorageInitializer: true,
      predictors: [{
        name: 'a',
        graph: PredictiveUnit.builtIn({
          name: 'avg',
          implementation: BuiltInImplementation.AVERAGE_COMBINER,
          children: [PredictiveUnit.prepackaged({ name: 'm1', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvcByName('c1', 'm') }),
            PredictiveUnit.prepackaged({ name: 'm2', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvcByName('c2', 'm') })],
        }),
      }],
    })).toThrow(/reads several PersistentVolumeClaims \(c1, c2\)/);
  });

  test('credentials of nodes deep in the graph are checked', () => {
    expectSynthError(chart => new SeldonDeployment(chart, 'x', {
      predictors: [{ name: 'a', graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [PredictiveUnit.prepackaged({ name: 'm', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('b', 'm') })] }) }],
    }), /predictors\[0\]\.graph\.children\[0\]\.credentials are missing, but predictors\[0\]\.graph\.children\[0\]\.modelUri "s3:\/\/b\/m" names rclone remote "s3"/);
  });

  test('seldon.io/no-engine on a graph of several nodes, without svc-name', () => {
    expectSynthError(chart => new SeldonDeployment(chart, 'x', {
      predictors: [{ name: 'a', annotations: { 'seldon.io/no-engine': 'true' }, graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [sklearn('m')] }) }],
    }), /predictors\[0\]\.annotations\["seldon\.io\/no-engine"\] is set on a graph of 2 nodes \("Running without engine only valid for single element graphs"\)/);
  });

  test('two TENSORFLOW nodes under the seldon protocol in one explicit predictor', () => {
    const tf = (n: string) => PredictiveUnit.prepackaged({ name: n, server: PrepackagedServer.TENSORFLOW, modelUri: uri(n) });
    expect(() => new SeldonDeployment(Testing.chart(), 'x', {
      explicitStorageInitializer: true,
      predictors: [{ name: 'a', graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [tf('t1'), tf('t2')] }) }],
    })).toThrow(/predictors\[0\]\.graph has 2 TENSORFLOW_SERVER nodes under the seldon protocol \(t1, t2\)/);
  });
});

describe('explicit mode port numbering follows the operator across predictors', () => {
  test('a container name keeps its ports in every predictor; new names take the next numbers', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'ports', {
      protocol: SeldonProtocol.V2,
      explicitStorageInitializer: true,
      predictors: [
        { name: 'main', traffic: 50, graph: PredictiveUnit.prepackaged({ name: 'a', server: PrepackagedServer.SKLEARN, modelUri: uri('a') }) },
        {
          name: 'alt',
          traffic: 50,
          graph: PredictiveUnit.component({
            name: 'pre',
            unitType: PredictiveUnitType.TRANSFORMER,
            image: 'me/pre:1',
            children: [PredictiveUnit.prepackaged({ name: 'b', server: PrepackagedServer.TRITON, modelUri: uri('b') })],
          }),
        },
      ],
    }));
    // a: 9000, pre: 9001, b: 9002 (the operator's counter runs across predictors).
    const triton = sdep.spec.predictors[1].componentSpecs[0].spec.containers[1];
    expect(triton.name).toBe('b');
    expect(triton.ports).toEqual([{ name: 'grpc', containerPort: 9502, protocol: 'TCP' }, { name: 'http', containerPort: 9002, protocol: 'TCP' }]);
  });
});

describe('payload logging', () => {
  test('a logger on a PrepackagedModel and on graph nodes', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: uri('iris'), logger: { mode: LoggerMode.ALL } });
    new SeldonDeployment(chart, 'graph', {
      predictors: [{
        name: 'a',
        graph: PredictiveUnit.builtIn({
          name: 'avg',
          implementation: BuiltInImplementation.AVERAGE_COMBINER,
          logger: { mode: LoggerMode.RESPONSE, url: 'http://logger.seldon:8080' },
          children: [PredictiveUnit.prepackaged({ name: 'm', server: PrepackagedServer.SKLEARN, modelUri: uri('m'), logger: { mode: LoggerMode.REQUEST } })],
        }),
      }],
    });
    const [model, graph] = Testing.synth(chart);
    expect(model.spec.predictors[0].graph.logger).toEqual({ mode: 'all' });
    expect(graph.spec.predictors[0].graph.logger).toEqual({ mode: 'response', url: 'http://logger.seldon:8080' });
    expect(graph.spec.predictors[0].graph.children[0].logger).toEqual({ mode: 'request' });
  });
});

describe('executor resources', () => {
  test('engineResources become svcOrchSpec.resources', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: uri('iris'),
      engineResources: { cpu: { request: Cpu.millis(100), limit: Cpu.millis(200) } },
    });
    const [sdep] = Testing.synth(chart);
    expect(sdep.spec.predictors[0].svcOrchSpec).toEqual({ resources: { requests: { cpu: '100m' }, limits: { cpu: '200m' } } });
  });

  test('a request above its limit is rejected', () => {
    expect(() => new SeldonDeployment(Testing.chart(), 'x', {
      predictors: [{ name: 'a', graph: sklearn('m'), engineResources: { cpu: { request: Cpu.units(2), limit: Cpu.units(1) } } }],
    })).toThrow(/predictors\[0\]\.engineResources cpu request 2 is greater than the cpu limit 1/);
  });
});
