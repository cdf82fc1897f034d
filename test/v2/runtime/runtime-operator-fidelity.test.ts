import { App, Chart, Size, Testing } from 'cdk8s';
import { EnvValue, Node, NodeTaintQuery, ServiceType, k8s } from 'cdk8s-plus-27';
import { ModelUri } from '../../../src/model-uri';
import {
  Pipeline, RuntimeComponent, SeldonConfig, SeldonModel, SeldonRuntime,
} from '../../../src/v2';

const IRIS = ModelUri.gcs('seldon-models', 'mlserver/iris');
const image = (name: string) => `docker.io/seldonio/${name}:2.10.2`;

describe('a runtime override merged onto the SeldonConfig\'s container (patch_utils.go MergeContainers)', () => {
  test('a request above the default SeldonConfig\'s kept limit is refused, naming both amounts', () => {
    const runtime = new SeldonRuntime(Testing.chart(), 'runtime', { config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    expect(() => runtime.override(RuntimeComponent.SCHEDULER, { container: { resources: { memory: { request: Size.gibibytes(2) } } } })).toThrow(
      'SeldonRuntime \'test/runtime\': overrides["seldon-scheduler"].container.resources memory request 2Gi (set here) is greater than the memory limit 1Gi '
      + '(from the SeldonConfig) once the operator merges this override onto the SeldonConfig\'s container, so Kubernetes would reject the pod; '
      + 'set the limit as well (SeldonConfig "default" with the Helm chart\'s default values sets scheduler\'s limits: memory 1Gi)');
    expect(() => runtime.override(RuntimeComponent.DATAFLOW_ENGINE, { container: { resources: { memory: { request: Size.gibibytes(4) } } } }))
      .toThrow(/overrides\["seldon-dataflow-engine"\].container.resources memory request 4Gi \(set here\) is greater than the memory limit 3G/);
    runtime.override(RuntimeComponent.SCHEDULER, { container: { resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) } } } });
    expect(Testing.synth(runtime.node.scope as Chart)[0].spec.overrides[0].podSpec.containers[0].resources).toEqual({ requests: { memory: '2Gi' }, limits: { memory: '2Gi' } });
  });

  test('an in-app SeldonConfig\'s limits are read from its pod spec; an unknown SeldonConfig\'s are not assumed', () => {
    const chart = Testing.chart();
    const config = new SeldonConfig(chart, 'config', {
      metadata: { name: 'small' },
      components: [{
        component: RuntimeComponent.SCHEDULER,
        podSpec: { containers: [{ name: 'scheduler', image: image('seldon-scheduler'), resources: { limits: { memory: k8s.Quantity.fromString('512Mi') } } }] },
      }],
    });
    const runtime = new SeldonRuntime(chart, 'runtime', { seldonConfig: config, config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    expect(() => runtime.override(RuntimeComponent.SCHEDULER, { container: { resources: { memory: { request: Size.gibibytes(1) } } } }))
      .toThrow(/memory request 1Gi \(set here\) is greater than the memory limit 512Mi \(from the SeldonConfig\)[^]*SeldonConfig "small" sets scheduler's limits: memory 512Mi\)$/);
    const tuned = SeldonConfig.fromSeldonConfigName(chart, 'tuned', 'tuned');
    const other = new SeldonRuntime(new Chart(new App(), 'other'), 'runtime', { seldonConfig: tuned, config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    expect(() => other.override(RuntimeComponent.SCHEDULER, { container: { resources: { memory: { request: Size.gibibytes(8) } } } })).not.toThrow();
  });
});

describe('the scheduler runs as one replica', () => {
  test('replicas above 1 on seldon-scheduler are refused; 0 and 1 are accepted, and other components may scale', () => {
    const runtime = new SeldonRuntime(Testing.chart(), 'runtime', { config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    expect(() => runtime.override(RuntimeComponent.SCHEDULER, { replicas: 3 })).toThrow(
      'overrides["seldon-scheduler"].replicas 3 would start 3 schedulers, each with its own state (a BadgerDB on its own scheduler-state volume), '
      + 'and the seldon-scheduler Service would spread the operator\'s and the agents\' connections across them; 1, or 0 to stop the scheduler');
    runtime.override(RuntimeComponent.SCHEDULER, { replicas: 1 });
    runtime.override(RuntimeComponent.ENVOY, { replicas: 3 });
    runtime.override(RuntimeComponent.MODEL_GATEWAY, { replicas: 0 });
  });
});

describe('the runtime\'s Services', () => {
  test('grpcServicePrefix: a DNS-1123 label start, up to 49 characters (63 minus "scheduler-mtls")', () => {
    const config = (grpcServicePrefix: string) => () => new SeldonRuntime(Testing.chart(), 'runtime', { config: { service: { grpcServicePrefix } } });
    expect(config('-')).toThrow(/config.service.grpcServicePrefix "-" cannot prefix the Services' port names \(<prefix>data ... <prefix>scheduler-mtls\), which are DNS-1123 labels of at most 63 characters; up to 49 characters/);
    expect(config('a'.repeat(50))).toThrow(/grpcServicePrefix "a{50}" cannot prefix/);
    expect(config('Grpc-')).toThrow(/grpcServicePrefix "Grpc-" cannot prefix/);
    for (const ok of ['', 'grpc-', 'grpc-istio-mesh-', 'http2-seldon-', 'a'.repeat(49)]) expect(config(ok)).not.toThrow();
  });

  test('ExternalName is refused on the runtime, its overrides, a SeldonConfig and a reference, with the reason', () => {
    const reason = /"ExternalName" cannot be the type of the operator's Services: it never sets spec.externalName[^]*; one of ClusterIP, NodePort, LoadBalancer/;
    const chart = Testing.chart();
    expect(() => new SeldonRuntime(chart, 'a', { config: { service: { serviceType: ServiceType.EXTERNAL_NAME } } })).toThrow(reason);
    expect(() => new SeldonRuntime(chart, 'b').override(RuntimeComponent.ENVOY, { serviceType: ServiceType.EXTERNAL_NAME })).toThrow(reason);
    expect(() => new SeldonConfig(chart, 'c', { config: { service: { serviceType: ServiceType.EXTERNAL_NAME } } })).toThrow(reason);
    expect(() => SeldonConfig.fromSeldonConfigName(chart, 'd', 'x', { configuration: { service: { serviceType: ServiceType.EXTERNAL_NAME } } })).toThrow(reason);
  });

  test('an override of scheduler or envoy needs a type where the SeldonConfig\'s is unknown, instead of assuming LoadBalancer', () => {
    const chart = Testing.chart();
    const runtime = new SeldonRuntime(chart, 'runtime');
    expect(() => runtime.override(RuntimeComponent.ENVOY, { replicas: 2 })).toThrow(
      'overrides["seldon-envoy"].serviceType is needed: with an override the operator gives the seldon-mesh Service the override\'s type (ClusterIP when none), '
      + 'and the type it has without one is unknown (SeldonConfig "default" takes it from the Helm chart\'s services.defaultServiceType); '
      + 'serviceType on the override, config.service.serviceType on the runtime, or configuration.service.serviceType on SeldonConfig.fromSeldonConfigName()');
    const internal = SeldonConfig.fromSeldonConfigName(chart, 'internal', 'internal');
    expect(() => new SeldonRuntime(chart, 'other', { seldonConfig: internal }).override(RuntimeComponent.SCHEDULER, { container: { image: 'me/scheduler:1' } }))
      .toThrow(/overrides\["seldon-scheduler"\].serviceType is needed: [^]*SeldonConfig "internal" does not state it\)/);
    // Known: stated on the reference, on the runtime, or the operator's LoadBalancer for a SeldonConfig in the app that sets none.
    const stated = SeldonConfig.fromSeldonConfigName(chart, 'stated', 'internal', { configuration: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    const inApp = new SeldonConfig(chart, 'config', { components: [{ component: RuntimeComponent.ENVOY, podSpec: { containers: [{ name: 'envoy', image: image('seldon-envoy') }] } }] });
    const types = [
      new SeldonRuntime(new Chart(new App(), 'a'), 'rt', { seldonConfig: stated }),
      new SeldonRuntime(new Chart(new App(), 'b'), 'rt', { config: { service: { serviceType: ServiceType.NODE_PORT } } }),
      new SeldonRuntime(new Chart(new App(), 'c'), 'rt', { seldonConfig: inApp }),
    ].map(rt => {
      rt.override(RuntimeComponent.ENVOY, { replicas: 2 });
      return Testing.synth(rt.node.scope as Chart).find(o => o.kind === 'SeldonRuntime').spec.overrides[0].serviceType;
    });
    expect(types).toEqual(['ClusterIP', 'NodePort', 'LoadBalancer']);
  });

  test('a disabled scheduler or envoy may set its Service type, and gets ClusterIP without one: the operator still creates the Service', () => {
    const chart = Testing.chart();
    const runtime = new SeldonRuntime(chart, 'runtime');
    runtime.override(RuntimeComponent.ENVOY, { disable: true });
    runtime.override(RuntimeComponent.SCHEDULER, { disable: true, serviceType: ServiceType.NODE_PORT });
    expect(() => runtime.override(RuntimeComponent.HODOMETER, { disable: true, serviceType: ServiceType.NODE_PORT }))
      .toThrow(/overrides\["hodometer"\].disable is true with replicas, container or podSpec[^]*overrides\["hodometer"\].serviceType is read by the operator only for/);
    expect(Testing.synth(chart)[0].spec.overrides).toEqual([
      { name: 'seldon-envoy', disable: true, serviceType: 'ClusterIP' },
      { name: 'seldon-scheduler', disable: true, serviceType: 'NodePort' },
    ]);
  });
});

describe('components a runtime does not run', () => {
  function prodChart() {
    const app = new App();
    return { app, prod: new Chart(app, 'prod', { namespace: 'prod' }) };
  }
  const schedulerOnly = (chart: Chart) => new SeldonConfig(chart, 'config', {
    metadata: { name: 'scheduler-only' },
    components: [{ component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: image('seldon-scheduler') }] } }],
  });

  test('a SeldonConfig that does not define the dataflow engine, the gateways or envoy, with a Pipeline', () => {
    const { app, prod } = prodChart();
    new SeldonRuntime(prod, 'runtime', { seldonConfig: schedulerOnly(prod) });
    new Pipeline(prod, 'pipeline').addStepForModelName('iris');
    expect(() => app.synth()).toThrow('which does not run seldon-dataflow-engine (not a component of SeldonConfig "scheduler-only"), seldon-pipelinegateway '
      + '(not a component of SeldonConfig "scheduler-only"), seldon-modelgateway (not a component of SeldonConfig "scheduler-only"), '
      + 'seldon-envoy (not a component of SeldonConfig "scheduler-only"), needed by a Pipeline');
  });

  test('replicas 0 on the scheduler (with a Model) or the dataflow engine (with a Pipeline)', () => {
    const { app, prod } = prodChart();
    const runtime = new SeldonRuntime(prod, 'runtime', { config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    runtime.override(RuntimeComponent.SCHEDULER, { replicas: 0 });
    runtime.override(RuntimeComponent.DATAFLOW_ENGINE, { replicas: 0 });
    new Pipeline(prod, 'pipeline').addStep(new SeldonModel(prod, 'iris', { storageUri: IRIS }));
    expect(() => app.synth()).toThrow(/SeldonModel 'prod\/iris': namespace "prod" runs SeldonRuntime 'prod\/runtime', which does not run seldon-scheduler \(replicas: 0\), needed by a SeldonModel/);
    expect(() => app.synth()).toThrow(/Pipeline 'prod\/pipeline': [^\n]*which does not run seldon-scheduler \(replicas: 0\), seldon-dataflow-engine \(replicas: 0\), needed by a Pipeline/);
  });

  test('a Pipeline needs seldon-envoy: the model gateway sends each step\'s inference through seldon-mesh', () => {
    const { app, prod } = prodChart();
    new SeldonRuntime(prod, 'runtime', { overrides: [{ component: RuntimeComponent.ENVOY, disable: true }] });
    new Pipeline(prod, 'pipeline').addStepForModelName('iris');
    expect(() => app.synth()).toThrow(/Pipeline 'prod\/pipeline': [^\n]*which does not run seldon-envoy \(disable: true\), needed by a Pipeline/);
  });

  test('a SeldonConfig without seldon-scheduler is an error at synth, as its message says', () => {
    const chart = Testing.chart();
    new SeldonConfig(chart, 'config', { components: [{ component: RuntimeComponent.HODOMETER, podSpec: { containers: [{ name: 'hodometer', image: image('seldon-hodometer') }] } }] });
    expect(() => Testing.synth(chart)).toThrow(
      "SeldonConfig 'test/config': components has no seldon-scheduler (only hodometer), so nothing in a namespace using it is reconciled; add at least seldon-scheduler with addComponent()");
    schedulerOnly(Testing.chart());
  });
});

describe('placement of a component given a raw podSpec', () => {
  test('scheduling with a raw podSpec is refused at synth instead of dropped', () => {
    const chart = Testing.chart();
    const runtime = new SeldonRuntime(chart, 'runtime', { config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    const envoy = runtime.override(RuntimeComponent.ENVOY, { podSpec: { containers: [], nodeSelector: { pool: 'edge' } } });
    envoy.scheduling.tolerate(Node.tainted(NodeTaintQuery.exists('dedicated')));
    expect(() => Testing.synth(chart)).toThrow(
      "SeldonRuntime 'test/runtime': overrides[\"seldon-envoy\"].scheduling places the pods of a component given a raw podSpec, which is rendered as it is, "
      + 'so the placement would be dropped; the placement in podSpec (affinity, tolerations, nodeSelector), or the typed settings without podSpec');
  });
});

describe('the scheduler\'s flag variables', () => {
  test('ENABLE_SERVER_AUTOSCALING and SERVER_PACKING_PERCENTAGE are parsed as Go\'s flag package would', () => {
    const runtime = () => new SeldonRuntime(Testing.chart(), 'runtime', { config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    const env = (vars: Record<string, string>) => ({
      container: { env: Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, EnvValue.fromValue(v)])) },
    });
    // reported in the order of the scheduler's flags in components.yaml
    expect(() => runtime().override(RuntimeComponent.SCHEDULER, env({ ENABLE_SERVER_AUTOSCALING: 'no', SERVER_PACKING_PERCENTAGE: '25%' }))).toThrow(
      'overrides["seldon-scheduler"].container.env["SERVER_PACKING_PERCENTAGE"] "25%" is not a Go float, so the scheduler would exit at start '
      + 'parsing --server-packing-percentage; a number without a unit, e.g. "25" or "0.25"\n'
      + 'SeldonRuntime \'test/runtime\': overrides["seldon-scheduler"].container.env["ENABLE_SERVER_AUTOSCALING"] "no" is not a Go bool, so the scheduler would exit at start '
      + 'parsing --enable-server-autoscaling; "true" or "false" (or 1, t, T, TRUE, True, 0, f, F, FALSE, False)');
    for (const [bool, pct] of [['false', '25'], ['True', '0.5'], ['0', '1e1'], ['t', '.5']]) {
      const flags = env({ ENABLE_SERVER_AUTOSCALING: bool, SERVER_PACKING_PERCENTAGE: pct });
      expect(() => runtime().override(RuntimeComponent.SCHEDULER, flags)).not.toThrow();
    }
  });

  test('a flag variable that is no string is reported once, as the env check says it', () => {
    const runtime = new SeldonRuntime(Testing.chart(), 'runtime', { config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    let text = '';
    try {
      runtime.override(RuntimeComponent.SCHEDULER, { container: { env: { SERVER_PACKING_ENABLED: EnvValue.fromValue(5 as any) } } });
    } catch (e) { text = (e as Error).message; }
    expect(text).toBe('SeldonRuntime \'test/runtime\': overrides["seldon-scheduler"].container.env["SERVER_PACKING_ENABLED"] is the number 5, '
      + 'which the API server refuses as an env value; a string, e.g. EnvValue.fromValue("5")');
  });

  test('every typed flag variable of the scheduler, wherever its env is given (review 16 diff, M1)', () => {
    const runtime = () => new SeldonRuntime(Testing.chart(), 'runtime', { config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    const env = (vars: Record<string, string>) => Object.entries(vars).map(([name, value]) => ({ name, value }));
    // a raw podSpec override
    expect(() => runtime().override(RuntimeComponent.SCHEDULER, { podSpec: { containers: [{ name: 'scheduler', env: env({ SERVER_PACKING_ENABLED: 'yes' }) }] } })).toThrow(
      'SeldonRuntime \'test/runtime\': overrides["seldon-scheduler"].podSpec.containers["scheduler"].env["SERVER_PACKING_ENABLED"] "yes" is not a Go bool, so the scheduler '
      + 'would exit at start parsing --server-packing-enabled; "true" or "false" (or 1, t, T, TRUE, True, 0, f, F, FALSE, False)');
    // an in-app SeldonConfig's scheduler, and the int and uint flags
    expect(() => new SeldonConfig(Testing.chart(), 'config', {
      components: [{
        component: RuntimeComponent.SCHEDULER,
        podSpec: { containers: [{ name: 'scheduler', image: image('seldon-scheduler'), env: env({ HEALTH_PROBE_PORT: '-1', PPROF_PORT: '60.6', ENABLE_PPROF: 'false' }) }] },
      }],
    })).toThrow(new RegExp([
      'components\\["seldon-scheduler"\\].podSpec.containers\\["scheduler"\\].env\\["HEALTH_PROBE_PORT"\\] "-1" is not a Go uint, so the scheduler would exit at start parsing --health-probe-port; a whole number of at least 0',
      'env\\["PPROF_PORT"\\] "60.6" is not a Go int, so the scheduler would exit at start parsing --pprof-port; a whole number',
    ].join('[^]*')));
    for (const [uint, int] of [['9999', '-5'], ['0x270F', '+6060'], ['0o17', '0b101'], ['1_000', '0']]) {
      expect(() => runtime().override(RuntimeComponent.SCHEDULER, { podSpec: { containers: [{ name: 'scheduler', env: env({ HEALTH_PROBE_PORT: uint, PPROF_PORT: int }) }] } })).not.toThrow();
    }
    // the pipeline retry flags: two ticks (durations above zero) and a uint (review 17, README D1)
    const retry = (vars: Record<string, string>) => () => runtime().override(RuntimeComponent.SCHEDULER, { podSpec: { containers: [{ name: 'scheduler', env: env(vars) }] } });
    expect(retry({ RETRY_CREATING_FAILED_PIPELINES_TICK: '60', MAX_RETRY_FAILED_PIPELINES: '-1' })).toThrow(new RegExp([
      'env\\["RETRY_CREATING_FAILED_PIPELINES_TICK"\\] "60" is not a Go duration, so the scheduler would exit at start parsing --retry-creating-failed-pipelines-tick; '
        + 'a duration above zero with its unit \\(ns, us, ms, s, m, h\\), e.g. "1m" or "90s"',
      'env\\["MAX_RETRY_FAILED_PIPELINES"\\] "-1" is not a Go uint, so the scheduler would exit at start parsing --max-retry-failed-pipelines',
    ].join('[^]*')));
    for (const tick of ['0s', '-1m', '0']) {
      expect(retry({ RETRY_DELETING_FAILED_PIPELINES_TICK: tick })).toThrow(
        `env["RETRY_DELETING_FAILED_PIPELINES_TICK"] "${tick}" is not above zero, and the scheduler's retry pollers would panic at start on it `
        + '(time.NewTicker, scheduler/pkg/server/server.go startPollers)');
    }
    for (const [tick, max] of [['1m', '10'], ['90s', '0'], ['1h30m', '0x10'], ['500ms', '3']]) {
      const flags = { RETRY_CREATING_FAILED_PIPELINES_TICK: tick, RETRY_DELETING_FAILED_PIPELINES_TICK: tick, MAX_RETRY_FAILED_PIPELINES: max };
      expect(retry(flags)).not.toThrow();
    }
    // a variable set from elsewhere is not known, and a disabled scheduler starts no process
    expect(() => runtime().override(RuntimeComponent.SCHEDULER, { container: { env: { ENABLE_PPROF: EnvValue.fromSecretValue({ secret: { name: 's' } as any, key: 'k' }) } } })).not.toThrow();
  });
});
