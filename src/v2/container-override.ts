import { ContainerResources, EnvValue } from 'cdk8s-plus-27';
import { Gpu } from '../k8s/gpu';

/**
 * Changes to one container of the server pod. The operator merges them onto
 * the ServerConfig's container of the same name (SELDON-FACTS §2.4): the
 * image and each resource amount replace the ServerConfig's, environment
 * variables are appended after the ServerConfig's (so Kubernetes uses the
 * later value of a repeated name).
 */
export interface ContainerOverride {
  /**
   * The container image.
   * @default - the ServerConfig's image
   */
  readonly image?: string;
  /**
   * CPU, memory and ephemeral-storage requests and limits. Each amount given
   * replaces the ServerConfig's; the others are kept, so raising a request
   * above a limit the ServerConfig sets needs the limit too.
   * @default - the ServerConfig's resources
   */
  readonly resources?: ContainerResources;
  /**
   * GPUs (or other devices) for the container, rendered as a limit.
   * @default - none
   */
  readonly gpu?: Gpu;
  /**
   * Environment variables, appended after the ServerConfig's.
   * @default - none
   */
  readonly env?: { [name: string]: EnvValue };
}
