import { ApiObject, ApiObjectProps, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';

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
 * then copies the result again to sort its keys and drop empty values. With
 * the resolvers every app has (`Lazy`, implicit tokens, number/string unions)
 * a plain JSON value resolves to itself, and the library's specs are plain
 * JSON once their `Lazy` is produced, so one walk that produces `Lazy`s,
 * sorts keys and drops empty values gives the same manifest at a fraction of
 * the cost (BENCHMARKS.md, "Fifth round"). Whatever else could change the
 * result takes cdk8s's own path: an app with resolvers of its own, a value
 * that is not plain JSON (an implicit token, a union, a class instance, a
 * function), `CDK8S_DISABLE_SORT`, a manifest nested deeper than
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
    if (process.env.CDK8S_DISABLE_SORT || !builtInResolversOnly(this)) return super.toJson();
    let rendered: unknown;
    try {
      rendered = plainJson({ ...this.manifest, metadata: this.metadata.toJson() }, 0);
    } catch {
      return super.toJson();
    }
    if (rendered === NOT_PLAIN) return super.toJson();
    let json = rendered as { [key: string]: unknown };
    if (this.jsonPatches.length > 0) {
      try {
        json = JsonPatch.apply(json, ...this.jsonPatches);
      } catch {
        return super.toJson();
      }
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

/**
 * `value` resolved by the built-in resolvers and sanitized as cdk8s does
 * (keys sorted, `null` and `undefined` dropped from objects), or `NOT_PLAIN`
 * when a part of it is something the resolvers could replace.
 */
function plainJson(value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value;
  if (type !== 'object' || depth > MAX_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    const items = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return NOT_PLAIN; // a hole: cdk8s keeps it a hole
      const item = plainJson(value[i], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      items[i] = item;
    }
    return items;
  }
  if (value instanceof Lazy) return plainJson(value.produce(), depth + 1);
  const record = value as { [key: string]: unknown };
  // Anything but a plain object (and a plain object with a `resolve` function,
  // which the implicit-token resolver would call) is for cdk8s to resolve.
  if (record.constructor !== Object || typeof record.resolve === 'function') return NOT_PLAIN;
  const result: { [key: string]: unknown } = {};
  for (const key of Object.keys(record).sort()) {
    const item = plainJson(record[key], depth + 1);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== undefined) result[key] = item;
  }
  return result;
}
