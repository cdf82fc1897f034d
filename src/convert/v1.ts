/**
 * A SeldonDeployment as construct code: `PrepackagedModel` (with
 * `withCanary`/`withShadow`/`withExplainer`) when every predictor is one
 * prepackaged node of the same name, else `SeldonDeployment` with
 * `PredictiveUnit`s. Fields without a prop are left to the patches that the
 * converter computes afterwards. `level` 1 leaves out the componentSpec
 * settings (./v1-pod.ts) and level 2 also the node-level props (image,
 * resources, env, parameters) and production settings, which the library
 * checks more strictly than Seldon, for further attempts.
 */
import { ImagePullPolicy } from 'cdk8s-plus-27';
import { arr, call, Expr, get, lit, obj, ref, staticCall, Stmt } from './code';
import { modelUriExpr } from './model-uri-expr';
import { probeExpr } from './probe-expr';
import { newConstruct, Scope } from './scope';
import { nodeContainerExtras, PodVolumes, podVolumesOf, splitPorts } from './v1-containers';
import { componentSpecSettings, onlyComponentSpec, placementStmts } from './v1-pod';
import { deploymentSettings, predictorSettings, separateEnginePod } from './v1-settings';
import { asPrepackagedModel, versionContainer } from './v1-versions';
import { envExpr, gpuExpr, resourcesExpr, stringList, stringMap } from './values';
import { isObject, Json } from '../graph/manifests';
import { sortedJson } from '../k8s/sorted-json';
import { ExplainerType } from '../v1/explainer';
import { LoggerMode } from '../v1/logger';
import { BuiltInImplementation, PredictiveUnitType } from '../v1/predictive-unit';
import { SeldonProtocol } from '../v1/protocol';
import { EndpointType, PredictiveUnitMethod } from '../v1/unit-endpoint';

const SERVER_CONSTANTS: Record<string, string> = {
  SKLEARN_SERVER: 'SKLEARN',
  XGBOOST_SERVER: 'XGBOOST',
  TENSORFLOW_SERVER: 'TENSORFLOW',
  MLFLOW_SERVER: 'MLFLOW',
  TRITON_SERVER: 'TRITON',
  HUGGINGFACE_SERVER: 'HUGGINGFACE',
  TEMPO_SERVER: 'TEMPO',
};
/** The node props a PrepackagedModel takes as its own. */
const NODE_PROPS_OF_A_MODEL = ['image', 'resources', 'gpu', 'imagePullPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'env', 'parameters', 'logger',
  'volumeMounts', 'securityContext', 'envFrom', 'ports'];
const PARAMETER_FACTORIES: Record<string, string> = { STRING: 'stringValue', INT: 'intValue', FLOAT: 'floatValue', DOUBLE: 'doubleValue', BOOL: 'boolValue' };

/** Options of one conversion: the level of detail and where names come from. */
interface V1Context {
  readonly scope: Scope;
  readonly namespace?: string;
  readonly level: number;
  /** Containers of the predictor's pod, by name. */
  readonly containers: Map<string, Json>;
  /** The volumes of its first componentSpec, which node mounts refer to. */
  readonly volumes: PodVolumes;
}

function enumMember(enumObject: Record<string, string>, value: unknown): string | undefined {
  return Object.keys(enumObject).find(k => enumObject[k] === value);
}

function serverExpr(implementation: string): Expr {
  const constant = SERVER_CONSTANTS[implementation];
  return constant ? get(ref('PrepackagedServer'), constant) : staticCall('PrepackagedServer', 'custom', lit(implementation));
}

/**
 * A BOOL parameter as Seldon's microservice reads it (python/seldon_core/microservice.py: `bool(strtobool(value))`):
 * "1", "True", "yes", "on" are true; undefined for a value strtobool refuses, which stays a patch.
 */
function strtobool(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (['y', 'yes', 't', 'true', 'on', '1'].includes(v)) return true;
  if (['n', 'no', 'f', 'false', 'off', '0'].includes(v)) return false;
  return undefined;
}

function parametersExpr(parameters: unknown): Expr | undefined {
  if (!Array.isArray(parameters) || parameters.length === 0) return undefined;
  const items: Expr[] = [];
  for (const p of parameters) {
    if (!isObject(p) || typeof p.name !== 'string' || typeof p.value !== 'string') return undefined;
    const factory = PARAMETER_FACTORIES[String(p.type ?? 'STRING')];
    if (!factory) return undefined;
    const value = factory === 'stringValue' ? p.value : factory === 'boolValue' ? strtobool(p.value) : Number(p.value);
    if (value === undefined) return undefined;
    if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
    items.push(staticCall('ModelParameter', factory, lit(p.name), lit(value)));
  }
  return arr(items);
}

function loggerExpr(logger: unknown): Expr | undefined {
  if (!isObject(logger)) return undefined;
  const mode = enumMember(LoggerMode as any, logger.mode);
  if (!mode) return undefined;
  return obj([['mode', get(ref('LoggerMode'), mode)], ['url', typeof logger.url === 'string' ? lit(logger.url) : undefined]]);
}

/** The Secret a node reads its model with: the RcloneSecret of the file, else a reference by name. */
export function credentialsExpr(scope: Scope, namespace: string | undefined, name: unknown): Expr | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  const known = scope.find('Secret', namespace, name);
  if (known) return ref(known.variable);
  return scope.external('Secret', 'fromSecretName', name, 'secret');
}

function serviceAccountExpr(scope: Scope, name: unknown): Expr | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  return scope.external('ServiceAccount', 'fromServiceAccountName', name, 'serviceAccount');
}

/** The props a node's container contributes: image, resources, env, ... (a component's ports are its own). */
function containerProps(node: Json, ctx: V1Context, component = false): Array<[string, Expr | undefined]> {
  const container = ctx.containers.get(String(node.name));
  if (!container || ctx.level > 1) return [];
  const ports = component ? undefined : splitPorts(container.ports, false);
  return [
    ['image', typeof container.image === 'string' ? lit(container.image) : undefined],
    ['resources', resourcesExpr(container.resources)],
    ['gpu', gpuExpr(container.resources)],
    ['env', envExpr(container.env, ctx.scope)],
    ['livenessProbe', probeExpr(container.livenessProbe)],
    ['readinessProbe', probeExpr(container.readinessProbe)],
    ['startupProbe', probeExpr(container.startupProbe)],
    // IfNotPresent is the operator's default (normalise.ts), not written.
    ['imagePullPolicy', container.imagePullPolicy !== 'IfNotPresent' ? enumExpr('ImagePullPolicy', ImagePullPolicy, container.imagePullPolicy) : undefined],
    ...nodeContainerExtras(container, ctx.volumes, ctx.scope),
    ['ports', ports?.extra],
  ];
}

/** A component's own command, args and ports `http`/`grpc`. */
function componentContainerProps(container: Json, ctx: V1Context): Array<[string, Expr | undefined]> {
  if (ctx.level > 1) return [];
  const ports = splitPorts(container.ports, true);
  return [
    ['command', stringList(container.command) ? lit(container.command) : undefined],
    ['args', stringList(container.args) ? lit(container.args) : undefined],
    ['httpPort', ports?.http !== undefined ? lit(ports.http) : undefined],
    ['grpcPort', ports?.grpc !== undefined ? lit(ports.grpc) : undefined],
    ['ports', ports?.extra],
  ];
}

function enumExpr(enumName: string, values: Record<string, string>, value: unknown): Expr | undefined {
  const member = enumMember(values, value);
  return member ? get(ref(enumName), member) : undefined;
}

function unitExpr(node: Json, ctx: V1Context): Expr | undefined {
  const children: Expr[] = [];
  for (const child of Array.isArray(node.children) ? node.children : []) {
    if (!isObject(child)) return undefined;
    const c = unitExpr(child, ctx);
    if (!c) return undefined;
    children.push(c);
  }
  const common: Array<[string, Expr | undefined]> = [
    ['parameters', ctx.level > 1 ? undefined : parametersExpr(node.parameters)],
    ['children', children.length ? arr(children) : undefined],
    ['logger', loggerExpr(node.logger)],
  ];
  const name = lit(String(node.name));
  const endpoint = ctx.level <= 1 && isObject(node.endpoint) ? enumMember(EndpointType as any, node.endpoint.type) : undefined;
  const endpointType: [string, Expr | undefined] = ['endpointType', endpoint ? get(ref('EndpointType'), endpoint) : undefined];
  const implementation = typeof node.implementation === 'string' ? node.implementation : undefined;
  const builtIn = enumMember(BuiltInImplementation as any, implementation);
  if (builtIn) {
    return staticCall('PredictiveUnit', 'builtIn', obj([['name', name], ['implementation', get(ref('BuiltInImplementation'), builtIn)], ...common]));
  }
  if (implementation && implementation !== 'UNKNOWN_IMPLEMENTATION') {
    return staticCall('PredictiveUnit', 'prepackaged', obj([
      ['name', name],
      ['server', serverExpr(implementation)],
      ['modelUri', typeof node.modelUri === 'string' && node.modelUri !== '' ? modelUriExpr(node.modelUri) : undefined],
      ['credentials', credentialsExpr(ctx.scope, ctx.namespace, node.envSecretRefName)],
      ['storageInitializerImage', typeof node.storageInitializerImage === 'string' ? lit(node.storageInitializerImage) : undefined],
      ['serviceAccount', serviceAccountExpr(ctx.scope, node.serviceAccountName)],
      ...containerProps(node, ctx),
      endpointType,
      ...common,
    ]));
  }
  const container = ctx.containers.get(String(node.name));
  if (!container || typeof container.image !== 'string') return undefined;
  const unitType = enumMember(PredictiveUnitType as any, node.type ?? 'MODEL');
  if (!unitType) return undefined;
  return staticCall('PredictiveUnit', 'component', obj([
    ['name', name],
    ['unitType', get(ref('PredictiveUnitType'), unitType)],
    ['image', lit(container.image)],
    ...containerProps(node, ctx, true).filter(([k]) => k !== 'image'),
    ...componentContainerProps(container, ctx),
    endpointType,
    ['methods', ctx.level <= 1 ? methodsExpr(node.methods) : undefined],
    ...common,
  ]));
}

function methodsExpr(methods: unknown): Expr | undefined {
  if (!Array.isArray(methods) || methods.length === 0) return undefined;
  const members = methods.map(m => enumMember(PredictiveUnitMethod as any, m));
  return members.every(m => m !== undefined) ? arr(members.map(m => get(ref('PredictiveUnitMethod'), m!))) : undefined;
}

function explainerExpr(explainer: unknown, ctx: V1Context): Expr | undefined {
  if (!isObject(explainer)) return undefined;
  const type = enumMember(ExplainerType as any, explainer.type);
  if (!type) return undefined;
  const endpoint = isObject(explainer.endpoint) ? enumMember(EndpointType as any, explainer.endpoint.type) : undefined;
  // The library names the declared container after the explainer Deployment, as the operator does when it has no name
  // (seldondeployment_explainers.go); another name (Seldon's GPU explainer says `explainer`) is a patch of the name alone.
  const container = isObject(explainer.containerSpec) ? explainer.containerSpec : {};
  const init = initParameters(explainer.initParameters);
  return obj([
    ['explainerType', get(ref('ExplainerType'), type)],
    ['modelUri', typeof explainer.modelUri === 'string' && explainer.modelUri !== '' ? modelUriExpr(explainer.modelUri) : undefined],
    ['credentials', credentialsExpr(ctx.scope, ctx.namespace, explainer.envSecretRefName)],
    ['storageInitializerImage', typeof explainer.storageInitializerImage === 'string' ? lit(explainer.storageInitializerImage) : undefined],
    ['replicas', typeof explainer.replicas === 'number' ? lit(explainer.replicas) : undefined],
    ['config', stringMap(explainer.config) ? lit(explainer.config) : undefined],
    ['image', typeof container.image === 'string' ? lit(container.image) : undefined],
    ['resources', resourcesExpr(container.resources)],
    ['env', envExpr(container.env, ctx.scope)],
    ['endpointType', endpoint ? get(ref('EndpointType'), endpoint) : undefined],
    ['initParameters', init !== undefined ? lit(init) : undefined],
    ['serviceAccount', serviceAccountExpr(ctx.scope, explainer.serviceAccountName)],
  ]);
}

/** The object of an `initParameters` JSON string, when the library writes it back the same (compact, keys sorted). */
function initParameters(value: unknown): Json | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed = JSON.parse(value);
    return isObject(parsed) && sortedJson(parsed) === value ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function containersOf(predictor: Json): Map<string, Json> {
  const map = new Map<string, Json>();
  for (const spec of Array.isArray(predictor.componentSpecs) ? predictor.componentSpecs : []) {
    for (const c of isObject(spec) && isObject(spec.spec) && Array.isArray(spec.spec.containers) ? spec.spec.containers : []) {
      if (isObject(c) && typeof c.name === 'string' && !map.has(c.name)) map.set(c.name, c);
    }
  }
  return map;
}

function metadataExpr(metadata: Json, namespace: string | undefined): Expr {
  return obj([
    ['name', lit(metadata.name)],
    ['namespace', metadata.namespace !== undefined && metadata.namespace !== namespace ? lit(metadata.namespace) : undefined],
    ['labels', stringMap(metadata.labels) ? lit(metadata.labels) : undefined],
    ['annotations', stringMap(metadata.annotations) ? lit(metadata.annotations) : undefined],
  ]);
}

export { metadataExpr };

/** The statements declaring a SeldonDeployment; undefined when its graph has no construct form. */
export function convertSeldonDeployment(
  object: Json, variable: string, id: string, scope: Scope, chartNamespace: string | undefined, level: number,
): { construct: string; stmts: Stmt[] } | undefined {
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : chartNamespace;
  const spec = isObject(object.spec) ? object.spec : {};
  const predictors = (Array.isArray(spec.predictors) ? spec.predictors : []).filter(isObject);
  const protocol = enumMember(SeldonProtocol as any, spec.protocol);
  const protocolExpr = protocol ? get(ref('SeldonProtocol'), protocol) : undefined;
  const settings = level <= 1 ? deploymentSettings(spec) : [];
  const separate = separateEnginePod(spec);
  const production = (p: Json, node: boolean) => [
    ...level <= 1 ? predictorSettings(p, scope, separate) : [],
    ...level === 0 ? componentSpecSettings(p, scope, node) : [],
  ];
  const prepackaged = asPrepackagedModel(predictors);
  if (prepackaged) {
    const main = prepackaged.main;
    const node = main.graph as Json;
    const ctx: V1Context = { scope, namespace, level, containers: containersOf(main), volumes: podVolumesOf(onlyComponentSpec(main), scope) };
    const unit = unitExpr(node, ctx);
    if (!unit || unit.k !== 'call' || unit.args[0].k !== 'obj') return undefined;
    const unitProps = new Map(unit.args[0].entries);
    const props = obj([
      ['metadata', metadataExpr(metadata, chartNamespace)],
      ['server', unitProps.get('server')],
      ['modelUri', unitProps.get('modelUri')],
      ['protocol', protocolExpr],
      ['replicas', typeof main.replicas === 'number' && main.replicas !== 1 ? lit(main.replicas) : undefined],
      ['predictorName', main.name !== 'default' ? lit(main.name) : undefined],
      ['graphName', node.name !== 'classifier' ? lit(node.name) : undefined],
      ['credentials', unitProps.get('credentials')],
      ['storageInitializerImage', unitProps.get('storageInitializerImage')],
      ['serviceAccount', unitProps.get('serviceAccount')],
      ...NODE_PROPS_OF_A_MODEL.map((k): [string, Expr | undefined] => [k, unitProps.get(k)]),
      ['engineResources', isObject(main.svcOrchSpec) ? resourcesExpr(main.svcOrchSpec.resources) : undefined],
      ['predictorAnnotations', stringMap(main.annotations) ? lit(main.annotations) : undefined],
      ['endpointType', unitProps.get('endpointType')],
      ...settings,
      ...production(main, true),
    ]);
    let value: Expr = newConstruct('PrepackagedModel', id, props);
    for (const [method, predictor] of prepackaged.versions) {
      const versionNode = predictor.graph as Json;
      const version = obj([
        ['modelUri', typeof versionNode.modelUri === 'string' ? modelUriExpr(versionNode.modelUri) : undefined],
        ['traffic', method === 'withCanary' ? lit(predictor.traffic) : undefined],
        ['predictorName', predictor.name !== (method === 'withCanary' ? 'canary' : 'shadow') ? lit(predictor.name) : undefined],
        ['server', versionNode.implementation !== node.implementation ? serverExpr(String(versionNode.implementation)) : undefined],
        ['replicas', typeof predictor.replicas === 'number' && predictor.replicas !== 1 ? lit(predictor.replicas) : undefined],
        ['credentials', versionNode.envSecretRefName !== node.envSecretRefName ? credentialsExpr(scope, namespace, versionNode.envSecretRefName) : undefined],
        ['resources', resourcesExpr(versionContainer(predictor)?.resources)],
        ['env', envExpr(versionContainer(predictor)?.env, ctx.scope)],
      ]);
      value = call(get(value, method), version);
    }
    const explainer = explainerExpr(main.explainer, ctx);
    if (explainer) value = call(get(value, 'withExplainer'), explainer);
    const placement = level === 0 ? placementStmts(main, ref(variable)) : [];
    return { construct: 'PrepackagedModel', stmts: [{ name: variable, value }, ...placement] };
  }
  const predictorExprs: Expr[] = [];
  for (const p of predictors) {
    if (!isObject(p.graph)) return undefined;
    const ctx: V1Context = { scope, namespace, level, containers: containersOf(p), volumes: podVolumesOf(onlyComponentSpec(p, true), scope) };
    const graph = unitExpr(p.graph, ctx);
    if (!graph) return undefined;
    predictorExprs.push(obj([
      ['name', lit(p.name)],
      ['graph', graph],
      // 1 is the default only when neither spec.replicas nor an autoscaler decides.
      ['replicas', typeof p.replicas === 'number' && (p.replicas !== 1 || spec.replicas !== undefined) ? lit(p.replicas) : undefined],
      ['traffic', typeof p.traffic === 'number' ? lit(p.traffic) : undefined],
      ['shadow', p.shadow === true ? lit(true) : undefined],
      ['explainer', explainerExpr(p.explainer, ctx)],
      ['labels', stringMap(p.labels) ? lit(p.labels) : undefined],
      ['annotations', stringMap(p.annotations) ? lit(p.annotations) : undefined],
      ['engineResources', isObject(p.svcOrchSpec) ? resourcesExpr(p.svcOrchSpec.resources) : undefined],
      ...production(p, false),
    ]));
  }
  return {
    construct: 'SeldonDeployment',
    stmts: [{
      name: variable,
      value: newConstruct('SeldonDeployment', id, obj([
        ['metadata', metadataExpr(metadata, chartNamespace)],
        ['protocol', protocolExpr],
        ['replicas', level <= 1 && typeof spec.replicas === 'number' ? lit(spec.replicas) : undefined],
        ...settings,
        ['predictors', arr(predictorExprs)],
      ])),
    },
    ...level === 0 ? predictors.flatMap(p => placementStmts(p, call(get(ref(variable), 'predictorPod'), lit(p.name)))) : []],
  };
}

