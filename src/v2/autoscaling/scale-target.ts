import { ApiObject } from 'cdk8s';
import { ScalingTarget } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { formatProblem } from '../../errors';
import { ScalingInput } from '../scaling';
import { schedulingInputsChanged } from '../scheduling-inputs';

/**
 * The replica state of a Model or Server whose custom resource has a scale
 * subresource (`.spec.replicas`), shared by `SeldonModel` and `SeldonServer`
 * to make them cdk8s-plus `IScalable` targets of a HorizontalPodAutoscaler.
 *
 * Rules from Seldon's HPA documentation (docs-gb/scaling/model-hpa-autoscaling.md,
 * single-model-serving-hpa.md, core-autoscaling-servers.md @v2.10.2):
 * - the object sets `spec.replicas`, the field the HPA writes ("if not present
 *   ... HPA not working until the CR is modified"): rendered as the start value;
 * - it does not set `minReplicas`/`maxReplicas`: the operator refuses a
 *   `spec.replicas` outside them (operator/internal/utils.go
 *   `GetValidatedScalingSpec`), so an HPA writing outside makes a Server fail
 *   to reconcile and keeps a Model from the scheduler (the bounds belong to the
 *   HPA). Seldon's documentation adds that leaving them out turns Seldon's own
 *   server autoscaling off; its 2.10.2 scheduler scales such a Server all the
 *   same (README, "Scaling in Seldon 2.10.2");
 * - one HPA per object: two would write the same field.
 */
export class ScaleTarget {
  private autoscalers = 0;

  public constructor(private readonly owner: IConstruct, private readonly kind: string, private readonly apiObject: ApiObject,
    private readonly input: ScalingInput) {}

  /** Whether an autoscaler scales the object. */
  public get hasAutoscaler(): boolean {
    return this.autoscalers > 0;
  }

  /** Records an autoscaler; `IScalable.markHasAutoscaler()`. */
  public mark(): void {
    // Its rules are about autoscalers: the check joins the owner's validations with the first one, not for every
    // Model, so its messages follow those of the validations the owner had by then (its own checks, a user's).
    if (this.autoscalers === 0) this.owner.node.addValidation({ validate: () => this.problems() });
    this.autoscalers++;
    schedulingInputsChanged();
  }

  /** The cdk8s-plus scaling target: the object's kind and name; replicas are left to the HPA. */
  public toScalingTarget(): ScalingTarget {
    return { apiVersion: this.apiObject.apiVersion, kind: this.apiObject.kind, name: this.apiObject.name, containers: [] };
  }

  /** `spec.replicas` to render: with an autoscaler always present (the HPA's scale subresource needs it). */
  public renderReplicas(): number | undefined {
    return this.hasAutoscaler ? this.input.replicas ?? 1 : this.input.replicas;
  }

  private problems(): string[] {
    const path = this.owner.node.path;
    const found: string[] = [];
    if (this.autoscalers > 1) {
      found.push(formatProblem(this.kind, path, 'autoscaler', `is one of ${this.autoscalers} HorizontalPodAutoscalers of the object, which would all write spec.replicas`, 'one HorizontalPodAutoscaler per Model or Server'));
    }
    for (const field of ['minReplicas', 'maxReplicas'] as const) {
      if (this.input[field] !== undefined) {
        found.push(formatProblem(this.kind, path, field, 'is set while a HorizontalPodAutoscaler scales the object, which writes spec.replicas without regard to it: the operator refuses replicas outside '
          + '[minReplicas, maxReplicas] (operator/internal/utils.go GetValidatedScalingSpec), so a Server fails to reconcile and a Model never reaches the scheduler',
        `leave ${field} out and give the bounds to the HorizontalPodAutoscaler`));
      }
    }
    return found;
  }
}
