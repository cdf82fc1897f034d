import { Construct } from 'constructs';
import { actualText } from './prop-wording';
import { formatProblem } from '../errors';

/**
 * The `scope` a construct's constructor hands to `super()`, checked first:
 * from JavaScript a string or a plain object can arrive there, and the
 * constructs library then fails in its own words ("Only root constructs may
 * have an empty ID", or a TypeError) before any check of this library runs.
 * A missing scope is refused too: the construct would be a root of its own,
 * outside every app, and never synthesized.
 */
export function constructScope(scope: Construct, kind: string, id: string): Construct {
  if (scope !== undefined && scope !== null && Construct.isConstruct(scope)) return scope;
  throw new Error(formatProblem(kind, typeof id === 'string' ? id : '(no construct)', 'scope', actualText(scope, false),
    'accepted: a construct, e.g. a Chart or a construct inside one'));
}
