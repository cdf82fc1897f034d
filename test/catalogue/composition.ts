import { ApiObject, ApiObjectMetadata, Chart, Lazy, Size, YamlOutputType } from 'cdk8s';
import { DockerConfigSecret, PersistentVolumeClaim, Service, ServiceAccount } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import {
  ModelExplainer, ModelUri, Pipeline, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat, SeldonModel, SeldonServer,
  ServerConfig, ServerConfigRef,
} from '../../src';

/** An app's charts put together (review 17): nested charts, hand-written objects, output types, tokens. */
const GS = ModelUri.parse('gs://x/y');
const model = (scope: Construct, id: string, name?: string) =>
  new SeldonModel(scope, id, { metadata: name === undefined ? undefined : { name }, storageUri: GS, requirements: ['sklearn'] });
const lazy = (text: string) => Lazy.any({ produce: () => text }) as unknown as string;

export const COMPOSITION_BAD_INPUTS: BadInput[] = [
  badInput('SeldonModel', 'team/m', 'a real Secret in a chart that contains the model\'s chart', scope => {
    const creds = new RcloneSecret(scope, 'creds', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3({ envAuth: true })] });
    new SeldonModel(new Chart(scope, 'team'), 'm', { storageUri: ModelUri.parse('s3://x/y'), requirements: ['sklearn'], secret: creds });
  }, /secret is RcloneSecret 'models\/creds' in chart 'models', which contains the SeldonModel's chart 'models\/team': cdk8s writes a nested chart before the chart that contains it/,
  'Move the Secret into the model\'s chart, a chart nested in it or a sibling chart; or name a Secret that exists with `RcloneSecret.fromExistingSecret()`.'),
  badInput('Model', 'hand', 'a hand-written Model with a SeldonModel\'s name', scope => {
    model(scope, 'm', 'iris');
    new ApiObject(scope, 'hand', { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name: 'iris' } });
  }, /metadata.name "iris" is also the name of the Model of SeldonModel 'models\/m'; kubectl apply would keep only one of them/,
  'Give the hand-written (or `Include`d) Model another name, or drop it and let the SeldonModel write it.'),
  badInput('SeldonServer', 's', 'a Service named like a v2 Server\'s replica Service', scope => {
    new SeldonServer(scope, 's', { metadata: { name: 'srv' } });
    new Service(scope, 'svc', { metadata: { name: 'srv-0' }, ports: [{ port: 80 }] });
  }, /metadata.name "srv" makes the Seldon operator create a Service named "srv-0" \(the Service of replica 0\), which is also the name of Service 'models\/svc'/,
  'Rename the Service or the Server: the v2 operator makes a StatefulSet `<server>` and a Service `<server>-<i>` per replica (up to maxReplicas).'),
  badInput('SeldonModel', 'b/e', 'an explainer of a model in another namespace', scope => {
    const iris = model(new Chart(scope, 'a', { namespace: 'team-a' }), 'iris', 'iris');
    new SeldonModel(new Chart(scope, 'b', { namespace: 'team-b' }), 'e', { storageUri: GS, explainer: ModelExplainer.forModel('anchor_tabular', iris) });
  }, /explainer is SeldonModel 'models\/a\/iris' \("iris"\) in namespace "team-a", but the model is in namespace "team-b"; its agent calls .* through the envoy of namespace "team-b"/,
  'Put the explainer (or LLM) model in the explained model\'s namespace.'),
  badInput('SeldonModel', 'lazy/m', 'a chart namespace that is a cdk8s Lazy', scope => {
    model(new Chart(scope, 'lazy', { namespace: lazy('ml') }), 'm');
  }, /metadata.namespace \(the chart's namespace\) is a Lazy object, a cdk8s token/,
  'Give the chart a literal namespace: the library compares namespaces and checks names derived from them.'),
  badInput('SeldonModel', 'b/iris', 'two Models of one name in two namespaces under FILE_PER_RESOURCE', scope => {
    (scope.node.root as unknown as { yamlOutputType: YamlOutputType }).yamlOutputType = YamlOutputType.FILE_PER_RESOURCE;
    model(new Chart(scope, 'a', { namespace: 'team-a' }), 'iris', 'iris');
    model(new Chart(scope, 'b', { namespace: 'team-b' }), 'iris', 'iris');
  }, /metadata.name "iris" gives the file "Model.iris.k8s.yaml" under YamlOutputType.FILE_PER_RESOURCE, which SeldonModel 'models\/a\/iris' \(namespace "team-a"\) also gets/,
  'Name the objects apart, or use YamlOutputType.FILE_PER_CHART or FILE_PER_APP.'),
  badInput('Pipeline', 'p', 'a step model taken out of the tree with tryRemoveChild()', scope => {
    const iris = model(scope, 'iris', 'iris');
    const p = new Pipeline(scope, 'p');
    p.addOutput(p.addStep(iris));
    scope.node.tryRemoveChild('iris');
  }, /steps\["iris"\] is SeldonModel 'models\/iris' \("iris"\), which is not part of this app \(it was taken out of the tree with tryRemoveChild\(\)\)/,
  'Keep the model in the app, or name it with `addStepForModelName()` if it is deployed separately.'),
  badInput('SeldonModel', 'iris', 'a pinned SeldonServer taken out of the tree with tryRemoveChild()', scope => {
    const server = new SeldonServer(scope, 'srv', { metadata: { name: 'mlserver-a' }, serverConfig: ServerConfigRef.MLSERVER });
    new SeldonModel(scope, 'iris', { metadata: { name: 'iris' }, storageUri: GS, requirements: ['sklearn'], server });
    scope.node.tryRemoveChild('srv');
  }, /server is SeldonServer 'models\/srv' \("mlserver-a"\), which is not part of this app \(it was taken out of the tree with tryRemoveChild\(\)\) and is not deployed with the model/,
  'Keep the server in the app, or pin with `SeldonServer.fromServerName()` to a Server deployed separately.'),
  badInput('PrepackagedModel', 'iris', 'a credentials Secret taken out of the tree with tryRemoveChild()', scope => {
    const creds = new RcloneSecret(scope, 'creds', { metadata: { name: 'storage' }, remotes: [RcloneRemote.s3({ name: 's3', envAuth: true })] });
    new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: creds });
    scope.node.tryRemoveChild('creds');
  }, /credentials is RcloneSecret 'models\/creds' \("storage"\), which was taken out of the tree with tryRemoveChild\(\): the SeldonDeployment names an object the app no longer writes/,
  'Keep the Secret in the app, or reference an existing one with `Secret.fromSecretName()` (or `RcloneSecret.fromExistingSecret()`).'),
  // Review 19: a ServerConfig written from the README's elided example, without the installation's agent env.
  badInput('SeldonModel', 'm', 'memory on a ServerConfig whose agent has no MEMORY_REQUEST', scope => {
    const config = new ServerConfig(scope, 'config', {
      metadata: { name: 'custom' },
      podSpec: { containers: [{ name: 'rclone', image: 'rclone' }, { name: 'agent', image: 'agent' }, { name: 'mlserver', image: 'mlserver' }] },
      capabilities: ['sklearn'],
    });
    const server = new SeldonServer(scope, 's', {
      serverConfig: ServerConfigRef.fromServerConfig(config),
      serverContainer: { resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) } } },
    });
    new SeldonModel(scope, 'm', { storageUri: GS, memory: '200Mi', server });
  }, /offers, 1000000 bytes \(≈976\.6Ki\): no MEMORY_REQUEST in the agent's env, so the agent offers its fallback of 1000000 bytes; .*give the ServerConfig's agent container MEMORY_REQUEST from the server container's memory request/,
  'Give the ServerConfig\'s agent `MEMORY_REQUEST` from the server container\'s `requests.memory` (`valueFrom.resourceFieldRef`), as the installation\'s `mlserver` ServerConfig does; raising the server\'s memory request alone changes nothing.'),
  badInput('SeldonServer', 'a/srv', 'a v2 Server\'s ServiceAccount, image pull Secret or mountPvc() claim in another namespace', scope => {
    const b = new Chart(scope, 'b', { namespace: 'team-b' });
    new SeldonServer(new Chart(scope, 'a', { namespace: 'team-a' }), 'srv', {
      metadata: { name: 'srv' }, serviceAccount: new ServiceAccount(b, 'sa', { metadata: { name: 'server' } }),
    }).mountPvc(new PersistentVolumeClaim(b, 'pvc', { metadata: { name: 'models' } }), '/mnt/models');
  }, /serviceAccount is ServiceAccount '[^']+' \("server"\) in namespace "team-b", but the pod using it runs in namespace "team-a"/,
  'Make the ServiceAccount, Secret or claim in the Server\'s namespace, or name an existing one with `ServiceAccount.fromServiceAccountName()`, '
    + '`Secret.fromSecretName()` or `PersistentVolumeClaim.fromClaimName()`: a pod reads only its own namespace\'s.'),
  badInput('PrepackagedModel', 'a/m', 'a v1 image pull Secret in another namespace', scope => {
    new PrepackagedModel(new Chart(scope, 'a', { namespace: 'team-a' }), 'm', {
      server: PrepackagedServer.SKLEARN, modelUri: GS, imagePullSecrets: [new DockerConfigSecret(new Chart(scope, 'b', { namespace: 'team-b' }), 'pull', { data: {}, metadata: { name: 'registry' } })],
    });
  }, /imagePullSecrets\["registry"\] is Secret '[^']+' \("registry"\) in namespace "team-b", but the pod using it runs in namespace "team-a"/,
  'Make the pull Secret in the model\'s namespace, or name an existing one with `Secret.fromSecretName()`: the kubelet reads only the pod\'s namespace.'),
  badInput('SeldonServer', 'srv', 'the model-storage RcloneSecret (or any Secret the app writes that is not a registry Secret) as an image pull Secret', scope => {
    const creds = new RcloneSecret(scope, 'creds', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3({ envAuth: true })], metadata: { name: 'storage' } });
    new SeldonServer(scope, 'srv', { metadata: { name: 'srv' }, imagePullSecrets: [creds] });
  }, /imagePullSecrets\["storage"\] is a Secret of type "Opaque" written by the app, from which the kubelet reads no registry credentials/,
  'Give the pods a `DockerConfigSecret` (type kubernetes.io/dockerconfigjson) for the registry, or name an existing registry Secret with `Secret.fromSecretName()`.'),
  badInput('SeldonModel', 'm', 'a metadata key that is no ObjectMeta field (`lables`)', scope => {
    new SeldonModel(scope, 'm', { metadata: { lables: { team: 'a' } } as ApiObjectMetadata, storageUri: GS, requirements: ['sklearn'] });
  }, /metadata.lables is not a field of Kubernetes ObjectMeta \(did you mean "labels"\?\): the API server refuses it/,
  'Spell the field as Kubernetes does (`labels`, `annotations`): cdk8s writes any key of `metadata` as it is.'),
];
