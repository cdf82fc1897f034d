import { Shape } from './prop-shape-table';

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
  return /^I[A-Z]/.test(shape.n) || instanceOfName(value as object, shape.n.slice(shape.n.lastIndexOf('.') + 1));
}

function instanceOfName(value: object, name: string): boolean {
  for (let p = Object.getPrototypeOf(value); p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    if (Object.prototype.hasOwnProperty.call(p, 'constructor') && p.constructor?.name === name) return true;
  }
  return false;
}
