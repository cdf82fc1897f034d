/**
 * Names of the objects the v1 operator creates (SELDON-FACTS §1.12;
 * operator/apis/machinelearning.seldon.io/v1/seldondeployment_types.go@v1.18.2).
 * Every name longer than 63 characters is replaced by `seldon-<md5 hex>`.
 */
import { createHash } from 'crypto';
import { Json } from './operator-config';

/** Annotations the operator reads (`seldondeployment_types.go`). */
export const ANNOTATIONS = {
  separateEngine: 'seldon.io/engine-separate-pod',
  headlessService: 'seldon.io/headless-svc',
  noEngine: 'seldon.io/no-engine',
  noStorageInitializer: 'seldon.io/no-storage-initializer',
  serviceName: 'seldon.io/svc-name',
} as const;

/** Whether `spec.annotations` turn the storage initializer off for Triton: "true" in any case (prepackaged_servers.go). */
export function noStorageInitializerIn(specAnnotations: { readonly [key: string]: unknown } | undefined): boolean {
  const value = specAnnotations?.[ANNOTATIONS.noStorageInitializer];
  return typeof value === 'string' && value.toLowerCase() === 'true';
}

/** Labels the operator sets (`seldondeployment_types.go`). */
export const LABELS = {
  seldonId: 'seldon-deployment-id',
  seldonApp: 'seldon-app',
  seldonAppSvc: 'seldon-app-svc',
  svcOrch: 'seldon-deployment-contains-svcorch',
  shadow: 'seldon.io/shadow',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;

export const ENGINE_CONTAINER = 'seldon-container-engine';
export const PODINFO_VOLUME = 'seldon-podinfo';
export const PODINFO_PATH = '/etc/podinfo';

function hashed(name: string): string {
  return name.length > 63 ? `seldon-${createHash('md5').update(name).digest('hex')}` : name;
}

/** `GetSeldonDeploymentName`: the value of the `seldon-deployment-id` label. */
export function seldonId(sdep: Json): string {
  return hashed(sdep.metadata?.name ?? '');
}

/** `GetDeploymentName`: `<sdep>-<predictor>-<index>-<metadata.name or container names>`. */
export function deploymentName(sdep: Json, predictor: Json, componentSpec: Json, index: number): string {
  const base = `${sdep.metadata?.name ?? ''}-${predictor.name}-${index}-`;
  const metadataName: string | undefined = componentSpec.metadata?.name;
  const suffix = metadataName ? metadataName : (componentSpec.spec?.containers ?? []).map((c: Json) => c.name).join('-');
  return hashed(base + suffix);
}

/** `GetContainerServiceName`. */
export function containerServiceName(sdep: Json, predictor: Json, container: string): string {
  return hashed(`${sdep.metadata?.name ?? ''}-${predictor.name}-${container}`);
}

/** `GetPredictorKey`: the predictor's Service, or the `seldon.io/svc-name` annotation verbatim. */
export function predictorServiceName(sdep: Json, predictor: Json): string {
  const custom = predictor.annotations?.[ANNOTATIONS.serviceName];
  return custom !== undefined ? custom : hashed(`${sdep.metadata?.name ?? ''}-${predictor.name}`);
}

/** `GetServiceOrchestratorName`. */
export function serviceOrchestratorName(sdep: Json, predictor: Json): string {
  return hashed(`${sdep.metadata?.name ?? ''}-${predictor.name}-svc-orch`);
}

/** `GetAnnotation`: `spec.annotations` first, then the object's annotations (controller_utils.go). */
export function sdepAnnotation(sdep: Json, key: string, fallback: string): string {
  return sdep.spec?.annotations?.[key] ?? sdep.metadata?.annotations?.[key] ?? fallback;
}

/** `GetExplainerDeploymentName`, also the explainer container's default name (seldondeployment_explainers.go). */
export function explainerDeploymentName(sdepName: string, predictorName: string): string {
  return hashed(`${sdepName}-${predictorName}-explainer`);
}
