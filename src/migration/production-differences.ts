import { MigrationDifference } from './migration-difference';
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
  if (p.imagePullSecrets?.length || p.podLabels || p.podAnnotations || p.priorityClassName || !v1.scheduling.isEmpty) {
    note('pod settings', 'image pull secrets, placement, priority and pod labels belong to the Server in v2 (SeldonServer pod settings)');
  }
  if (unit.gpu || unit.livenessProbe || unit.readinessProbe || unit.startupProbe) {
    note('gpu / probes', 'GPUs and probes of the server container belong to the Server in v2 (SeldonServer serverContainer)');
  }
  if (p.progressDeadline || p.sslCertificate || p.engineEnv || p.engineReplicas !== undefined) {
    note('executor settings', 'v2 has no per-model executor: progressDeadline, sslCertificate, engineEnv and engineReplicas have no counterpart (the v2 data plane is shared)');
  }
  return found;
}
