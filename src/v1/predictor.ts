import { ContainerResources } from 'cdk8s-plus-27';
import { ExplainerProps } from './explainer';
import { PredictiveUnit } from './predictive-unit';
import { PredictorDeploymentProps } from './predictor-deployment';
import { PredictorPodProps } from './predictor-pod-props';
import { SeparatePodProps } from './separate-pod';
import { PodSettingsProps } from '../k8s/pod-settings';

/** One predictor of a SeldonDeployment: a graph with its replicas and share of traffic. */
export interface PredictorProps extends PredictorDeploymentProps, PodSettingsProps, PredictorPodProps {
  /** The predictor name, part of its Service name `<deployment>-<predictor>`. */
  readonly name: string;
  /** The root of the inference graph. */
  readonly graph: PredictiveUnit;
  /**
   * Replicas of the predictor's pods.
   * @default - the SeldonDeployment's `replicas`, else 1
   */
  readonly replicas?: number;
  /**
   * Percentage of requests this predictor receives; the shares of the
   * non-shadow predictors must add up to 100.
   * @default - not rendered (a single predictor receives everything)
   */
  readonly traffic?: number;
  /**
   * Whether the predictor is a shadow: it receives a copy of the traffic and
   * its responses are discarded.
   * @default false
   */
  readonly shadow?: boolean;
  /**
   * An explainer for this predictor.
   * @default - none
   */
  readonly explainer?: ExplainerProps;
  /**
   * Labels added to the predictor's pods.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the predictor (e.g. `seldon.io/svc-name`).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Pods of their own for some graph nodes (further `componentSpecs`), each
   * with its own replicas, autoscaler and pod settings; the other nodes and
   * the executor stay in the predictor's pod, which `replicas`, `autoscaler`,
   * `disruptionBudget` and the predictor's pod settings describe.
   * @default - one pod for the whole graph
   */
  readonly separatePods?: SeparatePodProps[];
  /**
   * Resources of the executor (service orchestrator) container the operator
   * adds to the predictor's pod (`svcOrchSpec.resources`).
   * @default - the operator's: cpu 500m and memory 512Mi, requested and limited
   */
  readonly engineResources?: ContainerResources;
}
