/**
 * The Service the v1 operator builds for each graph-node container, and what
 * it does to the container while at it: ports, probes, preStop, environment
 * (SELDON-FACTS §1.6.1; operator/controllers/seldondeployment_controller.go@v1.18.2
 * `createContainerService`, `addPortEnvs`, `addModelEnvs`).
 */
import { PARAMETERS_ENV, STORAGE_INITIALIZER } from '../operator-defaults';
import { hasEnvVar, parametersJson, setEnvVar } from './env';
import { findUnit, usesGrpc } from './graph';
import { LABELS, containerServiceName, predictorServiceName } from './names';
import { Json, V1OperatorConfig } from './operator-config';
import { graphPorts, graphProbe } from './server-settings';

function tcpProbe(port: number, initialDelaySeconds: number): Json {
  return graphProbe({ tcpSocket: { port } }, initialDelaySeconds);
}

/** The parameters of a node as the operator holds them (name, value, type). */
function parameters(unit: Json): Json[] {
  return (unit.parameters ?? []).map((p: Json) => ({ name: p.name, value: p.value, type: p.type }));
}

/**
 * Builds the container's Service and mutates `container` (a container of
 * `deployment`), or returns undefined when no graph node has its name.
 */
export function createContainerService(sdep: Json, predictor: Json, deployment: Json, container: Json, config: V1OperatorConfig): Json | undefined {
  const unit = findUnit(predictor.graph, container.name);
  if (!unit) return undefined;
  const key = `${LABELS.seldonAppSvc}-${container.name}`;
  const value = containerServiceName(sdep, predictor, container.name);
  const http: number = unit.endpoint?.httpPort;
  const grpc: number = unit.endpoint?.grpcPort;
  const service: Json = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: value,
      namespace: sdep.metadata.namespace,
      labels: {
        [key]: value,
        [LABELS.seldonId]: deployment.metadata.labels[LABELS.seldonId],
        [LABELS.seldonApp]: predictorServiceName(sdep, predictor),
      },
      annotations: { ...(predictor.annotations ?? {}) },
    },
    spec: {
      ports: [
        { protocol: 'TCP', port: http, targetPort: http, name: 'http' },
        { protocol: 'TCP', port: grpc, targetPort: grpc, name: 'grpc' },
      ],
      type: 'ClusterIP',
      selector: { [key]: value },
      sessionAffinity: 'None',
    },
  };
  deployment.metadata.labels[key] = value;
  deployment.spec.selector.matchLabels[key] = value;
  deployment.spec.template.metadata.labels[key] = value;

  const ports: Json[] = container.ports ?? [];
  for (const port of graphPorts(http, grpc)) if (!ports.some(p => p.name === port.name)) ports.push(port);
  container.ports = ports;

  const grpcProbes = usesGrpc(sdep, unit);
  container.livenessProbe ??= tcpProbe(grpcProbes ? grpc : http, 60);
  container.readinessProbe ??= tcpProbe(grpcProbes ? grpc : http, 20);
  container.lifecycle ??= { preStop: { exec: { command: ['/bin/sh', '-c', '/bin/sleep 10'] } } };

  if (!hasEnvVar(container.env, 'PREDICTIVE_UNIT_SERVICE_PORT')) {
    container.env = [...(container.env ?? []), { name: 'PREDICTIVE_UNIT_SERVICE_PORT', value: String(grpcProbes ? grpc : http) }];
  }
  // addPortEnvs and addModelEnvs: each with override=false (the SetEnvVar trap).
  for (const name of ['PREDICTIVE_UNIT_HTTP_SERVICE_PORT', 'MLSERVER_HTTP_PORT']) container.env = setEnvVar(container.env, { name, value: String(http) }, false);
  for (const name of ['PREDICTIVE_UNIT_GRPC_SERVICE_PORT', 'MLSERVER_GRPC_PORT']) container.env = setEnvVar(container.env, { name, value: String(grpc) }, false);
  const params = parameters(unit);
  if (params.length > 0) container.env = setEnvVar(container.env, { name: PARAMETERS_ENV, value: parametersJson(params as any) }, false);
  if (unit.modelUri) container.env = setEnvVar(container.env, { name: 'MLSERVER_MODEL_URI', value: STORAGE_INITIALIZER.modelsPath }, false);

  container.env = [
    ...container.env,
    { name: 'PREDICTIVE_UNIT_ID', value: container.name },
    { name: 'MLSERVER_MODEL_NAME', value: container.name },
    { name: 'PREDICTIVE_UNIT_IMAGE', value: container.image ?? '' },
    { name: 'PREDICTOR_ID', value: predictor.name },
    { name: 'PREDICTOR_LABELS', value: goMapJson(predictor.labels ?? {}) },
    { name: 'SELDON_DEPLOYMENT_ID', value: sdep.metadata.name },
    { name: 'SELDON_EXECUTOR_ENABLED', value: 'true' },
  ];
  const metrics = ports.find(p => p.name === config.metricsPortName);
  if (metrics) {
    container.env.push(
      { name: 'PREDICTIVE_UNIT_METRICS_SERVICE_PORT', value: String(metrics.containerPort) },
      { name: 'PREDICTIVE_UNIT_METRICS_ENDPOINT', value: config.prometheusPath },
      { name: 'MLSERVER_METRICS_PORT', value: String(metrics.containerPort) },
      { name: 'MLSERVER_METRICS_ENDPOINT', value: config.prometheusPath },
    );
  }
  return service;
}

/** Go's `json.Marshal` of a `map[string]string`: keys sorted. */
function goMapJson(map: { [k: string]: string }): string {
  return parametersJsonEscape(JSON.stringify(Object.fromEntries(Object.keys(map).sort().map(k => [k, map[k]]))));
}

function parametersJsonEscape(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
