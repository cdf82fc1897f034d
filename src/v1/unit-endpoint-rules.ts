import { k8s } from 'cdk8s-plus-27';
import { show } from '../errors';
import { UnitSpec } from './predictive-unit';
import { EndpointType, PredictiveUnitMethod } from './unit-endpoint';
import { PORT_ACCEPTED, isPort } from '../k8s/container-ranges';

type Report = (field: string, problem: string, accepted: string) => void;

/** Ports of the executor, which shares the pod of the first componentSpec (engine.go: 8000 http and metrics, 5001 grpc). */
const EXECUTOR_PORTS = [8000, 5001];
const ENDPOINT_TYPES: readonly string[] = Object.values(EndpointType);
const METHODS: readonly string[] = Object.values(PredictiveUnitMethod);
const PORT_FIELDS = ['httpPort', 'grpcPort'] as const;

/** The node's `endpoint`. */
export function endpointOf(spec: UnitSpec): { type: string } | undefined {
  return spec.endpointType === undefined ? undefined : { type: spec.endpointType };
}

/** The node's `methods`. */
export function methodsOf(spec: UnitSpec): string[] | undefined {
  return spec.methods?.length ? [...spec.methods] : undefined;
}

/**
 * A component's container ports named as the operator looks them up
 * (defaults.go GetPort "http" / "grpc"); without `protocol`, which Kubernetes
 * defaults to TCP, as Seldon's samples write them.
 */
export function componentPorts(spec: UnitSpec): k8s.ContainerPort[] | undefined {
  const ports: k8s.ContainerPort[] = [];
  if (spec.httpPort !== undefined) ports.push({ name: 'http', containerPort: spec.httpPort });
  if (spec.grpcPort !== undefined) ports.push({ name: 'grpc', containerPort: spec.grpcPort });
  return ports.length ? ports : undefined;
}

/** Checks of one node's endpoint settings. */
export function unitEndpointProblems(spec: UnitSpec, field: (f: string) => string, report: Report): void {
  // Every check below reads one of these four; most nodes set none.
  if (spec.endpointType === undefined && spec.methods === undefined && spec.httpPort === undefined && spec.grpcPort === undefined) return;
  const types = ENDPOINT_TYPES;
  if (spec.endpointType !== undefined && !types.includes(spec.endpointType)) {
    report(field('endpointType'), `${show(spec.endpointType)} is not an endpoint type`, `accepted: ${types.join(', ')}`);
  }
  const methods = METHODS;
  if (spec.methods !== undefined) {
    if (!Array.isArray(spec.methods)) {report(field('methods'), `${show(spec.methods)} is not a list`, `a list of ${methods.join(', ')}`);} else {
      spec.methods.forEach((m, i) => {
        if (!methods.includes(m)) report(field(`methods[${i}]`), `${show(m)} is not a method`, `accepted: ${methods.join(', ')}`);
        else if (spec.methods!.indexOf(m) !== i) report(field(`methods[${i}]`), `${show(m)} is repeated`, 'each method once');
      });
    }
  }
  for (const key of PORT_FIELDS) {
    const port = spec[key];
    if (port === undefined) continue;
    if (!isPort(port)) report(field(key), `${show(port)} is not a port number`, PORT_ACCEPTED);
    else if (EXECUTOR_PORTS.includes(port)) report(field(key), `${port} is taken by the executor in the same pod`, `a port other than ${EXECUTOR_PORTS.join(' and ')}`);
  }
  if (spec.httpPort !== undefined && spec.httpPort === spec.grpcPort) report(field('grpcPort'), `${spec.grpcPort} is also the httpPort`, 'two different ports');
}
