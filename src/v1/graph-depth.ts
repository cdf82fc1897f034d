import type { PredictiveUnit } from './predictive-unit';

/**
 * How many levels of `children` below `graph` the SeldonDeployment CRD that
 * Seldon's Helm chart installs describes (helm-charts/seldon-core-operator/
 * templates/customresourcedefinition_v1_seldondeployments...yaml@v1.18.2).
 * The API server prunes fields a structural schema does not describe, so a
 * deeper node would be silently dropped. test/field-coverage/v1-coverage.test.ts
 * counts the levels in the CRD.
 */
export const HELM_CRD_CHILD_LEVELS = 10;


/** Why a graph cannot be walked, at the path of the node (`graph.children[0]`...) and field. */
export interface GraphShapeProblem {
  readonly path: string;
  readonly field: string;
  readonly problem: string;
  readonly accepted: string;
}

/**
 * The first node deeper than the CRD keeps, or that contains one of its own
 * ancestors (a graph that contains itself: only a JavaScript caller who
 * changes a node's children after building it can make one). Walked without
 * recursion and never below HELM_CRD_CHILD_LEVELS, so a graph 100,000 nodes
 * deep, or an endless one, is an error and not a stack overflow. Every other
 * walk of a graph runs after this check, on a graph at most 11 nodes deep.
 */
export function graphShapeProblem(root: PredictiveUnit): GraphShapeProblem | undefined {
  // A single node (most graphs) contains nothing and is one level deep.
  if (root._spec.children.length === 0) return undefined;
  const stack: Array<{ unit: PredictiveUnit; path: string; ancestors: PredictiveUnit[] }> = [{ unit: root, path: 'graph', ancestors: [] }];
  while (stack.length > 0) {
    const { unit, path, ancestors } = stack.pop()!;
    const children = unit._spec.children;
    const again = children.findIndex(c => c === unit || ancestors.includes(c));
    if (again >= 0) {
      return {
        path,
        field: `children[${again}]`,
        problem: `is node ${JSON.stringify(children[again].name)}, which contains this node: the graph contains itself`,
        accepted: 'a tree of nodes, each built from its children (PredictiveUnit factories take the children they route to)',
      };
    }
    if (children.length > 0 && ancestors.length === HELM_CRD_CHILD_LEVELS) {
      return {
        path,
        field: 'children',
        problem: `are ${HELM_CRD_CHILD_LEVELS + 1} levels below the graph root, deeper than the ${HELM_CRD_CHILD_LEVELS} levels the CRD of Seldon's Helm chart keeps (the API server would drop them)`,
        accepted: `a graph at most ${HELM_CRD_CHILD_LEVELS + 1} nodes deep`,
      };
    }
    children.forEach((c, j) => stack.push({ unit: c, path: `${path}.children[${j}]`, ancestors: [...ancestors, unit] }));
  }
  return undefined;
}
