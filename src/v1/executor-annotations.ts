import { show } from '../errors';
import { EQUALS_ACCEPTED, EQUALS_PROBLEM, SETTING_ANNOTATIONS } from './deployment-annotations';
import { DeploymentSettingsProps } from './deployment-settings';
import { PredictorProps } from './predictor';
import { INT32_MAX } from '../k8s/int32';

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
 * A predictor's own executor annotations: a value strconv cannot parse makes the executor exit at start
 * (executor/cmd/executor/main.go log.Fatalf on the REST client's and gRPC server's errors) or, for the gRPC timeout,
 * is dropped; an empty value, or one of 0 or less, leaves the executor's default. With a separate executor pod none
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
      }
    }
  }
}

/** The predictor annotation that runs a one-node graph without the executor (types.go ANNOTATION_NO_ENGINE). */
const NO_ENGINE = 'seldon.io/no-engine';

/**
 * Settings that only the executor acts on, given to a predictor that runs without one: with `seldon.io/no-engine`
 * "true" the operator creates no executor container or Deployment (seldondeployment_controller.go, `if !noEngine`),
 * so they would be lost.
 */
export function noEngineProblems(p: PredictorProps, field: (f: string) => string, report: Report): void {
  const flag = p.annotations?.[NO_ENGINE];
  if (typeof flag !== 'string' || flag.toLowerCase() !== 'true') return;
  const lost: string[] = [];
  if (p.engineResources !== undefined) lost.push('engineResources');
  if (p.engineEnv !== undefined) lost.push('engineEnv');
  if (p.engineReplicas !== undefined) lost.push('engineReplicas');
  if (p.graph?._spec?.logger !== undefined) lost.push('the graph\'s logger');
  // The deployment's settings are not this predictor's to lose: the others keep their executors (no-engine is per
  // predictor, controller.go), and Ambassador reads the timeouts for this predictor's Service too (ambassador/v2.go).
  for (const key of EXECUTOR_READS.map(([, k]) => k)) {
    if (p.annotations?.[key] !== undefined || p.podAnnotations?.[key] !== undefined) lost.push(`its ${key} annotation`);
  }
  if (lost.length === 0) return;
  report(field(`annotations[${show(NO_ENGINE)}]`), `runs the predictor without the executor, so ${lost.join(', ')} would be lost: only the executor acts on ${lost.length === 1 ? 'it' : 'them'}`,
    `either ${NO_ENGINE}, or the executor's settings`);
}

/** The predictor's own annotations with "=" in their value, where its pod's executor reads settings from them. */
export function equalsInPodAnnotationProblems(p: PredictorProps, settings: DeploymentSettingsProps, field: (f: string) => string,
  report: Report): void {
  if (settings.separateEnginePod === true) return;
  const flag = p.annotations?.[NO_ENGINE];
  if (typeof flag === 'string' && flag.toLowerCase() === 'true') return;
  const reads: string[] = [];
  for (const [prop, key] of EXECUTOR_READS) {
    if (settings[prop] !== undefined) reads.push(`the deployment's ${prop}`);
    else if (p.annotations?.[key] !== undefined || p.podAnnotations?.[key] !== undefined) reads.push(`its ${key} annotation`);
  }
  if (reads.length === 0) return;
  const lost = `, so ${reads.join(', ')} would be lost`;
  for (const [where, map] of [['annotations', p.annotations], ['podAnnotations', p.podAnnotations]] as const) {
    if (map == null || typeof map !== 'object') continue;
    for (const key of Object.keys(map)) {
      const value = map[key];
      if (typeof value === 'string' && value.includes('=')) report(field(`${where}[${show(key)}]`), `${show(value)} ${EQUALS_PROBLEM}${lost}`, EQUALS_ACCEPTED);
    }
  }
  // The deployment's own annotations reach this pod too; with its typed settings set they are reported with them.
  const own = reads.filter(r => r.startsWith('its '));
  if (own.length === 0 || reads.length !== own.length || settings.annotations == null || typeof settings.annotations !== 'object') return;
  for (const key of Object.keys(settings.annotations)) {
    const value = settings.annotations[key];
    if (typeof value === 'string' && value.includes('=')) {
      report(field('annotations'), `the deployment's annotations[${show(key)}] ${show(value)} ${EQUALS_PROBLEM}, so ${own.join(', ')} would be lost`, EQUALS_ACCEPTED);
    }
  }
}
