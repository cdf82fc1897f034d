import { ContainerResources, k8s } from 'cdk8s-plus-27';
import { renderResources } from '../k8s/container-resources';
import { ModelUriKind } from '../model-uri';
import { renderComponentSpecs, renderPredictorDeployment } from './component-spec';
import { renderExplainerContainer } from './explainer-rendering';
import { PortCounter } from './operator/defaulting';
import { STORAGE_INITIALIZER } from './operator-defaults';
import { PredictiveUnit, PredictiveUnitType, UnitSpec } from './predictive-unit';
import { PredictorProps } from './predictor';
import { mountsAnyVolume, podContainerOrder, podNodes, podVolumes } from './predictor-pod';
import { SeldonProtocol } from './protocol';
import { renderSeparatePods, withSeparatePods } from './separate-pods';
import { serverContainers } from './server-containers';
import { defaultInitializerResources, storageInitializer } from './storage-initializer';
import { componentPorts, endpointOf, methodsOf } from './unit-endpoint-rules';
import { hasPodSettings, withUnitPodSettings } from './unit-pod-rules';
import * as sd from '../imports/machinelearning.seldon.io';
import { renderEnv } from '../k8s/env';
import { PodSettings } from '../k8s/pod-settings';

export interface RenderContext {
  readonly protocol?: SeldonProtocol;
  readonly explicit: boolean;
  readonly initializerResources?: ContainerResources;
  readonly ports: PortCounter;
  /** The SeldonDeployment's namespace, when known. */
  readonly namespace?: string;
  /** The pod settings of each predictor (`made`: those made, as a predictor's never made are empty) and its separate pods, by predictor name. */
  readonly podSettings?: { made(name: string): PodSettings | undefined; separate(name: string): PodSettings[] | undefined };
  /** The SeldonDeployment's name, which the operator's names start with. */
  readonly deploymentName?: string;
  /** Whether `spec.replicas` is set, which predictors without replicas then take. */
  readonly deploymentReplicas?: boolean;
}

/**
 * The operator's port numbering (SELDON-FACTS §1.5; operator/defaulting.ts):
 * one counter per SeldonDeployment, across predictors, keyed by container
 * name, consumed by every container in order; a container's position gives
 * ports 9000 + position and 9500 + position.
 */
export const portNumbering = () => new PortCounter(0);

/** What a predictor without `containerOrder` lists, and renders without `separatePods` (never changed: read only). */
const NO_NAMES: ReadonlySet<string> = new Set();
const NO_SEPARATE_PODS: readonly sd.SeldonDeploymentSpecPredictorsComponentSpecs[] = [];

/** The pod of a predictor, filled by its graph nodes in graph order. */
interface PodParts {
  serviceAccountName?: string;
  readonly containers: k8s.Container[];
  readonly initContainers: k8s.Container[];
  readonly volumes: k8s.Volume[];
}

/** Whether default mode renders a container for the node: a component, or a prepackaged node with container settings. */
function rendersContainer(spec: UnitSpec): boolean {
  if (spec.kind === 'component') return true;
  return spec.kind === 'prepackaged'
    && (spec.image !== undefined || renderResources(spec.resources) !== undefined || renderEnv(spec.env).length > 0 || hasPodSettings(spec));
}

/** Renders one predictor: its graph and the pod its nodes need. */
export function renderPredictor(predictor: PredictorProps, ctx: RenderContext): sd.SeldonDeploymentSpecPredictors {
  const pod: PodParts = { containers: [], initContainers: [], volumes: [] };
  const listed = predictor.containerOrder === undefined ? NO_NAMES : new Set(predictor.containerOrder);
  // The containers as default mode leaves them to the operator, which numbers ports in this order and names the
  // Deployment after it (types.go GetDeploymentName), before it adds a `tfserving` container (predictor-pod.ts).
  // Needed to number explicit mode's ports and to sort by containerOrder or around sidecars. Without any of these,
  // the pod holds only containers of nodes `podContainerOrder` lists (no `extra`) in graph order: it is not made.
  const order = ctx.explicit || listed.size > 0 || (predictor.sidecars?.length ?? 0) > 0
    ? podContainerOrder(predictor, u => rendersContainer(u._spec) || listed.has(u.name)) : undefined;
  // Explicit mode declares every container: in default mode's order, so every node keeps its port numbers,
  // and a TF proxy's `tfserving` container (numbered when declared) comes last and shifts no node.
  if (ctx.explicit) for (const name of order!) ctx.ports.get(name);
  const graph = renderUnit(predictor.graph, ctx, listed, pod);
  if (predictor.sidecars !== undefined) pod.containers.push(...predictor.sidecars);
  if (ctx.explicit) pod.containers.sort((a, b) => ctx.ports.get(a.name) - ctx.ports.get(b.name));
  else if (listed.size || predictor.sidecars?.length) pod.containers.sort((a, b) => order!.indexOf(a.name) - order!.indexOf(b.name));
  // The pod's own volumes first: the operator appends its own after them (model_initializer_injector.go).
  if (predictor.volumes?.length || mountsAnyVolume(predictor.graph)) pod.volumes.unshift(...podVolumes(predictor.volumes ?? [], podNodes(predictor)));
  // A declared `tfserving` container would lengthen the Deployment name; the componentSpec's name keeps default mode's.
  const extra = order !== undefined && pod.containers.some(c => !order.includes(c.name));
  // The separate pods take their nodes' containers out of the predictor's pod.
  const separate = predictor.separatePods === undefined ? NO_SEPARATE_PODS
    : renderSeparatePods(predictor, pod.containers, ctx.podSettings?.separate(predictor.name) ?? []);
  const podSpec: k8s.PodSpec | undefined = pod.containers.length === 0 && pod.initContainers.length === 0 && pod.volumes.length === 0 ? undefined : {
    serviceAccountName: pod.serviceAccountName,
    volumes: pod.volumes.length ? pod.volumes : undefined,
    initContainers: pod.initContainers.length ? pod.initContainers : undefined,
    containers: pod.containers,
  };
  const explainer = predictor.explainer;
  const production = renderPredictorDeployment(predictor);
  return {
    name: predictor.name,
    replicas: predictor.replicas ?? (predictor.autoscaler || ctx.deploymentReplicas ? undefined : 1),
    traffic: predictor.traffic,
    shadow: predictor.shadow || undefined,
    labels: predictor.labels,
    annotations: predictor.annotations,
    componentSpecs: withSeparatePods(renderComponentSpecs(predictor, podSpec, ctx.podSettings?.made(predictor.name), extra ? order!.join('-') : undefined), separate),
    // Written out, not spread: an object spread with added keys costs microseconds per predictor in V8.
    progressDeadlineSeconds: production.progressDeadlineSeconds,
    ssl: production.ssl,
    svcOrchSpec: predictor.engineResources || production.svcOrchSpec ? {
      ...production.svcOrchSpec,
      resources: predictor.engineResources && k8s.toJson_ResourceRequirements(renderResources(predictor.engineResources)),
    } : undefined,
    graph,
    explainer: explainer && {
      type: explainer.explainerType,
      modelUri: explainer.modelUri?.uri,
      envSecretRefName: explainer.credentials?.name,
      storageInitializerImage: explainer.storageInitializerImage,
      replicas: explainer.replicas,
      config: explainer.config,
      ...renderExplainerContainer(explainer, ctx.deploymentName ?? '', predictor.name),
    },
  };
}

/** `listed`: the predictor's `containerOrder`, whose prepackaged nodes render a container (a parameter, not a copy of `ctx` per predictor). */
function renderUnit(unit: PredictiveUnit, ctx: RenderContext, listed: ReadonlySet<string>, pod: PodParts): sd.SeldonDeploymentSpecPredictorsGraph {
  const spec = unit._spec;
  const own = renderOwn(spec, ctx, listed, pod);
  // Explicit mode declares the parameters in the container's env; on the node too, the operator would wipe that env.
  const declaresParameters = ctx.explicit && spec.kind === 'prepackaged';
  const logger = spec.logger && { mode: spec.logger.mode, url: spec.logger.url };
  // A leaf without parameters or logger, most nodes, is complete: no copy of the node.
  if (spec.parameters.length === 0 && spec.children.length === 0 && !logger) return own;
  // Mapped only when there are children: V8's optimized `map` returns a list of another hidden class than the interpreter's, and reading its `.length` threw this function's optimized code away.
  const children = spec.children.length === 0 ? undefined
    : spec.children.map(child => sd.toJson_SeldonDeploymentSpecPredictorsGraph(renderUnit(child, ctx, listed, pod)));
  return {
    ...own,
    parameters: spec.parameters.length && !declaresParameters
      ? spec.parameters.map(p => ({ name: p.name, value: p.value, type: p.parameterType })) : undefined,
    children,
    logger,
  };
}

function renderOwn(spec: UnitSpec, ctx: RenderContext, listed: ReadonlySet<string>, pod: PodParts): sd.SeldonDeploymentSpecPredictorsGraph {
  const env = renderEnv(spec.env);
  const resources = renderResources(spec.resources);
  switch (spec.kind) {
    case 'builtIn':
      // No `type`: the executor checks it before `implementation` and would call
      // the endpoint a built-in does not have (executor/predictor/predictor_process.go).
      return { name: spec.name, implementation: spec.implementation };
    case 'component':
      // Only explicit mode reads the numbers (default mode leaves ports to the operator).
      if (ctx.explicit) ctx.ports.get(spec.name);
      pod.containers.push(withUnitPodSettings({
        name: spec.name,
        image: spec.image,
        command: spec.command?.length ? [...spec.command] : undefined,
        args: spec.args?.length ? [...spec.args] : undefined,
        env: env.length ? env : undefined,
        resources,
        ports: componentPorts(spec),
      }, spec));
      return { name: spec.name, type: spec.unitType, endpoint: endpointOf(spec), methods: methodsOf(spec) };
    default:
      break;
  }
  const server = spec.server!;
  if (!ctx.explicit) {
    // A skeleton container with the node's name: the operator fills in the rest.
    // rendersContainer(spec), from the env and resources rendered above.
    if (spec.image !== undefined || resources !== undefined || env.length > 0 || hasPodSettings(spec) || listed.has(spec.name)) {
      pod.containers.push(withUnitPodSettings({ name: spec.name, image: spec.image, resources, env: env.length ? env : undefined }, spec));
    }
    return {
      name: spec.name,
      implementation: server.implementation,
      modelUri: spec.modelUri?.uri,
      storageInitializerImage: spec.storageInitializerImage,
      envSecretRefName: spec.credentials?.name,
      serviceAccountName: spec.serviceAccount?.name,
      // Written out, not spread: an object spread with added keys costs microseconds per node in V8.
      endpoint: endpointOf(spec),
      methods: methodsOf(spec),
    };
  }
  // The node carries no implementation, so the operator would not apply its
  // serviceAccountName to the pod: declare it on the pod (one per predictor).
  if (spec.serviceAccount) pod.serviceAccountName = spec.serviceAccount.name;

  const declared = serverContainers({
    runtime: server._runtime(ctx.protocol)!,
    implementation: server.implementation,
    defaults: server._defaults,
    node: spec.name,
    image: spec.image ?? server._defaultImage(ctx.protocol)!,
    parameters: spec.parameters,
    env,
    resources,
    position: ctx.ports.get(spec.name),
    namespace: ctx.namespace,
  });
  const init = storageInitializer({
    targetContainer: declared.modelContainer,
    modelUri: spec.modelUri!,
    image: spec.storageInitializerImage ?? STORAGE_INITIALIZER.image,
    secretName: spec.credentials?.name,
    resources: renderResources(ctx.initializerResources) ?? defaultInitializerResources(),
  });
  pod.initContainers.push(init.initContainer);
  for (const volume of init.volumes) {
    // Nodes reading the same claim share its volume.
    if (!pod.volumes.some(v => v.name === volume.name)) pod.volumes.push(volume);
  }
  for (const declaredContainer of declared.containers) {
    const container = declaredContainer.name === spec.name ? withUnitPodSettings(declaredContainer, spec) : declaredContainer;
    ctx.ports.get(container.name);
    pod.containers.push(container.name === declared.modelContainer
      ? { ...container, volumeMounts: [...(container.volumeMounts ?? []), ...init.targetMounts] }
      : container);
  }
  return { name: spec.name, type: PredictiveUnitType.MODEL, endpoint: endpointOf(spec), methods: methodsOf(spec) };
}

/** The claim names pvc:// URIs of a graph read, for the one-claim rule of explicit mode. */
export function pvcClaims(unit: PredictiveUnit): string[] {
  return unit._walk()
    .map(u => u._spec.modelUri)
    .filter(uri => uri?.kind === ModelUriKind.PVC && !uri.problem)
    .map(uri => uri!.claimName!);
}
