import { k8s } from 'cdk8s-plus-27';
import { ModelParameter } from './model-parameter';
import {
  DEFAULT_USER_ID, FIRST_GRPC_PORT, FIRST_HTTP_PORT, PARAMETERS_ENV, STORAGE_INITIALIZER,
  ServerDefaults, ServerRuntime, TFSERVING_IMAGE, TFSERVING_SIDECAR,
} from './operator-defaults';
import { parametersJson } from './parameters-json';
import { mergeEnv } from '../k8s/env';
import { restrictedSecurityContext } from '../k8s/restricted-security-context';

/** What the explicit mode needs to declare a server's containers. */
export interface ServerContainersInput {
  readonly runtime: ServerRuntime;
  readonly defaults: ServerDefaults;
  /** The graph node name, which is also the server container name. */
  readonly node: string;
  readonly image: string;
  readonly parameters: ModelParameter[];
  readonly env: k8s.EnvVar[];
  readonly resources?: k8s.ResourceRequirements;
  /**
   * How many containers precede this node's in the pod: the operator numbers
   * ports by container position (§1.5).
   */
  readonly position: number;
  /** The SeldonDeployment's namespace, for MLServer's Tempo runtime options. */
  readonly namespace?: string;
}

/** The declared containers and which of them reads the model. */
export interface ServerContainers {
  readonly containers: k8s.Container[];
  /** Name of the container the storage initializer serves. */
  readonly modelContainer: string;
}

const MODELS = STORAGE_INITIALIZER.modelsPath;

/**
 * Declares the containers the operator would build for a prepackaged server
 * (SELDON-FACTS §1.7–1.10), for a graph node that carries no
 * `implementation`. Port and probe defaults are still the operator's (§1.6.1).
 */
export function serverContainers(input: ServerContainersInput): ServerContainers {
  const params = input.parameters.map(p => p.toJson() as { name: string; value: string; type: string });
  const securityContext = restrictedSecurityContext(DEFAULT_USER_ID);
  // Servers of large models (Triton, HuggingFace, TF Serving) get no default limit: default mode has none.
  const resources = input.resources ?? (input.defaults.sizedByModel ? undefined : defaultServerResources());
  const base = { name: input.node, image: input.image, resources, securityContext };
  // Parameters travel in the container's PREDICTIVE_UNIT_PARAMETERS, as in Seldon's explicit sample
  // (examples/init_containers/explicit-init-definition.yaml), and never on the graph node too: the operator
  // would set the variable again with SetEnvVar(override=false) and drop the whole env (operator/utils/utils.go).
  const withParameters = (vars: k8s.EnvVar[], parameters = params) =>
    parameters.length ? [...vars, { name: PARAMETERS_ENV, value: parametersJson(parameters) }] : (vars.length ? vars : undefined);
  const http = FIRST_HTTP_PORT + input.position;
  const grpc = FIRST_GRPC_PORT + input.position;
  switch (input.runtime) {
    case ServerRuntime.MLSERVER: {
      const mlserverEnv: k8s.EnvVar[] = [
        ...(input.defaults.mlserverImplementation ? [{ name: 'MLSERVER_MODEL_IMPLEMENTATION', value: input.defaults.mlserverImplementation }] : []),
        // MLSERVER_MODEL_NAME is left out: the operator appends it to every graph container (controller.go addModelEnvs).
        { name: 'MLSERVER_MODEL_VERSION', value: 'v1' },
        { name: 'MLSERVER_MODEL_URI', value: MODELS },
        // Set by the operator on every MLServer container, with the namespace its defaulting gives an empty one (defaults.go).
        {
          name: 'TEMPO_RUNTIME_OPTIONS',
          value: `{"k8s_options": {"defaultRuntime": "tempo.seldon.SeldonKubernetesRuntime", "namespace": "${input.namespace ?? 'default'}"}}`,
        },
        ...Object.entries(input.defaults.mlserverEnv ?? {}).map(([name, value]) => ({ name, value })),
      ];
      return {
        modelContainer: input.node,
        containers: [{
          ...base,
          // The user's variables win, as they do when the operator merges (§1.8).
          env: withParameters(mergeEnv(mlserverEnv, input.env)),
          // mlserver.go: ports replaced by [grpc, http]; probe handlers on MLServer's health endpoints,
          // with the timings controller.go gives every graph container.
          ports: operatorPorts(http, grpc),
          readinessProbe: healthProbe('/v2/health/ready', 20),
          livenessProbe: healthProbe('/v2/health/live', 60),
        }],
      };
    }
    case ServerRuntime.TFSERVING_PROXY: {
      const given = new Set(params.map(p => p.name));
      const proxyParams = [
        ...params,
        ...(given.has('rest_endpoint') || given.has('grpc_endpoint') ? [] : [
          { name: 'rest_endpoint', value: `http://0.0.0.0:${TFSERVING_SIDECAR.restPort}`, type: 'STRING' },
          { name: 'grpc_endpoint', value: `0.0.0.0:${TFSERVING_SIDECAR.grpcPort}`, type: 'STRING' },
        ]),
        { name: 'model_name', value: input.node, type: 'STRING' },
      ];
      return {
        modelContainer: TFSERVING_SIDECAR.name,
        containers: [
          // The proxy is small; TF Serving beside it gets no default limit, as in default mode.
          { ...base, resources: input.resources ?? defaultServerResources(), env: withParameters(input.env, proxyParams) },
          {
            name: TFSERVING_SIDECAR.name,
            image: TFSERVING_IMAGE,
            securityContext,
            imagePullPolicy: 'IfNotPresent',
            args: [
              `--port=${TFSERVING_SIDECAR.grpcPort}`,
              `--rest_api_port=${TFSERVING_SIDECAR.restPort}`,
              `--model_name=${input.node}`,
              `--model_base_path=${MODELS}`,
            ],
            ports: [
              { containerPort: TFSERVING_SIDECAR.grpcPort, protocol: 'TCP' },
              { containerPort: TFSERVING_SIDECAR.restPort, protocol: 'TCP' },
            ],
          },
        ],
      };
    }
    case ServerRuntime.TFSERVING:
      return {
        modelContainer: input.node,
        containers: [{
          ...base,
          env: withParameters(input.env),
          args: [`--port=${grpc}`, `--rest_api_port=${http}`, `--model_name=${input.node}`, `--model_base_path=${MODELS}`],
          ports: namedPorts(http, grpc),
        }],
      };
    case ServerRuntime.TRITON:
      return {
        modelContainer: input.node,
        containers: [{
          ...base,
          env: withParameters(input.env),
          args: [
            '/opt/tritonserver/bin/tritonserver',
            `--grpc-port=${grpc}`,
            `--http-port=${http}`,
            `--model-repository=${MODELS}`,
            '--strict-model-config=false',
          ],
          // prepackaged.go addTritonServer: ports always replaced by [grpc, http].
          ports: operatorPorts(http, grpc),
        }],
      };
    default: {
      // prepackaged.go addModelDefaultServers: the user's parameters, then model_uri.
      return {
        modelContainer: input.node,
        containers: [{ ...base, env: withParameters(input.env, [...params, { name: 'model_uri', value: MODELS, type: 'STRING' }]) }],
      };
    }
  }
}

/**
 * Resources of declared server containers when the user sets none: what
 * Seldon Core v2 gives its default MLServer (SELDON-FACTS §2.5). A declared
 * container always has resources, so quota-enforcing namespaces accept it.
 */
export function defaultServerResources(): k8s.ResourceRequirements {
  return {
    requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('1Gi') },
    limits: { memory: k8s.Quantity.fromString('1Gi') },
  };
}

/** The order in which the operator's MLServer and Triton paths write the two ports. */
function operatorPorts(http: number, grpc: number): k8s.ContainerPort[] {
  return [
    { name: 'grpc', containerPort: grpc, protocol: 'TCP' },
    { name: 'http', containerPort: http, protocol: 'TCP' },
  ];
}

/** MLServer's probes as the operator leaves them (§1.8): its handler, the timings of controller.go. */
function healthProbe(path: string, initialDelaySeconds: number): k8s.Probe {
  return {
    httpGet: { path, port: k8s.IntOrString.fromString('http'), scheme: 'HTTP' },
    initialDelaySeconds,
    periodSeconds: 5,
    successThreshold: 1,
    failureThreshold: 3,
    timeoutSeconds: 1,
  };
}

/**
 * Ports named `http` and `grpc` keep their numbers when the operator
 * allocates ports (§1.5), so arguments that repeat them stay true.
 */
function namedPorts(http: number, grpc: number): k8s.ContainerPort[] {
  return [
    { name: 'http', containerPort: http, protocol: 'TCP' },
    { name: 'grpc', containerPort: grpc, protocol: 'TCP' },
  ];
}
