/**
 * Seldon Core v2 objects as construct code: `SeldonServer`, `SeldonModel`,
 * `Pipeline` (with `addStep`), `Experiment` and `ServerConfig`, with
 * references to the other objects of the same input as construct
 * references. Fields without a prop are left to the converter's patches.
 */
import { arr, call, Expr, get, lit, obj, ref, staticCall, Stmt } from './code';
import { modelUriExpr } from './model-uri-expr';
import { podPlacementStmts } from './placement-expr';
import { POD_SETTING_KEYS, podSettingEntries } from './pod-settings-expr';
import { claimTemplatesExpr, podSpecExpr } from './pod-spec-expr';
import { ConvertContext, newConstruct } from './scope';
import { metadataExpr } from './v1';
import { PodVolumes, volumeMountsExpr } from './v1-containers';
import { envExpr, gpuExpr, resourcesExpr, stringList, stringMap } from './values';
import { isObject, Json } from '../graph/manifests';
import { sortedKeys } from '../k8s/sorted-json';
import { JoinType } from '../v2/pipeline-step';
import { PvcRetention } from '../v2/pvc-retention';

const num = (value: unknown): Expr | undefined => (typeof value === 'number' ? lit(value) : undefined);
const bool = (value: unknown): Expr | undefined => (typeof value === 'boolean' ? lit(value) : undefined);
const str = (value: unknown): Expr | undefined => (typeof value === 'string' ? lit(value) : undefined);
const list = (value: unknown): Expr | undefined => (stringList(value)?.length ? lit(value) : undefined);

/** The object's namespace, else the chart's. */
export function namespaceOf(object: Json, chartNamespace?: string): string | undefined {
  const metadata = isObject(object.metadata) ? object.metadata : {};
  return typeof metadata.namespace === 'string' ? metadata.namespace : chartNamespace;
}

function secretExpr(ctx: ConvertContext, namespace: string | undefined, name: unknown): Expr | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  const known = ctx.scope.find('Secret', namespace, name);
  return known ? ref(known.variable) : ctx.scope.external('Secret', 'fromSecretName', name, 'secret');
}

/** The ServerConfig a Server uses: the installation's, one of the input, or one by name. */
function serverConfigExpr(ctx: ConvertContext, namespace: string | undefined, name: unknown): Expr | undefined {
  if (name === 'mlserver') return get(ref('ServerConfigRef'), 'MLSERVER');
  if (name === 'triton') return get(ref('ServerConfigRef'), 'TRITON');
  if (typeof name !== 'string') return undefined;
  const known = ctx.scope.find('ServerConfig', namespace, name) ?? ctx.scope.find('ServerConfig', undefined, name);
  return known ? staticCall('ServerConfigRef', 'fromServerConfig', ref(known.variable)) : staticCall('ServerConfigRef', 'fromName', lit(name));
}

export function convertServer(object: Json, variable: string, id: string, ctx: ConvertContext): Stmt[] {
  const spec = isObject(object.spec) ? object.spec : {};
  const namespace = namespaceOf(object, ctx.chartNamespace);
  const config = serverConfigExpr(ctx, namespace, spec.serverConfig);
  // A pod spec that only replaces the server container's image is the `image` prop; its placement is `scheduling`'s.
  const podSpec = isObject(spec.podSpec) ? spec.podSpec : {};
  // Containers and the volumes they mount: what the overrides and mountPvc() render. Placement and pod settings are
  // typed apart, and a nodeSelector, which nothing renders, is a patch of its own.
  const apart = ['affinity', 'tolerations', 'nodeSelector', ...POD_SETTING_KEYS];
  const ownKeys = Object.keys(podSpec).filter(k => !apart.includes(k));
  const containers = ownKeys.every(k => k === 'containers' || k === 'volumes') && Array.isArray(podSpec.containers) ? podSpec.containers : [];
  const onlyImage = ctx.level === 0 && ownKeys.length === 1 && containers.length === 1 && isObject(containers[0])
    && Object.keys(containers[0]).length === 2
    && containers[0].name === spec.serverConfig && typeof containers[0].image === 'string' ? containers[0].image : undefined;
  // Otherwise the containers of the installation's configs are overrides (image, resources, GPUs, env), merged by name.
  const mounts = ctx.level === 0 ? pvcMounts(spec.podSpec) : [];
  const volumes = new PodVolumes(ctx.scope, Array.isArray(podSpec.volumes) ? podSpec.volumes.filter(isObject) : []);
  const overrides = ctx.level === 0 && onlyImage === undefined
    ? containerOverrides(containers, String(spec.serverConfig), volumes, podSpec.volumes, mounts) : [];
  const extra = stringList(spec.extraCapabilities) ?? [];
  // mountPvc() advertises "pvc" itself, where the manifest lists it among the extra capabilities.
  const advertised = mounts.length > 0 && extra.includes('pvc');
  const extraCapabilities = advertised ? extra.filter(c => c !== 'pvc') : extra;
  const stmts: Stmt[] = [{
    name: variable,
    value: newConstruct('SeldonServer', id, obj([
      ['metadata', metadataExpr(isObject(object.metadata) ? object.metadata : {}, ctx.chartNamespace)],
      ['serverConfig', spec.serverConfig === 'mlserver' ? undefined : config],
      ['replicas', num(spec.replicas)],
      ['minReplicas', num(spec.minReplicas)],
      ['maxReplicas', num(spec.maxReplicas)],
      ['capabilities', list(spec.capabilities)],
      ['extraCapabilities', extraCapabilities.length ? lit(extraCapabilities) : undefined],
      ['image', onlyImage === undefined ? undefined : lit(onlyImage)],
      ['disableAutoUpdate', bool(spec.disableAutoUpdate)],
      ...retentionEntries(spec.statefulSetPersistentVolumeClaimRetentionPolicy),
      ...(ctx.level === 0 ? podSettingEntries(podSpec, ctx.scope, { serviceAccount: true }) : []),
      ...overrides,
    ])),
  }];
  mounts.forEach((m, i) => {
    const claim = ctx.scope.external('PersistentVolumeClaim', 'fromClaimName', m.claim, 'claim');
    const options = obj([
      ['volumeName', m.volume !== m.claim ? lit(m.volume) : undefined],
      ['readOnly', m.readOnly ? lit(true) : undefined],
      ['advertiseCapability', advertised && i === 0 ? undefined : lit(false)],
    ]);
    stmts.push({ value: call(get(ref(variable), 'mountPvc'), claim, lit(m.mountPath), ...(options.k === 'obj' && options.entries.length ? [options] : [])) });
  });
  // Nothing normalises a Server's tolerations, so one without `operator` stays a patch.
  if (ctx.level === 0) stmts.push(...podPlacementStmts(spec.podSpec, ref(variable), { operatorDefaulted: false }));
  return stmts;
}

const RETENTION: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(PvcRetention).map(([k, v]) => [v, k]));

/** `statefulSetPersistentVolumeClaimRetentionPolicy` as `pvcRetentionWhenDeleted` and `pvcRetentionWhenScaled`. */
function retentionEntries(policy: unknown): Array<[string, Expr | undefined]> {
  if (!isObject(policy) || Object.keys(policy).some(k => k !== 'whenDeleted' && k !== 'whenScaled')) return [];
  const member = (v: unknown) => (typeof v === 'string' && Object.hasOwn(RETENTION, v) ? get(ref('PvcRetention'), RETENTION[v]) : undefined);
  return [['pvcRetentionWhenDeleted', member(policy.whenDeleted)], ['pvcRetentionWhenScaled', member(policy.whenScaled)]];
}

const OVERRIDE_KEYS = ['name', 'image', 'resources', 'env', 'volumeMounts'];

/**
 * `serverContainer`, `agentContainer`, `rcloneContainer` for the installation's mlserver and triton configs, with
 * their volume mounts (`claims`: the rclone mounts `mountPvc()` renders, left to it). The library renders the
 * containers in the order rclone, agent, server, and the volumes in the order first mounted, then the claims': a
 * manifest in another order keeps its containers (or their mounts) for patches, which would otherwise rewrite them
 * index by index.
 */
function containerOverrides(containers: unknown[], serverConfig: string, volumes: PodVolumes, podVolumes: unknown,
  claims: readonly FoundMount[]): Array<[string, Expr | undefined]> {
  if (serverConfig !== 'mlserver' && serverConfig !== 'triton') return [];
  const props: Record<string, string> = { rclone: 'rcloneContainer', agent: 'agentContainer', [serverConfig]: 'serverContainer' };
  const order = Object.keys(props);
  const typed = containers.filter((c): c is Json => isObject(c) && typeof c.name === 'string' && Object.hasOwn(props, c.name)
    && Object.keys(c).every(k => OVERRIDE_KEYS.includes(k)));
  if (typed.some((c, i) => i > 0 && order.indexOf(c.name as string) < order.indexOf(typed[i - 1].name as string))) return [];
  const ownMounts = (c: Json): unknown[] => (Array.isArray(c.volumeMounts)
    ? c.volumeMounts.filter(m => !(c.name === 'rclone' && claims.some(f => isObject(m) && f.volume === m.name))) : []);
  // The pod volumes as the library would list them: each first mounted, in the containers' order, then the claims'.
  const rendered: string[] = [];
  for (const c of typed) for (const m of ownMounts(c)) if (isObject(m) && !rendered.includes(String(m.name))) rendered.push(String(m.name));
  const listed = Array.isArray(podVolumes) ? podVolumes.map(v => (isObject(v) ? String(v.name) : '')) : [];
  const inOrder = [...rendered, ...claims.map(f => f.volume)].join('\u0000') === listed.join('\u0000');
  const out: Array<[string, Expr | undefined]> = [];
  for (const c of typed) {
    const own = ownMounts(c);
    if (own.length && !inOrder) continue;
    const mounts = own.length ? volumeMountsExpr(own, volumes) : undefined;
    if (own.length && !mounts) continue;
    const override = obj([
      ['image', str(c.image)], ['resources', resourcesExpr(c.resources)], ['gpu', gpuExpr(c.resources)], ['env', envExpr(c.env)], ['volumeMounts', mounts],
    ]);
    if (override.k === 'obj' && override.entries.length) out.push([props[c.name as string], override]);
  }
  return out;
}

interface FoundMount { readonly claim: string; readonly volume: string; readonly mountPath: string; readonly readOnly: boolean }

/** Claims mounted into the rclone container, which `mountPvc()` says (SELDON-FACTS §2.10). */
function pvcMounts(podSpec: unknown): FoundMount[] {
  if (!isObject(podSpec) || !Array.isArray(podSpec.volumes) || !Array.isArray(podSpec.containers)) return [];
  const rclone = podSpec.containers.find(c => isObject(c) && c.name === 'rclone') as Json | undefined;
  const claims = new Map<string, string>();
  for (const v of podSpec.volumes) {
    if (isObject(v) && typeof v.name === 'string' && isObject(v.persistentVolumeClaim) && typeof v.persistentVolumeClaim.claimName === 'string'
      && Object.keys(v).length === 2 && Object.keys(v.persistentVolumeClaim).length === 1) claims.set(v.name, v.persistentVolumeClaim.claimName);
  }
  const found: FoundMount[] = [];
  for (const m of rclone && Array.isArray(rclone.volumeMounts) ? rclone.volumeMounts : []) {
    if (!isObject(m) || typeof m.name !== 'string' || typeof m.mountPath !== 'string' || !claims.has(m.name)) continue;
    if (Object.keys(m).some(k => !['name', 'mountPath', 'readOnly'].includes(k))) continue;
    found.push({ claim: claims.get(m.name)!, volume: m.name, mountPath: m.mountPath, readOnly: m.readOnly === true });
  }
  return found;
}

function explainerExpr(ctx: ConvertContext, namespace: string | undefined, explainer: unknown): Expr | undefined {
  if (!isObject(explainer) || typeof explainer.type !== 'string') return undefined;
  const type = lit(explainer.type);
  if (typeof explainer.modelRef === 'string' && explainer.pipelineRef === undefined) {
    const model = ctx.scope.find('Model', namespace, explainer.modelRef);
    return model ? staticCall('ModelExplainer', 'forModel', type, ref(model.variable)) : staticCall('ModelExplainer', 'forModelName', type, lit(explainer.modelRef));
  }
  if (typeof explainer.pipelineRef === 'string' && explainer.modelRef === undefined) return staticCall('ModelExplainer', 'forPipelineName', type, lit(explainer.pipelineRef));
  return undefined;
}

/** `ModelLlm.forModel(model)` for a Model of the input, else by name; `forPipelineName`. */
function llmExpr(ctx: ConvertContext, namespace: string | undefined, llm: unknown): Expr | undefined {
  if (!isObject(llm) || Object.keys(llm).length !== 1) return undefined;
  if (typeof llm.modelRef === 'string') {
    const model = ctx.scope.find('Model', namespace, llm.modelRef);
    return model ? staticCall('ModelLlm', 'forModel', ref(model.variable)) : staticCall('ModelLlm', 'forModelName', lit(llm.modelRef));
  }
  return typeof llm.pipelineRef === 'string' ? staticCall('ModelLlm', 'forPipelineName', lit(llm.pipelineRef)) : undefined;
}

/**
 * A Model's `parameters` list as the map `SeldonModelProps.parameters` takes, where the library writes that map back
 * as the same list (else the field is a patch): names distinct and in `sortedKeys` order, which is not plain text
 * order where a name reads as an array index ("9" before "10", as a JavaScript object keeps them).
 */
function parametersMap(entries: unknown): Record<string, string> | undefined {
  if (!Array.isArray(entries) || !entries.every(p => isObject(p) && typeof p.name === 'string' && typeof p.value === 'string' && Object.keys(p).length === 2)) {
    return undefined;
  }
  const map: Record<string, string> = Object.fromEntries(entries.map(p => [p.name, p.value]));
  const written = Object.keys(sortedKeys(map));
  return written.length === entries.length && written.every((name, i) => name === entries[i].name) ? map : undefined;
}

export function convertModel(object: Json, variable: string, id: string, ctx: ConvertContext): Stmt[] | undefined {
  const spec = isObject(object.spec) ? object.spec : {};
  if (typeof spec.storageUri !== 'string') return undefined;
  const namespace = namespaceOf(object, ctx.chartNamespace);
  let server: Expr | undefined;
  if (typeof spec.server === 'string') {
    const known = ctx.scope.find('Server', namespace, spec.server);
    server = known ? ref(known.variable) : ctx.scope.external('SeldonServer', 'fromServerName', spec.server, 'server');
  }
  const parameters = parametersMap(spec.parameters);
  return [{
    name: variable,
    value: newConstruct('SeldonModel', id, obj([
      ['metadata', metadataExpr(isObject(object.metadata) ? object.metadata : {}, ctx.chartNamespace)],
      ['storageUri', modelUriExpr(spec.storageUri)],
      ['requirements', list(spec.requirements)],
      ['server', server],
      ['memory', typeof spec.memory === 'string' || typeof spec.memory === 'number' ? lit(String(spec.memory)) : undefined],
      ['replicas', num(spec.replicas)],
      ['minReplicas', num(spec.minReplicas)],
      ['maxReplicas', num(spec.maxReplicas)],
      ['artifactVersion', num(spec.artifactVersion)],
      ['explainer', explainerExpr(ctx, namespace, spec.explainer)],
      ['parameters', parameters && Object.keys(parameters).length ? lit(parameters) : undefined],
      ['dedicated', bool(spec.dedicated)],
      ['secret', secretExpr(ctx, namespace, spec.secretName)],
      ['llm', llmExpr(ctx, namespace, spec.llm)],
      ['logPayloadsPercent', isObject(spec.logger) && Object.keys(spec.logger).length === 1 ? num(spec.logger.percent) : undefined],
      ['schemaUri', typeof spec.schemaUri === 'string' ? lit(spec.schemaUri) : undefined],
      ['modelType', typeof spec.modelType === 'string' ? lit(spec.modelType) : undefined],
      ['preloaded', bool(spec.preloaded)],
      ['cleanTopicsOnDelete', isObject(spec.dataflow) && Object.keys(spec.dataflow).length === 1 ? bool(spec.dataflow.cleanTopicsOnDelete) : undefined],
    ])),
  }];
}

const JOIN_TYPES: Record<string, string> = Object.fromEntries(Object.entries(JoinType).map(([k, v]) => [v, k]));

function joinExpr(value: unknown): Expr | undefined {
  return typeof value === 'string' && JOIN_TYPES[value] ? get(ref('JoinType'), JOIN_TYPES[value]) : undefined;
}

function refsExpr(value: unknown): Expr | undefined {
  const refs = stringList(value);
  return refs?.length ? arr(refs.map(r => staticCall('StepRef', 'fromString', lit(r)))) : undefined;
}

export function convertPipeline(object: Json, variable: string, id: string, ctx: ConvertContext): Stmt[] | undefined {
  const spec = isObject(object.spec) ? object.spec : {};
  const steps = Array.isArray(spec.steps) ? spec.steps : [];
  if (!steps.every(s => isObject(s) && typeof s.name === 'string')) return undefined;
  const namespace = namespaceOf(object, ctx.chartNamespace);
  const input = isObject(spec.input) ? spec.input : undefined;
  const output = isObject(spec.output) ? spec.output : undefined;
  const stmts: Stmt[] = [{
    name: variable,
    value: newConstruct('Pipeline', id, obj([
      ['metadata', metadataExpr(isObject(object.metadata) ? object.metadata : {}, ctx.chartNamespace)],
      ['input', input && refsExpr(input.externalInputs) ? obj([
        ['externalInputs', refsExpr(input.externalInputs)],
        ['externalTriggers', refsExpr(input.externalTriggers)],
        ['joinType', joinExpr(input.joinType)],
        ['triggersJoinType', joinExpr(input.triggersJoinType)],
        ['joinWindowMs', num(input.joinWindowMs)],
        ['tensorMap', stringMap(input.tensorMap) ? lit(input.tensorMap) : undefined],
      ]) : undefined],
      ['output', output ? obj([
        ['steps', refsExpr(output.steps)],
        ['stepsJoin', joinExpr(output.stepsJoin)],
        ['joinWindowMs', num(output.joinWindowMs)],
        ['tensorMap', stringMap(output.tensorMap) ? lit(output.tensorMap) : undefined],
      ]) : undefined],
      ['allowCycles', bool(spec.allowCycles)],
      ['maxStepRevisits', num(spec.maxStepRevisits)],
      ['dataflow', isObject(spec.dataflow) ? obj([['cleanTopicsOnDelete', bool(spec.dataflow.cleanTopicsOnDelete)]]) : undefined],
    ])),
  }];
  for (const step of steps as Json[]) {
    const model = ctx.scope.find('Model', namespace, String(step.name));
    const batch = isObject(step.batch) ? obj([['size', num(step.batch.size)], ['windowMs', num(step.batch.windowMs)], ['rolling', bool(step.batch.rolling)]]) : undefined;
    const options = obj([
      ['inputs', refsExpr(step.inputs)],
      ['inputsJoinType', joinExpr(step.inputsJoinType)],
      ['joinWindowMs', num(step.joinWindowMs)],
      ['tensorMap', stringMap(step.tensorMap) ? lit(step.tensorMap) : undefined],
      ['triggers', refsExpr(step.triggers)],
      ['triggersJoinType', joinExpr(step.triggersJoinType)],
      ['batch', batch],
    ]);
    const args = options.k === 'obj' && options.entries.length === 0 ? [] : [options];
    stmts.push({
      value: model ? call(get(ref(variable), 'addStep'), ref(model.variable), ...args)
        : call(get(ref(variable), 'addStepForModelName'), lit(step.name), ...args),
    });
  }
  return stmts;
}

function targetExpr(ctx: ConvertContext, namespace: string | undefined, name: unknown, pipeline: boolean): Expr | undefined {
  if (typeof name !== 'string') return undefined;
  const known = ctx.scope.find(pipeline ? 'Pipeline' : 'Model', namespace, name);
  if (known) return staticCall('ExperimentTarget', pipeline ? 'pipeline' : 'model', ref(known.variable));
  return staticCall('ExperimentTarget', pipeline ? 'pipelineName' : 'modelName', lit(name));
}

export function convertExperiment(object: Json, variable: string, id: string, ctx: ConvertContext): Stmt[] | undefined {
  const spec = isObject(object.spec) ? object.spec : {};
  const namespace = namespaceOf(object, ctx.chartNamespace);
  const pipeline = spec.resourceType === 'pipeline';
  const candidates = Array.isArray(spec.candidates) ? spec.candidates : [];
  const candidateExprs: Expr[] = [];
  for (const c of candidates) {
    if (!isObject(c)) return undefined;
    const target = targetExpr(ctx, namespace, c.name, pipeline);
    if (!target || typeof c.weight !== 'number') return undefined;
    candidateExprs.push(obj([['target', target], ['weight', lit(c.weight)]]));
  }
  const mirror = isObject(spec.mirror) ? spec.mirror : undefined;
  return [{
    name: variable,
    value: newConstruct('Experiment', id, obj([
      ['metadata', metadataExpr(isObject(object.metadata) ? object.metadata : {}, ctx.chartNamespace)],
      ['candidates', candidateExprs.length ? arr(candidateExprs) : undefined],
      ['defaultCandidate', targetExpr(ctx, namespace, spec.default, pipeline)],
      ['mirror', mirror && typeof mirror.percent === 'number' ? obj([['target', targetExpr(ctx, namespace, mirror.name, pipeline)], ['percent', lit(mirror.percent)]]) : undefined],
    ])),
  }];
}

export function convertServerConfig(object: Json, variable: string, id: string, ctx: ConvertContext): Stmt[] | undefined {
  const spec = isObject(object.spec) ? object.spec : {};
  if (!isObject(spec.podSpec) || ctx.level > 0 || !podSpecExpr(spec.podSpec)) return undefined;
  const templates = spec.volumeClaimTemplates === undefined ? undefined : claimTemplatesExpr(spec.volumeClaimTemplates);
  if (spec.volumeClaimTemplates !== undefined && templates === undefined) return undefined;
  return [{
    name: variable,
    value: newConstruct('ServerConfig', id, obj([
      ['metadata', metadataExpr(isObject(object.metadata) ? object.metadata : {}, ctx.chartNamespace)],
      ['podSpec', podSpecExpr(spec.podSpec)],
      ['volumeClaimTemplates', templates],
    ])),
  }];
}
