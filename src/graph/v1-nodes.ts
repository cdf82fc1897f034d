/** Seldon Core v1 SeldonDeployments as nodes: predictors, graph nodes, explainers and what they read. */
import { Builder, Reference } from './builder';
import type { GraphNode } from './graph-node';
import { num, obj, objects, str, strings } from './json';
import { isObject, Json } from './manifests';
import { addPvcUri, mountLabel, pvcMounts } from './pod-volumes';

const INITIALIZER_SUFFIX = '-model-initializer';

/** The graph node whose container `container` is: its own, or the one its storage initializer fills. */
function unitOf(container: string): string {
  return container.endsWith(INITIALIZER_SUFFIX) ? container.slice(0, -INITIALIZER_SUFFIX.length) : container;
}

/**
 * How many pods the predictor's first componentSpec runs, as the operator sets its Deployment
 * (seldondeployment_controller.go@v1.18.2): an autoscaler's bounds when it has a kedaSpec or hpaSpec (then no
 * replicas are written), else the first of the componentSpec's, the predictor's and the deployment's replicas.
 */
function predictorScale(predictor: Json, spec: Json): string {
  const first = objects(predictor.componentSpecs)[0] ?? {};
  if (isObject(first.kedaSpec)) {
    // KEDA's own defaults for a ScaledObject without them.
    return `KEDA ${num(first.kedaSpec.minReplicaCount) ?? 0}–${num(first.kedaSpec.maxReplicaCount) ?? 100} replicas`;
  }
  if (isObject(first.hpaSpec)) return `HPA ${num(first.hpaSpec.minReplicas) ?? 1}–${num(first.hpaSpec.maxReplicas) ?? '?'} replicas`;
  return `replicas ${num(first.replicas) ?? num(predictor.replicas) ?? num(spec.replicas) ?? 1}`;
}

export function addSeldonDeployment(b: Builder, name: string, namespace: string | undefined, spec: Json, key: string, references: Reference[]): void {
  const group = b.group(`SeldonDeployment ${name}`, b.namespaceGroup(namespace));
  const protocol = str(spec.protocol);
  const sdep = b.add('SeldonDeployment', name, namespace, { group, key, details: [`protocol ${protocol ?? 'seldon (default)'}`] });
  const predictors = objects(spec.predictors);
  const mainCount = predictors.filter(p => p.shadow !== true).length;
  predictors.forEach((p, i) => {
    const predictorName = str(p.name) ?? `predictors[${i}]`;
    const predictor = b.add('Predictor', predictorName, namespace, { group, details: [predictorScale(p, spec)] });
    if (p.shadow === true) b.edge(sdep, predictor, 'shadow', 'shadow: copy of requests');
    else b.edge(sdep, predictor, 'traffic', `${num(p.traffic) ?? (mainCount === 1 ? 100 : 0)}%`);

    const pods = objects(p.componentSpecs).map(c => obj(c.spec));
    const containers = new Map<string, Json>();
    const initContainers = new Map<string, Json>();
    for (const pod of pods) {
      for (const c of objects(pod.containers)) if (str(c.name)) containers.set(c.name as string, c);
      for (const c of objects(pod.initContainers)) if (str(c.name)) initContainers.set(c.name as string, c);
    }

    const units = new Map<string, GraphNode>();
    const walk = (unit: Json, parent: GraphNode, depth: number): void => {
      const unitName = str(unit.name) ?? '(unnamed)';
      const container = containers.get(unitName);
      const initializer = initContainers.get(`${unitName}${INITIALIZER_SUFFIX}`);
      const source = str(unit.modelUri) ?? strings(initializer?.args)[0];
      const details = [str(unit.implementation) ?? str(unit.type), source, str(container?.image)].filter((d): d is string => d !== undefined);
      const node = b.add('GraphNode', unitName, namespace, { group, details });
      if (!units.has(unitName)) units.set(unitName, node);
      b.edge(parent, node, 'child');
      const secret = str(unit.envSecretRefName);
      if (secret) references.push({ from: node, kind: 'Secret', namespace, name: secret, label: 'envSecretRefName', edge: 'secret' });
      for (const ref of objects(initializer?.envFrom)) {
        const fromSecret = str(obj(ref.secretRef).name);
        if (fromSecret) references.push({ from: node, kind: 'Secret', namespace, name: fromSecret, label: 'envFrom (initializer)', edge: 'secret' });
      }
      addPvcUri(unit.modelUri, node, namespace, references);
      // YAML cannot hold cycles, but a deep graph written by hand should not exhaust the stack.
      if (depth < 100) for (const child of objects(unit.children)) walk(child, node, depth + 1);
    };
    if (isObject(p.graph)) walk(p.graph, predictor, 0);

    for (const pod of pods) {
      for (const { volume, claim, mounts } of pvcMounts(pod)) {
        const owners = new Set(mounts.map(m => units.get(unitOf(m.container)) ?? predictor));
        if (owners.size === 0) owners.add(predictor);
        for (const owner of owners) {
          const own = mounts.filter(m => m.container === owner.name);
          references.push({ from: owner, kind: 'PersistentVolumeClaim', namespace, name: claim, label: mountLabel(own.length ? own : mounts, volume), edge: 'volume' });
        }
      }
    }

    if (isObject(p.explainer)) {
      const ex = p.explainer;
      const details = [str(ex.type), str(ex.modelUri)].filter((d): d is string => d !== undefined);
      const explainer = b.add('Explainer', 'explainer', namespace, { group, details });
      b.edge(predictor, explainer, 'explainer');
      const secret = str(ex.envSecretRefName);
      if (secret) references.push({ from: explainer, kind: 'Secret', namespace, name: secret, label: 'envSecretRefName', edge: 'secret' });
      addPvcUri(ex.modelUri, explainer, namespace, references);
    }
  });
}
