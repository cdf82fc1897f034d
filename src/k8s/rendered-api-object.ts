import { ApiObject, ApiObjectMetadataDefinition, ApiObjectProps, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';
import { cdk8sRendersAsKnown } from './cdk8s-rendering';

/** What the walk returns for a value only cdk8s's own resolution may decide on. */
const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * Deeper than this, the walk gives the object back to cdk8s, whose own
 * (recursive) resolution then behaves exactly as it would have.
 */
const MAX_DEPTH = 500;

/**
 * The `ApiObject` behind each of the library's constructs: the manifest it
 * writes is the one cdk8s's `ApiObject.toJson()` writes, built in one walk.
 *
 * Why: cdk8s resolves every value of a manifest through the app's resolvers
 * (finding the app from the object, a context and a key path per value) and
 * then copies the result again to sort its keys and drop empty values; the
 * metadata goes through the same twice more. With the resolvers every app
 * has (`Lazy`, implicit tokens, number/string unions) a plain JSON value
 * resolves to itself, and the library's specs are plain JSON once their
 * `Lazy` is produced, so one walk that produces `Lazy`s, sorts keys and drops
 * empty values gives the same manifest at a fraction of the cost
 * (BENCHMARKS.md, "Fifth round"). Whatever else could change the result takes
 * cdk8s's own path: a cdk8s whose rendering is not the one this walk was
 * written against (`cdk8s-rendering.ts`), an app with resolvers of its own, a
 * value that is not plain JSON (an implicit token, a union, a class instance,
 * a function), `CDK8S_DISABLE_SORT`, a manifest nested deeper than
 * `MAX_DEPTH`, or any error (so that cdk8s words it).
 * `test/k8s/rendered-api-object.test.ts` holds both paths equal.
 */
export class RenderedApiObject extends ApiObject {
  private readonly manifest: ApiObjectProps;
  /** The JSON patches, kept here too because cdk8s keeps its own list private. */
  private readonly jsonPatches: JsonPatch[] = [];

  public constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    this.manifest = props;
  }

  public override addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    this.jsonPatches.push(...ops);
  }

  public override toJson(): any {
    if (process.env.CDK8S_DISABLE_SORT || !cdk8sRendersAsKnown() || !builtInResolversOnly(this)) return super.toJson();
    let json: { [key: string]: unknown };
    try {
      const metadata = metadataJson(this.metadata);
      if (metadata === NOT_PLAIN) return super.toJson();
      json = {};
      const manifest = this.manifest as unknown as { [key: string]: unknown };
      for (const key of Object.keys(manifest).sort()) {
        if (key === 'metadata') continue;
        const value = plainJson(manifest[key], 1, false);
        if (value === NOT_PLAIN) return super.toJson();
        if (value !== undefined) json[key] = value;
      }
      if (metadata !== undefined) json.metadata = metadata;
      if (this.jsonPatches.length > 0) json = JsonPatch.apply(json, ...this.jsonPatches);
    } catch {
      return super.toJson();
    }
    // cdk8s writes apiVersion, kind and metadata first, then the rest in order.
    const result: { [key: string]: unknown } = {};
    for (const key of ['apiVersion', 'kind', 'metadata']) {
      if (key in json) result[key] = json[key];
    }
    for (const key of Object.keys(json)) {
      if (!(key in result)) result[key] = json[key];
    }
    return result;
  }
}

/** Whether the app resolves with cdk8s's built-in resolvers only, in their own order. */
function builtInResolversOnly(object: ApiObject): boolean {
  let resolvers: readonly unknown[];
  try {
    resolvers = App.of(object).resolvers;
  } catch {
    return false;
  }
  return resolvers.length === 3
    && resolvers[0]?.constructor === LazyResolver
    && resolvers[1]?.constructor === ImplicitTokenResolver
    && resolvers[2]?.constructor === NumberStringUnionResolver;
}

/** The fields cdk8s's metadata writes, private in its typings (cdk8s-rendering.ts vouches for them). */
interface MetadataFields {
  readonly _additionalAttributes: { [key: string]: unknown };
  readonly labels: unknown;
  readonly annotations: unknown;
  readonly finalizers: unknown;
  readonly ownerReferences: unknown;
}

/** The metadata as cdk8s writes it (empty arrays and objects dropped at every level), or `NOT_PLAIN`. */
function metadataJson(metadata: ApiObjectMetadataDefinition): unknown {
  const m = metadata as unknown as MetadataFields;
  const additional = m._additionalAttributes;
  if (typeof additional !== 'object' || additional === null) return NOT_PLAIN;
  // Copied key by key, not spread: cdk8s deletes a key of this object, which
  // leaves it in V8's slow dictionary mode, where a spread costs several times more.
  const fields: { [key: string]: unknown } = {};
  for (const key of Object.keys(additional)) fields[key] = additional[key];
  fields.name = metadata.name;
  fields.namespace = metadata.namespace;
  fields.annotations = m.annotations;
  fields.finalizers = m.finalizers;
  fields.ownerReferences = m.ownerReferences;
  fields.labels = m.labels;
  return plainJson(fields, 0, true);
}

/**
 * `value` resolved by the built-in resolvers and sanitized as cdk8s does
 * (keys sorted, `null` and `undefined` dropped from objects, and with
 * `dropEmpty` empty arrays and objects too), or `NOT_PLAIN` when a part of it
 * is something the resolvers could replace.
 */
function plainJson(value: unknown, depth: number, dropEmpty: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type !== 'object' || depth > MAX_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (dropEmpty && value.length === 0) return undefined;
    const items = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return NOT_PLAIN; // a hole: cdk8s keeps it a hole
      const item = plainJson(value[i], depth + 1, dropEmpty);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      items[i] = item;
    }
    return items;
  }
  if (value instanceof Lazy) return plainJson(value.produce(), depth + 1, dropEmpty);
  const record = value as { [key: string]: unknown };
  // Anything but a plain object (and a plain object with a `resolve` function,
  // which the implicit-token resolver would call) is for cdk8s to resolve.
  if (record.constructor !== Object || typeof record.resolve === 'function') return NOT_PLAIN;
  const result: { [key: string]: unknown } = {};
  let kept = 0;
  for (const key of Object.keys(record).sort()) {
    const item = plainJson(record[key], depth + 1, dropEmpty);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== undefined) {
      result[key] = item;
      kept++;
    }
  }
  return dropEmpty && kept === 0 ? undefined : result;
}
