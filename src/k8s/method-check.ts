import { IConstruct } from 'constructs';
import { deferProblems, formatProblem, startCheckedCall } from '../errors';
import { checkArguments } from './prop-check';
import { SIGNATURES } from './prop-shapes.generated';

/** Who reports a wrong argument of a method: the construct (its path), its kind, and the field prefix of the object. */
export interface MethodOwner {
  readonly scope: IConstruct;
  readonly kind: string;
  readonly prefix: string;
}

const CHECKED = new WeakSet<object>();

/** Whether `checkMethods` wraps the instance methods of `cls`. */
export function methodsChecked(cls: object): boolean {
  return CHECKED.has(cls);
}

/**
 * Checks the arguments of every public instance method of `cls` that takes
 * any (`predictorPod(name)`, `scheduling.spread(options)`, ...) against the
 * jsii signature table, as `checkedProps` checks props: one line after the
 * class. A JavaScript or jsii-language caller passing a wrong type gets
 * `<Kind> '<path>': <method>() <argument> <problem>; <accepted>` from
 * `owner(instance)`, never a TypeError from deep inside the method; the
 * method then runs on the checked copies.
 */
export function checkMethods<T>(cls: { prototype: T }, className: string, owner: (instance: T) => MethodOwner, only?: readonly string[]): void {
  wrapMethods(cls, className, only, (instance, member, method, args) => {
    const { scope, kind, prefix } = owner(instance);
    startCheckedCall(scope);
    const { args: copies, problems } = checkArguments(member, args, `${prefix}${method}() `);
    const path = scope.node.path;
    const now = problems.filter(p => !p.deferred).map(p => formatProblem(kind, path, p.field, p.problem, p.accepted));
    if (now.length > 0) throw new Error(now.join('\n'));
    const later = problems.filter(p => p.deferred).map(p => formatProblem(kind, path, p.field, p.problem, p.accepted));
    if (later.length > 0) deferProblems(scope, later);
    return copies;
  });
}

/**
 * `checkMethods` for a value class, which belongs to no construct
 * (`RcloneRemote.matches()`, `PrepackagedServer.supports()`): a wrong
 * argument gets `<Class>.<method>() <argument> <problem>; <accepted>`, as a
 * wrong argument of a factory does.
 */
export function checkValueMethods(cls: { prototype: object }, className: string): void {
  wrapMethods(cls, className, undefined, (_instance, member, method, args) => {
    const { args: copies, problems } = checkArguments(member, args, `${className}.${method}() `);
    if (problems.length > 0) throw new Error(problems.map(p => `${p.field} ${p.problem}; ${p.accepted}`).join('\n'));
    return copies;
  });
}

/**
 * Replaces each public instance method of `cls` that takes arguments (or
 * those named in `only`: the others check their own) by one that first has
 * `check` return the arguments to use.
 */
function wrapMethods<T>(cls: { prototype: T }, className: string, only: readonly string[] | undefined,
  check: (instance: T, member: string, method: string, args: unknown[]) => unknown[]): void {
  CHECKED.add(cls);
  const proto = cls.prototype as unknown as Record<string, unknown>;
  for (const member of Object.keys(SIGNATURES)) {
    const method = member.slice(className.length + 1);
    if (!member.startsWith(`${className}.`) || method.includes('.') || SIGNATURES[member].length === 0) continue;
    if (only !== undefined && !only.includes(method)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(proto, method);
    const original = descriptor?.value;
    if (typeof original !== 'function') continue;
    Object.defineProperty(proto, method, {
      ...descriptor,
      value: function (this: T, ...args: unknown[]) {
        return original.apply(this, check(this, member, method, args));
      },
    });
  }
}

/**
 * Checks the arguments of the public constructor of a value class whose
 * first argument is the construct it belongs to and second that
 * construct's kind (`new PodSettings(owner, kind, ...)`): problems name the
 * owner's path when the owner is a construct.
 */
export function checkConstructor(className: string, args: unknown[]): void {
  const { problems } = checkArguments(className, args, `new ${className}() `);
  if (problems.length === 0) return;
  const [owner, kind] = args as [{ node?: { path?: unknown } } | undefined, unknown];
  const path = typeof owner?.node?.path === 'string' ? owner.node.path : '(no construct)';
  throw new Error(problems.map(p => formatProblem(typeof kind === 'string' ? kind : className, path, p.field, p.problem, p.accepted)).join('\n'));
}
