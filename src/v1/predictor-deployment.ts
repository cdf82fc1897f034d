import { Duration } from 'cdk8s';
import { EnvValue, ISecret } from 'cdk8s-plus-27';
import { Autoscaler } from './autoscaling/autoscaler';
import { DisruptionBudget } from './disruption-budget';

/**
 * How a predictor's pods run in production: autoscaling, disruption
 * budget, rollout deadline, TLS, and the executor's environment and replicas.
 */
export interface PredictorDeploymentProps {
  /**
   * Scales the predictor's pods with an HPA or KEDA (`componentSpecs[0].hpaSpec` /
   * `kedaSpec`); `replicas` is then left to the autoscaler.
   * @default - a fixed number of `replicas`
   */
  readonly autoscaler?: Autoscaler;
  /**
   * A PodDisruptionBudget (`componentSpecs[0].pdbSpec`). The operator's
   * budget covers every pod of the SeldonDeployment, so one predictor at most may set it.
   * @default - none
   */
  readonly disruptionBudget?: DisruptionBudget;
  /**
   * How long a rollout of the predictor's Deployments may make no progress
   * before Kubernetes reports it failed (`progressDeadlineSeconds`), in whole seconds.
   * @default - Kubernetes' default: 600 seconds
   */
  readonly progressDeadline?: Duration;
  /**
   * A Secret with a TLS certificate the operator mounts into the executor
   * (`ssl.certSecretName`).
   * @default - none
   */
  readonly sslCertificate?: ISecret;
  /**
   * Environment variables of the executor container (`svcOrchSpec.env`),
   * e.g. `KAFKA_BROKER` for the kafka server type.
   * @default - none
   */
  readonly engineEnv?: { [name: string]: EnvValue };
  /**
   * Replicas of the executor's own pod (`svcOrchSpec.replicas`); only used
   * with `separateEnginePod` on the SeldonDeployment.
   * @default - the predictor's replicas
   */
  readonly engineReplicas?: number;
}
