import { show } from '../errors';
import { SETTING_ANNOTATIONS } from './deployment-annotations';
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

/**
 * A predictor's own executor annotations: a value the executor cannot parse as a positive int32 makes it exit at
 * start (executor/cmd/executor/main.go log.Fatalf on the REST client's and gRPC server's errors) or, for the gRPC
 * timeout, is dropped; a value beside the deployment's typed setting replaces it for this predictor without a word.
 */
export function executorAnnotationProblems(p: PredictorProps, settings: DeploymentSettingsProps, field: (f: string) => string, report: Report): void {
  const maps: Array<[string, { [key: string]: string } | undefined]> = [['annotations', p.annotations], ['podAnnotations', p.podAnnotations]];
  for (const [where, map] of maps) {
    if (map === undefined || map === null || typeof map !== 'object') continue;
    for (const [prop, key] of EXECUTOR_READS) {
      if (!Object.prototype.hasOwnProperty.call(map, key)) continue;
      const value = map[key];
      const at = field(`${where}[${show(key)}]`);
      if (typeof value !== 'string' || !/^[1-9][0-9]*$/.test(value) || Number(value) > INT32_MAX) {
        // rest/client.go and grpc/server.go return the parse error, which main.go makes fatal; grpc/client.go logs it and goes on without a timeout.
        const outcome = prop === 'grpcTimeout' ? 'ignores it (logging the parse error), so calls get no timeout' : 'exits at start on anything else';
        report(at, `${show(value)} is not a number the executor reads; it parses the annotation as an integer and ${outcome}`,
          'a whole number from 1 to 2147483647, as a string (milliseconds for the timeouts, bytes for the message size)');
      } else if (settings.separateEnginePod === true) {
        report(at, 'would be lost: with separateEnginePod the executor runs in a pod of its own, which gets only its prometheus annotations (seldondeployment_engine.go)',
          'either separateEnginePod or this annotation');
      } else if (settings[prop] !== undefined) {
        report(at, `would replace the deployment's ${prop} for this predictor's executor (the pod's annotation is the one it reads)`,
          `either the deployment's ${prop} or this annotation, not both`);
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
export function noEngineProblems(p: PredictorProps, settings: DeploymentSettingsProps, field: (f: string) => string, report: Report): void {
  const flag = p.annotations?.[NO_ENGINE];
  if (typeof flag !== 'string' || flag.toLowerCase() !== 'true') return;
  const lost: string[] = [];
  if (p.engineResources !== undefined) lost.push('engineResources');
  if (p.engineEnv !== undefined) lost.push('engineEnv');
  if (p.engineReplicas !== undefined) lost.push('engineReplicas');
  if (p.graph?._spec?.logger !== undefined) lost.push('the graph\'s logger');
  for (const prop of ['restTimeout', 'grpcTimeout', 'grpcMaxMessageSize', 'loggerQueueSize', 'loggerWriteTimeout', 'separateEnginePod'] as const) {
    if (settings[prop] !== undefined && settings[prop] !== false) lost.push(`the deployment's ${prop}`);
  }
  if (lost.length === 0) return;
  report(field(`annotations[${show(NO_ENGINE)}]`), `runs the predictor without the executor, so ${lost.join(', ')} would be lost: only the executor acts on ${lost.length === 1 ? 'it' : 'them'}`,
    `either ${NO_ENGINE}, or the executor's settings`);
}
