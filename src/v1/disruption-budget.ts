import { show } from '../errors';
import { FieldProblem } from './field-problem';
import { INT32_COUNT, isInt32Count } from '../k8s/int32';
import { checkFactories } from '../k8s/prop-check';

/**
 * A PodDisruptionBudget for a SeldonDeployment (`componentSpecs[].pdbSpec`):
 * how many of its pods voluntary disruptions (node drains, cluster
 * upgrades) must leave running.
 *
 * The operator's PDB selects every pod of the SeldonDeployment by
 * `seldon-deployment-id`, not the pods of one componentSpec
 * (seldondeployment_controller.go createPdb), so the counts are over all
 * its predictors, separate pods and explainers. Separate executor pods
 * (`separateEnginePod`) carry the predictor's Service name in that label
 * instead, so no budget covers them.
 */
export class DisruptionBudget {
  /** At least `count` pods stay available during a disruption. */
  public static minAvailable(count: number): DisruptionBudget {
    return new DisruptionBudget('minAvailable', count, false);
  }

  /** At least `percent`% of the pods (rounded up) stay available. */
  public static minAvailablePercent(percent: number): DisruptionBudget {
    return new DisruptionBudget('minAvailable', percent, true);
  }

  /** At most `count` pods are unavailable during a disruption. */
  public static maxUnavailable(count: number): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', count, false);
  }

  /** At most `percent`% of the pods (rounded up) are unavailable. */
  public static maxUnavailablePercent(percent: number): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', percent, true);
  }

  /** `minAvailable` or `maxUnavailable`. */
  public readonly field: string;
  /** The count or percentage. */
  public readonly amount: number;
  /** Whether `amount` is a percentage. */
  public readonly percent: boolean;

  private readonly found: FieldProblem[] = [];

  private constructor(field: 'minAvailable' | 'maxUnavailable', amount: number, percent: boolean) {
    this.field = field;
    this.amount = amount;
    this.percent = percent;
    if (percent && (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0 || amount > 100)) {
      this.found.push({ field, problem: `${show(amount)} is not a whole percentage`, accepted: 'a whole number from 0 to 100' });
    } else if (!percent && !isInt32Count(amount)) {
      this.found.push({ field, problem: `${show(amount)} is not a pod count`, accepted: INT32_COUNT });
    } else if (field === 'maxUnavailable' && amount === 0) {
      // Kubernetes policy/v1 semantics: with no pod allowed to be unavailable, every eviction is refused.
      this.found.push({ field, problem: `is ${amount}${percent ? '%' : ''}, so no pod can ever be evicted and node drains hang`, accepted: 'at least 1 (or 1%)' });
    } else if (field === 'minAvailable' && percent && amount === 100) {
      this.found.push({ field, problem: 'is 100%, so no pod can ever be evicted and node drains hang', accepted: 'less than 100%' });
    }
  }

  /** @internal */
  public get _problems(): FieldProblem[] {
    return [...this.found];
  }

  /**
   * Whether no eviction is ever allowed when at most `pods` pods are
   * selected: minAvailable is rounded up against the expected pod count
   * (kubernetes pkg/controller/disruption/disruption.go getExpectedPodCount).
   * @internal
   */
  public _neverEvicts(pods: number): boolean {
    if (this.field !== 'minAvailable') return false;
    const required = this.percent ? Math.ceil(this.amount * pods / 100) : this.amount;
    return required >= pods;
  }

  /** @internal */
  public _render(): { minAvailable?: number | string; maxUnavailable?: number | string } {
    return { [this.field]: this.percent ? `${this.amount}%` : this.amount };
  }
}

checkFactories(DisruptionBudget, 'DisruptionBudget');
