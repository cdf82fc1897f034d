import { dateCopy, hasOwnState, isInterfaceName, namedOnChain, readMembers } from './instance-shape';
import { isPlainData, notJson } from './json-data';
import { metadataProblems } from './metadata-rules';
import { Shape } from './prop-shape-table';
import { SHAPES } from './prop-shapes.generated';
import { unionParts } from './prop-wording';
import { hasUserInfo } from '../errors';
import { refusesUnknownKeys } from './unknown-keys';

/**
 * The success path of the prop-shape check (`prop-check.ts`), compiled once
 * per type reference. Every construct, method and factory of the library
 * checks its arguments, a few thousand times in a large app, and almost
 * always they are right: this path only decides "right, here is the copy"
 * and builds no field paths, messages or sub-checkers. When it finds
 * anything wrong it answers `FAIL`, and the caller runs the full check from
 * the start, which produces every message exactly as before.
 *
 * Invariant: for every value and reference, `fastArgument` returns a copy
 * iff the full check finds no problem (deferred ones included), and then it
 * is the copy the full check returns (test/k8s/prop-fast-path.test.ts). A
 * structure deeper than `MAX_DEPTH` (a cycle, or absurd nesting), or a
 * struct whose fields may come from its prototype, also answers `FAIL`, so
 * the full check, which reports cycles, decides.
 */

/** The answer of the fast path when the full check must run. */
export const FAIL: unique symbol = Symbol('prop-check: run the full check');

/**
 * Values built by a factory from bad arguments, with their problems (the
 * `FieldProblem`s of prop-check.ts, see `checkFactories`): such a value never passes here.
 */
export const FACTORY_PROBLEMS = new WeakMap<object, readonly unknown[]>();

/**
 * Where a value is checked: `userInfoChecked` for the arguments of a factory
 * that refuses a URL's user info itself or puts its values in a Secret
 * (`ModelUri`, `RcloneRemote`: the full check's `userInfoChecked`), `data`
 * inside Kubernetes data, where an `any` value must be JSON data.
 */
interface Context { readonly userInfoChecked: boolean; readonly data: boolean }
const PROPS: Context = { userInfoChecked: false, data: false };
const USER_INFO_CHECKED: Context = { userInfoChecked: true, data: false };
const PROPS_DATA: Context = { userInfoChecked: false, data: true };
const USER_INFO_CHECKED_DATA: Context = { userInfoChecked: true, data: true };

const MAX_DEPTH = 64;
/**
 * The longest list either check walks: no Kubernetes object holds more (etcd keeps objects of up to 1.5 MiB), and a
 * sparse `new Array(2 ** 32 - 1)` from JavaScript would otherwise be walked index by index, hole by hole.
 */
export const MAX_LIST_LENGTH = 100_000;
const METADATA = 'cdk8s.ApiObjectMetadata';

const enum Kind { STRING, NUMBER, BOOLEAN, ANY, DATE, UNION, ARRAY, MAP, ENUM, STRUCT, MEMBERS }

interface Field { readonly name: string; readonly optional: boolean; readonly type: Compiled }

/** What a prototype chain says about a class or interface: members to look up on each instance, and whether the class is named on it. */
interface ProtoFacts { readonly lookups: readonly string[]; readonly named: boolean }

/** A type reference, compiled. Nested references are filled in after the entry is cached, so recursive types compile. */
interface Compiled {
  kind: Kind;
  parts: Compiled[];
  element?: Compiled;
  values: readonly string[];
  fields: Field[];
  /** Struct: the fields by name, and how many are required. */
  byName?: Map<string, Field>;
  required: number;
  /** Struct: a field is named like a member of `Object.prototype`, so a plain object inherits a value for it. */
  inherits?: boolean;
  /** Struct: Kubernetes data (unknown keys and `any` fields must be JSON data), and whether it is object metadata. */
  data?: boolean;
  metadata?: boolean;
  /** Struct: a key it does not declare is refused (unknown-keys.ts). */
  closed?: boolean;
  members: readonly string[];
  /** Class: the name its prototype chain must show (undefined for an interface). */
  className?: string;
  prototypes?: WeakMap<object, ProtoFacts>;
}

const COMPILED = new Map<string, Compiled>();

/** The compiled form of a type reference (without the `?` of an optional one). */
export function compile(ref: string): Compiled {
  const cached = COMPILED.get(ref);
  if (cached !== undefined) return cached;
  const c: Compiled = { kind: Kind.ANY, parts: [], values: [], fields: [], required: 0, members: [] };
  COMPILED.set(ref, c);
  const parts = unionParts(ref);
  if (parts.length > 1) {
    c.kind = Kind.UNION;
    c.parts = parts.map(compile);
    return c;
  }
  switch (ref) {
    case 's': c.kind = Kind.STRING; return c;
    case 'n': c.kind = Kind.NUMBER; return c;
    case 'b': c.kind = Kind.BOOLEAN; return c;
    case 'a': c.kind = Kind.ANY; return c;
    case 'd': c.kind = Kind.DATE; return c;
  }
  if (ref.startsWith('[') || ref.startsWith('{')) {
    c.kind = ref.startsWith('[') ? Kind.ARRAY : Kind.MAP;
    c.element = compile(ref.slice(1, -1));
    return c;
  }
  const shape: Shape | undefined = SHAPES[ref];
  if (shape === undefined) {
    // Unknown to the table: anything goes, as in the full check (not even the JSON rule).
    c.kind = Kind.MEMBERS;
    c.prototypes = undefined;
    return c;
  }
  if (shape.e) {
    c.kind = Kind.ENUM;
    c.values = shape.e;
  } else if (shape.f) {
    c.kind = Kind.STRUCT;
    c.fields = Object.entries(shape.f).map(([name, r]) => {
      const optional = r.startsWith('?');
      return { name, optional, type: compile(optional ? r.slice(1) : r) };
    });
    c.byName = new Map(c.fields.map(f => [f.name, f]));
    c.required = c.fields.filter(f => !f.optional).length;
    c.inherits = c.fields.some(f => f.name in Object.prototype);
    c.data = isPlainData(ref);
    c.metadata = ref === METADATA;
    c.closed = refusesUnknownKeys(ref);
  } else {
    c.kind = Kind.MEMBERS;
    c.members = shape.m ?? [];
    // instance-shape.ts: jsii names every interface I...; a class must be named along the prototype chain.
    c.className = isInterfaceName(shape.n) ? undefined : shape.n.slice(shape.n.lastIndexOf('.') + 1);
    c.prototypes = new WeakMap();
  }
  return c;
}

/**
 * Checks a value that is not undefined against a compiled reference; returns
 * the copy the full check would keep, or `FAIL`.
 */
function fastCheck(value: unknown, type: Compiled, depth: number, ctx: Context): unknown {
  if (value === null) return FAIL;
  switch (type.kind) {
    case Kind.STRING:
      if (typeof value !== 'string') return FAIL;
      // URL user info needs an "@": most strings are settled by a scan for it
      return !ctx.userInfoChecked && value.includes('@') && hasUserInfo(value) ? FAIL : value;
    case Kind.NUMBER: return typeof value === 'number' && Number.isFinite(value) ? value : FAIL;
    case Kind.BOOLEAN: return typeof value === 'boolean' ? value : FAIL;
    case Kind.ANY: return ctx.data && notJson(value, {}) !== undefined ? FAIL : value;
    case Kind.DATE: return dateCopy(value) ?? FAIL;
    case Kind.ENUM: return type.values.includes(value as string) ? value : FAIL;
  }
  if (depth > MAX_DEPTH) return FAIL;
  switch (type.kind) {
    case Kind.UNION: {
      // The first part that accepts the value, each checked afresh as the full check's union does.
      for (const part of type.parts) {
        const copy = fastCheck(value, part, depth + 1, PROPS);
        if (copy !== FAIL) return copy;
      }
      return FAIL;
    }
    case Kind.ARRAY: {
      if (!Array.isArray(value) || value.length > MAX_LIST_LENGTH) return FAIL;
      const element = type.element!;
      const copy: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        const checked = v === undefined ? FAIL : fastCheck(v, element, depth + 1, ctx);
        if (checked === FAIL) return FAIL;
        copy.push(checked);
      }
      // Constructs keep their props: an array grown by push() keeps room for 17 elements for as long, its slice() only what it holds.
      return copy.length === 0 ? copy : copy.slice();
    }
    case Kind.MAP: {
      if (typeof value !== 'object' || Array.isArray(value)) return FAIL;
      const element = type.element!;
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as object)) {
        const checked = v === undefined || k === '__proto__' ? FAIL : fastCheck(v, element, depth + 1, ctx);
        if (checked === FAIL) return FAIL;
        copy[k] = checked;
      }
      return copy;
    }
    case Kind.STRUCT: {
      const inData = type.data && !ctx.data ? (ctx.userInfoChecked ? USER_INFO_CHECKED_DATA : PROPS_DATA) : ctx;
      return checkStruct(value, type, depth, inData);
    }
    case Kind.MEMBERS: return checkInstance(value, type);
  }
  return FAIL;
}

function checkStruct(value: unknown, type: Compiled, depth: number, ctx: Context): unknown {
  if (typeof value !== 'object' || Array.isArray(value)) return FAIL;
  const record = value as Record<string, unknown>;
  // Unknown keys are kept, as the full check keeps them.
  const copy: Record<string, unknown> = { ...record };
  // The full check reads every field through the prototype chain: a value that may inherit one takes the long way.
  const proto: unknown = Object.getPrototypeOf(record);
  // So does one with a field the spread and Object.keys() do not see (defined as non-enumerable).
  const keys = Object.keys(record);
  if ((proto !== Object.prototype && proto !== null) || type.inherits
    || Object.getOwnPropertyNames(record).length !== keys.length) return fieldByField(record, copy, type, depth, ctx);
  // Only the keys the value has are visited: props declare dozens of optional fields and set a few.
  const byName = type.byName!;
  let required = 0;
  // Once a declared field set to undefined is met, the copy is built anew without it (see copyOf).
  let out: Record<string | symbol, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const f = byName.get(key);
    // From the copy: the spread read each field once, and a getter is not asked again for another answer.
    const v = copy[key];
    if (f === undefined) {
      if (type.closed || (type.data && notJson(v, record) !== undefined)) return FAIL;
      if (out !== undefined) out[key] = v;
      continue;
    }
    if (v === undefined) {
      if (!f.optional) return FAIL;
      out ??= copyOf(copy, keys, i);
      continue;
    }
    if (!f.optional) required++;
    const checked = fastCheck(v, f.type, depth + 1, ctx);
    if (checked === FAIL) return FAIL;
    // the spread already holds a string, number or boolean as it is
    if (out !== undefined) out[key] = checked;
    else if (checked !== v) copy[key] = checked;
  }
  // A required field that is not an own key: the full check reads it through the prototype, and so decides.
  if (required !== type.required) return FAIL;
  return finish(out === undefined ? copy : withSymbols(record, out), type);
}

/** The struct check over every declared field, as the full check makes it. */
function fieldByField(record: Record<string, unknown>, copy: Record<string, unknown>, type: Compiled, depth: number, ctx: Context): unknown {
  if (type.data || type.closed) {
    for (const key of Object.keys(record)) if (!type.byName!.has(key) && (type.closed || notJson(copy[key], record) !== undefined)) return FAIL;
  }
  for (const f of type.fields) {
    const v = ownOr(copy, record, f.name);
    if (v === undefined) {
      if (!f.optional) return FAIL;
      delete copy[f.name];
      continue;
    }
    const checked = fastCheck(v, f.type, depth + 1, ctx);
    if (checked === FAIL) return FAIL;
    copy[f.name] = checked;
  }
  return finish(copy, type);
}

/** A field as the spread read it (once), or, when the spread did not copy it (inherited, not enumerable), from the value. */
export function ownOr(copy: Record<string, unknown>, record: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(copy, name) ? copy[name] : record[name];
}

/** The floor of every object's metadata (metadata-rules.ts), which the full check applies to the copy. */
function finish(copy: Record<string, unknown>, type: Compiled): unknown {
  return type.metadata && metadataProblems(copy).length > 0 ? FAIL : copy;
}

/**
 * The copy without the declared fields the value sets to undefined, as the
 * full check's `delete` leaves it (same keys, same order), built anew:
 * deleting from an object makes V8 switch it to slow dictionary properties.
 * `copyOf` starts it with the first `count` keys, `withSymbols` ends it with
 * the enumerable symbols, which a spread copies after the string keys.
 */
function copyOf(copy: Record<string, unknown>, keys: readonly string[], count: number): Record<string | symbol, unknown> {
  const out: Record<string | symbol, unknown> = {};
  for (let i = 0; i < count; i++) out[keys[i]] = copy[keys[i]];
  return out;
}

function withSymbols(record: Record<string, unknown>, out: Record<string | symbol, unknown>): Record<string | symbol, unknown> {
  for (const key of Object.getOwnPropertySymbols(record)) {
    if (Object.prototype.propertyIsEnumerable.call(record, key)) out[key] = (record as Record<symbol, unknown>)[key];
  }
  return out;
}

/** A class or interface (instance-shape.ts), settled per prototype: only the members a prototype lacks are looked up on each instance. */
function checkInstance(value: unknown, type: Compiled): unknown {
  const prototypes = type.prototypes;
  if (prototypes === undefined) return value;
  if (typeof value !== 'object' && typeof value !== 'function') return FAIL;
  if (FACTORY_PROBLEMS.has(value as object)) return FAIL;
  const proto: object | null = Object.getPrototypeOf(value);
  let facts = proto === null ? undefined : prototypes.get(proto);
  if (facts === undefined) {
    facts = {
      lookups: proto === null ? type.members : type.members.filter(m => !(m in proto)),
      named: type.className === undefined || namedOnChain(proto, type.className),
    };
    if (proto !== null) prototypes.set(proto, facts);
  }
  if (!facts.named) return FAIL;
  const lookups = facts.lookups;
  for (let i = 0; i < lookups.length; i++) if (!(lookups[i] in (value as object))) return FAIL;
  // As the full check: a class instance no constructor made, and a member whose getter throws (which throws here).
  if (type.className !== undefined && !hasOwnState(value)) return FAIL;
  readMembers(value, type.members);
  return value;
}

/** Checks an argument (which may be undefined) of a constructor, method or factory (see `Context` for `userInfoChecked`). */
export function fastArgument(value: unknown, type: Compiled, optional: boolean, userInfoChecked: boolean): unknown {
  if (value === undefined) return optional ? undefined : FAIL;
  try {
    return fastCheck(value, type, 0, userInfoChecked ? USER_INFO_CHECKED : PROPS);
  } catch {
    // A getter or Proxy that throws (unreadable.ts): the full check reports it with its field.
    return FAIL;
  }
}
