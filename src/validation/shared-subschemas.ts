/**
 * Ajv compiles a schema into code once per occurrence: the container schema
 * that a Kubernetes pod spec repeats for `containers`, `initContainers` and
 * `ephemeralContainers`, and again in every `componentSpecs` of every graph
 * level, is compiled dozens of times, which made the SeldonDeployment schema
 * take about a second to compile. The shipped schemas store each repeated
 * subtree once and `prepareSchema` keeps that sharing; this moves every shared
 * subtree into `$defs` so that Ajv compiles it once and calls it by `$ref`.
 *
 * Only subtrees outside allOf/anyOf/oneOf/not are moved: errors below a
 * junctor are grouped by their schema path (error-reasons.ts), which must
 * stay under the junctor's own path.
 */
import { isObject, Json } from './json';

const JUNCTORS = new Set(['allOf', 'anyOf', 'oneOf', 'not']);

/** Returns `schema` with its shared object subtrees referenced from `$defs` (a new root; subtrees are not mutated). */
export function hoistSharedSubschemas(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const uses = new Map<Json, number>();
  const count = (node: unknown, root: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach(n => count(n, false));
      return;
    }
    if (!isObject(node)) return;
    if (!root && worthSharing(node)) {
      const seen = uses.get(node) ?? 0;
      uses.set(node, seen + 1);
      if (seen > 0) return; // its inside is counted once
    }
    for (const [key, value] of Object.entries(node)) {
      if (!JUNCTORS.has(key)) count(value, false);
    }
  };
  count(schema, true);

  const names = new Map<Json, string>();
  for (const [node, n] of uses) if (n > 1) names.set(node, `shared${names.size}`);
  if (names.size === 0) return schema;

  const defs: Json = {};
  const copies = new Map<Json, Json>();
  const rewrite = (node: unknown, root: boolean): unknown => {
    if (Array.isArray(node)) return node.map(n => rewrite(n, false));
    if (!isObject(node)) return node;
    const name = root ? undefined : names.get(node);
    if (name !== undefined) {
      if (!(name in defs)) defs[name] = copy(node);
      return { $ref: `#/$defs/${name}` };
    }
    return copy(node);
  };
  const copy = (node: Json): Json => {
    const done = copies.get(node);
    if (done) return done;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) out[key] = JUNCTORS.has(key) ? value : rewrite(value, false);
    copies.set(node, out);
    return out;
  };
  const root = rewrite(schema, true) as Json;
  return { ...root, $defs: defs };
}

/**
 * Returns a copy of `schema` in which equal subtrees are one object, so that
 * CRD files read from disk share as the shipped schemas do. Each node's key is
 * its JSON with already-interned children replaced by their number: linear in
 * the schema's size.
 */
export function shareEqualSubtrees(schema: unknown): unknown {
  const interned = new Map<string, { id: number; node: unknown }>();
  const visit = (node: unknown): { id: number; node: unknown } | undefined => {
    if (node === null || typeof node !== 'object') return undefined;
    const isArray = Array.isArray(node);
    const parts: unknown[] = [];
    const out: unknown = isArray ? [] : {};
    for (const [key, value] of Object.entries(node)) {
      const child = visit(value);
      const copy = child ? child.node : value;
      if (isArray) (out as unknown[]).push(copy);
      else (out as Json)[key] = copy;
      parts.push(key, child ? { '#': child.id } : value);
    }
    const key = `${isArray ? 'a' : 'o'}${JSON.stringify(parts)}`;
    const known = interned.get(key);
    if (known) return known;
    const entry = { id: interned.size, node: out };
    interned.set(key, entry);
    return entry;
  };
  return visit(schema)?.node ?? schema;
}

/** Sharing pays for schemas that compile to real code: objects with fields, arrays of them. */
function worthSharing(node: Json): boolean {
  return isObject(node.properties) || isObject(node.items) || isObject(node.additionalProperties);
}
