import { Duration, Size } from 'cdk8s';
import { Cpu, EmptyDirMedium, Env, EnvValue, ImagePullPolicy, Volume, k8s, Metric, Replicas, ScalingStrategy, MetricTarget, Node, NodeLabelQuery, NodeTaintQuery, Probe, Secret, ServiceAccount, Topology } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  Gpu, SeldonProtocol,
  Autoscaler, DisruptionBudget, EndpointType, ExplainerType, KedaTrigger, ModelUri, PredictiveUnit, PredictiveUnitMethod,
  PredictiveUnitType, PrepackagedModel, PrepackagedServer, SeldonDeployment, ServerType, Transport,
} from '../../src';

/** One of each production setting, for the strict CRD test. */
export function addProductionExamples(scope: Construct): void {
  const cpu = { cpu: { request: Cpu.millis(500) } };
  const component = (name: string) => PredictiveUnit.component({ name, unitType: PredictiveUnitType.MODEL, image: 'seldonio/mock_classifier:1.5.0-dev', resources: cpu });
  // Sidecars, volumes, container order and a node's mounts, security context, envFrom and ports (predictor-pod-props.ts).
  new SeldonDeployment(scope, 'sidecars', {
    predictors: [{
      name: 'example',
      graph: PredictiveUnit.component({
        name: 'proxy',
        unitType: PredictiveUnitType.MODEL,
        image: 'seldonio/tfserving-proxy:0.2',
        volumeMounts: [{ volume: Volume.fromEmptyDir(scope, 'shm', 'dshm', { medium: EmptyDirMedium.MEMORY, sizeLimit: Size.gibibytes(1) }), path: '/dev/shm', readOnly: false }],
        securityContext: { user: 1000, group: 1000, ensureNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
        envFrom: [Env.fromSecret(Secret.fromSecretName(scope, 'env-creds', 'creds'))],
        ports: [{ number: 12345, name: 'object-mgr' }],
      }),
      sidecars: [{
        name: 'server',
        image: 'tensorflow/serving:2.14.0',
        args: ['--port=7001'],
        resources: { limits: { memory: k8s.Quantity.fromString('2Gi') } },
        readinessProbe: { tcpSocket: { port: k8s.IntOrString.fromNumber(7001) } },
        volumeMounts: [{ name: 'models', mountPath: '/models' }],
      }],
      volumes: [Volume.fromEmptyDir(scope, 'models', 'models')],
      containerOrder: ['server'],
    }],
  });
  new SeldonDeployment(scope, 'hpa', {
    predictors: [{ name: 'example', graph: component('classifier'), autoscaler: Autoscaler.cpuUtilization({ targetPercent: 70, minReplicas: 1, maxReplicas: 3 }) }],
  });
  new SeldonDeployment(scope, 'hpa-full', {
    predictors: [{
      name: 'example',
      graph: component('classifier'),
      autoscaler: Autoscaler.hpa({ maxReplicas: 4, metrics: [Metric.resourceMemory(MetricTarget.averageValue(1000)), Metric.pods({ name: 'rps', target: MetricTarget.averageValue(3) })] }),
    }],
  });
  new SeldonDeployment(scope, 'keda', {
    predictors: [{
      name: 'example',
      graph: component('classifier'),
      autoscaler: Autoscaler.keda({
        triggers: [
          KedaTrigger.prometheus({ serverAddress: 'http://prometheus:9090', query: 'sum(rate(x[1m]))', threshold: 10, metricName: 'x', authenticationRef: { name: 'prom', kind: 'ClusterTriggerAuthentication' } }),
          KedaTrigger.of({ triggerType: 'cpu', metadata: { value: '60' }, name: 'cpu' }),
        ],
        pollingInterval: Duration.seconds(15),
        cooldownPeriod: Duration.minutes(5),
        minReplicaCount: 1,
        maxReplicaCount: 5,
        idleReplicaCount: 0,
        fallbackReplicas: 2,
        fallbackFailureThreshold: 4,
        restoreToOriginalReplicaCount: true,
        scaleDown: {
          stabilizationWindow: Duration.minutes(10),
          strategy: ScalingStrategy.MIN_CHANGE,
          policies: [{ replicas: Replicas.percent(50), duration: Duration.minutes(1) }],
        },
        scaleUp: { policies: [{ replicas: Replicas.absolute(2) }] },
      }),
    }],
  });
  new PrepackagedModel(scope, 'iris', {
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
    disruptionBudget: DisruptionBudget.minAvailablePercent(50),
    replicas: 3,
    progressDeadline: Duration.minutes(15),
    sslCertificate: Secret.fromSecretName(scope, 'cert', 'iris-tls'),
    restTimeout: Duration.seconds(10),
    grpcTimeout: Duration.seconds(10),
    grpcMaxMessageSize: Size.mebibytes(100),
    loggerQueueSize: 20000,
    loggerWriteTimeout: Duration.seconds(3),
    engineEnv: { LOG_LEVEL: EnvValue.fromValue('DEBUG') },
    transport: Transport.REST,
    annotations: { 'seldon.io/istio-gateway': 'istio-system/seldon-gateway' },
  });
  // A separate executor pod gets none of the executor annotations (seldondeployment_engine.go), so none are set here.
  new PrepackagedModel(scope, 'iris-engine', {
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
    separateEnginePod: true,
    engineReplicas: 2,
    loggerQueueSize: 20000,
  });
  new SeldonDeployment(scope, 'kafka', {
    replicas: 2,
    serverType: ServerType.KAFKA,
    predictors: [{
      name: 'default',
      graph: component('classifier'),
      disruptionBudget: DisruptionBudget.maxUnavailablePercent(25),
      engineEnv: {
        KAFKA_BROKER: EnvValue.fromValue('kafka:9092'),
        KAFKA_INPUT_TOPIC: EnvValue.fromValue('in'),
        KAFKA_OUTPUT_TOPIC: EnvValue.fromValue('out'),
      },
    }],
  });
  new SeldonDeployment(scope, 'grpc', {
    transport: Transport.GRPC,
    predictors: [{
      name: 'default',
      graph: PredictiveUnit.component({
        name: 'router',
        unitType: PredictiveUnitType.ROUTER,
        image: 'me/router:1',
        command: ['python', '-m', 'router'],
        args: ['--grpc-port=9600'],
        imagePullPolicy: ImagePullPolicy.ALWAYS,
        endpointType: EndpointType.GRPC,
        methods: [PredictiveUnitMethod.ROUTE],
        httpPort: 9100,
        grpcPort: 9600,
        children: [component('a'), component('b')],
      }),
      separatePods: [
        { nodes: ['a'], replicas: 2, terminationGracePeriod: Duration.seconds(45), podLabels: { pod: 'a' } },
        { nodes: ['b'], autoscaler: Autoscaler.cpuUtilization({ targetPercent: 60, maxReplicas: 4 }) },
      ],
      explainer: {
        explainerType: ExplainerType.ANCHOR_TABULAR,
        image: 'seldonio/alibiexplainer:1.18.2',
        resources: cpu,
        env: { A: EnvValue.fromValue('1') },
        endpointType: EndpointType.GRPC,
        // The seldon protocol's Alibi explainer takes its settings as arguments (config); initParameters is v2's.
        config: { threshold: '0.9' },
        serviceAccount: ServiceAccount.fromServiceAccountName(scope, 'sa', 'explainer'),
      },
    }],
  });
  const triton = new PrepackagedModel(scope, 'triton', {
    server: PrepackagedServer.TRITON,
    protocol: SeldonProtocol.V2,
    modelUri: ModelUri.gcs('seldon-models', 'triton/simple'),
    gpu: Gpu.nvidia(1),
    podLabels: { team: 'vision' },
    podAnnotations: { a: 'b' },
    priorityClassName: 'high',
    imagePullSecrets: [Secret.fromSecretName(scope, 'ngc', 'ngc')],
    imagePullPolicy: ImagePullPolicy.ALWAYS,
    terminationGracePeriod: Duration.minutes(2),
    livenessProbe: Probe.fromTcpSocket({ initialDelaySeconds: Duration.seconds(90) }),
    readinessProbe: Probe.fromHttpGet('/v2/health/ready', { port: 9000 }),
    startupProbe: Probe.fromCommand(['true']),
  });
  triton.scheduling.attract(Node.labeled(NodeLabelQuery.is('accelerator', 'a100')), { weight: 50 });
  triton.scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present')));
  triton.scheduling.spread({ topology: Topology.ZONE });
  new PrepackagedModel(scope, 'explicit', {
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
    explicitStorageInitializer: true,
    gpu: Gpu.nvidia(1),
    imagePullPolicy: ImagePullPolicy.NEVER,
    terminationGracePeriod: Duration.seconds(0),
    serviceAccount: ServiceAccount.fromServiceAccountName(scope, 'reader', 'reader'),
  });
}
