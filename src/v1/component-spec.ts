import { k8s } from 'cdk8s-plus-27';
import { PredictorProps } from './predictor';
import * as sd from '../imports/machinelearning.seldon.io';
import { wholeDuration } from '../k8s/duration';
import { renderEnv } from '../k8s/env';
import { PodSettings } from '../k8s/pod-settings';

/**
 * The predictor's one componentSpec: its pod (when the graph declares
 * containers) with the autoscaler and disruption budget of its Deployment.
 * Without containers but with scaling, the pod spec is empty: the operator
 * appends the prepackaged servers' containers to componentSpecs[0]
 * (defaults.go DefaultSeldonDeployment), so the HPA/PDB apply to them.
 */
export function renderComponentSpecs(predictor: PredictorProps, podSpec: k8s.PodSpec | undefined, settings?: PodSettings, name?: string)
  : sd.SeldonDeploymentSpecPredictorsComponentSpecs[] | undefined {
  const scaling = predictor.autoscaler?._render();
  const budget = predictor.disruptionBudget?._render();
  const fragment = settings?._toPodSpec() ?? {};
  const labels = settings && Object.keys(settings.podLabels).length ? settings.podLabels : undefined;
  const annotations = settings && Object.keys(settings.podAnnotations).length ? settings.podAnnotations : undefined;
  const podFields = Object.keys(fragment).length > 0;
  if (!podSpec && !scaling && !budget && !podFields && !labels && !annotations) return undefined;
  // The pod's own settings, then what the graph declared (explicit mode sets the node's ServiceAccount, checked to agree).
  const spec: k8s.PodSpec = {
    ...fragment,
    ...podSpec,
    serviceAccountName: podSpec?.serviceAccountName ?? fragment.serviceAccountName,
    containers: podSpec?.containers ?? [],
  };
  const pdb = sd.SeldonDeploymentSpecPredictorsComponentSpecsPdbSpecMinAvailable;
  const unavailable = sd.SeldonDeploymentSpecPredictorsComponentSpecsPdbSpecMaxUnavailable;
  const intOrString = <T>(from: { fromNumber(n: number): T; fromString(s: string): T }, v: number | string | undefined) =>
    v === undefined ? undefined : typeof v === 'number' ? from.fromNumber(v) : from.fromString(v);
  return [{
    // Labels and annotations of the componentSpec go on the pods and Deployment (controller.go createDeploymentWithoutEngine);
    // the Deployment is named after its name, if set (types.go GetDeploymentName).
    metadata: labels || annotations || name !== undefined ? { name, labels, annotations } : undefined,
    spec: k8s.toJson_PodSpec(spec),
    hpaSpec: scaling?.hpaSpec,
    kedaSpec: scaling?.kedaSpec,
    pdbSpec: budget && { minAvailable: intOrString(pdb, budget.minAvailable), maxUnavailable: intOrString(unavailable, budget.maxUnavailable) },
  }];
}

/** The predictor's own production fields (PredictorDeploymentProps) besides its componentSpec. */
export function renderPredictorDeployment(predictor: PredictorProps): Partial<sd.SeldonDeploymentSpecPredictors> {
  const env = renderEnv(predictor.engineEnv);
  return {
    progressDeadlineSeconds: predictor.progressDeadline && wholeDuration(predictor.progressDeadline, 'seconds'),
    ssl: predictor.sslCertificate && { certSecretName: predictor.sslCertificate.name },
    svcOrchSpec: env.length || predictor.engineReplicas !== undefined ? {
      env: env.length ? env.map(e => k8s.toJson_EnvVar(e)) : undefined,
      replicas: predictor.engineReplicas,
    } : undefined,
  };
}
