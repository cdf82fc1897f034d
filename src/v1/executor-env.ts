/**
 * The executor's environment: what the operator sets on it, and the names
 * `seldon.io/engine-<name>` annotations of a SeldonDeployment become
 * (controller_utils.go GetEngineEnvAnnotations, seldondeployment_engine.go,
 * v1.18.2). The operator adds a predictor's `engineEnv` and those
 * annotations after its own variables, and Kubernetes keeps the last value
 * of a repeated name.
 */
import { ENV_NAME } from '../k8s/env';
import { ANNOTATIONS } from './operator/names';

/**
 * What the operator sets on the executor (createEngineContainer) that a later value must not replace: its graph.
 * (`REQUEST_LOGGER_DEFAULT_ENDPOINT`, which it sets too, is a default a later value may override on purpose.)
 */
export const EXECUTOR_ENV: readonly string[] = ['ENGINE_PREDICTOR'];
export const EXECUTOR_ENV_PROBLEM = 'is set by the operator on the executor to the predictor\'s graph; a second value after it is the one '
  + 'Kubernetes keeps, so the executor would run another graph (seldondeployment_engine.go)';
export const EXECUTOR_ENV_ACCEPTED = 'other names (the graph is the predictor\'s)';

const ENGINE_PREFIX = 'seldon.io/engine-';
const NOT_ENV = ANNOTATIONS.separateEngine;

/** The executor variable a `spec.annotations` key becomes, if it becomes one: `seldon.io/engine-log-level` → `LOG_LEVEL`. */
export function engineEnvName(annotation: string): string | undefined {
  if (!annotation.startsWith(ENGINE_PREFIX) || annotation === NOT_ENV) return undefined;
  return annotation.slice(ENGINE_PREFIX.length).replace(/-/g, '_').toUpperCase();
}

/** Why the variable an annotation becomes cannot be set, if it cannot: [problem, accepted]. */
export function engineEnvAnnotationProblem(annotation: string): [string, string] | undefined {
  const name = engineEnvName(annotation);
  if (name === undefined) return undefined;
  if (!ENV_NAME.test(name)) {
    return [`becomes the executor variable ${JSON.stringify(name)}, which is not an environment variable name (GetEngineEnvAnnotations)`,
      'seldon.io/engine-<name> where <name> does not start with a digit'];
  }
  return EXECUTOR_ENV.includes(name) ? [`becomes the executor variable ${name}, which ${EXECUTOR_ENV_PROBLEM}`, EXECUTOR_ENV_ACCEPTED] : undefined;
}
