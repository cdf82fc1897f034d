/**
 * The defaulting the v1 controller applies to its in-memory copy of a
 * SeldonDeployment at every reconcile (SELDON-FACTS §1.5;
 * operator/apis/machinelearning.seldon.io/v1/defaults.go@v1.18.2).
 */
import { SeldonProtocol } from '../protocol';
import { protocolFamily } from '../protocol-family';
import { findContainer, findUnit, isPrepack, unitList, usesGrpc } from './graph';
import { containerServiceName, ANNOTATIONS, PODINFO_PATH, PODINFO_VOLUME } from './names';
import { Json, V1OperatorConfig } from './operator-config';

/** `PrepackImageName`: the image of a protocol, `v2` and `kfserving` standing in for each other (prepack.go). */
export function prepackImage(config: V1OperatorConfig, implementation: string, protocol: string | undefined): string | undefined {
  const images = config.predictorServers[implementation];
  if (!images) return undefined;
  const p = protocol || 'seldon';
  const family = protocolFamily(p as SeldonProtocol);
  return images[p] ?? (family === 'v2' ? images.v2 ?? images.kfserving : undefined) ?? '';
}

/** `addDefaultsToGraph`. */
function defaultGraph(unit: Json): void {
  if (unit.type === undefined && unit.methods === undefined && unit.implementation === undefined) unit.type = 'MODEL';
  if (unit.implementation === undefined) unit.implementation = 'UNKNOWN_IMPLEMENTATION';
  else if (isPrepack(unit)) unit.type = 'MODEL';
  for (const child of unit.children ?? []) defaultGraph(child);
}

/** One counter per name: the same container name gets the same number (`getUpdatePortNumMap`). */
export class PortCounter {
  private readonly numbers = new Map<string, number>();
  constructor(private next: number) {}
  public get(name: string): number {
    if (!this.numbers.has(name)) this.numbers.set(name, this.next++);
    return this.numbers.get(name)!;
  }
}

interface Counters {
  readonly http: PortCounter;
  readonly grpc: PortCounter;
  metrics: number;
}

/** `setContainerPredictiveUnitDefaults`. */
function defaultContainer(sdep: Json, config: V1OperatorConfig, index: number, http: number, grpc: number,
  counters: Counters, predictor: Json, unit: Json, container: Json): void {
  container.imagePullPolicy ||= 'IfNotPresent';
  container.terminationMessagePath ||= '/dev/termination-log';
  container.terminationMessagePolicy ||= 'File';
  unit.endpoint ??= {};
  const ports: Json[] = container.ports ?? [];
  http = ports.find(p => p.name === 'http')?.containerPort ?? http;
  grpc = ports.find(p => p.name === 'grpc')?.containerPort ?? grpc;

  const mounts: Json[] = container.volumeMounts ?? [];
  const hasPodinfo = mounts.some(m => m.name === PODINFO_VOLUME);
  const old = mounts.map(m => m.name).lastIndexOf('podinfo');
  if (old >= 0) {
    // Go's swap-with-last removal
    mounts[old] = mounts[mounts.length - 1];
    mounts.pop();
  }
  if (!hasPodinfo) mounts.push({ name: PODINFO_VOLUME, mountPath: PODINFO_PATH });
  container.volumeMounts = mounts;

  if (!ports.some(p => p.name === config.metricsPortName)) {
    container.ports = [...ports, { name: config.metricsPortName, containerPort: counters.metrics++, protocol: 'TCP' }];
  }

  const namespace = sdep.metadata.namespace;
  unit.endpoint.service_host = index === 0 && !separateEngine(sdep)
    ? 'localhost'
    : `${containerServiceName(sdep, predictor, container.name)}.${namespace}.svc.cluster.local`;
  unit.endpoint.service_port = usesGrpc(sdep, unit) ? grpc : http;
  unit.endpoint.httpPort = http;
  unit.endpoint.grpcPort = grpc;
}

/** Whether the executor runs in its own pod (`HasSeparateEnginePod`). */
export function separateEngine(sdep: Json): boolean {
  return String(sdep.spec?.annotations?.[ANNOTATIONS.separateEngine] ?? '').toLowerCase() === 'true';
}

/** `Default()`: mutates `sdep`, a copy, as the controller does before building anything. */
export function defaultSeldonDeployment(sdep: Json, config: V1OperatorConfig): void {
  sdep.metadata ??= {};
  sdep.metadata.namespace ||= 'default';
  const counters: Counters = {
    http: new PortCounter(config.firstHttpPort),
    grpc: new PortCounter(config.firstGrpcPort),
    metrics: config.firstMetricsPort,
  };
  for (const predictor of sdep.spec?.predictors ?? []) {
    predictor.labels ??= {};
    predictor.labels.version ??= predictor.name;
    if (predictor.graph) defaultGraph(predictor.graph);

    (predictor.componentSpecs ?? []).forEach((cSpec: Json, j: number) => {
      for (const container of cSpec?.spec?.containers ?? []) {
        const http = counters.http.get(container.name);
        const grpc = counters.grpc.get(container.name);
        const unit = findUnit(predictor.graph, container.name);
        if (unit) defaultContainer(sdep, config, j, http, grpc, counters, predictor, unit, container);
      }
    });

    for (const unit of unitList(predictor.graph)) {
      if (!isPrepack(unit)) continue;
      const found = findContainer(predictor, unit.name);
      const container = found.container ?? { name: unit.name, volumeMounts: [{ name: PODINFO_VOLUME, mountPath: PODINFO_PATH }] };
      const http = counters.http.get(unit.name);
      const grpc = counters.grpc.get(container.name);
      defaultContainer(sdep, config, found.index, http, grpc, counters, predictor, unit, container);
      if (sdep.spec.protocol !== 'tensorflow' && config.predictorServers[unit.implementation] && !container.image) {
        container.image = prepackImage(config, unit.implementation, sdep.spec.protocol);
      }
      if (!found.container) {
        if ((predictor.componentSpecs ?? []).length > 0) {
          predictor.componentSpecs[0].spec ??= {};
          predictor.componentSpecs[0].spec.containers = [...(predictor.componentSpecs[0].spec.containers ?? []), container];
        } else {
          predictor.componentSpecs = [{ spec: { containers: [container] } }];
        }
      }
    }
  }
}
