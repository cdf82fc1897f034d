import { k8s } from 'cdk8s-plus-27';

/**
 * A container security context that passes the Kubernetes "restricted" Pod
 * Security Standard: non-root, no privilege escalation, all capabilities
 * dropped, the runtime's default seccomp profile. The uid is explicit so
 * that images whose USER is root or a name still start.
 */
export function restrictedSecurityContext(user: number): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: user,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
