import { Duration, Testing } from 'cdk8s';
import { Cpu, Secret } from 'cdk8s-plus-27';
import {
  Autoscaler, BuiltInImplementation, DisruptionBudget, ModelParameter, ModelUri, PredictiveUnit, PredictiveUnitType, PredictorProps,
  PrepackagedServer, SeldonDeployment,
} from '../../src';
import { previewSeldonDeployment } from '../../src/preview';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const sklearn = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: IRIS });
const component = (name: string) => PredictiveUnit.component({ name, unitType: PredictiveUnitType.MODEL, image: 'me/m:1', resources: { cpu: { request: Cpu.millis(250) } } });
const abTest = () => PredictiveUnit.builtIn({
  name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, parameters: [ModelParameter.floatValue('ratioA', 0.5)], children: [sklearn('a'), sklearn('b')],
});

function build(predictor: Omit<PredictorProps, 'name'>, separateEnginePod?: boolean) {
  const chart = Testing.chart();
  new SeldonDeployment(chart, 'g', { separateEnginePod, predictors: [{ name: 'default', ...predictor } as PredictorProps] });
  return Testing.synth(chart).find(o => o.kind === 'SeldonDeployment')!;
}

// seldondeployment_controller.go@v1.18.2 createComponents: with ssl.certSecretName, GetSeldonPodSpecForPredictiveUnit(&p,
// p.Graph.Name) finds no pod spec for a root without a container, and GetDeploymentName(mlDep, p, nil, 0) reads
// podSpec.Spec.Containers: a nil pointer panic that controller-runtime 0.16.3 (no RecoverPanic) does not recover.
describe('an ssl certificate on a predictor whose graph root is built in', () => {
  test('is refused: the operator would panic', () => {
    const chart = Testing.chart();
    expect(() => new SeldonDeployment(chart, 'g', {
      predictors: [{ name: 'default', sslCertificate: Secret.fromSecretName(chart, 'tls', 'my-tls'), graph: abTest() }],
    })).toThrow(/predictors\[0\]\.sslCertificate would crash the operator: the graph's root "ab" is a built-in implementation.*; a graph whose root runs a container/);
  });

  test('a root that runs a container keeps it', () => {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'g', { predictors: [{ name: 'default', sslCertificate: Secret.fromSecretName(chart, 'tls', 'my-tls'), graph: sklearn('m') }] });
    expect(Testing.synth(chart)[0].spec.predictors[0].ssl).toEqual({ certSecretName: 'my-tls' });
  });

  test('the preview reports the panic', () => {
    const sdep = {
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeployment',
      metadata: { name: 'g', namespace: 'models' },
      spec: {
        predictors: [{
          name: 'default',
          ssl: { certSecretName: 'my-tls' },
          graph: {
            name: 'ab',
            implementation: 'RANDOM_ABTEST',
            children: [
              { name: 'a', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/sklearn/iris' },
            ],
          },
        }],
      },
    };
    expect(previewSeldonDeployment(sdep).problems).toEqual([expect.stringMatching(/nil pointer dereference.*ssl\.certSecretName/)]);
  });
});

// seldondeployment_controller.go@v1.18.2 createComponents skips a componentSpec without containers ("if no container spec
// then nothing to create at this point"): no Deployment, so no HPA, ScaledObject or PDB for it either.
describe('a predictor whose own pod keeps no container', () => {
  const everyNodeSeparate = { graph: component('model'), separatePods: [{ nodes: ['model'], replicas: 2 }] };

  test.each([
    ['an autoscaler', { autoscaler: Autoscaler.cpuUtilization({ targetPercent: 50, maxReplicas: 3 }) }, 'autoscaler'],
    ['a disruption budget', { disruptionBudget: DisruptionBudget.maxUnavailable(1) }, 'disruptionBudget'],
    ['a grace period', { terminationGracePeriod: Duration.seconds(30) }, 'terminationGracePeriod'],
  ])('with a separate executor pod, %s on it is refused', (_, extra, lost) => {
    expect(() => build({ ...everyNodeSeparate, ...extra }, true))
      .toThrow(new RegExp(`predictors\\[0\\]\\.separatePods take every node that runs a container, so the predictor's own pod \\(componentSpecs\\[0\\]\\) has none.*its ${lost} would be lost`));
  });

  test('without a node that runs a container at all, the graph is named', () => {
    const graph = PredictiveUnit.builtIn({ name: 'm', implementation: BuiltInImplementation.SIMPLE_MODEL });
    expect(() => build({ graph, disruptionBudget: DisruptionBudget.maxUnavailable(1) }, true))
      .toThrow(/predictors\[0\]\.graph has no node that runs a container, so the predictor's own pod .*its disruptionBudget would be lost/);
  });

  test('the settings on the separate pod, or one node left in the predictor\'s pod, are accepted', () => {
    const scaler = Autoscaler.cpuUtilization({ targetPercent: 50, maxReplicas: 3 });
    const onPod = build({ graph: component('model'), separatePods: [{ nodes: ['model'], autoscaler: scaler }] }, true);
    expect(onPod.spec.predictors[0].componentSpecs[1].hpaSpec).toEqual(expect.objectContaining({ maxReplicas: 3 }));
    const graph = PredictiveUnit.component({ name: 't', unitType: PredictiveUnitType.TRANSFORMER, image: 'me/t:1', resources: { cpu: { request: Cpu.millis(250) } }, children: [component('model')] });
    const left = build({ graph, autoscaler: scaler, separatePods: [{ nodes: ['model'], replicas: 2 }] }, true);
    expect(left.spec.predictors[0].componentSpecs[0].hpaSpec).toEqual(expect.objectContaining({ maxReplicas: 3 }));
  });
});
