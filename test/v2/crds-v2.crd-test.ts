// Validates what the v2 constructs synthesize against Seldon's v2 CRDs, in
// strict mode (unknown fields are errors). Like test/validation/real-crds,
// it needs the CRD files, so it is not in the default run:
//
//   SELDON_CRDS_DIR=<dir> npx jest --testMatch '**/*.crd-test.ts'
import * as path from 'path';
import { Size, Testing } from 'cdk8s';
import { Cpu, EnvValue, PersistentVolumeClaim, k8s } from 'cdk8s-plus-27';
import { addV2Examples } from '../../examples/v2';
import { ModelUri } from '../../src/model-uri';
import { RcloneRemote } from '../../src/rclone/rclone-remote';
import { RcloneSecret, RcloneSecretFormat } from '../../src/rclone/rclone-secret';
import { Gpu, ModelExplainer, SeldonModel, SeldonServer, ServerConfig, ServerConfigRef } from '../../src/v2';
import { CrdSchemaRegistry, CrdValidator } from '../../src/validation';

jest.setTimeout(120_000);

const CRDS_DIR = path.resolve(process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'seldon', 'crds'));
const FILES = ['servers', 'serverconfigs', 'models'].map(k => path.join(CRDS_DIR, `v2-mlops.seldon.io_${k}.yaml`));

test('every v2 field the constructs render is valid under the v2 CRDs (strict)', () => {
  const validator = new CrdValidator(CrdSchemaRegistry.fromPaths(FILES), { strict: true });
  const chart = Testing.chart();
  addV2Examples(chart);

  const q = (v: string) => k8s.Quantity.fromString(v);
  const config = new ServerConfig(chart, 'config', {
    metadata: { name: 'gpu-config' },
    capabilities: ['gpu', 'sklearn'],
    volumeClaimTemplates: [{ name: 'models', storage: Size.gibibytes(1), storageClassName: 'fast' }],
    podSpec: {
      serviceAccountName: 'seldon-server',
      containers: [
        { name: 'rclone', image: 'rclone', volumeMounts: [{ name: 'models', mountPath: '/mnt/agent' }] },
        {
          name: 'agent',
          image: 'agent',
          env: [
            { name: 'SELDON_SERVER_TYPE', value: 'mlserver' },
            // the agent offers its server container's memory request (as Seldon's own ServerConfigs do)
            { name: 'MEMORY_REQUEST', valueFrom: { resourceFieldRef: { containerName: 'server', resource: 'requests.memory' } } },
          ],
        },
        { name: 'server', image: 'server', resources: { requests: { memory: q('1Gi') }, limits: { 'memory': q('2Gi'), 'nvidia.com/gpu': q('1') } } },
      ],
    },
  });
  const server = new SeldonServer(chart, 'server', {
    metadata: { name: 'everything' },
    serverConfig: ServerConfigRef.fromServerConfig(config),
    replicas: 1,
    minReplicas: 1,
    maxReplicas: 1,
    extraCapabilities: ['extra'],
    image: 'server:2',
    disableAutoUpdate: true,
    serverContainer: { resources: { cpu: { request: Cpu.millis(500) }, memory: { limit: Size.gibibytes(3) } }, gpu: Gpu.nvidia(1), env: { A: EnvValue.fromValue('1') } },
    agentContainer: { image: 'agent:2' },
    rcloneContainer: { image: 'rclone:2' },
  });
  server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim', 'claim'), '/var/models', { readOnly: true });
  const secret = new RcloneSecret(chart, 'secret', {
    format: RcloneSecretFormat.V2_DOCUMENT,
    remotes: [RcloneRemote.minio({ name: 's3', endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })],
  });
  const model = new SeldonModel(chart, 'model', {
    metadata: { name: 'model' },
    storageUri: ModelUri.parse('s3://models/iris'),
    requirements: ['sklearn'],
    server,
    memory: '100Mi',
    replicas: 1,
    minReplicas: 1,
    maxReplicas: 1,
    artifactVersion: 1,
    parameters: { a: 'b' },
    dedicated: false,
    secret,
  });
  new SeldonModel(chart, 'explainer', {
    storageUri: ModelUri.parse('s3://models/explainer'),
    secret,
    server: SeldonServer.fromServerName(chart, 'mlserver', 'mlserver'),
    explainer: ModelExplainer.forModel('anchor_tabular', model),
  });

  const objects = Testing.synth(chart);
  const report = validator.validateObjects(objects);
  expect(report.errors).toEqual([]);
  expect(report.validated).toBe(8);

  // the check has teeth: a misspelt field is reported
  const broken = { ...objects.find(o => o.kind === 'Model'), spec: { storageURI: 'gs://a/b' } };
  expect(validator.validateObject(broken).errors).not.toEqual([]);
});
