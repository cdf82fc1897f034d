import { IConstruct } from 'constructs';
import { SELDON_V2_NAME } from './v2-names';
import { checkFactories } from '../k8s/prop-check';

/**
 * A Model of the app that an explainer explains: a `SeldonModel`. (An
 * interface, so that this module and seldon-model.ts do not import each other.)
 */
export interface IExplainedModel extends IConstruct {
  /** The Model's name (`metadata.name`). */
  readonly name: string;
}

const EXPLAINER_TYPE = /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$/;

/**
 * Makes a Seldon v2 Model an explainer (`spec.explainer`), run by MLServer's
 * alibi-explain runtime: the scheduler then needs a server advertising
 * `alibi-explain`. The explainer names the model or pipeline it explains:
 * Seldon's agent builds the explained endpoint's URL from that reference
 * when it loads the explainer, and dereferences it unchecked
 * (scheduler/pkg/agent/repository/mlserver/mlserver.go setExtraParameters, v2.10.2).
 */
export class ModelExplainer {
  /** A black-box explainer of a model of the app, e.g. `ModelExplainer.forModel('anchor_tabular', iris)`. */
  public static forModel(explainerType: string, model: IExplainedModel): ModelExplainer {
    return new ModelExplainer(explainerType, model.name, undefined, model);
  }

  /** A black-box explainer of a Model given by name. */
  public static forModelName(explainerType: string, modelName: string): ModelExplainer {
    return new ModelExplainer(explainerType, modelName, undefined);
  }

  /** A black-box explainer of a Pipeline given by name. */
  public static forPipelineName(explainerType: string, pipelineName: string): ModelExplainer {
    return new ModelExplainer(explainerType, undefined, pipelineName);
  }

  /**
   * An explainer that references no model or pipeline. Always carries a
   * problem, so a SeldonModel given it throws: Seldon's agent dereferences the
   * missing reference when it loads such an explainer and crashes, taking
   * every model on that server replica down with it (mlserver.go
   * setExtraParameters, v2.10.2), and the scheduler sends the model on to the
   * next replica.
   * @deprecated Seldon Core v2 cannot run it; use `forModel()`, `forModelName()` or `forPipelineName()`.
   */
  public static whiteBox(explainerType: string): ModelExplainer {
    return new ModelExplainer(explainerType, undefined, undefined);
  }

  /** The alibi explainer type (`explainer.type`), e.g. `anchor_tabular`, `kernel_shap`. */
  public readonly explainerType: string;
  /**
   * The explained Model's name (`explainer.modelRef`).
   * @default - none
   */
  public readonly modelRef?: string;
  /**
   * The explained Pipeline's name (`explainer.pipelineRef`).
   * @default - none
   */
  public readonly pipelineRef?: string;
  /**
   * The explained model construct, when given.
   * @default - none
   */
  public readonly model?: IExplainedModel;
  /**
   * Why the explainer cannot be used, if it cannot.
   * @default - undefined for a usable explainer
   */
  public readonly problem?: string;

  private constructor(explainerType: string, modelRef: string | undefined, pipelineRef: string | undefined, model?: IExplainedModel) {
    this.explainerType = explainerType;
    this.modelRef = modelRef;
    this.pipelineRef = pipelineRef;
    this.model = model;
    if (typeof explainerType !== 'string' || !EXPLAINER_TYPE.test(explainerType)) {
      this.problem = `type ${JSON.stringify(explainerType)} is not an explainer type; an alibi explainer name such as "anchor_tabular", "anchor_text", "kernel_shap" is accepted`;
    } else {
      const ref = modelRef ?? pipelineRef;
      if (ref === undefined) {
        this.problem = 'names neither a model nor a pipeline to explain: Seldon\'s agent dereferences the missing reference when it loads the explainer '
          + 'and crashes, with every model on that server replica (scheduler/pkg/agent/repository/mlserver/mlserver.go setExtraParameters, v2.10.2); '
          + 'ModelExplainer.forModel(), forModelName() or forPipelineName() is accepted';
      } else if (!SELDON_V2_NAME.check(ref)) {
        this.problem = `${modelRef !== undefined ? 'modelRef' : 'pipelineRef'} ${JSON.stringify(ref)} is not a Seldon v2 name; lower-case letters, digits and "-", starting and ending with a letter or digit, are accepted`;
      }
    }
  }
}

checkFactories(ModelExplainer, 'ModelExplainer');
