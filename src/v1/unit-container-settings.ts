import { k8s, Protocol, Volume, VolumeMount } from 'cdk8s-plus-27';
import { show } from '../errors';
import { ID_ACCEPTED, PORT_ACCEPTED, PORT_NAME_ACCEPTED, isPort, isPortName, isUserOrGroupId } from '../k8s/container-ranges';
import { PODINFO_PATH } from './operator/names';
import { STORAGE_INITIALIZER } from './operator-defaults';
import { UnitSpec } from './predictive-unit';
import { isVolume, mountPathProblem, normalizedMountPath, renderMount, subPathProblems } from '../k8s/volume-mounts';
import { ModelUriKind } from '../model-uri';

type Report = (field: string, problem: string, accepted: string) => void;

/**
 * A node container's volume mounts, security context, `envFrom` and further
 * ports: container fields the operator keeps as written on a node's
 * container (defaults.go setContainerPredictiveUnitDefaults only adds its
 * `seldon-podinfo` mount and numbers the ports named http, grpc and metrics).
 */

/** Port names the operator looks up on a node's container (defaults.go GetPort; `metrics` is the Helm default metrics port name). */
export const OPERATOR_PORT_NAMES: readonly string[] = ['http', 'grpc', 'metrics'];
/**
 * The security context fields of a node's container, `ContainerSecurityContextProps`
 * name to Kubernetes name, in the order they are rendered (`capabilities` apart).
 */
export const SECURITY_CONTEXT_FIELDS = {
  user: 'runAsUser',
  group: 'runAsGroup',
  ensureNonRoot: 'runAsNonRoot',
  privileged: 'privileged',
  readOnlyRootFilesystem: 'readOnlyRootFilesystem',
  allowPrivilegeEscalation: 'allowPrivilegeEscalation',
} as const;
/** The executor's ports in the same pod (engine.go). */
const EXECUTOR_PORTS = [8000, 5001];
/** IANA service name, as Kubernetes checks a container port's name (validation.IsValidPortName). */
export function hasContainerSettings(spec: UnitSpec): boolean {
  return (spec.volumeMounts?.length ?? 0) > 0 || spec.securityContext !== undefined
    || (spec.envFrom?.length ?? 0) > 0 || (spec.ports?.length ?? 0) > 0;
}

/** The node's container with these settings: mounts and ports after the ones it already has. */
export function withContainerSettings(container: k8s.Container, spec: UnitSpec): k8s.Container {
  if (!hasContainerSettings(spec)) return container;
  const mounts = (spec.volumeMounts ?? []).map(renderMount);
  const ports: k8s.ContainerPort[] = (spec.ports ?? [])
    .map(p => ({ name: p.name, containerPort: p.number, protocol: p.protocol, hostIp: p.hostIp, hostPort: p.hostPort }));
  const envFrom = (spec.envFrom ?? []).map(e => (e as unknown as { _toKube(): k8s.EnvFromSource })._toKube());
  return {
    ...container,
    volumeMounts: mounts.length ? [...container.volumeMounts ?? [], ...mounts] : container.volumeMounts,
    ports: ports.length ? [...container.ports ?? [], ...ports] : container.ports,
    envFrom: envFrom.length ? [...container.envFrom ?? [], ...envFrom] : container.envFrom,
    securityContext: spec.securityContext
      ? mergedSecurityContext(container.securityContext, renderSecurityContext(spec.securityContext)) : container.securityContext,
  };
}

/**
 * The node's fields over the container's own context (explicit mode declares a
 * restricted one, whose other fields must stay), field by field.
 */
function mergedSecurityContext(base: k8s.SecurityContext | undefined, own: k8s.SecurityContext): k8s.SecurityContext {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(own)) if (value !== undefined) merged[key] = value;
  return merged as k8s.SecurityContext;
}

/** Only the fields set: cdk8s-plus's `ContainerSecurityContext` would add its restricted defaults, which the operator's pods do not have. */
function renderSecurityContext(s: NonNullable<UnitSpec['securityContext']>): k8s.SecurityContext {
  const caps = s.capabilities;
  const context: Record<string, unknown> = {};
  for (const [prop, kube] of Object.entries(SECURITY_CONTEXT_FIELDS)) context[kube] = s[prop as keyof typeof SECURITY_CONTEXT_FIELDS];
  context.capabilities = caps && (caps.add?.length || caps.drop?.length)
    ? { add: caps.add?.length ? [...caps.add] : undefined, drop: caps.drop?.length ? [...caps.drop] : undefined } : undefined;
  return context as k8s.SecurityContext;
}

/** The volumes a node's mounts use, by name. */
export function mountedVolumes(spec: UnitSpec): Volume[] {
  return (Array.isArray(spec.volumeMounts) ? spec.volumeMounts : []).map(m => m?.volume).filter(v => isVolume(v));
}

/** Checks of a node's mounts, security context, envFrom and ports (`initializer`: whether the operator mounts the model into this container). */
export function containerSettingProblems(spec: UnitSpec, initializer: boolean, field: (f: string) => string, report: Report): void {
  // The boundary check (prop-check.ts) has made these lists and the security context of the right types.
  const list = (key: 'volumeMounts' | 'envFrom' | 'ports'): unknown[] => spec[key] ?? [];
  // Paths the operator mounts into the node's container; Kubernetes refuses a container with a mount path twice.
  const taken = new Map<string, string>([[PODINFO_PATH, 'the operator\'s seldon-podinfo mount (defaults.go)']]);
  if (initializer) taken.set(STORAGE_INITIALIZER.modelsPath, 'the model the storage initializer downloads (model_initializer_injector.go)');
  if (initializer && spec.modelUri?.kind === ModelUriKind.PVC) taken.set(STORAGE_INITIALIZER.pvcMountPath, 'the pvc:// claim (model_initializer_injector.go)');
  list('volumeMounts').forEach((m, i) => {
    const mount = m as VolumeMount | undefined;
    if (!isVolume(mount?.volume)) {
      report(field(`volumeMounts[${i}].volume`), `${show(mount?.volume)} is not a cdk8s-plus Volume`, 'a Volume, e.g. Volume.fromEmptyDir(this, "scratch", "scratch")');
    }
    // The volume's name is checked with the pod's other volumes (predictor-pod.ts), once.
    const pathIssue = mountPathProblem(mount?.path, '/scratch');
    const path = pathIssue ? undefined : normalizedMountPath(mount!.path);
    if (pathIssue) {
      report(field(`volumeMounts[${i}].path`), ...pathIssue);
    } else if (taken.has(path!)) {
      report(field(`volumeMounts[${i}].path`), `${show(mount!.path)} is already the mount path of ${taken.get(path!)}`, 'a path no other mount of the container uses');
    } else {
      taken.set(path!, `volumeMounts[${i}]`);
    }
    if (mount) subPathProblems(mount, f => field(`volumeMounts[${i}].${f}`), report);
  });
  const sc = spec.securityContext;
  if (sc !== undefined) {
    for (const key of ['user', 'group'] as const) {
      const v = sc[key];
      if (v !== undefined && !isUserOrGroupId(v)) report(field(`securityContext.${key}`), `${show(v)} is not a user or group id`, ID_ACCEPTED);
    }
    if (sc.ensureNonRoot === true && sc.user === 0) report(field('securityContext.ensureNonRoot'), 'is true but user is 0 (Kubernetes refuses to start the container)', 'a user other than 0, or ensureNonRoot unset');
  }
  list('envFrom').forEach((e, i) => {
    if (typeof (e as { _toKube?: unknown } | undefined)?._toKube !== 'function') {
      report(field(`envFrom[${i}]`), `${show(e)} is not an EnvFrom`, 'Env.fromConfigMap(configMap, prefix?) or Env.fromSecret(secret)');
    }
  });
  const names = new Set<string>();
  const numbers = new Map<number, string>();
  if (spec.httpPort !== undefined) numbers.set(spec.httpPort, 'httpPort');
  if (spec.grpcPort !== undefined) numbers.set(spec.grpcPort, 'grpcPort');
  const protocols = Object.values(Protocol) as string[];
  list('ports').forEach((p, i) => {
    const port = (p ?? {}) as { number?: unknown; name?: unknown; protocol?: unknown; hostPort?: unknown };
    const n = port.number;
    if (!isPort(n)) {
      report(field(`ports[${i}].number`), `${show(n)} is not a port number`, PORT_ACCEPTED);
    } else if (EXECUTOR_PORTS.includes(n as number)) {
      report(field(`ports[${i}].number`), `${n} is taken by the executor in the same pod (engine.go)`, `a port other than ${EXECUTOR_PORTS.join(' and ')}`);
    } else if (numbers.has(n as number)) {
      report(field(`ports[${i}].number`), `${n} is also ${numbers.get(n as number)}`, 'each port number once');
    } else {
      numbers.set(n as number, `ports[${i}]`);
    }
    if (port.name !== undefined) {
      if (!isPortName(port.name)) {
        report(field(`ports[${i}].name`), `${show(port.name)} is not a port name`, PORT_NAME_ACCEPTED);
      } else if (OPERATOR_PORT_NAMES.includes(port.name)) {
        report(field(`ports[${i}].name`), `${show(port.name)} is a port name the operator looks up on a node's container (defaults.go GetPort)`,
          'another name; set httpPort or grpcPort for the node\'s own ports');
      } else if (names.has(port.name)) {
        report(field(`ports[${i}].name`), `${show(port.name)} is repeated`, 'each port name once');
      }
      names.add(String(port.name));
    }
    if (port.protocol !== undefined && !protocols.includes(port.protocol as string)) {
      report(field(`ports[${i}].protocol`), `${show(port.protocol)} is not a protocol`, `Protocol.${Object.keys(Protocol).join(', Protocol.')}`);
    }
    if (port.hostPort !== undefined && !isPort(port.hostPort)) {
      report(field(`ports[${i}].hostPort`), `${show(port.hostPort)} is not a port number`, PORT_ACCEPTED);
    }
  });
}
