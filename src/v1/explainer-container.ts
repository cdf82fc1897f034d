import { ContainerResources, EnvValue, IServiceAccount } from 'cdk8s-plus-27';
import { EndpointType } from './unit-endpoint';

/** The explainer's container and how it reaches the predictor. */
export interface ExplainerContainerProps {
  /**
   * The explainer image (`containerSpec.image`).
   * @default - the operator's Alibi explainer image for the protocol
   */
  readonly image?: string;
  /**
   * Resources of the explainer container (`containerSpec.resources`).
   * @default - none
   */
  readonly resources?: ContainerResources;
  /**
   * Environment variables of the explainer container (`containerSpec.env`).
   * @default - none
   */
  readonly env?: { [name: string]: EnvValue };
  /**
   * Whether the explainer calls the predictor over REST or gRPC (`endpoint.type`).
   * @default - the deployment's transport
   */
  readonly endpointType?: EndpointType;
  /**
   * Arguments of the explainer's constructor, passed as JSON to MLServer's alibi-explain runtime
   * (`initParameters`): under the v2 and kfserving protocols only, where the operator reads it.
   * The JSON has the keys of each object in sorted order.
   * @default - none
   */
  readonly initParameters?: { [key: string]: any };
  /**
   * The ServiceAccount of the explainer's pod (`serviceAccountName`).
   * @default - the namespace's default ServiceAccount
   */
  readonly serviceAccount?: IServiceAccount;
}
