import { Duration, Testing } from 'cdk8s';
import { ImagePullPolicy } from 'cdk8s-plus-27';
import {
  ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer, SeldonDeployment, SeldonServer, ServerConfig,
} from '../../src';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');

function synth(build: (chart: ReturnType<typeof Testing.chart>) => void) {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart);
}

describe('image pull policy and pod grace period', () => {
  test('a prepackaged node renders its pull policy on the skeleton container, the grace period on the pod', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN, modelUri: IRIS, imagePullPolicy: ImagePullPolicy.ALWAYS, terminationGracePeriod: Duration.minutes(1),
    }));
    expect(sdep.spec.predictors[0].componentSpecs).toEqual([{
      spec: { containers: [{ name: 'classifier', imagePullPolicy: 'Always' }], terminationGracePeriodSeconds: 60 },
    }]);
  });

  test('a grace period of 0 seconds is rendered (the v1 operator copies any value it is given)', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, terminationGracePeriod: Duration.seconds(0) }));
    expect(sdep.spec.predictors[0].componentSpecs[0].spec).toEqual({ containers: [], terminationGracePeriodSeconds: 0 });
  });

  test('canaries and shadows share the grace period and pull policy of the model', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN, modelUri: IRIS, imagePullPolicy: ImagePullPolicy.NEVER, terminationGracePeriod: Duration.seconds(5),
    }).withCanary({ modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris2'), traffic: 10 }).withShadow({ modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris3') }));
    for (const predictor of sdep.spec.predictors) {
      expect(predictor.componentSpecs[0].spec.terminationGracePeriodSeconds).toBe(5);
      expect(predictor.componentSpecs[0].spec.containers[0].imagePullPolicy).toBe('Never');
    }
  });

  test('explicit mode keeps the pull policy on the declared server container only', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN, modelUri: IRIS, explicitStorageInitializer: true, imagePullPolicy: ImagePullPolicy.ALWAYS,
    }));
    const pod = sdep.spec.predictors[0].componentSpecs[0].spec;
    expect(pod.containers.map((c: any) => [c.name, c.imagePullPolicy])).toEqual([['classifier', 'Always']]);
    expect(pod.initContainers[0].imagePullPolicy).toBe('IfNotPresent');
  });

  test('a component renders command and args; empty lists are left out', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'c', {
      predictors: [{
        name: 'default',
        graph: PredictiveUnit.component({
          name: 'model', unitType: PredictiveUnitType.MODEL, image: 'me/model:1', command: ['serve'], args: [], imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
        }),
      }],
    }));
    expect(sdep.spec.predictors[0].componentSpecs[0].spec.containers).toEqual([{ name: 'model', image: 'me/model:1', command: ['serve'], imagePullPolicy: 'IfNotPresent' }]);
  });

  test('a v2 Server renders the grace period in its podSpec', () => {
    const [server] = synth(chart => new SeldonServer(chart, 'mlserver', { terminationGracePeriod: Duration.seconds(30) }));
    expect(server.spec.podSpec).toEqual({ terminationGracePeriodSeconds: 30 });
  });

  test('a ServerConfig whose podSpec sets a grace period rejects a second one from the pod settings', () => {
    expect(() => synth(chart => new ServerConfig(chart, 'cfg', {
      podSpec: {
        containers: ['rclone', 'agent', 'mlserver'].map(name => ({ name, image: `seldonio/${name}:2.10.2` })),
        terminationGracePeriodSeconds: 120,
      },
      terminationGracePeriod: Duration.seconds(30),
    }))).toThrow(/terminationGracePeriod/);
    const [config] = synth(chart => new ServerConfig(chart, 'cfg', {
      podSpec: { containers: ['rclone', 'agent', 'mlserver'].map(name => ({ name, image: `seldonio/${name}:2.10.2` })) },
      terminationGracePeriod: Duration.seconds(30),
    }));
    expect(config.spec.podSpec.terminationGracePeriodSeconds).toBe(30);
  });
});
