import { ENGINE_CONTAINER } from './operator/names';
import { operatorDerivedName, STORAGE_INITIALIZER, TFSERVING_SIDECAR } from './operator-defaults';
import { PredictiveUnit } from './predictive-unit';
import { SeldonProtocol } from './protocol';
import { isTfServingProxy, storageInitializerTarget } from './storage-initializer-target';

/**
 * Container names the v1 operator gives a predictor's pod besides the
 * nodes' own (each node that runs a container is named after the node):
 * `seldon-container-engine`, the executor (engine.go); `tfserving`, the
 * TensorFlow Serving container beside a TENSORFLOW_SERVER proxy node
 * (prepackaged_servers.go; a container already named so is taken for it);
 * and `<container>-model-initializer` cut to 63 characters with trailing
 * "-" trimmed, the storage initializer (initializer.go). Kubernetes refuses
 * a pod whose containers and init containers share a name, so a node name
 * that equals one of these, or whose initializer's name is cut onto another
 * container's, is an error. (A node name stops at 48 characters, names.ts SELDON_NODE_CONTAINER_NAME, so its
 * initializer's name is never cut onto its own; the check still holds the rule whole.)
 */
export interface ContainerNameProblem {
  /** The node's path: `graph`, `graph.children[0]`, ... */
  readonly path: string;
  readonly problem: string;
  readonly accepted: string;
}

interface Node { readonly unit: PredictiveUnit; readonly path: string }

const ACCEPTED = 'a node name that is no other container\'s or init container\'s name in the pod (at most 45 characters keeps "<name>-model-initializer" whole)';

/** Problems of the container names one predictor's pod would hold (the graph is already known to be a tree the CRD keeps). */
export function containerNameProblems(graph: PredictiveUnit, protocol?: SeldonProtocol): ContainerNameProblem[] {
  return oneNodeClear(graph) ? [] : allContainerNameProblems(graph, protocol);
}

/**
 * Whether a graph is one node (most are) whose name no rule below can fault: a built-in (no container, no
 * initializer), or a name that is neither the executor's nor `tfserving`, does not end in the initializer's
 * suffix (so no initializer, of its own container or of `tfserving`, has its name) and has at most 45
 * characters (so its initializer's name is not cut onto another).
 */
export function oneNodeClear(graph: PredictiveUnit): boolean {
  const spec = graph._spec;
  if (spec.children.length > 0) return false;
  if (spec.kind === 'builtIn') return true;
  const name: unknown = spec.name;
  return typeof name === 'string' && name.length <= 45 && name !== ENGINE_CONTAINER && name !== TFSERVING_SIDECAR.name
    && !name.endsWith(STORAGE_INITIALIZER.initContainerSuffix);
}

/** `containerNameProblems` without the one-node shortcut (the tests hold the shortcut to it). */
export function allContainerNameProblems(graph: PredictiveUnit, protocol?: SeldonProtocol): ContainerNameProblem[] {
  const nodes: Node[] = [];
  const stack: Node[] = [{ unit: graph, path: 'graph' }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    node.unit._spec.children.forEach((c, j) => stack.push({ unit: c, path: `${node.path}.children[${j}]` }));
  }
  const hasTfServing = nodes.some(n => isTfServingProxy(n.unit._spec, protocol));
  // Who holds each container name: one the operator adds (its description), or a node's own (null: described only for a message).
  const containers = new Map<string, string | null>();
  containers.set(ENGINE_CONTAINER, 'the executor container the operator adds (engine.go)');
  if (hasTfServing) containers.set(TFSERVING_SIDECAR.name, 'the TensorFlow Serving container the operator adds beside a TENSORFLOW_SERVER node (prepackaged_servers.go)');
  const holderOf = (name: string): string | undefined => {
    const holder = containers.get(name);
    return holder === null ? `node ${JSON.stringify(name)}'s container` : holder;
  };
  const problems: ContainerNameProblem[] = [];
  for (const n of nodes) {
    if (n.unit._spec.kind === 'builtIn') continue;
    const holder = holderOf(n.unit.name);
    if (holder !== undefined) problems.push({ path: n.path, problem: `${JSON.stringify(n.unit.name)} is the name of ${holder}`, accepted: ACCEPTED });
    else containers.set(n.unit.name, null);
  }
  const inits = new Set<string>();
  for (const n of nodes) {
    const target = storageInitializerTarget(n.unit._spec, protocol);
    if (target === undefined) continue;
    const init = operatorDerivedName(target, STORAGE_INITIALIZER.initContainerSuffix);
    if (inits.has(init)) continue;
    inits.add(init);
    const holder = holderOf(init);
    if (holder !== undefined) {
      problems.push({
        path: n.path,
        problem: `${JSON.stringify(n.unit.name)} gives the storage initializer of container ${JSON.stringify(target)} the name ${JSON.stringify(init)} `
          + `("${target}${STORAGE_INITIALIZER.initContainerSuffix}" cut to 63 characters, initializer.go), which is also the name of ${holder}`,
        accepted: ACCEPTED,
      });
    }
  }
  return problems;
}
