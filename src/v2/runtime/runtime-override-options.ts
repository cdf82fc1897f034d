import { ISecret, IServiceAccount, ServiceType, k8s } from 'cdk8s-plus-27';
import { ContainerOverride } from '../container-override';

/** Changes a SeldonRuntime makes to one component of its SeldonConfig. */
export interface RuntimeOverrideOptions {
  /**
   * Do not run the component in this namespace. The runtime then never
   * reports Ready: its Ready condition needs all six components' conditions
   * (seldonruntime_types.go), and nothing sets a disabled one's, so
   * `kubectl wait --for=condition=Ready` on the runtime does not return.
   * @default false
   */
  readonly disable?: boolean;
  /**
   * Replicas of the component. The operator runs 1 when no override sets
   * them, whatever the SeldonConfig says (runtime_reconciler.go ComponentOverride).
   * `seldon-scheduler` takes 0 or 1 only: it keeps its state in a BadgerDB on
   * its own volume, so a second replica would be a second, separate scheduler.
   * 0 stops the component, as `disable` does. The operator lowers the
   * replicas of the dataflow engine and both gateways to
   * `pipelineMaxShardCountMultiplier` times the namespace's Pipelines (Models
   * for the model gateway), counting at most the gateway's
   * `*_MAX_NUM_CONSUMERS` of them (100 when unset), and to 1 while there are
   * none, with a Warning event (runtime_reconciler.go ValidateComponent).
   * @default - 1
   */
  readonly replicas?: number;
  /**
   * The type of the component's Service (`seldon-scheduler` and `seldon-envoy`,
   * whose Service is `seldon-mesh`, only): ClusterIP, NodePort or LoadBalancer.
   * With an override and no type the operator would create the Service
   * without a type (ClusterIP), so the type the runtime would otherwise get is
   * rendered; where that type is unknown (Seldon's `default` SeldonConfig takes
   * it from the Helm chart's `services.defaultServiceType`, or a reference
   * that does not state it), an override of these components needs it here.
   * The operator still creates the Service of a disabled component, so it may
   * be set with `disable`.
   * @default - the runtime's service.serviceType, else the SeldonConfig's (LoadBalancer for one in the app that sets none);
   * ClusterIP for a disabled component
   */
  readonly serviceType?: ServiceType;
  /**
   * Image, resources, GPUs and env of the component's main container
   * (e.g. `scheduler` of `seldon-scheduler`), merged by name onto the SeldonConfig's.
   * On `seldon-dataflow-engine` and `seldon-modelgateway`, the variables set
   * from the runtime's `config.kafka` (see `KafkaSettings`) are added to its
   * env; giving one of them another value here is refused.
   * @default - the SeldonConfig's container
   */
  readonly container?: ContainerOverride;
  /**
   * Image pull Secrets added to the component's pods.
   * @default - the SeldonConfig's
   */
  readonly imagePullSecrets?: ISecret[];
  /**
   * The service account of the component's pods; it needs the permissions of the SeldonConfig's.
   * @default - the SeldonConfig's
   */
  readonly serviceAccount?: IServiceAccount;
  /**
   * The PriorityClass of the component's pods.
   * @default - the SeldonConfig's
   */
  readonly priorityClassName?: string;
  /**
   * A raw pod spec merged onto the SeldonConfig's (the escape hatch); cannot
   * be combined with `container`, the pod settings above or the override's
   * `scheduling` (reported at synth): put the placement in the pod spec. The
   * variables the runtime's `config.kafka` sets on the dataflow engine and the
   * model gateway are added to its main container, as with `container`.
   * @default - none
   */
  readonly podSpec?: k8s.PodSpec;
}
