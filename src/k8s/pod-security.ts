/**
 * The Kubernetes "restricted" Pod Security Standard, as checks on plain JSON
 * containers and pods, so that tests and `cdk8s-seldon preview --restricted`
 * apply the same rules to what the library declares and to what the
 * operators build. https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * (Resources and pinned image tags are not part of the standard; they are the
 * library's own hardening, checked here too.)
 */
import { Json } from './json';

/** Violations of one container, given the pod's security context (container settings override the pod's). */
export function restrictedViolations(container: Json, podSecurityContext: Json = {}): string[] {
  const sc = container.securityContext ?? {};
  const pod = podSecurityContext ?? {};
  const v: string[] = [];
  if (sc.privileged === true) v.push('privileged');
  if (sc.allowPrivilegeEscalation !== false) v.push('allowPrivilegeEscalation is not false');
  if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) v.push('runAsNonRoot is not true');
  if ((sc.runAsUser ?? pod.runAsUser) === 0) v.push('runAsUser is 0');
  const drop: string[] = sc.capabilities?.drop ?? [];
  if (!drop.includes('ALL')) v.push('capabilities do not drop ALL');
  const add: string[] = sc.capabilities?.add ?? [];
  if (add.some(c => c !== 'NET_BIND_SERVICE')) v.push(`capabilities add ${add.join(',')}`);
  const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
  if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) v.push('seccompProfile is not RuntimeDefault or Localhost');
  if (!container.resources?.requests || !container.resources?.limits) v.push('resources are not set (requests and limits)');
  if (!container.image || /:latest$/.test(container.image) || !/:[^/]+$|@sha256:/.test(container.image)) v.push(`image ${container.image} is untagged or :latest`);
  return v;
}

/** Pod-level violations: host namespaces, host paths, sysctls and volume types the restricted level forbids. */
export function restrictedPodViolations(pod: Json): string[] {
  const v: string[] = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[field] === true) v.push(`${field} is true`);
  const allowed = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
  for (const volume of pod.volumes ?? []) {
    const kinds = Object.keys(volume).filter(k => k !== 'name');
    if (kinds.some(k => !allowed.includes(k))) v.push(`volume ${volume.name} is of type ${kinds.join(',')}`);
  }
  return v;
}

/** Every violation of a pod spec, one line each: `<container>: <violation>` or `pod: <violation>`. */
export function restrictedPodSpecViolations(pod: Json): string[] {
  const containers: Json[] = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  return [
    ...restrictedPodViolations(pod).map(v => `pod: ${v}`),
    ...containers.flatMap(c => restrictedViolations(c, pod.securityContext).map(v => `${c.name}: ${v}`)),
  ];
}
