/**
 * The pod specs of the ServerConfigs `mlserver` and `triton` that a Seldon
 * Core v2.10.2 installation ships (SELDON-FACTS §2.5; k8s/yaml/components.yaml@v2.10.2),
 * for previewing Servers whose ServerConfig is not among the manifests.
 * Capabilities and resources come from `../capabilities`.
 */
import { Json } from '../../k8s/json';
import { AGENT_CONTAINER, AGENT_VOLUME_PATH, CAPABILITIES_ENV, DEFAULT_SERVER_CONFIGS, RCLONE_CONTAINER, SELDON_CORE_V2_VERSION } from '../capabilities';

const PRE_STOP = { preStop: { httpGet: { path: 'terminate', port: 9007 } } };
const MODELS_DIR = `${AGENT_VOLUME_PATH}/models`;

/** capabilities.ts does not hold the triton container's resources yet (issue 15); components.yaml@v2.10.2 gives them. */
const TRITON_RESOURCES = { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } };

const env = (vars: Record<string, string>): Json[] => Object.entries(vars).map(([name, value]) => ({ name, value }));

/** Agent variables besides capabilities, ports and identity, as the chart renders them. */
const AGENT_SETTINGS = {
  SELDON_MODEL_INFERENCE_LAG_THRESHOLD: '30',
  SELDON_MODEL_INACTIVE_SECONDS_THRESHOLD: '600',
  SELDON_SCALING_STATS_PERIOD_SECONDS: '20',
  SELDON_MAX_TIME_READY_SUB_SERVICE_AFTER_START_SECONDS: '30',
  SELDON_MAX_ELAPSED_TIME_READY_SUB_SERVICE_BEFORE_START_MINUTES: '15',
  SELDON_PERIOD_READY_SUB_SERVICE_SECONDS: '60',
  SELDON_MAX_LOAD_ELAPSED_TIME_MINUTES: '120',
  SELDON_MAX_UNLOAD_ELAPSED_TIME_MINUTES: '15',
  SELDON_MAX_LOAD_RETRY_COUNT: '5',
  SELDON_MAX_UNLOAD_RETRY_COUNT: '1',
  SELDON_UNLOAD_GRACE_PERIOD_SECONDS: '2',
  SELDON_OVERCOMMIT_PERCENTAGE: '10',
  CONTROL_PLANE_SECURITY_PROTOCOL: 'PLAINTEXT',
  CONTROL_PLANE_CLIENT_TLS_SECRET_NAME: 'seldon-controlplane-client',
  CONTROL_PLANE_SERVER_TLS_SECRET_NAME: 'seldon-controlplane-server',
  CONTROL_PLANE_CLIENT_TLS_KEY_LOCATION: '/tmp/certs/cpc/tls.key',
  CONTROL_PLANE_CLIENT_TLS_CRT_LOCATION: '/tmp/certs/cpc/tls.crt',
  CONTROL_PLANE_CLIENT_TLS_CA_LOCATION: '/tmp/certs/cpc/ca.crt',
  CONTROL_PLANE_SERVER_TLS_CA_LOCATION: '/tmp/certs/cps/ca.crt',
  ENVOY_SECURITY_PROTOCOL: 'PLAINTEXT',
  ENVOY_UPSTREAM_SERVER_TLS_SECRET_NAME: 'seldon-upstream-server',
  ENVOY_UPSTREAM_CLIENT_TLS_SECRET_NAME: 'seldon-upstream-client',
  ENVOY_UPSTREAM_SERVER_TLS_KEY_LOCATION: '/tmp/certs/dus/tls.key',
  ENVOY_UPSTREAM_SERVER_TLS_CRT_LOCATION: '/tmp/certs/dus/tls.crt',
  ENVOY_UPSTREAM_SERVER_TLS_CA_LOCATION: '/tmp/certs/dus/ca.crt',
  ENVOY_UPSTREAM_CLIENT_TLS_CA_LOCATION: '/tmp/certs/duc/ca.crt',
  MLSERVER_TRACING_SERVER: 'seldon-collector.seldon-mesh:4317',
  SELDON_LOG_LEVEL: 'info',
  SELDON_USE_DEPLOYMENTS_FOR_SERVERS: 'false',
  SELDON_SERVER_HTTP_PORT: '9000',
  SELDON_SERVER_GRPC_PORT: '9500',
  SELDON_REVERSE_PROXY_HTTP_PORT: '9001',
  SELDON_REVERSE_PROXY_GRPC_PORT: '9501',
  SELDON_SCHEDULER_HOST: 'seldon-scheduler',
  SELDON_SCHEDULER_PORT: '9005',
  SELDON_SCHEDULER_TLS_PORT: '9055',
  SELDON_METRICS_PORT: '9006',
  SELDON_DRAINER_PORT: '9007',
  SELDON_READINESS_PORT: '9008',
  AGENT_TLS_SECRET_NAME: '',
  AGENT_TLS_FOLDER_PATH: '',
};

function rclone(config: string): Json {
  return {
    name: RCLONE_CONTAINER,
    image: `docker.io/seldonio/seldon-rclone:${SELDON_CORE_V2_VERSION}`,
    command: ['rclone'],
    args: ['rcd', '--rc-no-auth', '--config=/rclone/rclone.conf', '--rc-addr=0.0.0.0:5572', '--max-buffer-memory=$(MAX_BUFFER_MEMORY)'],
    env: env({ RCLONE_LOG_LEVEL: 'INFO', MAX_BUFFER_MEMORY: '64M' }),
    imagePullPolicy: 'IfNotPresent',
    lifecycle: PRE_STOP,
    livenessProbe: {
      exec: { command: ['rclone', 'rc', 'rc/noop'] }, failureThreshold: 1, initialDelaySeconds: 5, periodSeconds: 5, successThreshold: 1, timeoutSeconds: 1,
    },
    ports: [{ containerPort: 5572, name: 'rclone', protocol: 'TCP' }],
    readinessProbe: {
      failureThreshold: 3, initialDelaySeconds: 5, periodSeconds: 5, successThreshold: 1, tcpSocket: { port: 5572 }, timeoutSeconds: 1,
    },
    resources: structuredClone(DEFAULT_SERVER_CONFIGS[config].resources[RCLONE_CONTAINER]),
    volumeMounts: [{ mountPath: AGENT_VOLUME_PATH, name: `${config}-models` }],
  };
}

function agent(config: string, serverContainer: string): Json {
  const defaults = DEFAULT_SERVER_CONFIGS[config];
  return {
    name: AGENT_CONTAINER,
    image: `docker.io/seldonio/seldon-agent:${SELDON_CORE_V2_VERSION}`,
    command: ['/bin/agent'],
    args: ['--tracing-config-path=/mnt/tracing/tracing.json'],
    env: [
      { name: CAPABILITIES_ENV, value: defaults.capabilities.join(',') },
      ...env(AGENT_SETTINGS),
      ...env({ SELDON_SERVER_TYPE: config, SELDON_ENVOY_HOST: 'seldon-mesh', SELDON_ENVOY_PORT: '80' }),
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'MEMORY_REQUEST', valueFrom: { resourceFieldRef: { containerName: serverContainer, resource: 'requests.memory' } } },
    ],
    imagePullPolicy: 'IfNotPresent',
    lifecycle: PRE_STOP,
    ports: [
      { containerPort: 9501, name: 'grpc', protocol: 'TCP' },
      { containerPort: 9001, name: 'http', protocol: 'TCP' },
      { containerPort: 9006, name: 'metrics', protocol: 'TCP' },
      { containerPort: 9008, name: 'readiness-port' },
    ],
    readinessProbe: { failureThreshold: 1, httpGet: { path: '/ready', port: 9008 }, periodSeconds: 5 },
    resources: structuredClone(defaults.resources[AGENT_CONTAINER]),
    startupProbe: { failureThreshold: 60, httpGet: { path: '/ready', port: 9008 }, periodSeconds: 15 },
    volumeMounts: [
      { mountPath: AGENT_VOLUME_PATH, name: `${config}-models` },
      { mountPath: '/mnt/config', name: 'config-volume' },
      { mountPath: '/mnt/tracing', name: 'tracing-config-volume' },
    ],
  };
}

function serverProbes(): Json {
  const live = { path: '/v2/health/live', port: 'server-http' };
  return {
    livenessProbe: { httpGet: live },
    readinessProbe: { httpGet: live, initialDelaySeconds: 5, periodSeconds: 5 },
    startupProbe: { failureThreshold: 10, httpGet: live, periodSeconds: 10 },
  };
}

function serverPorts(metrics: number): Json[] {
  return [
    { containerPort: 9500, name: 'server-grpc', protocol: 'TCP' },
    { containerPort: 9000, name: 'server-http', protocol: 'TCP' },
    { containerPort: metrics, name: 'server-metrics' },
  ];
}

function mlserver(): Json {
  return {
    name: 'mlserver',
    image: 'docker.io/seldonio/mlserver:1.7.1',
    env: env({
      MLSERVER_PARALLEL_WORKERS: '1',
      MLSERVER_DEBUG: 'false',
      MLSERVER_HTTP_PORT: '9000',
      MLSERVER_GRPC_PORT: '9500',
      MLSERVER_MODELS_DIR: MODELS_DIR,
      MLSERVER_LOAD_MODELS_AT_STARTUP: 'false',
      MLSERVER_GRPC_MAX_MESSAGE_LENGTH: '1048576000',
    }),
    imagePullPolicy: 'IfNotPresent',
    lifecycle: PRE_STOP,
    ...serverProbes(),
    ports: serverPorts(8082),
    resources: structuredClone(DEFAULT_SERVER_CONFIGS.mlserver.resources.mlserver),
    volumeMounts: [
      { mountPath: AGENT_VOLUME_PATH, name: 'mlserver-models', readOnly: true },
      { mountPath: '/mnt/certs', name: 'downstream-ca-certs', readOnly: true },
    ],
  };
}

function triton(): Json {
  return {
    name: 'triton',
    image: 'nvcr.io/nvidia/tritonserver:23.03-py3',
    command: ['bash'],
    args: ['-c', 'tritonserver --model-repository=$(SERVER_MODELS_DIR) --http-port=$(SERVER_HTTP_PORT) --grpc-port=$(SERVER_GRPC_PORT) --log-verbose=1 --model-control-mode=explicit --backend-config=python,shm-default-byte-size=16777216'],
    env: env({ SERVER_HTTP_PORT: '9000', SERVER_GRPC_PORT: '9500', SERVER_MODELS_DIR: MODELS_DIR, LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/libtcmalloc.so.4' }),
    imagePullPolicy: 'IfNotPresent',
    lifecycle: PRE_STOP,
    ...serverProbes(),
    ports: serverPorts(8002),
    resources: structuredClone(DEFAULT_SERVER_CONFIGS.triton.resources.triton ?? TRITON_RESOURCES),
    volumeMounts: [
      { mountPath: AGENT_VOLUME_PATH, name: 'triton-models', readOnly: true },
      { mountPath: '/dev/shm', name: 'dshm', readOnly: false },
    ],
  };
}

const CONFIG_VOLUMES: Json[] = [
  { name: 'config-volume', configMap: { name: 'seldon-agent' } },
  { name: 'tracing-config-volume', configMap: { name: 'seldon-tracing' } },
];

/** The installation's ServerConfig of that name, as a manifest, or undefined. */
export function defaultServerConfig(name: string): Json | undefined {
  if (name !== 'mlserver' && name !== 'triton') return undefined;
  const server = name === 'mlserver' ? mlserver() : triton();
  const volumes = name === 'mlserver'
    ? [{ name: 'downstream-ca-certs', secret: { optional: true, secretName: 'seldon-downstream-server' } }, ...CONFIG_VOLUMES]
    : [...CONFIG_VOLUMES, { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } }];
  return {
    apiVersion: 'mlops.seldon.io/v1alpha1',
    kind: 'ServerConfig',
    metadata: { name },
    spec: {
      podSpec: {
        containers: [rclone(name), agent(name, server.name), server],
        securityContext: { fsGroup: 1000, runAsGroup: 1000, runAsNonRoot: true, runAsUser: 1000 },
        serviceAccountName: 'seldon-server',
        terminationGracePeriodSeconds: 120,
        volumes: structuredClone(volumes),
      },
      volumeClaimTemplates: [{ name: `${name}-models`, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}
