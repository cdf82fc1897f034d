/**
 * Ports of the containers in one pod of a SeldonDeployment. The operator
 * numbers every graph container's http, grpc and metrics ports from counters
 * it keeps per SeldonDeployment (defaults.go setContainerPredictiveUnitDefaults,
 * v1.18.2): a node that declares its own port keeps it, but still takes its
 * number from the sequence, so the next node may get the number the first
 * one declared; and every metrics port counts up from 6000. Two containers of
 * one pod that listen on one port cannot both bind it, and the executor,
 * which calls every node of its pod on localhost, cannot tell them apart.
 *
 * Only a declared port (a node's `httpPort`, `grpcPort` or `ports`, or a
 * sidecar's, or one a JSON patch adds) can meet another container's: the
 * operator's own numbers never repeat. So the check runs the operator's model
 * (./operator) only for such a SeldonDeployment, or one with a JSON patch.
 */
import { Json } from './operator/operator-config';
import { operatorObjectsOf } from './operator-services';
import { PredictiveUnit } from './predictive-unit';
import { PredictorProps } from './predictor';

export const PORT_ACCEPTED = 'ports no other container of the pod listens on: leave httpPort and grpcPort unset to take the operator\'s numbers, '
  + 'pick numbers outside its sequences, or give the node a pod of its own (separatePods)';

/** Whether any container of these predictors declares a port of its own (else nothing below can find a clash). */
export function declaresPorts(predictors: readonly PredictorProps[]): boolean {
  type WithPorts = ReadonlyArray<{ readonly ports?: unknown[] }> | undefined;
  const withPorts = (containers: WithPorts) => (containers ?? []).some(c => (c?.ports?.length ?? 0) > 0);
  const declares = (u: PredictiveUnit) => u._spec.httpPort !== undefined || u._spec.grpcPort !== undefined || (u._spec.ports?.length ?? 0) > 0;
  return predictors.some(p => withPorts(p.sidecars) || (p.separatePods ?? []).some(pod => withPorts(pod?.sidecars))
    // A one-node graph (most) is read without a walk, which would make an array per deployment at every synth.
    || (p.graph !== undefined && (p.graph._spec.children.length === 0 ? declares(p.graph) : p.graph._walk().some(declares))));
}

/** One message per port two containers of one pod listen on, in the pods the operator would make of `sdep` (rendered). */
export function podPortClashes(sdep: Json, patched: boolean): string[] {
  const found: string[] = [];
  for (const object of operatorObjectsOf(sdep, patched)) {
    if (object.kind !== 'Deployment') continue;
    const holders = new Map<number, string[]>();
    for (const container of object.spec?.template?.spec?.containers ?? []) {
      const own = new Map<number, string>();
      for (const port of container.ports ?? []) {
        if (typeof port?.containerPort === 'number' && !own.has(port.containerPort)) own.set(port.containerPort, port.name ?? 'unnamed');
      }
      for (const [number, name] of own) holders.set(number, [...holders.get(number) ?? [], `"${container.name}" (${name})`]);
    }
    for (const [number, containers] of holders) {
      if (containers.length < 2) continue;
      found.push(`put port ${number} on containers ${containers.join(' and ')} of one pod (Deployment "${object.metadata?.name}"); `
        + 'two containers of a pod cannot both listen on it, and the executor calls every node of its pod on localhost. The executor listens on 8000 and '
        + '5001 and a TensorFlow Serving container on 2000 and 2001; the operator numbers each node\'s http, grpc and metrics ports from counters per '
        + 'SeldonDeployment (9000, 9500 and 6000 upward, in graph order), and a declared port still takes its number from them (defaults.go setContainerPredictiveUnitDefaults)');
    }
  }
  return found;
}
