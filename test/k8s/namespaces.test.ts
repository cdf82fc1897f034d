import { App, Chart } from 'cdk8s';
import { PersistentVolumeClaim, Secret, ServiceAccount } from 'cdk8s-plus-27';
import { ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat, SeldonModel } from '../../src';

// A pod mounts Secrets and PVCs and runs as ServiceAccounts of its own namespace only (Kubernetes: secret, PVC and
// ServiceAccount references are namespace-local); the v1 operator creates the pods in the SeldonDeployment's namespace,
// and the v2 agent reads a Model's secret in the Model's namespace.
const synth = (build: (chart: Chart) => void) => () => {
  const app = new App({ outdir: '/tmp/cdk8s-seldon-namespaces-test' });
  build(new Chart(app, 'models', { namespace: 'models' }));
  app.synth();
};
const S3 = ModelUri.parse('s3://bucket/iris');

describe('references across namespaces (src/k8s/namespaces.ts)', () => {
  test('v1: credentials, a ModelUri.pvc claim and a ServiceAccount in another namespace', () => {
    expect(synth(c => new PrepackagedModel(c, 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: S3, credentials: new RcloneSecret(c, 's', { remotes: [RcloneRemote.s3()], metadata: { namespace: 'other' } }),
    }))).toThrow(/PrepackagedModel 'models\/m': credentials is Secret "models-s-[0-9a-f]{8}" in namespace "other", but the pod using it runs in namespace "models"; .*; a Secret in namespace "models"/);
    expect(synth(c => new PrepackagedModel(c, 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvc(new PersistentVolumeClaim(c, 'pvc', { metadata: { namespace: 'other' } }), 'iris'),
    }))).toThrow(/modelUri is PersistentVolumeClaim "models-pvc-[0-9a-f]{8}" in namespace "other"/);
    expect(synth(c => new PrepackagedModel(c, 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: S3, serviceAccount: new ServiceAccount(c, 'sa', { metadata: { namespace: 'other' } }),
    }))).toThrow(/serviceAccount is ServiceAccount "models-sa-[0-9a-f]{8}" in namespace "other".*ServiceAccount.fromServiceAccountName\(\)/);
  });

  test('v2: a Model\'s secret in another namespace', () => {
    expect(synth(c => new SeldonModel(c, 'm', {
      storageUri: S3,
      requirements: ['sklearn'],
      secret: new RcloneSecret(c, 's', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3()], metadata: { namespace: 'other' } }),
    }))).toThrow(/SeldonModel 'models\/m': secret is Secret "models-s-[0-9a-f]{8}" in namespace "other", but the pod using it runs in namespace "models"/);
  });

  test('same namespace, or a reference by name (resolved in the pod\'s namespace), is fine', () => {
    expect(synth(c => new PrepackagedModel(c, 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: S3, credentials: new RcloneSecret(c, 's', { remotes: [RcloneRemote.s3()] }),
    }))).not.toThrow();
    expect(synth(c => new PrepackagedModel(c, 'm', { server: PrepackagedServer.SKLEARN, modelUri: S3, credentials: Secret.fromSecretName(c, 's', 'creds') }))).not.toThrow();
  });
});
