/**
 * Which SeldonDeployments a `PrepackagedModel` can say, with its canaries and
 * shadow: what ./v1.ts writes as `withCanary()` and `withShadow()`.
 */
import { isObject, Json } from '../graph/manifests';
import { PREPACKAGED_SERVERS } from '../v1/operator-defaults';

export interface PrepackagedShape {
  readonly main: Json;
  readonly versions: Array<['withCanary' | 'withShadow', Json]>;
}

const PREDICTOR_KEYS_OF_A_VERSION = new Set(['name', 'graph', 'replicas', 'traffic', 'shadow', 'componentSpecs']);

/**
 * A deployment `PrepackagedModel` can say: a first predictor of one
 * prepackaged node, then canaries and at most one shadow of the same node
 * name (the fluent methods share the main predictor's graph name).
 */
export function asPrepackagedModel(predictors: Json[]): PrepackagedShape | undefined {
  if (predictors.length === 0 || predictors[0].shadow === true) return undefined;
  const single = (p: Json) => isObject(p.graph) && typeof p.graph.implementation === 'string' && p.graph.implementation in PREPACKAGED_SERVERS
    && !(Array.isArray(p.graph.children) && p.graph.children.length > 0);
  if (!predictors.every(single)) return undefined;
  const name = (predictors[0].graph as Json).name;
  const versions: Array<['withCanary' | 'withShadow', Json]> = [];
  let canaryTraffic = 0;
  let shadows = 0;
  for (const p of predictors.slice(1)) {
    if ((p.graph as Json).name !== name || Object.keys(p).some(k => !PREDICTOR_KEYS_OF_A_VERSION.has(k))) return undefined;
    if (Array.isArray(p.componentSpecs) && p.componentSpecs.length > 0 && versionContainer(p) === undefined) return undefined;
    if (p.shadow === true) {
      shadows++;
      versions.push(['withShadow', p]);
    } else {
      if (typeof p.traffic !== 'number' || !Number.isInteger(p.traffic) || p.traffic < 1) return undefined;
      canaryTraffic += p.traffic;
      versions.push(['withCanary', p]);
    }
  }
  if (shadows > 1 || canaryTraffic > 99) return undefined;
  // withCanary gives the main predictor what the canaries leave.
  if (canaryTraffic > 0 && predictors[0].traffic !== 100 - canaryTraffic) return undefined;
  return { main: predictors[0], versions };
}

/**
 * The one container of a version's one componentSpec, when it says only its resources and env (what `withCanary()`
 * and `withShadow()` take besides the model's): `{ spec: { containers: [{ name, resources?, env? }] } }`.
 */
export function versionContainer(predictor: Json): Json | undefined {
  const specs = predictor.componentSpecs;
  if (!Array.isArray(specs) || specs.length !== 1 || !isObject(specs[0]) || Object.keys(specs[0]).some(k => k !== 'spec')) return undefined;
  const spec = specs[0].spec;
  if (!isObject(spec) || Object.keys(spec).some(k => k !== 'containers') || !Array.isArray(spec.containers) || spec.containers.length !== 1) return undefined;
  const container = spec.containers[0];
  const node = isObject(predictor.graph) ? predictor.graph.name : undefined;
  if (!isObject(container) || container.name !== node || Object.keys(container).some(k => !['name', 'resources', 'env'].includes(k))) return undefined;
  return container;
}
