import { ContainerResources, EnvValue } from 'cdk8s-plus-27';
import { Gpu } from '../k8s/gpu';

/**
 * Changes to one container of a Server's pod or of a SeldonRuntime
 * component's pod. The operator merges them onto the container of the same
 * name in the pod it starts from, the ServerConfig's for a Server, the
 * SeldonConfig's for a runtime component (SELDON-FACTS §2.4;
 * reconcilers/common/patch_utils.go MergeContainers): the image and each
 * resource amount replace that container's, environment variables are
 * appended after its own (so Kubernetes uses the later value of a repeated
 * name).
 */
export interface ContainerOverride {
  /**
   * The container image.
   * @default - the ServerConfig's (or SeldonConfig's) image
   */
  readonly image?: string;
  /**
   * CPU, memory and ephemeral-storage requests and limits. Each amount given
   * replaces the ServerConfig's (for a runtime component, the SeldonConfig's);
   * the others are kept, so raising a request above a limit the ServerConfig
   * or SeldonConfig sets needs the limit too (checked where the library knows
   * that limit: Seldon's default ServerConfigs and SeldonConfig, and those in
   * the app).
   * @default - the ServerConfig's (or SeldonConfig's) resources
   */
  readonly resources?: ContainerResources;
  /**
   * GPUs (or other devices) for the container, rendered as a limit.
   * @default - none
   */
  readonly gpu?: Gpu;
  /**
   * Environment variables, appended after the ServerConfig's (or SeldonConfig's).
   * @default - none
   */
  readonly env?: { [name: string]: EnvValue };
}
