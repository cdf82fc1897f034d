import { createHash } from 'crypto';
import {
  ApiObject, ApiObjectMetadataDefinition, ImplicitTokenResolver, JsonPatch, LazyResolver, NumberStringUnionResolver,
  ResolutionContext, resolve,
} from 'cdk8s';

/**
 * What `RenderedApiObject` needs to know of the installed cdk8s before it
 * renders a manifest itself: that the functions cdk8s writes a manifest
 * with are, source for source, those of the cdk8s its walk was written and
 * tested against (2.70.x; methods are hashed, not classes, whose source
 * carries the version), and that nothing was added where the built-in
 * resolvers look. The peer range admits later versions; one that changes how
 * a manifest is resolved, sanitized, patched or ordered, or where an object
 * keeps its props, patches and metadata fields, changes one of these
 * sources, and the library then leaves rendering to cdk8s: slower, never
 * different. Only hashes are kept here.
 */
const KNOWN: ReadonlyArray<readonly [string, () => unknown, string]> = [
  ['ApiObject.prototype.toJson', () => ApiObject.prototype.toJson, '11689f70a332265c'],
  ['ApiObject.prototype.addJsonPatch', () => ApiObject.prototype.addJsonPatch, '046d4d9b93622cad'],
  ['ApiObjectMetadataDefinition.prototype.toJson', () => ApiObjectMetadataDefinition.prototype.toJson, '657fa74a665382f2'],
  ['JsonPatch.apply', () => JsonPatch.apply, '5e7544441c1decf4'],
  ['resolve', () => resolve, '320031eb67d2ab3e'],
  ['ResolutionContext.prototype.replaceValue', () => ResolutionContext.prototype.replaceValue, 'f2cad295f8dcab01'],
  ['LazyResolver.prototype.resolve', () => LazyResolver.prototype.resolve, 'a0d3c19ce494b844'],
  ['ImplicitTokenResolver.prototype.resolve', () => ImplicitTokenResolver.prototype.resolve, 'abf53e1af48ce72b'],
  ['NumberStringUnionResolver.prototype.resolve', () => NumberStringUnionResolver.prototype.resolve, '89c89f9b28283d7e'],
  ['sanitizeValue', () => cdk8sUtil()?.sanitizeValue, 'f3121e370549f6cf'],
];

/** cdk8s's internal `_util` module (its index does not export `sanitizeValue`), found once; its export is read each time. */
let util: { sanitizeValue?: unknown } | null | undefined;
function cdk8sUtil(): { sanitizeValue?: unknown } | null {
  if (util === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      util = require('cdk8s/lib/_util') as { sanitizeValue?: unknown };
    } catch {
      util = null;
    }
  }
  return util;
}

/** cdk8s's own `sanitizeValue`, for the parts of a manifest the walk leaves to cdk8s (only while `cdk8sRendersAsKnown()`). */
export function cdk8sSanitize(value: unknown, options: { readonly filterEmptyArrays?: boolean; readonly filterEmptyObjects?: boolean }): unknown {
  return (cdk8sUtil()!.sanitizeValue as (v: unknown, o: object) => unknown)(value, options);
}

/** The source hash of a function (first 16 hex digits of SHA-256), or undefined for anything else. */
function sourceHash(fn: unknown): string | undefined {
  return typeof fn === 'function' ? createHash('sha256').update(Function.prototype.toString.call(fn)).digest('hex').slice(0, 16) : undefined;
}

/** The functions last vouched for: replacing one (a patched cdk8s) makes the check run again. */
let vouched: unknown[] | undefined;
let verdict = false;

/**
 * Whether cdk8s's rendering functions are the known ones (hashed once per
 * process, and again if one is replaced) and no primitive, array or plain
 * object inherits a `resolve` or `value` the built-in resolvers would act on.
 * The getters of `KNOWN` cannot throw: each reads a property of a loaded module.
 */
export function cdk8sRendersAsKnown(): boolean {
  if (!resolversSeeNothingInherited()) return false;
  if (vouched !== undefined) {
    let same = true;
    for (let i = 0; i < KNOWN.length && same; i++) same = KNOWN[i][1]() === vouched[i];
    if (same) return verdict;
  }
  vouched = KNOWN.map(([, get]) => get());
  verdict = KNOWN.every(([, , hash], i) => sourceHash(vouched![i]) === hash);
  return verdict;
}

const PROBES: readonly any[] = ['', 0, false, [], {}];

/**
 * The implicit-token resolver calls any `resolve` function and the union
 * resolver reads any `value` of a non-plain object; each probe reads what its
 * kind inherits (a plain object's `value` is harmless, but none is expected).
 */
function resolversSeeNothingInherited(): boolean {
  for (const probe of PROBES) if (probe.resolve !== undefined || probe.value !== undefined) return false;
  return true;
}

/** Whether the app's resolvers are cdk8s's three built-in ones, in their order (their methods vouched for above). */
export function builtInResolversOnly(resolvers: unknown): boolean {
  if (!Array.isArray(resolvers) || resolvers.length !== 3) return false;
  return resolvers[0]?.resolve === LazyResolver.prototype.resolve
    && resolvers[1]?.resolve === ImplicitTokenResolver.prototype.resolve
    && resolvers[2]?.resolve === NumberStringUnionResolver.prototype.resolve;
}

/** For tests: which of the functions differ from the known sources. */
export function unknownRenderingFunctions(): string[] {
  return KNOWN.filter(([, get, hash]) => sourceHash(get()) !== hash).map(([name]) => name);
}
