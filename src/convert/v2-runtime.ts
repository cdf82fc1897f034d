/**
 * A v2 `SeldonRuntime` as the `SeldonRuntime` construct: its SeldonConfig
 * (by name), per-component overrides (`RuntimeComponent` constants, replicas,
 * disable, Service type, pod settings or the raw pod spec), the namespace
 * configuration (`spec.config` as `SeldonConfigurationProps`: Kafka, tracing,
 * Services, scaling, the config Secrets; inline rclone remotes stay a patch) and `disableAutoUpdate`; and a v2 `SeldonConfig` as the
 * `SeldonConfig` construct: its components (pod spec, labels, annotations,
 * claim templates) and the same configuration.
 */
import { ServiceType } from 'cdk8s-plus-27';
import { arr, Expr, get, lit, obj, ref, staticCall, Stmt } from './code';
import { kubeExpr, podSpecExpr } from './pod-spec-expr';
import { ConvertContext, newConstruct, Scope } from './scope';
import { metadataExpr } from './v1';
import { namespaceOf } from './v2';
import { isObject, Json } from '../graph/manifests';
import { RuntimeComponent } from '../v2/runtime/runtime-component';
import { SERVICE_COMPONENTS } from '../v2/runtime/runtime-override-checks';
import { OtelExporterProtocol } from '../v2/runtime/seldon-configuration';

/** The name of each `RuntimeComponent` constant. */
const COMPONENTS: ReadonlyArray<readonly [string, string]> = (['SCHEDULER', 'ENVOY', 'DATAFLOW_ENGINE', 'MODEL_GATEWAY', 'PIPELINE_GATEWAY', 'HODOMETER'] as const)
  .map(member => [RuntimeComponent[member].name, member] as const);

const OVERRIDE_KEYS = ['name', 'disable', 'replicas', 'serviceType', 'podSpec'];

function componentExpr(name: string): Expr {
  const member = COMPONENTS.find(([n]) => n === name)?.[1];
  return member ? get(ref('RuntimeComponent'), member) : staticCall('RuntimeComponent', 'custom', lit(name));
}

const TYPED_POD_KEYS = ['priorityClassName', 'imagePullSecrets', 'serviceAccountName'];

/**
 * A pod spec of only pod settings as the typed options; one with containers
 * as the raw `podSpec` (a `k8s.PodSpec` needs containers); any other is left
 * to a patch on this override.
 */
function podEntries(pod: unknown, scope: Scope): Array<[string, Expr | undefined]> {
  if (!isObject(pod)) return [];
  if (Object.keys(pod).every(k => TYPED_POD_KEYS.includes(k))) {
    const secrets = Array.isArray(pod.imagePullSecrets) && pod.imagePullSecrets.every(x => isObject(x) && typeof x.name === 'string' && Object.keys(x).length === 1)
      ? pod.imagePullSecrets.map(x => scope.external('Secret', 'fromSecretName', String((x as Json).name), 'secret')) : undefined;
    return [
      ['priorityClassName', typeof pod.priorityClassName === 'string' ? lit(pod.priorityClassName) : undefined],
      ['imagePullSecrets', secrets?.length ? arr(secrets) : undefined],
      ['serviceAccount', typeof pod.serviceAccountName === 'string' && pod.serviceAccountName !== ''
        ? scope.external('ServiceAccount', 'fromServiceAccountName', pod.serviceAccountName, 'serviceAccount') : undefined],
    ];
  }
  return [['podSpec', Array.isArray(pod.containers) ? podSpecExpr(pod) : undefined]];
}

function overrideExpr(override: unknown, scope: Scope, defaultServiceType: string | undefined): Expr | undefined {
  if (!isObject(override) || typeof override.name !== 'string' || Object.keys(override).some(k => !OVERRIDE_KEYS.includes(k))) return undefined;
  // The construct renders the namespace's Service type on the scheduler's and envoy's overrides, where it is known: not
  // written again. Without a type the operator gives their Services ClusterIP (service_reconciler.go getServiceType),
  // which the construct renders for a disabled component and needs said for the others.
  const hasService = SERVICE_COMPONENTS.includes(override.name);
  const type = override.serviceType ?? (hasService ? 'ClusterIP' : undefined);
  const serviceType = type === defaultServiceType || (type === 'ClusterIP' && override.disable === true) ? undefined
    : Object.keys(ServiceType).find(k => (ServiceType as any)[k] === type);
  return obj([
    ['component', componentExpr(override.name)],
    ['disable', override.disable === true ? lit(true) : undefined],
    ['replicas', typeof override.replicas === 'number' ? lit(override.replicas) : undefined],
    ['serviceType', serviceType ? get(ref('ServiceType'), serviceType) : undefined],
    ...podEntries(override.podSpec, scope),
  ]);
}

type Entries = Array<[string, Expr | undefined]>;
const group = (entries: Entries): Expr | undefined => {
  const e = obj(entries);
  return e.k === 'obj' && e.entries.length ? e : undefined;
};
const strings = (value: unknown): value is Record<string, string> => isObject(value) && Object.values(value).every(v => typeof v === 'string');
const known = (value: Json, keys: readonly string[]) => Object.keys(value).every(k => keys.includes(k));

/**
 * `agentConfig.rclone.config_secrets` as `rcloneConfigSecrets`: an RcloneSecret of the input, else an existing one in
 * the v2 format (the agent reads no other); undefined for other rclone settings (inline remotes), which stay a patch.
 */
function configSecretsExpr(agent: unknown, scope: Scope, namespace: string | undefined): Expr | undefined {
  const rclone = isObject(agent) && known(agent, ['rclone']) && isObject(agent.rclone) ? agent.rclone : undefined;
  const names = rclone && known(rclone, ['config_secrets']) ? rclone.config_secrets : undefined;
  if (!Array.isArray(names) || names.length === 0 || !names.every(n => typeof n === 'string' && n !== '')) return undefined;
  return arr(names.map(name => {
    const converted = scope.find('Secret', namespace, name as string);
    return converted?.construct === 'RcloneSecret' ? ref(converted.variable)
      : scope.external('RcloneSecret', 'fromExistingSecret', name as string, 'secret', obj([['format', get(ref('RcloneSecretFormat'), 'V2_DOCUMENT')]]));
  }));
}

/** `spec.config` as `SeldonConfigurationProps`, or undefined when some part has no exact typed form. */
function configExpr(config: unknown, scope: Scope, namespace: string | undefined): Expr | undefined {
  // Inline rclone remotes (agentConfig.rclone.config) stay a patch; Secrets listed by name are typed.
  if (!isObject(config) || !known(config, ['kafkaConfig', 'tracingConfig', 'serviceConfig', 'scalingConfig', 'agentConfig'])) return undefined;
  const parts: Entries = [['rcloneConfigSecrets', configSecretsExpr(config.agentConfig, scope, namespace)]];
  const kafka = config.kafkaConfig;
  if (kafka !== undefined) {
    // The CRD's key for the brokers is `bootstrap.servers`, Kafka's own name.
    const keys: Record<string, string> = {
      'bootstrap.servers': 'bootstrapServers',
      'consumerGroupIdPrefix': 'consumerGroupIdPrefix',
      'debug': 'debug',
      'topicPrefix': 'topicPrefix',
      'consumer': 'consumer',
      'producer': 'producer',
      'streams': 'streams',
      'topics': 'topics',
    };
    // Map values may be integers in the CRD; the typed maps hold strings, so only all-string maps are typed.
    if (!isObject(kafka) || !known(kafka, Object.keys(keys)) || !Object.keys(keys).every(k => kafka[k] === undefined || typeof kafka[k] === 'string' || strings(kafka[k]))) return undefined;
    parts.push(['kafka', group(Object.entries(keys).map(([k, prop]) => [prop, kafka[k] === undefined ? undefined : lit(kafka[k])]))]);
  }
  const tracing = config.tracingConfig;
  if (tracing !== undefined) {
    if (!isObject(tracing) || !known(tracing, ['disable', 'otelExporterEndpoint', 'otelExporterProtocol', 'ratio'])) return undefined;
    const protocol = Object.keys(OtelExporterProtocol).find(k => (OtelExporterProtocol as any)[k] === tracing.otelExporterProtocol);
    const ratio = typeof tracing.ratio === 'string' && String(Number(tracing.ratio)) === tracing.ratio ? lit(Number(tracing.ratio)) : undefined;
    if ((tracing.otelExporterProtocol !== undefined && !protocol) || (tracing.ratio !== undefined && !ratio)) return undefined;
    parts.push(['tracing', group([
      ['disable', typeof tracing.disable === 'boolean' ? lit(tracing.disable) : undefined],
      ['otelExporterEndpoint', typeof tracing.otelExporterEndpoint === 'string' ? lit(tracing.otelExporterEndpoint) : undefined],
      ['otelExporterProtocol', protocol ? get(ref('OtelExporterProtocol'), protocol) : undefined],
      ['ratio', ratio],
    ])]);
  }
  const service = config.serviceConfig;
  if (service !== undefined) {
    const serviceType = isObject(service) ? Object.keys(ServiceType).find(k => (ServiceType as any)[k] === service.serviceType) : undefined;
    if (!isObject(service) || !known(service, ['grpcServicePrefix', 'serviceType']) || (service.serviceType !== undefined && !serviceType)) return undefined;
    parts.push(['service', group([
      ['grpcServicePrefix', typeof service.grpcServicePrefix === 'string' ? lit(service.grpcServicePrefix) : undefined],
      ['serviceType', serviceType ? get(ref('ServiceType'), serviceType) : undefined],
    ])]);
  }
  const scaling = config.scalingConfig;
  if (scaling !== undefined) {
    if (!isObject(scaling) || !known(scaling, ['models', 'servers', 'pipelines'])) return undefined;
    const models = isObject(scaling.models) ? scaling.models : {};
    const servers = isObject(scaling.servers) ? scaling.servers : {};
    const pipelines = isObject(scaling.pipelines) ? scaling.pipelines : {};
    if (!known(models, ['enabled']) || !known(servers, ['enabled', 'scaleDownPackingEnabled', 'scaleDownPackingPercentage']) || !known(pipelines, ['maxShardCountMultiplier'])) return undefined;
    const bool = (v: unknown) => (typeof v === 'boolean' ? lit(v) : undefined);
    const num = (v: unknown) => (typeof v === 'number' ? lit(v) : undefined);
    parts.push(['scaling', group([
      ['modelAutoscaling', bool(models.enabled)],
      ['serverAutoscaling', bool(servers.enabled)],
      ['serverScaleDownPacking', bool(servers.scaleDownPackingEnabled)],
      ['serverScaleDownPackingPercentage', num(servers.scaleDownPackingPercentage)],
      ['pipelineMaxShardCountMultiplier', num(pipelines.maxShardCountMultiplier)],
    ])]);
  }
  return group(parts);
}

/** The statements declaring a SeldonRuntime. */
export function convertSeldonRuntime(object: Json, variable: string, id: string,
  ctx: ConvertContext): Stmt[] | undefined {
  const spec = isObject(object.spec) ? object.spec : {};
  const seldonConfig = typeof spec.seldonConfig === 'string' && spec.seldonConfig !== 'default'
    ? ctx.scope.external('SeldonConfig', 'fromSeldonConfigName', spec.seldonConfig, 'seldonConfig') : undefined;
  // Known only from the runtime's own config: the SeldonConfig's (Seldon's `default` takes it from the Helm chart) is not.
  const config = isObject(spec.config) ? spec.config : {};
  const configured = isObject(config.serviceConfig) ? config.serviceConfig.serviceType : undefined;
  const defaultServiceType = typeof configured === 'string' ? configured : undefined;
  const overrides = ctx.level === 0 && Array.isArray(spec.overrides) ? spec.overrides.map(o => overrideExpr(o, ctx.scope, defaultServiceType)) : [];
  return [{
    name: variable,
    value: newConstruct('SeldonRuntime', id, obj([
      ['metadata', metadataExpr(isObject(object.metadata) ? object.metadata : {}, ctx.chartNamespace)],
      ['seldonConfig', seldonConfig],
      ['overrides', overrides.length && overrides.every(o => o !== undefined) ? arr(overrides as Expr[]) : undefined],
      ['config', ctx.level === 0 ? configExpr(spec.config, ctx.scope, namespaceOf(object, ctx.chartNamespace)) : undefined],
      ['disableAutoUpdate', typeof spec.disableAutoUpdate === 'boolean' ? lit(spec.disableAutoUpdate) : undefined],
    ])),
  }];
}

// `replicas` is read by no one (runtime_reconciler.go ComponentOverride sets the override's or 1): a patch keeps it.
const COMPONENT_KEYS = ['name', 'podSpec', 'labels', 'annotations', 'volumeClaimTemplates', 'replicas'];

/** One of `spec.components` as a `SeldonConfigComponent`, or undefined when a part has no typed form. */
function configComponentExpr(component: unknown): Expr | undefined {
  if (!isObject(component) || typeof component.name !== 'string' || Object.keys(component).some(k => !COMPONENT_KEYS.includes(k))) return undefined;
  const pod = isObject(component.podSpec) ? podSpecExpr(component.podSpec) : undefined;
  const claims = component.volumeClaimTemplates;
  const templates = Array.isArray(claims) ? claims.map(t => (isObject(t) && typeof t.name === 'string' && Object.keys(t).length === 2 && isObject(t.spec)
    ? kubeExpr(t.spec, 'cdk8s-plus-27.k8s.PersistentVolumeClaimSpec') : undefined)) : [];
  // Seldon's default SeldonConfig writes `labels:` and `annotations:` empty (null).
  const labelled = (v: unknown) => v === undefined || v === null || strings(v);
  const claimsRead = claims === undefined || (Array.isArray(claims) && !templates.includes(undefined));
  if (!pod || !labelled(component.labels) || !labelled(component.annotations) || !claimsRead) {
    return undefined;
  }
  return obj([
    ['component', componentExpr(component.name)],
    ['podSpec', pod],
    ['labels', strings(component.labels) ? lit(component.labels) : undefined],
    ['annotations', strings(component.annotations) ? lit(component.annotations) : undefined],
    ['volumeClaimTemplates', templates.length ? arr(templates.map((t, i) => obj([['name', lit((claims as Json[])[i].name)], ['spec', t]]))) : undefined],
  ]);
}

/** The statements declaring a SeldonConfig; undefined (an ApiObject) when a component or the configuration has no typed form. */
export function convertSeldonConfig(object: Json, variable: string, id: string,
  ctx: ConvertContext): Stmt[] | undefined {
  const spec = isObject(object.spec) ? object.spec : {};
  if (ctx.level > 0 || Object.keys(spec).some(k => k !== 'components' && k !== 'config')) return undefined;
  const components = Array.isArray(spec.components) ? spec.components.map(configComponentExpr) : [];
  if ((spec.components !== undefined && !Array.isArray(spec.components)) || components.includes(undefined)) return undefined;
  return [{
    name: variable,
    value: newConstruct('SeldonConfig', id, obj([
      ['metadata', metadataExpr(isObject(object.metadata) ? object.metadata : {}, ctx.chartNamespace)],
      ['components', components.length ? arr(components as Expr[]) : undefined],
      // A configuration with no exact typed form is left to a patch, as a runtime's is.
      ['config', spec.config === undefined ? undefined : configExpr(spec.config, ctx.scope, namespaceOf(object, ctx.chartNamespace))],
    ])),
  }];
}
