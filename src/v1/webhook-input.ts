/**
 * The constructs' predictors as the plain data the webhook rules read
 * (webhook-rules.ts), and the field names their messages use.
 */
import { PredictiveUnit } from './predictive-unit';
import { PredictorProps } from './predictor';
import { WebhookNaming, WebhookPredictor, WebhookUnit } from './webhook-rules';

/** How the fields of one predictor are named in error messages. @internal */
export interface FieldNaming {
  readonly predictor: (field: string) => string;
  /** `path` is `graph`, `graph.children[0]`, ... */
  readonly unit: (path: string, field: string) => string;
}

function plainUnit(unit: PredictiveUnit, path: string): WebhookUnit {
  const spec = unit._spec;
  return {
    name: spec.name,
    // Every construct node is backed by a server, a container or the executor (rules 10 and 11 cannot apply).
    implementation: spec.server?.implementation ?? spec.implementation ?? '',
    modelUri: spec.modelUri === undefined ? undefined : 'set',
    endpointType: spec.endpointType,
    hasLogger: spec.logger !== undefined,
    loggerMode: spec.logger?.mode,
    children: spec.children.map((c, j) => plainUnit(c, `${path}.children[${j}]`)),
    path,
  };
}

/** A predictor's props as the webhook reads them. */
export function plainPredictor(p: PredictorProps): WebhookPredictor {
  return {
    name: p.name,
    shadow: p.shadow === true,
    traffic: p.traffic ?? 0,
    annotations: p.annotations ?? {},
    containers: [],
    engineEnv: Object.keys(p.engineEnv ?? {}),
    graph: p.graph ? plainUnit(p.graph, 'graph') : undefined,
  };
}

/** A predictor as the webhook's name rule (9) reads it: its name only, without copying its graph. */
export function namedPredictor(p: PredictorProps): WebhookPredictor {
  return { name: p.name, shadow: false, traffic: 0, annotations: {}, containers: [], engineEnv: [] };
}

/** The webhook rules' field names for the constructs' predictors, named by `namings`. */
export function constructNaming(namings: readonly FieldNaming[]): WebhookNaming {
  return {
    spec: f => f,
    predictor: (i, f) => namings[i].predictor(f),
    unit: (i, path, f) => namings[i].unit(path, f),
    where: (i, path) => (path === 'graph' ? '' : ` (node ${namings[i].unit(path, 'name').replace(/\.name$/, '')})`),
    endpointType: 'endpointType',
    engineEnv: 'engineEnv',
  };
}
