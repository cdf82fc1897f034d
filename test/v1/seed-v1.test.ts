import { Testing, Size } from 'cdk8s';
import { PersistentVolumeAccessMode, PersistentVolumeClaim, Secret } from 'cdk8s-plus-27';
import { ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret } from '../../src';
import * as seed from '../fixtures/seed-v1';

/** Every manifest of the v1 seed document, built with the constructs and no escape hatch. */
describe('seed document: prepackaged model servers', () => {
  test('short form: SKLEARN_SERVER from a public bucket', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', {
      metadata: { name: 'sklearn-iris' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.parse('gs://seldon-models/v1.18.0-dev/sklearn/iris'),
    });
    const out = Testing.synth(chart);
    expect(out).toEqual([seed.SHORT_FORM]);
    expect(out[0].spec.predictors[0].graph.implementation).toBe('SKLEARN_SERVER');
    expect(out[0].spec.predictors[0].graph.modelUri).toBe('gs://seldon-models/v1.18.0-dev/sklearn/iris');
    expect(out).toMatchSnapshot();
  });

  test('explicit form: the init container, volumes and mounts the operator would inject', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', {
      metadata: { name: 'sklearn-iris' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.s3('sklearn', 'iris'),
      explicitStorageInitializer: true,
      image: 'seldonio/sklearnserver:1.8.0-dev',
      storageInitializerImage: 'seldonio/rclone-storage-initializer:1.18.0-dev',
      credentials: Secret.fromSecretName(chart, 'init-secret', 'seldon-init-container-secret'),
    });
    const [sdep] = Testing.synth(chart);
    // The seed's manifest is contained in the output; the library adds hardening.
    expect(sdep).toMatchObject(seed.EXPLICIT_FORM);
    const pod = sdep.spec.predictors[0].componentSpecs[0].spec;
    expect(pod.volumes).toEqual(seed.EXPLICIT_FORM.spec.predictors[0].componentSpecs[0].spec.volumes);
    expect(pod.containers).toMatchObject(seed.EXPLICIT_FORM.spec.predictors[0].componentSpecs[0].spec.containers);
    expect(Object.keys(pod.containers[0]).sort()).toEqual(['env', 'image', 'name', 'resources', 'securityContext', 'volumeMounts']);
    expect(sdep.spec.predictors[0].graph).toEqual({ name: 'classifier', type: 'MODEL' });
    const init = pod.initContainers[0];
    expect(init.args).toEqual(['s3://sklearn/iris', '/mnt/models']);
    expect(init.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 8888,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(init.resources).toEqual({ requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(sdep).toMatchSnapshot();
  });

  test('per-deployment storage initializer image and secret', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', {
      metadata: { name: 'iris-sklearn' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.parse('s3://sklearn/iris'),
      storageInitializerImage: 'seldonio/rclone-storage-initializer:1.18.0-dev',
      credentials: Secret.fromSecretName(chart, 'init-secret', 'seldon-init-container-secret'),
    });
    const out = Testing.synth(chart);
    expect(out).toEqual([seed.PER_DEPLOYMENT_IMAGE_AND_SECRET]);
    expect(out[0].spec.predictors[0].graph.envSecretRefName).toBe('seldon-init-container-secret');
  });

  test('resource override: a skeleton container named after the graph node', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'iris', {
      metadata: { name: 'sklearn-iris' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'v1.18.0-dev/sklearn/iris'),
      resources: { memory: { request: Size.mebibytes(50) } },
    });
    const out = Testing.synth(chart);
    expect(out).toEqual([seed.RESOURCE_OVERRIDE]);
    expect(out[0].spec.predictors[0].componentSpecs[0].spec.containers[0]).toEqual({ name: 'classifier', resources: { requests: { memory: '50Mi' } } });
    expect(out).toMatchSnapshot();
  });

  test('pvc:// model URI', () => {
    const chart = Testing.chart();
    const claim = new PersistentVolumeClaim(chart, 'models', {
      metadata: { name: 'models-pvc' },
      accessModes: [PersistentVolumeAccessMode.READ_ONLY_MANY],
      storage: Size.gibibytes(5),
    });
    new PrepackagedModel(chart, 'iris', {
      metadata: { name: 'sklearn-iris' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.pvc(claim, 'sklearn/iris'),
    });
    const out = Testing.synth(chart);
    const sdep = out.find(o => o.kind === 'SeldonDeployment');
    expect(sdep.spec.predictors[0].graph.modelUri).toBe('pvc://models-pvc/sklearn/iris');
    // The claim is written before the SeldonDeployment that reads it.
    expect(out.map(o => o.kind)).toEqual(['PersistentVolumeClaim', 'SeldonDeployment']);
  });
});

describe('seed document: credential Secrets, key for key', () => {
  const secretOf = (remote: RcloneRemote) => {
    const chart = Testing.chart();
    new RcloneSecret(chart, 'secret', { metadata: { name: 'seldon-rclone-secret' }, remotes: [remote] });
    const [out] = Testing.synth(chart);
    return out;
  };

  test('public GCS', () => {
    const out = secretOf(RcloneRemote.gcs({ name: 'gs' }));
    expect(out).toMatchObject(seed.SECRET_PUBLIC_GCS);
    expect(out.stringData).toEqual(seed.SECRET_PUBLIC_GCS.stringData);
  });

  test('MinIO', () => {
    const out = secretOf(RcloneRemote.minio({
      endpoint: 'http://minio.minio-system.svc.cluster.local:9000',
      accessKeyId: 'minioadmin',
      secretAccessKey: 'minioadmin',
    }));
    expect(out).toMatchObject(seed.SECRET_MINIO);
    expect(out.stringData).toEqual(seed.SECRET_MINIO.stringData);
    expect(out).toMatchSnapshot();
  });

  test('AWS S3 with access keys', () => {
    const out = secretOf(RcloneRemote.s3({
      accessKeyId: '<your AWS_ACCESS_KEY_ID here>',
      secretAccessKey: '<your AWS_SECRET_ACCESS_KEY here>',
    }));
    expect(out.stringData).toEqual(seed.SECRET_AWS_KEYS.stringData);
    expect(out.type).toBe('Opaque');
  });

  test('AWS S3 with IAM roles', () => {
    const out = secretOf(RcloneRemote.s3({ envAuth: true }));
    expect(out.stringData).toEqual(seed.SECRET_AWS_IAM.stringData);
  });

  test('GCP service account, collapsed to one line', () => {
    const out = secretOf(RcloneRemote.gcs({ serviceAccountCredentials: seed.GCP_KEY_FILE }));
    expect(out.stringData).toEqual(seed.SECRET_GCP_SERVICE_ACCOUNT.stringData);
    expect(out.stringData.RCLONE_CONFIG_GCS_SERVICE_ACCOUNT_CREDENTIALS).not.toContain('\n');
  });

  test('Azure Blob with account key: the same keys, placeholders filled in', () => {
    const out = secretOf(RcloneRemote.azureBlob({ account: 'mystorageaccount', key: 'bXlrZXk=' }));
    expect(Object.keys(out.stringData).sort()).toEqual(Object.keys(seed.SECRET_AZURE_PLACEHOLDERS.stringData).sort());
    expect(out.stringData).toEqual({
      RCLONE_CONFIG_AZUREBLOB_TYPE: 'azureblob',
      RCLONE_CONFIG_AZUREBLOB_ACCOUNT: 'mystorageaccount',
      RCLONE_CONFIG_AZUREBLOB_ENV_AUTH: 'false',
      RCLONE_CONFIG_AZUREBLOB_KEY: 'bXlrZXk=',
    });
  });

  test('Azure Blob exactly as the seed writes it (empty placeholders) needs RcloneRemote.custom', () => {
    const out = secretOf(RcloneRemote.custom('azureblob', 'azureblob', { account: '', env_auth: 'false', key: '' }));
    expect(out.stringData).toEqual(seed.SECRET_AZURE_PLACEHOLDERS.stringData);
  });

  test('the rclone gs: deployment reads the Secret defining remote GS', () => {
    const chart = Testing.chart();
    const secret = new RcloneSecret(chart, 'secret', { metadata: { name: 'seldon-rclone-secret' }, remotes: [RcloneRemote.gcs({ name: 'gs' })] });
    new PrepackagedModel(chart, 'iris', {
      metadata: { name: 'rclone-sklearn-gs' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.remote('gs', 'seldon-models/sklearn/iris'),
      credentials: secret,
    });
    const out = Testing.synth(chart);
    expect(out.map(o => o.kind)).toEqual(['Secret', 'SeldonDeployment']);
    expect(out[1]).toEqual(seed.RCLONE_GS_DEPLOYMENT);
  });
});
