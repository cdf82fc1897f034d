/**
 * How many levels of `children` below `graph` the SeldonDeployment CRD that
 * Seldon's Helm chart installs describes (helm-charts/seldon-core-operator/
 * templates/customresourcedefinition_v1_seldondeployments...yaml@v1.18.2).
 * The API server prunes fields a structural schema does not describe, so a
 * deeper node would be silently dropped. test/field-coverage/v1-coverage.test.ts
 * counts the levels in the CRD.
 */
export const HELM_CRD_CHILD_LEVELS = 10;

/** The depth of a node from its graph path (`graph` is 0, `graph.children[0]` is 1, ...). */
export function graphDepth(path: string): number {
  return (path.match(/\.children\[/g) ?? []).length;
}
