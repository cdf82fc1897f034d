/**
 * The rules of Seldon Core v1's validating webhook, applied to a
 * SeldonDeployment as written (operator/apis/machinelearning.seldon.io/v1/
 * seldondeployment_webhook.go@v1.18.2, SELDON-FACTS §1.4): the converter
 * reports an object the cluster would reject instead of converting it.
 * Each problem quotes the webhook's own message, so users can find the rule.
 * Rule 14 (an implementation missing from `predictor_servers`) is left out:
 * an installation may register its own servers there.
 */
import { formatProblem, show } from '../errors';
import { isObject, Json } from '../graph/manifests';
import { PREPACKAGED_SERVERS } from '../v1/operator-defaults';

const PROTOCOLS = ['seldon', 'tensorflow', 'kfserving', 'v2'];
const NO_TENSORFLOW = new Set(['SKLEARN_SERVER', 'XGBOOST_SERVER', 'MLFLOW_SERVER', 'HUGGINGFACE_SERVER']);

/** The webhook's problems with a SeldonDeployment; `where` names it (`file#doc name`). */
export function webhookProblems(sdep: Json, where: string): string[] {
  const found: string[] = [];
  const report = (field: string, problem: string, accepted: string) => found.push(formatProblem('SeldonDeployment', where, field, problem, accepted));
  const spec = isObject(sdep.spec) ? sdep.spec : {};
  const protocol = spec.protocol;
  if (protocol !== undefined && protocol !== '' && !PROTOCOLS.includes(String(protocol))) {
    report('spec.protocol', `${show(protocol)} is rejected by the webhook ("Invalid protocol")`, `accepted: ${PROTOCOLS.join(', ')}`);
  }
  if (spec.transport !== undefined && spec.transport !== '' && !['rest', 'grpc'].includes(String(spec.transport))) {
    report('spec.transport', `${show(spec.transport)} is rejected by the webhook ("Invalid transport")`, 'accepted: rest, grpc');
  }
  if (spec.serverType !== undefined && spec.serverType !== '' && !['rpc', 'kafka'].includes(String(spec.serverType))) {
    report('spec.serverType', `${show(spec.serverType)} is rejected by the webhook ("Invalid serverType")`, 'accepted: rpc, kafka');
  }
  const predictors = Array.isArray(spec.predictors) ? spec.predictors.filter(isObject) : [];
  if (predictors.length === 0) {
    report('spec.predictors', 'is empty ("Graph contains no predictors")', 'at least one predictor');
    return found;
  }
  const endpointTypes = new Set<string>();
  const names = new Set<string>();
  let shadows = 0;
  let traffic = 0;
  predictors.forEach((p, i) => {
    if (names.has(String(p.name))) report(`spec.predictors[${i}].name`, `${show(p.name)} repeats ("Duplicate predictor name")`, 'a distinct name per predictor');
    names.add(String(p.name));
    if (p.shadow === true) shadows++;
    else traffic += typeof p.traffic === 'number' ? p.traffic : 0;
    const containers = new Set((Array.isArray(p.componentSpecs) ? p.componentSpecs : [])
      .flatMap((c: any) => (Array.isArray(c?.spec?.containers) ? c.spec.containers : []).map((x: any) => x?.name)));
    if (isObject(p.graph)) checkUnit(p.graph, `spec.predictors[${i}].graph`, containers, String(protocol ?? ''), report, endpointTypes);
  });
  if (endpointTypes.size > 1) {
    report('spec.predictors[].graph', `nodes have endpoint types ${[...endpointTypes].join(' and ')} ("Multiple endpoint.types found - can only have 1 type in graph")`,
      'one endpoint.type for every node, or none and spec.transport');
  } else if (endpointTypes.size === 1 && typeof spec.transport === 'string' && spec.transport !== '' && spec.transport.toUpperCase() !== [...endpointTypes][0]) {
    report('spec.transport', `${show(spec.transport)} disagrees with the nodes' endpoint.type ${[...endpointTypes][0]} ("Mixed transport types found")`,
      'the same transport, or no endpoint.type on the nodes');
  }
  if (predictors.length === 1 && shadows === 1) report('spec.predictors[0].shadow', 'is true on the only predictor ("Shadow can not exist as only predictor")', 'a shadow beside a main predictor');
  if (shadows > 1) report('spec.predictors', `have ${shadows} shadows ("Multiple shadows are not allowed")`, 'at most one shadow predictor');
  if (predictors.length - shadows > 1 && traffic !== 100) {
    report('spec.predictors[].traffic', `add up to ${traffic} ("Traffic must sum to 100 for multiple predictors")`, 'traffic of the non-shadow predictors adding up to 100');
  }
  if (predictors.length === 1 && traffic > 0 && traffic < 100) {
    report('spec.predictors[0].traffic', `is ${traffic} on the only predictor ("Traffic must sum be 100 for a single predictor when set")`, 'no traffic, or 100');
  }
  return found;
}

type Report = (field: string, problem: string, accepted: string) => void;

function checkUnit(unit: Json, field: string, containers: Set<string>, protocol: string, report: Report, endpointTypes: Set<string>): void {
  if (isObject(unit.endpoint) && typeof unit.endpoint.type === 'string' && unit.endpoint.type !== '') endpointTypes.add(unit.endpoint.type);
  const impl = typeof unit.implementation === 'string' ? unit.implementation : '';
  const prepackaged = impl in PREPACKAGED_SERVERS;
  if ((impl === '' || impl === 'UNKNOWN_IMPLEMENTATION') && !containers.has(String(unit.name))) {
    report(field, `node ${show(unit.name)} has no implementation and no container of its name ("Can't find container for Predictive Unit")`,
      'an implementation, or a container of the node\'s name in componentSpecs');
  }
  if (prepackaged && (unit.modelUri === undefined || unit.modelUri === '') && impl !== 'HUGGINGFACE_SERVER') {
    report(`${field}.modelUri`, `is empty for ${impl} ("Predictive unit modelUri required when using standalone servers")`, 'a modelUri');
  }
  if (protocol === 'tensorflow' && NO_TENSORFLOW.has(impl)) {
    report('spec.protocol', `"tensorflow" is rejected for ${impl} ("Prepackaged server does not handle tensorflow protocol")`, 'seldon or v2');
  }
  if (isObject(unit.logger) && (unit.logger.mode === undefined || unit.logger.mode === '')) {
    report(`${field}.logger.mode`, 'is empty ("No logger mode specified")', 'all, request or response');
  }
  const children = Array.isArray(unit.children) ? unit.children.filter(isObject) : [];
  children.forEach((c, i) => checkUnit(c, `${field}.children[${i}]`, containers, protocol, report, endpointTypes));
}
