/**
 * The executor (service orchestrator) container the v1 operator adds to the
 * pod of the graph's `localhost` node (SELDON-FACTS §1.6.2;
 * operator/controllers/seldondeployment_engine.go@v1.18.2 `addEngineToDeployment`,
 * `createEngineContainer`, `createExecutorContainer`; operator/controllers/utils/controller_utils.go).
 */
import { podinfoVolume } from './deployment';
import { ANNOTATIONS, ENGINE_CONTAINER, LABELS, PODINFO_PATH, PODINFO_VOLUME, sdepAnnotation } from './names';
import { Json, V1OperatorConfig } from './operator-config';

/**
 * `ENGINE_PREDICTOR`: the defaulted predictor (traffic and replicas zeroed, no
 * explainer) as base64 JSON. Go's field order differs; the content is the same.
 */
function enginePredictor(predictor: Json): string {
  const copy = structuredClone(predictor);
  copy.traffic = 0;
  copy.replicas = 0;
  delete copy.explainer;
  return Buffer.from(JSON.stringify(copy)).toString('base64');
}

/** `GetEngineEnvAnnotations`: `seldon.io/engine-<x>` annotations of the spec as env `<X>`, sorted by key. */
function annotationEnv(sdep: Json): Json[] {
  const annotations: Json = sdep.spec?.annotations ?? {};
  return Object.keys(annotations).sort()
    .filter(k => k.startsWith('seldon.io/engine-') && k !== ANNOTATIONS.separateEngine)
    .map(k => ({ name: k.slice('seldon.io/engine-'.length).replace(/-/g, '_').toUpperCase(), value: annotations[k] }));
}

/** `createEngineContainer`. */
export function executorContainer(sdep: Json, predictor: Json, config: V1OperatorConfig): Json {
  const http = config.executorHttpPort;
  const grpc = config.executorGrpcPort;
  const scheme = predictor.ssl?.certSecretName ? 'HTTPS' : 'HTTP';
  const probe = (path: string) => ({
    httpGet: { port: http, path, scheme }, initialDelaySeconds: 20, periodSeconds: 5, failureThreshold: 3, successThreshold: 1, timeoutSeconds: 60,
  });
  const env: Json[] = [
    { name: 'ENGINE_PREDICTOR', value: enginePredictor(predictor) },
    { name: 'REQUEST_LOGGER_DEFAULT_ENDPOINT', value: config.requestLoggerEndpoint },
  ];
  const fromSvcOrch = new Set<string>();
  for (const e of predictor.svcOrchSpec?.env ?? []) {
    env.push(e);
    fromSvcOrch.add(e.name);
  }
  for (const e of annotationEnv(sdep)) {
    if (!fromSvcOrch.has(e.name)) env.push(e);
  }
  return {
    name: ENGINE_CONTAINER,
    image: config.executorImage,
    args: [
      '--sdep', sdep.metadata.name,
      '--namespace', sdep.metadata.namespace,
      '--predictor', predictor.name,
      '--http_port', String(http),
      '--grpc_port', String(grpc),
      '--protocol', sdep.spec?.protocol || 'seldon',
      '--transport', sdep.spec?.transport || 'rest',
      '--prometheus_path', config.prometheusPath,
      '--server_type', sdep.spec?.serverType || 'rpc',
      '--log_work_buffer_size', sdepAnnotation(sdep, 'seldon.io/executor-logger-queue-size', config.requestLoggerWorkQueueSize),
      '--log_write_timeout_ms', sdepAnnotation(sdep, 'seldon.io/executor-logger-write-timeout-ms', config.requestLoggerWriteTimeoutMs),
      `--full_health_checks=${config.fullHealthChecks}`,
    ],
    imagePullPolicy: config.executorPullPolicy,
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: [{ name: PODINFO_VOLUME, mountPath: PODINFO_PATH }],
    env,
    ports: [
      { containerPort: http, protocol: 'TCP', name: 'http' },
      { containerPort: http, protocol: 'TCP', name: config.metricsPortName },
      { containerPort: grpc, protocol: 'TCP', name: 'grpc' },
    ],
    readinessProbe: probe('/ready'),
    livenessProbe: probe('/live'),
    resources: structuredClone(predictor.svcOrchSpec?.resources ?? config.executorResources),
    ...(config.executorUser !== undefined ? { securityContext: { runAsUser: config.executorUser, allowPrivilegeEscalation: false } } : {}),
  };
}

/** `addEngineToDeployment`. */
export function addExecutor(deployment: Json, sdep: Json, predictor: Json, predictorService: string, config: V1OperatorConfig): void {
  const pod = deployment.spec.template.spec;
  if (pod.containers.some((c: Json) => c.name === ENGINE_CONTAINER)) return;
  deployment.metadata.labels[LABELS.svcOrch] = 'true';
  pod.containers.push(executorContainer(sdep, predictor, config));
  Object.assign(deployment.metadata.annotations, predictor.annotations ?? {});
  Object.assign(deployment.spec.template.metadata.annotations, predictor.annotations ?? {});
  deployment.metadata.labels[LABELS.seldonApp] = predictorService;
  deployment.spec.selector.matchLabels[LABELS.seldonApp] = predictorService;
  deployment.spec.template.metadata.labels[LABELS.seldonApp] = predictorService;
  if (!pod.volumes.some((v: Json) => v.name === PODINFO_VOLUME || v.name === 'podinfo')) pod.volumes.push(podinfoVolume());
}
