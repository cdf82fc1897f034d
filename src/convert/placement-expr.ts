/**
 * A pod spec's placement as `scheduling` calls on what places the pod (a
 * predictor's `PodSettings`, a `PrepackagedModel`, a `SeldonServer`):
 * required and preferred node affinity as `attract(Node.labeled(...))`,
 * tolerations as `tolerate(Node.tainted(...))`. Only what `PodPlacement`
 * (src/k8s/pod-placement.ts) renders exactly is written; the rest stays for
 * the converter's patches, which are the difference between the rendering
 * and the manifest, so a block written here leaves no patch behind.
 */
import { call, Expr, get, lit, obj, ref, staticCall, Stmt } from './code';
import { isCount, seconds, stringList } from './values';
import { isObject, Json } from '../graph/manifests';

const onlyKeys = (value: Json, keys: readonly string[]) => Object.keys(value).every(k => keys.includes(k));

export interface PlacementOptions {
  /**
   * Whether a toleration without `operator` compares equal to one with
   * `Equal` (./normalise.ts says so for a SeldonDeployment's componentSpecs).
   * Elsewhere `NodeTaintQuery.is()` would add the operator, so such a
   * toleration is left to a patch.
   */
  readonly operatorDefaulted: boolean;
}

/** `pod`'s affinity and tolerations as calls on `target.scheduling`. */
export function podPlacementStmts(pod: unknown, target: Expr, options: PlacementOptions): Stmt[] {
  if (!isObject(pod)) return [];
  const scheduling = get(target, 'scheduling');
  const affinity = isObject(pod.affinity) && isObject(pod.affinity.nodeAffinity) ? pod.affinity.nodeAffinity : {};
  const attract = [
    ...requiredTerms(affinity.requiredDuringSchedulingIgnoredDuringExecution),
    ...preferredTerms(affinity.preferredDuringSchedulingIgnoredDuringExecution),
  ];
  const stmts = attract.map(args => ({ value: call(get(scheduling, 'attract'), ...args) }));
  const tolerations = tolerationQueries(pod.tolerations, options);
  if (tolerations.length) stmts.push({ value: call(get(scheduling, 'tolerate'), staticCall('Node', 'tainted', ...tolerations)) });
  return stmts;
}

/**
 * The `attract()` arguments of a required node affinity: one call per
 * `nodeSelectorTerms` entry, as each call adds a term (ORed, as Kubernetes
 * reads them). All or none: a patch of the list would replace it whole.
 */
function requiredTerms(required: unknown): Expr[][] {
  if (!isObject(required) || !onlyKeys(required, ['nodeSelectorTerms']) || !Array.isArray(required.nodeSelectorTerms)) return [];
  const terms = required.nodeSelectorTerms.map(labeledNodeExpr);
  return terms.length && terms.every(t => t !== undefined) ? terms.map(t => [t!]) : [];
}

/** The `attract(node, { weight })` arguments of a preferred node affinity, all or none like the required. */
function preferredTerms(preferred: unknown): Expr[][] {
  if (!Array.isArray(preferred) || preferred.length === 0) return [];
  const out: Expr[][] = [];
  for (const p of preferred) {
    // The library takes a weight of 1 to 100, as Kubernetes does (ValidatePreferredSchedulingTerms).
    if (!isObject(p) || !onlyKeys(p, ['weight', 'preference']) || !isCount(p.weight) || p.weight < 1 || p.weight > 100) return [];
    const node = labeledNodeExpr(p.preference);
    if (!node) return [];
    out.push([node, obj([['weight', lit(p.weight)]])]);
  }
  return out;
}

/**
 * `Node.labeled(...)` for a term of `matchExpressions` only: `attract()`
 * renders `{ matchExpressions }` and needs at least one query, so a term
 * with `matchFields` (even an empty list) or no expressions has no form.
 */
function labeledNodeExpr(term: unknown): Expr | undefined {
  if (!isObject(term) || !onlyKeys(term, ['matchExpressions']) || !Array.isArray(term.matchExpressions) || term.matchExpressions.length === 0) return undefined;
  const queries = term.matchExpressions.map(labelQueryExpr);
  return queries.every(q => q !== undefined) ? staticCall('Node', 'labeled', ...queries as Expr[]) : undefined;
}

const LABEL_OPERATORS: Readonly<Record<string, string>> = { In: 'in', NotIn: 'notIn', Gt: 'gt', Lt: 'lt', Exists: 'exists', DoesNotExist: 'doesNotExist' };

/**
 * A `NodeLabelQuery`, which renders `{ key, operator, values }` with the
 * values as given: `is(key, value)` is `in(key, [value])`. Only the written
 * spellings reproduce a requirement: `values: []` beside `Exists` has none
 * (the queries without values render no list), nor has an empty list beside `In`.
 */
function labelQueryExpr(requirement: unknown): Expr | undefined {
  if (!isObject(requirement) || !onlyKeys(requirement, ['key', 'operator', 'values'])) return undefined;
  const { key, operator, values } = requirement;
  if (typeof key !== 'string' || key === '' || typeof operator !== 'string' || !Object.hasOwn(LABEL_OPERATORS, operator)) return undefined;
  const factory = LABEL_OPERATORS[operator];
  if (operator === 'Exists' || operator === 'DoesNotExist') return values === undefined ? staticCall('NodeLabelQuery', factory, lit(key)) : undefined;
  const list = stringList(values);
  if (!list?.length) return undefined;
  if (operator === 'In' && list.length === 1) return staticCall('NodeLabelQuery', 'is', lit(key), lit(list[0]));
  return staticCall('NodeLabelQuery', factory, lit(key), lit(list));
}

/** The tolerations as `NodeTaintQuery`s, all or none (`tolerate()` appends them in order). */
function tolerationQueries(tolerations: unknown, options: PlacementOptions): Expr[] {
  if (!Array.isArray(tolerations) || tolerations.length === 0) return [];
  const queries = tolerations.map(t => taintQueryExpr(t, options));
  return queries.every(q => q !== undefined) ? queries as Expr[] : [];
}

const EFFECTS: Readonly<Record<string, string>> = { NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' };

/** `NodeTaintQuery.is(key, value, { effect })`, `exists(key)`, `any()`; undefined without an exact form. */
function taintQueryExpr(toleration: unknown, options: PlacementOptions): Expr | undefined {
  if (!isObject(toleration) || !onlyKeys(toleration, ['key', 'operator', 'value', 'effect', 'tolerationSeconds'])) return undefined;
  const { key, value, effect, tolerationSeconds } = toleration;
  // An operator left out is Equal (core/v1 Toleration) where the normal form says so (PlacementOptions).
  const operator = toleration.operator ?? (options.operatorDefaulted ? 'Equal' : undefined);
  if (effect !== undefined && !(typeof effect === 'string' && Object.hasOwn(EFFECTS, effect))) return undefined;
  if (tolerationSeconds !== undefined && (effect !== 'NoExecute' || !isCount(tolerationSeconds))) return undefined;
  const settings = obj([
    ['effect', effect !== undefined ? get(ref('TaintEffect'), EFFECTS[String(effect)]) : undefined],
    ['evictAfter', seconds(tolerationSeconds)],
  ]);
  const opts = settings.k === 'obj' && settings.entries.length ? [settings] : [];
  if (operator === 'Equal' && typeof key === 'string' && key !== '' && typeof value === 'string') return staticCall('NodeTaintQuery', 'is', lit(key), lit(value), ...opts);
  if (operator === 'Exists' && value === undefined && typeof key === 'string' && key !== '') return staticCall('NodeTaintQuery', 'exists', lit(key), ...opts);
  if (operator === 'Exists' && value === undefined && key === undefined && opts.length === 0) return staticCall('NodeTaintQuery', 'any');
  return undefined;
}
