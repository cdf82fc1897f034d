import { ScalingRules } from 'cdk8s-plus-27';

/**
 * How the HPA that KEDA creates for a ScaledObject scales
 * (`kedaSpec.advanced.horizontalPodAutoscalerConfig.behavior`; Seldon's CRD
 * has no field for the HPA's name).
 */
export interface KedaHpaOptions {
  /**
   * How fast the HPA scales up (`behavior.scaleUp`), as cdk8s-plus `ScalingRules`.
   * @default - Kubernetes': no stabilisation, at most double or 4 pods per 15 seconds
   */
  readonly scaleUp?: ScalingRules;
  /**
   * How fast the HPA scales down (`behavior.scaleDown`), e.g. a longer
   * `stabilizationWindow` so a short lull does not remove pods.
   * @default - Kubernetes': a 5 minute stabilisation window, then down to the target
   */
  readonly scaleDown?: ScalingRules;
}
