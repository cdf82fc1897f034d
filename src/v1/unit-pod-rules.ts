import { ImagePullPolicy, Probe, k8s } from 'cdk8s-plus-27';
import { showObject } from '../errors';
import { ServerRuntime } from './operator-defaults';
import { UnitSpec } from './predictive-unit';
import { SeldonProtocol } from './protocol';
import { isTfServingProxy, storageInitializerTarget } from './storage-initializer-target';
import { containerSettingProblems, hasContainerSettings, withContainerSettings } from './unit-container-settings';
import { probeRangeProblems } from '../k8s/container-ranges';

type Report = (field: string, problem: string, accepted: string) => void;

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
/** The handlers the operator writes over an MLServer node's probes (mlserver.go; SELDON-FACTS §1.8). */
const MLSERVER_PATHS: Record<string, string> = { livenessProbe: '/v2/health/live', readinessProbe: '/v2/health/ready' };

/** Whether the node sets anything that needs its container in the manifest. */
export function hasPodSettings(spec: UnitSpec): boolean {
  return spec.gpu !== undefined || spec.imagePullPolicy !== undefined || PROBES.some(p => spec[p] !== undefined) || hasContainerSettings(spec);
}

/**
 * A cdk8s-plus probe as Kubernetes JSON. cdk8s-plus takes the port from a
 * Container it owns (else 80); here the operator numbers the ports, so a
 * probe without a port targets the port the operator names `http` (§1.6.1).
 */
function renderProbe(probe: Probe): k8s.Probe {
  const options = probe as unknown as { httpGetOptions?: { port?: number }; tcpSocketOptions?: { port?: number } };
  const kube = (probe as unknown as { _toKube(c: unknown): k8s.Probe })._toKube({ portNumber: undefined });
  const http = k8s.IntOrString.fromString('http');
  return {
    ...kube,
    httpGet: kube.httpGet && (options.httpGetOptions?.port === undefined ? { ...kube.httpGet, port: http } : kube.httpGet),
    tcpSocket: kube.tcpSocket && (options.tcpSocketOptions?.port === undefined ? { ...kube.tcpSocket, port: http } : kube.tcpSocket),
  };
}

const PULL_POLICIES: readonly string[] = Object.values(ImagePullPolicy);

/** The node's container with its GPU limit, probes and pull policy. */
export function withUnitPodSettings(base: k8s.Container, spec: UnitSpec): k8s.Container {
  if (!hasPodSettings(spec)) return base;
  const container = withContainerSettings(base, spec);
  const resources = spec.gpu === undefined ? container.resources : {
    ...container.resources,
    limits: { ...container.resources?.limits, [spec.gpu.resourceName]: k8s.Quantity.fromNumber(spec.gpu.count) },
  };
  return {
    ...container,
    imagePullPolicy: spec.imagePullPolicy ?? container.imagePullPolicy,
    resources,
    // A probe the node does not set keeps the declared container's (explicit mode's MLServer health checks).
    livenessProbe: spec.livenessProbe ? renderProbe(spec.livenessProbe) : container.livenessProbe,
    readinessProbe: spec.readinessProbe ? renderProbe(spec.readinessProbe) : container.readinessProbe,
    startupProbe: spec.startupProbe ? renderProbe(spec.startupProbe) : container.startupProbe,
  };
}

/** Checks of a node's GPU, probes and pull policy. */
export function unitPodProblems(spec: UnitSpec, ctx: { protocol?: SeldonProtocol; explicit: boolean },
  field: (f: string) => string, report: Report): void {
  if (spec.imagePullPolicy !== undefined && !PULL_POLICIES.includes(spec.imagePullPolicy)) {
    report(field('imagePullPolicy'), `${showObject(spec.imagePullPolicy)} is not an image pull policy`, `ImagePullPolicy.${Object.keys(ImagePullPolicy).join(', ImagePullPolicy.')}`);
  }
  if (spec.gpu !== undefined) {
    if (typeof spec.gpu?.toLimits !== 'function') {report(field('gpu'), `${showObject(spec.gpu)} is not a Gpu`, 'Gpu.nvidia(n), Gpu.amd(n) or Gpu.of(resource, n)');} else if (spec.gpu.problem) {
      const i = spec.gpu.problem.lastIndexOf('; ');
      report(field('gpu'), spec.gpu.problem.slice(0, i), spec.gpu.problem.slice(i + 2));
    }
  }
  // Every check there reads a mount, the security context, an envFrom or a port: a node without them (most) skips it.
  if (hasContainerSettings(spec)) {
    // The model goes to the node's container, except a TF proxy's (to `tfserving`).
    const initializer = storageInitializerTarget(spec, ctx.protocol) !== undefined && !isTfServingProxy(spec, ctx.protocol);
    containerSettingProblems(spec, initializer, field, report);
  }
  for (const key of PROBES) {
    const probe = spec[key];
    if (probe === undefined) continue;
    if (typeof (probe as any)?._toKube !== 'function') {
      report(field(key), `${showObject(probe)} is not a cdk8s-plus Probe`, 'Probe.fromHttpGet(path), Probe.fromTcpSocket() or Probe.fromCommand(command)');
      continue;
    }
    let kube: k8s.Probe;
    try {
      kube = renderProbe(probe);
    } catch {
      report(field(key), 'has a time that is not whole seconds', 'Durations of whole seconds (Kubernetes reads probe times in seconds)');
      continue;
    }
    probeRangeProblems(kube, key, field(key), report);
    // The operator replaces the handler of an MLServer node's probes and keeps only the timings.
    const runtime = spec.kind === 'prepackaged' && !ctx.explicit ? spec.server?._runtime(ctx.protocol) : undefined;
    const path = MLSERVER_PATHS[key];
    if (runtime === ServerRuntime.MLSERVER && path !== undefined && (kube.httpGet?.path !== path || kube.httpGet.port.value !== 'http')) {
      report(field(key), `is replaced on an MLServer node: the operator keeps its timings but checks httpGet ${path} on port http (mlserver.go)`,
        `Probe.fromHttpGet('${path}', { ...timings }) without a port, or explicitStorageInitializer: true`);
    }
  }
}
