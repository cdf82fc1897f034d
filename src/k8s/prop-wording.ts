import { isCredentialName } from '../credentials/names';
import { hasUserInfo, show } from '../errors';
import { SHAPES } from './prop-shapes.generated';

/**
 * How the runtime shape check (prop-check.ts) words a problem: what a type
 * reference of the shape table accepts, and what a value actually is,
 * without echoing anything that may be a credential.
 */

// Types that hold or carry credentials: a wrong value given for one (a pasted key, a raw rclone config) is never echoed.
const SENSITIVE_TYPES = new Set(['cdk8s-plus-27.ISecret', 'IRcloneSecret', 'RcloneRemote']);

/** Whether a wrong value of `field` (its name, without a trailing element index) of type `typeRef` may be a credential. */
export function sensitiveField(field: string, typeRef: string): boolean {
  const name = field.replace(/(\[\d*\])+$/, '').split(/[.[]/).pop() ?? '';
  return isCredentialName(name) || unionParts(typeRef).some(p => SENSITIVE_TYPES.has(p.replace(/^\[(.*)\]$/, '$1')));
}

/** Splits `A|B` at the top level (not inside `[...]` or `{...}`). */
export function unionParts(ref: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref[i];
    if (c === '[' || c === '{') {depth++;} else if (c === ']' || c === '}') {depth--;} else if (c === '|' && depth === 0) {
      parts.push(ref.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(ref.slice(start));
  return parts;
}

export function article(word: string): string {
  return /^([aeiouAEIOU]|R[A-Z])/.test(word) && !/^(Uni|Use)/.test(word) ? `an ${word}` : `a ${word}`;
}

/** What a type reference accepts, as a user reads it. */
export function acceptedText(ref: string, value?: unknown): string {
  const parts = unionParts(ref);
  if (parts.length > 1) return parts.map(p => acceptedText(p, value)).join(', or ');
  switch (ref) {
    case 's': return 'a string';
    case 'n': return 'a finite number';
    case 'b': return 'true or false';
    case 'a': return 'any value';
    case 'd': return 'a Date';
  }
  if (ref.startsWith('[')) return `an array whose elements are each ${acceptedText(ref.slice(1, -1))}`;
  if (ref.startsWith('{')) return `an object mapping names to ${acceptedText(ref.slice(1, -1))}`;
  const shape = SHAPES[ref];
  if (!shape) return 'any value';
  if (shape.e) {
    const names = shape.h ?? [];
    const differ = shape.e.some((v, i) => !names[i]?.endsWith(`.${v}`));
    return `one of ${names.join(', ')}${differ ? ` (the strings ${shape.e.map(v => JSON.stringify(v)).join(', ')})` : ''}`;
  }
  if (shape.f) {
    const required = Object.entries(shape.f).filter(([, r]) => !r.startsWith('?')).map(([f]) => f);
    return `${article(shape.n)} object${required.length ? ` with ${required.join(', ')}` : ''}`;
  }
  const how = shape.h?.length ? ` from ${shape.h.join(', ')}` : '';
  // A string where a value class belongs: name the factories that take it.
  const wrap = typeof value === 'string' && shape.w?.length && !hasUserInfo(value)
    ? ` (for this string: ${shape.w.map(w => `${w}(${show(value)})`).join(' or ')})` : '';
  return `${article(shape.n)}${how}${wrap}`;
}

/**
 * For a required value that is missing: in JavaScript a misspelt member (`PrepackagedServer.SKLERN`) reads as
 * undefined, so where the accepted values are members of a class or enum, say so.
 */
export function missingHint(ref: string): string {
  const members = unionParts(ref).flatMap(p => SHAPES[p]?.h ?? []);
  return members.some(m => !m.endsWith(')')) ? ' (a misspelt member reads as undefined in JavaScript)' : '';
}

/** What a value is, without echoing anything that may be a credential. */
export function actualText(value: unknown, sensitive: boolean): string {
  if (value === undefined) return 'is missing';
  if (value === null) return 'is null';
  switch (typeof value) {
    case 'string': return sensitive ? 'is a string (not shown: it may be a credential)' : `is a string ${show(value)}`;
    case 'number':
      if (sensitive) return 'is a number (not shown: it may be a credential)';
      return Number.isNaN(value) ? 'is NaN' : Number.isFinite(value) ? `is the number ${value}` : `is ${value}`;
    case 'boolean': return `is ${value} (a boolean)`;
    case 'bigint': return 'is a bigint';
    case 'symbol': return 'is a symbol';
    case 'function': return 'is a function';
  }
  if (Array.isArray(value)) return 'is an array';
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return !name || name === 'Object' ? 'is a plain object' : `is ${article(name)} object`;
}

/**
 * A call's label for the problems of its later arguments, naming what its
 * first one names (`addStepForModelName("iris") options.inputs`) when that is
 * a name: several calls of one method are then told apart. Other first
 * arguments are not shown (a value may be a credential).
 */
export function namedCall(prefix: string, signature: ReadonlyArray<{ readonly name: string }>, args: readonly unknown[]): string {
  const first = args[0];
  if (!prefix.endsWith('() ') || !/(^n|N)ame$/.test(signature[0]?.name ?? '')) return prefix;
  if (typeof first !== 'string' || first.length === 0 || first.length > 253 || !/^[\x21-\x7e]+$/.test(first)) return prefix;
  return `${prefix.slice(0, -3)}(${JSON.stringify(first)}) `;
}
