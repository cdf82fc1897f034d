import { App, Chart, Duration, Size } from 'cdk8s';
import { Cpu, EnvValue, Metric, MetricTarget, Probe, Replicas, ServiceAccount } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { BadInput, badInput } from './bad-input';
import {
  Gpu, SeldonProtocol, BuiltInImplementation,
  Autoscaler, DisruptionBudget, EndpointType, ExplainerProps, ExplainerType, KedaTrigger, ModelUri, PredictiveUnit, PredictiveUnitMethod,
  PredictiveUnitType, PredictorProps, PrepackagedModel, PrepackagedModelProps, PrepackagedServer, SeldonDeployment, SeldonDeploymentProps,
  SeldonServer, ServerType, Transport,
} from '../../src';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');
const CPU = { cpu: { request: Cpu.millis(500) } };
const mock = (name = 'classifier', resources: object | undefined = CPU, extra: object = {}) =>
  PredictiveUnit.component({ name, unitType: PredictiveUnitType.MODEL, image: 'seldonio/mock_classifier:1.5.0-dev', resources, ...extra });

const model = (input: string, props: Partial<PrepackagedModelProps>, error: RegExp, fix: string): BadInput => badInput('PrepackagedModel', 'iris', input, (scope: Construct) => {
  new PrepackagedModel(scope, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, resources: CPU, ...props });
}, error, fix);
const sdep = (input: string, props: SeldonDeploymentProps, error: RegExp, fix: string): BadInput => badInput('SeldonDeployment', 'graph', input, (scope: Construct) => {
  new SeldonDeployment(scope, 'graph', props);
}, error, fix);
const explained = (input: string, props: Partial<ExplainerProps>, error: RegExp, fix: string): BadInput => badInput('SeldonDeployment', 'graph', input, (scope: Construct) => {
  new SeldonDeployment(scope, 'graph', { predictors: [predictor({ explainer: { explainerType: ExplainerType.ANCHOR_TABULAR, ...props } })] });
}, error, fix);
const predictor = (props: Partial<PredictorProps>): PredictorProps => ({ name: 'default', graph: mock(), ...props });

/** Bad inputs of this area (see bad-input.ts for the shape of an entry). */
export const V1_PRODUCTION_BAD_INPUTS: BadInput[] = [
  model('a progress deadline of 0 seconds', { progressDeadline: Duration.seconds(0) },
    /progressDeadline 0 seconds is no deadline: Kubernetes requires a Deployment's progressDeadlineSeconds to be above its minReadySeconds/, 'Duration.minutes(10)'),
  model('an annotation key that is no qualified name', { annotations: { 'bad key': 'v' } },
    /annotations\["bad key"\] key "bad key" is not a qualified name/, 'a key such as "team" or "example.com/team"'),
  model('a seldon.io/engine- annotation that becomes ENGINE_PREDICTOR', { annotations: { 'seldon.io/engine-engine-predictor': 'x' } },
    /becomes the executor variable ENGINE_PREDICTOR, which is set by the operator on the executor/, 'another variable name, or engineEnv'),
  model('a pod version label other than the predictor\'s', { podLabels: { version: 'blue' } },
    /podLabels\["version"\] "blue" would replace the predictor's version label "default" on the pod that runs its executor/, 'predictorName: \'blue\', or no version pod label'),
  model('an HPA whose minReplicas is above maxReplicas', { autoscaler: Autoscaler.cpuUtilization({ targetPercent: 70, minReplicas: 5, maxReplicas: 2 }) },
    /autoscaler\.minReplicas 5 is above maxReplicas 2/, 'Raise maxReplicas or lower minReplicas.'),
  model('an HPA with maxReplicas 0', { autoscaler: Autoscaler.hpa({ maxReplicas: 0 }) },
    /autoscaler\.maxReplicas 0 is not a replica bound/, 'An HPA runs at least one replica: maxReplicas from 1.'),
  model('a CPU utilisation target of 0%', { autoscaler: Autoscaler.cpuUtilization({ targetPercent: 0, maxReplicas: 3 }) },
    /autoscaler\.targetPercent 0 is not a utilisation target/, 'Give a whole percentage above 0.'),
  model('an HPA metric with a zero target', { autoscaler: Autoscaler.hpa({ maxReplicas: 3, metrics: [Metric.resourceCpu(MetricTarget.averageUtilization(0))] }) },
    /autoscaler\.metrics\[0\] has target averageUtilization 0/, 'Targets must be above 0.'),
  model('something other than a Metric in an HPA', { autoscaler: Autoscaler.hpa({ maxReplicas: 3, metrics: ['cpu' as any] }) },
    /autoscaler \(Autoscaler.hpa\(\) props.metrics\[0\]\) is a string "cpu"; accepted: a Metric from Metric.containerCpu\(\)/, 'Use Metric.resourceCpu(MetricTarget.averageUtilization(70)) and the other cdk8s-plus Metric factories.'),
  model('replicas beside an autoscaler', { replicas: 2, autoscaler: Autoscaler.cpuUtilization({ targetPercent: 70, maxReplicas: 3 }) },
    /replicas 2 is ignored by the operator when the predictor has an autoscaler/, 'Leave replicas unset; the autoscaler\'s minReplicas is the floor.'),
  model('CPU autoscaling of a server without a CPU request', { resources: undefined, autoscaler: Autoscaler.cpuUtilization({ targetPercent: 70, maxReplicas: 3 }) },
    /autoscaler scales on cpu utilisation, but classifier requests no cpu/, 'Give the server resources with a CPU request, or use explicitStorageInitializer (declared servers request 100m).'),
  model('KEDA without triggers', { autoscaler: Autoscaler.keda({ triggers: [] }) },
    /autoscaler\.triggers has no trigger/, 'Add a trigger, e.g. KedaTrigger.prometheus({ ... }).'),
  model('KEDA minReplicaCount above maxReplicaCount', { autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '50' } })], minReplicaCount: 6, maxReplicaCount: 3 }) },
    /autoscaler\.minReplicaCount 6 is above maxReplicaCount 3/, 'Raise maxReplicaCount (KEDA\'s default is 100) or lower minReplicaCount.'),
  model('KEDA idleReplicaCount not below minReplicaCount', { autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '50' } })], minReplicaCount: 1, idleReplicaCount: 1 }) },
    /autoscaler\.idleReplicaCount 1 is not below minReplicaCount 1/, 'KEDA requires idleReplicaCount < minReplicaCount: lower it (usually 0).'),
  model('a KEDA polling interval of 1.5 seconds', { autoscaler: Autoscaler.prometheus({ serverAddress: 'http://prometheus:9090', query: 'up', threshold: 1, pollingInterval: Duration.millis(1500) }) },
    /autoscaler\.pollingInterval 1 second 500 millis is not a whole number of seconds/, 'KEDA reads whole seconds: Duration.seconds(2).'),
  model('a KEDA fallback threshold without fallback replicas', { autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '50' } })], fallbackFailureThreshold: 3 }) },
    /autoscaler\.fallbackFailureThreshold is set without fallbackReplicas/, 'Set fallbackReplicas too, or neither.'),
  model('a Prometheus trigger without a server URL', { autoscaler: Autoscaler.prometheus({ serverAddress: 'prometheus:9090', query: 'up', threshold: 1 }) },
    /autoscaler\.triggers\[0\]\.serverAddress "prometheus:9090" is not an http\(s\) URL/, 'Give the URL with its scheme: http://prometheus:9090.'),
  model('a Prometheus trigger with threshold 0', { autoscaler: Autoscaler.prometheus({ serverAddress: 'http://prometheus:9090', query: 'up', threshold: 0 }) },
    /autoscaler\.triggers\[0\]\.threshold 0 is not a threshold KEDA can scale on/, 'Give the query\'s value per replica, above 0.'),
  model('a Prometheus trigger with an empty query', { autoscaler: Autoscaler.prometheus({ serverAddress: 'http://prometheus:9090', query: ' ', threshold: 1 }) },
    /autoscaler\.triggers\[0\]\.query " " is not a PromQL query/, 'Give the PromQL expression KEDA evaluates.'),
  model('a KEDA trigger with a bad scaler name', { autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'Prometheus Scaler', metadata: {} })] }) },
    /autoscaler\.triggers\[0\]\.triggerType "Prometheus Scaler" is not a KEDA scaler name/, 'Use KEDA\'s scaler name, e.g. "prometheus".'),
  model('a KEDA trigger with a number in its metadata', { autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: 50 as any } })] }) },
    /autoscaler \(Autoscaler.keda\(\) props.triggers\[0\] \(KedaTrigger.of\(\) props.metadata.value\)\) is the number 50; accepted: a string/, 'Quote the value: KEDA reads every setting as text.'),
  model('a KEDA trigger authentication of an unknown kind', { autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '50' }, authenticationRef: { name: 'a', kind: 'Secret' } })] }) },
    /authenticationRef\.kind "Secret" is not a KEDA authentication kind/, 'Use TriggerAuthentication or ClusterTriggerAuthentication.'),
  model('something other than an Autoscaler', { autoscaler: { maxReplicas: 3 } as any },
    /autoscaler is a plain object; accepted: an Autoscaler from Autoscaler.cpuUtilization\(\)/, 'Build it with Autoscaler.cpuUtilization(), .hpa(), .prometheus() or .keda().'),
  model('a budget of maxUnavailable 0', { disruptionBudget: DisruptionBudget.maxUnavailable(0) },
    /disruptionBudget\.maxUnavailable is 0, so no pod can ever be evicted/, 'Allow at least one pod to be unavailable.'),
  model('a budget of minAvailable 100%', { disruptionBudget: DisruptionBudget.minAvailablePercent(100) },
    /disruptionBudget\.minAvailable is 100%, so no pod can ever be evicted/, 'Require less than 100%.'),
  model('a budget of 120%', { disruptionBudget: DisruptionBudget.maxUnavailablePercent(120) },
    /disruptionBudget\.maxUnavailable 120 is not a whole percentage/, 'Percentages go from 0 to 100.'),
  model('a budget of -1 pods', { disruptionBudget: DisruptionBudget.minAvailable(-1) },
    /disruptionBudget\.minAvailable -1 is not a pod count/, 'Give a whole number from 0.'),
  model('a budget requiring as many pods as run', { replicas: 2, disruptionBudget: DisruptionBudget.minAvailable(2) },
    /disruptionBudget requires minAvailable 2 of at most 2 pods of the SeldonDeployment, so no pod can ever be evicted/, 'Add replicas or lower minAvailable (or use maxUnavailable 1).'),
  sdep('budgets on two predictors', {
    predictors: [
      predictor({ name: 'a', traffic: 50, replicas: 2, disruptionBudget: DisruptionBudget.maxUnavailable(1) }),
      predictor({ name: 'b', traffic: 50, replicas: 2, graph: mock('other'), disruptionBudget: DisruptionBudget.maxUnavailable(1) }),
    ],
  }, /predictors\[1\]\.disruptionBudget is set on predictors a and b/, 'Keep one budget: the operator\'s PDB covers every pod of the SeldonDeployment.'),
  model('a progress deadline of half a second', { progressDeadline: Duration.millis(500) },
    /progressDeadline 500 millis is not a whole number of seconds/, 'Give whole seconds, e.g. Duration.minutes(10).'),
  model('executor replicas without a separate executor pod', { engineReplicas: 2 },
    /engineReplicas 2 is ignored: the executor runs in the predictor's pod/, 'Set separateEnginePod: true, or drop engineReplicas.'),
  model('executor replicas of 1.5', { separateEnginePod: true, engineReplicas: 1.5 },
    /engineReplicas 1.5 is not a replica count/, 'Give a whole number.'),
  model('an executor variable name with a space', { engineEnv: { 'LOG LEVEL': EnvValue.fromValue('x') } },
    /engineEnv "LOG LEVEL" is not an environment variable name/, 'Use letters, digits and underscores.'),
  sdep('the kafka server type without its topics', { serverType: ServerType.KAFKA, predictors: [predictor({ engineEnv: { KAFKA_BROKER: EnvValue.fromValue('kafka:9092') } })] },
    /engineEnv lacks KAFKA_INPUT_TOPIC, KAFKA_OUTPUT_TOPIC, which the kafka server type needs/, 'Give engineEnv KAFKA_BROKER, KAFKA_INPUT_TOPIC and KAFKA_OUTPUT_TOPIC.'),
  sdep('an unknown transport', { transport: 'http' as any, predictors: [predictor({})] },
    /transport "http" is not accepted by the webhook/, 'Use Transport.REST or Transport.GRPC.'),
  sdep('an unknown server type', { serverType: 'queue' as any, predictors: [predictor({})] },
    /serverType "queue" is not accepted by the webhook/, 'Use ServerType.RPC or ServerType.KAFKA.'),
  sdep('a REST timeout of 1.5 ms', { restTimeout: Duration.millis(1.5), predictors: [predictor({})] },
    /restTimeout 1.5 millis is not a whole number of milliseconds/, 'The executor reads whole milliseconds.'),
  sdep('a gRPC message size of 4 GiB', { grpcMaxMessageSize: Size.gibibytes(4), predictors: [predictor({})] },
    /grpcMaxMessageSize "4Gi" is not a whole number of bytes the executor reads/, 'The executor parses it as int32: at most 2 GiB - 1 byte.'),
  sdep('a default logger endpoint Go cannot parse, in engineEnv', { predictors: [predictor({ engineEnv: { REQUEST_LOGGER_DEFAULT_ENDPOINT: EnvValue.fromValue('http://broker:abc/') } })] },
    /engineEnv\["REQUEST_LOGGER_DEFAULT_ENDPOINT"\] "http:\/\/broker:abc\/" has the port "abc", which is not digits \("invalid port after host"\): Go's url.Parse refuses it, and the executor parses it for every request it logs and fails the request/,
    'Give a URL with a numeric port, e.g. http://broker:8080/.'),
  sdep('a default logger endpoint Go cannot parse, as an engine annotation', { annotations: { 'seldon.io/engine-request-logger-default-endpoint': 'http://broker/a%zz' }, predictors: [predictor({})] },
    /annotations\["seldon\.io\/engine-request-logger-default-endpoint"\] "http:\/\/broker\/a%zz" has a "%" in its path that is no escape/,
    'Escape "%" as %25, or leave it out.'),
  sdep('seldon.io/no-engine on the SeldonDeployment rather than its predictor', { annotations: { 'seldon.io/no-engine': 'true' }, predictors: [predictor({})] },
    /annotations\["seldon\.io\/no-engine"\] is read by the operator only from a predictor's annotations, so here it does nothing/,
    'Put it in the predictor\'s annotations (PrepackagedModel: predictorAnnotations).'),
  sdep('seldon.io/headless-svc on a predictor', { predictors: [predictor({ annotations: { 'seldon.io/headless-svc': 'true' } })] },
    /predictors\[0\]\.annotations\["seldon\.io\/headless-svc"\] is read by the operator only from the SeldonDeployment's annotations, so on a predictor it does nothing/,
    'Put it in the SeldonDeployment\'s annotations.'),
  sdep('an Istio retry timeout with a unit', { annotations: { 'seldon.io/istio-retries': '3', 'seldon.io/istio-retries-timeout': '1s' }, predictors: [predictor({})] },
    /annotations\["seldon\.io\/istio-retries-timeout"\] "1s" is not a whole number: the operator parses it with strconv.Atoi/,
    'Give whole seconds: "1".'),
  sdep('a headless-svc of "False"', { annotations: { 'seldon.io/headless-svc': 'False' }, predictors: [predictor({})] },
    /annotations\["seldon\.io\/headless-svc"\] "False" makes the predictors' Services headless/,
    'Write "false" (or leave it out) for a Service with a cluster IP.'),
  sdep('a logger queue of 0', { loggerQueueSize: 0, predictors: [predictor({})] },
    /loggerQueueSize 0 is not a queue size/, 'Give a whole number from 1.'),
  sdep('a typed setting written as an annotation', { annotations: { 'seldon.io/rest-timeout': '5000' }, predictors: [predictor({})] },
    /annotations\["seldon\.io\/rest-timeout"\] is a typed setting; the restTimeout prop/, 'Set restTimeout: Duration.seconds(5) instead.'),
  sdep('a typed setting in metadata.annotations', { metadata: { annotations: { 'seldon.io/executor-logger-queue-size': '-1' } }, predictors: [predictor({})] },
    /metadata\.annotations\["seldon\.io\/executor-logger-queue-size"\] "-1" is a typed setting, which the operator also reads from metadata\.annotations.*; the loggerQueueSize prop/,
    'Set loggerQueueSize: 1000 instead; the operator reads these four settings from metadata.annotations when spec.annotations lacks them.'),
  sdep('a predictor gRPC timeout annotation of 0', { predictors: [predictor({ annotations: { 'seldon.io/grpc-timeout': '0' } })] },
    /predictors\[0\]\.annotations\["seldon\.io\/grpc-timeout"\] "0" would make every gRPC call the executor sends to a node fail/,
    'Give 1 ms or more, or leave the annotation out: the executor puts that deadline on every call to a node.'),
  sdep('deployment replicas of -1', { replicas: -1, predictors: [predictor({})] },
    /replicas -1 is not a replica count/, 'Give a whole number from 0.'),
  sdep('nodes with different endpoint types', { predictors: [predictor({ graph: mock('a', CPU, { endpointType: EndpointType.REST, children: [mock('b', CPU, { endpointType: EndpointType.GRPC })] }) })] },
    /predictors\[\]\.graph\.endpointType differs between nodes \(a: REST, b: GRPC\)/, 'Use one endpoint type, or leave it unset and set the deployment\'s transport.'),
  sdep('a transport that disagrees with the nodes\' endpoint type', { transport: Transport.REST, predictors: [predictor({ graph: mock('a', CPU, { endpointType: EndpointType.GRPC }) })] },
    /transport "rest" disagrees with node a's endpointType GRPC/, 'Drop endpointType from the nodes, or make the two agree.'),
  sdep('an unknown endpoint type', { predictors: [predictor({ graph: mock('a', CPU, { endpointType: 'HTTP' as any }) })] },
    /graph\.endpointType "HTTP" is not an endpoint type/, 'Use EndpointType.REST or EndpointType.GRPC.'),
  sdep('an unknown method', { predictors: [predictor({ graph: mock('a', CPU, { methods: ['PREDICT' as any] }) })] },
    /graph\.methods\[0\] "PREDICT" is not a method/, 'Use PredictiveUnitMethod values.'),
  sdep('a repeated method', { predictors: [predictor({ graph: mock('a', CPU, { methods: [PredictiveUnitMethod.ROUTE, PredictiveUnitMethod.ROUTE] }) })] },
    /graph\.methods\[1\] "ROUTE" is repeated/, 'List each method once.'),
  sdep('a component port of 70000', { predictors: [predictor({ graph: mock('a', CPU, { httpPort: 70000 }) })] },
    /graph\.httpPort 70000 is not a port number/, 'Give a port from 1 to 65535.'),
  sdep('a component on the executor\'s port', { predictors: [predictor({ graph: mock('a', CPU, { httpPort: 8000 }) })] },
    /graph\.httpPort 8000 is taken by the executor in the same pod/, 'Pick another port; the executor listens on 8000 and 5001.'),
  sdep('one port for HTTP and gRPC', { predictors: [predictor({ graph: mock('a', CPU, { httpPort: 9100, grpcPort: 9100 }) })] },
    /graph\.grpcPort 9100 is also the httpPort/, 'Give two different ports.'),
  badInput('SeldonDeployment', 'graph', 'prepackaged nodes of one pod with different ServiceAccounts', (scope: Construct) => {
    const node = (name: string) => PredictiveUnit.prepackaged({
      name, server: PrepackagedServer.SKLEARN, modelUri: IRIS, serviceAccount: ServiceAccount.fromServiceAccountName(scope, `sa-${name}`, `${name}-reader`),
    });
    new SeldonDeployment(scope, 'graph', { predictors: [predictor({ graph: PredictiveUnit.builtIn({ name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, children: [node('a'), node('b')] }) })] });
  }, /graph runs prepackaged nodes with different ServiceAccounts \("a-reader", "b-reader"\) in the predictor's pod/, 'One account for the pod, or separatePods.'),
  sdep('a declared port the operator also gives another node', {
    predictors: [predictor({
      graph: PredictiveUnit.component({
        name: 'a',
        unitType: PredictiveUnitType.TRANSFORMER,
        image: 'example.com/t:1',
        httpPort: 9001,
        children: [PredictiveUnit.prepackaged({ name: 'b', server: PrepackagedServer.SKLEARN, modelUri: IRIS })],
      }),
    })],
  }, /predictors put port 9001 on containers "a" \(http\) and "b" \(http\) of one pod/, 'Leave httpPort unset, or use a number outside 9000 upward.'),
  badInput('SeldonDeployment', 'graph', 'two deployments whose names join to one Service name', (scope: Construct) => {
    new SeldonDeployment(scope, 'first', { metadata: { name: 'x' }, predictors: [predictor({ name: 'y-z' })] });
    new SeldonDeployment(scope, 'graph', { metadata: { name: 'x-y' }, predictors: [predictor({ name: 'z' })] });
  }, /metadata.name "x-y" makes the Seldon operator create a Service named "x-y-z" \(the Service of predictor "z"\), which is also the name of the Service the Seldon operator makes for SeldonDeployment/,
  'Another deployment or predictor name.'),
  explained('an explainer env name with "="', { env: { 'a=b': EnvValue.fromValue('x') } },
    /explainer\.env\["a=b"\] is not a valid environment variable name/, 'letters, digits, "_", "-" and "."'),
  badInput('SeldonDeployment', 'graph', 'an explainer whose storage initializer would take its container\'s name', (scope: Construct) => {
    new SeldonDeployment(scope, 'graph', {
      metadata: { name: 'a'.repeat(44) },
      predictors: [predictor({ explainer: { explainerType: ExplainerType.ANCHOR_TABULAR, modelUri: ModelUri.gcs('seldon-models', 'explainer') } })],
    });
  }, /explainer\.modelUri makes the operator add a storage initializer to the explainer's container .* \(62 characters\)/,
  'A shorter deployment or predictor name.'),
  explained('explainer init parameters that are a string', { initParameters: '{"threshold": 0.9}' as any },
    /explainer\.initParameters is a string "\{\\"threshold\\": 0.9\}"; accepted: an object mapping names to any value/, 'Give an object; the library writes the JSON.'),
  explained('explainer init parameters JSON cannot hold', { initParameters: { n: BigInt(1) } },
    /explainer\.initParameters is not an object JSON can hold/, 'Use strings, numbers, booleans, lists and objects.'),
  explained('an explainer image with a space', { image: 'seldonio/alibi explainer' },
    /explainer\.image "seldonio\/alibi explainer" is not an image reference/, 'Give an image reference.'),
  explained('an unknown explainer endpoint type', { endpointType: 'grpc' as any },
    /explainer\.endpointType "grpc" is not an endpoint type/, 'Use EndpointType.GRPC.'),
  model('a GPU count of 0', { gpu: Gpu.nvidia(0) },
    /gpu count 0 is not a whole number above 0/, 'Request whole devices: Gpu.nvidia(1).'),
  model('a GPU in the kubernetes.io domain', { gpu: Gpu.of('kubernetes.io/gpu', 1) },
    /gpu resource name "kubernetes.io\/gpu" is in the kubernetes.io domain/, 'Use the device plugin\'s resource name, e.g. nvidia.com/gpu.'),
  model('a probe that is not a cdk8s-plus Probe', { livenessProbe: { httpGet: { path: '/' } } as any },
    /livenessProbe is a plain object; accepted: a Probe from Probe.fromCommand\(\), Probe.fromHttpGet\(\), Probe.fromTcpSocket\(\)/, 'Use Probe.fromHttpGet(), Probe.fromTcpSocket() or Probe.fromCommand().'),
  model('a probe delay of 1.5 seconds', { livenessProbe: Probe.fromHttpGet('/health/ping', { initialDelaySeconds: Duration.millis(1500) }) },
    /livenessProbe has a time that is not whole seconds/, 'Give probe times in whole seconds.'),
  model('an MLServer readiness probe on another path', { protocol: SeldonProtocol.V2, readinessProbe: Probe.fromHttpGet('/ready') },
    /readinessProbe is replaced on an MLServer node/, "Use Probe.fromHttpGet('/v2/health/ready', { ...timings }), or explicitStorageInitializer: true."),
  sdep('a predictor ServiceAccount that a node replaces', {
    predictors: [predictor({
      serviceAccount: ServiceAccount.fromServiceAccountName(new Chart(new App(), 'sa'), 'a', 'pod-sa'),
      graph: PredictiveUnit.prepackaged({ name: 'c', server: PrepackagedServer.SKLEARN, modelUri: IRIS, serviceAccount: ServiceAccount.fromServiceAccountName(new Chart(new App(), 'sb'), 'b', 'node-sa') }),
    })],
  }, /serviceAccount "pod-sa" differs from node c's serviceAccount "node-sa"/, 'Set the ServiceAccount on the node or on the predictor, not both.'),
  sdep('a graph 12 nodes deep', { predictors: [predictor({ graph: chain(12) })] },
    /graph(\.children\[0\]){10}\.children are 11 levels below the graph root, deeper than the 10 levels the CRD of Seldon's Helm chart keeps/,
    'Flatten the graph: the API server drops children below the tenth level.'),
  model('a pod grace period of 1.5 seconds', { terminationGracePeriod: Duration.millis(1500) },
    /terminationGracePeriod 1 second 500 millis is not a whole number of seconds from 0/, 'Give the grace period in whole seconds: Duration.seconds(2).'),
  model('a pod grace period of NaN seconds (from JavaScript arithmetic)', { terminationGracePeriod: Duration.seconds(NaN) },
    /terminationGracePeriod a Duration of NaN milliseconds is not a whole number of seconds from 0; a Duration of whole seconds from 0/,
    'Compute the grace period as a whole number of seconds: Duration.seconds(30).'),
  sdep('a pod grace period that is a number', { predictors: [predictor({ terminationGracePeriod: 30 as any })] },
    /predictors\[0\]\.terminationGracePeriod is the number 30; accepted: a Duration/, 'Use Duration.seconds(30).'),
  {
    construct: 'SeldonServer',
    id: 'mlserver',
    input: 'a Server pod grace period of 0 seconds',
    error: /terminationGracePeriod is 0 seconds, which the operator's merge onto the ServerConfig's pod drops/,
    fix: 'The operator keeps the ServerConfig\'s grace period over a Server\'s 0: set 0 on the ServerConfig, or give the Server 1 second or more.',
    build: (scope: Construct) => {
      new SeldonServer(scope, 'mlserver', { terminationGracePeriod: Duration.seconds(0) });
    },
  },
  sdep('a separate pod naming a node the graph lacks', { predictors: [predictor({ graph: mock('a', CPU, { children: [mock('b')] }), separatePods: [{ nodes: ['c'] }] })] },
    /predictors\[0\]\.separatePods\[0\]\.nodes\[0\] "c" is not a node of the graph that runs a container/, 'Name a component or prepackaged node of the predictor\'s graph.'),
  sdep('a separate pod without nodes', { predictors: [predictor({ graph: mock('a', CPU, { children: [mock('b')] }), separatePods: [{ nodes: [] }] })] },
    /predictors\[0\]\.separatePods\[0\]\.nodes \[\] names no node/, 'List the nodes whose containers run in the pod.'),
  sdep('a node in two separate pods', { predictors: [predictor({ graph: mock('a', CPU, { children: [mock('b')] }), separatePods: [{ nodes: ['b'] }, { nodes: ['b'] }] })] },
    /separatePods\[1\]\.nodes\[0\] "b" is also in separatePods\[0\]/, 'Put each node in one pod.'),
  sdep('a separate pod with 1.5 replicas', { predictors: [predictor({ graph: mock('a', CPU, { children: [mock('b')] }), separatePods: [{ nodes: ['b'], replicas: 1.5 }] })] },
    /separatePods\[0\]\.replicas 1\.5 is not a replica count/, 'Give a whole number of replicas.'),
  sdep('replicas beside a separate pod\'s autoscaler', {
    predictors: [predictor({
      graph: mock('a', CPU, { children: [mock('b')] }),
      separatePods: [{ nodes: ['b'], replicas: 2, autoscaler: Autoscaler.cpuUtilization({ targetPercent: 50, maxReplicas: 3 }) }],
    })],
  }, /separatePods\[0\]\.replicas 2 is ignored by the operator when the pod has an autoscaler/, 'Leave replicas unset and set the autoscaler\'s bounds.'),
  sdep('separate pods taking every node', { predictors: [predictor({ graph: mock('a', CPU, { children: [mock('b')] }), separatePods: [{ nodes: ['a', 'b'] }] })] },
    /predictors\[0\]\.separatePods take every node that runs a container \(a, b\), leaving the executor no pod to join/,
    'Keep one node in the predictor\'s own pod, or set separateEnginePod: true.'),
  sdep('separate pods in explicit storage-initializer mode', {
    explicitStorageInitializer: true,
    predictors: [predictor({ graph: mock('a', CPU, { children: [PredictiveUnit.prepackaged({ name: 'b', server: PrepackagedServer.SKLEARN, modelUri: IRIS })] }), separatePods: [{ nodes: ['a'] }] })],
  }, /predictors\[0\]\.separatePods are set in explicit storage-initializer mode/, 'Leave explicitStorageInitializer unset to use separate pods.'),
  {
    construct: 'SeldonDeployment',
    id: 'graph',
    input: 'separatePod() of a pod that does not exist',
    error: /separatePod\(\) "default" has no separate pod 2; accepted: one of default 0/,
    fix: 'Index the predictor\'s separatePods from 0.',
    build: (scope: Construct) => {
      new SeldonDeployment(scope, 'graph', { predictors: [predictor({ graph: mock('a', CPU, { children: [mock('b')] }), separatePods: [{ nodes: ['b'] }] })] }).separatePod('default', 2);
    },
  },
  model('a KEDA scale-down window of 2 hours', {
    autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '60' } })], scaleDown: { stabilizationWindow: Duration.minutes(120) } }),
  }, /autoscaler\.scaleDown\.stabilizationWindow .* is not whole seconds from 0 to 1 hour/, 'Kubernetes keeps windows up to one hour: Duration.minutes(60) at most.'),
  model('a KEDA scaling policy of 0 pods', {
    autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '60' } })], scaleUp: { policies: [{ replicas: Replicas.absolute(0) }] } }),
  }, /autoscaler\.scaleUp\.policies\[0\]\.replicas 0 is not a whole number above 0/, 'Change by at least one pod or one percent.'),
  model('a KEDA scaling policy over 31 minutes', {
    autoscaler: Autoscaler.keda({
      triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '60' } })], scaleUp: { policies: [{ replicas: Replicas.absolute(1), duration: Duration.minutes(31) }] },
    }),
  }, /autoscaler\.scaleUp\.policies\[0\]\.duration 31 minutes is not whole seconds from 1 to 30 minutes/, 'Give policy periods from 1 second to 30 minutes.'),
  model('an unknown KEDA scaling strategy', {
    autoscaler: Autoscaler.keda({ triggers: [KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '60' } })], scaleDown: { strategy: 'Fastest' as any } }),
  }, /autoscaler\.scaleDown\.strategy "Fastest" is not a scaling strategy/, 'Use ScalingStrategy.MAX_CHANGE or MIN_CHANGE.'),
  model('an unknown image pull policy', { imagePullPolicy: 'Sometimes' as any },
    /imagePullPolicy "Sometimes" is not an image pull policy/, 'Use ImagePullPolicy.ALWAYS, IF_NOT_PRESENT or NEVER.'),
  sdep('component args that are one string', { predictors: [predictor({ graph: mock('a', CPU, { args: '--port=8500' }) })] },
    /predictors\[0\]\.graph \(PredictiveUnit\.component\(\) props\.args\) is a string "--port=8500"/, 'Give each argument as its own string: [\'--port=8500\'].'),
];

function chain(n: number): PredictiveUnit {
  let unit = mock(`n${n - 1}`);
  for (let i = n - 2; i >= 0; i--) unit = mock(`n${i}`, CPU, { children: [unit] });
  return unit;
}
