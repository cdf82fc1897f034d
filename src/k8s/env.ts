import { EnvValue, k8s } from 'cdk8s-plus-27';

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
