import { Duration, Size, Testing } from 'cdk8s';
import { Cpu, Metric, MetricTarget, Replicas, ScalingStrategy, k8s } from 'cdk8s-plus-27';
import {
  Autoscaler, DisruptionBudget, KedaMetricType, KedaTrigger, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer,
  SeldonDeployment, SeldonProtocol,
} from '../../src';

const classifier = (cpu = true) => PredictiveUnit.component({
  name: 'classifier',
  unitType: PredictiveUnitType.MODEL,
  image: 'seldonio/mock_classifier:1.5.0-dev',
  resources: cpu ? { cpu: { request: Cpu.millis(500) } } : undefined,
});

function synth(build: (chart: ReturnType<typeof Testing.chart>) => void) {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
}

describe('v1 autoscaling (componentSpecs[].hpaSpec / kedaSpec)', () => {
  test('an HPA on CPU utilisation renders Seldon\'s metricsv2 form and leaves replicas to it (doc/source/graph/scaling.md)', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'm', {
      metadata: { name: 'seldon-model' },
      predictors: [{
        name: 'example',
        graph: classifier(),
        autoscaler: Autoscaler.cpuUtilization({ targetPercent: 70, minReplicas: 1, maxReplicas: 3 }),
      }],
    }));
    const p = sdep.spec.predictors[0];
    expect(p.componentSpecs[0].hpaSpec).toEqual({
      minReplicas: 1,
      maxReplicas: 3,
      metricsv2: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(p.replicas).toBeUndefined();
    expect(p.componentSpecs[0].kedaSpec).toBeUndefined();
  });

  test('the full HPA form takes cdk8s-plus metrics', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'm', {
      predictors: [{
        name: 'p',
        graph: classifier(false),
        autoscaler: Autoscaler.hpa({ maxReplicas: 5, metrics: [Metric.pods({ name: 'seldon_api_executor_server_requests_seconds_count', target: MetricTarget.averageValue(10) })] }),
      }],
    }));
    expect(sdep.spec.predictors[0].componentSpecs[0].hpaSpec).toEqual({
      maxReplicas: 5,
      metricsv2: [{ type: 'Pods', pods: { metric: { name: 'seldon_api_executor_server_requests_seconds_count' }, target: { type: 'AverageValue', averageValue: 10 } } }],
    });
  });

  test('KEDA on a Prometheus query renders the sample examples/keda/model_with_keda_prom.yaml', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'm', {
      predictors: [{
        name: 'example',
        graph: classifier(),
        autoscaler: Autoscaler.prometheus({
          serverAddress: 'http://seldon-monitoring-prometheus.seldon-monitoring.svc.cluster.local:9090',
          metricName: 'access_frequency',
          threshold: 10,
          query: 'rate(seldon_api_executor_client_requests_seconds_count{model_name="classifier"}[1m])',
          pollingInterval: Duration.seconds(15),
          minReplicaCount: 1,
          maxReplicaCount: 5,
        }),
      }],
    }));
    expect(sdep.spec.predictors[0].componentSpecs[0].kedaSpec).toEqual({
      pollingInterval: 15,
      minReplicaCount: 1,
      maxReplicaCount: 5,
      triggers: [{
        type: 'prometheus',
        metadata: {
          serverAddress: 'http://seldon-monitoring-prometheus.seldon-monitoring.svc.cluster.local:9090',
          metricName: 'access_frequency',
          threshold: '10',
          query: 'rate(seldon_api_executor_client_requests_seconds_count{model_name="classifier"}[1m])',
        },
      }],
    });
  });

  test('KEDA with any trigger, fallback, idle replicas and restore', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'm', {
      predictors: [{
        name: 'p',
        graph: classifier(),
        autoscaler: Autoscaler.keda({
          triggers: [KedaTrigger.of({ triggerType: 'kafka', metadata: { topic: 'requests', lagThreshold: '50' }, metricType: KedaMetricType.AVERAGE_VALUE, authenticationRef: { name: 'kafka-auth' } })],
          minReplicaCount: 2,
          idleReplicaCount: 0,
          cooldownPeriod: Duration.minutes(2),
          fallbackReplicas: 2,
          restoreToOriginalReplicaCount: true,
        }),
      }],
    }));
    expect(sdep.spec.predictors[0].componentSpecs[0].kedaSpec).toEqual({
      minReplicaCount: 2,
      idleReplicaCount: 0,
      cooldownPeriod: 120,
      fallback: { failureThreshold: 3, replicas: 2 },
      advanced: { restoreToOriginalReplicaCount: true },
      triggers: [{ type: 'kafka', metadata: { topic: 'requests', lagThreshold: '50' }, metricType: 'AverageValue', authenticationRef: { name: 'kafka-auth' } }],
    });
  });

  test('a prepackaged model gets an empty componentSpec holding the autoscaler, which the operator fills (defaults.go)', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
      resources: { cpu: { request: Cpu.millis(200) } },
      autoscaler: Autoscaler.cpuUtilization({ targetPercent: 60, maxReplicas: 4 }),
      disruptionBudget: DisruptionBudget.maxUnavailable(1),
    }));
    const spec = sdep.spec.predictors[0].componentSpecs[0];
    expect(spec.spec.containers).toEqual([{ name: 'classifier', resources: { requests: { cpu: '200m' } } }]);
    expect(spec.pdbSpec).toEqual({ maxUnavailable: 1 });
    expect(spec.hpaSpec.maxReplicas).toBe(4);
  });

  test('a budget alone yields a componentSpec with no containers', () => {
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'iris', {
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
      replicas: 3,
      disruptionBudget: DisruptionBudget.minAvailablePercent(50),
    }));
    expect(sdep.spec.predictors[0].componentSpecs).toEqual([{ spec: { containers: [] }, pdbSpec: { minAvailable: '50%' } }]);
    expect(sdep.spec.predictors[0].replicas).toBe(3);
  });
});

describe('v1 autoscaling rules', () => {
  const build = ({ predictor, ...props }: Partial<ConstructorParameters<typeof SeldonDeployment>[2]> & { predictor?: object }) => () => {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'm', { ...props, predictors: [{ name: 'p', graph: classifier(), ...(predictor ?? {}) }] });
    Testing.synth(chart);
  };

  test('min above max', () => {
    expect(build({ predictor: { autoscaler: Autoscaler.cpuUtilization({ targetPercent: 50, minReplicas: 4, maxReplicas: 2 }) } }))
      .toThrow(/predictors\[0\]\.autoscaler\.minReplicas 4 is above maxReplicas 2; minReplicas at most maxReplicas/);
    expect(build({ predictor: { autoscaler: Autoscaler.prometheus({ serverAddress: 'http://p:9090', query: 'q', threshold: 1, minReplicaCount: 200 }) } }))
      .toThrow(/autoscaler\.minReplicaCount 200 is above maxReplicaCount 100/);
  });

  test('a KEDA maxReplicaCount of 0 is refused: it becomes the HPA\'s maxReplicas, which the API server needs at 1 or more (KEDA GetHPAMaxReplicas)', () => {
    const keda = (minReplicaCount: number | undefined, maxReplicaCount: number) =>
      build({ predictor: { autoscaler: Autoscaler.prometheus({ serverAddress: 'http://p:9090', query: 'q', threshold: 1, minReplicaCount, maxReplicaCount }) } });
    expect(keda(undefined, 0)).toThrow(/predictors\[0\]\.autoscaler\.maxReplicaCount 0 is not a replica bound; a whole number from 1 to 2147483647/);
    expect(keda(0, 0)).toThrow(/autoscaler\.maxReplicaCount 0 is not a replica bound/);
    expect(keda(0, 1)).not.toThrow();
  });

  test('a fractional utilisation target is refused: the HPA reads an int32 percentage', () => {
    const util = (n: number) =>
      build({ predictor: { autoscaler: Autoscaler.hpa({ maxReplicas: 3, metrics: [Metric.resourceCpu(MetricTarget.averageUtilization(n))] }) } });
    expect(util(1.5)).toThrow(/predictors\[0\]\.autoscaler\.metrics\[0\] has target averageUtilization 1\.5, not a whole percentage; a whole number from 1 to 2147483647/);
    expect(util(150)).not.toThrow();
  });

  test('a fractional averageValue or value target is written as a quantity string, which the CRD\'s int-or-string schema takes', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'm', {
      predictors: [{
        name: 'p',
        graph: classifier(),
        autoscaler: Autoscaler.hpa({ maxReplicas: 3, metrics: [Metric.pods({ name: 'rps', target: MetricTarget.averageValue(0.5) }), Metric.external({ name: 'q', target: MetricTarget.value(2) })] }),
      }],
    }));
    const metrics = sdep.spec.predictors[0].componentSpecs[0].hpaSpec.metricsv2;
    expect(metrics[0].pods.target).toEqual({ type: 'AverageValue', averageValue: '0.5' });
    expect(metrics[1].external.target).toEqual({ type: 'Value', value: 2 });
  });

  test('replicas beside an autoscaler are ignored by the operator, so rejected', () => {
    expect(build({ predictor: { replicas: 2, autoscaler: Autoscaler.cpuUtilization({ targetPercent: 50, maxReplicas: 3 }) } }))
      .toThrow(/predictors\[0\]\.replicas 2 is ignored by the operator when the predictor has an autoscaler/);
  });

  test('CPU utilisation needs a CPU request on every node container', () => {
    expect(() => {
      const chart = Testing.chart();
      new SeldonDeployment(chart, 'm', { predictors: [{ name: 'p', graph: classifier(false), autoscaler: Autoscaler.cpuUtilization({ targetPercent: 50, maxReplicas: 3 }) }] });
    }).toThrow(/autoscaler scales on cpu utilisation, but classifier requests no cpu/);
  });

  test('TF Serving beside a TENSORFLOW_SERVER proxy requests nothing, in default and in explicit mode, so a utilisation HPA cannot work', () => {
    const tf = (explicitStorageInitializer: boolean, protocol?: SeldonProtocol) => () => new PrepackagedModel(Testing.chart(), 'tf', {
      server: PrepackagedServer.TENSORFLOW,
      modelUri: ModelUri.gcs('seldon-models', 'tfserving/mnist-model'),
      protocol,
      explicitStorageInitializer,
      resources: { cpu: { request: Cpu.millis(100) } },
      autoscaler: Autoscaler.cpuUtilization({ targetPercent: 60, maxReplicas: 3 }),
    });
    for (const explicit of [false, true]) {
      expect(tf(explicit)).toThrow(/autoscaler scales on cpu utilisation, but classifier \(its "tfserving" container\) requests no cpu.*use the tensorflow protocol/);
    }
    // Under the tensorflow protocol TF Serving is the node's own container, whose resources the node gives.
    expect(tf(false, SeldonProtocol.TENSORFLOW)).not.toThrow();
    expect(tf(true, SeldonProtocol.TENSORFLOW)).not.toThrow();
  });

  test('KEDA idle replicas must be below the minimum; triggers are required', () => {
    expect(build({ predictor: { autoscaler: Autoscaler.keda({ triggers: [], minReplicaCount: 1, idleReplicaCount: 1 }) } }))
      .toThrow(/autoscaler\.triggers has no trigger[\s\S]*autoscaler\.idleReplicaCount 1 is not below minReplicaCount 1/);
  });

  test('KEDA reads an explicit minReplicaCount of 0 as 1 against idleReplicaCount, and an unset one as 0', () => {
    const keda = (props: object) => build({ predictor: { autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '60' } })], ...props }) } });
    expect(keda({ minReplicaCount: 0, idleReplicaCount: 0 })).not.toThrow();
    expect(keda({ minReplicaCount: 0, idleReplicaCount: 1 })).toThrow(/autoscaler\.idleReplicaCount 1 is not below minReplicaCount 1 \(KEDA counts a minReplicaCount of 0 as 1 here\)/);
    expect(keda({ idleReplicaCount: 0 })).toThrow(/autoscaler\.idleReplicaCount 0 is not below minReplicaCount 0/);
  });

  test('a polling interval that is not whole seconds', () => {
    expect(build({ predictor: { autoscaler: Autoscaler.prometheus({ serverAddress: 'http://p:9090', query: 'q', threshold: 1, pollingInterval: Duration.millis(1500) }) } }))
      .toThrow(/autoscaler\.pollingInterval 1 second 500 millis is not a whole number of seconds/);
  });

  test('a utilisation HPA needs the request in the executor\'s engineResources and in every sidecar too (the HPA divides by every container\'s)', () => {
    const cpu = Autoscaler.cpuUtilization({ targetPercent: 70, minReplicas: 1, maxReplicas: 3 });
    expect(build({ predictor: { autoscaler: cpu, engineResources: { memory: { request: Size.mebibytes(256) } } } }))
      .toThrow(/autoscaler scales on cpu utilisation, but the executor \(engineResources\) requests no cpu, so the HPA cannot compute it/);
    expect(build({ predictor: { autoscaler: cpu, sidecars: [{ name: 'proxy', image: 'envoy' }] } }))
      .toThrow(/but sidecar "proxy" requests no cpu/);
    // The operator's default executor requests cpu and memory; a separate executor pod is not in the scaled pod.
    expect(build({ predictor: { autoscaler: cpu } })).not.toThrow();
    expect(build({ separateEnginePod: true, predictor: { autoscaler: cpu, engineResources: { memory: { request: Size.mebibytes(256) } } } }))
      .not.toThrow();
    expect(build({ predictor: { autoscaler: cpu, sidecars: [{ name: 'proxy', image: 'envoy', resources: { limits: { cpu: k8s.Quantity.fromString('50m') } } }] } }))
      .not.toThrow();
  });

  test('separate executor pods are not counted: the operator labels them with the predictor\'s Service name, which the budget does not select', () => {
    // One model pod, two executor pods: minAvailable(1) still blocks every eviction of the one pod the budget selects.
    expect(build({ separateEnginePod: true, predictor: { engineReplicas: 2, disruptionBudget: DisruptionBudget.minAvailable(1) } }))
      .toThrow(/disruptionBudget requires minAvailable 1 of at most 1 pod of the SeldonDeployment, so no pod can ever be evicted/);
    const twoModelPods = { replicas: 2, engineReplicas: 2, disruptionBudget: DisruptionBudget.minAvailable(1) };
    expect(build({ separateEnginePod: true, predictor: twoModelPods })).not.toThrow();
  });

  test('a budget that never allows an eviction over all pods of the SeldonDeployment', () => {
    expect(build({ predictor: { replicas: 2, disruptionBudget: DisruptionBudget.minAvailablePercent(90) } }))
      .toThrow(/disruptionBudget requires minAvailable 90% of at most 2 pods of the SeldonDeployment, so no pod can ever be evicted/);
    expect(build({ predictor: { disruptionBudget: DisruptionBudget.maxUnavailable(0) } }))
      .toThrow(/disruptionBudget\.maxUnavailable is 0, so no pod can ever be evicted/);
    // 2 replicas + an autoscaled canary up to 3: minAvailable 2 leaves room.
    expect(build({ replicas: 3, predictor: { disruptionBudget: DisruptionBudget.minAvailable(2) } })).not.toThrow();
  });

  test('two budgets in one SeldonDeployment select the same pods', () => {
    expect(() => {
      const chart = Testing.chart();
      new SeldonDeployment(chart, 'm', {
        predictors: [
          { name: 'a', traffic: 50, replicas: 2, graph: classifier(), disruptionBudget: DisruptionBudget.maxUnavailable(1) },
          { name: 'b', traffic: 50, replicas: 2, graph: PredictiveUnit.component({ name: 'other', unitType: PredictiveUnitType.MODEL, image: 'x/y:1' }), disruptionBudget: DisruptionBudget.maxUnavailable(1) },
        ],
      });
      Testing.synth(chart);
    }).toThrow(/predictors\[1\]\.disruptionBudget is set on predictors a and b/);
  });
});

describe('the HPA KEDA creates', () => {
  test('hpaName and scaling behaviour render as advanced.horizontalPodAutoscalerConfig', () => {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'keda-behaviour', {
      predictors: [{
        name: 'default',
        graph: PredictiveUnit.component({ name: 'classifier', unitType: PredictiveUnitType.MODEL, image: 'seldonio/mock_classifier:1.5.0-dev' }),
        autoscaler: Autoscaler.prometheus({
          serverAddress: 'http://prometheus:9090',
          query: 'sum(rate(x[1m]))',
          threshold: 10,
          maxReplicaCount: 5,
          scaleDown: { stabilizationWindow: Duration.minutes(10), policies: [{ replicas: Replicas.absolute(1), duration: Duration.minutes(1) }] },
          scaleUp: { strategy: ScalingStrategy.MAX_CHANGE, policies: [{ replicas: Replicas.percent(100) }] },
        }),
      }],
    });
    const [sdep] = Testing.synth(chart);
    expect(sdep.spec.predictors[0].componentSpecs[0].kedaSpec.advanced).toEqual({
      horizontalPodAutoscalerConfig: {
        behavior: {
          scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
          scaleUp: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
        },
      },
    });
  });

  test.each([
    ['a stabilisation window over an hour', { scaleDown: { stabilizationWindow: Duration.minutes(90) } },
      /autoscaler\.scaleDown\.stabilizationWindow 1 hour 30 minutes is not whole seconds from 0 to 1 hour/],
    ['a policy of 0 pods', { scaleUp: { policies: [{ replicas: Replicas.absolute(0) }] } }, /autoscaler\.scaleUp\.policies\[0\]\.replicas 0 is not a whole number above 0/],
    ['a policy period of 31 minutes', { scaleUp: { policies: [{ replicas: Replicas.absolute(1), duration: Duration.minutes(31) }] } },
      /autoscaler\.scaleUp\.policies\[0\]\.duration 31 minutes is not whole seconds from 1 to 30 minutes/],
    ['an empty list of policies (the HPA KEDA creates would be refused)', { scaleDown: { policies: [] } },
      /autoscaler\.scaleDown\.policies is empty, and the API server requires at least one policy/],
    ['a window of two hours, told as such (cdk8s\'s toHumanString() says "1 hour 60 minutes")', { scaleUp: { stabilizationWindow: Duration.hours(2) } },
      /autoscaler\.scaleUp\.stabilizationWindow 2 hours is not whole seconds/],
  ])('%s is an error', (_, options, error) => {
    const chart = Testing.chart();
    expect(() => new SeldonDeployment(chart, 'k', {
      predictors: [{
        name: 'default',
        graph: PredictiveUnit.component({ name: 'classifier', unitType: PredictiveUnitType.MODEL, image: 'seldonio/mock_classifier:1.5.0-dev' }),
        autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '60' } })], ...options }),
      }],
    })).toThrow(error);
  });
});

describe('KedaTrigger.prometheus() says a value of the wrong type as every check of the library does', () => {
  const withTrigger = (props: object) => () => {
    const chart = Testing.chart();
    new SeldonDeployment(chart, 'm', { predictors: [{ name: 'p', graph: classifier(), autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.prometheus(props as any)] }) }] });
    Testing.synth(chart);
  };

  test('a number for serverAddress or query is reported once, "is the number 5", by the factory\'s prop check', () => {
    let text = '';
    try { withTrigger({ serverAddress: 5, query: 'up', threshold: 1 })(); } catch (e) { text = (e as Error).message; }
    expect(text).toMatch(/KedaTrigger\.prometheus\(\) props\.serverAddress\)\) is the number 5; accepted: a string/);
    expect(text.split('\n')).toHaveLength(1);
    // a string that is no URL, or a blank query, is shown as given
    expect(withTrigger({ serverAddress: 'ftp://p', query: ' ', threshold: 1 })).toThrow(/serverAddress "ftp:\/\/p" is not an http\(s\) URL;[^\n]*\n[^\n]*query " " is not a PromQL query;/);
  });

  test('the checks behind the prop check word a wrong type alike (a guard: the prop check hands them "" for it)', () => {
    const trigger = KedaTrigger.prometheus({ serverAddress: 'http://p:9090', query: 'up', threshold: 1 });
    (trigger as any).prometheusChecks({ serverAddress: 5, query: null, threshold: '5', activationThreshold: true });
    expect(trigger._problems.map(p => `${p.field} ${p.problem}`)).toEqual([
      'serverAddress is the number 5, not an http(s) URL',
      'query is null, not a PromQL query',
      'threshold is a string "5", not a threshold KEDA can scale on',
      'activationThreshold is true (a boolean), not an activation threshold',
    ]);
  });
});
