/**
 * What the v1 operator adds for prepackaged servers after the per-container
 * mutations (SELDON-FACTS §1.7–§1.10; operator/controllers/
 * seldondeployment_prepackaged_servers.go@v1.18.2 and mlserver.go@v1.18.2).
 */
import { PARAMETERS_ENV, TFSERVING_SIDECAR } from '../operator-defaults';
import { prepackImage } from './defaulting';
import { parametersJson, setEnvVar } from './env';
import { isPrepack } from './graph';
import { InitializerRequest, addEnvFromSecret, injectModelInitializer } from './model-initializer';
import { noStorageInitializerIn, PODINFO_PATH, PODINFO_VOLUME } from './names';
import { Json, V1OperatorConfig } from './operator-config';
import {
  OperatorParameter, mlserverEnv, seldonServerParameters, tfProxyParameters, tfServingContainer as tfServingPrototype,
  tritonArgs, v2HealthCheck, v2Ports,
} from './server-settings';

interface Context {
  readonly sdep: Json;
  readonly config: V1OperatorConfig;
  readonly deployment: Json;
  readonly unit: Json;
}

function containerNamed(deployment: Json, name: string): Json | undefined {
  return deployment.spec.template.spec.containers.find((c: Json) => c.name === name);
}

function params(unit: Json): OperatorParameter[] {
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

function tritonProbe(kind: 'ready' | 'live', initialDelaySeconds: number): Json {
  return { httpGet: v2HealthCheck(kind), initialDelaySeconds, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
}

function portsOf(unit: Json): Json[] {
  return v2Ports(unit.endpoint.grpcPort, unit.endpoint.httpPort);
}

/** `createTensorflowServingContainer`. */
function tfServingContainer(ctx: Context, tensorflowProtocol: boolean): Json {
  const grpc = tensorflowProtocol ? ctx.unit.endpoint.grpcPort : TFSERVING_SIDECAR.grpcPort;
  const rest = tensorflowProtocol ? ctx.unit.endpoint.httpPort : TFSERVING_SIDECAR.restPort;
  return {
    ...tfServingPrototype(tensorflowProtocol ? ctx.unit.name : TFSERVING_SIDECAR.name, ctx.unit.name,
      prepackImage(ctx.config, ctx.unit.implementation, 'tensorflow')!, grpc, rest),
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
    const all = tfProxyParameters(ctx.unit.name, params(ctx.unit));
    proxy.env = setEnvVar(proxy.env, { name: PARAMETERS_ENV, value: parametersJson(all) }, true);
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
  const noStorage = noStorageInitializerIn(ctx.sdep.spec.annotations);
  const args = tritonArgs(unit.endpoint.grpcPort, unit.endpoint.httpPort, noStorage, unit.modelUri ?? '', params(unit));
  const server: Json = {
    name: unit.name,
    args,
    ports: portsOf(unit),
    readinessProbe: tritonProbe('ready', 20),
    livenessProbe: tritonProbe('live', 60),
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

/** `addMLServerDefault` with `mergeMLServerContainer` (§1.8). */
function addMLServer(ctx: Context): string | undefined {
  const unit = ctx.unit;
  const image = ctx.config.predictorServers[unit.implementation]?.kfserving ?? ctx.config.predictorServers[unit.implementation]?.v2;
  if (image === undefined) return `no image compatible with kfserving protocol for ${unit.implementation}`;
  const probe = (kind: 'ready' | 'live') => ({
    httpGet: v2HealthCheck(kind), initialDelaySeconds: 20, periodSeconds: 5, failureThreshold: 3, successThreshold: 1, timeoutSeconds: 60,
  });
  const server: Json = {
    name: unit.name,
    image,
    env: mlserverEnv(unit.implementation, unit.name, unit.endpoint.httpPort, unit.endpoint.grpcPort, ctx.deployment.metadata.namespace),
    ports: portsOf(unit),
    readinessProbe: probe('ready'),
    livenessProbe: probe('live'),
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
  container.env = setEnvVar(container.env, { name: PARAMETERS_ENV, value: parametersJson(seldonServerParameters(params(unit))) }, true);
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
