import { EnvValue, k8s } from 'cdk8s-plus-27';
import { hasUserInfo } from '../errors';

/** Renders a map of cdk8s-plus `EnvValue`s as Kubernetes `EnvVar`s, in insertion order. */
export function renderEnv(env: { [name: string]: EnvValue } | undefined): k8s.EnvVar[] {
  // Most nodes and predictors set none: no empty object and entry list for them.
  if (env === undefined) return [];
  return Object.entries(env).map(([name, value]) => ({ name, value: value.value, valueFrom: value.valueFrom }));
}

/**
 * Merges `overrides` into `base` by name: a variable in both keeps its place
 * in `base` and takes the override's value; the others are appended.
 */
export function mergeEnv(base: k8s.EnvVar[], overrides: k8s.EnvVar[]): k8s.EnvVar[] {
  const result = [...base];
  for (const override of overrides) {
    const i = result.findIndex(e => e.name === override.name);
    if (i >= 0) result[i] = override;
    else result.push(override);
  }
  return result;
}

/** C_IDENTIFIER, the rule Kubernetes applies to environment variable names used with envFrom. */
export const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * The problems of a container's env as the library writes it into a committed manifest: a name the API server
 * refuses, and a literal value holding a URL with user info (a credential, never shown). Reported per variable at
 * `<field>[<name>]`.
 */
export function containerEnvProblems(env: { [name: string]: EnvValue } | undefined, field: (name: string) => string,
  report: (field: string, problem: string, accepted: string) => void): void {
  for (const [name, value] of Object.entries(env ?? {})) {
    if (!ENV_NAME.test(name)) report(field(name), 'is not a valid environment variable name', 'letters, digits, "_", "-" and ".", not starting with a digit');
    const literal = (value as { value?: unknown } | undefined)?.value;
    if (typeof literal === 'string' && hasUserInfo(literal)) {
      report(field(name), 'holds a URL with user info (not shown: it is a credential), which would be written into the SeldonDeployment',
        'the credential in a Secret: EnvValue.fromSecretValue({ secret, key })');
    }
  }
}
