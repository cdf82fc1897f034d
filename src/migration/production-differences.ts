import { MigrationDifference } from './migration-difference';
import { show } from '../errors';
import { ServerType } from '../v1/deployment-settings';
import { PrepackagedModel } from '../v1/prepackaged-model';

/**
 * The production settings of a v1 model's main predictor that a migrated
 * model does not carry: in Seldon Core v2 pods belong to Servers, which
 * many models share, so scaling, budgets and pod settings move there.
 */
export function productionDifferences(v1: PrepackagedModel): MigrationDifference[] {
  const p = v1.predictors[0];
  const unit = p.graph._spec;
  const found: MigrationDifference[] = [];
  const note = (setting: string, detail: string) => found.push({ setting, detail });
  if (p.autoscaler) {
    note('autoscaler', `the ${p.autoscaler.kind.toUpperCase()} of the v1 predictor has no counterpart on a Model: v2 scales a Model between its minReplicas and maxReplicas `
      + 'on the replicas of its Server, and the Server\'s pods are scaled on the SeldonServer');
  }
  if (p.disruptionBudget) note('disruptionBudget', 'a v2 model runs in the pods of a shared Server: give the Server\'s StatefulSet a PodDisruptionBudget instead');
  if (p.imagePullSecrets?.length || p.podLabels || p.podAnnotations || p.priorityClassName || !v1.scheduling.isEmpty || p.terminationGracePeriod
    || p.sidecars?.length || p.volumes?.length || unit.envFrom?.length || unit.volumeMounts?.length || unit.securityContext) {
    note('pod settings', 'image pull secrets, placement, priority, pod labels, the grace period, sidecars, volumes, envFrom and the security context belong to the Server '
      + 'in v2 (SeldonServer pod settings and serverContainer, or its ServerConfig\'s podSpec)');
  }
  if (unit.serviceAccount) {
    // seldondeployment_prepackaged_servers.go puts the node's account on the pod, and the storage initializer used its identity.
    note('serviceAccount', `${show(unit.serviceAccount.name)} ran the v1 pod, whose storage initializer downloaded the model with its identity (an IAM role for an env_auth remote); `
      + 'in v2 the rclone container of the Server pod downloads it as the Server\'s ServiceAccount (seldon-server in Seldon\'s ServerConfigs): give that account the identity '
      + '(SeldonServer serviceAccount, or the ServerConfig\'s)');
  }
  const logger = unit.logger;
  if (logger) {
    note('logger', `v1 sent ${logger.mode} payloads to ${logger.url ?? 'the default request logger'}; a v2 Model logs requests and responses to Seldon's Kafka topics `
      + 'when its logger is set (logPayloadsPercent), with no URL and no request-only or response-only mode: the migrated Model does not log');
  }
  if (v1._props.serverType === ServerType.KAFKA) {
    note('serverType', 'v1 served the model from Kafka topics; a v2 Model is served through the inference gateway, and Kafka streams in v2 are Pipelines: '
      + 'add a Pipeline with the Model as its step to keep serving from Kafka');
  }
  if (unit.gpu || unit.livenessProbe || unit.readinessProbe || unit.startupProbe) {
    note('gpu / probes', 'GPUs and probes of the server container belong to the Server in v2 (SeldonServer serverContainer)');
  }
  if (p.progressDeadline || p.sslCertificate || p.engineEnv || p.engineReplicas !== undefined) {
    note('executor settings', 'v2 has no per-model executor: progressDeadline, sslCertificate, engineEnv and engineReplicas have no counterpart (the v2 data plane is shared)');
  }
  return found;
}
