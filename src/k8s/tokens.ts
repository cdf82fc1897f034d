import { formatProblem } from '../errors';
import { actualText } from './prop-wording';

/**
 * Values the library reads where a cdk8s token stands. cdk8s resolves a `Lazy`
 * only when it writes the manifest; the library reads some strings before that,
 * at construction or in its checks (a namespace it compares and counts). Such a
 * place asks `tokenProblem` and refuses a token; where the value can be left
 * unknown (an agent variable, like a `valueFrom`), it asks `isToken` and skips it.
 */

/** Whether `value`, where a string is read, is not a literal: a `Lazy` or another object cdk8s resolves later. */
export function isToken(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

/**
 * The problem sentence for a token `value` (after the field), or undefined for anything else. It describes the
 * value with prop-wording.ts `actualText`, as the props check does ("is a Lazy object"), so a token reads the same
 * in every message.
 */
function tokenProblem(value: unknown): string | undefined {
  if (!isToken(value)) return undefined;
  return `${actualText(value, false)}, a cdk8s token, which cdk8s resolves only when it writes the manifest, but the library reads the value before that`;
}

/**
 * The error for an object whose namespace (its own, or its chart's) is not a literal string: a token, or what a
 * JavaScript caller gives a chart unchecked (null, a number); undefined for a string or none.
 */
export function namespaceTokenError(kind: string, path: string, namespace: unknown, fromChart: boolean): Error | undefined {
  if (namespace === undefined || typeof namespace === 'string') return undefined;
  const problem = tokenProblem(namespace) ?? actualText(namespace, false);
  return new Error(formatProblem(kind, path, fromChart ? 'metadata.namespace (the chart\'s namespace)' : 'metadata.namespace', problem,
    'accepted: a literal string (the library compares namespaces across objects and checks the names derived from them), or no namespace'));
}
