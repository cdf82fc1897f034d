import { show } from '../errors';
import { alibiExplainerImageProblems } from './alibi-explainer-args';
import { Transport } from './deployment-settings';
import { ExplainerType } from './explainer';
import { EXPLAINER_NAME_ACCEPTED, explainerContainerProblems, explainerInitializerCut, explainerProtocolProblems } from './explainer-rendering';
import { PredictorProps } from './predictor';
import { SeldonProtocol } from './protocol';
import { Report, checkV1Uri } from './unit-checks';
import { FieldNaming } from './webhook-input';
import { INT32_COUNT, isInt32Count } from '../k8s/int32';

/** What the explainer rules read of the SeldonDeployment. */
export interface ExplainerCheckContext {
  /** The SeldonDeployment's name, which the explainer's names start with. */
  readonly name: string;
  readonly protocol?: SeldonProtocol;
  readonly transport?: Transport;
}

/** The rules of a predictor's explainer, checked when the predictor is added or its explainer replaced. */
export function checkExplainer(p: PredictorProps, naming: FieldNaming, ctx: ExplainerCheckContext, report: Report): void {
  const ex = p.explainer;
  if (!ex) return;
  const types = Object.values(ExplainerType) as string[];
  if (!types.includes(ex.explainerType)) report(naming.predictor('explainer.explainerType'), `${show(ex.explainerType)} is not an explainer type`, `accepted: ${types.join(', ')}`);
  if (ex.modelUri) {
    checkV1Uri(ex.modelUri, naming.predictor('explainer.modelUri'), report);
    const cut = explainerInitializerCut(ctx.name, p.name);
    if (cut) report(naming.predictor('explainer.modelUri'), cut, EXPLAINER_NAME_ACCEPTED);
  }
  const r = ex.replicas ?? 1;
  if (!isInt32Count(r)) report(naming.predictor('explainer.replicas'), `${show(r)} is not a replica count`, INT32_COUNT);
  explainerContainerProblems(ex, f => naming.predictor(`explainer.${f}`), report);
  explainerProtocolProblems(ex, ctx.protocol, ctx.transport, f => naming.predictor(`explainer.${f}`), report);
  alibiExplainerImageProblems(ex, ctx.protocol, ctx.transport, f => naming.predictor(`explainer.${f}`), report);
}
