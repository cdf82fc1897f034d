import { k8s, Volume } from 'cdk8s-plus-27';
import { Autoscaler } from './autoscaling/autoscaler';
import { PodSettingsProps } from '../k8s/pod-settings';

/**
 * A pod of its own for some nodes of a predictor's graph: a further
 * `componentSpecs` entry, which the operator runs as a Deployment with its
 * own replicas and autoscaler (seldondeployment_controller.go createComponents).
 * The executor stays in the predictor's first pod with the other nodes.
 */
export interface SeparatePodProps extends PodSettingsProps {
  /**
   * Names of the graph nodes whose containers run in this pod: components,
   * or prepackaged nodes, whose containers the operator completes here
   * (prepackaged_servers.go finds the componentSpec holding the node's container).
   */
  readonly nodes: string[];
  /**
   * Replicas of this pod (`componentSpecs[].replicas`).
   * @default - the predictor's replicas, else the SeldonDeployment's, else 1
   */
  readonly replicas?: number;
  /**
   * Scales this pod with an HPA or KEDA (`componentSpecs[].hpaSpec` / `kedaSpec`).
   * @default - a fixed number of `replicas`
   */
  readonly autoscaler?: Autoscaler;
  /**
   * Containers of this pod that are no graph node, as Kubernetes containers,
   * after the nodes' (checked as a predictor's `sidecars`). The operator
   * copies each componentSpec's pod spec into its Deployment and keeps them
   * as written (seldondeployment_controller.go createComponents,
   * createDeploymentWithoutEngine).
   * @default - none
   */
  readonly sidecars?: k8s.Container[];
  /**
   * Volumes of this pod, for its sidecars' `volumeMounts` (the volumes of its
   * nodes' `volumeMounts` are added without being listed).
   * @default - none
   */
  readonly volumes?: Volume[];
}
