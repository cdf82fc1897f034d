import { annotationKeyProblem, labelMapProblems, LABEL_KEY_ACCEPTED } from './labels';
import { nearestKey } from './unknown-keys';
import { show } from '../errors';
import { DNS_1123_LABEL, DNS_1123_SUBDOMAIN } from '../names';

/**
 * The rules the API server applies to the metadata of every object
 * (apimachinery ValidateObjectMeta): a name is a DNS-1123 subdomain, a
 * namespace a DNS-1123 label, label keys and values and annotation keys are
 * qualified names. Kinds with stricter names (a Seldon v2 Model, a
 * SeldonDeployment) check those in their constructors; this is the floor
 * under every object, checked once at the public boundary.
 */
export interface MetadataProblem {
  /** The field under `metadata`: `name`, `namespace`, `labels`, `annotations` (the problem names the key). */
  readonly field: string;
  readonly problem: string;
  readonly accepted: string;
}

interface Metadata {
  readonly name?: unknown;
  readonly generateName?: unknown;
  readonly namespace?: unknown;
  readonly labels?: unknown;
  readonly annotations?: unknown;
}

/**
 * The fields of Kubernetes' ObjectMeta (apimachinery types.go). cdk8s writes any further key of `metadata` as it is
 * (that is how `generateName` gets through), and the API server refuses it under strict field validation (kubectl
 * apply's default since 1.27) or drops it otherwise: `lables` or `annotation` would lose the labels in silence.
 */
const OBJECT_META_FIELDS = ['name', 'generateName', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences', 'selfLink', 'uid',
  'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields'];
const OBJECT_META = new Set(OBJECT_META_FIELDS);

/** The problems of an object's metadata (already shape-checked: strings where strings belong). */
export function metadataProblems(metadata: Metadata): MetadataProblem[] {
  const found: MetadataProblem[] = [];
  for (const key in metadata) {
    if (OBJECT_META.has(key) || !Object.prototype.hasOwnProperty.call(metadata, key)) continue;
    const near = nearestKey(key, OBJECT_META_FIELDS);
    found.push({
      field: key,
      problem: `is not a field of Kubernetes ObjectMeta${near === undefined ? '' : ` (did you mean ${show(near)}?)`}: the API server refuses it (strict field `
        + 'validation, kubectl apply\'s default) or drops it',
      accepted: `the fields of ObjectMeta: ${OBJECT_META_FIELDS.join(', ')}`,
    });
  }
  const { name, generateName, namespace, labels, annotations } = metadata;
  if (typeof name === 'string' && !DNS_1123_SUBDOMAIN.check(name)) {
    found.push({ field: 'name', problem: `${show(name)} is not a valid object name`, accepted: DNS_1123_SUBDOMAIN.accepted });
  }
  // A name's prefix: NameIsDNSSubdomain with prefix, whose maskTrailingDash lets it end with "-".
  if (typeof generateName === 'string' && generateName !== ''
    && !DNS_1123_SUBDOMAIN.check(generateName.length > 1 && generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName)) {
    found.push({ field: 'generateName', problem: `${show(generateName)} is not a valid prefix of a name`, accepted: `${DNS_1123_SUBDOMAIN.accepted}; the last character may be "-"` });
  }
  if (typeof namespace === 'string' && !DNS_1123_LABEL.check(namespace)) {
    found.push({ field: 'namespace', problem: `${show(namespace)} is not a valid namespace`, accepted: DNS_1123_LABEL.accepted });
  }
  if (typeof labels === 'object' && labels !== null) {
    for (const [, problem, accepted] of labelMapProblems(labels as Record<string, string>, true)) {
      found.push({ field: 'labels', problem, accepted });
    }
  }
  if (typeof annotations === 'object' && annotations !== null) {
    let length = 0;
    for (const key of Object.keys(annotations)) {
      const problem = annotationKeyProblem(key);
      if (problem) found.push({ field: 'annotations', problem, accepted: LABEL_KEY_ACCEPTED });
      const value = (annotations as Record<string, unknown>)[key];
      length += key.length + (typeof value === 'string' ? value.length : 0);
    }
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only a map that could pass the limit is counted in bytes.
    const bytes = length * 3 > ANNOTATIONS_BYTES ? annotationBytes(annotations as Record<string, unknown>) : length;
    if (bytes > ANNOTATIONS_BYTES) {
      found.push({
        field: 'annotations',
        problem: `hold ${bytes} bytes (keys and values), more than the API server accepts (ValidateAnnotations: 256 KiB in all)`,
        accepted: `at most ${ANNOTATIONS_BYTES} bytes of annotations; keep large data in a ConfigMap or Secret`,
      });
    }
  }
  return found;
}

/** apimachinery's TotalAnnotationSizeLimitB: the sum of the annotations' keys and values, in bytes. */
const ANNOTATIONS_BYTES = 256 * 1024;

function annotationBytes(annotations: Record<string, unknown>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  return bytes;
}
