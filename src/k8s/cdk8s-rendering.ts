import { createHash } from 'crypto';
import { ApiObject, ApiObjectMetadataDefinition, ImplicitTokenResolver, LazyResolver, NumberStringUnionResolver, resolve } from 'cdk8s';

/**
 * Whether the installed cdk8s renders objects the way `RenderedApiObject`'s
 * walk reproduces: its functions that write a manifest are, source for
 * source, those of the cdk8s the walk was written and tested against
 * (2.70.x). The peer range admits later versions; one that changes how a
 * manifest is resolved, sanitized or ordered, or where the metadata keeps
 * its fields, changes one of these sources, and the library then leaves
 * rendering to cdk8s: slower, never different. Only hashes are kept here.
 */
const KNOWN: ReadonlyArray<readonly [string, () => unknown, string]> = [
  ['ApiObject.prototype.toJson', () => ApiObject.prototype.toJson, '11689f70a332265c'],
  ['ApiObjectMetadataDefinition.prototype.toJson', () => ApiObjectMetadataDefinition.prototype.toJson, '657fa74a665382f2'],
  ['resolve', () => resolve, '320031eb67d2ab3e'],
  ['LazyResolver.prototype.resolve', () => LazyResolver.prototype.resolve, 'a0d3c19ce494b844'],
  ['ImplicitTokenResolver.prototype.resolve', () => ImplicitTokenResolver.prototype.resolve, 'abf53e1af48ce72b'],
  ['NumberStringUnionResolver.prototype.resolve', () => NumberStringUnionResolver.prototype.resolve, '89c89f9b28283d7e'],
  ['sanitizeValue', () => sanitizeValue(), 'f3121e370549f6cf'],
];

let sanitize: unknown;
/** cdk8s's internal `sanitizeValue` (not exported by its index), looked up once. */
function sanitizeValue(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sanitize ??= require('cdk8s/lib/_util').sanitizeValue;
  return sanitize;
}

/** The source hash of a function (first 16 hex digits of SHA-256), or undefined for anything else. */
export function sourceHash(fn: unknown): string | undefined {
  return typeof fn === 'function' ? createHash('sha256').update(Function.prototype.toString.call(fn)).digest('hex').slice(0, 16) : undefined;
}

/** The functions last vouched for: replacing one (a patched cdk8s) makes the check run again. */
let vouched: unknown[] | undefined;
let verdict = false;

/** Whether cdk8s's rendering functions are the known ones (hashed once per process, and again if one is replaced). */
export function cdk8sRendersAsKnown(): boolean {
  if (vouched !== undefined) {
    let same = true;
    for (let i = 0; i < KNOWN.length && same; i++) same = current(KNOWN[i][1]) === vouched[i];
    if (same) return verdict;
  }
  vouched = KNOWN.map(([, get]) => current(get));
  verdict = KNOWN.every(([, , hash], i) => sourceHash(vouched![i]) === hash);
  return verdict;
}

function current(get: () => unknown): unknown {
  try {
    return get();
  } catch {
    return undefined;
  }
}

/** For tests: which of the functions differ from the known sources. */
export function unknownRenderingFunctions(): string[] {
  return KNOWN.filter(([, get, hash]) => {
    try {
      return sourceHash(get()) !== hash;
    } catch {
      return true;
    }
  }).map(([name]) => name);
}
