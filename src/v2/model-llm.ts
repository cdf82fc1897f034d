import { IExplainedModel } from './model-explainer';
import { SELDON_V2_NAME } from './v2-names';
import { checkFactories } from '../k8s/prop-check';

/**
 * Makes a Seldon v2 Model an LLM component (`spec.llm`) that runs on top of
 * another Model or a Pipeline, e.g. a prompt or a conversational-memory
 * runtime of Seldon's LLM module in front of the model that generates.
 * The operator accepts `llm` or `explainer`, never both
 * (model_types.go Validate: "Can't have both explainer and llm in model spec.").
 */
export class ModelLlm {
  /** An LLM component over a model of the app (a `SeldonModel`). */
  public static forModel(model: IExplainedModel): ModelLlm {
    return new ModelLlm(model?.name, undefined, model);
  }

  /** An LLM component over a Model given by name. */
  public static forModelName(modelName: string): ModelLlm {
    return new ModelLlm(modelName, undefined);
  }

  /** An LLM component over a Pipeline given by name. */
  public static forPipelineName(pipelineName: string): ModelLlm {
    return new ModelLlm(undefined, pipelineName);
  }

  /**
   * The Model it runs over (`llm.modelRef`).
   * @default - none
   */
  public readonly modelRef?: string;
  /**
   * The Pipeline it runs over (`llm.pipelineRef`).
   * @default - none
   */
  public readonly pipelineRef?: string;
  /**
   * The model construct, when given.
   * @default - none
   */
  public readonly model?: IExplainedModel;
  /**
   * Why it cannot be used, if it cannot.
   * @default - undefined for a usable reference
   */
  public readonly problem?: string;

  private constructor(modelRef: string | undefined, pipelineRef: string | undefined, model?: IExplainedModel) {
    this.modelRef = modelRef;
    this.pipelineRef = pipelineRef;
    this.model = model;
    const [field, ref] = modelRef !== undefined || pipelineRef === undefined ? ['modelRef', modelRef] : ['pipelineRef', pipelineRef];
    if (typeof ref !== 'string' || !SELDON_V2_NAME.check(ref)) {
      this.problem = `${field} ${JSON.stringify(ref)} is not a Seldon v2 name; ${SELDON_V2_NAME.accepted}`;
    }
  }
}

checkFactories(ModelLlm, 'ModelLlm');
