import { Duration, Testing } from 'cdk8s';
import { HorizontalPodAutoscaler, Metric, MetricTarget, Replicas, ScalingRules } from 'cdk8s-plus-27';
import { ModelUri } from '../../../src/model-uri';
import { RpsAutoscaler, SeldonModel, SeldonServer } from '../../../src/v2';

const IRIS = ModelUri.gcs('seldon-models', 'testing/iris1');

describe('HPA autoscaling on infer_rps (docs-gb/scaling, Seldon v2.10.2)', () => {
  test('Seldon\'s single-model-serving example comes out field for field', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'mlserver', { metadata: { name: 'mlserver', namespace: 'seldon-mesh' } });
    const model = new SeldonModel(chart, 'irisa0', {
      metadata: { name: 'irisa0', namespace: 'seldon-mesh' }, storageUri: IRIS, memory: '3M', requirements: ['sklearn'], server,
    });
    const scaler = new RpsAutoscaler(chart, 'hpa', { model, server, targetRps: 3, maxReplicas: 3 });
    const objects = Testing.synth(chart);
    const hpas = objects.filter(o => o.kind === 'HorizontalPodAutoscaler');
    expect(hpas.map(h => h.metadata.namespace)).toEqual(['seldon-mesh', 'seldon-mesh']);
    // Without metadata.name the HPAs still get the names cdk8s generates (the API server rejects a nameless object).
    expect(hpas.map(h => h.metadata.name)).toEqual([expect.stringMatching(/^test-hpa-model-/), expect.stringMatching(/^test-hpa-server-/)]);
    const metric = {
      type: 'Object',
      object: {
        metric: { name: 'infer_rps' },
        describedObject: { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', name: 'irisa0' },
        target: { type: 'AverageValue', averageValue: 3 },
      },
    };
    expect(hpas[0].spec).toEqual(expect.objectContaining({
      scaleTargetRef: { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', name: 'irisa0' }, minReplicas: 1, maxReplicas: 3, metrics: [metric],
    }));
    expect(hpas[1].spec).toEqual(expect.objectContaining({
      scaleTargetRef: { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', name: 'mlserver' }, minReplicas: 1, maxReplicas: 3, metrics: [metric],
    }));
    expect(hpas[1].spec.behavior).toEqual(hpas[0].spec.behavior);
    // spec.replicas is what the HPA writes: both objects declare it, without Seldon's own bounds
    const modelOut = objects.find(o => o.kind === 'Model')!;
    expect(modelOut.spec).toEqual({ storageUri: 'gs://seldon-models/testing/iris1', memory: '3M', requirements: ['sklearn'], replicas: 1, server: 'mlserver' });
    expect(objects.find(o => o.kind === 'Server')!.spec).toEqual({ serverConfig: 'mlserver', replicas: 1 });
    expect(model.hasAutoscaler && server.hasAutoscaler).toBe(true);
    expect(scaler.serverAutoscaler).toBeDefined();
  });

  test('a cdk8s-plus HorizontalPodAutoscaler written by hand works on a SeldonModel (IScalable, IResource)', () => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'm', { metadata: { name: 'm' }, storageUri: IRIS, replicas: 2 });
    new HorizontalPodAutoscaler(chart, 'hpa', {
      target: model,
      maxReplicas: 4,
      metrics: [Metric.object({ object: model, name: 'infer_rps', target: MetricTarget.averageValue(5) })],
    });
    const objects = Testing.synth(chart);
    expect(objects.find(o => o.kind === 'Model')!.spec.replicas).toBe(2);
    expect(objects.find(o => o.kind === 'HorizontalPodAutoscaler')!.spec.metrics[0].object.describedObject).toEqual({ apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', name: 'm' });
  });

  test('Seldon\'s own bounds on an HPA-scaled model, and two HPAs, are errors', () => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'm', { storageUri: IRIS, minReplicas: 1, maxReplicas: 3 });
    new RpsAutoscaler(chart, 'a', { model, targetRps: 3, maxReplicas: 3 });
    new RpsAutoscaler(chart, 'b', { model, targetRps: 3, maxReplicas: 3 });
    expect(() => Testing.synth(chart)).toThrow(new RegExp([
      "SeldonModel 'test/m': autoscaler is one of 2 HorizontalPodAutoscalers",
      "SeldonModel 'test/m': minReplicas is set while a HorizontalPodAutoscaler scales the object",
      "SeldonModel 'test/m': maxReplicas is set while",
    ].join('[^]*')));
  });

  test('a pinned server that no HPA scales must reach maxReplicas through its own maxReplicas (Seldon\'s server autoscaling)', () => {
    const build = (serverProps: object) => {
      const chart = Testing.chart();
      const server = new SeldonServer(chart, 's', serverProps);
      const model = new SeldonModel(chart, 'm', { storageUri: IRIS, server });
      new RpsAutoscaler(chart, 'hpa', { model, targetRps: 3, maxReplicas: 5 });
      return () => Testing.synth(chart);
    };
    expect(build({ replicas: 2, maxReplicas: 4 })).toThrow(/RpsAutoscaler 'test\/hpa': maxReplicas 5 is more than the 4 replica\(s\) server .* can reach \(its maxReplicas/);
    expect(build({ replicas: 2, maxReplicas: 5 })).not.toThrow();
    // Without maxReplicas the operator passes MaxUint32 and the scheduler adds the server replicas the model needs.
    expect(build({ replicas: 2 })).not.toThrow();
    expect(build({})).not.toThrow();
  });

  test('metadata without a name keeps the generated HPA name (found by the hostile-input run)', () => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'm', { storageUri: IRIS });
    new RpsAutoscaler(chart, 'hpa', { model, targetRps: 3, maxReplicas: 3, metadata: { labels: { team: 'a' } } });
    const hpa = Testing.synth(chart).find(o => o.kind === 'HorizontalPodAutoscaler');
    expect(hpa.metadata.name).toMatch(/^test-hpa-model-/);
    expect(hpa.metadata.labels).toEqual({ team: 'a' });
  });

  test('bad intent is reported with the house format', () => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'm', { storageUri: IRIS });
    const other = new SeldonServer(chart, 's');
    expect(() => new RpsAutoscaler(chart, 'hpa', { model, targetRps: 0, maxReplicas: 2, minReplicas: 3, server: other })).toThrow(new RegExp([
      "RpsAutoscaler 'test/hpa': targetRps 0 is not a positive rate",
      'minReplicas 3 is above maxReplicas 2',
      "server is SeldonServer 'test/s', but the model is not pinned to it",
    ].join('[^]*')));
  });
});

describe('scaling rules the API server refuses are told in the library\'s words (src/k8s/scaling-rules.ts, shared with KEDA\'s HPA)', () => {
  const build = (rules: Partial<Record<'scaleUp' | 'scaleDown', ScalingRules>>) => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'iris', { storageUri: IRIS });
    return () => new RpsAutoscaler(chart, 'hpa', { model, targetRps: 3, maxReplicas: 3, ...rules });
  };

  test('a stabilisation window outside 0 s to 1 h, or in fractions of a second, names the field, the value and the range', () => {
    expect(build({ scaleUp: { stabilizationWindow: Duration.hours(2) } })).toThrow(
      "RpsAutoscaler 'test/hpa': scaleUp.stabilizationWindow 2 hours is not whole seconds from 0 to 1 hour; e.g. Duration.minutes(5)");
    expect(build({ scaleDown: { stabilizationWindow: Duration.millis(1500) } })).toThrow(/^RpsAutoscaler 'test\/hpa': scaleDown\.stabilizationWindow 1 second 500 millis is not whole seconds/);
  });

  test('a policy period outside 1 s to 30 min, an empty policy list and a change of 0 are refused, each problem told', () => {
    let message = '';
    try {
      build({
        scaleUp: { policies: [{ replicas: Replicas.absolute(0), duration: Duration.hours(1) }, { replicas: Replicas.percent(2.5) }] },
        scaleDown: { policies: [] },
      })();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      "RpsAutoscaler 'test/hpa': scaleUp.policies[0].replicas 0 is not a whole number above 0; Replicas.absolute(n) or Replicas.percent(n), n from 1 to 2147483647",
      "RpsAutoscaler 'test/hpa': scaleUp.policies[0].duration 1 hour is not whole seconds from 1 to 30 minutes; e.g. Duration.seconds(60)",
      "RpsAutoscaler 'test/hpa': scaleUp.policies[1].replicas 2.5 is not a whole number above 0; Replicas.absolute(n) or Replicas.percent(n), n from 1 to 2147483647",
      "RpsAutoscaler 'test/hpa': scaleDown.policies is empty, and the API server requires at least one policy; at least one ScalingPolicy, or leave policies out for the defaults",
    ]);
  });

  test('rules at the bounds are written as given', () => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'iris', { storageUri: IRIS });
    new RpsAutoscaler(chart, 'hpa', {
      model,
      targetRps: 3,
      maxReplicas: 3,
      scaleUp: { stabilizationWindow: Duration.seconds(0), policies: [{ replicas: Replicas.absolute(1), duration: Duration.seconds(1) }] },
      scaleDown: { stabilizationWindow: Duration.hours(1), policies: [{ replicas: Replicas.percent(100), duration: Duration.minutes(30) }] },
    });
    const hpa = Testing.synth(chart).find(o => o.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec.behavior.scaleUp).toMatchObject({ stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 1, periodSeconds: 1 }] });
    expect(hpa.spec.behavior.scaleDown).toMatchObject({ stabilizationWindowSeconds: 3600, policies: [{ type: 'Percent', value: 100, periodSeconds: 1800 }] });
  });
});
