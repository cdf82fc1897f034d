/**
 * The objects the v1 operator creates for a defaulted SeldonDeployment, in
 * the order of `createComponents` (SELDON-FACTS §1.6;
 * operator/controllers/seldondeployment_controller.go@v1.18.2).
 */
import { TFSERVING_SIDECAR } from '../operator-defaults';
import { createContainerService } from './container-service';
import { separateEngine } from './defaulting';
import { addRoleLabels, createDeployment, createPredictorService, deploymentReplicas, podinfoVolume, scalingObjects } from './deployment';
import { addExecutor, executorContainer } from './executor';
import { PredictorEndpoints, createExplainer } from './explainer';
import { engineUnit, findContainer, findUnit, isPrepack, unitList } from './graph';
import { LABELS, ANNOTATIONS, ENGINE_CONTAINER, deploymentName, predictorServiceName, seldonId, serviceOrchestratorName } from './names';
import { Json, V1OperatorConfig } from './operator-config';
import { addModelServer } from './prepackaged';

/** What the operator creates, and why it would stop. */
export interface V1Components {
  readonly deployments: Json[];
  readonly services: Json[];
  /** HorizontalPodAutoscalers, KEDA ScaledObjects and PodDisruptionBudgets. */
  readonly scaling: Json[];
  /** Reconcile errors the operator would report (the objects are then incomplete). */
  readonly problems: string[];
}

/** `createEngineDeployment`: the executor alone, when `seldon.io/engine-separate-pod` is "true". */
function engineDeployment(sdep: Json, predictor: Json, id: string, config: V1OperatorConfig): Json {
  const name = serviceOrchestratorName(sdep, predictor);
  const replicas = predictor.svcOrchSpec?.replicas ?? predictor.replicas ?? sdep.spec?.replicas;
  const account = 'default';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: sdep.metadata.namespace,
      labels: { [LABELS.svcOrch]: 'true', [LABELS.seldonApp]: id, [LABELS.seldonId]: id, app: name, version: 'v1', fluentd: 'true', ...(predictor.labels ?? {}) },
      annotations: { ...(sdep.spec?.annotations ?? {}) },
    },
    spec: {
      selector: { matchLabels: { [LABELS.seldonApp]: id, [LABELS.seldonId]: id } },
      template: {
        metadata: {
          labels: { [LABELS.seldonApp]: id, [LABELS.seldonId]: id, app: name, ...(predictor.labels ?? {}) },
          annotations: { 'prometheus.io/path': config.prometheusPath, 'prometheus.io/scrape': 'true' },
        },
        spec: {
          containers: [executorContainer(sdep, predictor, config)],
          terminationGracePeriodSeconds: 20,
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
          securityContext: config.defaultUserId !== undefined ? { runAsUser: config.defaultUserId } : {},
          volumes: [podinfoVolume()],
          restartPolicy: 'Always',
          serviceAccountName: account,
          serviceAccount: account,
        },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } },
      ...(replicas !== undefined ? { replicas } : {}),
    },
  };
}

/** Where the operator mounts a predictor's `ssl.certSecretName` (`DEFAULT_CERT_MOUNT_PATH_NAME` unset). */
const CERT_MOUNT_PATH = '/cert/';

/**
 * The predictor's certificate on a Deployment (operator/utils/utils.go@v1.18.2
 * `MountSecretToDeploymentContainers`, `AddEnvVarToDeploymentContainers`):
 * the Secret mounted in every container, and `SELDON_CERT_MOUNT_PATH` added to
 * each in turn until one that already has it, where the operator stops.
 */
function mountCertificate(deployment: Json, secret: string): void {
  const pod = deployment.spec.template.spec;
  pod.volumes = [...(pod.volumes ?? []), { name: 'seldon-cert-volume', secret: { secretName: secret } }];
  for (const c of pod.containers) c.volumeMounts = [...(c.volumeMounts ?? []), { name: 'seldon-cert-volume', mountPath: CERT_MOUNT_PATH, readOnly: true }];
  for (const c of pod.containers) {
    if ((c.env ?? []).some((e: Json) => e.name === 'SELDON_CERT_MOUNT_PATH')) return;
    c.env = [...(c.env ?? []), { name: 'SELDON_CERT_MOUNT_PATH', value: CERT_MOUNT_PATH }];
  }
}

/** `createComponents` over a SeldonDeployment already defaulted by `defaultSeldonDeployment`. */
export function createComponents(sdep: Json, config: V1OperatorConfig): V1Components {
  const result: V1Components = { deployments: [], services: [], scaling: [], problems: [] };
  const id = seldonId(sdep);
  const namespace = sdep.metadata.namespace;
  for (const predictor of sdep.spec?.predictors ?? []) {
    const noEngine = String(predictor.annotations?.[ANNOTATIONS.noEngine] ?? '').toLowerCase() === 'true';
    const predictorService = predictorServiceName(sdep, predictor);
    const separate = separateEngine(sdep);
    const certificate: string = predictor.ssl?.certSecretName ?? '';
    if (separate && !noEngine) {
      // createEngineDeployment gets the predictor's Service name as its seldonId (controller.go), not the deployment's id.
      const engine = engineDeployment(sdep, predictor, predictorService, config);
      if (certificate) mountCertificate(engine, certificate);
      result.deployments.push(engine);
    }
    const own: Json[] = [];
    // Where the predictor's Service answers (controller.go serviceDetails), for the explainer.
    let endpoints: PredictorEndpoints = { http: '', grpc: '' };

    (predictor.componentSpecs ?? []).forEach((cSpec: Json, j: number) => {
      const containers: Json[] = cSpec?.spec?.containers ?? [];
      if (containers.length === 0) return;
      const name = deploymentName(sdep, predictor, cSpec, j);
      const deployment = createDeployment(name, id, cSpec, predictor, sdep, config);
      const replicas = deploymentReplicas(cSpec, predictor, sdep);
      if (replicas !== undefined) deployment.spec.replicas = replicas;
      result.scaling.push(...scalingObjects(cSpec, name, id, namespace));

      for (const container of deployment.spec.template.spec.containers) {
        const unit = findUnit(predictor.graph, container.name);
        addRoleLabels([deployment.metadata.labels, deployment.spec.template.metadata.labels], unit, predictor);
        if (container.name === ENGINE_CONTAINER || container.name === TFSERVING_SIDECAR.name) continue;
        const service = createContainerService(sdep, predictor, deployment, container, config);
        if (!service) continue;
        addRoleLabels([service.metadata.labels], unit, predictor);
        result.services.push(service);
        if (noEngine) {
          for (const labels of [deployment.metadata.labels, deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels]) {
            labels[LABELS.seldonApp] = predictorService;
          }
          const [http, grpc] = service.spec.ports.map((p: Json) => p.port);
          endpoints = { http: `${predictorService}.${namespace}:${http}`, grpc: `${predictorService}.${namespace}:${grpc}` };
          const entry = createPredictorService(predictorService, id, predictor, sdep, http, grpc);
          addRoleLabels([entry.metadata.labels], unit, predictor);
          result.services.push(entry);
        }
      }
      own.push(deployment);
      result.deployments.push(deployment);
    });

    for (const unit of unitList(predictor.graph)) {
      if (!isPrepack(unit) && !unit.modelUri) continue;
      const found = findContainer(predictor, unit.name);
      if (!found.container) {
        result.problems.push(`Failed to find PodSpec for Prepackaged server PreditiveUnit named ${unit.name}`);
        continue;
      }
      const name = deploymentName(sdep, predictor, predictor.componentSpecs[found.index], found.index);
      const deployment = own.find(d => d.metadata.name === name);
      if (!deployment) continue;
      const problem = addModelServer(sdep, deployment, unit, config);
      if (problem) result.problems.push(problem);
    }

    if (!noEngine) {
      if (!separate) {
        const unit = engineUnit(predictor.graph);
        const deployment = unit && [...own].reverse().find(d => d.spec.template.spec.containers.some((c: Json) => c.name === unit.name));
        if (!unit) {
          result.problems.push('engine not separate and no pu with localhost service - not clear where to inject engine');
        } else if (!deployment) {
          result.problems.push('engine not separate and no deployment for pu with localhost service - not clear where to inject engine');
        } else {
          addExecutor(deployment, sdep, predictor, predictorService, config);
        }
      }
      // The certificate goes to every container of the graph root's Deployment.
      const root = findContainer(predictor, predictor.graph?.name);
      const rootDeployment = root.container && result.deployments.find(d =>
        d.metadata.name === deploymentName(sdep, predictor, predictor.componentSpecs[root.index], root.index));
      if (certificate && rootDeployment) mountCertificate(rootDeployment, certificate);
      // GetDeploymentName reads the containers of the pod spec GetSeldonPodSpecForPredictiveUnit did not find (types.go).
      if (certificate && !root.container) result.problems.push('runtime error: invalid memory address or nil pointer dereference (the operator panics looking for the Deployment of the graph root\'s container to mount ssl.certSecretName in)');
      result.services.push(createPredictorService(predictorService, id, predictor, sdep, config.executorHttpPort, config.executorGrpcPort));
      endpoints = { http: `${predictorService}.${namespace}:${config.executorHttpPort}`, grpc: `${predictorService}.${namespace}:${config.executorGrpcPort}` };
    }
    const explainer = createExplainer(sdep, predictor, id, predictorService, endpoints, config);
    if (explainer?.problem) result.problems.push(explainer.problem);
    if (explainer?.deployment) result.deployments.push(explainer.deployment);
    if (explainer?.service) result.services.push(explainer.service);
  }
  return result;
}
