/**
 * What the API server checks of a custom resource's metadata. A CRD's schema
 * leaves metadata to the API server (apiextensions-apiserver's
 * customResourceStrategy.Validate, ValidateObjectMetaAccessor), which applies
 * the rules of every object (src/k8s/metadata-rules.ts: name, namespace,
 * label and annotation keys, label values, ObjectMeta's own fields) and
 * requires a name unless `generateName` asks it for one.
 */
import { describeValue, escapePointer } from './error-reasons';
import { isObject } from './json';
import { maskCredentials } from '../credentials/text';
import { show } from '../errors';
import { metadataProblems } from '../k8s/metadata-rules';

/** The reasons the API server refuses `value`'s metadata, each with its JSON pointer. */
export function objectMetaProblems(value: { readonly [key: string]: unknown }): Array<{ path: string; reason: string }> {
  const metadata = value.metadata;
  if (metadata === undefined) return [{ path: '/metadata', reason: 'is missing; the API server requires metadata.name' }];
  // Every CRD's schema declares metadata an object, and says so itself.
  if (!isObject(metadata)) return [];
  const found: Array<{ path: string; reason: string }> = [];
  // The API server decodes a null string as "" and reads "" as unset: it generates a name from generateName, and
  // puts the object in the namespace of the request (kubectl's current namespace). Helm writes `namespace:` as null.
  const unset = (v: unknown) => (v === null || v === '' ? undefined : v);
  const { generateName } = metadata;
  const name = unset(metadata.name);
  const namespace = unset(metadata.namespace);
  if (name === undefined && !(typeof generateName === 'string' && generateName !== '')) {
    found.push({ path: '/metadata/name', reason: 'is missing; the API server requires a name (or generateName)' });
  }
  for (const [field, v] of [['name', name], ['namespace', namespace]] as const) {
    if (v !== undefined && typeof v !== 'string') found.push({ path: `/metadata/${field}`, reason: `must be a string, got ${describeValue(v)}` });
  }
  const prefix = unset(generateName);
  if (prefix !== undefined && typeof prefix !== 'string') {
    found.push({ path: '/metadata/generateName', reason: `must be a string, got ${describeValue(prefix)}` });
  }
  for (const field of ['labels', 'annotations']) {
    const map = metadata[field];
    if (map !== undefined && map !== null && !isObject(map)) found.push({ path: `/metadata/${field}`, reason: `must be a map, got ${describeValue(map)}` });
  }
  // Annotation values are free text, but text: a number or a boolean (YAML's `1`, `true`) fails to decode.
  const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
  for (const key of Object.keys(annotations)) {
    const v = annotations[key];
    if (v !== null && typeof v !== 'string') {
      found.push({ path: '/metadata/annotations', reason: `value of key ${show(key)} must be a string, got ${describeValue(v)}; quote it in YAML` });
    }
  }
  // The shared rules read strings where strings belong: what is not one was told above. A null label value decodes as "".
  const labels = isObject(metadata.labels)
    ? Object.fromEntries(Object.entries(metadata.labels).map(([k, v]) => [k, v === null ? '' : v])) : undefined;
  const shaped = {
    ...metadata,
    name,
    namespace,
    generateName: prefix,
    labels,
    annotations: isObject(metadata.annotations) ? metadata.annotations : undefined,
  };
  // An unknown field is named in the path: escaped as a JSON pointer's token, and without a URL's user info (the
  // plugin's report, unlike the CLI's, is not masked as a whole).
  for (const p of metadataProblems(shaped)) {
    const token = escapePointer(maskCredentials(p.field));
    found.push({ path: `/metadata/${token}`, reason: `${p.problem}; ${p.accepted}` });
  }
  return found;
}
