import { IConstruct } from 'constructs';
import { Problems, show } from '../errors';
import { PredictorProps } from './predictor';
import { PodSettings } from '../k8s/pod-settings';

type Report = (field: string, problem: string, accepted: string) => void;

/** What a predictor renders on its own componentSpec (componentSpecs[0]) beside the containers. */
const OWN_POD_SETTINGS = ['autoscaler', 'disruptionBudget', 'imagePullSecrets', 'serviceAccount', 'priorityClassName', 'podLabels',
  'podAnnotations', 'terminationGracePeriod', 'volumes'] as const;

/** Reports the settings described by `lost` as lost on a predictor's own pod that keeps no container. */
export type EmptyOwnPod = (lost: string, report: Report) => void;

/**
 * The rule of a predictor whose own pod keeps no container: the operator makes a Deployment, HPA, ScaledObject and
 * PDB only for a componentSpec with containers (seldondeployment_controller.go createComponents, "if no container spec
 * then nothing to create"), and the executor's own Deployment takes nothing of it (seldondeployment_engine.go
 * createEngineDeployment), so what the predictor sets on that componentSpec is dropped without a word. Reached only
 * with a separate executor pod or no executor (the other case is reported as leaving the executor no pod).
 * Reports the props' settings now; returns the rule, for those made on the pod later (`laterOwnPodProblems`).
 * `separated`: separatePods took the nodes that run a container (else the graph has none).
 */
export function emptyOwnPod(p: PredictorProps, separated: boolean, field: (f: string) => string, report: Report): EmptyOwnPod {
  const rule: EmptyOwnPod = (lost, to) => to(field(separated ? 'separatePods' : 'graph'),
    `${separated ? 'take every node that runs a container' : 'has no node that runs a container'}, so the predictor's own pod (componentSpecs[0]) `
    + 'has none, and the operator makes no Deployment, autoscaler or disruption budget for a componentSpec without containers '
    + `(seldondeployment_controller.go createComponents): its ${lost} would be lost`,
    separated ? 'at least one node that runs a container in the predictor\'s own pod, or these settings on the separate pods (each takes an autoscaler and pod settings)'
      : `a component or prepackaged node in the graph, or no ${lost}`);
  const set = OWN_POD_SETTINGS.filter(key => setsSomething(p[key]));
  if (set.length > 0) rule(set.join(', '), report);
  return rule;
}

/** Whether a setting writes anything: an empty list (imagePullSecrets, volumes) or map (podLabels, podAnnotations) does not. */
function setsSomething(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype || Object.keys(value).length > 0;
}

/**
 * The rule of `emptyOwnPod` at synth, for what was set on the pod after the predictor was added: `predictorPod()`'s
 * placement and image pull Secrets (its other fields are props, judged then). Asked only of a pod that keeps no
 * container, which no later call can change (the graph, separatePods and sidecars are props).
 */
export function laterOwnPodProblems(owner: IConstruct, kind: string, predictor: string, settings: PodSettings | undefined,
  rule: EmptyOwnPod): string[] {
  // The pod-spec fields as rendered (affinity, tolerations, nodeName, imagePullSecrets); none on a pod never asked for.
  const fields = settings === undefined ? [] : Object.keys(settings._toPodSpec());
  if (fields.length === 0) return [];
  const problems = new Problems(kind, owner);
  rule(`${fields.join(', ')} set through predictorPod(${show(predictor)})`, (field, problem, accepted) => problems.add(field, problem, accepted));
  return problems.messages;
}
