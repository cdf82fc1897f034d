import { ContainerResources, EnvValue, ISecret } from 'cdk8s-plus-27';
import { ModelParameter } from './model-parameter';
import { PredictorDeploymentProps } from './predictor-deployment';
import { PrepackagedServer } from './prepackaged-server';
import { PodSettingsProps } from '../k8s/pod-settings';
import { ModelUri } from '../model-uri';

/**
 * Another version of the model, served beside it by `withCanary()` or
 * `withShadow()` in a predictor of its own. Its server, image, parameters,
 * credentials, resources and env, and its pod settings
 * (`imagePullSecrets`, `serviceAccount`, `priorityClassName`, `podLabels`
 * but a `version` label, `podAnnotations`, `terminationGracePeriod`) default
 * to the model's: a canary pulls from the same registry. So do the model's
 * logger, probes, sidecars and volumes, which a version cannot change. Its
 * `replicas` (1) and production settings (`autoscaler`, `disruptionBudget`,
 * `progressDeadline`, `sslCertificate`, `engineEnv`, `engineReplicas`) are its
 * own and default to none. The model's `predictorAnnotations` stay on the main
 * predictor: a version's predictor has none (`seldon.io/svc-name` must differ
 * per predictor, and `seldon.io/no-engine` is decided per predictor).
 */
export interface ModelVersionProps extends PredictorDeploymentProps, PodSettingsProps {
  /** Where this version's model artifact is. */
  readonly modelUri: ModelUri;
  /**
   * The predictor's name.
   * @default 'canary' for a canary, 'shadow' for a shadow
   */
  readonly predictorName?: string;
  /**
   * The server of this version.
   * @default - the model's server
   */
  readonly server?: PrepackagedServer;
  /**
   * This version's server image.
   * @default - the model's `image`
   */
  readonly image?: string;
  /**
   * This version's parameters.
   * @default - the model's parameters
   */
  readonly parameters?: ModelParameter[];
  /**
   * Replicas of this version.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Storage credentials of this version.
   * @default - the model's credentials
   */
  readonly credentials?: ISecret;
  /**
   * This version's server resources (a larger model needs more memory).
   * @default - the model's `resources`
   */
  readonly resources?: ContainerResources;
  /**
   * This version's server environment, in place of the model's.
   * @default - the model's `env`
   */
  readonly env?: { [name: string]: EnvValue };
}

/** A second version of the model that receives a share of the traffic (`withCanary`). */
export interface CanaryProps extends ModelVersionProps {
  /** Percentage of requests the canary receives (0 to 100); the main predictor keeps the rest. */
  readonly traffic: number;
}
