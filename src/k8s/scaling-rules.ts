/**
 * What the API server refuses in a HorizontalPodAutoscaler's scaling rules
 * (Kubernetes' pkg/apis/autoscaling/validation, validateScalingRules and
 * validateScalingPolicy): a stabilisation window outside 0 to 3,600 seconds,
 * an empty list of policies, a policy whose period is outside 1 to 1,800
 * seconds or whose change is not above 0. For the rules of cdk8s-plus's
 * `ScalingRules`, wherever the library takes them: an HPA KEDA creates, an
 * HPA cdk8s-plus creates (which checks the two time bounds itself, in words
 * that name no construct, and throws a bare error for a duration that is not
 * whole seconds).
 */
import { ScalingRules, ScalingStrategy } from 'cdk8s-plus-27';
import { showDuration, wholeDuration } from './duration';
import { show } from '../errors';

const STRATEGIES: readonly string[] = Object.values(ScalingStrategy);

/** A problem of one field of the rules, the field named from the rules' own field (`scaleUp`). */
export interface ScalingRulesProblem {
  readonly field: string;
  readonly problem: string;
  readonly accepted: string;
}

/** The problems of `rules`, given as `direction` (scaleUp, scaleDown). */
export function scalingRulesProblems(direction: string, rules: ScalingRules | undefined): ScalingRulesProblem[] {
  const found: ScalingRulesProblem[] = [];
  if (rules === undefined) return found;
  if (rules.stabilizationWindow !== undefined) {
    const s = wholeDuration(rules.stabilizationWindow, 'seconds');
    if (s === undefined || s < 0 || s > 3600) {
      found.push({ field: `${direction}.stabilizationWindow`, problem: `${showDuration(rules.stabilizationWindow)} is not whole seconds from 0 to 1 hour`, accepted: 'e.g. Duration.minutes(5)' });
    }
  }
  if (rules.strategy !== undefined && !STRATEGIES.includes(rules.strategy)) {
    found.push({ field: `${direction}.strategy`, problem: `${show(rules.strategy)} is not a scaling strategy`, accepted: 'ScalingStrategy.MAX_CHANGE or MIN_CHANGE' });
  }
  if (rules.policies !== undefined && rules.policies.length === 0) {
    found.push({ field: `${direction}.policies`, problem: 'is empty, and the API server requires at least one policy', accepted: 'at least one ScalingPolicy, or leave policies out for the defaults' });
  }
  (rules.policies ?? []).forEach((p, i) => {
    // Rendered through Replicas' own _toKube(), as cdk8s-plus's HPA renders it.
    const replicas = (p?.replicas as unknown as { _toKube?(): { value: unknown } })?._toKube?.();
    if (replicas === undefined || !Number.isInteger(replicas.value) || (replicas.value as number) < 1 || (replicas.value as number) > 2147483647) {
      found.push({ field: `${direction}.policies[${i}].replicas`, problem: `${show(replicas?.value ?? p?.replicas)} is not a whole number above 0`, accepted: 'Replicas.absolute(n) or Replicas.percent(n), n from 1 to 2147483647' });
    }
    const s = p?.duration === undefined ? 15 : wholeDuration(p.duration, 'seconds');
    if (s === undefined || s < 1 || s > 1800) {
      found.push({ field: `${direction}.policies[${i}].duration`, problem: `${showDuration(p.duration!)} is not whole seconds from 1 to 30 minutes`, accepted: 'e.g. Duration.seconds(60)' });
    }
  });
  return found;
}
