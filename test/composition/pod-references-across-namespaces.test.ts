// Review 19 (composition): a pod runs as a ServiceAccount, pulls with Secrets and mounts claims of its own namespace only.
// The v1 reference checks (src/v1/namespace-refs.ts) covered a predictor's credentials, claims and ServiceAccount; the pod
// settings' image pull Secrets (v1 and v2), a v2 Server's ServiceAccount and mountPvc() claims, a v1 separate pod's and an
// explainer's ServiceAccount, and a runtime override's, were written as they were and failed in the cluster.
import { App, Chart, Testing } from 'cdk8s';
import { DockerConfigSecret, PersistentVolumeClaim, Secret, ServiceAccount, ServiceType } from 'cdk8s-plus-27';
import {
  ExplainerType, ModelUri, PredictiveUnit, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat, RuntimeComponent,
  SeldonDeployment, SeldonModel, SeldonRuntime, SeldonServer, ServerConfig,
} from '../../src';
import { synthError } from '../synth-error';

const twoNamespaces = (): [App, Chart, Chart] => {
  const app = Testing.app();
  return [app, new Chart(app, 'a', { namespace: 'a' }), new Chart(app, 'b', { namespace: 'b' })];
};
const accepted = (what: string) => `a ${what} in namespace "a", or one referenced by name`;

describe('v2: a Server\'s pod references', () => {
  test('a ServiceAccount of another namespace is refused, naming the Server, the field and the namespaces', () => {
    const [app, a, b] = twoNamespaces();
    new SeldonServer(a, 'srv', { metadata: { name: 'srv' }, serviceAccount: new ServiceAccount(b, 'sa', { metadata: { name: 'models' } }) });
    expect(() => app.synthYaml()).toThrow('SeldonServer \'a/srv\': serviceAccount is ServiceAccount \'b/sa\' ("models") in namespace "b", but the pod using it runs in namespace "a"; '
      + 'a pod reads only its own namespace\'s ServiceAccounts; a ServiceAccount in namespace "a", or one referenced by name (ServiceAccount.fromServiceAccountName()), '
      + 'which resolves in the pod\'s namespace');
  });

  test('an image pull Secret of another namespace, given as a prop or added later', () => {
    const [app, a, b] = twoNamespaces();
    new SeldonServer(a, 'srv', { metadata: { name: 'srv' }, imagePullSecrets: [new DockerConfigSecret(b, 'pull', { data: {}, metadata: { name: 'registry' } })] });
    new SeldonServer(a, 'srv2', { metadata: { name: 'srv2' } }).addImagePullSecret(new DockerConfigSecret(b, 'pull2', { data: {}, metadata: { name: 'registry2' } }));
    expect(() => app.synthYaml()).toThrow(new RegExp(`SeldonServer 'a/srv': imagePullSecrets\\["registry"\\] is Secret 'b/pull' \\("registry"\\) in namespace "b".*${accepted('Secret')}`
      + '[^]*SeldonServer \'a/srv2\': imagePullSecrets\\["registry2"\\] is Secret \'b/pull2\' \\("registry2"\\) in namespace "b"'));
  });

  test('a mountPvc() claim of another namespace', () => {
    const [app, a, b] = twoNamespaces();
    new SeldonServer(a, 'srv', { metadata: { name: 'srv' } }).mountPvc(new PersistentVolumeClaim(b, 'pvc', { metadata: { name: 'models' } }), '/mnt/models');
    expect(() => app.synthYaml()).toThrow(new RegExp(
      `SeldonServer 'a/srv': mountPvc\\("/mnt/models"\\) claim is PersistentVolumeClaim 'b/pvc' \\("models"\\) in namespace "b", .*${accepted('PersistentVolumeClaim')}`));
  });

  test('a SeldonRuntime override\'s ServiceAccount of another namespace', () => {
    const [app, a, b] = twoNamespaces();
    new SeldonRuntime(a, 'runtime').override(RuntimeComponent.SCHEDULER, { serviceType: ServiceType.CLUSTER_IP, serviceAccount: new ServiceAccount(b, 'sa', { metadata: { name: 'sched' } }) });
    expect(() => app.synthYaml()).toThrow(/SeldonRuntime 'a\/runtime': overrides\[.*\]\.serviceAccount is ServiceAccount '[^']+' \("sched"\) in namespace "b"/);
  });

  test('controls: the same namespace, references by name, a chart without a namespace, and a ServerConfig (its pods run in each Server\'s namespace)', () => {
    const [app, a, b] = twoNamespaces();
    const srv = new SeldonServer(a, 'srv', { metadata: { name: 'srv' }, serviceAccount: new ServiceAccount(a, 'sa'), imagePullSecrets: [Secret.fromSecretName(a, 'p', 'registry')] });
    srv.mountPvc(PersistentVolumeClaim.fromClaimName(a, 'pvc', 'models'), '/mnt/models');
    srv.addImagePullSecret(new DockerConfigSecret(a, 'pull', { data: {} }));
    new SeldonServer(new Chart(app, 'unset'), 'srv', { metadata: { name: 'srv' }, serviceAccount: new ServiceAccount(b, 'sa2') });
    new ServerConfig(b, 'config', {
      metadata: { name: 'custom' },
      serviceAccount: new ServiceAccount(a, 'sa3'),
      podSpec: { containers: [{ name: 'rclone', image: 'rclone:1' }, { name: 'agent', image: 'agent:1' }, { name: 'mlserver', image: 'mlserver:1' }] },
    });
    expect(app.synthYaml()).toMatch(/serviceAccountName: a-sa-c8[0-9a-f]{6}/);
  });
});

describe('v1: a predictor\'s pod references', () => {
  test('an image pull Secret of another namespace, given as a prop or added with predictorPod()', () => {
    const [app, a, b] = twoNamespaces();
    new PrepackagedModel(a, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y'), imagePullSecrets: [new DockerConfigSecret(b, 'pull', { data: {}, metadata: { name: 'registry' } })] });
    new PrepackagedModel(a, 'm2', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y') })
      .predictorPod('default').addImagePullSecret(new DockerConfigSecret(b, 'pull2', { data: {}, metadata: { name: 'registry2' } }));
    expect(() => app.synthYaml()).toThrow(new RegExp(`PrepackagedModel 'a/m': imagePullSecrets\\["registry"\\] is Secret 'b/pull' \\("registry"\\) in namespace "b".*${accepted('Secret')}`
      + '[^]*PrepackagedModel \'a/m2\': imagePullSecrets\\["registry2"\\] is Secret \'b/pull2\' \\("registry2"\\) in namespace "b"'));
  });

  test('a separate pod\'s ServiceAccount and pull Secret of another namespace', () => {
    const [app, a, b] = twoNamespaces();
    new SeldonDeployment(a, 'd', {
      separateEnginePod: true,
      predictors: [{
        name: 'p',
        graph: PredictiveUnit.prepackaged({ name: 'x', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y') }),
        separatePods: [{ nodes: ['x'], imagePullSecrets: [new DockerConfigSecret(b, 'pull', { data: {}, metadata: { name: 'registry' } })], serviceAccount: new ServiceAccount(b, 'sa', { metadata: { name: 'x-sa' } }) }],
      }],
    });
    expect(() => app.synthYaml()).toThrow(new RegExp('SeldonDeployment \'a/d\': predictors\\[0\\]\\.separatePods\\[0\\]\\.imagePullSecrets\\["registry"\\] is Secret \'b/pull\' \\("registry"\\) in namespace "b"'
      + '[^]*predictors\\[0\\]\\.separatePods\\[0\\]\\.serviceAccount is ServiceAccount \'b/sa\' \\("x-sa"\\) in namespace "b"'));
  });

  test('an explainer\'s ServiceAccount of another namespace', () => {
    const [app, a, b] = twoNamespaces();
    new PrepackagedModel(a, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y') })
      .withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, serviceAccount: new ServiceAccount(b, 'sa', { metadata: { name: 'explainer' } }) });
    expect(() => app.synthYaml()).toThrow(/PrepackagedModel 'a\/m': explainer\.serviceAccount is ServiceAccount '[^']+' \("explainer"\) in namespace "b"/);
  });

  test('the predictor\'s own ServiceAccount is reported once (by the reference checks), not twice', () => {
    const [app, a, b] = twoNamespaces();
    new PrepackagedModel(a, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y'), serviceAccount: new ServiceAccount(b, 'sa') });
    const message = synthError(app);
    expect(message.match(/serviceAccount is ServiceAccount/g)).toHaveLength(1);
  });

  test('control: the same namespace and references by name pass', () => {
    const [app, a] = twoNamespaces();
    new PrepackagedModel(a, 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('x', 'y'), imagePullSecrets: [new DockerConfigSecret(a, 'pull', { data: {} }), Secret.fromSecretName(a, 'p', 'registry')],
    }).withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, serviceAccount: new ServiceAccount(a, 'sa') });
    expect(app.synthYaml()).toMatch(/name: registry/);
  });
});

describe('one object shared by constructs of several charts', () => {
  test('an RcloneSecret of a shared chart, used by models of two namespaces: the model of the other namespace is refused, naming both construct paths', () => {
    const [app, a, b] = twoNamespaces();
    const creds = new RcloneSecret(new Chart(app, 'shared', { namespace: 'a' }), 'creds', {
      format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3({ envAuth: true })], metadata: { name: 'storage' },
    });
    for (const chart of [a, b]) {
      new SeldonServer(chart, 'srv', { metadata: { name: 'srv' } });
      new SeldonModel(chart, 'm', { storageUri: ModelUri.parse('s3://x/y'), requirements: ['sklearn'], secret: creds });
    }
    const message = synthError(app);
    expect(message).toContain('SeldonModel \'b/m\': secret is Secret \'shared/creds\' ("storage") in namespace "a", but the pod using it runs in namespace "b"');
    expect(message).not.toContain('SeldonModel \'a/m\'');
  });
});
