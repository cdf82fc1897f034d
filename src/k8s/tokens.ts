import { formatProblem } from '../errors';

/**
 * Values the library reads where a cdk8s token stands. cdk8s resolves a `Lazy` (or any object with `resolve`)
 * only when it writes the manifest; the library reads some strings before that, at construction or in its
 * checks (an agent variable it parses, a namespace it compares and counts). Each such place asks `tokenProblem`
 * first and refuses a token with this one sentence, rather than calling a string method on an object.
 */

/** Whether `value`, where a string is read, is not a literal: a `Lazy` or another object cdk8s resolves later. */
export function isToken(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

/** The problem sentence for a token `value` (after the field), or undefined for anything else. */
export function tokenProblem(value: unknown): string | undefined {
  if (!isToken(value)) return undefined;
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return `is a cdk8s token (${!name || name === 'Object' ? 'an object' : `a ${name} object`}), which cdk8s resolves only when it writes the manifest, `
    + 'but the library reads the value before that';
}

/**
 * Reports each variable of `env` among `names` whose literal value is a token. `what` says what the library reads it
 * for, as the end of "accepted: a literal string (the library reads it <what>)".
 */
export function envTokenProblems(env: { readonly [name: string]: { readonly value?: unknown } | undefined } | undefined,
  names: readonly string[], field: (name: string) => string, what: string, report: (field: string, problem: string, accepted: string) => void): void {
  if (env === undefined) return;
  for (const name of names) {
    const problem = tokenProblem(env[name]?.value);
    if (problem !== undefined) {
      report(field(name), problem, `accepted: a literal string (the library reads it ${what}), or EnvValue.fromSecretValue() / fromConfigMap() (then read as unknown)`);
    }
  }
}

/** The error for an object whose namespace (its own, or its chart's) is a token; undefined for a string or none. */
export function namespaceTokenError(kind: string, path: string, namespace: unknown, fromChart: boolean): Error | undefined {
  const problem = tokenProblem(namespace);
  if (problem === undefined) return undefined;
  return new Error(formatProblem(kind, path, fromChart ? 'metadata.namespace (the chart\'s namespace)' : 'metadata.namespace', problem,
    'accepted: a literal string (the library compares namespaces across objects and checks the names derived from them), or no namespace'));
}
