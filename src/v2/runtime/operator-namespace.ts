/**
 * Where the operator reads a runtime's SeldonConfig: from its own namespace only. GetSeldonConfigForSeldonRuntime gets
 * `{Name: spec.seldonConfig, Namespace: constants.SeldonNamespace}` (operator/apis/mlops/v1alpha1/seldonconfig_types.go
 * :160-169@v2.10.2), and SeldonNamespace is the operator pod's POD_NAMESPACE, `seldon-mesh` when unset
 * (operator/pkg/constants/constants.go:33). When it is not found, NewSeldonRuntimeReconciler returns the error
 * (runtime_reconciler.go:276-279) and the runtime is never installed. Seldon's setup chart installs a namespaced operator
 * by default (`controller.clusterwide: false`, seldon-core-v2-setup values.yaml:187), which reconciles only the runtimes
 * of its own namespace: so, unless told otherwise, the operator is taken to run in the runtime's namespace.
 */
import { ISeldonConfig, SeldonConfig } from './seldon-config';
import { show } from '../../errors';
import { namespaceOf } from '../../k8s/namespaces';
import { DNS_1123_LABEL, nameProblem } from '../../names';

/** Problems of `operatorNamespace` and of the SeldonConfig's namespace against it, as [field, problem, accepted]. */
export function operatorNamespaceProblems(config: ISeldonConfig, runtimeNamespace: string | undefined,
  operatorNamespace: string | undefined): Array<[string, string, string]> {
  // A string: the props were checked at the boundary.
  if (operatorNamespace !== undefined && nameProblem(operatorNamespace, DNS_1123_LABEL)) {
    return [['operatorNamespace', `${show(operatorNamespace)} is not a namespace name`, DNS_1123_LABEL.accepted]];
  }
  const operator = operatorNamespace ?? runtimeNamespace;
  const theirs = config instanceof SeldonConfig ? namespaceOf(config.apiObject) : undefined;
  if (operator === undefined || theirs === undefined || theirs === operator) return [];
  const assumed = operatorNamespace === undefined ? ' (operatorNamespace is unset, so the runtime\'s own namespace)' : '';
  return [['seldonConfig', `is SeldonConfig ${show(config.name)} in namespace ${show(theirs)}, but the operator reads a runtime's SeldonConfig from `
    + `its own namespace only (its POD_NAMESPACE), taken to be ${show(operator)}${assumed}, so the runtime would never be installed`,
  `the SeldonConfig in a chart of namespace ${show(operator)}, or operatorNamespace: ${show(theirs)} if the operator runs there (cluster-wide)`]];
}
