/**
 * The scheduler's server autoscaling (--enable-server-autoscaling, from ENABLE_SERVER_AUTOSCALING, on in Seldon's
 * `default` SeldonConfig) against the HorizontalPodAutoscalers of the app (review 16, M3; v2.10.2
 * scheduler/pkg/server/server_status.go handleServerEvents, utils.go shouldScaleDown).
 */
import { Chart, Testing } from 'cdk8s';
import { EnvValue, HorizontalPodAutoscaler, Metric, MetricTarget, ServiceType } from 'cdk8s-plus-27';
import { ModelUri } from '../../../src/model-uri';
import {
  RpsAutoscaler, RuntimeComponent, SeldonConfig, SeldonModel, SeldonRuntime, SeldonServer,
} from '../../../src/v2';

const IRIS = ModelUri.gcs('seldon-models', 'mlserver/iris');
const NS = { namespace: 'models' };

function chart(): Chart {
  return Testing.chart();
}

/** A runtime in `models`; `autoscaling` is the scheduler override's ENABLE_SERVER_AUTOSCALING, when given. */
function runtime(scope: Chart, autoscaling?: string, seldonConfig?: SeldonConfig): SeldonRuntime {
  const r = new SeldonRuntime(scope, 'runtime', { metadata: NS, seldonConfig, config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
  const env = { ENABLE_SERVER_AUTOSCALING: EnvValue.fromValue(autoscaling ?? '') };
  if (autoscaling !== undefined) r.override(RuntimeComponent.SCHEDULER, { container: { env } });
  return r;
}

/** A server with a model pinned to it, and a hand-written HPA on the server. */
function serverWithHpa(scope: Chart): SeldonServer {
  const server = new SeldonServer(scope, 'server', { metadata: { name: 'mlserver', ...NS } });
  const model = new SeldonModel(scope, 'iris', { metadata: { name: 'iris', ...NS }, storageUri: IRIS, server });
  new HorizontalPodAutoscaler(scope, 'hpa', {
    metadata: NS,
    target: server,
    maxReplicas: 4,
    metrics: [Metric.object({ object: model, name: 'infer_rps', target: MetricTarget.averageValue(5) })],
  });
  return server;
}

describe('a HorizontalPodAutoscaler of a Server', () => {
  test('is refused where the namespace\'s scheduler autoscales Servers (Seldon\'s default SeldonConfig)', () => {
    const c = chart();
    runtime(c);
    serverWithHpa(c);
    expect(() => Testing.synth(c)).toThrow(
      'SeldonServer \'test/server\': autoscaler is a HorizontalPodAutoscaler while no model pinned to the Server has one, and the scheduler of "models" '
      + '(SeldonRuntime \'test/runtime\') autoscales Servers too (ENABLE_SERVER_AUTOSCALING on: the Helm chart\'s default autoscaling.autoscalingServerEnabled '
      + 'of SeldonConfig "default"): on every model unload or failed load it removes empty replicas, writing the spec.replicas the HPA writes, and the two undo '
      + 'each other (scheduler/pkg/server/server_status.go handleServerEvents, utils.go shouldScaleDown); ENABLE_SERVER_AUTOSCALING "false" on the runtime\'s '
      + 'scheduler (runtime.override(RuntimeComponent.SCHEDULER, { serviceType: <the type your installation gives seldon-scheduler>, container: { env: { '
      + 'ENABLE_SERVER_AUTOSCALING: EnvValue.fromValue(\'false\') } } })), or single-model serving: an HPA on the model pinned to the Server too, on the same '
      + 'metric (RpsAutoscaler with server:)');
    // "true" said outright is the same
    const d = chart();
    runtime(d, 'true');
    serverWithHpa(d);
    expect(() => Testing.synth(d)).toThrow(/autoscaler is a HorizontalPodAutoscaler while no model pinned to the Server has one, .*\(ENABLE_SERVER_AUTOSCALING on: set on its scheduler override\)/);
  });

  test('is accepted with the scheduler\'s server autoscaling off, in any of Go\'s spellings', () => {
    for (const off of ['false', '0', 'F']) {
      const c = chart();
      runtime(c, off);
      serverWithHpa(c);
      const objects = Testing.synth(c);
      expect(objects.find(o => o.kind === 'SeldonRuntime')!.spec.overrides[0].podSpec.containers[0].env).toEqual([{ name: 'ENABLE_SERVER_AUTOSCALING', value: off }]);
      expect(objects.filter(o => o.kind === 'HorizontalPodAutoscaler')).toHaveLength(1);
    }
  });

  test('the message\'s own remedy synthesizes on a bare runtime with Seldon\'s default SeldonConfig (review 16 diff, H1)', () => {
    const c = chart();
    new SeldonRuntime(c, 'runtime', { metadata: NS }).override(RuntimeComponent.SCHEDULER, {
      serviceType: ServiceType.LOAD_BALANCER,
      container: { env: { ENABLE_SERVER_AUTOSCALING: EnvValue.fromValue('false') } },
    });
    serverWithHpa(c);
    expect(Testing.synth(c).find(o => o.kind === 'SeldonRuntime')!.spec.overrides).toEqual([{
      name: 'seldon-scheduler', serviceType: 'LoadBalancer', podSpec: { containers: [{ name: 'scheduler', env: [{ name: 'ENABLE_SERVER_AUTOSCALING', value: 'false' }] }] },
    }]);
  });

  test('single-model serving written by hand (an HPA on the pinned model and one on its Server) is accepted, as Seldon documents it (H2)', () => {
    const c = chart();
    runtime(c);
    const server = new SeldonServer(c, 'server', { metadata: { name: 'mlserver', ...NS } });
    const model = new SeldonModel(c, 'iris', { metadata: { name: 'iris', ...NS }, storageUri: IRIS, server });
    const metrics = [Metric.object({ object: model, name: 'infer_rps', target: MetricTarget.averageValue(3) })];
    new HorizontalPodAutoscaler(c, 'model-hpa', { metadata: NS, target: model, maxReplicas: 3, metrics });
    new HorizontalPodAutoscaler(c, 'server-hpa', { metadata: NS, target: server, maxReplicas: 3, metrics });
    expect(Testing.synth(c).filter(o => o.kind === 'HorizontalPodAutoscaler').map(h => h.spec.scaleTargetRef.kind)).toEqual(['Model', 'Server']);
  });

  test('RpsAutoscaler\'s server HPA follows its model\'s and is accepted with the scheduler\'s autoscaling on', () => {
    const c = chart();
    runtime(c);
    const server = new SeldonServer(c, 'server', { metadata: { name: 'mlserver', ...NS } });
    const model = new SeldonModel(c, 'iris', { metadata: { name: 'iris', ...NS }, storageUri: IRIS, server });
    new RpsAutoscaler(c, 'rps', { model, server, targetRps: 3, maxReplicas: 3 });
    expect(Testing.synth(c).filter(o => o.kind === 'HorizontalPodAutoscaler')).toHaveLength(2);
  });

  test('is not judged where the scheduler\'s setting is unknown', () => {
    // a SeldonConfig outside the app other than `default`
    const c = chart();
    runtime(c, undefined, SeldonConfig.fromSeldonConfigName(c, 'tuned', 'tuned') as SeldonConfig);
    serverWithHpa(c);
    expect(Testing.synth(c).filter(o => o.kind === 'HorizontalPodAutoscaler')).toHaveLength(1);
    // a runtime installed outside the app
    const d = chart();
    SeldonRuntime.fromNamespace(d, 'runtime', 'models');
    serverWithHpa(d);
    expect(Testing.synth(d).filter(o => o.kind === 'HorizontalPodAutoscaler')).toHaveLength(1);
  });

  test('an in-app SeldonConfig is read from its scheduler container\'s ENABLE_SERVER_AUTOSCALING, and unknown without it', () => {
    const build = (env?: string) => {
      const c = chart();
      const config = new SeldonConfig(c, 'config', {
        metadata: { name: 'own' },
        components: [{
          component: RuntimeComponent.SCHEDULER,
          podSpec: { containers: [{ name: 'scheduler', image: 'docker.io/seldonio/seldon-scheduler:2.10.2', env: env === undefined ? undefined : [{ name: 'ENABLE_SERVER_AUTOSCALING', value: env }] }] },
        }, {
          component: RuntimeComponent.ENVOY,
          podSpec: { containers: [{ name: 'envoy', image: 'docker.io/seldonio/seldon-envoy:2.10.2' }] },
        }],
      });
      runtime(c, undefined, config);
      serverWithHpa(c);
      return c;
    };
    expect(() => Testing.synth(build('true'))).toThrow(/\(ENABLE_SERVER_AUTOSCALING on: set on the scheduler container of SeldonConfig "own"\)/);
    expect(() => Testing.synth(build('false'))).not.toThrow();
    expect(() => Testing.synth(build())).not.toThrow();
  });
});

describe('RpsAutoscaler on a model pinned to a server nothing scales', () => {
  function build(autoscaling?: string, serverProps: object = {}): Chart {
    const c = chart();
    runtime(c, autoscaling);
    const server = new SeldonServer(c, 'server', { metadata: { name: 'mlserver', ...NS }, replicas: 2, ...serverProps });
    const model = new SeldonModel(c, 'iris', { metadata: { name: 'iris', ...NS }, storageUri: IRIS, server });
    new RpsAutoscaler(c, 'rps', { model, targetRps: 3, maxReplicas: 4 });
    return c;
  }

  test('with the scheduler\'s server autoscaling off, its maxReplicas is bounded by the server\'s replicas', () => {
    expect(() => Testing.synth(build('false'))).toThrow(
      'RpsAutoscaler \'test/rps\': maxReplicas 4 is more than the 2 replica(s) server "mlserver" can reach (its replicas: the scheduler of SeldonRuntime '
      + '\'test/runtime\' has ENABLE_SERVER_AUTOSCALING false, set on its scheduler override, so nothing adds server replicas); each model replica needs its own server replica, so the extra '
      + 'model replicas would never be scheduled; at most 2, more replicas on the server, or server: to scale the server with the model');
    // a server maxReplicas does not help then: the scheduler does not scale
    expect(() => Testing.synth(build('false', { minReplicas: 1, maxReplicas: 8 }))).toThrow(/maxReplicas 4 is more than the 2 replica\(s\)/);
  });

  test('a runtime taken out of the tree with tryRemoveChild() no longer says the scheduler is off', () => {
    const c = build('false');
    expect(c.node.tryRemoveChild('runtime')).toBe(true);
    // No runtime of the app in the namespace: the scheduler's default (on) holds, and an unbounded server can reach 4.
    expect(Testing.synth(c).filter(o => o.kind === 'HorizontalPodAutoscaler')).toHaveLength(1);
  });

  test('with it on, the server\'s own bound is what counts, as before', () => {
    expect(Testing.synth(build()).filter(o => o.kind === 'HorizontalPodAutoscaler')).toHaveLength(1);
    expect(() => Testing.synth(build(undefined, { minReplicas: 1, maxReplicas: 3 }))).toThrow(/maxReplicas 4 is more than the 3 replica\(s\) server "mlserver" can reach \(its maxReplicas/);
  });
});
