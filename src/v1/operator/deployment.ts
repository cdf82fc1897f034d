/**
 * The Deployment the v1 operator builds for one componentSpec, with its
 * autoscaler and disruption budget, and the predictor's Service
 * (SELDON-FACTS §1.6.2; operator/controllers/seldondeployment_controller.go@v1.18.2
 * `createDeploymentWithoutEngine`, `createHpa`, `createKeda`, `createPdb`,
 * `createPredictorService`; operator/controllers/labels.go@v1.18.2).
 */
import { ANNOTATIONS, LABELS, PODINFO_VOLUME, sdepAnnotation } from './names';
import { Json, V1OperatorConfig } from './operator-config';

/** The downward-API volume every Seldon pod gets. */
export function podinfoVolume(): Json {
  return { name: PODINFO_VOLUME, downwardAPI: { items: [{ path: 'annotations', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.annotations' } }], defaultMode: 420 } };
}

/** `createDeploymentWithoutEngine`. `componentSpec.spec` is used as the pod spec (a copy). */
export function createDeployment(name: string, id: string, componentSpec: Json, predictor: Json, sdep: Json, config: V1OperatorConfig,
  metricsEnabled = true): Json {
  const labels: Json = { [LABELS.seldonId]: id, app: name, fluentd: 'true' };
  const podLabels: Json = { [LABELS.seldonId]: id, app: name, fluentd: 'true' };
  const annotations: Json = {};
  const podAnnotations: Json = metricsEnabled ? { 'prometheus.io/path': config.prometheusPath, 'prometheus.io/scrape': 'true' } : {};
  if (predictor.shadow === true) podLabels[LABELS.shadow] = 'true';
  for (const source of [sdep.spec?.annotations, predictor.annotations, componentSpec.metadata?.annotations]) {
    Object.assign(annotations, source ?? {});
    Object.assign(podAnnotations, source ?? {});
  }
  for (const source of [predictor.labels, componentSpec.metadata?.labels]) {
    Object.assign(labels, source ?? {});
    Object.assign(podLabels, source ?? {});
  }
  const pod: Json = structuredClone(componentSpec.spec ?? {});
  if (pod.securityContext === undefined && config.defaultUserId !== undefined) pod.securityContext = { runAsUser: config.defaultUserId };
  pod.restartPolicy ||= 'Always';
  pod.dnsPolicy ||= 'ClusterFirst';
  pod.schedulerName ||= 'default-scheduler';
  pod.terminationGracePeriodSeconds ??= 20;
  pod.volumes ??= [];
  if (!pod.volumes.some((v: Json) => v.name === PODINFO_VOLUME)) pod.volumes.push(podinfoVolume());
  pod.containers ??= [];

  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: sdep.metadata.namespace, labels, annotations },
    spec: {
      selector: { matchLabels: { [LABELS.seldonId]: id } },
      template: { metadata: { labels: podLabels, annotations: podAnnotations }, spec: pod },
      // The operator builds maxUnavailable from an IntOrString typed Int with StrVal "10%": it serialises as 0.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } },
      ...(predictor.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: predictor.progressDeadlineSeconds } : {}),
    },
  };
}

/** Replicas, unless an HPA or KEDA object scales the Deployment: componentSpec › predictor › SeldonDeployment. */
export function deploymentReplicas(componentSpec: Json, predictor: Json, sdep: Json): number | undefined {
  if (componentSpec.kedaSpec || componentSpec.hpaSpec) return undefined;
  return componentSpec.replicas ?? predictor.replicas ?? sdep.spec?.replicas;
}

/** `createKeda`, `createHpa` (KEDA wins when both are set), `createPdb`. */
export function scalingObjects(componentSpec: Json, name: string, id: string, namespace: string): Json[] {
  const metadata = { name, namespace, labels: { [LABELS.seldonId]: id } };
  const target = { apiVersion: 'apps/v1', kind: 'Deployment', name };
  const objects: Json[] = [];
  const keda = componentSpec.kedaSpec;
  const hpa = componentSpec.hpaSpec;
  if (keda) {
    objects.push({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata,
      spec: compact({
        pollingInterval: keda.pollingInterval,
        cooldownPeriod: keda.cooldownPeriod,
        idleReplicaCount: keda.idleReplicaCount,
        maxReplicaCount: keda.maxReplicaCount,
        minReplicaCount: keda.minReplicaCount,
        advanced: keda.advanced,
        triggers: keda.triggers,
        scaleTargetRef: target,
        fallback: keda.fallback,
      }),
    });
  } else if (hpa) {
    // `metrics` (v2beta1 shape) is converted by ConvertMetricSpecSlice and replaces `metricsv2`; shown as given.
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata,
      spec: compact({ scaleTargetRef: target, minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas, metrics: hpa.metrics ?? hpa.metricsv2 }),
    });
  }
  const pdb = componentSpec.pdbSpec;
  if (pdb) {
    objects.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      // The selector is the whole SeldonDeployment, not this Deployment.
      metadata: { ...metadata, labels: { ...metadata.labels } },
      spec: compact({ minAvailable: pdb.minAvailable, maxUnavailable: pdb.maxUnavailable, selector: { matchLabels: { [LABELS.seldonId]: id } } }),
    });
  }
  return objects;
}

/** `createPredictorService`: the predictor's entry point, the executor's ports. */
export function createPredictorService(name: string, id: string, predictor: Json, sdep: Json, http: number, grpc: number): Json {
  const headless = sdepAnnotation(sdep, ANNOTATIONS.headlessService, 'false') !== 'false';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: sdep.metadata.namespace,
      labels: { [LABELS.seldonApp]: name, [LABELS.seldonId]: id, [LABELS.managedBy]: 'seldon-core' },
      annotations: { ...(predictor.annotations ?? {}) },
    },
    spec: compact({
      selector: { [LABELS.seldonApp]: name },
      sessionAffinity: 'None',
      type: 'ClusterIP',
      // A zero port is left out (an explainer's Service has no gRPC port).
      ports: [
        ...(http ? [{ protocol: 'TCP', port: http, targetPort: http, name: 'http' }] : []),
        ...(grpc ? [{ protocol: 'TCP', port: grpc, targetPort: grpc, name: 'grpc' }] : []),
      ],
      clusterIP: headless ? 'None' : undefined,
    }),
  };
}

const ROLE_LABELS: Json = {
  ROUTER: 'seldon.io/router',
  COMBINER: 'seldon.io/combiner',
  MODEL: 'seldon.io/model',
  TRANSFORMER: 'seldon.io/transformer',
  OUTPUT_TRANSFORMER: 'seldon.io/output-transformer',
};

/** `addLabelsToDeployment` / `addLabelsToService`: the node's role, shadow, managed-by. */
export function addRoleLabels(objectLabels: Json[], unit: Json | undefined, predictor: Json): void {
  for (const labels of objectLabels) {
    if (unit?.type !== undefined) {
      if (ROLE_LABELS[unit.type]) labels[ROLE_LABELS[unit.type]] = 'true';
    } else if (predictor.explainer && predictor.explainer.type) {
      labels['seldon.io/explainer'] = 'true';
    }
    if (predictor.shadow === true) labels[LABELS.shadow] = 'true';
    labels[LABELS.managedBy] = 'seldon-core';
  }
}

/** Drops undefined members, as Go's `omitempty` does. */
export function compact(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
