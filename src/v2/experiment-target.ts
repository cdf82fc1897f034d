import { IConstruct } from 'constructs';
import { show } from '../errors';
import type { Pipeline } from './pipeline';
import type { SeldonModel } from './seldon-model';
import { SELDON_V2_NAME } from './v2-names';
import { checkFactories } from '../k8s/prop-check';

/** What an Experiment splits traffic between (`spec.resourceType`). */
export enum ExperimentResourceType {
  /** Models. */
  MODEL = 'model',
  /** Pipelines. */
  PIPELINE = 'pipeline',
}

/**
 * A model or pipeline taking part in an Experiment, as a candidate, the
 * mirror or the default: a construct of the app (checked at synth to be in
 * the app and in the experiment's namespace, and applied before the
 * Experiment), or a name for one deployed separately.
 */
export class ExperimentTarget {
  /** A SeldonModel of the app. */
  public static model(model: SeldonModel): ExperimentTarget {
    return new ExperimentTarget(model?.name, ExperimentResourceType.MODEL, model);
  }

  /** A Pipeline of the app. */
  public static pipeline(pipeline: Pipeline): ExperimentTarget {
    return new ExperimentTarget(pipeline?.name, ExperimentResourceType.PIPELINE, pipeline);
  }

  /** A Model deployed separately, by name. */
  public static modelName(name: string): ExperimentTarget {
    return new ExperimentTarget(name, ExperimentResourceType.MODEL);
  }

  /** A Pipeline deployed separately, by name. */
  public static pipelineName(name: string): ExperimentTarget {
    return new ExperimentTarget(name, ExperimentResourceType.PIPELINE);
  }

  /** The model or pipeline name, as rendered. */
  public readonly name: string;
  /** Whether it is a model or a pipeline. */
  public readonly resourceType: ExperimentResourceType;
  /**
   * The SeldonModel or Pipeline construct.
   * @default - none: named, deployed separately
   */
  public readonly construct?: IConstruct;
  /**
   * Why the target cannot be used, if it cannot.
   * @default - undefined for a usable target
   */
  public readonly problem?: string;

  private constructor(name: string, resourceType: ExperimentResourceType, construct?: IConstruct) {
    this.name = name;
    this.resourceType = resourceType;
    this.construct = construct;
    if (!SELDON_V2_NAME.check(name)) {
      this.problem = `${show(name)} is not a Seldon v2 ${resourceType} name; ${SELDON_V2_NAME.accepted}`;
    }
  }
}

checkFactories(ExperimentTarget, 'ExperimentTarget');
