/**
 * What the API server does with a CRD's `openAPIV3Schema` besides plain JSON
 * Schema, turned into a schema and data that Ajv checks the same way.
 */
import { isObject, Json } from './json';

/**
 * Copies a CRD schema into one Ajv validates the way the API server does.
 * `junctor` is true below allOf/anyOf/oneOf/not: a structural schema may not
 * declare fields there, so strict mode must not close objects there either.
 */
export function prepareSchema(node: unknown, strict: boolean, junctor: boolean, notes: { cel: boolean }, memo: PrepareMemo = newMemo()): unknown {
  if (!isObject(node)) return node;
  // A subtree met twice (the shipped schemas share repeated subtrees) is
  // prepared once, so that the copy shares them too: see shared-subschemas.ts.
  const seen = memo[junctor ? 1 : 0].get(node);
  if (seen) return seen;
  const child = (value: unknown, inJunctor: boolean): unknown => prepareSchema(value, strict, inJunctor, notes, memo);
  const out: Json = {};
  memo[junctor ? 1 : 0].set(node, out);
  for (const [key, value] of Object.entries(node)) {
    switch (key) {
      case 'description':
        break; // large and unused; dropping it keeps compiled schemas smaller
      case 'properties':
        out[key] = isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, child(sub, junctor)]))
          : value;
        break;
      case 'additionalProperties':
        out[key] = child(value, junctor);
        break;
      case 'items':
        out[key] = Array.isArray(value) ? value.map(v => child(v, junctor)) : child(value, junctor);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = Array.isArray(value) ? value.map(v => child(v, true)) : value;
        break;
      case 'not':
        out[key] = child(value, true);
        break;
      case 'x-kubernetes-validations':
        notes.cel = true;
        break;
      default:
        out[key] = value;
    }
  }

  if (out['x-kubernetes-int-or-string'] === true) {
    // controller-gen writes `anyOf: [{type: integer}, {type: string}]`; a union
    // type says the same and yields one error ("must be an integer or a
    // string") instead of three.
    if (Array.isArray(out.anyOf) && out.anyOf.every(isIntOrStringBranch)) delete out.anyOf;
    if (out.type === undefined) out.type = ['integer', 'string'];
  }

  // Decided before embedded-resource fields are added below: only properties
  // the CRD lists turn an object into a closed one.
  const close = strict && !junctor && isObject(node.properties)
    && node['x-kubernetes-preserve-unknown-fields'] !== true && out.additionalProperties === undefined;

  if (out['x-kubernetes-embedded-resource'] === true) {
    // The API server requires apiVersion and kind (not metadata) of an embedded object.
    const props: Json = isObject(out.properties) ? { ...out.properties } : {};
    props.apiVersion = props.apiVersion ?? { type: 'string', minLength: 1 };
    props.kind = props.kind ?? { type: 'string', minLength: 1 };
    props.metadata = props.metadata ?? { type: 'object' };
    out.properties = props;
    const required = Array.isArray(out.required) ? out.required : [];
    out.required = [...new Set([...required, 'apiVersion', 'kind'])];
    if (out.type === undefined) out.type = 'object';
  }

  // Ajv rejects `nullable` without `type`; without `type` null is allowed anyway.
  if (out.nullable !== undefined && out.type === undefined) delete out.nullable;

  if (close) out.additionalProperties = false;
  return out;
}

type PrepareMemo = [Map<object, Json>, Map<object, Json>];
const newMemo = (): PrepareMemo => [new Map(), new Map()];

function isIntOrStringBranch(branch: unknown): boolean {
  return isObject(branch) && Object.keys(branch).length === 1 && (branch.type === 'integer' || branch.type === 'string');
}

/**
 * Copies an object without the null-valued fields the API server prunes
 * (fields whose schema is not `nullable`). YAML such as `env:` with every
 * entry commented out is null, and the server accepts it as "unset".
 */
export function pruneNulls(value: unknown, schema: unknown): unknown {
  const s = isObject(schema) ? schema : undefined;
  if (Array.isArray(value)) {
    const items = s && isObject(s.items) ? s.items : undefined;
    return value.map(v => pruneNulls(v, items));
  }
  if (!isObject(value)) return value;
  const props = s && isObject(s.properties) ? s.properties : {};
  const additional = s && isObject(s.additionalProperties) ? s.additionalProperties : undefined;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const sub = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : additional;
    // Without a schema the field is unknown: pruned by the server anyway, and
    // reported as unknown in strict mode, so keep it as written.
    if (v === null && isObject(sub) && sub.nullable !== true) continue;
    out[key] = pruneNulls(v, sub);
  }
  return out;
}
