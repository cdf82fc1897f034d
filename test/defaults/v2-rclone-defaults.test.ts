import { Testing } from 'cdk8s';
import { PersistentVolumeClaim } from 'cdk8s-plus-27';
import {
  Experiment, ExperimentTarget, ModelUri, RcloneExternalSecret, RcloneRemote, RcloneSecret, RpsAutoscaler, RuntimeComponent,
  SeldonModel, SeldonRuntime, SeldonServer,
} from '../../src';

// Each test leaves a prop out and checks that the manifest holds what its `@default` says.

describe('SeldonServer defaults', () => {
  test('the mlserver ServerConfig; replicas and bounds not rendered', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'server');
    const [server] = Testing.synth(chart);
    expect(server.spec).toEqual({ serverConfig: 'mlserver' });
  });

  test('mountPvc(): a volume named after the claim, read-write, advertising pvc', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server');
    const claim = PersistentVolumeClaim.fromClaimName(chart, 'claim', 'models');
    server.mountPvc(claim, '/var/models');
    const { spec } = Testing.synth(chart).find(o => o.kind === 'Server')!;
    expect(spec.extraCapabilities).toEqual(['pvc']);
    expect(spec.podSpec.volumes).toEqual([{ name: 'models', persistentVolumeClaim: { claimName: 'models' } }]);
    const rclone = spec.podSpec.containers.find((c: any) => c.name === 'rclone');
    expect(rclone.volumeMounts).toEqual([{ name: 'models', mountPath: '/var/models' }]);
  });
});

describe('RpsAutoscaler defaults', () => {
  test('1 replica at least; cdk8s-plus\'s scaling rules', () => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'iris', { storageUri: ModelUri.gcs('seldon-models', 'iris') });
    new RpsAutoscaler(chart, 'rps', { model, targetRps: 3, maxReplicas: 4 });
    const hpas = Testing.synth(chart).filter(o => o.kind === 'HorizontalPodAutoscaler');
    // No server: Seldon's server autoscaling follows the model.
    expect(hpas).toHaveLength(1);
    const { minReplicas, behavior } = hpas[0].spec;
    expect(minReplicas).toBe(1);
    expect(behavior.scaleUp).toEqual({
      policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }, { type: 'Percent', value: 200, periodSeconds: 60 }],
      selectPolicy: 'Max',
      stabilizationWindowSeconds: 0,
    });
    expect(behavior.scaleDown).toEqual({
      policies: [{ type: 'Pods', value: 1, periodSeconds: 300 }], selectPolicy: 'Max', stabilizationWindowSeconds: 300,
    });
  });
});

describe('Experiment defaults', () => {
  test('resourceType model; a candidate is not the default unless asked', () => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'iris', { storageUri: ModelUri.gcs('seldon-models', 'iris') });
    const experiment = new Experiment(chart, 'ab');
    experiment.addCandidate(ExperimentTarget.model(model), 50);
    const { spec } = Testing.synth(chart).find(o => o.kind === 'Experiment')!;
    expect(spec).toEqual({ resourceType: 'model', candidates: [{ name: model.name, weight: 50 }] });
  });
});

describe('SeldonRuntime override defaults', () => {
  test('an override without disable or replicas renders neither (the operator runs 1)', () => {
    const chart = Testing.chart();
    const runtime = new SeldonRuntime(chart, 'runtime');
    runtime.override(RuntimeComponent.MODEL_GATEWAY, { priorityClassName: 'high' });
    const { spec } = Testing.synth(chart).find(o => o.kind === 'SeldonRuntime')!;
    expect(spec.overrides).toHaveLength(1);
    expect(spec.overrides[0].disable).toBeUndefined();
    expect(spec.overrides[0].replicas).toBeUndefined();
    expect(spec.seldonConfig).toBe('default');
  });
});

describe('rclone defaults', () => {
  test('remote names, provider and authentication', () => {
    expect(RcloneRemote.s3().toEnvVars()).toEqual(expect.objectContaining({
      RCLONE_CONFIG_S3_TYPE: 's3',
      RCLONE_CONFIG_S3_PROVIDER: 'aws',
      RCLONE_CONFIG_S3_ENV_AUTH: 'false',
      RCLONE_CONFIG_S3_ACCESS_KEY_ID: '',
      RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: '',
    }));
    expect(RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' }).name).toBe('s3');
    expect(RcloneRemote.gcs().toEnvVars()).toEqual({ RCLONE_CONFIG_GCS_TYPE: 'google cloud storage', RCLONE_CONFIG_GCS_ANONYMOUS: 'true' });
    expect(RcloneRemote.azureBlob({ account: 'acct' }).toEnvVars()).toEqual({
      RCLONE_CONFIG_AZUREBLOB_TYPE: 'azureblob', RCLONE_CONFIG_AZUREBLOB_ACCOUNT: 'acct', RCLONE_CONFIG_AZUREBLOB_ENV_AUTH: 'false',
    });
  });

  test('RcloneSecret: env-var format, not immutable', () => {
    const chart = Testing.chart();
    new RcloneSecret(chart, 'secret', { remotes: [RcloneRemote.gcs()] });
    const [secret] = Testing.synth(chart);
    expect(secret.stringData).toEqual({ RCLONE_CONFIG_GCS_TYPE: 'google cloud storage', RCLONE_CONFIG_GCS_ANONYMOUS: 'true' });
    expect(secret.immutable).toBe(false);
  });

  test('RcloneExternalSecret: env-var keys from a SecretStore; ESO\'s refresh interval', () => {
    const chart = Testing.chart();
    new RcloneExternalSecret(chart, 'secret', {
      secretStore: { name: 'vault' },
      remotes: [RcloneRemote.s3()],
      values: [
        { remote: 's3', option: 'access_key_id', key: 'models/s3' },
        { remote: 's3', option: 'secret_access_key', key: 'models/s3' },
      ],
    });
    const [external] = Testing.synth(chart);
    expect(external.spec.secretStoreRef).toEqual({ name: 'vault', kind: 'SecretStore' });
    expect(external.spec.refreshInterval).toBeUndefined();
    expect(Object.keys(external.spec.target.template.data)).toEqual(expect.arrayContaining(['RCLONE_CONFIG_S3_ACCESS_KEY_ID', 'RCLONE_CONFIG_S3_TYPE']));
    // property: the whole entry
    expect(external.spec.data[0].remoteRef).toEqual({ key: 'models/s3' });
  });
});
