import { Chart, Size } from 'cdk8s';
import { EnvValue, HorizontalPodAutoscaler, LabeledNode, Metric, MetricTarget, Node, NodeLabelQuery, Secret, ServiceAccount, ServiceType, k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import {
  ModelExplainer, ModelLlm, ModelUri, PvcRetention, RcloneRemote, RcloneSecret, RpsAutoscaler, RuntimeComponent, SeldonConfig,
  SeldonModel, SeldonRuntime, SeldonServer, ServerConfig, ServerConfigProps,
} from '../../src';

const IRIS = ModelUri.gcs('seldon-models', 'mlserver/iris');
const entry = badInput;
const prod = (scope: Construct) => new Chart(scope, 'prod', { namespace: 'prod' });

/** Bad inputs of this area (see bad-input.ts for the shape of an entry). */
export const V2_PRODUCTION_BAD_INPUTS: BadInput[] = [
  entry('SeldonServer', 'server', 'scheduling.attract() given a string instead of Node.labeled(...)', s => {
    new SeldonServer(s, 'server').scheduling.attract('gpu=true' as any);
  }, /scheduling\.attract\(\) node is a string "gpu=true"; accepted: a LabeledNode from Node\.labeled\(\)/, 'server.scheduling.attract(Node.labeled(NodeLabelQuery.is("gpu", "true")))'),
  entry('SeldonServer', 'server', 'scheduling.attract() with an empty label query', s => {
    new SeldonServer(s, 'server').scheduling.attract(new LabeledNode([]));
  }, /scheduling.attract\(node\) LabeledNode is not a labeled node; .*at least one query/, 'give Node.labeled() at least one NodeLabelQuery'),
  entry('SeldonServer', 'server', 'a placement weight of 0', s => {
    new SeldonServer(s, 'server').scheduling.attract(Node.labeled(NodeLabelQuery.exists('gpu')), { weight: 0 });
  }, /scheduling.attract weight 0 is not a scheduling weight; a whole number from 1 to 100/, 'a weight from 1 to 100, or none for a requirement'),
  entry('SeldonServer', 'server', 'a Gt node query with a value that is not an integer', s => {
    new SeldonServer(s, 'server').scheduling.attract(Node.labeled(NodeLabelQuery.gt('example.com/cpus', ['4.5'])));
  }, /scheduling\.attract\(node\) query 0 Gt on "example\.com\/cpus" compares with "4\.5", which is not an integer: the scheduler would match no node/,
  'compare with a whole number, e.g. NodeLabelQuery.gt(key, ["4"])'),
  entry('SeldonServer', 'server', 'a node query key that is no qualified name', s => {
    new SeldonServer(s, 'server').scheduling.attract(Node.labeled(NodeLabelQuery.is('gpu type', 'a100')));
  }, /scheduling\.attract\(node\) query 0 key "gpu type" is not a qualified name/, 'write the node label\'s key, e.g. "example.com/gpu-type"'),
  entry('SeldonServer', 'server', 'scheduling.tolerate() given a labeled node', s => {
    new SeldonServer(s, 'server').scheduling.tolerate(Node.labeled(NodeLabelQuery.exists('gpu')) as any);
  }, /scheduling\.tolerate\(\) node is a LabeledNode object; accepted: a TaintedNode from Node\.tainted\(\)/, 'Node.tainted(NodeTaintQuery.is(key, value))'),
  entry('SeldonServer', 'server', 'scheduling.colocate() given something that selects no pods', s => {
    new SeldonServer(s, 'server').scheduling.colocate({} as any);
  }, /scheduling\.colocate\(\) selector is a plain object; accepted: an IPodSelector from Pods\.all\(\)/, 'a workload, Pods.select(...) or a SeldonServer'),
  entry('SeldonServer', 'server', 'two named nodes', s => {
    const server = new SeldonServer(s, 'server');
    server.scheduling.assign(Node.named('a'));
    server.scheduling.assign(Node.named('b'));
  }, /scheduling.assign\(node\) "b" is a second node: the pods are already assigned to "a"; one assign\(\) per server/, 'assign the pods once'),
  entry('SeldonServer', 'server', 'an image pull Secret listed twice', s => {
    const secret = Secret.fromSecretName(s, 'pull', 'creds');
    new SeldonServer(s, 'server', { imagePullSecrets: [secret, secret] });
  }, /imagePullSecrets\["creds"\] is listed twice \(Kubernetes keeps both entries\); each Secret once/, 'list each Secret once'),
  entry('SeldonServer', 'server', 'a PriorityClass name with spaces', s => {
    new SeldonServer(s, 'server', { priorityClassName: 'high priority' });
  }, /priorityClassName "high priority" is not a PriorityClass name; a DNS-1123 subdomain/, 'the name of a PriorityClass, e.g. high-priority'),
  entry('SeldonServer', 'server', 'a pod label key with spaces', s => {
    new SeldonServer(s, 'server', { podLabels: { 'cost center': 'ml' } });
  }, /podLabels\["cost center"\] key "cost center" is not a qualified name; a key such as "team"/, 'a label key without spaces'),
  entry('SeldonServer', 'server', 'a pod label value over 63 characters', s => {
    new SeldonServer(s, 'server', { podLabels: { team: 'x'.repeat(64) } });
  }, /podLabels\["team"\] value "x+" is not a label value; a label value is accepted/, 'a label value of at most 63 characters'),
  entry('SeldonServer', 'server', 'a service account that is a string', s => {
    new SeldonServer(s, 'server', { serviceAccount: 'models' as any });
  }, /serviceAccount is a string "models"; accepted: an IServiceAccount from ServiceAccount.fromServiceAccountName\(\)/, 'ServiceAccount.fromServiceAccountName(this, "sa", "models")'),
  entry('SeldonServer', 'server', 'a deployment strategy given as a string', s => {
    new SeldonServer(s, 'server', { deploymentStrategy: 'Recreate' as any });
  }, /deploymentStrategy is a string "Recreate"; accepted: a DeploymentStrategy from DeploymentStrategy.recreate\(\)/, 'DeploymentStrategy.recreate()'),
  entry('SeldonServer', 'server', 'a PVC retention policy that is not Retain or Delete', s => {
    new SeldonServer(s, 'server', { pvcRetentionWhenScaled: 'Keep' as PvcRetention });
  }, /pvcRetentionWhenScaled "Keep" is not a retention policy; PvcRetention.RETAIN or PvcRetention.DELETE/, 'PvcRetention.DELETE'),
  entry('SeldonServer', 'server', 'Seldon\'s minReplicas on a server that an HPA scales', s => {
    const server = new SeldonServer(s, 'server', { minReplicas: 1, maxReplicas: 3 });
    new HorizontalPodAutoscaler(s, 'hpa', { target: server, maxReplicas: 3, metrics: [Metric.object({ object: new SeldonModel(s, 'm', { storageUri: IRIS }), name: 'infer_rps', target: MetricTarget.averageValue(3) })] });
  }, /minReplicas is set while a HorizontalPodAutoscaler scales the object, which writes spec.replicas without regard to it: the operator refuses replicas outside .*; leave minReplicas out/, 'give the bounds to the HPA only'),
  entry('SeldonModel', 'iris', 'two HorizontalPodAutoscalers on one model', s => {
    const model = new SeldonModel(s, 'iris', { storageUri: IRIS });
    new RpsAutoscaler(s, 'a', { model, targetRps: 3, maxReplicas: 2 });
    new RpsAutoscaler(s, 'b', { model, targetRps: 3, maxReplicas: 2 });
  }, /autoscaler is one of 2 HorizontalPodAutoscalers of the object, which would all write spec.replicas; one HorizontalPodAutoscaler/, 'one autoscaler per model'),
  entry('RpsAutoscaler', 'hpa', 'a target rate of 0', s => {
    new RpsAutoscaler(s, 'hpa', { model: new SeldonModel(s, 'm', { storageUri: IRIS }), targetRps: 0, maxReplicas: 2 });
  }, /targetRps 0 is not a positive rate; requests per second per replica above 0/, 'the requests per second one replica serves'),
  entry('RpsAutoscaler', 'hpa', 'an autoscaler whose minReplicas is above its maxReplicas', s => {
    new RpsAutoscaler(s, 'hpa', { model: new SeldonModel(s, 'm', { storageUri: IRIS }), targetRps: 3, minReplicas: 4, maxReplicas: 2 });
  }, /minReplicas 4 is above maxReplicas 2; minReplicas <= maxReplicas/, 'minReplicas at most maxReplicas'),
  entry('RpsAutoscaler', 'hpa', 'maxReplicas 0', s => {
    new RpsAutoscaler(s, 'hpa', { model: new SeldonModel(s, 'm', { storageUri: IRIS }), targetRps: 3, maxReplicas: 0 });
  }, /maxReplicas 0 is not a replica count of at least 1; /, 'at least 1'),
  entry('RpsAutoscaler', 'hpa', 'a model that is not a SeldonModel', s => {
    new RpsAutoscaler(s, 'hpa', { model: 'iris' as any, targetRps: 3, maxReplicas: 2 });
  }, /model is a string "iris"; accepted: a SeldonModel from new SeldonModel\(\)/, 'the SeldonModel construct'),
  entry('RpsAutoscaler', 'hpa', 'single-model serving with a server the model is not pinned to', s => {
    new RpsAutoscaler(s, 'hpa', { model: new SeldonModel(s, 'm', { storageUri: IRIS }), server: new SeldonServer(s, 's'), targetRps: 3, maxReplicas: 2 });
  }, /server is SeldonServer 'models\/s', but the model is not pinned to it \(single-model serving needs the model on its own server\); the server the model names/, 'pin the model: server: in SeldonModelProps'),
  entry('RpsAutoscaler', 'hpa', 'a model HPA above the maxReplicas of its server', s => {
    const server = new SeldonServer(s, 's', { replicas: 1, maxReplicas: 2 });
    new RpsAutoscaler(s, 'hpa', { model: new SeldonModel(s, 'm', { storageUri: IRIS, server }), targetRps: 3, maxReplicas: 4 });
  }, /maxReplicas 4 is more than the 2 replica\(s\) server .* can reach \(its maxReplicas.*; at most 2/, 'scale the server with the model (server:) or raise its maxReplicas'),
  entry('SeldonModel', 'iris', 'an hf:// model URI', s => {
    new SeldonModel(s, 'iris', { storageUri: ModelUri.parse('hf://meta-llama/Llama-3-8B') });
  }, /storageUri "hf:\/\/meta-llama\/Llama-3-8B" cannot be read by Seldon v2: .*; Seldon v2 reads models through rclone/, 'copy the model to a bucket and use gs:// or s3://'),
  entry('SeldonModel', 'iris', 'an https:// model URI', s => {
    new SeldonModel(s, 'iris', { storageUri: ModelUri.parse('https://example.com/iris.joblib') });
  }, /storageUri "https:\/\/example.com\/iris.joblib" cannot be read by Seldon v2: a web address is not an rclone remote.*; Seldon v2 reads/, 'an rclone http remote in an RcloneSecret'),
  entry('SeldonModel', 'iris', 'llm and explainer together', s => {
    new SeldonModel(s, 'iris', { storageUri: IRIS, llm: ModelLlm.forModelName('chat'), explainer: ModelExplainer.forModelName('anchor_tabular', 'income') });
  }, /llm is set together with explainer; the operator refuses the Model .*; either llm or explainer/, 'one of them'),
  entry('SeldonModel', 'prod/iris', 'a name too long for its Kafka topics', s => {
    new SeldonModel(prod(s), 'iris', { metadata: { name: 'm'.repeat(230) }, storageUri: IRIS });
  }, /metadata.name \(230 characters\) makes the model's Kafka topic .* Kafka refuses topic names over 249/, 'a shorter name'),
  entry('SeldonModel', 'iris', 'an explainer of no model or pipeline (whiteBox)', s => {
    new SeldonModel(s, 'iris', { storageUri: IRIS, explainer: ModelExplainer.whiteBox('anchor_tabular') });
  }, /explainer names neither a model nor a pipeline to explain: Seldon's agent .* crashes/, 'ModelExplainer.forModel(), forModelName() or forPipelineName()'),
  entry('SeldonModel', 'iris', 'an llm reference with a dot', s => {
    new SeldonModel(s, 'iris', { storageUri: IRIS, llm: ModelLlm.forPipelineName('rag.v1') });
  }, /llm pipelineRef "rag.v1" is not a Seldon v2 name; a Seldon v2 name is accepted/, 'a Seldon v2 name'),
  entry('SeldonModel', 'iris', 'payload logging at 0 percent', s => {
    new SeldonModel(s, 'iris', { storageUri: IRIS, logPayloadsPercent: 0 });
  }, /logPayloadsPercent 0 is not a percentage from 1 to 100 \(any logger switches payload logging on, so 0 would log\); /, 'leave logPayloadsPercent out'),
  entry('SeldonModel', 'iris', 'a schemaUri with spaces', s => {
    new SeldonModel(s, 'iris', { storageUri: IRIS, schemaUri: 'my schema.json' });
  }, /schemaUri "my schema.json" is not a URI; a location without spaces/, 'a URI'),
  entry('SeldonModel', 'iris', 'a modelType with a comma', s => {
    new SeldonModel(s, 'iris', { storageUri: IRIS, modelType: 'sklearn,xgboost' });
  }, /modelType "sklearn,xgboost" contains ","[^;]*; a non-empty string/, 'one type'),
  entry('SeldonRuntime', 'runtime', 'an override of a component the SeldonConfig does not define', s => {
    new SeldonRuntime(s, 'runtime', { overrides: [{ component: RuntimeComponent.custom('seldon-gateway') }] });
  }, /overrides\["seldon-gateway"\].component names no component of SeldonConfig "default", so the operator would ignore the override; one of seldon-scheduler/, 'a component name of the SeldonConfig'),
  entry('SeldonRuntime', 'runtime', 'a component overridden twice', s => {
    new SeldonRuntime(s, 'runtime', { overrides: [{ component: RuntimeComponent.MODEL_GATEWAY, replicas: 2 }, { component: RuntimeComponent.MODEL_GATEWAY, replicas: 3 }] });
  }, /overrides\["seldon-modelgateway"\] is overridden twice \(the operator keeps only the last\); one override per component/, 'merge the overrides'),
  entry('SeldonRuntime', 'runtime', 'a component given by name as a string', s => {
    new SeldonRuntime(s, 'runtime', { overrides: [{ component: 'hodometer' as any }] });
  }, /overrides\[0\].component is a string "hodometer"; accepted: a RuntimeComponent from RuntimeComponent.custom\(\)/, 'RuntimeComponent.HODOMETER'),
  entry('SeldonRuntime', 'runtime', 'a Service type on a component without a Service', s => {
    new SeldonRuntime(s, 'runtime', { overrides: [{ component: RuntimeComponent.HODOMETER, serviceType: ServiceType.NODE_PORT }] });
  }, /overrides\["hodometer"\].serviceType is read by the operator only for seldon-scheduler and seldon-envoy; leave it out/, 'set it on seldon-envoy'),
  entry('SeldonRuntime', 'runtime', 'a disabled component with replicas', s => {
    new SeldonRuntime(s, 'runtime', { overrides: [{ component: RuntimeComponent.HODOMETER, disable: true, replicas: 1 }] });
  }, /overrides\["hodometer"\].disable is true with replicas, container or podSpec, which a disabled component never uses; disable alone/, 'disable alone'),
  entry('SeldonRuntime', 'runtime', 'negative component replicas', s => {
    new SeldonRuntime(s, 'runtime', { overrides: [{ component: RuntimeComponent.ENVOY, serviceType: ServiceType.CLUSTER_IP, replicas: -1 }] });
  }, /overrides\["seldon-envoy"\].replicas -1 is not a replica count; /, 'a count from 0'),
  entry('SeldonRuntime', 'runtime', 'a raw podSpec and typed container settings together', s => {
    new SeldonRuntime(s, 'runtime', { overrides: [{ component: RuntimeComponent.ENVOY, serviceType: ServiceType.CLUSTER_IP, podSpec: { containers: [] }, container: { image: 'envoy:1' } }] });
  }, /overrides\["seldon-envoy"\].podSpec is set together with container or pod settings, which it would replace; either/, 'one of them'),
  entry('SeldonRuntime', 'runtime', 'rclone config_secrets in the v1 env-var format', s => {
    new SeldonRuntime(s, 'runtime', { config: { rcloneConfigSecrets: [new RcloneSecret(s, 'creds', { remotes: [RcloneRemote.gcs()] })] } });
  }, /config.rcloneConfigSecrets\[0\] Secret ".*" is in the "env-vars" format, which the v2 agent cannot read .*; an RcloneSecret with format RcloneSecretFormat.V2_DOCUMENT/, 'format: RcloneSecretFormat.V2_DOCUMENT'),
  entry('SeldonRuntime', 'runtime', 'an inline rclone remote with credentials', s => {
    new SeldonRuntime(s, 'runtime', { config: { rcloneRemotes: [RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })] } });
  }, /config.rcloneRemotes\[0\] remote "s3" has credentials, which would be written into the resource in plain text; the remote in an RcloneSecret/, 'an RcloneSecret in rcloneConfigSecrets'),
  entry('SeldonRuntime', 'runtime', 'Kafka brokers without a port', s => {
    new SeldonRuntime(s, 'runtime', { config: { kafka: { bootstrapServers: 'kafka' } } });
  }, /config.kafka.bootstrapServers "kafka" is not a broker list; host:port/, 'kafka:9092'),
  entry('SeldonRuntime', 'runtime', 'a Kafka topic prefix Seldon refuses', s => {
    new SeldonRuntime(s, 'runtime', { config: { kafka: { topicPrefix: 'team/a' } } });
  }, /config.kafka.topicPrefix "team\/a" is not a topic prefix Seldon accepts; .*NewTopicNamer\); letters, digits/, 'letters, digits, ".", "_" and "-"'),
  entry('SeldonRuntime', 'runtime', 'a Kafka property with an empty value', s => {
    new SeldonRuntime(s, 'runtime', { config: { kafka: { consumer: { 'session.timeout.ms': '' } } } });
  }, /config.kafka.consumer\["session.timeout.ms"\] value "" is not a non-empty string; the value as a string/, 'a value'),
  entry('SeldonRuntime', 'runtime', 'a Kafka password as a property', s => {
    new SeldonRuntime(s, 'runtime', { config: { kafka: { producer: { 'sasl.password': 'hunter2' } } } });
  }, /config.kafka.producer\["sasl.password"\] holds a credential \(not shown\), which would be written into the resource and the seldon-kafka ConfigMap in plain text; the password in a Secret/,
  'the password in a Secret the components read'),
  entry('SeldonRuntime', 'runtime', 'a tracing endpoint with a scheme', s => {
    new SeldonRuntime(s, 'runtime', { config: { tracing: { otelExporterEndpoint: 'http://otel:4317' } } });
  }, /config.tracing.otelExporterEndpoint "http:\/\/otel:4317" is not host:port; host:port without a scheme/, 'otel:4317'),
  entry('SeldonRuntime', 'runtime', 'a tracing ratio above 1', s => {
    new SeldonRuntime(s, 'runtime', { config: { tracing: { ratio: 10 } } });
  }, /config.tracing.ratio 10 is not a fraction; a number from 0 to 1/, '0.1 for 10%'),
  entry('SeldonRuntime', 'runtime', 'a packing percentage without packing', s => {
    new SeldonRuntime(s, 'runtime', { config: { scaling: { serverScaleDownPackingPercentage: 20 } } });
  }, /config.scaling.serverScaleDownPackingPercentage is set but packing is not enabled, so the scheduler ignores it; serverScaleDownPacking: true/, 'enable packing'),
  entry('SeldonRuntime', 'prod/two', 'two runtimes in one namespace', s => {
    const c = prod(s);
    new SeldonRuntime(c, 'one');
    new SeldonRuntime(c, 'two');
  }, /namespace "prod" already has SeldonRuntime 'models\/prod\/one'; both would manage the same components; one SeldonRuntime per namespace/, 'one runtime per namespace'),
  entry('SeldonModel', 'other/iris', 'a model in a namespace without a runtime, in an app that declares runtimes', s => {
    new SeldonRuntime(prod(s), 'runtime');
    new SeldonModel(new Chart(s, 'other', { namespace: 'other' }), 'iris', { storageUri: IRIS });
  }, /namespace "other" has no SeldonRuntime in the app, so no Seldon scheduler would reconcile the object; a namespace with a SeldonRuntime \(prod\)/, 'SeldonRuntime.fromNamespace(this, "other", "other")'),
  entry('SeldonModel', 'prod/iris', 'a model where the runtime disables the scheduler', s => {
    const c = prod(s);
    new SeldonRuntime(c, 'runtime', { overrides: [{ component: RuntimeComponent.SCHEDULER, disable: true }] });
    new SeldonModel(c, 'iris', { storageUri: IRIS });
  }, /namespace "prod" runs SeldonRuntime 'models\/prod\/runtime', which does not run seldon-scheduler \(disable: true\), needed by a SeldonModel; a runtime that runs/, 'do not disable the scheduler'),
  entry('SeldonConfig', 'config', 'a component without containers', s => {
    new SeldonConfig(s, 'config', { components: [{ component: RuntimeComponent.SCHEDULER, podSpec: { containers: [] } }] });
  }, /components\["seldon-scheduler"\].podSpec.containers must list at least one container, each with a name and an image; /, 'the component\'s containers'),
  entry('SeldonConfig', 'config', 'a component defined twice', s => {
    const podSpec = { containers: [{ name: 'scheduler', image: 'seldonio/seldon-scheduler:2.10.2' }] };
    new SeldonConfig(s, 'config', { components: [{ component: RuntimeComponent.SCHEDULER, podSpec }, { component: RuntimeComponent.SCHEDULER, podSpec }] });
  }, /components\["seldon-scheduler"\] is defined twice; each component once/, 'define it once'),
  entry('SeldonConfig', 'config', 'a SeldonConfig without components', s => {
    new SeldonConfig(s, 'config');
  }, /components is empty, so a SeldonRuntime using it installs nothing; add at least seldon-scheduler/, 'addComponent()'),
  entry('ServerConfig', 'config', 'a ServerConfig serviceAccount when its podSpec sets serviceAccountName', s => {
    new ServerConfig(s, 'config', configProps({ serviceAccount: ServiceAccount.fromServiceAccountName(s, 'sa', 'models') }));
  }, /podSpec.serviceAccountName is set in podSpec and by serviceAccount; set it in one place/, 'drop serviceAccountName from podSpec'),
  entry('ServerConfig', 'config', 'a ServerConfig serverContainer image with a space', s => {
    new ServerConfig(s, 'config', configProps({ serverContainer: { image: 'my image' } }));
  }, /serverContainer.image "my image" is not an image reference; an image reference without spaces/, 'e.g. seldonio/mlserver:1.7.1'),
  entry('ServerConfig', 'config', 'a ServerConfig request above the podSpec container\'s limit', s => {
    new ServerConfig(s, 'config', configProps({ serverContainer: { resources: { memory: { request: Size.gibibytes(2) } } } }));
  }, /serverContainer.resources memory request 2Gi \(set here\) is greater than the memory limit 1Gi \(from podSpec\).*; set the serverContainer limit as well/, 'raise the limit too'),
  entry('ServerConfig', 'config', 'ServerConfig capabilities set through agentContainer env', s => {
    new ServerConfig(s, 'config', configProps({ agentContainer: { env: { SELDON_SERVER_CAPABILITIES: EnvValue.fromValue('sklearn') } } }));
  }, /agentContainer.env\["SELDON_SERVER_CAPABILITIES"\] would bypass the capabilities checks.*; set the capabilities prop/, 'capabilities: ["sklearn"]'),
];

/** A ServerConfig's props with a minimal three-container pod (mlserver limited to 1Gi) and `extra`. */
function configProps(extra: Partial<ServerConfigProps>): ServerConfigProps {
  return {
    podSpec: {
      serviceAccountName: 'seldon-server',
      containers: [
        { name: 'rclone', image: 'seldonio/seldon-rclone:2.10.2' },
        { name: 'agent', image: 'seldonio/seldon-agent:2.10.2' },
        { name: 'mlserver', image: 'seldonio/mlserver:1.7.1', resources: { limits: { memory: k8s.Quantity.fromString('1Gi') } } },
      ],
    },
    ...extra,
  };
}
