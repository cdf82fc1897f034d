import { ApiObject, App, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { ConfigMap, Env, EnvValue, PersistentVolumeAccessMode, PersistentVolumeClaim, Secret, ServiceAccount, Volume } from 'cdk8s-plus-27';
import { addV1Examples } from '../../examples/v1';
import {
  BuiltInImplementation, ExplainerType, ExternalSecretStoreKind, LoggerMode, ModelParameter, ModelUri, PredictiveUnit, PrepackagedModel,
  PrepackagedModelProps, PrepackagedServer, RcloneExternalSecret, RcloneRemote, RcloneSecret, RcloneSecretFormat, SeldonProtocol, SeldonServer,
  ServerConfigRef, ServerType,
} from '../../src';
import { MigratedModel, MigratedModelProps } from '../../src/migration';
import * as seed from '../fixtures/seed-v1';

const IRIS_V1 = 'gs://seldon-models/v1.18.0-dev/sklearn/iris';
const MINIO = {
  endpoint: 'http://minio.minio-system.svc.cluster.local:9000',
  accessKeyId: 'minioadmin',
  secretAccessKey: 'minioadmin',
};

/** A v1 chart and a v2 chart (in the namespace of the v2 runtime) in one app. */
function charts(v2Namespace = 'seldon'): { app: App; v1: Chart; v2: Chart } {
  const app = Testing.app();
  return { app, v1: new Chart(app, 'v1', { namespace: 'seldon' }), v2: new Chart(app, 'v2', { namespace: v2Namespace }) };
}

/**
 * Declares the installation's `mlserver` and `triton` Servers, so that the
 * app-wide scheduling check places every migrated model against them.
 */
function installationServers(v2: Chart): void {
  SeldonServer.fromServerName(v2, 'mlserver', 'mlserver', { serverConfig: ServerConfigRef.MLSERVER, replicas: 1 });
  SeldonServer.fromServerName(v2, 'triton', 'triton', { serverConfig: ServerConfigRef.TRITON, replicas: 1 });
}

/** What a migrated SKLEARN model of the seldon protocol asks MLServer for: v1's SKLearnServer returned predict_proba. */
const PREDICT_PROBA = [{ name: 'predict_fn', value: 'predict_proba' }];

function byKind(objects: any[], kind: string): any[] {
  return objects.filter(o => o.kind === kind);
}

type MigrateProps = Partial<PrepackagedModelProps> & { id?: string; migration?: Partial<MigratedModelProps> };

/** A v1 iris model with `props`, migrated with `props.migration`. */
function migrate(props: MigrateProps = {}): { v2: Chart; migrated: MigratedModel } {
  const { v1, v2 } = charts();
  const { id, migration, ...v1Props } = props;
  const model = new PrepackagedModel(v1, id ?? 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse(IRIS_V1), ...v1Props });
  return { v2, migrated: new MigratedModel(v2, id ?? 'iris', { prepackagedModel: model, ...migration }) };
}

function settings(migrated: MigratedModel): string[] {
  return migrated.differences.map(d => d.setting);
}

describe('the Seldon v1 seed examples on Seldon Core v2', () => {
  test('the iris sklearn model from Seldon\'s public bucket', () => {
    const { v1, v2 } = charts();
    const iris = new PrepackagedModel(v1, 'iris', { metadata: { name: 'sklearn-iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse(IRIS_V1) });
    installationServers(v2);
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: iris });

    expect(Testing.synth(v1)).toEqual([{ ...seed.SHORT_FORM, metadata: { name: 'sklearn-iris', namespace: 'seldon' } }]);
    // Synthesizing runs the app-wide scheduling check: it passes against the installation's servers.
    expect(Testing.synth(v2)).toEqual([{
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'sklearn-iris', namespace: 'seldon' },
      spec: { storageUri: IRIS_V1, requirements: ['sklearn'], replicas: 1, parameters: PREDICT_PROBA },
    }]);
    expect(migrated.secret).toBeUndefined();
    expect(migrated.server).toBeUndefined();
    expect(migrated.constructs).toEqual([migrated.model]);
    expect(settings(migrated)).toEqual(['protocol', 'predictorName', 'server', 'parameters']);
    expect(migrated.differences[0].detail).toBe('v1 served the seldon protocol (the operator\'s default); Seldon Core v2 speaks only the Open Inference (V2) protocol, so clients must send V2 requests (/v2/models/sklearn-iris/infer)');
  });

  test('the MinIO model with an RcloneSecret: the credentials come out in the v2 format', () => {
    const { v1, v2 } = charts();
    const credentials = new RcloneSecret(v1, 'creds', { metadata: { name: 'seldon-rclone-secret' }, remotes: [RcloneRemote.minio(MINIO)] });
    const minio = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris-minio' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('sklearn', 'iris'), credentials });
    installationServers(v2);
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: minio });

    expect(Testing.synth(v1)[0].stringData).toEqual(seed.SECRET_MINIO.stringData);
    const out = Testing.synth(v2);
    expect(out.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Secret/iris-minio-s3', 'Model/iris-minio']);
    const [secret, model] = out;
    // Seldon's samples/auth/minio-secret.yaml: one key holding {type, name, parameters}.
    expect(Object.keys(secret.stringData)).toEqual(['s3']);
    expect(JSON.parse(secret.stringData.s3)).toEqual({
      type: 's3',
      name: 's3',
      parameters: { provider: 'minio', env_auth: 'false', access_key_id: 'minioadmin', secret_access_key: 'minioadmin', endpoint: MINIO.endpoint },
    });
    expect(secret.metadata.namespace).toBe('seldon');
    expect(model.spec).toEqual({ storageUri: 's3://sklearn/iris', requirements: ['sklearn'], replicas: 1, secretName: 'iris-minio-s3', parameters: PREDICT_PROBA });
    expect(migrated.secret!.format).toBe(RcloneSecretFormat.V2_DOCUMENT);
    expect(migrated.secret!.remotes).toEqual([credentials.remotes[0]]);
    expect(migrated.model.secret).toBe(migrated.secret);
    expect(migrated.constructs).toEqual([migrated.model, migrated.secret]);
    expect(JSON.stringify(model)).not.toContain('minioadmin');
    expect(out).toMatchSnapshot();
  });

  test('the pvc:// model: a Server mounting the claim, and the model on a local path pinned to it', () => {
    const { v1, v2 } = charts();
    const claim = new PersistentVolumeClaim(v1, 'store', { metadata: { name: 'model-store' }, storage: Size.gibibytes(10), accessModes: [PersistentVolumeAccessMode.READ_ONLY_MANY] });
    const pvc = new PrepackagedModel(v1, 'iris', {
      metadata: { name: 'iris-pvc' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvc(claim, 'sklearn/iris'), explicitStorageInitializer: true,
    });
    installationServers(v2);
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: pvc });

    const out = Testing.synth(v2);
    expect(out.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Server/iris-pvc-server', 'Model/iris-pvc']);
    const [server, model] = out;
    expect(server.spec).toEqual({
      serverConfig: 'mlserver',
      extraCapabilities: ['pvc'],
      replicas: 1,
      podSpec: {
        containers: [{ name: 'rclone', volumeMounts: [{ name: 'model-store', mountPath: '/var/models', readOnly: true }] }],
        volumes: [{ name: 'model-store', persistentVolumeClaim: { claimName: 'model-store' } }],
      },
    });
    expect(model.spec).toEqual({ storageUri: '/var/models/sklearn/iris', requirements: ['sklearn'], replicas: 1, server: 'iris-pvc-server', parameters: PREDICT_PROBA });
    expect(migrated.server!.pvcMountPaths).toEqual(['/var/models']);
    expect(migrated.claim).toBeUndefined();
    expect(settings(migrated)).toEqual(['modelUri', 'protocol', 'predictorName', 'server', 'explicitStorageInitializer', 'parameters']);
    expect(migrated.differences[0].detail).toBe('pvc://model-store/sklearn/iris becomes the local path /var/models/sklearn/iris: Seldon Core v2 reads claims through a Server '
      + 'that mounts them into its rclone container; the model is pinned to Server "iris-pvc-server", which mounts claim "model-store" at /var/models');
    expect(out).toMatchSnapshot();
  });

  test('every v1 example of the example app migrates and passes the scheduling check', () => {
    const { v1, v2 } = charts();
    addV1Examples(v1);
    installationServers(v2);
    const models = v1.node.children.filter((c): c is PrepackagedModel => c instanceof PrepackagedModel);
    expect(models.map(m => m.name)).toEqual(['iris-gcs', 'iris-minio', 'iris-pvc', 'iris-prod']);
    for (const model of models) new MigratedModel(v2, model.node.id, { prepackagedModel: model });
    expect(Testing.synth(v2).map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Model/iris-gcs', 'Model/iris-gcs-canary', 'Model/iris-gcs-shadow', 'Experiment/iris-gcs-experiment',
      'Secret/iris-minio-s3', 'Model/iris-minio', 'Server/iris-pvc-server', 'Model/iris-pvc', 'Model/iris-prod',
    ]);
  });
});

describe('requirements', () => {
  test.each([
    ['SKLEARN', PrepackagedServer.SKLEARN, ['sklearn']],
    ['XGBOOST', PrepackagedServer.XGBOOST, ['xgboost']],
    ['MLFLOW', PrepackagedServer.MLFLOW, ['mlflow']],
  ])('%s is placed on MLServer', (_name, server, requirements) => {
    const { v2, migrated } = migrate({ server });
    installationServers(v2);
    expect(migrated.model.requirements).toEqual(requirements);
    expect(Testing.synth(v2)).toHaveLength(1);
  });

  test('HUGGINGFACE needs a storageUri, which v1 could leave out', () => {
    expect(() => migrate({ server: PrepackagedServer.HUGGINGFACE, protocol: SeldonProtocol.V2, modelUri: undefined, parameters: [ModelParameter.stringValue('task', 'text-generation')] }))
      .toThrow('MigratedModel \'v2/iris\': storageUri is missing, and HUGGINGFACE_SERVER model \'v1/iris\' has no modelUri to derive it from; a v2 Model always reads an artifact; '
        + 'storageUri: the location of the model artifact, e.g. ModelUri.parse("gs://bucket/path")');
    const { v2, migrated } = migrate({
      server: PrepackagedServer.HUGGINGFACE,
      protocol: SeldonProtocol.V2,
      modelUri: undefined,
      parameters: [ModelParameter.stringValue('task', 'text-generation')],
      migration: { storageUri: ModelUri.gcs('models', 'gpt2') },
    });
    installationServers(v2);
    expect(Testing.synth(v2)[0].spec).toEqual({ storageUri: 'gs://models/gpt2', requirements: ['huggingface'], replicas: 1, parameters: [{ name: 'task', value: 'text-generation' }] });
    // The protocol was already V2.
    expect(settings(migrated)).not.toContain('protocol');
  });

  test('TENSORFLOW is placed on Triton', () => {
    const { v2, migrated } = migrate({ server: PrepackagedServer.TENSORFLOW, protocol: SeldonProtocol.TENSORFLOW });
    installationServers(v2);
    expect(migrated.model.requirements).toEqual(['tensorflow']);
    expect(migrated.differences[0].detail).toMatch(/^v1 served the tensorflow protocol; Seldon Core v2 speaks only/);
    expect(Testing.synth(v2)).toHaveLength(1);
  });

  test('TRITON needs the model format as a requirement', () => {
    expect(() => migrate({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2 })).toThrow(
      'MigratedModel \'v2/iris\': requirements is missing for TRITON_SERVER; Triton serves several model formats and v2 places models by format; '
      + 'requirements a v2 Server advertises for this model, e.g. ["onnx"] or ["pytorch"] on Triton (triton, dali, fil, onnx, openvino, python, pytorch, tensorflow, tensorrt) or ["python"] on MLServer');
    const { v2, migrated } = migrate({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, migration: { requirements: ['onnx'] } });
    installationServers(v2);
    expect(migrated.model.requirements).toEqual(['onnx']);
    expect(Testing.synth(v2)).toHaveLength(1);
  });

  test('TEMPO and custom servers need requirements too', () => {
    expect(() => migrate({ server: PrepackagedServer.TEMPO, protocol: SeldonProtocol.V2 })).toThrow(/requirements is missing for TEMPO_SERVER; Tempo has no Seldon Core v2 runtime/);
    expect(() => migrate({ server: PrepackagedServer.custom('MY_SERVER') })).toThrow(/requirements is missing for MY_SERVER; MY_SERVER is a custom server, whose v2 capability is unknown/);
  });

  test('requirements replace the derived ones, and the scheduling check holds them to the servers', () => {
    const { v2 } = migrate({ migration: { requirements: ['sklearn', 'gpu'] } });
    installationServers(v2);
    expect(() => Testing.synth(v2)).toThrow(/SeldonModel 'v2\/iris\/Model': requirements \["sklearn", "gpu"\] are not all advertised by any Server in the app for namespace "seldon"/);
  });
});

describe('credentials', () => {
  test('a Secret that is not an RcloneSecret cannot be converted, and the difference says so', () => {
    const { v1, v2 } = charts();
    const credentials = Secret.fromSecretName(v1, 'init-secret', 'seldon-init-container-secret');
    const model = new PrepackagedModel(v1, 'iris', {
      metadata: { name: 'iris-sklearn' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.parse('s3://sklearn/iris'),
      storageInitializerImage: 'seldonio/rclone-storage-initializer:1.18.0-dev',
      credentials,
    });
    installationServers(v2);
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model });
    expect(migrated.secret).toBeUndefined();
    expect(Testing.synth(v2)[0].spec.secretName).toBeUndefined();
    expect(migrated.differences.find(d => d.setting === 'credentials')!.detail).toBe(
      'Secret "seldon-init-container-secret" is not an RcloneSecret, so its content is unknown here and cannot be converted. '
      + 'The v2 agent reads a Secret with exactly one key holding {type, name, parameters} for remote "s3": create one '
      + '(an RcloneSecret with format RcloneSecretFormat.V2_DOCUMENT) and pass it as secret, or configure the remote for the whole runtime (config.agentConfig.rclone.config_secrets)');
    expect(settings(migrated)).toContain('storageInitializerImage');
  });

  test('a v2 Secret given as secret is used as it is', () => {
    const { v1, v2 } = charts();
    const v1Secret = new RcloneSecret(v1, 'creds', { remotes: [RcloneRemote.minio(MINIO)] });
    const v2Secret = new RcloneSecret(v2, 'v2-creds', { metadata: { name: 'minio-v2' }, format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.minio(MINIO)] });
    const model = new PrepackagedModel(v1, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('sklearn', 'iris'), credentials: v1Secret });
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model, secret: v2Secret, modelName: 'iris' });
    expect(migrated.secret).toBeUndefined();
    expect(byKind(Testing.synth(v2), 'Model')[0].spec.secretName).toBe('minio-v2');
  });

  test('an RcloneSecret already in the v2 format is reused', () => {
    const { v1, v2 } = charts();
    const v2Format = new RcloneSecret(v1, 'creds', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.minio(MINIO)] });
    const model = new PrepackagedModel(v1, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('sklearn', 'iris'), credentials: v2Format });
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model, modelName: 'iris' });
    expect(migrated.secret).toBeUndefined();
    expect(migrated.model.secret).toBe(v2Format);
  });

  test('only the remote the URI names is converted, renamed to the URI\'s case, its credentials still marked sensitive', () => {
    const { v1, v2 } = charts();
    const credentials = new RcloneSecret(v1, 'creds', {
      remotes: [RcloneRemote.gcs(), RcloneRemote.s3({ name: 'MINIO', provider: 'Minio', endpoint: MINIO.endpoint, accessKeyId: 'key', secretAccessKey: 'secret' })],
    });
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('minio://models/iris'), credentials });
    installationServers(v2);
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model });
    const secret = migrated.secret!;
    expect(secret.remotes.map(r => r.name)).toEqual(['minio']);
    expect(secret.remotes[0].isSensitive('secret_access_key')).toBe(true);
    expect(secret.remotes[0].isSensitive('endpoint')).toBe(false);
    const [rendered] = byKind(Testing.synth(v2), 'Secret');
    expect(rendered.metadata.name).toBe('iris-minio');
    expect(JSON.parse(rendered.stringData.minio)).toEqual({
      type: 's3', name: 'minio', parameters: { provider: 'Minio', env_auth: 'false', access_key_id: 'key', secret_access_key: 'secret', endpoint: MINIO.endpoint },
    });
    expect(migrated.differences.find(d => d.setting === 'credentials')!.detail)
      .toBe('remote "MINIO" is named "minio" in the v2 Secret: the v2 agent compares it with the URI\'s scheme case-sensitively');
  });

  test('a Secret without the URI\'s remote: nothing to convert, except for the built-in gs', () => {
    const { v1, v2 } = charts();
    const credentials = new RcloneSecret(v1, 'creds', { remotes: [RcloneRemote.gcs()] });
    const s3 = new PrepackagedModel(v1, 's3', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('b', 'iris'), credentials });
    const gs = new PrepackagedModel(v1, 'gs', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('b', 'iris'), credentials });
    const fromS3 = new MigratedModel(v2, 's3', { prepackagedModel: s3, modelName: 'from-s3' });
    const fromGs = new MigratedModel(v2, 'gs', { prepackagedModel: gs, modelName: 'from-gs' });
    expect(fromS3.differences.find(d => d.setting === 'credentials')!.detail).toBe('RcloneSecret "' + credentials.name + '" defines no remote "s3" (it defines "gcs"), so there is nothing to convert; pass a v2 Secret as secret');
    expect(fromGs.differences.find(d => d.setting === 'credentials')).toBeUndefined();
    expect([fromS3.secret, fromGs.secret]).toEqual([undefined, undefined]);
  });

  test('credentials of a pvc:// model are not needed', () => {
    const { v1, v2 } = charts();
    const credentials = new RcloneSecret(v1, 'creds', { remotes: [RcloneRemote.minio(MINIO)] });
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvcByName('store', 'iris'), credentials });
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model });
    expect(migrated.secret).toBeUndefined();
    expect(migrated.differences.find(d => d.setting === 'credentials')!.detail).toMatch(/is not used: \/var\/models\/iris is a local path inside the Server pod/);
  });
});

describe('models on a PersistentVolumeClaim', () => {
  test('a claim named in the URI is referenced by name; pvcMountPath moves the mount', () => {
    const { v2, migrated } = migrate({ modelUri: ModelUri.pvcByName('store', 'iris/v1'), migration: { pvcMountPath: '/mnt/store/' } });
    installationServers(v2);
    expect(migrated.claim!.name).toBe('store');
    expect(migrated.constructs).toEqual([migrated.model, migrated.server, migrated.claim]);
    const [server, model] = Testing.synth(v2);
    expect(server.spec.podSpec.volumes).toEqual([{ name: 'store', persistentVolumeClaim: { claimName: 'store' } }]);
    expect(server.spec.podSpec.containers[0].volumeMounts).toEqual([{ name: 'store', mountPath: '/mnt/store', readOnly: true }]);
    expect(model.spec.storageUri).toBe('/mnt/store/iris/v1');
  });

  test('a claim root: the mount path itself', () => {
    const { migrated } = migrate({ modelUri: ModelUri.pvcByName('store') });
    expect(migrated.model.storageUri.uri).toBe('/var/models');
  });

  test('replicas: the created Server has as many as the model', () => {
    const { v2, migrated } = migrate({ modelUri: ModelUri.pvcByName('store', 'iris'), replicas: 3 });
    installationServers(v2);
    expect(migrated.server!.replicas).toBe(3);
    expect(Testing.synth(v2)).toHaveLength(2);
  });

  test('a ReadWriteOnce claim cannot serve several replicas; the Server says so', () => {
    const { v1, v2 } = charts();
    const claim = new PersistentVolumeClaim(v1, 'store', { metadata: { name: 'store' }, storage: Size.gibibytes(1), accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE] });
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvc(claim, 'iris'), replicas: 2 });
    expect(() => new MigratedModel(v2, 'iris', { prepackagedModel: model })).toThrow(/SeldonServer 'v2\/iris\/Server': mountPvc\("\/var\/models"\) claim "store" is ReadWriteOnce/);
  });

  test('TENSORFLOW on a claim gets a Triton server', () => {
    const { migrated } = migrate({ server: PrepackagedServer.TENSORFLOW, modelUri: ModelUri.pvcByName('store', 'half-plus-two') });
    expect(migrated.server!.capabilities).toContain('tensorflow');
    expect(migrated.server!.capabilities).toContain('pvc');
  });

  test('a claim of another namespace cannot be mounted by the v2 Server', () => {
    const { v1, v2 } = charts('seldon-mesh');
    const claim = new PersistentVolumeClaim(v1, 'store', { metadata: { name: 'store' }, storage: Size.gibibytes(1) });
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvc(claim, 'iris') });
    expect(() => new MigratedModel(v2, 'iris', { prepackagedModel: model })).toThrow(
      'MigratedModel \'v2/iris\': pvcClaim is claim "store" of pvc://store/iris in namespace "seldon", but the v2 Server would run in namespace "seldon-mesh"; pods mount claims of their own namespace only; '
      + 'pvcClaim: a claim holding the same files in the v2 namespace, or create the migration in a chart of the claim\'s namespace');
    const copy = new PersistentVolumeClaim(v2, 'copy', { metadata: { name: 'store-copy' }, storage: Size.gibibytes(1) });
    const migrated = new MigratedModel(v2, 'iris-2', { prepackagedModel: model, pvcClaim: copy });
    expect(migrated.server!.node.findChild('Resource')).toBeDefined();
    expect(byKind(Testing.synth(v2), 'Server')[0].spec.podSpec.volumes).toEqual([{ name: 'store-copy', persistentVolumeClaim: { claimName: 'store-copy' } }]);
  });

  test('a claim that declares no namespace is accepted, as every reference of the library is (src/k8s/namespaces.ts)', () => {
    const app = Testing.app();
    const v1 = new Chart(app, 'v1');
    const v2 = new Chart(app, 'v2', { namespace: 'seldon-mesh' });
    const claim = new PersistentVolumeClaim(v1, 'store', { metadata: { name: 'store' }, storage: Size.gibibytes(1) });
    expect(claim.metadata.namespace).toBeUndefined();
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvc(claim, 'iris') });
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model });
    expect(byKind(Testing.synth(v2), 'Server')[0].spec.podSpec.volumes).toEqual([{ name: 'store', persistentVolumeClaim: { claimName: 'store' } }]);
    expect(migrated.server).toBeDefined();
  });

  test('a given server must mount the claim at pvcMountPath', () => {
    const { v1, v2 } = charts();
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvcByName('store', 'iris') });
    const plain = new SeldonServer(v2, 'plain', { metadata: { name: 'plain' } });
    expect(() => new MigratedModel(v2, 'bad', { prepackagedModel: model, server: plain })).toThrow(
      'MigratedModel \'v2/bad\': server "plain" does not mount claim "store" at "/var/models" or a parent of it, where the pvc:// model "pvc://store/iris" would be read; '
      + 'a SeldonServer of the app with mountPvc(claim, "/var/models"), a pvcMountPath it mounts, or no server to have one created');
    expect(() => new MigratedModel(v2, 'ref', { prepackagedModel: model, server: SeldonServer.fromServerName(v2, 'other', 'other') })).toThrow(/server "other" does not mount claim "store"/);

    const wrongClaim = new SeldonServer(v2, 'wrong', { metadata: { name: 'wrong' } });
    wrongClaim.mountPvc(PersistentVolumeClaim.fromClaimName(v2, 'other-claim', 'other-claim'), '/var/models');
    expect(() => new MigratedModel(v2, 'wrong-claim', { prepackagedModel: model, server: wrongClaim })).toThrow(/server "wrong" does not mount claim "store"/);
    const parent = new SeldonServer(v2, 'parent', { metadata: { name: 'parent' } });
    parent.mountPvc(PersistentVolumeClaim.fromClaimName(v2, 'store-at-var', 'store'), '/var');
    expect(() => new MigratedModel(v2, 'at-parent', { prepackagedModel: model, server: parent, modelName: 'iris-at-parent' })).not.toThrow();

    const shared = new SeldonServer(v2, 'shared', { metadata: { name: 'shared' } });
    shared.mountPvc(PersistentVolumeClaim.fromClaimName(v2, 'store', 'store'), '/var/models');
    const migrated = new MigratedModel(v2, 'ok', { prepackagedModel: model, server: shared });
    expect(migrated.server).toBeUndefined();
    expect(migrated.model.server).toBe(shared);
    expect(byKind(Testing.synth(v2), 'Model').find(m => m.metadata.name === 'iris').spec).toMatchObject({ server: 'shared', storageUri: '/var/models/iris' });
  });
});

describe('differences', () => {
  test('canaries and shadows become Models joined by an Experiment; explainers stay behind, listed', () => {
    const { v1, v2 } = charts();
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', 'iris/v1') })
      .withCanary({ modelUri: ModelUri.gcs('models', 'iris/v2'), traffic: 10, replicas: 2 })
      .withShadow({ modelUri: ModelUri.gcs('models', 'iris/v3') })
      .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, modelUri: ModelUri.gcs('models', 'iris/explainer') });
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model });
    expect(migrated.differences.filter(d => d.setting.endsWith('()'))).toEqual([
      { setting: 'withExplainer()', detail: 'explainer AnchorTabular is not migrated: a v2 explainer is another SeldonModel with explainer: ModelExplainer.forModel(<type>, model) and its own artifact' },
      { setting: 'withCanary()', detail: 'predictor "canary" becomes Model "iris-canary", a candidate of Experiment "iris-experiment" with weight 10 beside "iris" (weight 90), the default: requests to "iris" are split by weight once the Experiment is applied' },
      { setting: 'withShadow()', detail: 'predictor "shadow" becomes Model "iris-shadow", the mirror of Experiment "iris-experiment" at 100%: it receives a copy of every request to "iris" and its responses are discarded, as v1\'s shadow' },
    ]);
    expect(migrated.model.storageUri.uri).toBe('gs://models/iris/v1');
    expect(migrated.versionModels.map(m => m.name)).toEqual(['iris-canary', 'iris-shadow']);
    expect(migrated.constructs).toContain(migrated.experiment);

    const objects = Testing.synth(v2);
    const models = Object.fromEntries(byKind(objects, 'Model').map(m => [m.metadata.name, m.spec]));
    expect(models['iris-canary']).toEqual({ storageUri: 'gs://models/iris/v2', requirements: ['sklearn'], replicas: 2, parameters: PREDICT_PROBA });
    expect(models['iris-shadow']).toEqual({ storageUri: 'gs://models/iris/v3', requirements: ['sklearn'], replicas: 1, parameters: PREDICT_PROBA });
    expect(byKind(objects, 'Experiment')).toEqual([{
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Experiment',
      metadata: { name: 'iris-experiment', namespace: 'seldon' },
      spec: {
        candidates: [{ name: 'iris', weight: 90 }, { name: 'iris-canary', weight: 10 }],
        default: 'iris',
        mirror: { name: 'iris-shadow', percent: 100 },
        resourceType: 'model',
      },
    }]);
  });

  test('a shadow alone: the model is the only candidate, the shadow the mirror', () => {
    const { v1, v2 } = charts();
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', 'iris/v1') })
      .withShadow({ modelUri: ModelUri.gcs('models', 'iris/v3'), predictorName: 'next' });
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model });
    expect(byKind(Testing.synth(v2), 'Experiment')[0].spec).toEqual({
      candidates: [{ name: 'iris', weight: 100 }], default: 'iris', mirror: { name: 'iris-next', percent: 100 }, resourceType: 'model',
    });
    expect(migrated.versionModels.map(m => m.name)).toEqual(['iris-next']);
  });

  test('a canary with the main model\'s credentials reads the converted Secret; one on a claim or with other credentials stays behind', () => {
    const { v1, v2 } = charts();
    const minio = new RcloneSecret(v1, 'minio', { remotes: [RcloneRemote.minio(MINIO)] });
    const other = new RcloneSecret(v1, 'other', { remotes: [RcloneRemote.minio(MINIO)] });
    const claim = new PersistentVolumeClaim(v1, 'claim', { metadata: { name: 'models' }, storage: Size.gibibytes(1) });
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('sklearn', 'iris'), credentials: minio })
      .withCanary({ modelUri: ModelUri.s3('sklearn', 'iris2'), traffic: 20 })
      .withCanary({ modelUri: ModelUri.s3('sklearn', 'iris3'), traffic: 10, predictorName: 'other', credentials: other })
      .withCanary({ modelUri: ModelUri.pvc(claim, 'iris4'), traffic: 5, predictorName: 'onclaim' });
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model });
    const models = Object.fromEntries(byKind(Testing.synth(v2), 'Model').map(m => [m.metadata.name, m.spec]));
    expect(models['iris-canary']).toMatchObject({ storageUri: 's3://sklearn/iris2', secretName: 'iris-s3' });
    expect(Object.keys(models).sort()).toEqual(['iris', 'iris-canary']);
    expect(migrated.experiment!.candidates.map(c => [c.target.name, c.weight])).toEqual([['iris', 65], ['iris-canary', 20]]);
    expect(migrated.differences.filter(d => d.setting === 'withCanary()').map(d => d.detail)).toEqual([
      'predictor "other" (10% of traffic, s3://sklearn/iris3) is not migrated: its credentials are not the main model\'s converted ones for remote "s3"; migrate it with its own MigratedModel and add it to an Experiment with iris',
      'predictor "onclaim" (5% of traffic, pvc://models/iris4) is not migrated: its artifact is not on an rclone remote; migrate it with its own MigratedModel (storageUri, server) and add it to an Experiment with iris',
      expect.stringContaining('predictor "canary" becomes Model "iris-canary"'),
    ]);
  });

  test('a canary with resources of its own is migrated on the main model\'s memory, and the difference says where resources belong in v2', () => {
    const { v1, v2 } = charts();
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', 'iris/v1') })
      .withCanary({ modelUri: ModelUri.gcs('models', 'iris/v2'), traffic: 10, resources: { memory: { request: Size.gibibytes(4) } } });
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model });
    expect(migrated.versionModels.map(m => m.name)).toEqual(['iris-canary']);
    expect(migrated.differences.filter(d => d.setting === 'withCanary()').map(d => d.detail)).toContainEqual(
      'predictor "canary" (10% of traffic, gs://models/iris/v2): its own resources have no counterpart on the Model: in v2 they belong to the Server that loads it '
      + '(SeldonServer serverContainer), and the migrated Model takes the main model\'s memory; give it a Server of its own (and a requirement only that Server advertises) if it needs more');
    // A canary that inherits the model's resources says nothing of them.
    const same = new MigratedModel(charts().v2, 'same', {
      prepackagedModel: new PrepackagedModel(charts().v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', 'iris/v1') })
        .withCanary({ modelUri: ModelUri.gcs('models', 'iris/v2'), traffic: 10 }),
    });
    expect(same.differences.some(d => d.detail.includes('its own resources'))).toBe(false);
  });

  test('a version whose graph is more than one prepackaged node is not migrated, and the reason names the graph (a Pipeline, or an Experiment for a router)', () => {
    const { v1, v2 } = charts();
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', 'iris/v1') });
    // v1's executor sends the model's output on to its child (predictor_process.go): a chain, not one model.
    const chain = PredictiveUnit.prepackaged({
      name: 'classifier',
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('models', 'iris/v2'),
      children: [PredictiveUnit.prepackaged({ name: 'refiner', server: PrepackagedServer.XGBOOST, modelUri: ModelUri.gcs('models', 'refiner') })],
    });
    model.addPredictor({ name: 'chain', graph: chain, shadow: true });
    const router = PredictiveUnit.builtIn({
      name: 'ab',
      implementation: BuiltInImplementation.RANDOM_ABTEST,
      children: [
        PredictiveUnit.prepackaged({ name: 'a', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', 'a') }),
        PredictiveUnit.prepackaged({ name: 'b', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', 'b') }),
      ],
    });
    model.addPredictor({ name: 'ab', graph: router, traffic: 100 });
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model });
    expect(migrated.versionModels).toEqual([]);
    expect(migrated.differences.filter(d => d.setting === 'withShadow()' || d.setting === 'withCanary()').map(d => d.detail)).toEqual([
      'predictor "chain" (shadow, gs://models/iris/v2) is not migrated: its graph is 2 nodes ("classifier" with children), not one prepackaged model; '
        + 'v2 runs a graph of models as a Pipeline: migrate each model with its own MigratedModel and join them with a Pipeline',
      'predictor "ab" (100% of traffic, no modelUri) is not migrated: its graph is 3 nodes ("ab" with children), not one prepackaged model; '
        + 'v2 splits traffic between models with an Experiment: migrate each model with its own MigratedModel and add them to an Experiment as candidates',
    ]);
    expect(byKind(Testing.synth(v2), 'Model').map(m => m.metadata.name)).toEqual(['iris']);
  });

  test('server container settings belong to v2 Servers; method predict becomes MLServer\'s predict_fn', () => {
    const { migrated } = migrate({
      image: 'seldonio/sklearnserver:1.8.0-dev',
      resources: { memory: { request: Size.mebibytes(50) } },
      env: { LOG_LEVEL: EnvValue.fromValue('DEBUG') },
      // SKLEARN_SERVER's class takes only `method` (a second parameter would stop the v1 pod).
      parameters: [ModelParameter.stringValue('method', 'predict')],
      migration: { memory: '50Mi' },
    });
    expect(settings(migrated)).toEqual(['protocol', 'predictorName', 'server', 'image', 'resources', 'env', 'parameters']);
    expect(migrated.differences.find(d => d.setting === 'parameters')!.detail).toBe('v1\'s SKLearnServer called predict (method "predict"); MLServer calls predict '
      + 'unless the parameter predict_fn names another method, so the Model sets predict_fn to "predict" in place of method, which MLServer does not read');
    expect(migrated.differences.find(d => d.setting === 'env')!.detail).toMatch(/^LOG_LEVEL: environment variables/);
    expect(Testing.synth(Chart.of(migrated))[0].spec).toEqual({
      storageUri: IRIS_V1,
      requirements: ['sklearn'],
      replicas: 1,
      memory: '50Mi',
      parameters: [{ name: 'predict_fn', value: 'predict' }],
    });
  });

  test('SKLEARN under the seldon protocol: the Model asks MLServer for what v1\'s SKLearnServer returned (predict_fn)', () => {
    const spec = (props: MigrateProps) => Testing.synth(Chart.of(migrate(props).migrated))[0].spec;
    // v1 calls predict_proba by default (SKLearnServer.py); MLServer calls predict unless predict_fn says otherwise.
    expect(spec({}).parameters).toEqual([{ name: 'predict_fn', value: 'predict_proba' }]);
    expect(spec({ parameters: [ModelParameter.stringValue('method', 'decision_function')] }).parameters).toEqual([{ name: 'predict_fn', value: 'decision_function' }]);
    expect(spec({ parameters: [ModelParameter.stringValue('method', 'predict')] }).parameters).toEqual([{ name: 'predict_fn', value: 'predict' }]);
    // Under the v2 protocol v1 already ran MLServer: nothing changes, and nothing is noted.
    const v2 = migrate({ protocol: SeldonProtocol.V2 }).migrated;
    expect(Testing.synth(Chart.of(v2))[0].spec.parameters).toBeUndefined();
    expect(settings(v2)).not.toContain('parameters');
  });

  test('what decides whether the model loads or serves in v1 and has no place on a v2 Model is reported: identity, pod settings, logger, Kafka', () => {
    const { migrated } = migrate({
      serviceAccount: ServiceAccount.fromServiceAccountName(new Chart(new App(), 'sa'), 'sa', 'irsa-model-reader'),
      envFrom: [Env.fromConfigMap(ConfigMap.fromConfigMapName(new Chart(new App(), 'cm'), 'cm', 'model-env'))],
      terminationGracePeriod: Duration.seconds(90),
      logger: { mode: LoggerMode.ALL, url: 'http://audit-logger.audit/' },
      serverType: ServerType.KAFKA,
    });
    const detail = (setting: string) => migrated.differences.find(d => d.setting === setting)?.detail;
    expect(detail('serviceAccount')).toMatch(/^"irsa-model-reader" ran the v1 pod, .* the rclone container of the Server pod downloads it as the Server's ServiceAccount/);
    expect(detail('pod settings')).toMatch(/the grace period, sidecars, volumes, envFrom and the security context belong to the Server/);
    // Each of them alone is reported.
    const alone: Array<Partial<PrepackagedModelProps>> = [
      { securityContext: { ensureNonRoot: true } }, { sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30' }] },
      { volumes: [Volume.fromEmptyDir(new Chart(new App(), 'v'), 'scratch', 'scratch')] },
      { volumeMounts: [{ path: '/scratch', volume: Volume.fromEmptyDir(new Chart(new App(), 'm'), 'scratch', 'scratch') }] },
      { terminationGracePeriod: Duration.seconds(30) },
    ];
    for (const props of alone) expect(settings(migrate(props).migrated)).toContain('pod settings');
    expect(detail('logger')).toBe('v1 sent all payloads to http://audit-logger.audit/; a v2 Model logs requests and responses to Seldon\'s Kafka topics when its logger '
      + 'is set (logPayloadsPercent), with no URL and no request-only or response-only mode: the migrated Model does not log');
    expect(detail('serverType')).toMatch(/^v1 served the model from Kafka topics; .* add a Pipeline with the Model as its step/);
    // None of them is set by default.
    expect(settings(migrate().migrated)).toEqual(['protocol', 'predictorName', 'server', 'parameters']);
  });

  test('parameters that reach no server on Triton, and artifact folders that need more in v2 (HuggingFace, MLflow), are reported', () => {
    const tf = migrate({ server: PrepackagedServer.TENSORFLOW, parameters: [ModelParameter.stringValue('signature_name', 'serving_default')] }).migrated;
    expect(tf.differences.find(d => d.setting === 'parameters')!.detail).toBe('signature_name reach no server: the v2 agent gives parameters to MLServer only '
      + '(model-settings.json), and Triton reads the config.pbtxt of the model repository: put them there (the Model leaves them out)');
    // with the installation's servers the model lands on triton, whose agent would drop them; so it is not given them
    installationServers(tf.node.scope as Chart);
    expect(byKind(Testing.synth(tf.node.scope as Chart), 'Model')[0].spec.parameters).toBeUndefined();
    const hf = migrate({
      server: PrepackagedServer.HUGGINGFACE,
      protocol: SeldonProtocol.V2,
      modelUri: undefined,
      parameters: [ModelParameter.stringValue('task', 'text-generation')],
      migration: { storageUri: ModelUri.parse('gs://models/gpt2') },
    }).migrated;
    expect(hf.differences.map(d => d.detail)).toContainEqual(expect.stringMatching(/^the v2 agent writes no model-settings.json for huggingface: .*mlserver_huggingface.HuggingFaceRuntime/));
    const mlflow = migrate({ server: PrepackagedServer.MLFLOW }).migrated;
    expect(mlflow.differences.map(d => d.detail)).toContainEqual(expect.stringMatching(/^v1's MLFlowServer created the model's conda environment/));
    // Under the v2 protocol v1 already ran MLServer, which builds no environment: nothing changes.
    const onMlserver = migrate({ server: PrepackagedServer.MLFLOW, protocol: SeldonProtocol.V2 }).migrated;
    expect(onMlserver.differences.map(d => d.detail)).not.toContainEqual(expect.stringMatching(/conda environment/));
  });

  test('the parameters follow the agent of the pinned server, not the installation\'s ServerConfigs', () => {
    const signature = [ModelParameter.stringValue('signature_name', 'serving_default')];
    const notes = (m: MigratedModel) => m.differences.filter(d => d.setting === 'parameters').map(d => d.detail);
    // tensorflow lands on the installation's triton, but this server runs MLServer's agent, which writes the parameters into model-settings.json
    const { v1, v2 } = charts();
    const custom = new SeldonServer(v2, 'tfServer', { metadata: { name: 'tf-on-mlserver' }, serverConfig: ServerConfigRef.MLSERVER, extraCapabilities: ['tensorflow'] });
    const model = new PrepackagedModel(v1, 'tf', { metadata: { name: 'tf' }, server: PrepackagedServer.TENSORFLOW, modelUri: ModelUri.gcs('models', 'tf'), parameters: signature });
    const onMlserver = new MigratedModel(v2, 'tf', { prepackagedModel: model, server: custom });
    expect(notes(onMlserver)).toEqual([]);
    // an sklearn model pinned to a Triton server: its agent writes them nowhere, so the Model leaves them out and says so
    const py = new PrepackagedModel(v1, 'py', { metadata: { name: 'py' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', 'py'), parameters: [ModelParameter.stringValue('method', 'predict')] });
    const tritonServer = new SeldonServer(v2, 'pyServer', { metadata: { name: 'py-on-triton' }, serverConfig: ServerConfigRef.TRITON, extraCapabilities: ['sklearn'] });
    const onTriton = new MigratedModel(v2, 'py', { prepackagedModel: py, server: tritonServer });
    // a server of unknown agent keeps them, and the note says what a Triton agent would do
    const unknownModel = new PrepackagedModel(v1, 'ext', { metadata: { name: 'ext' }, server: PrepackagedServer.TENSORFLOW, modelUri: ModelUri.gcs('models', 'ext'), parameters: signature });
    const unknown = new MigratedModel(v2, 'ext', { prepackagedModel: unknownModel, server: SeldonServer.fromServerName(v2, 'external', 'external') });
    const models = Object.fromEntries(byKind(Testing.synth(v2), 'Model').map(m => [m.metadata.name, m.spec]));
    expect(models.tf).toMatchObject({ server: 'tf-on-mlserver', parameters: [{ name: 'signature_name', value: 'serving_default' }] });
    expect(models.py).toMatchObject({ server: 'py-on-triton' });
    expect(models.py.parameters).toBeUndefined();
    expect(notes(onTriton)[0]).toMatch(/^method reach no server: the v2 agent gives parameters to MLServer only/);
    expect(models.ext.parameters).toEqual([{ name: 'signature_name', value: 'serving_default' }]);
    expect(notes(unknown)).toEqual(['signature_name are given to the Model, but the agent of Server "external" is unknown here: an MLServer agent writes them into '
      + 'model-settings.json, a Triton agent (SELDON_SERVER_TYPE triton) writes them nowhere: Triton reads the config.pbtxt of the model repository']);
  });

  test('a canary\'s parameters follow the same rule: on Triton it gets none', () => {
    const { v1, v2 } = charts();
    installationServers(v2);
    const signature = [ModelParameter.stringValue('signature_name', 'serving_default')];
    const model = new PrepackagedModel(v1, 'tf', { metadata: { name: 'tf' }, server: PrepackagedServer.TENSORFLOW, modelUri: ModelUri.gcs('models', 'tf/v1'), parameters: signature })
      .withCanary({ modelUri: ModelUri.gcs('models', 'tf/v2'), traffic: 10, parameters: signature });
    const migrated = new MigratedModel(v2, 'tf', { prepackagedModel: model });
    // the scheduling check would refuse a canary given parameters that only Triton servers take
    expect(byKind(Testing.synth(v2), 'Model').map(m => m.spec.parameters)).toEqual([undefined, undefined]);
    expect(migrated.versionModels.map(m => m.name)).toEqual(['tf-canary']);
    expect(migrated.differences.map(d => d.detail)).toContain('predictor "canary" (10% of traffic, gs://models/tf/v2): signature_name reach no server: '
      + 'its Model lands on Triton, whose agent writes parameters nowhere (the Model leaves them out)');
  });

  test('v1 credentials from an RcloneExternalSecret: the advice keeps them in the store (a V2_DOCUMENT RcloneExternalSecret)', () => {
    const { v1, v2 } = charts();
    const credentials = new RcloneExternalSecret(v1, 'creds', {
      metadata: { name: 'minio-creds' },
      secretStore: { name: 'vault', kind: ExternalSecretStoreKind.CLUSTER_SECRET_STORE },
      remotes: [RcloneRemote.s3({ provider: 'Minio', endpoint: 'http://minio.minio:9000' })],
      values: [{ remote: 's3', option: 'access_key_id', key: 'seldon/minio', property: 'accessKey' }],
    });
    const model = new PrepackagedModel(v1, 'iris', { metadata: { name: 'iris' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('sklearn', 'iris'), credentials });
    const migrated = new MigratedModel(v2, 'iris', { prepackagedModel: model });
    expect(migrated.secret).toBeUndefined();
    expect(migrated.differences.find(d => d.setting === 'credentials')!.detail).toBe('RcloneExternalSecret "minio-creds" is in v1\'s format, which the v2 agent '
      + 'cannot read: for remote "s3", add an RcloneExternalSecret with format RcloneSecretFormat.V2_DOCUMENT from the same store and pass it as secret (the credentials stay in the store)');
  });

  test('two migrations whose <model>-<remote> Secret names meet: secretName tells them apart', () => {
    const { v1, v2 } = charts();
    const credentials = new RcloneSecret(v1, 'creds', { remotes: [RcloneRemote.minio({ ...MINIO, name: 'b_s3' }), RcloneRemote.minio({ ...MINIO, name: 's3' })] });
    const a = new PrepackagedModel(v1, 'a', { metadata: { name: 'a' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('b_s3://models/a'), credentials });
    const ab = new PrepackagedModel(v1, 'ab', { metadata: { name: 'a-b' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse('s3://models/ab'), credentials });
    new MigratedModel(v2, 'a', { prepackagedModel: a });
    new MigratedModel(v2, 'ab', { prepackagedModel: ab, secretName: 'a-b-models' });
    expect(byKind(Testing.synth(v2), 'Secret').map(s => s.metadata.name)).toEqual(['a-b-s3', 'a-b-models']);
    expect(() => new MigratedModel(v2, 'both', { prepackagedModel: ab, modelName: 'other', secret: credentials, secretName: 'x' }))
      .toThrow(/secretName "x" names a Secret that is not made: secret is given/);
  });

  test('typed parameters become strings', () => {
    const { migrated } = migrate({
      server: PrepackagedServer.HUGGINGFACE,
      protocol: SeldonProtocol.V2,
      modelUri: undefined,
      // inter_op_threads: a field of MLServer 1.3.5's HuggingFaceSettings, which the v1 check holds the names to
      parameters: [ModelParameter.stringValue('task', 'text-generation'), ModelParameter.intValue('inter_op_threads', 20)],
      migration: { storageUri: ModelUri.parse('gs://models/gpt2') },
    });
    expect(migrated.differences.find(d => d.setting === 'parameters')!.detail).toBe('inter_op_threads (INT) become strings: v2 parameters have no type');
    // A v2 Model writes its parameters by name.
    expect(Testing.synth(Chart.of(migrated))[0].spec.parameters).toEqual([{ name: 'inter_op_threads', value: '20' }, { name: 'task', value: 'text-generation' }]);
  });

  test('replicas carry over, and the scheduling check wants a server with as many', () => {
    const { v2, migrated } = migrate({ replicas: 2 });
    installationServers(v2);
    expect(migrated.differences.find(d => d.setting === 'replicas')!.detail).toBe('2: v2 places each replica of a model on a different replica of one Server, so that Server needs at least 2 replicas (the mlserver and triton of Seldon\'s seldon-core-v2-servers chart have 1)');
    expect(() => Testing.synth(v2)).toThrow(/SeldonModel 'v2\/iris\/Model': replicas 2 exceeds the replicas of every Server advertising \["sklearn"\]/);
    new SeldonServer(v2, 'bigger', { metadata: { name: 'mlserver-2' }, replicas: 2 });
    expect(byKind(Testing.synth(v2), 'Model')[0].spec.replicas).toBe(2);
  });

  test('a V2 protocol model keeps its protocol; the endpoint still changes', () => {
    const { migrated } = migrate({ protocol: SeldonProtocol.KFSERVING, predictorName: 'main', graphName: 'model' });
    expect(settings(migrated)).toEqual(['predictorName', 'server']);
    expect(migrated.differences[0].detail).toBe('the v1 Services iris-main and iris-main-model have no counterpart: v2 models are reached through the Seldon Core v2 inference gateway by model name ("iris")');
  });
});

describe('the migrated constructs', () => {
  test('take modelName, the chart\'s namespace, and a pinned server', () => {
    const { v1, v2 } = charts('seldon-mesh');
    const server = SeldonServer.fromServerName(v2, 'mlserver', 'mlserver', { serverConfig: ServerConfigRef.MLSERVER, replicas: 1 });
    const model = new PrepackagedModel(v1, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse(IRIS_V1) });
    new MigratedModel(v2, 'iris', { prepackagedModel: model, modelName: 'iris-v2', server });
    expect(Testing.synth(v2)[0].metadata).toEqual({ name: 'iris-v2', namespace: 'seldon-mesh' });
    expect(Testing.synth(v2)[0].spec.server).toBe('mlserver');
  });

  test('a generated v1 name becomes the model name', () => {
    const { v1, v2 } = charts();
    const model = new PrepackagedModel(v1, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse(IRIS_V1) });
    expect(new MigratedModel(v2, 'iris', { prepackagedModel: model }).model.name).toBe(model.name);
  });

  test('the escape hatch reaches the Model', () => {
    const { v2, migrated } = migrate();
    ApiObject.of(migrated.model).addJsonPatch(JsonPatch.add('/spec/logger', { percent: 10 }));
    expect(Testing.synth(v2)[0].spec.logger).toEqual({ percent: 10 });
  });
});

describe('review fixes', () => {
  test('a pvc:// model requiring "python" (in both default configs) gets an MLServer server', () => {
    const { migrated } = migrate({ server: PrepackagedServer.custom('MY_PY_SERVER'), modelUri: ModelUri.parse('pvc://claim/models/x'), migration: { requirements: ['python'] } });
    expect(migrated.server!.apiObject.toJson().spec.serverConfig).toBe('mlserver');
  });

  test('a pvc:// model requiring a Triton-only capability gets a Triton server', () => {
    const { migrated } = migrate({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2, modelUri: ModelUri.parse('pvc://claim/models/x'), migration: { requirements: ['onnx'] } });
    expect(migrated.server!.apiObject.toJson().spec.serverConfig).toBe('triton');
  });
});

describe('production settings of the v1 model', () => {
  test('autoscaling, budgets and pod settings are listed as differences, not dropped silently', () => {
    const { v1, v2 } = charts();
    addV1Examples(v1);
    installationServers(v2);
    const prod = v1.node.children.find((c): c is PrepackagedModel => c instanceof PrepackagedModel && c.name === 'iris-prod')!;
    const migrated = new MigratedModel(v2, 'iris-prod', { prepackagedModel: prod });
    const noted = migrated.differences.map(d => d.setting);
    expect(noted).toEqual(expect.arrayContaining(['autoscaler', 'disruptionBudget', 'pod settings']));
    expect(migrated.differences.find(d => d.setting === 'autoscaler')!.detail).toMatch(/the HPA of the v1 predictor has no counterpart on a Model/);
  });
});
