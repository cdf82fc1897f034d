import { IConstruct } from 'constructs';
import { ModelExplainer } from './model-explainer';
import { ModelLlm } from './model-llm';

/** A SeldonModel construct a model's agent calls, with the field that names it. */
export interface ModelCall {
  readonly construct: IConstruct;
  readonly name: string;
  readonly field: string;
}

/** The model constructs a model's agent calls: the explained model and the LLM's model, when given as constructs. */
export function modelCalls(props: { readonly explainer?: ModelExplainer; readonly llm?: ModelLlm }): ModelCall[] | undefined {
  const calls: ModelCall[] = [];
  const explained = props.explainer?.model;
  if (explained !== undefined) calls.push({ construct: explained, name: props.explainer?.modelRef ?? explained.name, field: 'explainer' });
  const llm = props.llm?.model;
  if (llm !== undefined) calls.push({ construct: llm, name: props.llm?.modelRef ?? llm.name, field: 'llm' });
  return calls.length === 0 ? undefined : calls;
}
