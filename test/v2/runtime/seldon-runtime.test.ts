import { App, Chart, Testing } from 'cdk8s';
import { Cpu, Node, NodeTaintQuery, Secret, ServiceType } from 'cdk8s-plus-27';
import { ModelUri } from '../../../src/model-uri';
import { RcloneRemote } from '../../../src/rclone/rclone-remote';
import { RcloneSecret, RcloneSecretFormat } from '../../../src/rclone/rclone-secret';
import {
  OtelExporterProtocol, Pipeline, RuntimeComponent, SeldonConfig, SeldonModel, SeldonRuntime, SeldonServer,
} from '../../../src/v2';

const IRIS = ModelUri.gcs('seldon-models', 'mlserver/iris');

describe('SeldonRuntime', () => {
  test('the minimal runtime of Seldon\'s docs (seldonruntime.md): seldonConfig default', () => {
    const chart = Testing.chart();
    new SeldonRuntime(chart, 'runtime', { metadata: { name: 'seldon', namespace: 'seldon-mesh' } });
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'SeldonRuntime',
      metadata: { name: 'seldon', namespace: 'seldon-mesh' },
      spec: { seldonConfig: 'default' },
    }]);
  });

  test('the hodometer override of Seldon\'s docs comes out field for field', () => {
    const chart = Testing.chart();
    new SeldonRuntime(chart, 'runtime', {
      metadata: { name: 'seldon', namespace: 'seldon-mesh' },
      overrides: [{
        component: RuntimeComponent.HODOMETER,
        container: { resources: { cpu: { limit: Cpu.millis(20) }, memory: { limit: sizeMi(64) } } },
      }],
    });
    expect(Testing.synth(chart)[0].spec).toEqual({
      seldonConfig: 'default',
      overrides: [{ name: 'hodometer', podSpec: { containers: [{ name: 'hodometer', resources: { limits: { memory: '64Mi', cpu: '20m' } } }] } }],
    });
  });

  test('overrides of the Service components render the type the operator would otherwise drop', () => {
    const chart = Testing.chart();
    const runtime = new SeldonRuntime(chart, 'runtime', { config: { service: { serviceType: ServiceType.CLUSTER_IP } } });
    runtime.override(RuntimeComponent.ENVOY, { replicas: 2 });
    runtime.override(RuntimeComponent.SCHEDULER, { serviceType: ServiceType.NODE_PORT });
    runtime.override(RuntimeComponent.MODEL_GATEWAY, { disable: true });
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.overrides).toEqual([
      { name: 'seldon-envoy', replicas: 2, serviceType: 'ClusterIP' },
      { name: 'seldon-scheduler', serviceType: 'NodePort' },
      { name: 'seldon-modelgateway', disable: true },
    ]);
    expect(spec.config).toEqual({ serviceConfig: { serviceType: 'ClusterIP' } });
  });

  test('component pods: placement and pull secrets through the override', () => {
    const chart = Testing.chart();
    const runtime = new SeldonRuntime(chart, 'runtime');
    const envoy = runtime.override(RuntimeComponent.ENVOY, { serviceType: ServiceType.LOAD_BALANCER, imagePullSecrets: [Secret.fromSecretName(chart, 'pull', 'mirror')] });
    envoy.scheduling.tolerate(Node.tainted(NodeTaintQuery.exists('dedicated')));
    envoy.scheduling.spread();
    expect(Testing.synth(chart)[0].spec.overrides[0]).toEqual({
      name: 'seldon-envoy',
      serviceType: 'LoadBalancer',
      podSpec: {
        imagePullSecrets: [{ name: 'mirror' }],
        tolerations: [{ key: 'dedicated', operator: 'Exists' }],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'seldon-envoy' } } },
            ],
          },
        },
      },
    });
  });

  test('config: rclone secrets in the v2 format, inline remotes, kafka, tracing, scaling', () => {
    const chart = Testing.chart();
    const minio = new RcloneSecret(chart, 'minio', {
      metadata: { name: 'minio-remote' },
      format: RcloneSecretFormat.V2_DOCUMENT,
      remotes: [RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })],
    });
    new SeldonRuntime(chart, 'runtime', {
      disableAutoUpdate: true,
      config: {
        rcloneConfigSecrets: [minio],
        rcloneRemotes: [RcloneRemote.gcs()],
        kafka: { bootstrapServers: 'kafka-0:9092,kafka-1:9092', consumer: { 'session.timeout.ms': '6000' }, topicPrefix: 'prod' },
        tracing: { otelExporterEndpoint: 'otel.observability:4317', otelExporterProtocol: OtelExporterProtocol.GRPC, ratio: 0.1 },
        scaling: { modelAutoscaling: true, serverScaleDownPacking: true, serverScaleDownPackingPercentage: 20, pipelineMaxShardCountMultiplier: 4 },
      },
    });
    const objects = Testing.synth(chart);
    const runtime = objects.find(o => o.kind === 'SeldonRuntime')!;
    expect(runtime.spec.disableAutoUpdate).toBe(true);
    expect(runtime.spec.config.agentConfig).toEqual({
      rclone: { config_secrets: ['minio-remote'], config: [JSON.stringify(RcloneRemote.gcs().toV2Document())] },
    });
    expect(runtime.spec.config.kafkaConfig).toEqual({ 'bootstrap.servers': 'kafka-0:9092,kafka-1:9092', 'consumer': { 'session.timeout.ms': '6000' }, 'topicPrefix': 'prod' });
    expect(runtime.spec.config.tracingConfig).toEqual({ otelExporterEndpoint: 'otel.observability:4317', otelExporterProtocol: 'grpc', ratio: '0.1' });
    expect(runtime.spec.config.scalingConfig).toEqual({
      models: { enabled: true },
      servers: { scaleDownPackingEnabled: true, scaleDownPackingPercentage: 20 },
      pipelines: { maxShardCountMultiplier: 4 },
    });
    expect(objects.indexOf(runtime)).toBeGreaterThan(objects.findIndex(o => o.kind === 'Secret'));
    expect(JSON.stringify(runtime)).not.toContain('"b"');
  });

  test('an override naming no component of the SeldonConfig is rejected (the operator would ignore it)', () => {
    const chart = Testing.chart();
    const runtime = new SeldonRuntime(chart, 'runtime');
    expect(() => runtime.override(RuntimeComponent.custom('seldon-gateway'))).toThrow(
      "SeldonRuntime 'test/runtime': overrides[\"seldon-gateway\"].component names no component of SeldonConfig \"default\", so the operator would ignore the override; one of seldon-scheduler,");
    runtime.override(RuntimeComponent.HODOMETER, { disable: true });
    expect(() => runtime.override(RuntimeComponent.HODOMETER)).toThrow(/overrides\["hodometer"\] is overridden twice/);
    expect(() => runtime.override(RuntimeComponent.HODOMETER.name as any)).toThrow(/override\(\) component is a string "hodometer"; accepted: a RuntimeComponent/);
  });

  test('a packing percentage of 0 with packing off is Seldon\'s own default, not a mistake', () => {
    const chart = Testing.chart();
    new SeldonRuntime(chart, 'runtime', { config: { scaling: { serverScaleDownPacking: false, serverScaleDownPackingPercentage: 0 } } });
    expect(Testing.synth(chart)[0].spec.config.scalingConfig.servers).toEqual({ scaleDownPackingEnabled: false, scaleDownPackingPercentage: 0 });
  });

  test('bad override options and configuration are reported with their fields', () => {
    const chart = Testing.chart();
    const runtime = new SeldonRuntime(chart, 'runtime');
    expect(() => runtime.override(RuntimeComponent.HODOMETER, { serviceType: ServiceType.NODE_PORT, replicas: -1 })).toThrow(
      /overrides\["hodometer"\].replicas -1 is not a replica count[^]*overrides\["hodometer"\].serviceType is read by the operator only for seldon-scheduler and seldon-envoy/);
    expect(() => runtime.override(RuntimeComponent.ENVOY, { disable: true, replicas: 2 })).toThrow(/overrides\["seldon-envoy"\].disable is true with replicas, container or podSpec/);
    expect(() => runtime.override(RuntimeComponent.SCHEDULER, { priorityClassName: 'Bad Name', serviceType: ServiceType.CLUSTER_IP })).toThrow(/overrides\["seldon-scheduler"\].priorityClassName "Bad Name"/);
    expect(() => new SeldonRuntime(chart, 'bad', {
      config: {
        rcloneConfigSecrets: [new RcloneSecret(chart, 'env', { remotes: [RcloneRemote.gcs()] })],
        rcloneRemotes: [RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })],
        kafka: { bootstrapServers: 'kafka', topicPrefix: 'team a' },
        tracing: { otelExporterEndpoint: 'http://otel:4317', ratio: 2 },
        scaling: { serverScaleDownPackingPercentage: 20 },
      },
    })).toThrow(new RegExp([
      'config.rcloneConfigSecrets\\[0\\] Secret .* is in the "env-vars" format, which the v2 agent cannot read',
      'config.rcloneRemotes\\[0\\] remote "s3" has credentials, which would be written into the resource in plain text',
      'config.kafka.bootstrapServers "kafka" is not a broker list',
      'config.kafka.topicPrefix "team a" is not a topic prefix Seldon accepts; the scheduler and the gateways exit at start on it',
      'config.tracing.otelExporterEndpoint "http://otel:4317" is not host:port',
      'config.tracing.ratio 2 is not a fraction',
      'config.scaling.serverScaleDownPackingPercentage is set but packing is not enabled',
    ].join('[^]*')));
  });
});

describe('SeldonConfig', () => {
  test('components and defaults; a runtime of it only overrides its components', () => {
    const chart = Testing.chart();
    const config = new SeldonConfig(chart, 'config', {
      metadata: { name: 'team-defaults' },
      components: [{ component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: 'seldonio/seldon-scheduler:2.10.2' }] }, labels: { tier: 'control' } }],
      config: { tracing: { disable: true } },
    });
    const runtime = new SeldonRuntime(chart, 'runtime', { seldonConfig: config });
    expect(() => runtime.override(RuntimeComponent.ENVOY)).toThrow(/names no component of SeldonConfig "team-defaults"[^]*; one of seldon-scheduler$/);
    const [cfg, rt] = Testing.synth(chart);
    expect(cfg.spec).toEqual({
      components: [{ name: 'seldon-scheduler', labels: { tier: 'control' }, podSpec: { containers: [{ name: 'scheduler', image: 'seldonio/seldon-scheduler:2.10.2' }] } }],
      config: { tracingConfig: { disable: true } },
    });
    expect(rt.spec.seldonConfig).toBe('team-defaults');
  });

  test('a component needs containers with images; an empty SeldonConfig is an error at synth', () => {
    const chart = Testing.chart();
    const config = new SeldonConfig(chart, 'config');
    expect(() => config.addComponent({ component: RuntimeComponent.ENVOY, podSpec: { containers: [] } }))
      .toThrow("SeldonConfig 'test/config': components[\"seldon-envoy\"].podSpec.containers must list at least one container");
    expect(() => Testing.synth(chart)).toThrow(/components is empty/);
  });
});

describe('runtime checks across the app', () => {
  function app() {
    const a = new App();
    return { a, prod: new Chart(a, 'prod', { namespace: 'prod' }), other: new Chart(a, 'other', { namespace: 'other' }) };
  }

  test('objects in a namespace without a runtime are reported once the app declares runtimes; fromNamespace declares one', () => {
    const { a, prod, other } = app();
    new SeldonRuntime(prod, 'runtime');
    new SeldonModel(other, 'iris', { storageUri: IRIS });
    expect(() => a.synth()).toThrow(/SeldonModel 'other\/iris': namespace "other" has no SeldonRuntime in the app[^]*SeldonRuntime.fromNamespace\(\)/);
    SeldonRuntime.fromNamespace(other, 'existing', 'other');
    expect(() => a.synthYaml()).not.toThrow();
  });

  test('a disabled component that an object needs is reported', () => {
    const { a, prod } = app();
    new SeldonRuntime(prod, 'runtime', { overrides: [{ component: RuntimeComponent.DATAFLOW_ENGINE, disable: true }] });
    const model = new SeldonModel(prod, 'iris', { storageUri: IRIS });
    new Pipeline(prod, 'pipeline').addStep(model);
    expect(() => a.synth()).toThrow(/Pipeline 'prod\/pipeline': namespace "prod" runs SeldonRuntime 'prod\/runtime', which does not run seldon-dataflow-engine \(disable: true\), needed by a Pipeline/);
  });

  test('scaling bounds are not checked against the runtime\'s scaling config, which the 2.10.2 scheduler does not read for Models or Servers', () => {
    const { a, prod } = app();
    // Seldon's default SeldonConfig says models.enabled: false; the scheduler ignores it (model autoscaling is off in its code).
    new SeldonRuntime(prod, 'runtime', { config: { scaling: { serverAutoscaling: false } } });
    new SeldonModel(prod, 'iris', { storageUri: IRIS, minReplicas: 1, maxReplicas: 3 });
    new SeldonServer(prod, 'server', { minReplicas: 1, maxReplicas: 3 });
    expect(() => a.synthYaml()).not.toThrow();
    const runtime = Testing.synth(prod).find(o => o.kind === 'SeldonRuntime');
    // Still rendered: the operator writes it into the seldon-scaling ConfigMap, which later Seldon versions read.
    expect(runtime.spec.config).toEqual({ scalingConfig: { servers: { enabled: false } } });
  });

  test('two runtimes in one namespace', () => {
    const { a, prod } = app();
    new SeldonRuntime(prod, 'one', { config: { scaling: { modelAutoscaling: true } } });
    SeldonRuntime.fromNamespace(prod, 'two', 'prod');
    expect(() => a.synth()).toThrow(/SeldonRuntime reference 'prod\/two': namespace "prod" already has SeldonRuntime 'prod\/one'/);
  });
});

function sizeMi(n: number) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('cdk8s').Size.mebibytes(n);
}
