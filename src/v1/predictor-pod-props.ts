import { k8s, Volume } from 'cdk8s-plus-27';

/**
 * Containers and volumes of a predictor's pod besides its graph nodes'.
 * The operator copies a componentSpec's pod spec into the Deployment and
 * adds its own containers and volumes after the user's
 * (seldondeployment_controller.go createDeploymentWithoutEngine,
 * model_initializer_injector.go, seldondeployment_prepackaged_servers.go).
 */
export interface PredictorPodProps {
  /**
   * Containers of the predictor's pod that are no graph node, as Kubernetes
   * containers: e.g. the TensorFlow Serving or OpenVINO model server a proxy
   * node calls on localhost, or a log shipper. The operator keeps them as
   * written; it only numbers their ports' positions like every container's
   * (defaults.go DefaultSeldonDeployment).
   * @default - none
   */
  readonly sidecars?: k8s.Container[];
  /**
   * Volumes of the predictor's pod, for the sidecars' `volumeMounts` (the
   * volumes of the nodes' `volumeMounts` are added without being listed).
   * @default - none
   */
  readonly volumes?: Volume[];
  /**
   * The order of the containers in the predictor's pod, by name (graph nodes
   * that run a container in this pod, and sidecars); the others follow in
   * the default order. The operator numbers each container's ports by its
   * position (defaults.go DefaultSeldonDeployment) and names the Deployment
   * after the container names in this order (seldondeployment_types.go
   * GetDeploymentName), so keeping an existing deployment's order keeps its
   * Deployment and ports. A prepackaged node listed here gets a container in
   * the manifest, which the operator completes.
   * @default - the nodes in graph order, then the sidecars
   */
  readonly containerOrder?: string[];
}
