import { k8s } from 'cdk8s-plus-27';
import { ModelParameter } from './model-parameter';
import { Json } from './operator/operator-config';
import {
  OperatorParameter, declaredMlserverEnv, graphPorts, graphProbe, seldonServerParameters, tfProxyParameters, tfServingArgs,
  tfServingContainer, tritonArgs, v2HealthCheck, v2Ports,
} from './operator/server-settings';
import {
  DEFAULT_USER_ID, FIRST_GRPC_PORT, FIRST_HTTP_PORT, PARAMETERS_ENV,
  ServerDefaults, ServerRuntime, TFSERVING_IMAGE, TFSERVING_SIDECAR,
} from './operator-defaults';
import { parametersJson } from './parameters-json';
import { mergeEnv } from '../k8s/env';
import { restrictedSecurityContext } from '../k8s/restricted-security-context';

/** What the explicit mode needs to declare a server's containers. */
export interface ServerContainersInput {
  readonly runtime: ServerRuntime;
  /** The node's `implementation`, e.g. SKLEARN_SERVER. */
  readonly implementation: string;
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

/** A probe of the operator model, with the port typed for the k8s API. */
function typedProbe(probe: Json): k8s.Probe {
  return { ...probe, httpGet: { ...probe.httpGet, port: k8s.IntOrString.fromString(probe.httpGet.port) } };
}

/**
 * Declares the containers the operator would build for a prepackaged server
 * (SELDON-FACTS §1.7–1.10), for a graph node that carries no
 * `implementation`. What the operator writes comes from its model
 * (operator/server-settings.ts), which the preview applies too; ports and
 * probe timings are still the operator's to add (§1.6.1).
 */
export function serverContainers(input: ServerContainersInput): ServerContainers {
  const params = input.parameters.map(p => p.toJson() as unknown as OperatorParameter);
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
    case ServerRuntime.MLSERVER:
      return {
        modelContainer: input.node,
        containers: [{
          ...base,
          // The user's variables win, as they do when the operator merges (§1.8).
          env: withParameters(mergeEnv(declaredMlserverEnv(input.implementation, input.node, input.namespace ?? 'default') as k8s.EnvVar[], input.env)),
          ports: v2Ports(grpc, http) as k8s.ContainerPort[],
          readinessProbe: typedProbe(graphProbe({ httpGet: v2HealthCheck('ready') }, 20)),
          livenessProbe: typedProbe(graphProbe({ httpGet: v2HealthCheck('live') }, 60)),
        }],
      };
    case ServerRuntime.TFSERVING_PROXY:
      return {
        modelContainer: TFSERVING_SIDECAR.name,
        containers: [
          // The proxy is small; TF Serving beside it gets no default limit, as in default mode.
          { ...base, resources: input.resources ?? defaultServerResources(), env: withParameters(input.env, tfProxyParameters(input.node, params)) },
          {
            ...tfServingContainer(TFSERVING_SIDECAR.name, input.node, TFSERVING_IMAGE,
              TFSERVING_SIDECAR.grpcPort, TFSERVING_SIDECAR.restPort) as k8s.Container,
            securityContext,
          },
        ],
      };
    case ServerRuntime.TFSERVING:
      return {
        modelContainer: input.node,
        // Ports named http and grpc keep their numbers when the operator allocates ports (§1.5), so the arguments stay true.
        containers: [{
          ...base, env: withParameters(input.env), args: tfServingArgs(input.node, grpc, http), ports: graphPorts(http, grpc) as k8s.ContainerPort[],
        }],
      };
    case ServerRuntime.TRITON:
      return {
        modelContainer: input.node,
        containers: [{ ...base, env: withParameters(input.env), args: tritonArgs(grpc, http), ports: v2Ports(grpc, http) as k8s.ContainerPort[] }],
      };
    default:
      return {
        modelContainer: input.node,
        containers: [{ ...base, env: withParameters(input.env, seldonServerParameters(params)) }],
      };
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
