/**
 * Where Seldon's v1.18.2 operator reads its `seldon.io/*` annotations, and how it parses the values it parses. It
 * reads some only from a predictor's `annotations`, some only from the SeldonDeployment's `spec.annotations`, and
 * the rest from `spec.annotations` and then the object's `metadata.annotations` (controller_utils.go GetAnnotation).
 * One written at a level the operator does not read does nothing, without a word from Seldon.
 */
import { show } from '../errors';
import { SETTING_ANNOTATIONS } from './deployment-annotations';
import { DeploymentSettingsProps } from './deployment-settings';
import { engineEnvName } from './executor-env';
import { FieldProblem } from './field-problem';
import { isInt64Text } from '../go-strconv';
import { ANNOTATIONS } from './operator/names';

/** Read from a predictor's annotations only (seldondeployment_controller.go `p.Annotations[no-engine]`, types.go GetPredictorKey). */
const PREDICTOR_ONLY: readonly string[] = [ANNOTATIONS.noEngine, ANNOTATIONS.serviceName];
/** Read from `spec.annotations` only (types.go HasSeparateEnginePod, prepackaged_servers.go, GetEngineEnvAnnotations). */
const SPEC_ONLY: readonly string[] = [ANNOTATIONS.separateEngine, ANNOTATIONS.noStorageInitializer];
/** Read through GetAnnotation: the gateways' (istio.go, ambassador/*.go), the headless Service, the executor's logger flags. */
const DEPLOYMENT_READ = /^seldon\.io\/(istio-|ambassador-|headless-svc$|executor-logger-)/;
/** Read by the executor from its pod, to which the operator copies a predictor's annotations (executor-annotations.ts). */
const EXECUTOR_POD: readonly string[] = [SETTING_ANNOTATIONS.restTimeout, SETTING_ANNOTATIONS.grpcTimeout, SETTING_ANNOTATIONS.grpcMaxMessageSize];

/**
 * The values the operator parses with strconv.Atoi when Istio or Ambassador is enabled, failing the reconcile on any
 * other (seldondeployment_controller.go createIstioResources; ambassador/v1.go, v2.go), and whether "" means unset.
 */
const ISTIO_RETRIES = 'seldon.io/istio-retries';
const ISTIO = 'createIstioResources';
const AMBASSADOR = 'ambassador/v1.go, v2.go';
const ATOI: ReadonlyArray<readonly [key: string, emptyIsUnset: boolean, where: string]> = [
  [ISTIO_RETRIES, true, ISTIO],
  // parsed only when istio-retries is set and not empty (seldondeployment_controller.go createIstioResources)
  ['seldon.io/istio-retries-timeout', false, ISTIO],
  ['seldon.io/ambassador-retries', false, AMBASSADOR],
  ['seldon.io/ambassador-circuit-breakers-max-connections', true, AMBASSADOR],
  ['seldon.io/ambassador-circuit-breakers-max-pending-requests', true, AMBASSADOR],
  ['seldon.io/ambassador-circuit-breakers-max-requests', true, AMBASSADOR],
  ['seldon.io/ambassador-circuit-breakers-max-retries', true, AMBASSADOR],
];
/** Values of headless-svc that read as "no" but are not exactly "false", which alone keeps the cluster IP. */
const FALSE_LOOKING = /^(|f|false|n|no|off|0)$/i;
const HEADLESS = ANNOTATIONS.headlessService;
const PREDICTOR_ACCEPTED = 'the predictor\'s annotations (a predictor\'s `annotations`; PrepackagedModel: `predictorAnnotations`)';

type Annotations = { readonly [key: string]: string } | undefined;

function has(map: Annotations, key: string): map is { readonly [key: string]: string } {
  return map !== undefined && map !== null && typeof map === 'object' && Object.prototype.hasOwnProperty.call(map, key);
}

/**
 * The deployment's annotations (`spec.annotations`, and `metadata.annotations` where the operator falls back to them):
 * keys it reads only from a predictor, and the values it parses, as GetAnnotation finds them.
 */
export function deploymentAnnotationProblems(spec: Annotations, metadata: Annotations): FieldProblem[] {
  const found: FieldProblem[] = [];
  if (spec == null && metadata == null) return found;
  for (const [where, map] of [['annotations', spec], ['metadata.annotations', metadata]] as const) {
    for (const key of PREDICTOR_ONLY) {
      if (has(map, key)) {
        found.push({ field: `${where}[${show(key)}]`, problem: 'is read by the operator only from a predictor\'s annotations, so here it does nothing', accepted: PREDICTOR_ACCEPTED });
      }
    }
  }
  // GetAnnotation: spec.annotations, and metadata.annotations only for a key spec.annotations lacks.
  const read = (key: string): [string, unknown] | undefined =>
    has(spec, key) ? [`annotations[${show(key)}]`, spec[key]] : has(metadata, key) ? [`metadata.annotations[${show(key)}]`, metadata[key]] : undefined;
  const retries = read(ISTIO_RETRIES)?.[1];
  for (const [key, emptyIsUnset, where] of ATOI) {
    if (where === ISTIO && key !== ISTIO_RETRIES && (retries === undefined || retries === '')) continue;
    const at = read(key);
    if (at === undefined || (emptyIsUnset && at[1] === '') || (typeof at[1] === 'string' && isInt64Text(at[1]))) continue;
    found.push({
      field: at[0],
      problem: `${show(at[1])} is not a whole number: the operator parses it with strconv.Atoi and, with ${where === ISTIO ? 'Istio' : 'Ambassador'} enabled, `
        + `fails every reconcile of the SeldonDeployment on anything else (${where})`,
      accepted: emptyIsUnset ? 'a whole number, e.g. "3", or leave it out' : 'a whole number, e.g. "3"',
    });
  }
  const headless = read(HEADLESS);
  if (headless !== undefined && headless[1] !== 'false' && (typeof headless[1] !== 'string' || FALSE_LOOKING.test(headless[1]))) {
    found.push({
      field: headless[0],
      problem: `${show(headless[1])} makes the predictors' Services headless: the operator gives them clusterIP None for any value but exactly "false" `
        + '(seldondeployment_controller.go)',
      accepted: '"false" for Services with a cluster IP, "true" for headless ones',
    });
  }
  return found;
}

/** The typed setting of a spec annotation, if it has one. */
function typedSetting(key: string): string | undefined {
  return (Object.entries(SETTING_ANNOTATIONS) as Array<[keyof DeploymentSettingsProps, string]>).find(([, k]) => k === key)?.[0];
}

/**
 * A predictor's annotations that the operator reads only from the SeldonDeployment: each is copied to the
 * predictor's pods and Services and otherwise does nothing. `field` names a key's field.
 */
export function predictorAnnotationProblems(annotations: Annotations, field: (key: string) => string,
  report: (field: string, problem: string, accepted: string) => void): void {
  if (annotations === undefined || annotations === null || typeof annotations !== 'object') return;
  for (const key of Object.keys(annotations)) {
    if (!key.startsWith('seldon.io/') || EXECUTOR_POD.includes(key) || PREDICTOR_ONLY.includes(key)) continue;
    const env = engineEnvName(key);
    if (!SPEC_ONLY.includes(key) && env === undefined && !DEPLOYMENT_READ.test(key)) continue;
    const typed = typedSetting(key);
    report(field(key), `is read by the operator only from the SeldonDeployment's ${SPEC_ONLY.includes(key) || env !== undefined ? 'spec.annotations' : 'annotations'}`
      + `${env !== undefined ? ` (there it becomes the executor variable ${env})` : ''}, so on a predictor it does nothing`,
    typed ? `the ${typed} prop of the SeldonDeployment` : 'the SeldonDeployment\'s annotations (all its predictors)');
  }
}
