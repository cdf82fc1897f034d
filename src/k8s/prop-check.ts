import { Construct, IConstruct } from 'constructs';
import { deferProblems, dropPendingProblems, formatProblem, hasUserInfo, maskMessage, startCheckedCall } from '../errors';
import { constructScope } from './construct-scope';
import { dateCopy, hasMembers, hasOwnState, isInterfaceName, readMembers } from './instance-shape';
import { isPlainData, JSON_ACCEPTED, keyPath, notJson } from './json-data';
import { metadataProblems } from './metadata-rules';
import { FACTORY_PROBLEMS, FAIL, MAX_LIST_LENGTH, fastArgument, ownOr } from './prop-fast-path';
import { Param, memoUnionParts, propsParam, signatureRefs, structFields } from './prop-refs';
import { SHAPES, SIGNATURES } from './prop-shapes.generated';
import { acceptedText, actualText, article, missingHint, namedCall, sensitiveField } from './prop-wording';
import { checkUniqueNames } from './unique-names';
import { refusesUnknownKeys, unknownKeyProblem } from './unknown-keys';
import { unreadableProblem } from './unreadable';

// Constructors that import the boundary check also check their scope with it.
export { constructScope };
export { acceptedText, actualText } from './prop-wording';

/**
 * The runtime check of the public boundary. TypeScript's types stop at the
 * compiler; JavaScript callers and the jsii languages (Python, Java, Go) can
 * pass anything. Every constructor and method of the public API checks what
 * it received against the shapes generated from the jsii assembly
 * (`prop-shapes.generated.ts`), so a new prop is checked as soon as the
 * assembly lists it, with no hand-written check per field.
 *
 * Classes and interfaces are recognised by their members, not `instanceof`:
 * an `ISecret` of another cdk8s-plus line, or a value of a second copy of this
 * library, is accepted. Structs, arrays and maps are copied while they are
 * checked, so what the construct keeps is what was checked: a caller who
 * changes the object afterwards cannot reach the output.
 */

/** A problem of one field: the sentence after `<field> `, and what is accepted. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
  readonly accepted: string;
  /**
   * A value of the right type that is out of range (an enum string that is
   * no member) or a missing required field. The construct's own check of
   * that field, when it has one, speaks first with a more specific sentence;
   * the general one is reported at synth otherwise.
   */
  readonly deferred: boolean;
}

/** The copies of arguments that are all right (see prop-fast-path.ts), or undefined when the full check must run. */
function fastArguments(signature: Param[], args: unknown[], userInfoChecked: boolean): unknown[] | undefined {
  const copies: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    const p = signature[i];
    if (p === undefined) {
      copies.push(args[i]);
      continue;
    }
    const copy = fastArgument(args[i], p.type, p.optional, userInfoChecked);
    if (copy === FAIL) return undefined;
    copies.push(copy);
  }
  // A required argument left out at the end (`ModelUri.gcs()` from JavaScript) is the full check's to report.
  for (let i = args.length; i < signature.length; i++) if (!signature[i].optional) return undefined;
  return copies;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const METADATA = 'cdk8s.ApiObjectMetadata';
const isScalar = (typeRef: string): boolean => typeRef.length === 1 || SHAPES[typeRef]?.e !== undefined;

/** A value of the type that lets a factory run on: the problem is reported when a construct receives the result. */
function placeholder(typeRef: string): unknown {
  switch (typeRef) {
    case 's': return '';
    case 'n': return 0;
    case 'b': return false;
  }
  if (typeRef.startsWith('[')) return [];
  if (typeRef.startsWith('{') || SHAPES[typeRef]?.f) return {};
  return undefined;
}

class Checker {
  public readonly problems: FieldProblem[] = [];
  // Objects being copied, so a cycle through a struct or map is reported once instead of overflowing the stack.
  private readonly open = new Set<unknown>();
  // Depth of Kubernetes data structs being checked: `any` fields inside them must be JSON data.
  private plainData = 0;

  /**
   * With placeholders, a wrong required value is replaced by a harmless one of its type (factory arguments).
   * `userInfoChecked`: the caller refuses a URL's user info itself, in its own words (`ModelUri`), or the
   * values go into a Secret (`RcloneRemote`), so the strings are not searched for it here.
   */
  public constructor(private readonly placeholders = false, private readonly userInfoChecked = placeholders) {}

  /** Checks `value` against `ref`; returns the copy to keep (undefined when it is wrong, or could not be read: unreadable.ts). */
  public check(value: unknown, typeRef: string, field: string, optional: boolean): unknown {
    try {
      return this.checkReadable(value, typeRef, field, optional);
    } catch (e) {
      const members = SHAPES[typeRef]?.m ?? [];
      this.problems.push({ ...unreadableProblem(value, field, e, members), deferred: false });
      return undefined;
    }
  }

  private checkReadable(value: unknown, typeRef: string, field: string, optional: boolean): unknown {
    // A missing required object is reported at once (the construct would dereference it); a missing
    // scalar waits for the construct's own, more specific, check.
    if (value === undefined) return optional ? undefined : this.fail(value, typeRef, field, optional, !this.placeholders && isScalar(typeRef));
    if (value === null) return this.fail(value, typeRef, field, optional);
    switch (typeRef) {
      case 's':
        if (typeof value !== 'string') return this.fail(value, typeRef, field, optional);
        // No string of a manifest may carry a URL's user info: manifests are committed to git.
        if (this.userInfoChecked || !hasUserInfo(value)) return value;
        this.refuse(field, 'holds a URL with user info (not shown: it is a credential)', 'accepted: a string without `user:password@`; keep credentials in a Secret');
        return this.placeholders && !optional ? '' : undefined;
      // A factory's own check reports NaN or Infinity in its terms ("not a 32-bit integer").
      case 'n': return typeof value === 'number' && Number.isFinite(value) ? value : this.fail(value, typeRef, field, optional, this.placeholders && typeof value === 'number');
      case 'b': return typeof value === 'boolean' ? value : this.fail(value, typeRef, field, optional);
      case 'a': return this.plainData > 0 ? this.json(value, field) : value;
      case 'd': {
        const date = dateCopy(value);
        if (date !== undefined || !(value instanceof Date)) return date ?? this.fail(value, typeRef, field, optional);
        return this.refuse(field, 'is a Date with no time value (new Date(NaN), or one no constructor made)',
          `accepted: a Date of a real instant, e.g. new Date('2026-01-01T00:00:00Z')${optional ? ', or leave the field out' : ''}`);
      }
    }
    const parts = memoUnionParts(typeRef);
    if (parts.length > 1) {
      for (const part of parts) {
        const sub = new Checker();
        const copy = sub.check(value, part, field, optional);
        if (sub.problems.length === 0) return copy;
      }
      return this.fail(value, typeRef, field, optional);
    }
    if (typeRef.startsWith('[')) {
      if (!Array.isArray(value)) return this.fail(value, typeRef, field, optional);
      if (value.length > MAX_LIST_LENGTH) {
        return this.refuse(field, `has ${value.length} elements`, `accepted: a list of at most ${MAX_LIST_LENGTH.toLocaleString('en-US')} elements (no Kubernetes object holds more)`);
      }
      if (this.open.has(value)) return this.fail(value, typeRef, field, optional);
      this.open.add(value);
      try {
        const element = typeRef.slice(1, -1);
        const copy: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
          const checked = this.check(value[i], element, `${field}[${i}]`, false);
          if (checked !== undefined || !this.placeholders) copy.push(checked);
        }
        return copy;
      } finally {
        this.open.delete(value);
      }
    }
    if (typeRef.startsWith('{')) {
      if (!isRecord(value)) return this.fail(value, typeRef, field, optional);
      if (this.open.has(value)) return this.fail(value, typeRef, field, optional);
      this.open.add(value);
      try {
        const element = typeRef.slice(1, -1);
        const copy: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
          if (k === '__proto__') this.refuse(keyPath(field, k), 'would be lost (JavaScript reads it as the prototype)', 'accepted: any other key');
          const checked = k === '__proto__' ? undefined : this.check(v, element, keyPath(field, k), false);
          if (checked !== undefined || !this.placeholders) copy[k] = checked;
        }
        return copy;
      } finally {
        this.open.delete(value);
      }
    }
    const shape = SHAPES[typeRef];
    if (!shape) return value;
    if (shape.e) return shape.e.includes(value as string) ? value : this.fail(value, typeRef, field, optional, typeof value === typeof shape.e[0]);
    if (shape.f) {
      if (!isRecord(value)) return this.fail(value, typeRef, field, optional);
      if (this.open.has(value)) return this.fail(value, typeRef, field, optional);
      this.open.add(value);
      const data = isPlainData(typeRef), closed = refusesUnknownKeys(typeRef);
      try {
        const copy: Record<string, unknown> = { ...value };
        if (data) this.plainData++;
        for (const k of data || closed ? Object.keys(value) : []) {
          if (Object.prototype.hasOwnProperty.call(shape.f, k)) continue;
          if (closed) this.problems.push({ field, ...unknownKeyProblem(k, shape.n, Object.keys(shape.f)), deferred: false });
          if (closed || this.json(copy[k], field ? keyPath(field, k) : k, value) === undefined) delete copy[k];
        }
        for (const f of structFields(shape, shape.f)) {
          const name = f.name;
          const v = ownOr(copy, value, name);
          // An absent optional field needs no check (and no field path built for it).
          if (v === undefined && f.optional) {
            delete copy[name];
            continue;
          }
          const checked = this.check(v, f.ref, field ? `${field}.${name}` : name, f.optional);
          if (checked === undefined) delete copy[name];
          else copy[name] = checked;
        }
        // The floor of every object's metadata; a construct's stricter rule for its kind speaks first (deferred).
        if (typeRef === METADATA) {
          for (const p of metadataProblems(copy)) this.problems.push({ ...p, field: `${field}.${p.field}`, deferred: true });
        }
        return copy;
      } finally {
        if (data) this.plainData--;
        this.open.delete(value);
      }
    }
    if (!hasMembers(value, shape)) return this.fail(value, typeRef, field, optional);
    if (!isInterfaceName(shape.n) && !hasOwnState(value)) {
      return this.refuse(field, `is ${article(shape.n)} that no constructor or factory made (it has no state of its own)`, `accepted: ${acceptedText(typeRef)}`);
    }
    readMembers(value, shape.m ?? []);
    const carried = FACTORY_PROBLEMS.get(value as object) as FieldProblem[] | undefined;
    if (carried !== undefined) for (const p of carried) this.problems.push({ ...p, field: `${field} (${p.field})` });
    return value;
  }

  /** `value` if it is JSON data, else a problem with the part that is not. */
  private json(value: unknown, field: string, within: object = {}): unknown {
    const found = notJson(value, within);
    if (found === undefined) return value;
    const problem = found.cycle ? 'refers back to an object that contains it (a cycle)' : actualText(found.value, false);
    return this.refuse(`${field}${found.at}`, problem, JSON_ACCEPTED);
  }

  private refuse(field: string, problem: string, accepted: string): undefined {
    this.problems.push({ field, problem, accepted, deferred: false });
    return undefined;
  }

  private fail(value: unknown, typeRef: string, field: string, optional: boolean, deferred = false): unknown {
    const sensitive = sensitiveField(field, typeRef);
    const leave = optional ? ', or leave the field out' : '';
    const hint = value === undefined ? missingHint(typeRef) : '';
    this.problems.push({ field, problem: actualText(value, sensitive), accepted: `accepted: ${acceptedText(typeRef, sensitive ? undefined : value)}${hint}${leave}`, deferred });
    if (deferred) return value;
    return this.placeholders && !optional ? placeholder(typeRef) : undefined;
  }
}

/** Checks the arguments of a public constructor or method (`Kind` or `Kind.method`) and returns copies. */
export function checkArguments(member: string, args: unknown[], prefix = '', placeholders = false, userInfoChecked = placeholders): { args: unknown[]; problems: FieldProblem[] } {
  const signature = signatureRefs(member);
  const fast = fastArguments(signature, args, userInfoChecked);
  if (fast !== undefined) return { args: fast, problems: [] };
  const checker = new Checker(placeholders, userInfoChecked);
  // The first argument's own problems keep the bare call; the others', missing ones too, name it.
  const named = namedCall(prefix, signature, args);
  const field = (i: number): string => `${i === 0 ? prefix : named}${signature[i].name}`;
  const copies = args.map((arg, i) => (signature[i] === undefined ? arg : checker.check(arg, signature[i].ref, field(i), signature[i].optional)));
  // Required arguments left out at the end are missing like any other.
  for (let i = args.length; i < signature.length; i++) {
    const p = signature[i];
    if (!p.optional) copies[i] = checker.check(undefined, p.ref, field(i), false);
  }
  return { args: copies, problems: checker.problems };
}

/** @internal The full check alone, without the fast path: what tests hold prop-fast-path.ts to. */
export function _fullCheck(value: unknown, ref: string, optional: boolean, placeholders = false): { copy: unknown; problems: FieldProblem[] } {
  const checker = new Checker(placeholders);
  return { copy: checker.check(value, ref, '', optional), problems: checker.problems };
}

function pathOf(scope: IConstruct, id?: string): string {
  const base = scope.node.path;
  if (id === undefined) return base;
  return base ? `${base}/${id}` : id;
}

function messages(kind: string, path: string, problems: FieldProblem[]): string[] {
  return problems.map(p => formatProblem(kind, path, p.field || 'props', p.problem, p.accepted));
}

/** Throws the problems that cannot wait; the deferred ones become a validation at synth of `scope` (with `id`, of its child). */
function report(scope: IConstruct, kind: string, problems: FieldProblem[], id?: string): void {
  const path = pathOf(scope, id);
  const now = problems.filter(p => !p.deferred);
  if (now.length > 0) throw new Error(messages(kind, path, now).join('\n'));
  const later = problems.filter(p => p.deferred);
  if (later.length > 0) deferProblems(scope, messages(kind, path, later), id);
}

/**
 * The first line of every construct's constructor: checks `props` against
 * the constructor's signature, throws every problem with the construct path,
 * and returns a copy of the props to use instead of the caller's object.
 * `id` is given when the construct does not exist yet (before `super()`).
 */
export function checkedProps<T>(scope: IConstruct, kind: string, props: T, id?: string): T {
  // Before super(): the scope is the caller's, and may be no construct at all; what an earlier construction there left is dropped.
  if (id !== undefined) dropPendingProblems(constructScope(scope as Construct, kind, id), id);
  // Every construct of the library passes here: the app-wide name check joins its app.
  checkUniqueNames(scope);
  const p = propsParam(kind);
  if (p === undefined) return props;
  const fast = fastArgument(props, p.type, p.optional, false);
  if (fast !== FAIL) return fast as T;
  const checker = new Checker();
  const copy = checker.check(props, p.ref, '', p.optional);
  report(scope, kind, checker.problems, id);
  return copy as T;
}

/**
 * Checks the arguments of a construct's method (`addPredictor`, `mountPvc`,
 * ...) and returns copies. `method` may name another class's static method
 * (`SeldonServer.fromServerName`) for a construct that one creates: its
 * arguments are then named like props, without the method.
 */
export function checkedArgs<T extends unknown[]>(construct: IConstruct, kind: string, method: string, ...args: T): T {
  const qualified = method.includes('.');
  startCheckedCall(construct);
  const { args: copies, problems } = checkArguments(qualified ? method : `${kind}.${method}`, args, qualified ? '' : `${method}() `);
  report(construct, kind, problems);
  return copies as T;
}

const CHECKED_CLASSES = new WeakSet<object>();

/** Whether `checkFactories` wraps the factories of `cls` (a test holds every value class of the API to it). */
export function factoriesChecked(cls: object): boolean {
  return CHECKED_CLASSES.has(cls);
}

/**
 * Checks the arguments of every static factory of a value class
 * (`ModelUri.gcs`, `PredictiveUnit.prepackaged`, ...): one line after the
 * class. Value objects never throw; a factory called with wrong types builds
 * its value from copies (wrong values replaced by harmless ones) and the
 * problems travel with the value until a construct receives it and reports
 * them with its path. Only a factory that cannot build at all throws.
 */
export function checkFactories(cls: object, className: string, userInfoChecked = false): void {
  CHECKED_CLASSES.add(cls);
  const statics = cls as Record<string, unknown>;
  for (const member of Object.keys(SIGNATURES)) {
    const method = member.slice(className.length + 1);
    if (!member.startsWith(`${className}.`) || method.includes('.')) continue;
    const original = statics[method];
    if (typeof original !== 'function' || !Object.prototype.hasOwnProperty.call(cls, method)) continue;
    let signature: Param[] | undefined; // compiled on the first call, not when the module loads
    Object.defineProperty(cls, method, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        const fast = fastArguments(signature ??= signatureRefs(member), args, userInfoChecked);
        if (fast !== undefined) return original.apply(this, fast);
        const { args: copies, problems } = checkArguments(member, args, `${member}() `, true, userInfoChecked);
        let result: unknown;
        try {
          result = original.apply(this, copies);
        } catch (e) {
          if (problems.length === 0) throw e;
          throw new Error(maskMessage(problems.map(p => `${p.field} ${p.problem}; ${p.accepted}`).join('\n')));
        }
        // A shared constant (`ServerConfigRef.MLSERVER`) never carries a caller's problems.
        if (problems.length > 0 && typeof result === 'object' && result !== null && !Object.values(statics).includes(result)) {
          FACTORY_PROBLEMS.set(result, [...(FACTORY_PROBLEMS.get(result) ?? []), ...problems] as FieldProblem[]);
        }
        return result;
      },
    });
  }
}
