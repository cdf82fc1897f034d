import { ScalingRules } from 'cdk8s-plus-27';
import { KedaHpaOptions } from './keda-hpa-options';
import { wholeDuration } from '../../k8s/duration';
import { scalingRulesProblems } from '../../k8s/scaling-rules';
import { FieldProblem } from '../field-problem';

/** One direction's rules as Kubernetes' HPAScalingRules; cdk8s-plus's default period of a policy is 15 seconds. */
function renderRules(rules: ScalingRules | undefined): Record<string, unknown> | undefined {
  if (rules === undefined) return undefined;
  return {
    stabilizationWindowSeconds: rules.stabilizationWindow && wholeDuration(rules.stabilizationWindow, 'seconds'),
    selectPolicy: rules.strategy,
    policies: rules.policies?.map(p => ({
      ...(p.replicas as unknown as { _toKube(): { type: string; value: number } })._toKube(),
      periodSeconds: p.duration === undefined ? 15 : wholeDuration(p.duration, 'seconds'),
    })),
  };
}

/** `horizontalPodAutoscalerConfig`, or undefined when nothing is set. */
export function renderKedaHpaConfig(o: KedaHpaOptions): Record<string, unknown> | undefined {
  if (o.scaleUp === undefined && o.scaleDown === undefined) return undefined;
  return { behavior: { scaleUp: renderRules(o.scaleUp), scaleDown: renderRules(o.scaleDown) } };
}

/** What the API server's HPA validation rejects in either direction's rules (src/k8s/scaling-rules.ts). */
export function kedaHpaConfigProblems(o: KedaHpaOptions): FieldProblem[] {
  return [...scalingRulesProblems('scaleUp', o.scaleUp), ...scalingRulesProblems('scaleDown', o.scaleDown)];
}
