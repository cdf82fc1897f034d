import { k8s, Volume } from 'cdk8s-plus-27';
import { show, showObject } from '../errors';
import { EmptyOwnPod, emptyOwnPod } from './empty-own-pod';
import { runsWithoutExecutor } from './executor-annotations';
import { PredictorProps } from './predictor';
import { autoscalerProblems } from './predictor-deployment-checks';
import { podVolumes } from './predictor-pod';
import { SeparatePodProps } from './separate-pod';
import * as sd from '../imports/machinelearning.seldon.io';
import { INT32_COUNT, isInt32Count } from '../k8s/int32';
import { PodSettings } from '../k8s/pod-settings';

type Report = (field: string, problem: string, accepted: string) => void;

/** The names of the nodes that run a container, in graph order. */
function containerNodes(p: PredictorProps): string[] {
  return (p.graph?._walk?.() ?? []).filter(u => u._spec.kind !== 'builtIn').map(u => u.name);
}

/** Checks of a predictor's separate pods; returns the rule of its own pod when that keeps no container (empty-own-pod.ts). */
export function separatePodProblems(p: PredictorProps, ctx: { explicit: boolean; separateEnginePod: boolean; field: (f: string) => string },
  report: Report): EmptyOwnPod | undefined {
  // The boundary check (prop-check.ts) has made separatePods a list of SeparatePodProps, each with a list of nodes.
  // Without them, a graph whose root runs a container gives the executor a pod: the common case, settled without a walk.
  if (p.separatePods === undefined && p.graph?._spec?.kind !== 'builtIn') return undefined;
  const withContainer = containerNodes(p);
  const placed = new Map<string, number>();
  if (p.separatePods !== undefined) placeSeparatePods(p.separatePods, withContainer, placed, ctx, report);
  const noExecutorHere = ctx.separateEnginePod || runsWithoutExecutor(p);
  const allPlaced = withContainer.every(n => placed.has(n));
  const empty = noExecutorHere && allPlaced && !(p.sidecars?.length) ? emptyOwnPod(p, withContainer.length > 0, ctx.field, report) : undefined;
  // The executor joins the Deployment of a node of the first componentSpec (createComponents, unless no-engine):
  // without one, "engine not separate and no pu with localhost service - not clear where to inject engine".
  if (noExecutorHere || !allPlaced) return empty;
  if (withContainer.length === 0) {
    report(ctx.field('graph'), 'has no node that runs a container (only built-in implementations), so the operator finds no pod to run the executor in '
      + 'and fails every reconcile ("engine not separate and no pu with localhost service", seldondeployment_controller.go)',
    'a component or prepackaged node in the graph, or separateEnginePod: true');
  } else {
    report(ctx.field('separatePods'), `take every node that runs a container (${withContainer.join(', ')}), leaving the executor no pod to join`,
      'at least one such node in the predictor\'s own pod, or separateEnginePod: true');
  }
  return undefined;
}

function placeSeparatePods(pods: SeparatePodProps[], withContainer: string[], placed: Map<string, number>,
  ctx: { explicit: boolean; field: (f: string) => string }, report: Report): void {
  if (ctx.explicit && pods.length > 0) {
    report(ctx.field('separatePods'), 'are set in explicit storage-initializer mode, which declares every server container in one pod per predictor',
      'separatePods without explicitStorageInitializer');
  }
  pods.forEach((pod, i) => {
    const field = (f: string) => ctx.field(`separatePods[${i}].${f}`);
    if (pod.nodes.length === 0) {
      report(field('nodes'), `${showObject(pod.nodes)} names no node`, 'the names of one or more graph nodes that run a container');
      return;
    }
    pod.nodes.forEach((name, j) => {
      if (!withContainer.includes(name)) {
        report(field(`nodes[${j}]`), `${show(name)} is not a node of the graph that runs a container`, `accepted: one of ${withContainer.join(', ') || '(none)'}`);
      } else if (placed.has(name)) {
        report(field(`nodes[${j}]`), `${show(name)} is also in separatePods[${placed.get(name)}] (the operator would run its container twice)`, 'accepted: each node in one pod');
      } else {
        // the first pod that names a node is where the others are said to repeat it
        placed.set(name, i);
      }
    });
    if (pod.replicas !== undefined && !isInt32Count(pod.replicas)) report(field('replicas'), `${show(pod.replicas)} is not a replica count`, INT32_COUNT);
    autoscalerProblems(pod, 'pod', field, report);
  });
}

/**
 * The componentSpecs of the separate pods: each holds its nodes' containers
 * (a bare skeleton for a prepackaged node without container settings).
 * `containers` are the predictor's rendered containers; those placed here are removed from it.
 */
export function renderSeparatePods(p: PredictorProps, containers: k8s.Container[], settings: PodSettings[])
  : sd.SeldonDeploymentSpecPredictorsComponentSpecs[] {
  return (p.separatePods ?? []).map((pod, i) => {
    const own = pod.nodes.map(name => {
      const at = containers.findIndex(c => c.name === name);
      return at < 0 ? { name } : containers.splice(at, 1)[0];
    });
    const scaling = pod.autoscaler?._render();
    const nonEmpty = (map: { [key: string]: string }) => Object.keys(map).length ? map : undefined;
    const labels = nonEmpty(settings[i].podLabels);
    const annotations = nonEmpty(settings[i].podAnnotations);
    return {
      metadata: labels || annotations ? { labels, annotations } : undefined,
      // The operator keeps a componentSpec's containers and volumes as written (createDeploymentWithoutEngine): the nodes', then the sidecars.
      spec: k8s.toJson_PodSpec({
        ...settings[i]._toPodSpec(), volumes: volumesOf(p, pod.nodes, pod.volumes ?? []), containers: [...own, ...pod.sidecars ?? []],
      }),
      replicas: pod.replicas,
      hpaSpec: scaling?.hpaSpec,
      kedaSpec: scaling?.kedaSpec,
    };
  });
}

/** The volumes of a separate pod: the listed ones, then those its nodes mount. */
function volumesOf(p: PredictorProps, nodes: string[], listed: Volume[]): k8s.Volume[] | undefined {
  const volumes = podVolumes(listed, p.graph._walk().filter(u => nodes.includes(u.name)));
  return volumes.length ? volumes : undefined;
}

/**
 * The predictor's componentSpecs, then its separate pods'. The first entry
 * stays the predictor's own, empty if need be: the operator adds the
 * containers of prepackaged nodes that have none to componentSpecs[0]
 * (defaults.go DefaultSeldonDeployment).
 */
export function withSeparatePods(main: sd.SeldonDeploymentSpecPredictorsComponentSpecs[] | undefined,
  separate: readonly sd.SeldonDeploymentSpecPredictorsComponentSpecs[]): sd.SeldonDeploymentSpecPredictorsComponentSpecs[] | undefined {
  if (separate.length === 0) return main;
  return [...(main ?? [{ spec: { containers: [] } }]), ...separate];
}
