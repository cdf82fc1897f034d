/**
 * The restricted Pod Security check (src/k8s/pod-security.ts) against Pod
 * Security Admission's rules (kubernetes/pod-security-admission policy/check_*.go,
 * v0.36): one test per rule, each with what the rule refuses and what it lets through.
 */
import { Json } from '../../src/k8s/json';
import { restrictedPodFindings, restrictedPodSpecViolations, restrictedPodViolations, restrictedViolations } from '../../src/k8s/pod-security';
import { SAFE_SYSCTLS } from '../../src/k8s/pod-security-rules';
import { restrictedPreviewViolations } from '../../src/preview/preview-files';

const HARD = { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
const RESOURCES = { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } };

/** A container that passes, with `extra` merged in (`securityContext` merged into the hardened one). */
function container(extra: Json = {}, name = 'server'): Json {
  return { name, image: 'docker.io/seldonio/mlserver:1.7.1', resources: RESOURCES, ...extra, securityContext: { ...HARD, ...extra.securityContext } };
}

/** A pod that passes, with `extra` pod fields. */
function pod(extra: Json = {}, containers: Json[] = [container()]): Json {
  return { containers, ...extra };
}

describe('a hardened pod passes', () => {
  test('no violation for the pod all rules accept', () => {
    expect(restrictedPodSpecViolations(pod({ securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000 } }))).toEqual([]);
  });
});

describe('the pod\'s own security context is judged whatever the containers set', () => {
  // Every container overrides the three with safe values; check_runAsUser.go, check_runAsNonRoot.go and
  // check_seccompProfile_restricted.go still fail the pod for them ("pod" among the bad setters).
  test('runAsUser: 0 on the pod (check_runAsUser.go)', () => {
    const violations = restrictedPodSpecViolations(pod({ securityContext: { runAsUser: 0 } }, [container({ securityContext: { runAsUser: 1000 } })]));
    expect(violations).toEqual(['pod: runAsUser is 0']);
    expect(restrictedPodSpecViolations(pod({ securityContext: { runAsUser: 1000 } }))).toEqual([]);
  });
  test('runAsUser: 0 on a container', () => {
    expect(restrictedViolations(container({ securityContext: { runAsUser: 0 } }), { runAsUser: 1000 })).toEqual(['runAsUser is 0']);
  });
  test('runAsNonRoot: false on the pod (check_runAsNonRoot.go)', () => {
    expect(restrictedPodSpecViolations(pod({ securityContext: { runAsNonRoot: false } }))).toEqual(['pod: runAsNonRoot is false']);
    // unset on the pod is fine when every container sets true; true on the pod covers containers that set nothing
    const bare = { ...container(), securityContext: { ...HARD, runAsNonRoot: undefined } };
    expect(restrictedPodSpecViolations(pod({ securityContext: { runAsNonRoot: true } }, [bare]))).toEqual([]);
    expect(restrictedPodSpecViolations(pod({}, [bare]))).toEqual(['server: runAsNonRoot is not true']);
  });
  test('seccompProfile Unconfined on the pod (check_seccompProfile_restricted.go)', () => {
    expect(restrictedPodSpecViolations(pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } }))).toEqual(['pod: seccompProfile is Unconfined']);
    for (const type of ['RuntimeDefault', 'Localhost']) expect(restrictedPodViolations(pod({ securityContext: { seccompProfile: { type } } }))).toEqual([]);
  });
});

describe('baseline rules', () => {
  test('hostPort (check_hostPorts.go)', () => {
    expect(restrictedViolations(container({ ports: [{ containerPort: 9000, name: 'http' }, { containerPort: 5572, hostPort: 5572, name: 'rclone' }] })))
      .toEqual(['hostPort 5572 on port rclone']);
    expect(restrictedViolations(container({ ports: [{ containerPort: 9000, hostPort: 0 }] }))).toEqual([]);
  });
  test('seLinuxOptions on a container and on the pod (check_seLinuxOptions.go)', () => {
    expect(restrictedViolations(container({ securityContext: { seLinuxOptions: { type: 'spc_t' } } }))).toEqual(['seLinuxOptions.type is spc_t']);
    expect(restrictedViolations(container({ securityContext: { seLinuxOptions: { user: 'system_u', role: 'system_r' } } })))
      .toEqual(['seLinuxOptions.user is set', 'seLinuxOptions.role is set']);
    expect(restrictedPodViolations(pod({ securityContext: { seLinuxOptions: { type: 'unconfined_t' } } }))).toEqual(['seLinuxOptions.type is unconfined_t']);
    for (const type of ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']) {
      expect(restrictedPodSpecViolations(pod({ securityContext: { seLinuxOptions: { type, level: 's0:c123,c456' } } },
        [container({ securityContext: { seLinuxOptions: { type } } })]))).toEqual([]);
    }
  });
  test('procMount (check_procMount_baseline.go)', () => {
    expect(restrictedViolations(container({ securityContext: { procMount: 'Unmasked' } }))).toEqual(['procMount is Unmasked']);
    expect(restrictedViolations(container({ securityContext: { procMount: 'Default' } }))).toEqual([]);
  });
  test('sysctls outside the safe set (check_sysctls.go)', () => {
    expect(restrictedPodViolations(pod({ securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } })))
      .toEqual(['sysctl net.core.somaxconn is not a safe sysctl']);
    expect(restrictedPodViolations(pod({ securityContext: { sysctls: SAFE_SYSCTLS.map(name => ({ name, value: '1' })) } }))).toEqual([]);
    expect(SAFE_SYSCTLS).toHaveLength(12);
  });
  test('windowsOptions.hostProcess on a container and on the pod (check_windowsHostProcess.go)', () => {
    expect(restrictedViolations(container({ securityContext: { windowsOptions: { hostProcess: true } } }))).toEqual(['windowsOptions.hostProcess is true']);
    expect(restrictedPodViolations(pod({ securityContext: { windowsOptions: { hostProcess: true } } }))).toEqual(['windowsOptions.hostProcess is true']);
    expect(restrictedViolations(container({ securityContext: { windowsOptions: { hostProcess: false, runAsUserName: 'u' } } }))).toEqual([]);
  });
  test('appArmorProfile field on a container and on the pod (check_appArmorProfile.go)', () => {
    expect(restrictedViolations(container({ securityContext: { appArmorProfile: { type: 'Unconfined' } } }))).toEqual(['appArmorProfile.type is Unconfined']);
    expect(restrictedPodViolations(pod({ securityContext: { appArmorProfile: { type: 'Unconfined' } } }))).toEqual(['appArmorProfile.type is Unconfined']);
    expect(restrictedPodSpecViolations(pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } },
      [container({ securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } } })]))).toEqual([]);
  });
  test('AppArmor annotation of the pod template (check_appArmorProfile.go)', () => {
    const key = 'container.apparmor.security.beta.kubernetes.io/server';
    expect(restrictedPodSpecViolations(pod(), { annotations: { [key]: 'unconfined' } })).toEqual([`pod: annotation ${key} is unconfined`]);
    for (const value of ['runtime/default', 'localhost/my-profile', '']) expect(restrictedPodSpecViolations(pod(), { annotations: { [key]: value } })).toEqual([]);
    expect(restrictedPodSpecViolations(pod(), { annotations: { 'example.com/apparmor': 'unconfined' } })).toEqual([]);
  });
  test('probe and lifecycle handlers with a host (check_hostProbesAndhostLifecycle.go)', () => {
    expect(restrictedViolations(container({
      livenessProbe: { httpGet: { port: 9000, host: '10.0.0.1' } },
      readinessProbe: { tcpSocket: { port: 9000, host: 'db' } },
      startupProbe: { httpGet: { port: 9000, host: '' } },
      lifecycle: { preStop: { httpGet: { port: 80, host: 'example.com' } }, postStart: { tcpSocket: { port: 1, host: 'x' } } },
    }))).toEqual([
      'livenessProbe.httpGet.host is 10.0.0.1', 'readinessProbe.tcpSocket.host is db',
      'lifecycle.postStart.tcpSocket.host is x', 'lifecycle.preStop.httpGet.host is example.com',
    ]);
    expect(restrictedViolations(container({ livenessProbe: { httpGet: { port: 9000, path: '/ready' } } }))).toEqual([]);
  });
  test('ephemeral containers are checked (visitContainers), without the resources rule', () => {
    const debug = { name: 'debug', image: 'busybox:1.36', securityContext: { ...HARD, privileged: true } };
    expect(restrictedPodSpecViolations({ ...pod(), ephemeralContainers: [debug] })).toEqual(['debug: privileged']);
  });
});

describe('volumes (check_restrictedVolumes.go)', () => {
  test('image volumes are allowed, hostPath is not', () => {
    expect(restrictedPodViolations(pod({ volumes: [{ name: 'model', image: { reference: 'example.com/model:1', pullPolicy: 'IfNotPresent' } }] }))).toEqual([]);
    expect(restrictedPodViolations(pod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }))).toEqual(['volume h is of type hostPath']);
  });
});

describe('findings carry field, value and what is accepted', () => {
  test('a hostPort', () => {
    const [finding] = restrictedPodFindings(pod({}, [container({ ports: [{ containerPort: 5572, hostPort: 5572 }] })]));
    expect(finding).toEqual(expect.objectContaining({ container: 'server', field: 'ports[0].hostPort', value: 5572, accepted: 'no hostPort (0 or unset)', admission: true }));
  });
  test('the library\'s own hardening is marked as not Pod Security Admission\'s', () => {
    const findings = restrictedPodFindings(pod({}, [{ ...container(), image: 'busybox' }]));
    expect(findings.map(f => [f.field, f.admission])).toEqual([['image', false]]);
  });
});

describe('preview --restricted reads the pod template\'s metadata', () => {
  test('the AppArmor annotation of a StatefulSet\'s pod template', () => {
    const statefulSet = {
      kind: 'StatefulSet',
      metadata: { name: 'mlserver' },
      spec: { template: { metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/server': 'unconfined' } }, spec: pod() } },
    };
    expect(restrictedPreviewViolations([statefulSet])).toEqual(['StatefulSet mlserver: pod: annotation container.apparmor.security.beta.kubernetes.io/server is unconfined']);
  });
});
