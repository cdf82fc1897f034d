import { show } from '../errors';
import { SETTING_ANNOTATIONS } from './deployment-annotations';
import { DeploymentSettingsProps } from './deployment-settings';
import { PredictorProps } from './predictor';
import { INT32_MAX } from '../k8s/int32';
import { ANNOTATIONS } from './operator/names';

type Report = (field: string, problem: string, accepted: string) => void;

/**
 * The annotations the executor reads from its own pod (executor/k8s/annotation.go, through the downward API), with
 * the typed deployment setting each one is: the operator writes `spec.annotations`, then the predictor's
 * `annotations`, then its componentSpec's metadata annotations into the pod template
 * (seldondeployment_controller.go createDeploymentWithoutEngine), so the last one set wins for that predictor.
 */
const EXECUTOR_READS: ReadonlyArray<readonly [keyof DeploymentSettingsProps, string]> = [
  ['restTimeout', SETTING_ANNOTATIONS.restTimeout],
  ['grpcTimeout', SETTING_ANNOTATIONS.grpcTimeout],
  ['grpcMaxMessageSize', SETTING_ANNOTATIONS.grpcMaxMessageSize],
];

/** The range strconv gives each annotation: ParseInt(v, 10, 32) for the REST timeout and message size, Atoi (64 bits) for the gRPC timeout. */
function parsesAs(prop: keyof DeploymentSettingsProps, value: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(value)) return false;
  const n = BigInt(value);
  const max = prop === 'grpcTimeout' ? 2n ** 63n - 1n : BigInt(INT32_MAX);
  return n <= max && n >= -max - 1n;
}

/**
 * The gRPC timeouts the executor's client can keep: it sets a deadline of `time.Millisecond * n` on every call to a
 * node for any value Atoi parses, with no guard for 0 or less (executor/api/grpc/client.go AddClientInterceptors), so
 * such a deadline has passed before the call starts; above this the product overflows int64 nanoseconds and wraps.
 */
const GRPC_TIMEOUT_MAX_MS = 9_223_372_036_854n;
function grpcTimeoutKept(value: string): boolean {
  const n = BigInt(value);
  return n >= 1n && n <= GRPC_TIMEOUT_MAX_MS;
}

/**
 * A predictor's own executor annotations: a value strconv cannot parse makes the executor exit at start
 * (executor/cmd/executor/main.go log.Fatalf on the REST client's and gRPC server's errors) or, for the gRPC timeout,
 * is dropped; an empty value leaves the executor's default, and so does one of 0 or less except for the gRPC timeout,
 * which the executor applies as it is (`grpcTimeoutKept`). With a separate executor pod none
 * of them reaches the executor. (A predictor's value beside the deployment's typed one is a per-predictor setting:
 * the deployment's still sets the gateway's timeout, ambassador/v2.go.)
 */
export function executorAnnotationProblems(p: PredictorProps, settings: DeploymentSettingsProps, field: (f: string) => string, report: Report): void {
  if (p.annotations == null && p.podAnnotations == null) return;
  const maps: Array<[string, { [key: string]: string } | undefined]> = [['annotations', p.annotations], ['podAnnotations', p.podAnnotations]];
  for (const [where, map] of maps) {
    if (map === undefined || map === null || typeof map !== 'object') continue;
    for (const [prop, key] of EXECUTOR_READS) {
      if (!Object.prototype.hasOwnProperty.call(map, key)) continue;
      const value = map[key];
      const at = field(`${where}[${show(key)}]`);
      if (typeof value !== 'string' || (value !== '' && !parsesAs(prop, value))) {
        // rest/client.go and grpc/server.go return the parse error, which main.go makes fatal; grpc/client.go logs it and goes on without a timeout.
        const outcome = prop === 'grpcTimeout' ? 'ignores it (logging the parse error), so calls get no timeout' : 'exits at start on anything else';
        report(at, `${show(value)} is not a number the executor reads; it parses the annotation as an integer and ${outcome}`,
          `a whole number, as a string (milliseconds for the timeouts, bytes for the message size), up to ${prop === 'grpcTimeout' ? '2^63-1' : '2147483647'}`);
      } else if (settings.separateEnginePod === true) {
        report(at, 'would be lost: with separateEnginePod the executor runs in a pod of its own, which gets only its prometheus annotations (seldondeployment_engine.go)',
          'either separateEnginePod or this annotation');
      } else if (prop === 'grpcTimeout' && value !== '' && !grpcTimeoutKept(value)) {
        report(at, `${show(value)} would make every gRPC call the executor sends to a node fail: it sets a deadline of that many milliseconds on each `
          + 'call for any whole number (executor/api/grpc/client.go), and one of 0 or less has passed before the call starts, one above 9223372036854 overflows',
        `a whole number of milliseconds from 1 to ${GRPC_TIMEOUT_MAX_MS}, as a string; without the annotation calls have no timeout`);
      }
    }
  }
}

/** The predictor annotation that runs a one-node graph without the executor (types.go ANNOTATION_NO_ENGINE). */
const NO_ENGINE = ANNOTATIONS.noEngine;

/** Values of no-engine that read as "yes"; the operator acts only on "true" in any case, with nothing around it. */
const TRUE_LOOKING = /^\s*(true|t|y|yes|on|1|enabled?)\s*$/i;

/** Whether the predictor sets the executor annotation `key` itself, on the predictor or its pods. */
function setsOwn(p: PredictorProps, key: string): boolean {
  return p.annotations?.[key] !== undefined || p.podAnnotations?.[key] !== undefined;
}

/** Whether the operator runs the predictor without the executor (`strings.ToLower(v) == "true"`, controller.go). */
export function runsWithoutExecutor(p: PredictorProps): boolean {
  const flag = p.annotations?.[NO_ENGINE];
  return typeof flag === 'string' && flag.toLowerCase() === 'true';
}

/**
 * Settings that only the executor acts on, given to a predictor that runs without one: with `seldon.io/no-engine`
 * "true" the operator creates no executor container or Deployment (seldondeployment_controller.go, `if !noEngine`),
 * so they would be lost.
 */
export function noEngineProblems(p: PredictorProps, field: (f: string) => string, report: Report): void {
  const flag = p.annotations?.[NO_ENGINE];
  if (typeof flag === 'string' && TRUE_LOOKING.test(flag) && !runsWithoutExecutor(p)) {
    report(field(`annotations[${show(NO_ENGINE)}]`), `${show(flag)} keeps the executor: the operator runs a predictor without one only for "true" (in any case; seldondeployment_controller.go)`,
      '"true" to run the predictor without the executor, or leave the annotation out');
  }
  if (!runsWithoutExecutor(p)) return;
  const lost: string[] = [];
  if (p.engineResources !== undefined) lost.push('engineResources');
  if (p.engineEnv !== undefined) lost.push('engineEnv');
  if (p.engineReplicas !== undefined) lost.push('engineReplicas');
  if (p.graph?._spec?.logger !== undefined) lost.push('the graph\'s logger');
  // The deployment's settings are not this predictor's to lose: the others keep their executors (no-engine is per
  // predictor, controller.go), and Ambassador reads the timeouts for this predictor's Service too (ambassador/v2.go).
  for (const key of EXECUTOR_READS.map(([, k]) => k)) {
    if (setsOwn(p, key)) lost.push(`its ${key} annotation`);
  }
  if (lost.length === 0) return;
  report(field(`annotations[${show(NO_ENGINE)}]`), `runs the predictor without the executor, so ${lost.join(', ')} would be lost: only the executor acts on ${lost.length === 1 ? 'it' : 'them'}`,
    `either ${NO_ENGINE}, or the executor's settings`);
}

/**
 * Why a value with "=" loses the executor's settings: the executor reads its pod's annotations from the downward API
 * file, one `key="value"` line each, and splits every line at "=" (executor/k8s/annotation.go getAnnotationMap); a line
 * that does not split in two fails the whole file, and main.go goes on with no annotations at all, so every setting
 * it would read from them is lost. The operator copies `spec.annotations`, the predictor's `annotations` and its
 * `podAnnotations` to the pod (createDeploymentWithoutEngine); not `metadata.annotations`. Checked per
 * predictor and, for the deployment's annotations, across predictors.
 */
const EQUALS_PROBLEM = 'holds "=", and the executor splits each line of its pod\'s annotations file (key="value") at "=" and, on a line '
  + 'that does not split in two, drops every annotation (executor/k8s/annotation.go)';
const EQUALS_ACCEPTED = 'annotation values without "=" on the pods of an executor that reads settings from them; a value with "=" can go '
  + 'in metadata.annotations, which the operator does not copy to pods';

/**
 * What the executor in a predictor's own pod reads from that pod's annotations: the deployment's typed settings
 * and the predictor's own executor annotations, each named by `own` (none with a separate executor pod or none).
 */
function executorReads(p: PredictorProps, settings: DeploymentSettingsProps, own: (key: string) => string): string[] {
  if (settings.separateEnginePod === true || runsWithoutExecutor(p)) return [];
  const reads: string[] = [];
  for (const [prop, key] of EXECUTOR_READS) {
    if (settings[prop] !== undefined) reads.push(`the deployment's ${prop}`);
    else if (setsOwn(p, key)) reads.push(own(key));
  }
  return reads;
}

/** Each value of `map` that holds "=", with its key (none when `map` is not a map: other checks report that). */
function valuesWithEquals(map: unknown): Array<[string, string]> {
  if (map == null || typeof map !== 'object' || Array.isArray(map)) return [];
  return Object.entries(map as { [key: string]: unknown })
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].includes('='));
}

/** The predictor's own annotations and podAnnotations with "=" in their value, where its pod's executor reads settings. */
export function equalsInPodAnnotationProblems(p: PredictorProps, settings: DeploymentSettingsProps, field: (f: string) => string,
  report: Report): void {
  if (p.annotations == null && p.podAnnotations == null) return;
  const reads = executorReads(p, settings, key => `its ${key} annotation`);
  if (reads.length === 0) return;
  for (const where of ['annotations', 'podAnnotations'] as const) {
    for (const [key, value] of valuesWithEquals(p[where])) {
      report(field(`${where}[${show(key)}]`), `${show(value)} ${EQUALS_PROBLEM}, so ${reads.join(', ')} would be lost`, EQUALS_ACCEPTED);
    }
  }
}

/** The deployment's own annotations with "=" in their value: they reach the pod of every predictor, so each is reported once. */
export function equalsInDeploymentAnnotationProblems(predictors: readonly PredictorProps[], settings: DeploymentSettingsProps, report: Report): void {
  const found = valuesWithEquals(settings.annotations);
  if (found.length === 0) return;
  const reads = new Set(predictors.flatMap(p => executorReads(p, settings, key => `the ${key} annotation of predictor ${show(p.name)}`)));
  if (reads.size === 0) return;
  for (const [key, value] of found) {
    report(`annotations[${show(key)}]`, `${show(value)} ${EQUALS_PROBLEM}, so ${[...reads].join(', ')} would be lost`, EQUALS_ACCEPTED);
  }
}
