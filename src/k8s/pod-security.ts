/**
 * The Kubernetes "restricted" Pod Security Standard, as checks on plain JSON
 * containers and pods, so that tests and `cdk8s-seldon preview --restricted`
 * apply the same rules to what the library declares and to what the
 * operators build: the rules of Pod Security Admission's restricted level,
 * which includes the baseline level (src/k8s/pod-security-rules.ts).
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * (Resources and pinned image tags are not part of the standard; they are the
 * library's own hardening, checked here too.)
 */
import { Json } from './json';
import { PodSecurityFinding, containerFindings, hardeningFindings, podFindings } from './pod-security-rules';

export type { PodSecurityFinding } from './pod-security-rules';

/**
 * Violations of one container, given the pod's security context (a container
 * setting is judged where set, the pod's where the container has none; what
 * the pod sets itself is in `restrictedPodViolations`).
 */
export function restrictedViolations(container: Json, podSecurityContext: Json = {}): string[] {
  return [...containerFindings(container, podSecurityContext), ...hardeningFindings(container)].map(f => f.text);
}

/**
 * Pod-level violations: host namespaces, volume types, the pod's own security
 * context (runAsUser 0, runAsNonRoot false and a seccomp profile other than
 * RuntimeDefault or Localhost fail the pod whatever its containers set),
 * sysctls, SELinux, Windows host process, AppArmor (field and annotations,
 * from the pod template's `metadata`).
 */
export function restrictedPodViolations(pod: Json, metadata?: Json): string[] {
  return podFindings(pod, metadata).map(f => f.text);
}

/**
 * Every finding of a pod spec (with its template's metadata, for the AppArmor
 * annotations): the pod's, then each container's, ephemeral containers
 * included (for them without the resources rule: Kubernetes gives them none).
 */
export function restrictedPodFindings(pod: Json, metadata?: Json): PodSecurityFinding[] {
  const meta = typeof metadata === 'object' && metadata !== null ? metadata : {};
  const of = (c: Json, ephemeral: boolean): PodSecurityFinding[] => [
    ...containerFindings(c, pod.securityContext).map(f => ({ ...f, container: c.name, admission: true })),
    ...hardeningFindings(c).filter(f => !(ephemeral && f.field === 'resources')).map(f => ({ ...f, container: c.name, admission: false })),
  ];
  return [
    ...podFindings(pod, meta).map(f => ({ ...f, admission: true })),
    ...[...(pod.initContainers ?? []), ...(pod.containers ?? [])].flatMap((c: Json) => of(c, false)),
    ...(pod.ephemeralContainers ?? []).flatMap((c: Json) => of(c, true)),
  ];
}

/** Every violation of a pod spec, one line each: `<container>: <violation>` or `pod: <violation>`. */
export function restrictedPodSpecViolations(pod: Json, metadata?: Json): string[] {
  return restrictedPodFindings(pod, metadata).map(f => `${f.container ?? 'pod'}: ${f.text}`);
}
