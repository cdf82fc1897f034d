// Validates what the v2 production features synthesize (pod settings,
// runtimes, configs, autoscaling, the newer Model and Server fields) against
// Seldon's v2 CRDs, in strict mode (unknown fields are errors).
//
//   SELDON_CRDS_DIR=<dir> npx jest --testMatch '**/*.crd-test.ts'
import * as path from 'path';
import { Size, Testing } from 'cdk8s';
import {
  Cpu, DeploymentStrategy, EmptyDirMedium, Node, NodeLabelQuery, NodeTaintQuery, Secret, ServiceAccount, ServiceType, TaintEffect, Topology, Volume,
} from 'cdk8s-plus-27';
import { ModelUri } from '../../src/model-uri';
import { RcloneRemote } from '../../src/rclone/rclone-remote';
import { RcloneSecret, RcloneSecretFormat } from '../../src/rclone/rclone-secret';
import {
  Gpu, ModelLlm, OtelExporterProtocol, PvcRetention, RpsAutoscaler, RuntimeComponent, SeldonConfig, SeldonModel, SeldonRuntime, SeldonServer,
} from '../../src/v2';
import { CrdSchemaRegistry, CrdValidator } from '../../src/validation';

jest.setTimeout(120_000);

const CRDS_DIR = path.resolve(process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'seldon', 'crds'));
const FILES = ['servers', 'models', 'seldonruntimes', 'seldonconfigs'].map(k => path.join(CRDS_DIR, `v2-mlops.seldon.io_${k}.yaml`));

test('runtimes, configs, placement, autoscaling and the newer Model fields are valid under the v2 CRDs (strict)', () => {
  const validator = new CrdValidator(CrdSchemaRegistry.fromPaths(FILES), { strict: true });
  const chart = Testing.chart();
  const creds = new RcloneSecret(chart, 'creds', {
    format: RcloneSecretFormat.V2_DOCUMENT,
    remotes: [RcloneRemote.minio({ name: 's3', endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })],
  });
  const config = new SeldonConfig(chart, 'config', {
    components: [{
      component: RuntimeComponent.SCHEDULER,
      podSpec: { containers: [{ name: 'scheduler', image: 'seldonio/seldon-scheduler:2.10.2' }] },
      labels: { a: 'b' },
      annotations: { c: 'd' },
      volumeClaimTemplates: [{ name: 'state', spec: { accessModes: ['ReadWriteOnce'] } }],
    }],
    config: { tracing: { disable: true }, scaling: { serverAutoscaling: true } },
  });
  new SeldonRuntime(chart, 'custom', { seldonConfig: config, overrides: [{ component: RuntimeComponent.SCHEDULER, replicas: 1 }] });
  const runtime = new SeldonRuntime(chart, 'runtime', {
    disableAutoUpdate: true,
    overrides: [
      { component: RuntimeComponent.HODOMETER, disable: true },
      { component: RuntimeComponent.ENVOY, replicas: 2, container: { resources: { cpu: { request: Cpu.millis(100) } } } },
      { component: RuntimeComponent.SCHEDULER, serviceType: ServiceType.CLUSTER_IP, podSpec: { containers: [{ name: 'scheduler', env: [{ name: 'A', value: 'b' }] }] } },
    ],
    config: {
      rcloneConfigSecrets: [creds],
      rcloneRemotes: [RcloneRemote.gcs()],
      kafka: {
        bootstrapServers: 'kafka:9092',
        consumerGroupIdPrefix: 'p',
        debug: 'all',
        topicPrefix: 't',
        consumer: { a: '1' },
        producer: { b: '2' },
        streams: { c: '3' },
        topics: { numPartitions: '4' },
      },
      tracing: { disable: false, otelExporterEndpoint: 'otel:4317', otelExporterProtocol: OtelExporterProtocol.GRPC, ratio: 0.5 },
      service: { grpcServicePrefix: 'grpc-', serviceType: ServiceType.LOAD_BALANCER },
      scaling: {
        modelAutoscaling: true,
        serverAutoscaling: true,
        serverScaleDownPacking: true,
        serverScaleDownPackingPercentage: 10,
        pipelineMaxShardCountMultiplier: 2,
      },
    },
  });
  runtime.componentOverrides[1].scheduling.tolerate(Node.tainted(NodeTaintQuery.exists('edge')));

  const server = new SeldonServer(chart, 'gpu', {
    metadata: { name: 'gpu' },
    imagePullSecrets: [Secret.fromSecretName(chart, 'pull', 'registry')],
    serviceAccount: ServiceAccount.fromServiceAccountName(chart, 'sa', 'models'),
    priorityClassName: 'high',
    podLabels: { team: 'ml' },
    podAnnotations: { note: 'x' },
    deploymentStrategy: DeploymentStrategy.recreate(),
    pvcRetentionWhenDeleted: PvcRetention.DELETE,
    pvcRetentionWhenScaled: PvcRetention.RETAIN,
    serverContainer: { gpu: Gpu.nvidia(1) },
  });
  server.scheduling.attract(Node.labeled(NodeLabelQuery.is('gpu', 'a100')), { weight: 10 });
  server.scheduling.attract(Node.labeled(NodeLabelQuery.exists('gpu')));
  server.scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present', { effect: TaintEffect.NO_SCHEDULE })));
  server.scheduling.spread({ topology: Topology.ZONE, weight: 50 });
  const shm = Volume.fromEmptyDir(chart, 'shm', 'shm', { medium: EmptyDirMedium.MEMORY, sizeLimit: Size.gibibytes(1) });
  const other = new SeldonServer(chart, 'cpu', {
    minReplicas: 1,
    maxReplicas: 4,
    serverContainer: { volumeMounts: [{ volume: shm, path: '/dev/shm' }] },
    rcloneContainer: { volumeMounts: [{ volume: shm, path: '/scratch', subPath: 'rclone' }] },
  });
  other.scheduling.separate(server);
  other.scheduling.colocate(server, { weight: 1 });

  const base = new SeldonModel(chart, 'chat', { metadata: { name: 'chat' }, storageUri: ModelUri.parse('s3://models/chat'), secret: creds, server });
  new RpsAutoscaler(chart, 'hpa', { model: base, server, targetRps: 3, maxReplicas: 4 });
  new SeldonModel(chart, 'prompt', {
    storageUri: ModelUri.gcs('seldon-models', 'prompt'),
    llm: ModelLlm.forModel(base),
    logPayloadsPercent: 100,
    schemaUri: 'gs://b/s.json',
    modelType: 'sklearn',
    preloaded: false,
    cleanTopicsOnDelete: true,
    minReplicas: 1,
    maxReplicas: 2,
  });

  const objects = Testing.synth(chart);
  const report = validator.validateObjects(objects);
  expect(report.errors).toEqual([]);
  expect(report.validated).toBe(7);
  // the mounts reached the validated Server
  const cpu = objects.find(o => o.kind === 'Server' && o.metadata.name === other.name)!;
  expect(cpu.spec.podSpec.volumes).toEqual([{ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '1024Mi' } }]);
  expect(cpu.spec.podSpec.containers.map((c: any) => c.name)).toEqual(['rclone', 'mlserver']);
});
