import { k8s } from 'cdk8s-plus-27';
import { PredictorProps } from './predictor';
import * as sd from '../imports/machinelearning.seldon.io';
import { wholeDuration } from '../k8s/duration';
import { renderEnv } from '../k8s/env';
import { PodSettings } from '../k8s/pod-settings';

/**
 * The predictor's one componentSpec: its pod (when the graph declares
 * containers) with the autoscaler and disruption budget of its Deployment.
 * Without containers but with scaling, the pod spec is empty: the operator
 * appends the prepackaged servers' containers to componentSpecs[0]
 * (defaults.go DefaultSeldonDeployment), so the HPA/PDB apply to them.
 */
export function renderComponentSpecs(predictor: PredictorProps, podSpec: k8s.PodSpec | undefined, settings?: PodSettings, name?: string)
  : sd.SeldonDeploymentSpecPredictorsComponentSpecs[] | undefined {
  const scaling = predictor.autoscaler?._render();
  const budget = predictor.disruptionBudget?._render();
  const fragment = settings?._toPodSpec() ?? {};
  const labels = settings && Object.keys(settings.podLabels).length ? settings.podLabels : undefined;
  const annotations = settings && Object.keys(settings.podAnnotations).length ? settings.podAnnotations : undefined;
  const podFields = Object.keys(fragment).length > 0;
  if (!podSpec && !scaling && !budget && !podFields && !labels && !annotations) return undefined;
  // The pod's own settings, then what the graph declared (explicit mode sets the node's ServiceAccount, checked to agree).
  const spec: k8s.PodSpec = {
    ...fragment,
    ...podSpec,
    serviceAccountName: podSpec?.serviceAccountName ?? fragment.serviceAccountName,
    containers: podSpec?.containers ?? [],
  };
  const pdb = sd.SeldonDeploymentSpecPredictorsComponentSpecsPdbSpecMinAvailable;
  const unavailable = sd.SeldonDeploymentSpecPredictorsComponentSpecsPdbSpecMaxUnavailable;
  const intOrString = <T>(from: { fromNumber(n: number): T; fromString(s: string): T }, v: number | string | undefined) =>
    v === undefined ? undefined : typeof v === 'number' ? from.fromNumber(v) : from.fromString(v);
  return [{
    // Labels and annotations of the componentSpec go on the pods and Deployment (controller.go createDeploymentWithoutEngine);
    // the Deployment is named after its name, if set (types.go GetDeploymentName).
    metadata: labels || annotations || name !== undefined ? { name, labels, annotations } : undefined,
    spec: plainPodSpecJson(spec) ?? k8s.toJson_PodSpec(spec),
    hpaSpec: scaling?.hpaSpec,
    kedaSpec: scaling?.kedaSpec,
    pdbSpec: budget && { minAvailable: intOrString(pdb, budget.minAvailable), maxUnavailable: intOrString(unavailable, budget.maxUnavailable) },
  }];
}

/** The predictor's own production fields (PredictorDeploymentProps) besides its componentSpec. */
export function renderPredictorDeployment(predictor: PredictorProps): Partial<sd.SeldonDeploymentSpecPredictors> {
  const env = renderEnv(predictor.engineEnv);
  return {
    progressDeadlineSeconds: predictor.progressDeadline && wholeDuration(predictor.progressDeadline, 'seconds'),
    ssl: predictor.sslCertificate && { certSecretName: predictor.sslCertificate.name },
    svcOrchSpec: env.length || predictor.engineReplicas !== undefined ? {
      env: env.length ? env.map(e => k8s.toJson_EnvVar(e)) : undefined,
      replicas: predictor.engineReplicas,
    } : undefined,
  };
}

const CONTAINER_KEYS: ReadonlySet<string> = new Set(['name', 'image', 'env', 'resources']);

/**
 * `k8s.toJson_PodSpec(spec)` for the pod most predictors declare (containers only, each with a name, image, env of
 * plain values and resources: default mode's skeleton containers), else undefined, and the caller converts. The
 * generated converters visit every field of every struct and rebuild the result once per defined key; this gives the
 * same JSON, keys in the same order (the tests hold the two equal over a grid).
 */
export function plainPodSpecJson(spec: k8s.PodSpec): { containers: Array<Record<string, unknown>> } | undefined {
  if (!plainObject(spec)) return undefined;
  const fields = spec as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (key !== 'containers' && fields[key] !== undefined) return undefined;
  if (!Array.isArray(spec.containers)) return undefined;
  const containers: Array<Record<string, unknown>> = [];
  for (const container of spec.containers) {
    const json = plainContainerJson(container);
    if (json === undefined) return undefined;
    containers.push(json);
  }
  return { containers };
}

function plainContainerJson(container: k8s.Container): Record<string, unknown> | undefined {
  if (!plainObject(container)) return undefined;
  const fields = container as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (fields[key] !== undefined && !CONTAINER_KEYS.has(key)) return undefined;
  let env: Array<Record<string, unknown>> | undefined;
  if (container.env !== undefined) {
    if (!Array.isArray(container.env)) return undefined;
    env = [];
    for (const v of container.env) {
      if (!plainObject(v) || v.valueFrom !== undefined || Object.keys(v).some(k => k !== 'name' && k !== 'value' && k !== 'valueFrom')) return undefined;
      const json: Record<string, unknown> = {};
      if (v.name !== undefined) json.name = v.name;
      if (v.value !== undefined) json.value = v.value;
      env.push(json);
    }
  }
  let resources: Record<string, unknown> | undefined;
  const r = container.resources;
  if (r !== undefined) {
    if (!plainObject(r) || r.claims !== undefined || Object.keys(r).some(k => k !== 'limits' && k !== 'requests' && k !== 'claims')) return undefined;
    resources = {};
    if (r.limits !== undefined) resources.limits = quantities(r.limits);
    if (r.requests !== undefined) resources.requests = quantities(r.requests);
  }
  // The converter's key order: env, image, name, resources.
  const json: Record<string, unknown> = {};
  if (env !== undefined) json.env = env;
  if (container.image !== undefined) json.image = container.image;
  if (container.name !== undefined) json.name = container.name;
  if (resources !== undefined) json.resources = resources;
  return json;
}

/** An object literal: the converters read fields through the prototype too, so an object with another prototype is theirs. */
function plainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A map of quantities as the converter writes it: each defined entry's value. */
function quantities(map: { [key: string]: k8s.Quantity }): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [key, quantity] of Object.entries(map)) if (quantity !== undefined) json[key] = (quantity as k8s.Quantity | null)?.value;
  return json;
}
