import { Construct } from 'constructs';
import { actualText } from './prop-wording';
import { unreadableProblem } from './unreadable';
import { formatProblem } from '../errors';

/**
 * The `scope` a construct's constructor hands to `super()`, checked first
 * with the `id`: from JavaScript a string, a plain object or nothing can
 * arrive as the scope, a number or null as the id, and the constructs library
 * then fails in its own words ("Only root constructs may have an empty ID",
 * a TypeError) before any check of this library runs. A missing scope is
 * refused too: the construct would be a root of its own, outside every app,
 * and never synthesized.
 */
export function constructScope(scope: Construct, kind: string, id: string): Construct {
  const where = typeof id === 'string' ? id : '(no construct)';
  let isConstruct: boolean;
  try {
    // A construct has its node: an object carrying the constructs symbol alone is none.
    isConstruct = scope !== undefined && scope !== null && Construct.isConstruct(scope) && typeof scope.node === 'object' && scope.node !== null;
  } catch (e) {
    // A revoked Proxy, or one whose traps throw: `isConstruct` asks it for a symbol (unreadable.ts).
    const unreadable = unreadableProblem(scope, 'scope', e);
    throw new Error(formatProblem(kind, where, unreadable.field, unreadable.problem, SCOPE_ACCEPTED));
  }
  if (!isConstruct) throw new Error(formatProblem(kind, where, 'scope', actualText(scope, false), SCOPE_ACCEPTED));
  if (typeof id !== 'string' || id === '') {
    // The construct does not exist yet: its scope's path is the closest there is.
    throw new Error(formatProblem(kind, scope.node.path, 'id', id === '' ? 'is empty' : describeId(id), ID_ACCEPTED));
  }
  return scope;
}

const SCOPE_ACCEPTED = 'accepted: a construct, e.g. a Chart or a construct inside one';
const ID_ACCEPTED = 'accepted: a non-empty string, the construct\'s name in its scope';

function describeId(id: unknown): string {
  try {
    return actualText(id, false);
  } catch (e) {
    return unreadableProblem(id, '', e).problem;
  }
}
