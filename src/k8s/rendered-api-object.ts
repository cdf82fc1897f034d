import { ApiObject, ApiObjectMetadata, ApiObjectMetadataDefinition, ApiObjectProps, App, JsonPatch, Lazy, resolve } from 'cdk8s';
import { Construct } from 'constructs';
import { builtInResolversOnly, cdk8sRendersAsKnown, cdk8sSanitize } from './cdk8s-rendering';
import { namespaceTokenError } from './tokens';
import { maskMessage } from '../errors';

/**
 * Deeper than this, the walk hands a value to cdk8s's own (recursive)
 * resolution, which then behaves exactly as it would have.
 */
const MAX_DEPTH = 500;

/** What cdk8s's sanitizing drops besides null and undefined: nothing in the manifest, empty lists and maps in the metadata. */
interface Sanitizing {
  readonly filterEmptyArrays?: boolean;
  readonly filterEmptyObjects?: boolean;
}
const MANIFEST: Sanitizing = {};
const METADATA: Sanitizing = { filterEmptyArrays: true, filterEmptyObjects: true };

/** The fields cdk8s's `toJson()` reads, private in its typings (`cdk8s-rendering.ts` vouches for the code that reads them). */
interface ObjectFields {
  readonly props: { [key: string]: unknown };
  readonly patches: JsonPatch[];
}
interface MetadataFields {
  readonly _additionalAttributes: { [key: string]: unknown };
  readonly labels: unknown;
  readonly annotations: unknown;
  readonly finalizers: unknown;
  readonly ownerReferences: unknown;
}

/**
 * The props of an object whose spec is produced at synth, kept by ApiObject for the app's life. Built up from
 * `{}` rather than written as an object literal: V8 tracks where each literal with fields is made, and once its
 * collector sees that a site's objects all survive, it allocates them in the old generation and throws away the
 * optimized code of every function that inlined the literal (for SeldonModel, after about 1,200 of the bench's
 * 2,500 models: too late in the build for V8 to optimize it again). `{}` has no such site, and the object is
 * still a plain one with the literal's keys in the literal's order (`toJson()` spreads the props).
 */
export function specProps(apiVersion: string, kind: string, metadata: ApiObjectMetadata | undefined, spec: unknown): ApiObjectProps {
  const props: { [key: string]: unknown } = {};
  props.apiVersion = apiVersion;
  props.kind = kind;
  props.metadata = metadata;
  props.spec = spec;
  return props as ApiObjectProps;
}

/**
 * The `ApiObject` behind each of the library's constructs: it writes the
 * manifest cdk8s's `ApiObject.toJson()` writes, in one walk.
 *
 * Why: cdk8s resolves every value of a manifest through the app's resolvers
 * (finding the app from the object, a context and a key path per value),
 * then copies the result again to sort keys and drop empty values, and the
 * metadata goes through the same once more. With the resolvers every app has
 * (`Lazy`, implicit tokens, number/string unions) a plain JSON value resolves
 * to itself, and the library's specs are plain JSON once their `Lazy` is
 * produced, so one walk that produces each `Lazy`, sorts keys and drops empty
 * values gives the same manifest at a fraction of the cost (BENCHMARKS.md,
 * "Fifth round (rendering)"). Any other value (a token, a union, a class
 * instance, a value nested deeper than `MAX_DEPTH`) is handed, where it
 * stands, to cdk8s's own `resolve` and `sanitizeValue`, which treat each
 * value on its own; an app with resolvers of its own, `CDK8S_DISABLE_SORT`,
 * or a cdk8s whose rendering is not the one the walk reproduces
 * (`cdk8s-rendering.ts`) gets cdk8s's `toJson()` entire. Errors read as
 * cdk8s's. `test/k8s/rendered-api-object.test.ts` holds both equal.
 *
 * As in cdk8s, the props are read first, then the metadata is rendered,
 * then the props' values. Unlike cdk8s, the values of a map are rendered in
 * sorted key order rather than insertion order: only a `Lazy` that changes
 * another value of the same object while it is produced could tell the two
 * apart.
 */
export class RenderedApiObject extends ApiObject {
  /** @internal How many JSON patches were added (`jsonPatchCount`). */
  public _patchCount = 0;

  public constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    // The library reads the namespace as a string (checks across objects, Kafka topic lengths): a token is refused here, once for all.
    // Guarded here, not only inside: the path the error names costs a walk up the tree, on every object built.
    const namespace: unknown = this.metadata.namespace;
    if (namespace !== undefined && typeof namespace !== 'string') {
      const owner = id === 'Resource' ? scope : this;
      throw namespaceTokenError(id === 'Resource' ? scope.constructor.name : this.kind, owner.node.path, namespace, props.metadata?.namespace === undefined)!;
    }
  }

  public override addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    this._patchCount += ops.length;
  }

  public override toJson(): any {
    const fields = this as unknown as ObjectFields;
    if (process.env.CDK8S_DISABLE_SORT || !cdk8sRendersAsKnown() || !Array.isArray(fields.patches)
      || this.metadata.toJson !== ApiObjectMetadataDefinition.prototype.toJson || !appResolversBuiltIn(this)
      || typeof resolveOf(fields.props) === 'function') return super.toJson();
    try {
      // As cdk8s: the props are read, then the metadata is rendered, then the
      // props' values (a Lazy there that changes the metadata changes nothing
      // written); keys in sorted order, the metadata's own among them.
      const props = { ...fields.props };
      const metadata = this.metadataJson();
      const keys = Object.keys(props);
      if (!Reflect.has(props, 'metadata')) keys.push('metadata');
      let json: { [key: string]: unknown } = {};
      for (const key of keys.sort()) {
        const value = key === 'metadata' ? metadata : this.walk(props[key], 1, MANIFEST);
        if (value !== undefined) json[key] = value;
      }
      if (fields.patches.length > 0) json = JsonPatch.apply(json, ...fields.patches);
      // cdk8s writes apiVersion, kind and metadata first, then the rest in order.
      const result: { [key: string]: unknown } = {};
      for (const key of ['apiVersion', 'kind', 'metadata']) {
        if (key in json) result[key] = json[key];
      }
      for (const key of Object.keys(json)) {
        if (!(key in result)) result[key] = json[key];
      }
      return result;
    } catch (e) {
      // cdk8s's words; what was thrown is masked for what a URL carries (a value's getter may throw any text).
      throw new Error(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${maskMessage(thrownText(e))}`);
    }
  }

  /** The metadata as cdk8s writes it: empty lists and maps dropped at every level. */
  private metadataJson(): unknown {
    const metadata = this.metadata;
    const m = metadata as unknown as MetadataFields;
    const additional = m._additionalAttributes;
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
    return this.walk(fields, 0, METADATA);
  }

  /**
   * `value` resolved by the built-in resolvers and sanitized as cdk8s does
   * (keys sorted, null and undefined dropped from maps, and what `sanitizing`
   * drops), undefined where cdk8s drops it.
   */
  private walk(value: unknown, depth: number, sanitizing: Sanitizing): unknown {
    if (value === null || value === undefined) return undefined;
    const type = typeof value;
    if (type === 'string' || type === 'number' || type === 'boolean') return value;
    if (type === 'object' && depth <= MAX_DEPTH) {
      if (Array.isArray(value)) {
        if (isPlainList(value)) return this.walkList(value, depth, sanitizing);
      } else if (value instanceof Lazy) {
        return this.walk(produced(value), depth + 1, sanitizing);
      } else {
        const map = value as { [key: string]: unknown };
        if (map.constructor === Object && typeof map.resolve !== 'function' && !Object.prototype.hasOwnProperty.call(map, '__proto__')) {
          return this.walkMap(map, depth, sanitizing);
        }
      }
    }
    // Anything else is for cdk8s: the same functions its toJson() applies to the whole manifest, applied here.
    return cdk8sSanitize(resolve([], value, this), sanitizing) ?? undefined;
  }

  /** Reads `list` through `Reflect` (see `isPlainList`). */
  private walkList(list: unknown[], depth: number, sanitizing: Sanitizing): unknown {
    const length = Reflect.get(list, 'length') as number;
    if (sanitizing.filterEmptyArrays && length === 0) return undefined;
    const items = new Array(length);
    for (let i = 0; i < length; i++) {
      if (Reflect.has(list, i)) items[i] = this.walk(Reflect.get(list, i), depth + 1, sanitizing);
    }
    return items;
  }

  private walkMap(map: { [key: string]: unknown }, depth: number, sanitizing: Sanitizing): unknown {
    const result: { [key: string]: unknown } = {};
    let kept = 0;
    for (const key of Object.keys(map).sort()) {
      const item = this.walk(map[key], depth + 1, sanitizing);
      if (item !== undefined) {
        result[key] = item;
        kept++;
      }
    }
    return sanitizing.filterEmptyObjects && kept === 0 ? undefined : result;
  }
}

/*
 * The walk meets lists of two kinds of V8 map (packed and holey: the imports'
 * generated `toJson_*` make the second once optimized, after thousands of
 * objects), Lazy producers and props of every class of the app (the v2 kinds
 * after all v1 objects). Read as `list.constructor` or called as
 * `value.produce()`, each map met late undoes the walk's optimized code (and
 * `toJson`'s, which inlines it); `Reflect` reads and calls the same
 * properties without a guess about the map.
 */

/** `${e}`, as cdk8s writes what was thrown, or its type when even that throws (a revoked Proxy). */
function thrownText(e: unknown): string {
  try {
    return String(e);
  } catch {
    return `a thrown ${typeof e}`;
  }
}

/** Whether cdk8s would resolve `list` as a plain list: an `Array`, not a token. */
function isPlainList(list: unknown[]): boolean {
  return Reflect.get(list, 'constructor') === Array && Reflect.get(list, 'resolve') === undefined && Reflect.get(list, 'value') === undefined;
}

/** `props?.resolve`, where the props of every kind of object meet. */
function resolveOf(props: unknown): unknown {
  return typeof props === 'object' && props !== null ? Reflect.get(props, 'resolve') : (props as { resolve?: unknown } | undefined)?.resolve;
}

/** `lazy.produce()`. */
function produced(lazy: Lazy): unknown {
  return Reflect.apply(Reflect.get(lazy, 'produce') as () => unknown, lazy, []);
}

/** Whether the object's app resolves with cdk8s's built-in resolvers only. */
function appResolversBuiltIn(object: ApiObject): boolean {
  try {
    return builtInResolversOnly(App.of(object).resolvers);
  } catch {
    return false;
  }
}

/**
 * How many JSON patches `object` has (`addJsonPatch()`, which only adds): a
 * memo of what its manifest says after the patches holds while this is unchanged.
 */
export function jsonPatchCount(object: ApiObject): number {
  return object instanceof RenderedApiObject ? (object as RenderedApiObject)._patchCount : 0;
}
