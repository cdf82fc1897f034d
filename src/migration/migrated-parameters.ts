import { ModelParameter } from '../v1/model-parameter';
import { SeldonProtocol } from '../v1/protocol';
import { landsOnTriton } from '../v2/capabilities';
import { serverFactsOf } from '../v2/scheduling';
import { ISeldonServer } from '../v2/server-reference';

/** MLServer's parameter that names the method its SKLearn runtime calls (mlserver_sklearn/sklearn.py, `predict_fn`). */
const PREDICT_FN = 'predict_fn';
/** The `__init__` argument of v1's SKLearnServer that does the same (servers/sklearnserver/SKLearnServer.py, 1.18.2). */
const METHOD = 'method';

/** A v1 node's parameters as a v2 Model's, and what changed on the way. */
export interface MigratedParameters {
  readonly parameters?: { [name: string]: string };
  readonly note?: string;
}

/**
 * The parameters a v2 Model gets for a v1 node's. The v2 agent writes each into `parameters.extra` of the model's
 * `model-settings.json`, which MLServer's runtimes read by their own names. v1's SKLearnServer (the seldon protocol)
 * calls `predict_proba` unless its `method` parameter says `decision_function` or `predict`, where MLServer
 * calls `predict` unless `predict_fn` names another: the Model sets `predict_fn` so that clients get what they got.
 * Under the v2 and kfserving protocols v1 already ran MLServer, whose parameters carry over as they are.
 */
export function migratedParameters(implementation: string, protocol: SeldonProtocol | undefined, v1: readonly ModelParameter[]): MigratedParameters {
  const own = v1.length ? Object.fromEntries(v1.map(p => [p.name, p.value])) : undefined;
  const seldonProtocol = protocol === undefined || protocol === SeldonProtocol.SELDON;
  // (v1 refuses any other parameter of SKLEARN_SERVER under the seldon protocol: its class takes `method` only.)
  if (implementation !== 'SKLEARN_SERVER' || !seldonProtocol) return { parameters: own };
  const method = own?.[METHOD];
  // The v1 construct takes only the methods SKLearnServer.predict names (predict_proba, decision_function, predict).
  const predictFn = method ?? 'predict_proba';
  const { [METHOD]: _dropped, ...rest } = own ?? {};
  return {
    parameters: { ...rest, [PREDICT_FN]: predictFn },
    note: `v1's SKLearnServer called ${predictFn}${method === undefined ? ' (its default)' : ` (method ${JSON.stringify(method)})`}; MLServer calls predict `
      + `unless the parameter ${PREDICT_FN} names another method, so the Model sets ${PREDICT_FN} to ${JSON.stringify(predictFn)}`
      + `${method === undefined ? '' : ` in place of ${METHOD}, which MLServer does not read`}`,
  };
}

/**
 * The agent that writes a migrated Model's parameters: `triton` writes them nowhere (triton.go SetExtraParameters does
 * nothing), `mlserver` into model-settings.json, `unknown` for a pinned server whose SELDON_SERVER_TYPE is unknown here.
 * A pinned server decides (the agent reads any type but "triton" as MLServer, scheduler/cmd/agent/main.go); an unpinned
 * model goes where the installation's ServerConfigs would place it.
 */
export function parametersAgent(requirements: readonly string[], server: ISeldonServer | undefined): 'triton' | 'mlserver' | 'unknown' {
  if (server === undefined) return landsOnTriton(requirements) ? 'triton' : 'mlserver';
  const type = serverFactsOf(server)?.serverType;
  if (type === undefined) return 'unknown';
  return type === 'triton' ? 'triton' : 'mlserver';
}
