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
 * - a request of an extended resource (`nvidia.com/gpu`) equal to its limit
 *   is what the API server sets when only the limit is given (Kubernetes:
 *   "Managing Resources for Containers", extended resources);
 * - quantities are compared by value (`1Gi` = `1024Mi`, `0.5` = `500m`, `1` = "1");
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
 *   (they name everything from `metadata.name` and the predictors' names).
 * Normalising keeps the shape of the object apart from dropping the keys
 * above, so that JSON pointers into a normalised object still address the
 * same field of the original.
 */
import { parse } from 'yaml';
import { isObject, Json } from '../graph/manifests';
import { PREPACKAGED_SERVERS } from '../v1/operator-defaults';
import { quantityValue } from '../v2/quantity';

const V1_ALIASES = new Set(['machinelearning.seldon.io/v1alpha2', 'machinelearning.seldon.io/v1alpha3']);

/** A copy of `object` in the normal form; `namespace` is the chart's. */
export function normalise(object: Json, namespace?: string): Json {
  const copy = structuredClone(object) as Json;
  if (typeof copy.apiVersion === 'string' && V1_ALIASES.has(copy.apiVersion)) copy.apiVersion = 'machinelearning.seldon.io/v1';
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
    if (isObject(copy.stringData)) copy.stringData = Object.fromEntries(Object.entries(copy.stringData).map(([k, v]) => [k, rcloneDocument(v)]));
  }
  if (copy.kind === 'Experiment' && isObject(copy.spec) && copy.spec.resourceType === undefined) copy.spec.resourceType = 'model';
  if (copy.kind === 'SeldonDeployment' && isObject(copy.spec) && Array.isArray(copy.spec.predictors)) {
    for (const p of copy.spec.predictors) {
      if (!isObject(p)) continue;
      if (copy.spec.replicas === undefined && p.replicas === undefined && !scaledByComponents(p)) p.replicas = 1;
      operatorDefaults(p);
    }
  }
  for (const field of ignoredFields(copy)) delete (copy.spec as Json)[field.slice('spec.'.length)];
  walk(copy, []);
  return copy;
}

/** The fields of `object` that Seldon never reads, which the converter leaves out (see the list above). */
export function ignoredFields(object: Json): string[] {
  if (object.kind !== 'SeldonDeployment' || !isObject(object.spec)) return [];
  return object.spec.name !== undefined ? ['spec.name'] : [];
}

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume',
  'StorageClass', 'PriorityClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

const CONTAINER_DEFAULTS: Readonly<Record<string, string>> = {
  imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
};

/** Every componentSpec's Deployment gets it unless its pod spec sets another (seldondeployment_controller.go@v1.18.2, createDeploymentWithoutEngine). */
const OPERATOR_GRACE_PERIOD = 20;

/** The operator's defaulting of one predictor, reduced to the form without the defaults. */
function operatorDefaults(predictor: Json): void {
  if (isObject(predictor.labels) && predictor.labels.version === predictor.name) {
    const { version: _version, ...rest } = predictor.labels;
    if (Object.keys(rest).length) predictor.labels = rest;
    else delete predictor.labels;
  }
  const nodes = new Set<string>();
  const visit = (node: unknown) => {
    if (!isObject(node)) return;
    if (typeof node.name === 'string') nodes.add(node.name);
    const impl = node.implementation;
    if (node.type === undefined && node.methods === undefined && impl === undefined) node.type = 'MODEL';
    if (node.type === 'MODEL' && typeof impl === 'string' && impl in PREPACKAGED_SERVERS) delete node.type;
    if (Array.isArray(node.children)) node.children.forEach(visit);
  };
  visit(predictor.graph);
  for (const c of Array.isArray(predictor.componentSpecs) ? predictor.componentSpecs : []) {
    const pod = isObject(c) && isObject(c.spec) ? c.spec : undefined;
    if (pod?.terminationGracePeriodSeconds === OPERATOR_GRACE_PERIOD) delete pod.terminationGracePeriodSeconds;
    const containers = isObject(c) && isObject(c.spec) && Array.isArray(c.spec.containers) ? c.spec.containers : [];
    for (const container of containers) {
      if (!isObject(container) || !nodes.has(String(container.name))) continue;
      for (const [key, value] of Object.entries(CONTAINER_DEFAULTS)) if (container[key] === value) delete container[key];
    }
  }
}

function scaledByComponents(predictor: Json): boolean {
  return Array.isArray(predictor.componentSpecs)
    && predictor.componentSpecs.some(c => isObject(c) && (c.hpaSpec !== undefined || c.kedaSpec !== undefined || c.replicas !== undefined));
}

/** A v2 rclone document in one spelling (sorted JSON); any other value unchanged. */
function rcloneDocument(value: unknown): unknown {
  if (typeof value !== 'string' || !/\btype\b/.test(value) || !/\bparameters\b/.test(value)) return value;
  try {
    const doc = parse(value);
    if (!isObject(doc) || typeof doc.type !== 'string' || !isObject(doc.parameters)) return value;
    // rclone options are strings: the agent writes `env_auth: false` into the config as "false".
    const parameters = Object.fromEntries(Object.entries(doc.parameters).map(([k, v]) => [k, typeof v === 'boolean' || typeof v === 'number' ? String(v) : v]));
    return JSON.stringify(sortKeys({ ...doc, parameters }));
  } catch {
    return value;
  }
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
  return key === 'storage' && parent === 'resources';
}

function canonical(amount: number): string {
  // Rounded to the precision Kubernetes keeps (nano units), so 0.1 + 0.2 style noise does not count.
  return String(Math.round(amount * 1e9) / 1e9);
}
