import { AnySchemaObject, ErrorObject, FuncKeywordDefinition, SchemaValidateFunction } from 'ajv';
import { describeValue } from './error-reasons';
import { isObject, Json } from './json';

/**
 * Enforces `x-kubernetes-list-type: set | map`: the API server rejects
 * duplicate set items and duplicate map keys (e.g. two env vars of one name).
 */
export function listTypeKeyword(): FuncKeywordDefinition {
  const validate: SchemaValidateFunction = (listType: unknown, data: unknown, parentSchema?: AnySchemaObject, cxt?: { instancePath: string }) => {
    if (!Array.isArray(data) || (listType !== 'set' && listType !== 'map')) return true;
    const base = cxt?.instancePath ?? '';
    const errors: Partial<ErrorObject>[] = [];
    const seen = new Map<string, number>();
    const keys: string[] = listType === 'map' && Array.isArray(parentSchema?.['x-kubernetes-list-map-keys'])
      ? parentSchema['x-kubernetes-list-map-keys'].filter((k: unknown): k is string => typeof k === 'string')
      : [];
    const itemProps: Json = isObject(parentSchema?.items) && isObject(parentSchema.items.properties) ? parentSchema.items.properties : {};
    data.forEach((item, index) => {
      let identity: unknown = item;
      if (listType === 'map') {
        if (!isObject(item) || keys.length === 0) return;
        // A missing key field takes its schema default, as the server defaults before validating.
        identity = keys.map(k => item[k] ?? (isObject(itemProps[k]) ? itemProps[k].default : undefined));
      }
      const id = stableJson(identity);
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, index);
        return;
      }
      const what = listType === 'map'
        ? `duplicate entry: ${keys.map((k, i) => `${k}=${describeValue((identity as unknown[])[i])}`).join(', ')} is also at index ${first}`
        : `duplicate value ${describeValue(item)}, also at index ${first}`;
      errors.push({
        keyword: 'x-kubernetes-list-type',
        instancePath: `${base}/${index}`,
        message: `${what} (x-kubernetes-list-type: ${listType})`,
        params: { listType },
      });
    });
    validate.errors = errors;
    return errors.length === 0;
  };
  return { keyword: 'x-kubernetes-list-type', type: 'array', schemaType: 'string', errors: true, validate };
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v) ?? 'undefined';
}
