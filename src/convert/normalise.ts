/**
 * What Seldon and Kubernetes treat as the same object, applied to both sides
 * of every comparison (the converter's patches and the round-trip check):
 * - `machinelearning.seldon.io/v1alpha2` and `v1alpha3` are served with the
 *   schema of `v1`, the storage version (SELDON-FACTS §1.1; the CRD of v1.18.2);
 * - an empty `children` list is no children, and a graph node's
 *   `endpoint: { type: REST }` (or `{}`) is the operator's default (defaults.go sets
 *   REST when the type is empty);
 * - what the operator's defaulting sets on its in-memory copy of every
 *   SeldonDeployment (defaults.go, SELDON-FACTS §1.5): `type: MODEL` on a
 *   prepackaged node and on a node without type, methods or implementation;
 *   the predictor label `version: <predictor name>`; on a graph node's
 *   container `imagePullPolicy: IfNotPresent`, `terminationMessagePath:
 *   /dev/termination-log` and `terminationMessagePolicy: File`; and on every
 *   componentSpec's Deployment `terminationGracePeriodSeconds: 20` unless its pod
 *   spec sets another (seldondeployment_controller.go, createDeploymentWithoutEngine);
 * - a graph node's `endpoint.service_host`, `service_port`, `httpPort` and
 *   `grpcPort` on a node with a container (a prepackaged one, or one named like a
 *   container): the operator's defaulting overwrites all four (defaults.go
 *   setContainerPredictiveUnitDefaults, from DefaultSeldonDeployment for every
 *   container and every prepackaged node);
 * - bare `{ name }` containers of prepackaged nodes that end the first componentSpec
 *   in the order the operator appends them (defaults.go DefaultSeldonDeployment);
 * - a toleration without `operator` is one with `Equal` (core/v1 Toleration: "Defaults
 *   to Equal"; toleration.go ToleratesTaint treats "" as Equal);
 * - a container port's `protocol: TCP`, Kubernetes' default (SetDefaults_ContainerPort), and a pod volume's
 *   `persistentVolumeClaim.readOnly: false`, the default of core/v1 PersistentVolumeClaimVolumeSource ("Default false");
 * - a componentSpec's `spec` of no containers is absent: `SeldonPodSpec.Spec` is a
 *   value, not a pointer (seldondeployment_types.go@v1.18.2), so both are the zero PodSpec;
 * - a probe of a container with Kubernetes' defaults (timeout 1 s, period 10 s,
 *   success threshold 1, failure threshold 3, scheme HTTP) is the probe without
 *   them: the operator copies the containers into a Deployment, whose pod template
 *   the API server defaults so (k8s pkg/apis/core/v1/defaults.go, SetDefaults_Probe);
 * - a request of an extended resource (`nvidia.com/gpu`) equal to its limit
 *   is what the API server sets when only the limit is given (Kubernetes:
 *   "Managing Resources for Containers", extended resources);
 * - quantities (resources, an emptyDir's `sizeLimit`) are compared by value (`1Gi` = `1024Mi`, `0.5` = `500m`, `1` = "1");
 * - a Secret's base64 `data` is the same as `stringData` in clear;
 * - an object without namespace, in a chart that has one, lands in the chart's;
 * - a predictor without `replicas` runs 1 when neither `spec.replicas` nor an
 *   HPA/KEDA spec decides (SELDON-FACTS §1.6, "Replicas": nil → API default 1);
 * - a Secret without `type` is `Opaque`, and without `immutable` mutable (Kubernetes' defaults);
 * - an Experiment without `resourceType` is over models (SELDON-FACTS §2.11);
 * - a v2 rclone document (a Secret value holding `{type, name, parameters}`)
 *   is read by the agent as YAML, so JSON and YAML spellings are one value
 *   (scheduler/pkg/agent/rclone/rclone_config.go@v2.10.2, SELDON-FACTS §2.9);
 * - fields Seldon never reads are absent (`ignoredFields`): a SeldonDeployment's
 *   `spec.name`, "Deprecated will be removed in future" in
 *   operator/apis/machinelearning.seldon.io/v1/seldondeployment_types.go@v1.18.2,
 *   is read by nothing in the operator, its webhook or the executor of v1.18.2
 *   (they name everything from `metadata.name` and the predictors' names); a
 *   predictor's `engineResources`, declared in the same file (PredictorSpec) and
 *   read nowhere else in operator/ or executor/ of v1.18.2 (the executor's
 *   resources are `svcOrchSpec.resources`, seldondeployment_engine.go); a predictor's `replicas` where
 *   every componentSpec has an HPA or KEDA spec and no separate executor reads it (`ignoredReplicas`);
 * - null `metadata.labels` and `metadata.annotations` are no maps (ObjectMeta), as Helm renders them when empty;
 *   a SeldonRuntime override's `disable: false` is no value (a Go bool with omitempty), and a scheduler or envoy
 *   override without `serviceType` is ClusterIP;
 * - a null value of a field whose schema is not `nullable` is no value: the API
 *   server prunes it before storing the object (Kubernetes structural schemas,
 *   "Defaulting and Nullable"; the CRDs of 1.18.2 and 2.10.2 mark no field
 *   nullable), so `componentSpecs:` left empty in YAML is no componentSpecs;
 * - an `hpaSpec.metrics` list (the autoscaling/v2beta1 form) of Resource
 *   metrics is the `metricsv2` list the operator converts it to, and it
 *   replaces any `metricsv2` (seldondeployment_controller.go createHpa,
 *   apis/machinelearning.seldon.io/v1/conversion.go convertResourceMetricSource @v1.18.2);
 * Normalising keeps the shape of the object apart from dropping the keys
 * above, so that JSON pointers into a normalised object still address the
 * same field of the original.
 */
import { rcloneDocument } from './rclone-document';
import { isObject, Json } from '../graph/manifests';
import { ANNOTATIONS } from '../v1/operator/names';
import { PREPACKAGED_SERVERS } from '../v1/operator-defaults';
import { quantityValue } from '../v2/quantity';
import { SERVICE_COMPONENTS } from '../v2/runtime/runtime-override-checks';
import { pruneNulls } from '../validation/api-server-schema';
import { bundledRegistry } from '../validation/bundled-schemas';
import { CrdSchemaRegistry } from '../validation/crd-schemas';

const V1_ALIASES = new Set(['machinelearning.seldon.io/v1alpha2', 'machinelearning.seldon.io/v1alpha3']);

/** A copy of `object` in the normal form; `namespace` is the chart's. */
export function normalise(object: Json, namespace?: string): Json {
  let copy = structuredClone(object) as Json;
  if (typeof copy.apiVersion === 'string' && V1_ALIASES.has(copy.apiVersion)) copy.apiVersion = 'machinelearning.seldon.io/v1';
  const schema = typeof copy.apiVersion === 'string' && typeof copy.kind === 'string' ? schemas().lookup(copy.apiVersion, copy.kind) : undefined;
  if (schema) copy = pruneNulls(copy, schema.schema) as Json;
  // ObjectMeta reads a null map as no map (Helm renders `labels:` and `annotations:` empty as null).
  if (isObject(copy.metadata)) for (const map of ['labels', 'annotations']) if (copy.metadata[map] === null) delete copy.metadata[map];
  if (namespace !== undefined && isObject(copy.metadata) && copy.metadata.namespace === undefined && !CLUSTER_SCOPED.has(String(copy.kind))) {
    copy.metadata = { ...copy.metadata, namespace };
  }
  if (copy.kind === 'Secret' && copy.apiVersion === 'v1' && isObject(copy.data)) {
    const decoded = decodeData(copy.data);
    if (decoded) {
      copy.stringData = { ...decoded, ...(isObject(copy.stringData) ? copy.stringData : {}) };
      delete copy.data;
    }
  }
  if (copy.kind === 'Secret' && copy.apiVersion === 'v1') {
    if (copy.type === undefined) copy.type = 'Opaque';
    if (copy.immutable === undefined) copy.immutable = false;
    if (isObject(copy.stringData)) {
      copy.stringData = Object.fromEntries(Object.entries(copy.stringData).map(([k, v]) => [k, canonicalRcloneDocument(v)]));
    }
  }
  if (copy.kind === 'Experiment' && isObject(copy.spec) && copy.spec.resourceType === undefined) copy.spec.resourceType = 'model';
  // OverrideSpec.Disable is a Go bool with omitempty (seldonruntime_types.go): false is no value.
  if (copy.kind === 'SeldonRuntime' && isObject(copy.spec) && Array.isArray(copy.spec.overrides)) {
    for (const o of copy.spec.overrides) {
      if (!isObject(o)) continue;
      if (o.disable === false) delete o.disable;
      // The scheduler's and envoy's Services take an override's type, "" being ClusterIP (service_reconciler.go getServiceType).
      if (SERVICE_COMPONENTS.includes(o.name as string) && (o.serviceType === undefined || o.serviceType === '')) o.serviceType = 'ClusterIP';
    }
  }
  if (copy.kind === 'SeldonDeployment' && isObject(copy.spec) && Array.isArray(copy.spec.predictors)) {
    for (const p of copy.spec.predictors) {
      if (!isObject(p)) continue;
      if (ignoredReplicas(copy, p)) delete p.replicas;
      if (copy.spec.replicas === undefined && p.replicas === undefined && !scaledByComponents(p)) p.replicas = 1;
      operatorDefaults(p);
      delete p.engineResources;
    }
  }
  if (copy.kind === 'SeldonDeployment' && isObject(copy.spec)) delete copy.spec.name;
  walk(copy, []);
  return copy;
}

/** The fields of `object` that Seldon never reads, which the converter leaves out (see the list above). */
export function ignoredFields(object: Json): string[] {
  if (object.kind !== 'SeldonDeployment' || !isObject(object.spec)) return [];
  const predictors = Array.isArray(object.spec.predictors) ? object.spec.predictors : [];
  return [
    ...object.spec.name !== undefined ? ['spec.name'] : [],
    ...predictors.some(p => isObject(p) && p.engineResources !== undefined) ? ['spec.predictors[].engineResources'] : [],
    ...predictors.some(p => isObject(p) && ignoredReplicas(object, p)) ? ['spec.predictors[].replicas'] : [],
  ];
}

/** The object as the converter writes it: without the predictors' `replicas` the operator reads nowhere (ignoredReplicas). */
export function withoutIgnoredReplicas(object: Json): Json {
  const spec = object.spec;
  if (object.kind !== 'SeldonDeployment' || !isObject(spec) || !Array.isArray(spec.predictors)) return object;
  if (!spec.predictors.some(p => isObject(p) && ignoredReplicas(object, p))) return object;
  const predictors = spec.predictors.map(p => {
    if (!isObject(p) || !ignoredReplicas(object, p)) return p;
    const { replicas: _replicas, ...rest } = p;
    return rest;
  });
  return { ...object, spec: { ...spec, predictors } };
}

/**
 * A predictor's `replicas` that the operator reads nowhere: every componentSpec of the predictor is scaled by its
 * HPA or KEDA spec, which then set the replicas (seldondeployment_controller.go createComponents), and there is no
 * separate executor Deployment (seldondeployment_engine.go takes its replicas from the predictor's), and neither the
 * predictor's nor the deployment's replicas is 0, which an explainer follows (seldondeployment_explainers.go).
 */
function ignoredReplicas(sdep: Json, predictor: Json): boolean {
  if (typeof predictor.replicas !== 'number' || predictor.replicas === 0) return false;
  // Without it, an explainer would follow a deployment's replicas: 0 (seldondeployment_explainers.go).
  if (isObject(sdep.spec) && sdep.spec.replicas === 0) return false;
  const specs = Array.isArray(predictor.componentSpecs) ? predictor.componentSpecs : [];
  if (specs.length === 0 || !specs.every(c => isObject(c) && (c.hpaSpec != null || c.kedaSpec != null))) return false;
  // The operator reads the annotation from spec.annotations, else from the object's own (controller_utils.go GetAnnotation).
  const own = (o: unknown) => (isObject(o) && isObject(o.annotations) ? o.annotations[SEPARATE_ENGINE] : undefined);
  return String(own(sdep.spec) ?? own(sdep.metadata) ?? '').toLowerCase() !== 'true';
}

let registry: CrdSchemaRegistry | undefined;
/** Seldon's CRD schemas, read once. */
function schemas(): CrdSchemaRegistry {
  registry ??= bundledRegistry();
  return registry;
}

const SEPARATE_ENGINE = ANNOTATIONS.separateEngine;

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume',
  'StorageClass', 'PriorityClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

const CONTAINER_DEFAULTS: Readonly<Record<string, string>> = {
  imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
};

/** Every componentSpec's Deployment gets it unless its pod spec sets another (seldondeployment_controller.go@v1.18.2, createDeploymentWithoutEngine). */
export const OPERATOR_GRACE_PERIOD = 20;

/** Set by the operator on every node with a container, over what the manifest says (defaults.go setContainerPredictiveUnitDefaults@v1.18.2). */
const OPERATOR_ENDPOINT_FIELDS = ['service_host', 'service_port', 'httpPort', 'grpcPort'];

/** The operator's defaulting of one predictor, reduced to the form without the defaults. */
function operatorDefaults(predictor: Json): void {
  if (isObject(predictor.labels) && predictor.labels.version === predictor.name) {
    const { version: _version, ...rest } = predictor.labels;
    if (Object.keys(rest).length) predictor.labels = rest;
    else delete predictor.labels;
  }
  const nodes = new Set<string>();
  const prepackagedNodes: string[] = [];
  const containerNames = new Set((Array.isArray(predictor.componentSpecs) ? predictor.componentSpecs : [])
    .flatMap(c => (isObject(c) && isObject(c.spec) && Array.isArray(c.spec.containers) ? c.spec.containers : []))
    .map(c => (isObject(c) ? String(c.name) : '')));
  const visit = (node: unknown) => {
    if (!isObject(node)) return;
    if (typeof node.name === 'string') nodes.add(node.name);
    const impl = node.implementation;
    if (node.type === undefined && node.methods === undefined && impl === undefined) node.type = 'MODEL';
    if (node.type === 'MODEL' && typeof impl === 'string' && impl in PREPACKAGED_SERVERS) delete node.type;
    const prepackaged = typeof impl === 'string' && impl in PREPACKAGED_SERVERS;
    if (prepackaged) prepackagedNodes.push(String(node.name));
    if (isObject(node.endpoint) && (prepackaged || containerNames.has(String(node.name)))) {
      for (const key of OPERATOR_ENDPOINT_FIELDS) delete node.endpoint[key];
    }
    if (Array.isArray(node.children)) node.children.forEach(visit);
  };
  visit(predictor.graph);
  for (const c of Array.isArray(predictor.componentSpecs) ? predictor.componentSpecs : []) {
    if (isObject(c) && isObject(c.hpaSpec)) v2beta1Metrics(c.hpaSpec);
    if (isObject(c) && isObject(c.spec) && isEmptyPodSpec(c.spec)) delete c.spec;
    const pod = isObject(c) && isObject(c.spec) ? c.spec : undefined;
    for (const t of Array.isArray(pod?.tolerations) ? pod!.tolerations : []) if (isObject(t) && t.operator === undefined) t.operator = 'Equal';
    if (pod?.terminationGracePeriodSeconds === OPERATOR_GRACE_PERIOD) delete pod.terminationGracePeriodSeconds;
    const containers = isObject(c) && isObject(c.spec) && Array.isArray(c.spec.containers) ? c.spec.containers : [];
    for (const container of containers) {
      if (isObject(container)) PROBES.forEach(p => probeDefaults(container[p]));
      if (isObject(container) && Array.isArray(container.ports)) container.ports.forEach(p => { if (isObject(p) && p.protocol === 'TCP') delete p.protocol; });
      if (!isObject(container) || !nodes.has(String(container.name))) continue;
      for (const [key, value] of Object.entries(CONTAINER_DEFAULTS)) if (container[key] === value) delete container[key];
    }
  }
  dropSkeletons(predictor, prepackagedNodes);
}

/**
 * Bare `{ name }` containers of prepackaged nodes at the end of the first
 * componentSpec are what the operator appends there for the nodes without a
 * container, in graph order (defaults.go DefaultSeldonDeployment@v1.18.2): when
 * they come in that order, the pod and its port numbering are the same without them.
 */
function dropSkeletons(predictor: Json, prepackagedNodes: string[]): void {
  const specs = Array.isArray(predictor.componentSpecs) ? predictor.componentSpecs : [];
  const first = isObject(specs[0]) && isObject(specs[0].spec) && Array.isArray(specs[0].spec.containers) ? specs[0].spec.containers : undefined;
  if (!first) return;
  const bare = (c: unknown) => isObject(c) && Object.keys(c).length === 1 && prepackagedNodes.includes(String(c.name));
  let start = first.length;
  while (start > 0 && bare(first[start - 1])) start--;
  if (start === first.length) return;
  const declared = new Set(specs.flatMap(c => (isObject(c) && isObject(c.spec) && Array.isArray(c.spec.containers) ? c.spec.containers : []))
    .filter(c => !bare(c)).map(c => (isObject(c) ? String(c.name) : '')));
  const appended = prepackagedNodes.filter(n => !declared.has(n));
  const skeletons = first.slice(start).map(c => String((c as Json).name));
  const rest = appended.filter(n => !skeletons.includes(n));
  if ([...skeletons, ...rest].join('\n') === appended.join('\n')) first.splice(start);
}

/** The metrics the HPA of `hpaSpec` gets, in the `metricsv2` form where the operator converts them. */
export function hpaMetrics(hpaSpec: Json): unknown {
  const copy = structuredClone(hpaSpec);
  v2beta1Metrics(copy);
  return copy.metrics ?? copy.metricsv2;
}

/** `spec: { containers: [] }` is no pod spec: SeldonPodSpec.Spec is a value, not a pointer (seldondeployment_types.go@v1.18.2), so both read as the zero PodSpec. */
function isEmptyPodSpec(spec: Json): boolean {
  return Object.keys(spec).every(k => k === 'containers') && (spec.containers === undefined || (Array.isArray(spec.containers) && spec.containers.length === 0));
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
/** What the API server sets on a probe of the Deployment's pod template (pkg/apis/core/v1/defaults.go, SetDefaults_Probe, SetDefaults_HTTPGetAction). */
export const PROBE_DEFAULTS: Readonly<Record<string, number>> = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

function probeDefaults(probe: unknown): void {
  if (!isObject(probe)) return;
  for (const [key, value] of Object.entries(PROBE_DEFAULTS)) if (probe[key] === value) delete probe[key];
  if (isObject(probe.httpGet) && probe.httpGet.scheme === 'HTTP') delete probe.httpGet.scheme;
}

/** `metrics` of Resource metrics as the `metricsv2` the operator converts them to (conversion.go@v1.18.2); other metrics stay. */
function v2beta1Metrics(hpaSpec: Json): void {
  if (!Array.isArray(hpaSpec.metrics)) return;
  const converted = hpaSpec.metrics.map(m => {
    const resource = isObject(m) && m.type === 'Resource' && Object.keys(m).length === 2 && isObject(m.resource) ? m.resource : undefined;
    if (!resource || Object.keys(resource).some(k => !['name', 'targetAverageUtilization', 'targetAverageValue'].includes(k))) return undefined;
    const target: Json = { type: resource.targetAverageValue !== undefined ? 'AverageValue' : 'Utilization' };
    if (resource.targetAverageUtilization !== undefined) target.averageUtilization = resource.targetAverageUtilization;
    if (resource.targetAverageValue !== undefined) target.averageValue = resource.targetAverageValue;
    return { type: 'Resource', resource: { name: resource.name, target } };
  });
  if (converted.some(m => m === undefined)) return;
  delete hpaSpec.metrics;
  // An empty list sets no metrics in the HPA: as absent as nil.
  if (converted.length) hpaSpec.metricsv2 = converted;
  else delete hpaSpec.metricsv2;
}

function scaledByComponents(predictor: Json): boolean {
  return Array.isArray(predictor.componentSpecs)
    && predictor.componentSpecs.some(c => isObject(c) && (c.hpaSpec !== undefined || c.kedaSpec !== undefined || c.replicas !== undefined));
}

/** A v2 rclone document in one spelling (sorted JSON); any other value unchanged. */
function canonicalRcloneDocument(value: unknown): unknown {
  if (typeof value !== 'string' || !/\btype\b/.test(value) || !/\bparameters\b/.test(value)) return value;
  const doc = rcloneDocument(value);
  if (doc === undefined || typeof doc.type !== 'string' || !isObject(doc.parameters)) return value;
  // rclone options are strings: the agent writes `env_auth: false` into the config as "false".
  const parameters = Object.fromEntries(Object.entries(doc.parameters).map(([k, v]) => [k, typeof v === 'boolean' || typeof v === 'number' ? String(v) : v]));
  return JSON.stringify(sortKeys({ ...doc, parameters }));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map(k => [k, sortKeys(value[k])]));
}

function decodeData(data: Json): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') return undefined;
    const text = Buffer.from(value, 'base64').toString('utf8');
    // Only text that survives the round trip is clear text; binary stays in `data`.
    if (Buffer.from(text, 'utf8').toString('base64').replace(/=+$/, '') !== value.replace(/\s/g, '').replace(/=+$/, '')) return undefined;
    out[key] = text;
  }
  return out;
}

function walk(value: unknown, path: readonly string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...path, String(i)]));
    return;
  }
  if (!isObject(value)) return;
  if (isObject(value.requests) && isObject(value.limits) && path[path.length - 1] === 'resources') extendedRequests(value);
  for (const [key, child] of Object.entries(value)) {
    if (key === 'children' && Array.isArray(child) && child.length === 0) {
      delete value[key];
    } else if (key === 'endpoint' && isObject(child) && path.includes('graph')
      && (Object.keys(child).length === 0 || (Object.keys(child).length === 1 && child.type === 'REST'))) {
      delete value[key];
    } else if (key === 'readOnly' && child === false && path[path.length - 1] === 'persistentVolumeClaim') {
      delete value[key];
    } else if (isQuantityField(path, key) && (typeof child === 'string' || typeof child === 'number')) {
      const amount = quantityValue(child);
      if (amount !== undefined) value[key] = canonical(amount);
    } else {
      walk(child, [...path, key]);
    }
  }
}

function extendedRequests(resources: Json): void {
  const requests = resources.requests as Json;
  const limits = resources.limits as Json;
  for (const key of Object.keys(requests)) {
    if (key.includes('/') && !key.startsWith('kubernetes.io/') && String(requests[key]) === String(limits[key])) delete requests[key];
  }
  if (Object.keys(requests).length === 0) delete resources.requests;
}

function isQuantityField(path: readonly string[], key: string): boolean {
  const parent = path[path.length - 1];
  if (parent === 'requests' || parent === 'limits') return true;
  if (key === 'memory' && path[path.length - 1] === 'spec') return true; // v2 Model spec.memory
  if (key === 'sizeLimit' && parent === 'emptyDir') return true; // a pod volume's size, a resource.Quantity too (core/v1 EmptyDirVolumeSource)
  return key === 'storage' && parent === 'resources';
}

function canonical(amount: number): string {
  // Rounded to the precision Kubernetes keeps (nano units), so 0.1 + 0.2 style noise does not count.
  return String(Math.round(amount * 1e9) / 1e9);
}
