import { ApiObjectMetadata, Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { show } from '../errors';
import { DeploymentSettingsProps, ServerType, Transport } from './deployment-settings';
import { engineEnvAnnotationProblem, engineEnvName } from './executor-env';
import { FieldProblem } from './field-problem';
import { LOGGER_ENDPOINT_ENV, LOGGER_URL_ACCEPTED, loggerUrlProblem } from './logger-url';
import { showDuration, wholeDuration } from '../k8s/duration';
import { INT32_COUNT, INT32_MAX, isInt32Count } from '../k8s/int32';
import { annotationKeyProblem, LABEL_KEY_ACCEPTED } from '../k8s/labels';
import { ANNOTATIONS } from './operator/names';

/** The annotation of each typed setting. */
export const SETTING_ANNOTATIONS = {
  restTimeout: 'seldon.io/rest-timeout',
  grpcTimeout: 'seldon.io/grpc-timeout',
  grpcMaxMessageSize: 'seldon.io/grpc-max-message-size',
  separateEnginePod: ANNOTATIONS.separateEngine,
  loggerQueueSize: 'seldon.io/executor-logger-queue-size',
  loggerWriteTimeout: 'seldon.io/executor-logger-write-timeout-ms',
} as const;

const TRANSPORTS: readonly string[] = Object.values(Transport);
const SERVER_TYPES: readonly string[] = Object.values(ServerType);
const SETTINGS = Object.entries(SETTING_ANNOTATIONS);
/** The settings the operator reads through GetAnnotation (the gateway's timeouts, the executor's logger flags), which falls back to metadata.annotations. */
const READ_FROM_METADATA = SETTINGS.filter(([prop]) => ['restTimeout', 'grpcTimeout', 'loggerQueueSize', 'loggerWriteTimeout'].includes(prop));

function bytes(size: Size): number | undefined {
  if (size === null || typeof size !== 'object' || typeof (size as Size).toKibibytes !== 'function') return undefined;
  const n = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024;
  return Number.isInteger(n) ? n : undefined;
}

/** The checks of the settings; the executor parses these annotations as int32 (executor/api/rest/client.go, grpc/server.go). */
export function deploymentSettingsProblems(
  s: DeploymentSettingsProps & { readonly replicas?: number; readonly metadata?: ApiObjectMetadata }): FieldProblem[] {
  const found: FieldProblem[] = [];
  const enumCheck = (field: string, value: string | undefined, values: readonly string[]) => {
    if (value !== undefined && !values.includes(value)) found.push({ field, problem: `${show(value)} is not accepted by the webhook`, accepted: `accepted: ${values.join(', ')}` });
  };
  enumCheck('transport', s.transport, TRANSPORTS);
  enumCheck('serverType', s.serverType, SERVER_TYPES);
  if (s.replicas !== undefined && !isInt32Count(s.replicas)) found.push({ field: 'replicas', problem: `${show(s.replicas)} is not a replica count`, accepted: INT32_COUNT });
  for (const field of ['restTimeout', 'grpcTimeout', 'loggerWriteTimeout'] as const) {
    const d = s[field];
    if (d === undefined) continue;
    const ms = wholeDuration(d, 'milliseconds');
    if (ms === undefined || ms < 1 || ms > INT32_MAX) {
      found.push({ field, problem: `${showDuration(d)} is not a whole number of milliseconds the executor reads`, accepted: 'a Duration of whole milliseconds from 1 ms to 2147483647 ms, e.g. Duration.seconds(10)' });
    }
  }
  if (s.grpcMaxMessageSize !== undefined) {
    const n = bytes(s.grpcMaxMessageSize);
    if (n === undefined || n < 1 || n > INT32_MAX) {
      found.push({ field: 'grpcMaxMessageSize', problem: `${show(s.grpcMaxMessageSize?.asString?.() ?? s.grpcMaxMessageSize)} is not a whole number of bytes the executor reads`, accepted: 'from 1 byte to 2147483647 bytes, e.g. Size.mebibytes(100)' });
    }
  }
  if (s.loggerQueueSize !== undefined && (!isInt32Count(s.loggerQueueSize) || s.loggerQueueSize < 1)) {
    found.push({ field: 'loggerQueueSize', problem: `${show(s.loggerQueueSize)} is not a queue size`, accepted: 'a whole number from 1 to 2147483647' });
  }
  if (s.separateEnginePod !== undefined && typeof s.separateEnginePod !== 'boolean') {
    found.push({ field: 'separateEnginePod', problem: `${show(s.separateEnginePod)} is not a boolean`, accepted: 'true or false' });
  }
  // The executor reads these from its pod's annotations, and a separate executor pod gets only the prometheus ones
  // (seldondeployment_engine.go). The timeouts still set the Ambassador gateway's (ambassador/v2.go); the size does nothing.
  if (s.separateEnginePod === true && s.grpcMaxMessageSize !== undefined) {
    found.push({
      field: 'grpcMaxMessageSize',
      problem: 'would be lost: the executor reads it from its pod\'s annotations, and with separateEnginePod the operator gives the executor\'s pod only its prometheus annotations (seldondeployment_engine.go)',
      accepted: 'either separateEnginePod or grpcMaxMessageSize',
    });
  }
  // The operator reads four settings from spec.annotations and, when that lacks them, from the object's own annotations
  // (controller_utils.go GetAnnotation; ambassador/*.go, seldondeployment_engine.go): there they are typed settings too.
  const own = s.metadata?.annotations;
  if (own !== undefined && own !== null && typeof own === 'object') {
    for (const [prop, key] of READ_FROM_METADATA) {
      if (Object.prototype.hasOwnProperty.call(own, key)) {
        found.push({
          field: `metadata.annotations["${key}"]`,
          problem: `${show(own[key as keyof typeof own])} is a typed setting, which the operator also reads from metadata.annotations (controller_utils.go GetAnnotation)`,
          accepted: `the ${prop} prop`,
        });
      }
    }
  }
  // No annotations (nearly always): nothing below can report (`?? {}` before this guard).
  if (s.annotations === undefined || s.annotations === null) return found;
  const annotations = s.annotations;
  if (typeof annotations !== 'object' || Array.isArray(annotations)) {
    found.push({ field: 'annotations', problem: `${show(annotations)} is not a map`, accepted: 'an object of string values' });
    return found;
  }
  for (const [prop, key] of SETTINGS) {
    if (key in annotations) found.push({ field: `annotations["${key}"]`, problem: 'is a typed setting', accepted: `the ${prop} prop` });
  }
  for (const [key, value] of Object.entries(annotations)) {
    if (typeof value !== 'string') found.push({ field: `annotations["${key}"]`, problem: `${show(value)} is not a string`, accepted: 'string values' });
    // The operator copies them onto every Deployment and pod it makes (createDeploymentWithoutEngine), where the API server checks the keys.
    const keyIssue = annotationKeyProblem(key);
    if (keyIssue) found.push({ field: `annotations[${show(key)}]`, problem: keyIssue, accepted: LABEL_KEY_ACCEPTED });
    const env = engineEnvAnnotationProblem(key);
    if (env) found.push({ field: `annotations[${show(key)}]`, problem: env[0], accepted: env[1] });
    const urlProblem = typeof value === 'string' && engineEnvName(key) === LOGGER_ENDPOINT_ENV ? loggerUrlProblem(value) : undefined;
    if (urlProblem) found.push({ field: `annotations[${show(key)}]`, problem: urlProblem, accepted: LOGGER_URL_ACCEPTED });
  }
  return found;
}

/** `spec.annotations` with the typed settings, or undefined when there are none. */
export function renderSettingAnnotations(s: DeploymentSettingsProps): { [key: string]: string } | undefined {
  const out: { [key: string]: string } = { ...(s.annotations ?? {}) };
  const ms = (d?: Duration) => d === undefined ? undefined : wholeDuration(d, 'milliseconds');
  const put = (key: string, value: number | string | undefined) => { if (value !== undefined) out[key] = String(value); };
  put(SETTING_ANNOTATIONS.restTimeout, ms(s.restTimeout));
  put(SETTING_ANNOTATIONS.grpcTimeout, ms(s.grpcTimeout));
  put(SETTING_ANNOTATIONS.grpcMaxMessageSize, s.grpcMaxMessageSize && bytes(s.grpcMaxMessageSize));
  // The operator tests `strings.ToLower(v) == "true"`; false is left out (types.go).
  if (s.separateEnginePod) out[SETTING_ANNOTATIONS.separateEnginePod] = 'true';
  put(SETTING_ANNOTATIONS.loggerQueueSize, s.loggerQueueSize);
  put(SETTING_ANNOTATIONS.loggerWriteTimeout, ms(s.loggerWriteTimeout));
  return Object.keys(out).length ? out : undefined;
}
