import { Shape } from './prop-shape-table';

/** jsii names every interface `I...`: those are judged by members alone. */
export function isInterfaceName(name: string): boolean {
  return /^I[A-Z]/.test(name);
}

/**
 * Whether `value` is an instance of the class or interface `shape`, judged
 * by its members, not `instanceof`: an `ISecret` of another cdk8s-plus line
 * or a value of a second copy of this library is accepted. A class (jsii
 * names every interface `I...`) must also have its name along the prototype
 * chain, so a plain object that happens to have the members (`{ name: 1 }`
 * for a `ServerConfigRef`, `{}` for a `DeploymentStrategy`, which declares
 * no public member) is refused instead of failing inside the construct.
 */
export function hasMembers(value: unknown, shape: Shape): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  if (!(shape.m ?? []).every(m => m in (value as object))) return false;
  return isInterfaceName(shape.n) || namedOnChain(Object.getPrototypeOf(value), shape.n.slice(shape.n.lastIndexOf('.') + 1));
}

/** Whether a class named `name` is on the prototype chain that starts at `proto`. */
export function namedOnChain(proto: object | null, name: string): boolean {
  for (let p = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.prototype.hasOwnProperty.call(p, 'constructor') && p.constructor?.name === name) return true;
  }
  return false;
}

/**
 * Whether an instance has any state of its own. A class's members sit on the
 * prototype, so `Object.create(Duration.prototype)` from JavaScript has them
 * all and the class's name on its chain, yet no constructor ran on it and its
 * first method call throws a bare TypeError. Every class a prop accepts keeps
 * its state in its instances (jsii classes hold fields), so a class instance
 * without a single own key was never made by a constructor or factory.
 * Interfaces are judged by their members alone (a class implementing one may
 * keep everything in getters).
 */
export function hasOwnState(value: unknown): boolean {
  return Reflect.ownKeys(value as object).length > 0;
}

/**
 * Reads every member an instance must have, so that a getter that throws
 * (`Object.create(Secret.prototype)` for an `ISecret`: its `name` reads an
 * object it never got) throws inside the boundary check, which reports it
 * with the field (unreadable.ts), rather than later inside the construct.
 */
export function readMembers(value: unknown, members: readonly string[]): void {
  for (let i = 0; i < members.length; i++) void (value as Record<string, unknown>)[members[i]];
}

/**
 * A copy of a valid `Date`, or undefined. `instanceof Date` alone passes
 * `new Date(NaN)` and `Object.create(Date.prototype)`, which fail only when
 * cdk8s writes the manifest ("Invalid time value"), and a Date whose own
 * `toISOString` was replaced, which cdk8s would call: the copy is a plain
 * Date of the same instant, read through `Date.prototype.getTime` itself.
 */
export function dateCopy(value: unknown): Date | undefined {
  if (!(value instanceof Date)) return undefined;
  let time: number;
  try {
    time = Date.prototype.getTime.call(value);
  } catch {
    return undefined;
  }
  return Number.isFinite(time) ? new Date(time) : undefined;
}
