/**
 * The operator's environment-variable helpers, reproduced with their quirks
 * (operator/utils/utils.go@v1.18.2 `SetEnvVar`, `HasEnvVar`).
 */
import { Json } from './operator-config';

/**
 * `SetEnvVar(envs, v, override)`. With `override` a variable already present
 * is replaced in place (the last one of that name). Without it, a variable
 * already present makes the function return an EMPTY list: the container
 * loses its whole environment (SELDON-FACTS §1.6.1, the SetEnvVar trap).
 */
export function setEnvVar(env: Json[] | undefined, variable: Json, override: boolean): Json[] {
  const list = env ?? [];
  const index = list.map(e => e.name).lastIndexOf(variable.name);
  if (index < 0) return [...list, variable];
  if (override) return [...list.slice(0, index), variable, ...list.slice(index + 1)];
  return [];
}

/** `HasEnvVar`. */
export function hasEnvVar(env: Json[] | undefined, name: string): boolean {
  return (env ?? []).some(e => e.name === name);
}

/** Go's `json.Marshal` of `[]Parameter`: keys name, value, type; `<`, `>`, `&` escaped. */
export { parametersJson } from '../parameters-json';
