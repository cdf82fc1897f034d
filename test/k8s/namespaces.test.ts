import { App, Chart } from 'cdk8s';
import { PersistentVolumeClaim, Secret, ServiceAccount } from 'cdk8s-plus-27';
import {
  BuiltInImplementation, ModelUri, PredictiveUnit, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat,
  SeldonDeployment, SeldonModel,
} from '../../src';

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
    }))).toThrow(/PrepackagedModel 'models\/m': credentials is Secret 'models\/s' \("models-s-[0-9a-f]{8}"\) in namespace "other", but the pod using it runs in namespace "models"; .*; a Secret in namespace "models"/);
    expect(synth(c => new PrepackagedModel(c, 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvc(new PersistentVolumeClaim(c, 'pvc', { metadata: { namespace: 'other' } }), 'iris'),
    }))).toThrow(/modelUri is PersistentVolumeClaim '[^']+' \("models-pvc-[0-9a-f]{8}"\) in namespace "other"/);
    expect(synth(c => new PrepackagedModel(c, 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: S3, serviceAccount: new ServiceAccount(c, 'sa', { metadata: { namespace: 'other' } }),
    }))).toThrow(/serviceAccount is ServiceAccount '[^']+' \("models-sa-[0-9a-f]{8}"\) in namespace "other".*ServiceAccount.fromServiceAccountName\(\)/);
  });

  // The reference checks walk the whole graph (reference-checks.ts, namespace-refs.ts): a node below the root is
  // reported at its own field, as the root is.
  test('v1: a node of a larger graph, as a one-node graph', () => {
    const elsewhere = (c: Chart) => new RcloneSecret(c, 's', { remotes: [RcloneRemote.s3()], metadata: { namespace: 'other' } });
    const model = (c: Chart, name: string) =>
      PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: S3, credentials: elsewhere(c) });
    const secret = 'is Secret \'models/s\' \\("models-s-[0-9a-f]{8}"\\) in namespace "other"';
    const message = (field: string) => new RegExp(`SeldonDeployment 'models/d': ${field.replace(/[[\].]/g, '\\$&')} ${secret}`);
    expect(synth(c => new SeldonDeployment(c, 'd', { predictors: [{ name: 'p', graph: model(c, 'a') }] })))
      .toThrow(message('predictors[0].graph.credentials'));
    expect(synth(c => new SeldonDeployment(c, 'd', {
      predictors: [{ name: 'p', graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [model(c, 'a')] }) }],
    }))).toThrow(message('predictors[0].graph.children[0].credentials'));
  });

  test('v1: a remote missing from the credentials, in a one-node graph and in a node of a larger one', () => {
    const uri = ModelUri.remote('minio', 'bucket/iris');
    const model = (c: Chart, name: string) => PredictiveUnit.prepackaged({
      name, server: PrepackagedServer.SKLEARN, modelUri: uri, credentials: new RcloneSecret(c, `s-${name}`, { remotes: [RcloneRemote.s3()] }),
    });
    const message = (field: string) => new RegExp(`${field.replace(/[[\].]/g, '\\$&')} "minio:bucket/iris" names rclone remote "minio", which credentials RcloneSecret`);
    expect(synth(c => new SeldonDeployment(c, 'd', { predictors: [{ name: 'p', graph: model(c, 'a') }] }))).toThrow(message('predictors[0].graph.modelUri'));
    expect(synth(c => new SeldonDeployment(c, 'd', {
      predictors: [{ name: 'p', graph: PredictiveUnit.builtIn({ name: 'avg', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [model(c, 'a'), model(c, 'b')] }) }],
    }))).toThrow(message('predictors[0].graph.children[1].modelUri'));
  });

  test('v2: a Model\'s secret in another namespace', () => {
    expect(synth(c => new SeldonModel(c, 'm', {
      storageUri: S3,
      requirements: ['sklearn'],
      secret: new RcloneSecret(c, 's', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3()], metadata: { namespace: 'other' } }),
    }))).toThrow(/SeldonModel 'models\/m': secret is Secret '[^']+' \("models-s-[0-9a-f]{8}"\) in namespace "other", but the pod using it runs in namespace "models"/);
  });

  test('same namespace, or a reference by name (resolved in the pod\'s namespace), is fine', () => {
    expect(synth(c => new PrepackagedModel(c, 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: S3, credentials: new RcloneSecret(c, 's', { remotes: [RcloneRemote.s3()] }),
    }))).not.toThrow();
    expect(synth(c => new PrepackagedModel(c, 'm', { server: PrepackagedServer.SKLEARN, modelUri: S3, credentials: Secret.fromSecretName(c, 's', 'creds') }))).not.toThrow();
  });
});
