import { Chart, Duration, Size } from 'cdk8s';
import { Cpu, k8s, Metric, MetricTarget, Node, NodeTaintQuery, Probe, Replicas, ServiceType, TaintEffect } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { BASES, CONSTRUCTS, HostileCase } from './hostile';
import * as lib from '../../src';
import { SHAPES } from '../../src/k8s/prop-shapes.generated';

/**
 * The range-aware half of the hostile run: values of the right type at and
 * just past the bounds the cluster enforces (0, -1, 1, fractions, int32 and
 * port limits, 63/64 and 253/254-letter names, zero, sub-second and huge
 * Durations and Sizes), planted in every numeric, Duration, Size, Cpu, Gpu,
 * budget, autoscaler, probe, port and name-like input reachable from a
 * construct's props. The oracle (range-oracle.ts) refuses output the API
 * server or Seldon's operators would refuse.
 */

const NUMBERS = [0, -1, 1, 0.5, 1.5, 100, 101, 65535, 65536, 2 ** 31 - 1, 2 ** 31, 2 ** 32];
const NAME_LENGTHS = [63, 64, 253, 254];
const DURATIONS = () => [Duration.seconds(0), Duration.millis(500), Duration.millis(1500), Duration.seconds(1), Duration.days(30_000)];
const SIZES = () => [Size.mebibytes(0), Size.kibibytes(0.5), Size.pebibyte(10_000)];
const CPUS = () => [Cpu.millis(0), Cpu.millis(-1), Cpu.millis(0.5), Cpu.units(0.0001), Cpu.units(100_000)];
const GPUS = () => [...[0, -1, 1.5, 2 ** 31].map(n => lib.Gpu.nvidia(n)), lib.Gpu.of('example.com/fpga', 0.5)];
const BUDGETS = () => [
  ...[-1, 0, 1.5, 2 ** 31].flatMap(n => [lib.DisruptionBudget.minAvailable(n), lib.DisruptionBudget.maxUnavailable(n)]),
  ...[-1, 0, 100, 101, 50.5].flatMap(n => [lib.DisruptionBudget.minAvailablePercent(n), lib.DisruptionBudget.maxUnavailablePercent(n)]),
];
const AUTOSCALERS = () => [
  ...[[0, 0], [0, 1], [1, 0], [3, 2], [1.5, 2], [1, 2 ** 31]].map(([minReplicas, maxReplicas]) => lib.Autoscaler.hpa({ minReplicas, maxReplicas })),
  ...[0, -1, 101, 1.5, 2 ** 31].map(targetPercent => lib.Autoscaler.cpuUtilization({ maxReplicas: 3, targetPercent })),
  ...[0, 1.5, 150].map(n => lib.Autoscaler.hpa({ maxReplicas: 3, metrics: [Metric.resourceCpu(MetricTarget.averageUtilization(n))] })),
  lib.Autoscaler.hpa({ maxReplicas: 3, metrics: [Metric.pods({ name: 'rps', target: MetricTarget.averageValue(0.5) })] }),
  ...[[0, 0], [2, 1], [-1, 3]].map(([minReplicaCount, maxReplicaCount]) => lib.Autoscaler.prometheus({
    query: 'sum(rate(x[1m]))', serverAddress: 'http://prometheus:9090', threshold: 10, minReplicaCount, maxReplicaCount,
  })),
  ...[0, -1].map(threshold => lib.Autoscaler.prometheus({ query: 'sum(rate(x[1m]))', serverAddress: 'http://prometheus:9090', threshold })),
  lib.Autoscaler.prometheus({ query: 'q', serverAddress: 'http://prometheus:9090', threshold: 1, idleReplicaCount: 3, minReplicaCount: 2, maxReplicaCount: 4 }),
  lib.Autoscaler.prometheus({ query: 'q', serverAddress: 'http://prometheus:9090', threshold: 1, fallbackReplicas: -1, fallbackFailureThreshold: 0 }),
  lib.Autoscaler.prometheus({ query: 'q', serverAddress: 'http://prometheus:9090', threshold: 1, pollingInterval: Duration.seconds(0), cooldownPeriod: Duration.millis(500) }),
];
const PROBES = () => [
  Probe.fromHttpGet('/ready', { port: 0 }), Probe.fromHttpGet('/ready', { port: 65536 }), Probe.fromTcpSocket({ port: 70_000 }),
  Probe.fromHttpGet('/ready', { periodSeconds: Duration.seconds(0), timeoutSeconds: Duration.millis(500) }),
  Probe.fromHttpGet('/ready', { failureThreshold: 0, successThreshold: 2 }), Probe.fromHttpGet('/ready', { failureThreshold: -1, successThreshold: -1 }),
  Probe.fromHttpGet('/ready', { initialDelaySeconds: Duration.days(30_000) }), Probe.fromCommand(['true'], { successThreshold: 1.5 }),
];
const RESOURCES = () => [
  { cpu: { request: Cpu.millis(500), limit: Cpu.millis(100) } },
  { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } },
  { ephemeralStorage: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } },
  { cpu: { limit: Cpu.millis(0) }, memory: { limit: Size.mebibytes(0) } },
];
const Q = (q: string) => k8s.Quantity.fromString(q);
const RAW_RESOURCES = () => [
  { requests: { cpu: Q('2') }, limits: { cpu: Q('1') } }, { limits: { memory: Q('-1Gi') } }, { limits: { 'nvidia.com/gpu': Q('0.5') } },
  { requests: { 'nvidia.com/gpu': Q('1') } }, { requests: { 'nvidia.com/gpu': Q('1') }, limits: { 'nvidia.com/gpu': Q('1') } }, { requests: { memory: Q('0') } },
];
const SCALING_RULES = () => [{ policies: [{ replicas: Replicas.absolute(0) }] }, { stabilizationWindow: Duration.hours(2) }];

/**
 * The values of `make`, each made afresh inside the case that plants it (a
 * factory that refuses a value then fails the case, not the module). The
 * list is made once here only to count it.
 */
function lazy(make: () => unknown[]): Array<() => unknown> {
  let count = 0;
  try { count = make().length; } catch { count = 0; }
  return Array.from({ length: count }, (_, i) => () => make()[i]);
}

/** Right-typed values for a field of type `ref` named `field`, or undefined when the type has no range to probe. */
function valuesFor(ref: string, field: string): Array<() => unknown> | undefined {
  switch (ref) {
    case 'n': return NUMBERS.map(n => () => n);
    case 'cdk8s.Duration': return lazy(DURATIONS);
    case 'cdk8s.Size': return lazy(SIZES);
    case 'cdk8s-plus-27.Cpu': return lazy(CPUS);
    case 'Gpu': return lazy(GPUS);
    case 'DisruptionBudget': return lazy(BUDGETS);
    case 'Autoscaler': return lazy(AUTOSCALERS);
    case 'cdk8s-plus-27.Probe': return lazy(PROBES);
    case 'cdk8s-plus-27.ContainerResources': return lazy(RESOURCES);
    case 'cdk8s-plus-27.ScalingRules': return lazy(SCALING_RULES);
    case 'cdk8s-plus-27.k8s.ResourceRequirements': return lazy(RAW_RESOURCES);
    case 's': return /name$/i.test(field) && !/^(priorityClassName|secretName)$/.test(field) ? NAME_LENGTHS.map(n => () => 'a'.repeat(n)) : undefined;
  }
  return undefined;
}

/** Required siblings of a struct when the base props have none to lend; `next` is the field about to be planted in it. */
const PORT = () => k8s.IntOrString.fromNumber(9100);
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const FILL: Record<string, (next: string) => object> = {
  'cdk8s-plus-27.ContainerPort': () => ({ number: 9100 }),
  'cdk8s-plus-27.k8s.Container': () => ({ name: 'side', image: 'docker.io/library/busybox:1.36' }),
  'cdk8s-plus-27.k8s.ContainerPort': () => ({ containerPort: 9100 }),
  'cdk8s-plus-27.k8s.TopologySpreadConstraint': () => ({ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }),
  'cdk8s-plus-27.k8s.Toleration': () => ({ key: 'gpu', operator: 'Exists', effect: 'NoExecute' }),
  'cdk8s-plus-27.k8s.Probe': next => (HANDLERS.includes(next) ? {} : { tcpSocket: { port: PORT() } }),
  'cdk8s-plus-27.k8s.HttpGetAction': () => ({ port: PORT() }),
  'cdk8s-plus-27.k8s.TcpSocketAction': () => ({ port: PORT() }),
  'cdk8s-plus-27.k8s.EnvVar': () => ({ name: 'PLANTED' }),
  'cdk8s-plus-27.k8s.SecretKeySelector': () => ({ key: 'k' }),
  'cdk8s-plus-27.k8s.ConfigMapKeySelector': () => ({ key: 'k' }),
  'cdk8s-plus-27.k8s.ResourceFieldSelector': () => ({ resource: 'limits.cpu' }),
  'cdk8s-plus-27.k8s.ContainerResizePolicy': () => ({ resourceName: 'cpu', restartPolicy: 'NotRequired' }),
  'cdk8s-plus-27.k8s.VolumeDevice': () => ({ name: 'dev', devicePath: '/dev/planted' }),
  'ExplainerProps': () => ({ explainerType: lib.ExplainerType.ANCHOR_TABULAR }),
  'ExperimentMirror': () => ({ target: lib.ExperimentTarget.modelName('iris-mirror'), percent: 10 }),
  'SeparatePodProps': () => ({ nodes: ['classifier'] }),
  'ServerVolumeClaimTemplate': () => ({ name: 'scratch', storage: Size.gibibytes(1) }),
  'RuntimeOverride': () => ({ component: lib.RuntimeComponent.SCHEDULER, serviceType: ServiceType.CLUSTER_IP }),
  'ExperimentCandidate': () => ({ target: lib.ExperimentTarget.modelName('iris-v3'), weight: 10 }),
  'PipelineInput': () => ({ externalInputs: [lib.StepRef.fromString('upstream.outputs')] }),
  'PipelineOutput': () => ({ steps: [lib.StepRef.fromString('iris')] }),
  'ScalingSettings': () => ({ serverScaleDownPacking: true }),
  'cdk8s-plus-27.k8s.HttpHeader': () => ({ name: 'x-planted', value: 'v' }),
  'cdk8s-plus-27.k8s.VolumeMount': () => ({ name: 'planted', mountPath: '/planted' }),
  'SeldonConfigVolumeClaimTemplate': () => ({ name: 'scratch', spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: k8s.Quantity.fromString('1Gi') } } } }),
};

/**
 * Struct types not walked into: metadata and volumes have rules of their own
 * (metadata-rules.ts, volume checks) and their own fuzz cases; a container's
 * resizePolicy and resources.claims are not in the SeldonDeployment CRD the
 * v1 Helm chart installs (pruned, not refused: a question apart from ranges).
 */
const SKIP = new Set(['cdk8s.ApiObjectMetadata', 'cdk8s-plus-27.k8s.ObjectMeta', 'cdk8s-plus-27.k8s.Volume', 'cdk8s-plus-27.k8s.EphemeralContainer',
  'cdk8s-plus-27.k8s.PersistentVolumeClaimSpec', 'cdk8s-plus-27.k8s.Affinity', 'cdk8s-plus-27.k8s.ContainerResizePolicy', 'cdk8s-plus-27.k8s.ResourceClaim']);

interface Site { readonly path: string[]; readonly types: string[]; readonly values: Array<() => unknown> }

/** Every place reachable from `type` (through struct fields and the first element of lists) where a probed value can go. */
function sites(type: string, depth: number, path: string[] = [], types: string[] = []): Site[] {
  const fields = SHAPES[type]?.f;
  if (!fields || depth < 0) return [];
  return Object.entries(fields).flatMap(([field, raw]) => {
    const ref = raw.replace(/^\?/, '');
    const list = /^\[(.*)\]$/.exec(ref);
    const inner = list ? list[1] : ref;
    const here = list ? [...path, field, '0'] : [...path, field];
    const hereTypes = list ? [...types, '[]', inner] : [...types, inner];
    const values = valuesFor(inner, field);
    if (values) return [{ path: here, types: hereTypes, values }];
    if (SKIP.has(inner) || !SHAPES[inner]?.f) return [];
    return sites(inner, depth - 1, here, hereTypes);
  });
}

const isPlain = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Array.isArray(v));

/** `container` with `value` at `site.path[i..]`, copying only the plain objects and lists on the way; missing structs come from FILL. */
function planted(container: unknown, site: Site, value: unknown, i = 0): Record<string, unknown> {
  const copy: Record<string, unknown> = isPlain(container) && !Array.isArray(container) ? { ...container } : {};
  const key = site.path[i];
  const type = site.types[i];
  const last = i === site.path.length - 1;
  const structOf = (v: unknown, t: string, next: string) => (isPlain(v) && !Array.isArray(v) ? v : FILL[t]?.(next) ?? {});
  if (last) {
    copy[key] = value;
  } else if (type === '[]') {
    const first = Array.isArray(copy[key]) ? (copy[key] as unknown[])[0] : undefined;
    copy[key] = [i + 1 === site.path.length - 1 ? value : planted(structOf(first, site.types[i + 1], site.path[i + 2]), site, value, i + 2)];
  } else {
    copy[key] = planted(structOf(copy[key], type, site.path[i + 1]), site, value, i + 1);
  }
  return copy;
}

type Base = { make: (scope: Construct, id: string, props: any) => unknown; props: any };
type Host = { name: string; propsType: string; subject: string; base: (scope: Construct) => Base };

const IRIS = () => lib.ModelUri.gcs('seldon-models', 'sklearn/iris');
const deploymentOf = (graph: (p: any) => lib.PredictiveUnit) => (s: Construct, id: string, p: any) =>
  new lib.SeldonDeployment(s, id, { predictors: [{ name: 'default', graph: graph(p) }] });

/** The constructs, and the factories and methods whose props reach a manifest only through a construct. */
const HOSTS: Host[] = [
  ...Object.entries(BASES).map(([name, base]) => ({ name, propsType: CONSTRUCTS.find(c => c.name === name)!.propsType, subject: 'subject', base })),
  {
    name: 'PredictiveUnit.component',
    propsType: 'ComponentUnitProps',
    subject: 'subject',
    base: () => ({ make: deploymentOf(p => lib.PredictiveUnit.component(p)), props: { name: 'classifier', image: 'docker.io/me/model:1.0', unitType: lib.PredictiveUnitType.MODEL } }),
  },
  {
    name: 'PredictiveUnit.prepackaged',
    propsType: 'PrepackagedUnitProps',
    subject: 'subject',
    base: () => ({ make: deploymentOf(p => lib.PredictiveUnit.prepackaged(p)), props: { name: 'classifier', server: lib.PrepackagedServer.SKLEARN, modelUri: IRIS() } }),
  },
  {
    name: 'Pipeline.addStepForModelName',
    propsType: 'PipelineStepOptions',
    subject: 'subject',
    base: () => ({ make: (sc, id, p) => new lib.Pipeline(sc, id).addStepForModelName('iris', p), props: {} }),
  },
];

/** Values of related fields together: the Seldon v2 scaling rules (GetValidatedScalingSpec), experiment weights, model memory. */
const TRIPLES = [[0, 0, 0], [2, 3, 0], [5, 1, 3], [1, 3, 2], [0, 1, 0], [undefined, 4, 3], [undefined, 0, 0], [3, undefined, 2], [1, 1, 1]];
const CROSS: HostileCase[] = [
  ...TRIPLES.flatMap(([replicas, minReplicas, maxReplicas]) => [
    { kind: 'SeldonModel', make: (sc: Construct) => new lib.SeldonModel(sc, 'subject', { storageUri: IRIS(), requirements: ['sklearn'], replicas, minReplicas, maxReplicas }) },
    { kind: 'SeldonServer', make: (sc: Construct) => new lib.SeldonServer(sc, 'subject', { replicas, minReplicas, maxReplicas }) },
  ].map(({ kind, make }) => ({
    describe: `${kind} replicas/minReplicas/maxReplicas = ${replicas}/${minReplicas}/${maxReplicas}`,
    subject: 'subject',
    field: replicas !== undefined ? 'replicas' : 'Replicas',
    build: (chart: Chart) => { make(chart); },
  }))),
  ...[[1, 3, 2], [0, 3, 3], [3, 1, 5], [2, 4, 3]].map(([minReplicas, maxReplicas, modelReplicas]) => ({
    describe: `RpsAutoscaler minReplicas/maxReplicas = ${minReplicas}/${maxReplicas}, model replicas ${modelReplicas}`,
    subject: 'subject',
    field: 'Replicas',
    build: (chart: Chart) => {
      const model = new lib.SeldonModel(chart, 'target', { storageUri: IRIS(), requirements: ['sklearn'], replicas: modelReplicas });
      new lib.RpsAutoscaler(chart, 'subject', { model, targetRps: 10, minReplicas, maxReplicas });
    },
  })),
  ...[0, -1, 1.5, 2 ** 31, 2 ** 32].map(weight => ({
    describe: `Experiment addCandidate weight = ${weight}`,
    subject: 'subject',
    field: 'weight',
    build: (chart: Chart) => {
      const experiment = new lib.Experiment(chart, 'subject');
      experiment.addCandidate(lib.ExperimentTarget.modelName('iris'), weight);
      experiment.addCandidate(lib.ExperimentTarget.modelName('iris-v2'), 50);
    },
  })),
  ...[Duration.millis(1500), Duration.seconds(0), Duration.days(30_000)].map(evictAfter => ({
    describe: `PrepackagedModel scheduling.tolerate evictAfter = ${describe(evictAfter)}`,
    subject: 'subject',
    field: 'tolerate',
    build: (chart: Chart) => {
      new lib.PrepackagedModel(chart, 'subject', { server: lib.PrepackagedServer.SKLEARN, modelUri: IRIS() })
        .scheduling.tolerate(Node.tainted(NodeTaintQuery.is('gpu', 'a', { effect: TaintEffect.NO_EXECUTE, evictAfter })));
    },
  })),
  ...['0', '-1Gi', '1.5Gi', '100m', '0.5', '1e3', '1Ei', '9Ei'].map(memory => ({
    describe: `SeldonModel memory = ${memory}`,
    subject: 'subject',
    field: 'memory',
    build: (chart: Chart) => { new lib.SeldonModel(chart, 'subject', { storageUri: IRIS(), requirements: ['sklearn'], memory }); },
  })),
];

/** Every (construct or factory, site, value) combination and the cross-field cases, in a fixed order. */
export const RANGE_CASES: HostileCase[] = [...HOSTS.flatMap(host => sites(host.propsType, 4).flatMap(site => site.values.map(make => {
  const probe = make();
  return {
    describe: `${host.name} ${site.path.join('.')} = ${describe(probe)}`,
    subject: host.subject,
    field: site.path[0],
    build: (chart: Chart) => {
      const base = host.base(chart);
      base.make(chart, 'subject', planted(base.props, site, make()));
    },
  };
}))), ...CROSS];

function describe(v: unknown): string {
  if (typeof v === 'string') return `string(${v.length})`;
  if (v instanceof Duration) return `Duration(${v.toMilliseconds()} ms)`;
  if (v instanceof Size) return `Size(${v.asString()})`;
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v, (_k, x) => (typeof x === 'object' && x && !isPlain(x) ? `${x.constructor.name}${JSON.stringify({ ...x })}` : x))?.slice(0, 120) ?? String(v);
}

/** A seeded pick of the range cases. */
export const rangeCase = (): fc.Arbitrary<HostileCase> => fc.nat(RANGE_CASES.length - 1).map(i => RANGE_CASES[i]);
