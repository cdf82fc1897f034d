/**
 * What the v1 operator gives each prepackaged server, as pure values: the
 * parameters, arguments, environment and ports it writes (SELDON-FACTS
 * §1.7–§1.10; operator/controllers/seldondeployment_prepackaged_servers.go and
 * mlserver.go @v1.18.2). The preview applies them to a pod; a declaration of
 * the same containers (explicit mode) can take them from here.
 */
import { ENV_WIPING_NAMES, PREPACKAGED_SERVERS, STORAGE_INITIALIZER, TFSERVING_SIDECAR } from '../operator-defaults';
import { Json } from './operator-config';

const MODELS = STORAGE_INITIALIZER.modelsPath;

/** A graph parameter as the operator holds it. */
export interface OperatorParameter {
  readonly name: string;
  readonly value: string;
  readonly type: string;
}

/** `addModelDefaultServers`: the node's parameters, then `model_uri` (§1.7). */
export function seldonServerParameters(parameters: readonly OperatorParameter[]): OperatorParameter[] {
  return [...parameters, { name: 'model_uri', type: 'STRING', value: MODELS }];
}

/** `SetUriParamsForTFServingProxyContainer`: the proxy's parameters (§1.9). */
export function tfProxyParameters(node: string, parameters: readonly OperatorParameter[]): OperatorParameter[] {
  const endpoints = parameters.some(p => p.name === 'rest_endpoint' || p.name === 'grpc_endpoint') ? [] : [
    { name: 'rest_endpoint', type: 'STRING', value: `http://0.0.0.0:${TFSERVING_SIDECAR.restPort}` },
    { name: 'grpc_endpoint', type: 'STRING', value: `0.0.0.0:${TFSERVING_SIDECAR.grpcPort}` },
  ];
  return [...parameters, ...endpoints, { name: 'model_name', type: 'STRING', value: node }];
}

/** `createTensorflowServingContainer`: TF Serving's arguments (§1.9). */
export function tfServingArgs(node: string, grpcPort: number, restPort: number): string[] {
  return [`--port=${grpcPort}`, `--rest_api_port=${restPort}`, `--model_name=${node}`, `--model_base_path=${MODELS}`];
}

/** `addTritonServer`: Triton's arguments; without the storage initializer it reads the URI itself (§1.10). */
export function tritonArgs(grpcPort: number, httpPort: number, noStorageInitializer = false,
  modelUri = '', parameters: readonly OperatorParameter[] = []): string[] {
  const args = ['/opt/tritonserver/bin/tritonserver', `--grpc-port=${grpcPort}`, `--http-port=${httpPort}`];
  if (!noStorageInitializer) return [...args, `--model-repository=${MODELS}`, '--strict-model-config=false'];
  args.push(`--model-repository=${modelUri}`);
  for (const p of parameters) {
    const name = String(p.name).toLowerCase();
    if (name === 'model_control_mode') args.push(`--model-control-mode=${p.value}`);
    else if (name === 'load_model') args.push(`--load-model=${p.value}`);
    else if (name === 'strict_model_config') args.push(`--strict-model-config=${p.value}`);
  }
  return args;
}

/** `createTensorflowServingContainer`: the TF Serving container beside the proxy (§1.9), or under the tensorflow protocol. */
export function tfServingContainer(name: string, node: string, image: string, grpcPort: number, restPort: number): Json {
  return {
    name,
    image,
    args: tfServingArgs(node, grpcPort, restPort),
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: grpcPort, protocol: 'TCP' }, { containerPort: restPort, protocol: 'TCP' }],
  };
}

/** `getMLServerEnvVars`: MLServer's variables, in the operator's order (§1.8). */
export function mlserverEnv(implementation: string, node: string, httpPort: number, grpcPort: number, namespace: string): Json[] {
  const defaults = PREPACKAGED_SERVERS[implementation];
  return [
    { name: 'MLSERVER_HTTP_PORT', value: String(httpPort) },
    { name: 'MLSERVER_GRPC_PORT', value: String(grpcPort) },
    { name: 'MLSERVER_MODEL_IMPLEMENTATION', value: defaults?.mlserverImplementation ?? '' },
    { name: 'MLSERVER_MODEL_NAME', value: node },
    { name: 'MLSERVER_MODEL_VERSION', value: 'v1' },
    { name: 'MLSERVER_MODEL_URI', value: MODELS },
    { name: 'TEMPO_RUNTIME_OPTIONS', value: `{"k8s_options": {"defaultRuntime": "tempo.seldon.SeldonKubernetesRuntime", "namespace": "${namespace}"}}` },
    ...(implementation === 'HUGGINGFACE_SERVER' ? Object.entries(defaults?.mlserverEnv ?? {}).map(([name, value]) => ({ name, value })) : []),
  ];
}

/**
 * The MLServer variables a declared container may carry: `getMLServerEnvVars`
 * without those the operator sets on every graph container itself
 * (controller.go `addPortEnvs`, `addModelEnvs`), which, declared, would make it
 * drop the whole env (SetEnvVar override=false) or repeat `MLSERVER_MODEL_NAME`;
 * an implementation the operator does not know is left out rather than empty.
 */
export function declaredMlserverEnv(implementation: string, node: string, namespace: string): Json[] {
  const operatorSets = [...ENV_WIPING_NAMES, 'MLSERVER_MODEL_NAME'];
  return mlserverEnv(implementation, node, 0, 0, namespace)
    .filter(v => !operatorSets.includes(v.name) && !(v.name === 'MLSERVER_MODEL_IMPLEMENTATION' && v.value === ''));
}

/**
 * A probe with the timings `createContainerService` gives every graph
 * container (§1.6.1); MLServer's keep them when the operator swaps in its
 * handler (mlserver.go `mergeMLServerContainer`).
 */
export function graphProbe(handler: Json, initialDelaySeconds: number): Json {
  return { ...handler, initialDelaySeconds, periodSeconds: 5, successThreshold: 1, failureThreshold: 3, timeoutSeconds: 1 };
}

/** The ports `createContainerService` adds to a graph container that has none: `[http, grpc]`, named (§1.6.1). */
export function graphPorts(httpPort: number, grpcPort: number): Json[] {
  return [
    { name: 'http', containerPort: httpPort, protocol: 'TCP' },
    { name: 'grpc', containerPort: grpcPort, protocol: 'TCP' },
  ];
}

/** The ports the operator always gives MLServer and Triton containers: `[grpc, http]` (§1.8, §1.10). */
export function v2Ports(grpcPort: number, httpPort: number): Json[] {
  return [
    { name: 'grpc', containerPort: grpcPort, protocol: 'TCP' },
    { name: 'http', containerPort: httpPort, protocol: 'TCP' },
  ];
}

/** The V2 health endpoints MLServer's and Triton's probes call on port `http`. */
export function v2HealthCheck(kind: 'ready' | 'live'): Json {
  return { path: `/v2/health/${kind}`, port: 'http', scheme: 'HTTP' };
}
