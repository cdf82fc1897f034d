import { Chart, Size } from 'cdk8s';
import { EnvValue, HorizontalPodAutoscaler, Metric, MetricTarget, Node, NodeTaintQuery, ServiceType } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import { ModelUri, Pipeline, RpsAutoscaler, RuntimeComponent, SeldonConfig, SeldonModel, SeldonRuntime, SeldonServer } from '../../src';

const entry = badInput;
const prod = (scope: Construct) => new Chart(scope, 'prod', { namespace: 'prod' });
const typed = { config: { service: { serviceType: ServiceType.CLUSTER_IP } } };
const scheduler = { component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: 'docker.io/seldonio/seldon-scheduler:2.10.2' }] } };
const dataflowEngine = (name: string, env?: Array<{ name: string; value: string }>) => ({
  component: RuntimeComponent.DATAFLOW_ENGINE, podSpec: { containers: [{ name, image: 'docker.io/seldonio/seldon-dataflow-engine:2.10.2', env }] },
});

/** Bad inputs of SeldonRuntime and SeldonConfig, against the v2.10.2 operator (see bad-input.ts for the shape of an entry). */
export const V2_RUNTIME_BAD_INPUTS: BadInput[] = [
  entry('SeldonServer', 'prod/server', 'a HorizontalPodAutoscaler of a Server while the scheduler autoscales Servers', s => {
    const c = prod(s);
    new SeldonRuntime(c, 'runtime', typed);
    const server = new SeldonServer(c, 'server', { metadata: { name: 'mlserver' } });
    const model = new SeldonModel(c, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.gcs('seldon-models', 'mlserver/iris'), server });
    new HorizontalPodAutoscaler(c, 'hpa', { target: server, maxReplicas: 4, metrics: [Metric.object({ object: model, name: 'infer_rps', target: MetricTarget.averageValue(5) })] });
  }, /autoscaler is a HorizontalPodAutoscaler while no model pinned to the Server has one, and the scheduler of "prod" \(SeldonRuntime 'models\/prod\/runtime'\) autoscales Servers too[^;]*; ENABLE_SERVER_AUTOSCALING "false"/,
  'Set `ENABLE_SERVER_AUTOSCALING` to "false" on the runtime\'s scheduler (with its `serviceType`), or give the pinned model an HPA on the same metric too (`RpsAutoscaler`\'s `server`).'),
  entry('RpsAutoscaler', 'prod/rps', 'more model replicas than a pinned server has, with the scheduler\'s server autoscaling off', s => {
    const c = prod(s);
    new SeldonRuntime(c, 'runtime', typed).override(RuntimeComponent.SCHEDULER, { container: { env: { ENABLE_SERVER_AUTOSCALING: EnvValue.fromValue('false') } } });
    const server = new SeldonServer(c, 'server', { metadata: { name: 'mlserver' }, replicas: 2 });
    const model = new SeldonModel(c, 'iris', { metadata: { name: 'iris' }, storageUri: ModelUri.gcs('seldon-models', 'mlserver/iris'), server });
    new RpsAutoscaler(c, 'rps', { model, targetRps: 3, maxReplicas: 4 });
  }, /maxReplicas 4 is more than the 2 replica\(s\) server "mlserver" can reach \(its replicas: the scheduler of SeldonRuntime 'models\/prod\/runtime' has ENABLE_SERVER_AUTOSCALING false/,
  'At most the server\'s replicas, more server replicas, or `server:` to scale the server with the model.'),
  entry('SeldonRuntime', 'runtime', 'a scheduler memory request above the default SeldonConfig\'s limit', s => {
    new SeldonRuntime(s, 'runtime', typed).override(RuntimeComponent.SCHEDULER, { container: { resources: { memory: { request: Size.gibibytes(2) } } } });
  }, /overrides\["seldon-scheduler"\].container.resources memory request 2Gi \(set here\) is greater than the memory limit 1Gi \(from the SeldonConfig\)[^;]*; set the limit as well/,
  'give the memory limit too, e.g. `memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) }`'),
  entry('SeldonRuntime', 'runtime', 'three scheduler replicas', s => {
    new SeldonRuntime(s, 'runtime', typed).override(RuntimeComponent.SCHEDULER, { replicas: 3 });
  }, /overrides\["seldon-scheduler"\].replicas 3 would start 3 schedulers, each with its own state[^;]*; 1, or 0 to stop the scheduler/, 'one scheduler replica'),
  entry('SeldonRuntime', 'runtime', 'ENABLE_SERVER_AUTOSCALING "no" on the scheduler', s => {
    new SeldonRuntime(s, 'runtime', typed).override(RuntimeComponent.SCHEDULER, { container: { env: { ENABLE_SERVER_AUTOSCALING: EnvValue.fromValue('no') } } });
  }, /overrides\["seldon-scheduler"\].container.env\["ENABLE_SERVER_AUTOSCALING"\] "no" is not a Go bool, so the scheduler would exit at start[^;]*; "true" or "false"/, '"false"'),
  entry('SeldonRuntime', 'runtime', 'SERVER_PACKING_PERCENTAGE "25%" on the scheduler', s => {
    new SeldonRuntime(s, 'runtime', typed).override(RuntimeComponent.SCHEDULER, { container: { env: { SERVER_PACKING_PERCENTAGE: EnvValue.fromValue('25%') } } });
  }, /overrides\["seldon-scheduler"\].container.env\["SERVER_PACKING_PERCENTAGE"\] "25%" is not a Go float[^;]*; a number without a unit/, '"25"'),
  entry('SeldonRuntime', 'runtime', 'RETRY_CREATING_FAILED_PIPELINES_TICK "60" (no unit) on the scheduler', s => {
    new SeldonRuntime(s, 'runtime', typed).override(RuntimeComponent.SCHEDULER, { container: { env: { RETRY_CREATING_FAILED_PIPELINES_TICK: EnvValue.fromValue('60') } } });
  }, /env\["RETRY_CREATING_FAILED_PIPELINES_TICK"\] "60" is not a Go duration, so the scheduler would exit at start[^;]*; a duration above zero with its unit/, '"60s"'),
  entry('SeldonRuntime', 'runtime', 'RETRY_DELETING_FAILED_PIPELINES_TICK "0s" on the scheduler', s => {
    new SeldonRuntime(s, 'runtime', typed).override(RuntimeComponent.SCHEDULER, { container: { env: { RETRY_DELETING_FAILED_PIPELINES_TICK: EnvValue.fromValue('0s') } } });
  }, /env\["RETRY_DELETING_FAILED_PIPELINES_TICK"\] "0s" is not above zero, and the scheduler's retry pollers would panic at start on it/, '"1m"'),
  entry('SeldonRuntime', 'runtime', 'a gRPC port prefix of "-"', s => {
    new SeldonRuntime(s, 'runtime', { config: { service: { grpcServicePrefix: '-' } } });
  }, /config.service.grpcServicePrefix "-" cannot prefix the Services' port names[^;]*; up to 49 characters of a-z, 0-9 and "-", starting with a letter or digit/, 'grpc-'),
  entry('SeldonRuntime', 'runtime', 'an ExternalName type for the runtime\'s Services', s => {
    new SeldonRuntime(s, 'runtime', { config: { service: { serviceType: ServiceType.EXTERNAL_NAME } } });
  }, /config.service.serviceType "ExternalName" cannot be the type of the operator's Services: it never sets spec.externalName[^;]*; one of ClusterIP, NodePort, LoadBalancer/,
  'ServiceType.CLUSTER_IP, NODE_PORT or LOAD_BALANCER'),
  entry('SeldonRuntime', 'runtime', 'an ExternalName type on the envoy override', s => {
    new SeldonRuntime(s, 'runtime').override(RuntimeComponent.ENVOY, { serviceType: ServiceType.EXTERNAL_NAME });
  }, /overrides\["seldon-envoy"\].serviceType "ExternalName" cannot be the type of the operator's Services[^;]*; one of ClusterIP, NodePort, LoadBalancer/,
  'ServiceType.CLUSTER_IP, NODE_PORT or LOAD_BALANCER'),
  entry('SeldonRuntime', 'runtime', 'an envoy override while the default SeldonConfig\'s Service type is unknown', s => {
    new SeldonRuntime(s, 'runtime').override(RuntimeComponent.ENVOY, { replicas: 2 });
  }, /overrides\["seldon-envoy"\].serviceType is needed: with an override the operator gives the seldon-mesh Service the override's type \(ClusterIP when none\)[^;]*; serviceType on the override/,
  'state the type: `serviceType` on the override, or `config.service.serviceType`'),
  entry('SeldonRuntime', 'runtime', 'scheduling on a component given a raw podSpec', s => {
    const envoy = new SeldonRuntime(s, 'runtime', typed).override(RuntimeComponent.ENVOY, { podSpec: { containers: [], nodeSelector: { pool: 'edge' } } });
    envoy.scheduling.tolerate(Node.tainted(NodeTaintQuery.exists('dedicated')));
  }, /overrides\["seldon-envoy"\].scheduling places the pods of a component given a raw podSpec[^;]*; the placement in podSpec/, 'write the tolerations into podSpec'),
  entry('SeldonConfig', 'config', 'a SeldonConfig without seldon-scheduler', s => {
    new SeldonConfig(s, 'config', { components: [{ component: RuntimeComponent.HODOMETER, podSpec: { containers: [{ name: 'hodometer', image: 'seldonio/seldon-hodometer:2.10.2' }] } }] });
  }, /components has no seldon-scheduler \(only hodometer\), so nothing in a namespace using it is reconciled; add at least seldon-scheduler/, 'add the scheduler component'),
  entry('Pipeline', 'prod/pipeline', 'a Pipeline in a namespace whose SeldonConfig has no dataflow engine', s => {
    const c = prod(s);
    new SeldonRuntime(c, 'runtime', { seldonConfig: new SeldonConfig(c, 'config', { metadata: { name: 'scheduler-only' }, components: [scheduler] }) });
    new Pipeline(c, 'pipeline').addStepForModelName('iris');
  }, /namespace "prod" runs SeldonRuntime 'models\/prod\/runtime', which does not run seldon-dataflow-engine \(not a component of SeldonConfig "scheduler-only"\)[^;]*; a runtime that runs/,
  'a SeldonConfig with the dataflow engine, both gateways and envoy'),
  entry('SeldonModel', 'prod/iris', 'a Model in a namespace whose scheduler has replicas 0', s => {
    const c = prod(s);
    new SeldonRuntime(c, 'runtime', typed).override(RuntimeComponent.SCHEDULER, { replicas: 0 });
    new SeldonModel(c, 'iris', { storageUri: ModelUri.gcs('seldon-models', 'mlserver/iris') });
  }, /which does not run seldon-scheduler \(replicas: 0\), needed by a SeldonModel; a runtime that runs/, 'one scheduler replica'),
  entry('Pipeline', 'prod/pipeline', 'a Pipeline in a namespace with envoy disabled', s => {
    const c = prod(s);
    new SeldonRuntime(c, 'runtime', { overrides: [{ component: RuntimeComponent.ENVOY, disable: true }] });
    new Pipeline(c, 'pipeline').addStepForModelName('iris');
  }, /which does not run seldon-envoy \(disable: true\), needed by a Pipeline; a runtime that runs/, 'run envoy: the model gateway sends each step through seldon-mesh'),
  entry('SeldonRuntime', 'runtime', 'Kafka topic partitions "four"', s => {
    new SeldonRuntime(s, 'runtime', { config: { kafka: { topics: { numPartitions: 'four' } } } });
  }, /config.kafka.topics.numPartitions "four" is not a whole number of at least 1; the dataflow engine[^;]*; a whole number as a string/, '"4"'),
  entry('SeldonRuntime', 'runtime', 'a dataflow-engine override whose SELDON_KAFKA_BOOTSTRAP_SERVERS differs from config.kafka.bootstrapServers', s => {
    new SeldonRuntime(s, 'runtime', { config: { kafka: { bootstrapServers: 'kafka-prod:9092' } } })
      .override(RuntimeComponent.DATAFLOW_ENGINE, { container: { env: { SELDON_KAFKA_BOOTSTRAP_SERVERS: EnvValue.fromValue('old:9092') } } });
  }, /overrides\["seldon-dataflow-engine"\].container.env\["SELDON_KAFKA_BOOTSTRAP_SERVERS"\] "old:9092" conflicts with config.kafka.bootstrapServers "kafka-prod:9092"[^;]*; the same value/,
  'leave the variable out: config.kafka.bootstrapServers sets it'),
  entry('SeldonRuntime', 'runtime', 'config.kafka on a runtime whose in-app SeldonConfig names the dataflow engine\'s container otherwise', s => {
    const config = new SeldonConfig(s, 'config', { metadata: { name: 'renamed' }, components: [scheduler, dataflowEngine('engine')] });
    new SeldonRuntime(s, 'runtime', { seldonConfig: config, config: { kafka: { bootstrapServers: 'kafka-prod:9092' } } });
  }, /config.kafka.bootstrapServers cannot reach seldon-dataflow-engine: SeldonConfig "renamed" gives it no container "dataflow-engine"[^;]*; a SeldonConfig whose/,
  'name the dataflow engine\'s container `dataflow-engine`, or set the variable in the SeldonConfig'),
  entry('SeldonConfig', 'config', 'a dataflow-engine container whose SELDON_KAFKA_BOOTSTRAP_SERVERS differs from config.kafka.bootstrapServers', s => {
    new SeldonConfig(s, 'config', {
      config: { kafka: { bootstrapServers: 'kafka-prod:9092' } },
      components: [scheduler, dataflowEngine('dataflow-engine', [{ name: 'SELDON_KAFKA_BOOTSTRAP_SERVERS', value: 'seldon-kafka-bootstrap.seldon-mesh:9092' }])],
    });
  }, /components\["seldon-dataflow-engine"\].podSpec.containers\["dataflow-engine"\].env\["SELDON_KAFKA_BOOTSTRAP_SERVERS"\] "seldon-kafka-bootstrap.seldon-mesh:9092" conflicts with[^;]*; the same value/,
  'drop the variable from the pod spec (config.kafka.bootstrapServers sets it) or give it the same value'),
  entry('SeldonConfig', 'config', 'config.kafka with a dataflow engine whose main container is not named dataflow-engine', s => {
    new SeldonConfig(s, 'config', { config: { kafka: { consumerGroupIdPrefix: 'team' } }, components: [scheduler, dataflowEngine('engine')] });
  }, /components\["seldon-dataflow-engine"\].podSpec.containers has no container "dataflow-engine", whose env \(SELDON_KAFKA_CONSUMER_PREFIX\)[^;]*; the component's main container/,
  'name the container `dataflow-engine`'),
  entry('SeldonRuntime', 'b/runtime', 'a SeldonConfig in another namespace than the runtime and no operatorNamespace', s => {
    const config = new SeldonConfig(new Chart(s, 'a', { namespace: 'team-a' }), 'config', { metadata: { name: 'team' }, components: [scheduler] });
    new SeldonRuntime(new Chart(s, 'b', { namespace: 'team-b' }), 'runtime', { seldonConfig: config });
  }, /seldonConfig is SeldonConfig "team" in namespace "team-a", but the operator reads a runtime's SeldonConfig from its own namespace only[^;]*; the SeldonConfig in a chart of namespace "team-b", or operatorNamespace: "team-a"/,
  'put the SeldonConfig in the operator\'s namespace, or set `operatorNamespace` to where a cluster-wide operator runs'),
  entry('SeldonRuntime', 'runtime', 'operatorNamespace "Seldon_Mesh"', s => {
    new SeldonRuntime(s, 'runtime', { operatorNamespace: 'Seldon_Mesh' });
  }, /operatorNamespace "Seldon_Mesh" is not a namespace name; a DNS-1123 label/, '"seldon-mesh"'),
];
