/**
 * Seldon Core v1's validating webhook applied to a SeldonDeployment as
 * written: the converter reports an object the cluster would reject instead
 * of converting it. The rules are the library's own (src/v1/webhook-rules.ts,
 * which the constructs check too); this reads the manifest into their input.
 */
import { formatProblem } from '../errors';
import { isObject, Json } from '../graph/manifests';
import { WebhookPredictor, WebhookUnit, checkWebhookRules } from '../v1/webhook-rules';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

function unit(u: Json, path: string): WebhookUnit {
  const children = Array.isArray(u.children) ? u.children.filter(isObject) : [];
  return {
    name: u.name,
    implementation: u.implementation ?? undefined,
    modelUri: u.modelUri,
    unitType: u.type,
    methods: Array.isArray(u.methods) ? u.methods : undefined,
    endpointType: isObject(u.endpoint) ? text(u.endpoint.type) : undefined,
    hasLogger: isObject(u.logger),
    loggerMode: isObject(u.logger) ? u.logger.mode : undefined,
    children: children.map((c, i) => unit(c, `${path}.children[${i}]`)),
    path,
  };
}

function predictor(p: Json, i: number): WebhookPredictor {
  const components = Array.isArray(p.componentSpecs) ? p.componentSpecs : [];
  const env = isObject(p.svcOrchSpec) && Array.isArray(p.svcOrchSpec.env) ? p.svcOrchSpec.env : [];
  return {
    name: p.name,
    shadow: p.shadow === true,
    traffic: typeof p.traffic === 'number' ? p.traffic : 0,
    annotations: isObject(p.annotations) ? p.annotations : {},
    containers: components.flatMap((c: any) => (Array.isArray(c?.spec?.containers) ? c.spec.containers : []).map((x: any) => x?.name)),
    engineEnv: env.map((e: any) => e?.name),
    graph: isObject(p.graph) ? unit(p.graph, `spec.predictors[${i}].graph`) : undefined,
  };
}

/** The webhook's problems with a SeldonDeployment; `where` names it (`file#doc name`). */
export function webhookProblems(sdep: Json, where: string): string[] {
  const found: string[] = [];
  const spec = isObject(sdep.spec) ? sdep.spec : {};
  const predictors = Array.isArray(spec.predictors) ? spec.predictors.filter(isObject) : [];
  checkWebhookRules({ protocol: spec.protocol, transport: spec.transport, serverType: spec.serverType, predictors: predictors.map(predictor) }, {
    spec: f => `spec.${f}`,
    predictor: (i, f) => `spec.predictors[${i}].${f}`,
    unit: (_i, path, f) => (f ? `${path}.${f}` : path),
    where: (_i, path) => ` (node ${path})`,
    endpointType: 'endpoint.type',
    engineEnv: 'svcOrchSpec.env',
  }, (field, problem, accepted) => found.push(formatProblem('SeldonDeployment', where, field, problem, accepted)));
  return found;
}
