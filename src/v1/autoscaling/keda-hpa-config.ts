import { ScalingRules, ScalingStrategy } from 'cdk8s-plus-27';
import { KedaHpaOptions } from './keda-hpa-options';
import { show } from '../../errors';
import { showDuration, wholeDuration } from '../../k8s/duration';
import { FieldProblem } from '../field-problem';

const STRATEGIES: readonly string[] = Object.values(ScalingStrategy);

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

/**
 * What the API server's HPA validation rejects (kubernetes
 * pkg/apis/autoscaling/validation: a stabilisation window of 0 to 3600
 * seconds, policies of a positive value over 1 to 1800 seconds).
 */
export function kedaHpaConfigProblems(o: KedaHpaOptions): FieldProblem[] {
  const found: FieldProblem[] = [];
  for (const direction of ['scaleUp', 'scaleDown'] as const) {
    const rules = o[direction];
    if (rules === undefined) continue;
    if (rules.stabilizationWindow !== undefined) {
      const s = wholeDuration(rules.stabilizationWindow, 'seconds');
      if (s === undefined || s < 0 || s > 3600) {
        found.push({ field: `${direction}.stabilizationWindow`, problem: `${showDuration(rules.stabilizationWindow)} is not whole seconds from 0 to 1 hour`, accepted: 'e.g. Duration.minutes(5)' });
      }
    }
    if (rules.strategy !== undefined && !STRATEGIES.includes(rules.strategy)) {
      found.push({ field: `${direction}.strategy`, problem: `${show(rules.strategy)} is not a scaling strategy`, accepted: 'ScalingStrategy.MAX_CHANGE or MIN_CHANGE' });
    }
    (rules.policies ?? []).forEach((p, i) => {
      const replicas = (p?.replicas as unknown as { _toKube?(): { value: unknown } })?._toKube?.();
      if (replicas === undefined || !Number.isInteger(replicas.value) || (replicas.value as number) < 1) {
        found.push({ field: `${direction}.policies[${i}].replicas`, problem: `${show(replicas?.value ?? p?.replicas)} is not a whole number above 0`, accepted: 'Replicas.absolute(n) or Replicas.percent(n), n from 1' });
      }
      const s = p?.duration === undefined ? 15 : wholeDuration(p.duration, 'seconds');
      if (s === undefined || s < 1 || s > 1800) {
        found.push({ field: `${direction}.policies[${i}].duration`, problem: `${showDuration(p.duration!)} is not whole seconds from 1 to 30 minutes`, accepted: 'e.g. Duration.seconds(60)' });
      }
    });
  }
  return found;
}
