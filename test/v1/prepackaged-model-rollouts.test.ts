import { Duration, Size, Testing } from 'cdk8s';
import { Cpu, EnvValue, Secret, ServiceAccount } from 'cdk8s-plus-27';
import { Autoscaler, DisruptionBudget, ExplainerType, ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret } from '../../src';

const v1 = ModelUri.gcs('models', 'iris/v1');
const v2 = ModelUri.gcs('models', 'iris/v2');
const v3 = ModelUri.gcs('models', 'iris/v3');

describe('PrepackagedModel rollouts', () => {
  test('withCanary: a second predictor with a share of traffic', () => {
    const chart = Testing.chart();
    const model = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1, replicas: 3 })
      .withCanary({ modelUri: v2, traffic: 10 });
    expect(model.predictors.map(p => p.name)).toEqual(['default', 'canary']);
    const [sdep] = Testing.synth(chart);
    expect(sdep.spec.predictors).toEqual([
      { name: 'default', replicas: 3, traffic: 90, graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://models/iris/v1' } },
      { name: 'canary', replicas: 1, traffic: 10, graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://models/iris/v2' } },
    ]);
    expect(sdep).toMatchSnapshot();
  });

  test('two canaries share the traffic with the main predictor', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1 })
      .withCanary({ modelUri: v2, traffic: 10, predictorName: 'v2' })
      .withCanary({ modelUri: ModelUri.gcs('models', 'iris/v3'), traffic: 5, predictorName: 'v3', server: PrepackagedServer.XGBOOST });
    const [sdep] = Testing.synth(chart);
    expect(sdep.spec.predictors.map((p: any) => [p.name, p.traffic, p.graph.implementation])).toEqual([
      ['default', 85, 'SKLEARN_SERVER'], ['v2', 10, 'SKLEARN_SERVER'], ['v3', 5, 'XGBOOST_SERVER'],
    ]);
  });

  test('withShadow: a mirrored predictor', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1 }).withShadow({ modelUri: v2 });
    const [sdep] = Testing.synth(chart);
    expect(sdep.spec.predictors[1]).toEqual({ name: 'shadow', replicas: 1, shadow: true, graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://models/iris/v2' } });
    expect(sdep.spec.predictors[0].traffic).toBeUndefined();
  });

  test('canary and shadow together', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1 }).withShadow({ modelUri: v2 }).withCanary({ modelUri: v2, traffic: 25 });
    const [sdep] = Testing.synth(chart);
    expect(sdep.spec.predictors.map((p: any) => [p.name, p.traffic, p.shadow])).toEqual([['default', 75, undefined], ['shadow', undefined, true], ['canary', 25, undefined]]);
  });

  test('the canary inherits credentials; its remote is checked too', () => {
    const chart = Testing.chart();
    const creds = new RcloneSecret(chart, 'creds', { metadata: { name: 'creds' }, remotes: [RcloneRemote.s3({ envAuth: true })] });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('m', 'v1'), credentials: creds })
      .withCanary({ modelUri: ModelUri.parse('minio://m/v2'), traffic: 10 });
    expect(() => Testing.synth(chart)).toThrow(/predictors\[1\]\.graph\.modelUri "minio:\/\/m\/v2" names rclone remote "minio", which credentials RcloneSecret 'test\/creds' does not define/);
  });

  test('withExplainer: an explainer on the main predictor', () => {
    const chart = Testing.chart();
    const creds = new RcloneSecret(chart, 'creds', { metadata: { name: 'creds' }, remotes: [RcloneRemote.s3({ envAuth: true })] });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1 })
      .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, modelUri: ModelUri.s3('models', 'iris/explainer'), credentials: creds, replicas: 2 });
    const out = Testing.synth(chart);
    expect(out.map(o => o.kind)).toEqual(['Secret', 'SeldonDeployment']);
    expect(out[1].spec.predictors[0].explainer).toEqual({ type: 'AnchorTabular', modelUri: 's3://models/iris/explainer', envSecretRefName: 'creds', replicas: 2 });
  });

  test('an explainer URI with no credentials', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1 })
      .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, modelUri: ModelUri.s3('models', 'explainer') });
    expect(() => Testing.synth(chart)).toThrow(/explainer\.credentials are missing, but explainer\.modelUri "s3:\/\/models\/explainer" names rclone remote "s3"/);
  });

  test('a canary share outside 0..100', () => {
    const model = new PrepackagedModel(Testing.chart(), 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1 });
    expect(() => model.withCanary({ modelUri: v2, traffic: 101 }))
      .toThrow(/PrepackagedModel 'test\/iris': withCanary\(\)\.traffic 101 is not a percentage; a whole percentage from 0 to 100/);
    expect(() => model.withCanary({ modelUri: v2, traffic: 10.5 }))
      .toThrow(/withCanary\(\)\.traffic 10\.5 is not a whole percentage \(the CRD declares traffic an int32\); a whole percentage from 0 to 100/);
    model.withCanary({ modelUri: v2, traffic: 60 });
    expect(() => model.withCanary({ modelUri: v3, traffic: 50, predictorName: 'canary2' }))
      .toThrow(/withCanary\(\)\.traffic 50 is not a share this canary can take \(canaries already take 60\); a whole percentage from 0 to 40/);
  });

  test('a version\'s own resources and env replace the model\'s; it inherits the model\'s pod labels but the version label', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: v1,
      resources: { memory: { request: Size.gibibytes(1) } },
      env: { MODE: EnvValue.fromValue('safe') },
      podLabels: { version: 'default', team: 'ml' },
    })
      .withCanary({ modelUri: v2, traffic: 10, resources: { memory: { request: Size.gibibytes(2) } }, env: { MODE: EnvValue.fromValue('fast') } })
      .withShadow({ modelUri: v3 });
    const [main, canary, shadow] = Testing.synth(chart).find(o => o.kind === 'SeldonDeployment')!.spec.predictors;
    expect(main.componentSpecs[0].spec.containers[0]).toEqual({ name: 'classifier', resources: { requests: { memory: '1Gi' } }, env: [{ name: 'MODE', value: 'safe' }] });
    expect(canary.componentSpecs[0].spec.containers[0]).toEqual({ name: 'classifier', resources: { requests: { memory: '2Gi' } }, env: [{ name: 'MODE', value: 'fast' }] });
    expect(shadow.componentSpecs[0].spec.containers[0]).toEqual({ name: 'classifier', resources: { requests: { memory: '1Gi' } }, env: [{ name: 'MODE', value: 'safe' }] });
    expect([main, canary, shadow].map(p => p.componentSpecs[0].metadata.labels)).toEqual([{ version: 'default', team: 'ml' }, { team: 'ml' }, { team: 'ml' }]);
    // A version's resources are checked as the model's.
    expect(() => new PrepackagedModel(Testing.chart(), 'bad', { server: PrepackagedServer.SKLEARN, modelUri: v1 })
      .withCanary({ modelUri: v2, traffic: 10, resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } } }))
      .toThrow(/predictors\[1\]\.graph\.resources memory request 2Gi is greater than the memory limit 1Gi/);
  });

  // seldondeployment_webhook.go checkTraffic: non-shadow traffic must add up to 100, nothing more.
  test.each([0, 100])('a canary taking %i%% is what the webhook accepts (staged or fully switched)', traffic => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1 }).withCanary({ modelUri: v2, traffic });
    const sdep = Testing.synth(chart).find(o => o.kind === 'SeldonDeployment')!;
    expect(sdep.spec.predictors.map((p: any) => p.traffic)).toEqual([100 - traffic, traffic]);
  });

  test('canaries taking more than the main predictor has', () => {
    const model = new PrepackagedModel(Testing.chart(), 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1 })
      .withCanary({ modelUri: v2, traffic: 60, predictorName: 'a' });
    expect(() => model.withCanary({ modelUri: v2, traffic: 41, predictorName: 'b' }))
      .toThrow(/withCanary\(\)\.traffic 41 is not a share this canary can take \(canaries already take 60\); a whole percentage from 0 to 40/);
  });

  test('withExplainer checks the explainer and orders its credentials first', () => {
    const chart = Testing.chart();
    const model = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1 });
    expect(() => model.withExplainer({ explainerType: 'Bogus' as ExplainerType, replicas: -3 }))
      .toThrow(/PrepackagedModel 'test\/iris': explainer\.explainerType "Bogus" is not an explainer type[\s\S]*explainer\.replicas -3 is not a replica count/);
    const creds = new RcloneSecret(chart, 'creds', { metadata: { name: 'creds' }, remotes: [RcloneRemote.s3({ envAuth: true })] });
    model.withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, modelUri: ModelUri.s3('m', 'explainer'), credentials: creds });
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Secret', 'SeldonDeployment']);
  });
});

describe('canaries and shadows in production', () => {
  const cpu = { cpu: { request: Cpu.millis(250) } };

  test('a canary has its own autoscaler, budget and pod settings; the rest defaults to the model\'s', () => {
    const chart = Testing.chart();
    const pull = Secret.fromSecretName(chart, 'pull', 'registry');
    new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: v1,
      resources: cpu,
      replicas: 4,
      imagePullSecrets: [pull],
      priorityClassName: 'high',
      terminationGracePeriod: Duration.seconds(30),
    }).withCanary({
      modelUri: v2,
      traffic: 10,
      autoscaler: Autoscaler.cpuUtilization({ targetPercent: 60, minReplicas: 1, maxReplicas: 3 }),
      disruptionBudget: DisruptionBudget.maxUnavailable(1),
      priorityClassName: 'low',
      terminationGracePeriod: Duration.seconds(5),
      progressDeadline: Duration.minutes(5),
    });
    const [sdep] = Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
    const [main, canary] = sdep.spec.predictors;
    expect(main.replicas).toBe(4);
    expect(main.componentSpecs[0].hpaSpec).toBeUndefined();
    expect(main.componentSpecs[0].spec.priorityClassName).toBe('high');
    expect(canary.replicas).toBeUndefined();
    expect(canary.progressDeadlineSeconds).toBe(300);
    expect(canary.componentSpecs[0].hpaSpec).toEqual({
      minReplicas: 1, maxReplicas: 3, metricsv2: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
    });
    expect(canary.componentSpecs[0].pdbSpec).toEqual({ maxUnavailable: 1 });
    expect(canary.componentSpecs[0].spec).toMatchObject({ imagePullSecrets: [{ name: 'registry' }], priorityClassName: 'low', terminationGracePeriodSeconds: 5 });
  });

  test('a shadow scales with KEDA and runs as its own ServiceAccount', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN, modelUri: v1, serviceAccount: ServiceAccount.fromServiceAccountName(chart, 'sa', 'main-reader'),
    }).withShadow({
      modelUri: v2,
      serviceAccount: ServiceAccount.fromServiceAccountName(chart, 'shadow-sa', 'shadow-reader'),
      autoscaler: Autoscaler.prometheus({ serverAddress: 'http://prometheus:9090', query: 'sum(rate(x[1m]))', threshold: 5, maxReplicaCount: 2 }),
    });
    const [sdep] = Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
    const [main, shadow] = sdep.spec.predictors;
    expect(main.graph.serviceAccountName).toBe('main-reader');
    expect(shadow.graph.serviceAccountName).toBe('shadow-reader');
    expect(shadow.componentSpecs[0].kedaSpec.maxReplicaCount).toBe(2);
    expect(shadow.replicas).toBeUndefined();
  });

  test('a canary\'s budget beside the model\'s is an error: both select every pod', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1, replicas: 3, disruptionBudget: DisruptionBudget.maxUnavailable(1) })
      .withCanary({ modelUri: v2, traffic: 10, disruptionBudget: DisruptionBudget.maxUnavailable(1) });
    expect(() => Testing.synth(chart)).toThrow(/predictors\[1\]\.disruptionBudget is set on predictors default and canary/);
  });

  test('replicas beside a canary\'s autoscaler are an error', () => {
    const chart = Testing.chart();
    const model = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: v1, resources: cpu });
    const autoscaler = Autoscaler.cpuUtilization({ targetPercent: 60, maxReplicas: 3 });
    expect(() => model.withCanary({ modelUri: v2, traffic: 10, replicas: 2, autoscaler }))
      .toThrow(/predictors\[1\]\.replicas 2 is ignored by the operator when the predictor has an autoscaler/);
  });
});
