/**
 * What the v1 operator adds for prepackaged servers after the per-container
 * mutations (SELDON-FACTS §1.7–§1.10; operator/controllers/
 * seldondeployment_prepackaged_servers.go@v1.18.2 and mlserver.go@v1.18.2).
 */
import { PARAMETERS_ENV, PREPACKAGED_SERVERS, STORAGE_INITIALIZER, TFSERVING_SIDECAR } from '../operator-defaults';
import { prepackImage } from './defaulting';
import { parametersJson, setEnvVar } from './env';
import { isPrepack } from './graph';
import { InitializerRequest, addEnvFromSecret, injectModelInitializer } from './model-initializer';
import { ANNOTATIONS, PODINFO_PATH, PODINFO_VOLUME } from './names';
import { Json, V1OperatorConfig } from './operator-config';

const MODELS = STORAGE_INITIALIZER.modelsPath;

interface Context {
  readonly sdep: Json;
  readonly config: V1OperatorConfig;
  readonly deployment: Json;
  readonly unit: Json;
}

function containerNamed(deployment: Json, name: string): Json | undefined {
  return deployment.spec.template.spec.containers.find((c: Json) => c.name === name);
}

function params(unit: Json): Json[] {
  return (unit.parameters ?? []).map((p: Json) => ({ name: p.name, value: p.value, type: p.type }));
}

function initializer(ctx: Context, containerName: string): InitializerRequest {
  return {
    containerName,
    modelUri: ctx.unit.modelUri,
    envSecretRefName: ctx.unit.envSecretRefName || ctx.config.defaultEnvSecretRefName,
    storageInitializerImage: ctx.unit.storageInitializerImage,
  };
}

function httpProbe(path: string, periodSeconds: number, initialDelaySeconds: number, timeoutSeconds: number): Json {
  return { httpGet: { path, port: 'http', scheme: 'HTTP' }, initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold: 1, failureThreshold: 3 };
}

function v2Ports(unit: Json): Json[] {
  return [
    { name: 'grpc', containerPort: unit.endpoint.grpcPort, protocol: 'TCP' },
    { name: 'http', containerPort: unit.endpoint.httpPort, protocol: 'TCP' },
  ];
}

/** `createTensorflowServingContainer`. */
function tfServingContainer(ctx: Context, tensorflowProtocol: boolean): Json {
  const grpc = tensorflowProtocol ? ctx.unit.endpoint.grpcPort : TFSERVING_SIDECAR.grpcPort;
  const rest = tensorflowProtocol ? ctx.unit.endpoint.httpPort : TFSERVING_SIDECAR.restPort;
  return {
    name: tensorflowProtocol ? ctx.unit.name : TFSERVING_SIDECAR.name,
    image: prepackImage(ctx.config, ctx.unit.implementation, 'tensorflow'),
    args: [`--port=${grpc}`, `--rest_api_port=${rest}`, `--model_name=${ctx.unit.name}`, `--model_base_path=${MODELS}`],
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: grpc, protocol: 'TCP' }, { containerPort: rest, protocol: 'TCP' }],
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

/** `addTFServerContainer` (§1.9). */
function addTensorflow(ctx: Context): string | undefined {
  const tensorflowProtocol = ctx.sdep.spec.protocol === 'tensorflow';
  let tfserving: Json | undefined;
  if (tensorflowProtocol) {
    tfserving = containerNamed(ctx.deployment, ctx.unit.name);
  } else {
    const proxy = containerNamed(ctx.deployment, ctx.unit.name)!;
    proxy.image = prepackImage(ctx.config, ctx.unit.implementation, ctx.sdep.spec.protocol);
    const given = params(ctx.unit);
    const endpoints = given.some(p => p.name === 'rest_endpoint' || p.name === 'grpc_endpoint') ? [] : [
      { name: 'rest_endpoint', type: 'STRING', value: `http://0.0.0.0:${TFSERVING_SIDECAR.restPort}` },
      { name: 'grpc_endpoint', type: 'STRING', value: `0.0.0.0:${TFSERVING_SIDECAR.grpcPort}` },
    ];
    const all = [...given, ...endpoints, { name: 'model_name', type: 'STRING', value: ctx.unit.name }];
    proxy.env = setEnvVar(proxy.env, { name: PARAMETERS_ENV, value: parametersJson(all as any) }, true);
    tfserving = containerNamed(ctx.deployment, TFSERVING_SIDECAR.name);
  }
  const prototype = tfServingContainer(ctx, tensorflowProtocol);
  if (!tfserving) {
    tfserving = prototype;
    ctx.deployment.spec.template.spec.containers.push(tfserving);
  } else {
    if (!tfserving.image) tfserving.image = prototype.image;
    if (!tfserving.args?.length) tfserving.args = prototype.args;
    if (!tfserving.ports?.length) tfserving.ports = prototype.ports;
  }
  return injectModelInitializer(ctx.deployment, initializer(ctx, tfserving.name), ctx.config);
}

/** `addTritonServer` (§1.10). */
function addTriton(ctx: Context): string | undefined {
  const unit = ctx.unit;
  const noStorage = String(ctx.sdep.spec.annotations?.[ANNOTATIONS.noStorageInitializer] ?? '').toLowerCase() === 'true';
  const args = ['/opt/tritonserver/bin/tritonserver', `--grpc-port=${unit.endpoint.grpcPort}`, `--http-port=${unit.endpoint.httpPort}`];
  if (!noStorage) {
    args.push(`--model-repository=${MODELS}`, '--strict-model-config=false');
  } else {
    args.push(`--model-repository=${unit.modelUri ?? ''}`);
    for (const p of params(unit)) {
      const name = String(p.name).toLowerCase();
      if (name === 'model_control_mode') args.push(`--model-control-mode=${p.value}`);
      else if (name === 'load_model') args.push(`--load-model=${p.value}`);
      else if (name === 'strict_model_config') args.push(`--strict-model-config=${p.value}`);
    }
  }
  const server: Json = {
    name: unit.name,
    args,
    ports: v2Ports(unit),
    readinessProbe: httpProbe('/v2/health/ready', 10, 20, 1),
    livenessProbe: httpProbe('/v2/health/live', 10, 60, 1),
    volumeMounts: [{ name: PODINFO_VOLUME, mountPath: PODINFO_PATH }],
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    image: prepackImage(ctx.config, unit.implementation, ctx.sdep.spec.protocol),
  };
  const secret = unit.envSecretRefName || ctx.config.defaultEnvSecretRefName;
  if (noStorage) addEnvFromSecret(server, secret);
  const existing = containerNamed(ctx.deployment, unit.name);
  if (existing) {
    existing.image ||= server.image;
    existing.args ??= server.args;
    existing.envFrom ??= server.envFrom;
    existing.readinessProbe ??= server.readinessProbe;
    existing.livenessProbe ??= server.livenessProbe;
    existing.ports = server.ports;
  } else {
    ctx.deployment.spec.template.spec.containers.push(server);
  }
  return noStorage ? undefined : injectModelInitializer(ctx.deployment, initializer(ctx, unit.name), ctx.config);
}

/** `getMLServerEnvVars` (§1.8). */
function mlserverEnv(ctx: Context): Json[] {
  const unit = ctx.unit;
  const defaults = PREPACKAGED_SERVERS[unit.implementation];
  return [
    { name: 'MLSERVER_HTTP_PORT', value: String(unit.endpoint.httpPort) },
    { name: 'MLSERVER_GRPC_PORT', value: String(unit.endpoint.grpcPort) },
    { name: 'MLSERVER_MODEL_IMPLEMENTATION', value: defaults?.mlserverImplementation ?? '' },
    { name: 'MLSERVER_MODEL_NAME', value: unit.name },
    { name: 'MLSERVER_MODEL_VERSION', value: 'v1' },
    { name: 'MLSERVER_MODEL_URI', value: MODELS },
    { name: 'TEMPO_RUNTIME_OPTIONS', value: `{"k8s_options": {"defaultRuntime": "tempo.seldon.SeldonKubernetesRuntime", "namespace": "${ctx.deployment.metadata.namespace}"}}` },
    ...(unit.implementation === 'HUGGINGFACE_SERVER' ? Object.entries(defaults?.mlserverEnv ?? {}).map(([name, value]) => ({ name, value })) : []),
  ];
}

/** `addMLServerDefault` with `mergeMLServerContainer` (§1.8). */
function addMLServer(ctx: Context): string | undefined {
  const unit = ctx.unit;
  const image = ctx.config.predictorServers[unit.implementation]?.kfserving ?? ctx.config.predictorServers[unit.implementation]?.v2;
  if (image === undefined) return `no image compatible with kfserving protocol for ${unit.implementation}`;
  const probe = (path: string) => ({ httpGet: { path, port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 20, periodSeconds: 5, failureThreshold: 3, successThreshold: 1, timeoutSeconds: 60 });
  const server: Json = {
    name: unit.name,
    image,
    env: mlserverEnv(ctx),
    ports: v2Ports(unit),
    readinessProbe: probe('/v2/health/ready'),
    livenessProbe: probe('/v2/health/live'),
    volumeMounts: [{ name: PODINFO_VOLUME, mountPath: PODINFO_PATH }],
  };
  const existing = containerNamed(ctx.deployment, unit.name);
  if (existing) {
    existing.image ||= server.image;
    let env: Json[] = server.env;
    for (const variable of existing.env ?? []) env = setEnvVar(env, variable, true);
    existing.env = env;
    // Only the handler is replaced: the existing timings stay.
    existing.readinessProbe = withHandler(existing.readinessProbe, server.readinessProbe);
    existing.livenessProbe = withHandler(existing.livenessProbe, server.livenessProbe);
    existing.ports = server.ports;
  } else {
    // The Go code appends to a copy of the pod spec: the container is lost.
  }
  return injectModelInitializer(ctx.deployment, initializer(ctx, unit.name), ctx.config);
}

/** `existing.ProbeHandler = server.ProbeHandler`, or the server's probe when there is none. */
function withHandler(existing: Json | undefined, server: Json): Json {
  if (!existing) return server;
  const { exec: _e, httpGet: _h, tcpSocket: _t, grpc: _g, ...timings } = existing;
  return { ...timings, httpGet: server.httpGet };
}

/** `addModelDefaultServers` (§1.7). */
function addSeldonServer(ctx: Context): string | undefined {
  const unit = ctx.unit;
  unit.endpoint ??= { type: 'REST' };
  const container = containerNamed(ctx.deployment, unit.name)!;
  container.image ||= prepackImage(ctx.config, unit.implementation, ctx.sdep.spec.protocol);
  const all = [...params(unit), { name: 'model_uri', type: 'STRING', value: MODELS }];
  container.env = setEnvVar(container.env, { name: PARAMETERS_ENV, value: parametersJson(all as any) }, true);
  return injectModelInitializer(ctx.deployment, initializer(ctx, unit.name), ctx.config);
}

/**
 * `addModelServersAndInitContainers` for one node (children are walked by
 * the caller): its server containers and storage initializer.
 */
export function addModelServer(sdep: Json, deployment: Json, unit: Json, config: V1OperatorConfig): string | undefined {
  const ctx: Context = { sdep, config, deployment, unit };
  if (!isPrepack(unit)) {
    if (!unit.modelUri) return undefined;
    if (!containerNamed(deployment, unit.name)) return `Expected to find container for predictive unit ${unit.name}`;
    return injectModelInitializer(deployment, initializer(ctx, unit.name), config);
  }
  if (unit.serviceAccountName) deployment.spec.template.spec.serviceAccountName = unit.serviceAccountName;
  if (!config.predictorServers[unit.implementation]) return `Failed to get server config for ${unit.implementation}`;
  switch (unit.implementation) {
    case 'TENSORFLOW_SERVER': return addTensorflow(ctx);
    case 'TRITON_SERVER': return addTriton(ctx);
    default: {
      const protocol = sdep.spec.protocol;
      return protocol === 'kfserving' || protocol === 'v2' ? addMLServer(ctx) : addSeldonServer(ctx);
    }
  }
}
