import { k8s, Volume } from 'cdk8s-plus-27';
import { PredictorPodProps } from './predictor-pod-props';
import { show, showObject } from '../errors';
import { ENGINE_CONTAINER, PODINFO_VOLUME } from './operator/names';
import { operatorDerivedName, STORAGE_INITIALIZER, TFSERVING_SIDECAR } from './operator-defaults';
import { PredictiveUnit } from './predictive-unit';
import { SeldonProtocol } from './protocol';
import { isTfServingProxy, storageInitializerTarget } from './storage-initializer-target';
import { mountedVolumes } from './unit-container-settings';
import { containerRangeProblems } from '../k8s/container-ranges';
import { rawContainerEnvProblems } from '../k8s/env';
import { addPodVolume, isVolume } from '../k8s/volume-mounts';
import { ModelUriKind } from '../model-uri';
import { DNS_1123_LABEL, nameProblem } from '../names';

type Report = (field: string, problem: string, accepted: string) => void;

/** The predictor as far as its pod goes. */
interface PodOwner extends PredictorPodProps {
  readonly graph: PredictiveUnit;
  readonly separatePods?: Array<{ readonly nodes: string[]; readonly sidecars?: k8s.Container[]; readonly volumes?: Volume[] }>;
}

/** The graph nodes in the predictor's own pod (not builtIn, not in a separate pod), in graph order. */
export function podNodes(p: PodOwner): PredictiveUnit[] {
  const separated = new Set((Array.isArray(p.separatePods) ? p.separatePods : []).flatMap(s => (Array.isArray(s?.nodes) ? s.nodes : [])));
  return p.graph._walk().filter(u => u._spec.kind !== 'builtIn' && !separated.has(u.name));
}

/** The predictor's pods with the graph nodes whose containers run in each: its own (index -1), then each separate pod. */
export function podsOfPredictor(p: PodOwner): Array<{ readonly index: number; readonly nodes: PredictiveUnit[] }> {
  const separate = Array.isArray(p.separatePods) ? p.separatePods : [];
  const allNodes = p.graph._walk();
  const podOf = new Map<string, number>();
  separate.forEach((pod, i) => (Array.isArray(pod?.nodes) ? pod.nodes : []).forEach(n => { if (!podOf.has(n)) podOf.set(n, i); }));
  return [{ index: -1, nodes: podNodes(p) }, ...separate.map((_, i) => ({ index: i, nodes: allNodes.filter(u => podOf.get(u.name) === i) }))];
}

/**
 * The claims of the pvc:// nodes of each pod that holds more than one, by pod ('' for the predictor's own, else the
 * separate pod's nodes): the operator adds a volume named kfserving-pvc-source to the Deployment holding the node's
 * container (model_initializer_injector.go, seldondeployment_prepackaged_servers.go addModelServersAndInitContainers),
 * so two in one pod repeat it.
 */
export function repeatedPvcSources(p: PodOwner): Map<string, string[]> {
  const byPod = new Map<string, string[]>();
  for (const { index, nodes } of podsOfPredictor(p)) {
    const claims = nodes.map(u => u._spec.modelUri).filter(uri => uri?.kind === ModelUriKind.PVC && !uri.problem).map(uri => uri!.claimName!);
    if (claims.length > 1) byPod.set(index < 0 ? '' : p.separatePods![index].nodes.join(', '), claims);
  }
  return byPod;
}

/**
 * The ServiceAccounts of the prepackaged nodes of each pod that holds more than one, by pod ('' for the predictor's own,
 * else the separate pod's nodes): the operator sets the pod's account to each prepackaged node's in turn
 * (seldondeployment_prepackaged_servers.go createDeploymentWithoutEngine... `deploy.Spec.Template.Spec.ServiceAccountName =
 * pu.ServiceAccountName`), so the last one is the account every container of the pod runs as.
 */
export function repeatedServiceAccounts(p: PodOwner): Map<string, string[]> {
  const byPod = new Map<string, string[]>();
  for (const { index, nodes } of podsOfPredictor(p)) {
    const accounts = new Set(nodes.filter(u => u._spec.server !== undefined).map(u => u._spec.serviceAccount?.name).filter((n): n is string => typeof n === 'string'));
    if (accounts.size > 1) byPod.set(index < 0 ? '' : p.separatePods![index].nodes.join(', '), [...accounts]);
  }
  return byPod;
}

/** Names of the volumes the operator adds to the pod of these nodes, with who adds each. */
export function operatorVolumes(nodes: PredictiveUnit[], protocol?: SeldonProtocol): Map<string, string> {
  const found = new Map<string, string>([[PODINFO_VOLUME, 'the operator\'s downward API volume, which it adds only when the pod has none of this name (seldondeployment_controller.go createDeploymentWithoutEngine)']]);
  for (const u of nodes) {
    const target = storageInitializerTarget(u._spec, protocol);
    if (target === undefined) continue;
    found.set(operatorDerivedName(target, STORAGE_INITIALIZER.volumeSuffix), `the model volume of container "${target}" (model_initializer_injector.go)`);
    if (u._spec.modelUri?.kind === ModelUriKind.PVC) found.set(STORAGE_INITIALIZER.pvcVolumeName, 'the pvc:// claim volume (model_initializer_injector.go)');
  }
  return found;
}

/** Names of the containers the operator adds to the pod of these nodes, with who adds each. */
function operatorContainers(nodes: PredictiveUnit[], protocol?: SeldonProtocol): Map<string, string> {
  const found = new Map<string, string>([[ENGINE_CONTAINER, 'the executor container (seldondeployment_engine.go)']]);
  for (const u of nodes) {
    if (isTfServingProxy(u._spec, protocol)) found.set(TFSERVING_SIDECAR.name, 'the TensorFlow Serving container beside a TENSORFLOW_SERVER node (seldondeployment_prepackaged_servers.go)');
    const target = storageInitializerTarget(u._spec, protocol);
    if (target !== undefined) found.set(operatorDerivedName(target, STORAGE_INITIALIZER.initContainerSuffix), 'a storage initializer (model_initializer_injector.go)');
  }
  return found;
}

/** A pod's volumes: the listed ones, then those its nodes mount, each name once. */
export function podVolumes(listed: readonly Volume[], nodes: PredictiveUnit[]): k8s.Volume[] {
  const volumes = new Map<string, Volume>();
  for (const v of [...listed, ...nodes.flatMap(u => mountedVolumes(u._spec))]) if (!volumes.has(v.name)) volumes.set(v.name, v);
  return [...volumes.values()].map(v => v._toKube());
}

/**
 * The order of the containers of the predictor's pod as the operator numbers
 * them: `listed` (containerOrder) first, then the nodes that render a
 * container (`inPod`), then the sidecars, then the prepackaged nodes the
 * operator appends (defaults.go DefaultSeldonDeployment).
 */
export function podContainerOrder(p: PodOwner, rendered: (u: PredictiveUnit) => boolean): string[] {
  const nodes = p.graph._walk().filter(u => u._spec.kind !== 'builtIn');
  const listed = Array.isArray(p.containerOrder) ? p.containerOrder : [];
  const inPod = nodes.filter(u => rendered(u) || listed.includes(u.name)).map(u => u.name);
  const appended = nodes.filter(u => u._spec.kind === 'prepackaged' && !inPod.includes(u.name)).map(u => u.name);
  const rest = [...inPod, ...(p.sidecars ?? []).map(c => c.name)].filter(n => !listed.includes(n));
  return [...listed, ...rest, ...appended];
}

/** A pod of the predictor: its own (`index` -1) or a separate one, with the field prefix of its sidecars and volumes. */
interface Pod {
  readonly index: number;
  readonly at: string;
  readonly nodes: PredictiveUnit[];
  readonly sidecars: k8s.Container[];
  readonly volumes: Volume[];
}

/** Checks of the sidecars and volumes of the predictor's pod and of its separate pods, and of its container order. */
export function predictorPodProblems(p: PodOwner,
  ctx: { protocol?: SeldonProtocol; field: (f: string) => string; unit?: (path: string, f: string) => string }, report: Report): void {
  const separate = p.separatePods ?? [];
  // Every check below is about one of these: a predictor that sets none (nearly all) has nothing to check.
  if (p.sidecars === undefined && p.volumes === undefined && p.containerOrder === undefined && !mountsAnyVolume(p.graph)
    && !separate.some(s => s.sidecars !== undefined || s.volumes !== undefined)) return;
  const field = ctx.field;
  const unitField = ctx.unit ?? ((path: string, f: string) => field(`${path}.${f}`));
  const allNodes = p.graph._walk();
  // The boundary check (prop-check.ts) has made these lists of the right types: only their values are checked here.
  const pods: Pod[] = podsOfPredictor(p).map(({ index, nodes }) => index < 0
    ? { index, at: '', nodes, sidecars: p.sidecars ?? [], volumes: p.volumes ?? [] }
    : { index, at: `separatePods[${index}].`, nodes, sidecars: separate[index].sidecars ?? [], volumes: separate[index].volumes ?? [] });
  const podOf = new Map(pods.flatMap(pod => pod.nodes.map(u => [u.name, pod.index] as const)));
  const sidecarNames = pods.map(pod => sidecarProblems(pod, allNodes, operatorContainers(pod.nodes, ctx.protocol), field, report));
  // Each pod has its own volumes: the listed ones, its nodes' mounts, the operator's.
  const ownVolumesOf = pods.map(pod => operatorVolumes(pod.nodes, ctx.protocol));
  const volumesOf = pods.map(() => new Map<string, Volume>());
  // One Volume per name in each pod.
  const addVolume = (v: Volume, where: string, pod: number) => addPodVolume(v, where, ownVolumesOf[pod + 1], volumesOf[pod + 1], report);
  for (const pod of pods) {
    pod.volumes.forEach((v, i) => {
      if (isVolume(v)) addVolume(v, field(`${pod.at}volumes[${i}]`), pod.index);
      else report(field(`${pod.at}volumes[${i}]`), `${showObject(v)} is not a cdk8s-plus Volume`, 'a Volume, e.g. Volume.fromEmptyDir(this, "scratch", "scratch")');
    });
  }
  const stack = [{ unit: p.graph, path: 'graph' }];
  while (stack.length > 0) {
    const { unit, path } = stack.pop()!;
    const pod = podOf.get(unit.name) ?? -1;
    (Array.isArray(unit._spec.volumeMounts) ? unit._spec.volumeMounts : []).forEach((m, j) => {
      if (isVolume(m?.volume)) addVolume(m.volume, unitField(path, `volumeMounts[${j}].volume`), pod);
    });
    unit._spec.children.forEach((c, j) => stack.push({ unit: c, path: `${path}.children[${j}]` }));
  }
  // A pod's sidecars mount its volumes only.
  for (const pod of pods) {
    const volumes = volumesOf[pod.index + 1];
    const ownVolumes = ownVolumesOf[pod.index + 1];
    pod.sidecars.forEach((c, i) => (c.volumeMounts ?? []).forEach((m, j) => {
      if (!volumes.has(m.name) && !ownVolumes.has(m.name)) {
        report(field(`${pod.at}sidecars[${i}].volumeMounts[${j}].name`), `${show(m.name)} is no volume of the pod (Kubernetes rejects the Deployment)`,
          `a volume in volumes or mounted by a node${volumes.size ? ` (${[...volumes.keys()].join(', ')})` : ''}, or one the operator adds (${[...ownVolumes.keys()].join(', ')})`);
      }
    }));
  }
  const containers = [...pods[0].nodes.map(u => u.name), ...sidecarNames[0]];
  const listed = new Set<string>();
  (p.containerOrder ?? []).forEach((n, i) => {
    if (!containers.includes(n)) {
      report(field(`containerOrder[${i}]`), `${show(n)} is no container of the predictor's pod`, `a graph node that runs a container in this pod or a sidecar: ${containers.join(', ') || '(none)'}`);
    } else if (listed.has(n)) {
      report(field(`containerOrder[${i}]`), `${show(n)} is repeated`, 'each container once');
    }
    listed.add(n);
  });
}

/** Checks of a pod's sidecars beside the containers the operator adds (`added`); returns their names. */
function sidecarProblems(pod: Pod, allNodes: PredictiveUnit[], added: Map<string, string>, field: (f: string) => string,
  report: Report): Set<string> {
  const names = new Set<string>();
  // Written into the SeldonDeployment's componentSpecs as given: no literal credential in their env.
  rawContainerEnvProblems(pod.sidecars, i => field(`${pod.at}sidecars[${i}]`), report);
  pod.sidecars.forEach((c, i) => containerRangeProblems(c, field(`${pod.at}sidecars[${i}]`), report));
  pod.sidecars.forEach((container, i) => {
    const at = `${pod.at}sidecars[${i}]`;
    const name = container.name;
    // nameProblem's text names the value itself.
    const issue = typeof name === 'string' ? nameProblem(name, DNS_1123_LABEL) : name === undefined ? 'is missing' : `${show(name)} is not a string`;
    if (issue) {report(field(`${at}.name`), issue, DNS_1123_LABEL.accepted);} else if (allNodes.some(u => u.name === name)) {
      report(field(`${at}.name`), `${show(name)} is the name of a graph node; the operator would take the sidecar for the node's container (defaults.go GetContainerForPredictiveUnit)`,
        'a name no graph node has');
    } else if (added.has(name)) {
      report(field(`${at}.name`), `${show(name)} is the name of ${added.get(name)}`, 'a name of no container the operator adds');
    } else if (names.has(name)) {
      report(field(`${at}.name`), `${show(name)} is repeated`, 'each sidecar name once');
    }
    names.add(String(name));
    if (typeof container.image !== 'string' || container.image.trim() === '') {
      report(field(`${at}.image`), container.image === undefined ? 'is missing' : `${show(container.image)} is not an image`,
        'accepted: an image reference, e.g. "tensorflow/serving:2.14.0" (Kubernetes requires one)');
    }
    kubeTypeProblems(container, field(at), report);
  });
  return names;
}

/** Whether any node of the graph sets `volumeMounts` (walked without recursion, as every graph walk). */
export function mountsAnyVolume(graph: PredictiveUnit): boolean {
  // A one-node graph (most) is answered without a stack.
  if (graph._spec.children.length === 0) return graph._spec.volumeMounts !== undefined;
  const stack = [graph];
  while (stack.length > 0) {
    const unit = stack.pop()!;
    if (unit._spec.volumeMounts !== undefined) return true;
    for (const child of unit._spec.children) stack.push(child);
  }
  return false;
}

/**
 * Quantities and probe ports of a raw container must be `k8s.Quantity` and
 * `k8s.IntOrString`: the generated `toJson_Container` reads their `value`,
 * so a plain string or number would vanish from the manifest.
 */
function kubeTypeProblems(container: k8s.Container, at: string, report: Report): void {
  const typed = (v: unknown) => ['string', 'number'].includes(typeof (v as { value?: unknown } | null)?.value);
  for (const part of ['limits', 'requests'] as const) {
    for (const [resource, amount] of Object.entries(container.resources?.[part] ?? {})) {
      if (!typed(amount)) report(`${at}.resources.${part}[${show(resource)}]`, `${show(amount)} is not a k8s.Quantity (the manifest would lose it)`, 'k8s.Quantity.fromString(\'500m\') or k8s.Quantity.fromNumber(1)');
    }
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    for (const handler of ['httpGet', 'tcpSocket'] as const) {
      const port = container[probe]?.[handler]?.port;
      if (port !== undefined && !typed(port)) report(`${at}.${probe}.${handler}.port`, `${show(port)} is not a k8s.IntOrString (the manifest would lose it)`, 'k8s.IntOrString.fromNumber(8080) or k8s.IntOrString.fromString(\'http\')');
    }
  }
}
