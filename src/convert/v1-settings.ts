/**
 * The production settings of a SeldonDeployment and its predictors as props:
 * `spec.transport`/`serverType`/`replicas`, the executor annotations the
 * library types (`seldon.io/rest-timeout`, ... as `Duration` and `Size`),
 * and per predictor `progressDeadlineSeconds`, `ssl` and the executor's
 * `svcOrchSpec` env and replicas. A value with no exact typed form stays a
 * plain annotation or is left to a patch.
 */
import { Expr, get, lit, ref, staticCall } from './code';
import { Scope } from './scope';
import { envExpr, sizeExpr, stringMap } from './values';
import { isObject, Json } from '../graph/manifests';
import { SETTING_ANNOTATIONS } from '../v1/deployment-annotations';
import { ServerType, Transport } from '../v1/deployment-settings';

type Entry = [string, Expr | undefined];

const WHOLE = /^[1-9][0-9]{0,9}$/;

function enumExpr(enumName: string, values: Record<string, string>, value: unknown): Expr | undefined {
  const member = Object.keys(values).find(k => values[k] === value);
  return member ? get(ref(enumName), member) : undefined;
}

/** True when the deployment runs its executor in a pod of its own. */
export function separateEnginePod(spec: Json): boolean {
  return isObject(spec.annotations) && spec.annotations[SETTING_ANNOTATIONS.separateEnginePod] === 'true';
}

/** The props of `DeploymentSettingsProps` (and `annotations`) for `spec`. */
export function deploymentSettings(spec: Json): Entry[] {
  const annotations = stringMap(spec.annotations) ? { ...spec.annotations as Record<string, string> } : undefined;
  const typed: Entry[] = [];
  const take = (prop: string, key: string, expr: (value: string) => Expr | undefined) => {
    const value = annotations?.[key];
    if (value === undefined) return;
    const e = expr(value);
    if (!e) return;
    typed.push([prop, e]);
    delete annotations![key];
  };
  const millis = (v: string) => (WHOLE.test(v) ? staticCall('Duration', 'millis', lit(Number(v))) : undefined);
  take('restTimeout', SETTING_ANNOTATIONS.restTimeout, millis);
  take('grpcTimeout', SETTING_ANNOTATIONS.grpcTimeout, millis);
  // Size has no byte factory: a count that is no whole KiB is an exact fraction of one (bytes / 1024 is exact below 2^31).
  take('grpcMaxMessageSize', SETTING_ANNOTATIONS.grpcMaxMessageSize, v => (WHOLE.test(v) ? sizeExpr(Number(v)) ?? staticCall('Size', 'kibibytes', lit(Number(v) / 1024)) : undefined));
  take('separateEnginePod', SETTING_ANNOTATIONS.separateEnginePod, v => (v === 'true' ? lit(true) : undefined));
  take('loggerQueueSize', SETTING_ANNOTATIONS.loggerQueueSize, v => (WHOLE.test(v) ? lit(Number(v)) : undefined));
  take('loggerWriteTimeout', SETTING_ANNOTATIONS.loggerWriteTimeout, millis);
  // A typed setting the props cannot say (e.g. "false") must not stay among the plain annotations, which the library rejects.
  const untyped = Object.values(SETTING_ANNOTATIONS).some(k => annotations?.[k] !== undefined);
  return [
    ['transport', enumExpr('Transport', Transport as any, spec.transport)],
    ['serverType', enumExpr('ServerType', ServerType as any, spec.serverType)],
    ...typed,
    ['annotations', annotations && !untyped && Object.keys(annotations).length ? lit(annotations) : undefined],
  ];
}

/** The props of `PredictorDeploymentProps` for predictor `p`. */
export function predictorSettings(p: Json, scope: Scope, separate: boolean): Entry[] {
  const deadline = p.progressDeadlineSeconds;
  const svc = isObject(p.svcOrchSpec) ? p.svcOrchSpec : {};
  const ssl = isObject(p.ssl) && typeof p.ssl.certSecretName === 'string' ? p.ssl.certSecretName : undefined;
  return [
    ['progressDeadline', typeof deadline === 'number' && Number.isInteger(deadline) && deadline > 0 ? staticCall('Duration', 'seconds', lit(deadline)) : undefined],
    ['sslCertificate', ssl ? scope.external('Secret', 'fromSecretName', ssl, 'secret') : undefined],
    ['engineEnv', envExpr(svc.env, scope)],
    // Only the separate executor Deployment reads svcOrchSpec.replicas; the library rejects it otherwise.
    ['engineReplicas', separate && typeof svc.replicas === 'number' ? lit(svc.replicas) : undefined],
  ];
}
