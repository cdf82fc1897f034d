/**
 * The rules of Kubernetes Pod Security Admission's restricted level (which
 * includes the baseline level) that src/k8s/pod-security.ts applies, one
 * finding per field: what is set, where, and what the level accepts there.
 * The ground truth is kubernetes/pod-security-admission policy/check_*.go at
 * v0.36 (Kubernetes 1.36); each rule names its file. Not modelled, so the
 * check is stricter there: a pod with `hostUsers: false` (1.35 relaxes
 * runAsNonRoot, runAsUser and procMount for it) and a pod with `os.name:
 * windows` (exempt from the seccomp, capabilities and privilege-escalation rules).
 */
import { Json } from './json';

/** One setting of a pod that the restricted level (or the library's own hardening) refuses. */
export interface PodSecurityFinding {
  /** The container the setting is on; undefined for the pod. */
  readonly container?: string;
  /** Where the setting is, from the container, or from the pod spec (`metadata.` for the pod's metadata). */
  readonly field: string;
  /** The value as set; undefined when the problem is that the field is unset. */
  readonly value?: unknown;
  /** The finding as a short sentence, e.g. `runAsUser is 0`. */
  readonly text: string;
  /** What the restricted level accepts there. */
  readonly accepted: string;
  /** false for the library's own hardening (resources, pinned images), which Pod Security Admission does not check. */
  readonly admission: boolean;
}

type Finding = Omit<PodSecurityFinding, 'container' | 'admission'>;

/** check_seLinuxOptions.go (1.31 on). */
const SELINUX_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

/**
 * check_sysctls.go, the list of 1.32 to 1.36 (1.37, not released yet, adds
 * net.ipv4.tcp_slow_start_after_idle and net.ipv4.tcp_notsent_lowat; clusters
 * before 1.32 lack tcp_rmem and tcp_wmem, before 1.29 the keepalive four and
 * tcp_fin_timeout, before 1.27 ip_local_reserved_ports).
 */
export const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
];

/** check_restrictedVolumes.go: the inline volume sources the restricted level allows. */
const VOLUME_KINDS = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

const SECCOMP_TYPES = ['RuntimeDefault', 'Localhost'];
const APPARMOR_TYPES = ['RuntimeDefault', 'Localhost'];
/** The annotation check_appArmorProfile.go reads on the pod, with the container's name after the slash. */
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Settings of a security context that pod and containers share: seLinuxOptions, windowsOptions.hostProcess, appArmorProfile. */
function sharedContextFindings(sc: Json): Finding[] {
  const found: Finding[] = [];
  const se = sc.seLinuxOptions;
  if (se) {
    // check_seLinuxOptions.go: the type from a short list, no user, no role
    if (se.type && !SELINUX_TYPES.includes(se.type)) {
      found.push({ field: 'securityContext.seLinuxOptions.type', value: se.type, text: `seLinuxOptions.type is ${se.type}`, accepted: `${SELINUX_TYPES.join(', ')} or unset` });
    }
    for (const key of ['user', 'role']) {
      if (se[key]) found.push({ field: `securityContext.seLinuxOptions.${key}`, value: se[key], text: `seLinuxOptions.${key} is set`, accepted: `no seLinuxOptions.${key}` });
    }
  }
  // check_windowsHostProcess.go
  if (sc.windowsOptions?.hostProcess === true) {
    found.push({ field: 'securityContext.windowsOptions.hostProcess', value: true, text: 'windowsOptions.hostProcess is true', accepted: 'false or unset' });
  }
  // check_appArmorProfile.go: the field's type
  if (sc.appArmorProfile && !APPARMOR_TYPES.includes(sc.appArmorProfile.type)) {
    found.push({ field: 'securityContext.appArmorProfile.type', value: sc.appArmorProfile.type, text: `appArmorProfile.type is ${sc.appArmorProfile.type}`, accepted: 'RuntimeDefault, Localhost or unset' });
  }
  return found;
}

/** check_hostProbesAndhostLifecycle.go (1.34 on): no probe or lifecycle handler may name a host. */
function handlerHostFindings(container: Json): Finding[] {
  const handlers: Array<[string, Json | undefined]> = [
    ...['livenessProbe', 'readinessProbe', 'startupProbe'].map(p => [p, container[p]] as [string, Json | undefined]),
    ['lifecycle.postStart', container.lifecycle?.postStart], ['lifecycle.preStop', container.lifecycle?.preStop],
  ];
  return handlers.flatMap(([at, handler]) => ['httpGet', 'tcpSocket'].filter(kind => handler?.[kind]?.host).map(kind => ({
    field: `${at}.${kind}.host`, value: handler![kind].host, text: `${at}.${kind}.host is ${handler![kind].host}`, accepted: 'no host (the pod\'s own IP)',
  })));
}

/**
 * Findings of one container, given the pod's security context: a container
 * value is judged where it is set, the pod's where the container has none
 * (what the pod sets itself is judged by `podFindings`).
 */
export function containerFindings(container: Json, podSecurityContext: Json = {}): Finding[] {
  const sc = container.securityContext ?? {};
  const pod = podSecurityContext ?? {};
  const found: Finding[] = [];
  // check_privileged.go, check_allowPrivilegeEscalation.go
  if (sc.privileged === true) found.push({ field: 'securityContext.privileged', value: true, text: 'privileged', accepted: 'false or unset' });
  if (sc.allowPrivilegeEscalation !== false) {
    found.push({ field: 'securityContext.allowPrivilegeEscalation', value: sc.allowPrivilegeEscalation, text: 'allowPrivilegeEscalation is not false', accepted: 'false' });
  }
  // check_runAsNonRoot.go, check_runAsUser.go
  const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
  if (nonRoot !== true) {
    found.push({ field: 'securityContext.runAsNonRoot', value: nonRoot, text: 'runAsNonRoot is not true', accepted: 'true, on the container or the pod' });
  }
  if (sc.runAsUser === 0) found.push({ field: 'securityContext.runAsUser', value: 0, text: 'runAsUser is 0', accepted: 'a uid other than 0, or unset' });
  // check_capabilities_restricted.go
  const drop: string[] = sc.capabilities?.drop ?? [];
  if (!drop.includes('ALL')) found.push({ field: 'securityContext.capabilities.drop', value: sc.capabilities?.drop, text: 'capabilities do not drop ALL', accepted: 'a list with ALL' });
  const add: string[] = sc.capabilities?.add ?? [];
  if (add.some(c => c !== 'NET_BIND_SERVICE')) {
    found.push({ field: 'securityContext.capabilities.add', value: add, text: `capabilities add ${add.join(',')}`, accepted: 'NET_BIND_SERVICE only' });
  }
  // check_seccompProfile_restricted.go
  const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
  if (!SECCOMP_TYPES.includes(seccomp)) {
    found.push({ field: 'securityContext.seccompProfile.type', value: seccomp, text: 'seccompProfile is not RuntimeDefault or Localhost', accepted: 'RuntimeDefault or Localhost, on the container or the pod' });
  }
  // check_hostPorts.go
  (container.ports ?? []).forEach((p: Json, i: number) => {
    if (p.hostPort) found.push({ field: `ports[${i}].hostPort`, value: p.hostPort, text: `hostPort ${p.hostPort} on port ${p.name ?? p.containerPort}`, accepted: 'no hostPort (0 or unset)' });
  });
  // check_procMount_baseline.go
  if (sc.procMount !== undefined && sc.procMount !== 'Default') {
    found.push({ field: 'securityContext.procMount', value: sc.procMount, text: `procMount is ${sc.procMount}`, accepted: 'Default or unset' });
  }
  found.push(...sharedContextFindings(sc), ...handlerHostFindings(container));
  return found;
}

/** The library's own hardening, which the standard does not ask for: requests and limits, a pinned image. */
export function hardeningFindings(container: Json): Finding[] {
  const found: Finding[] = [];
  if (!container.resources?.requests || !container.resources?.limits) {
    found.push({ field: 'resources', value: container.resources, text: 'resources are not set (requests and limits)', accepted: 'requests and limits' });
  }
  const image = container.image;
  if (!image || /:latest$/.test(image) || !/:[^/]+$|@sha256:/.test(image)) {
    found.push({ field: 'image', value: image, text: `image ${image} is untagged or :latest`, accepted: 'an image with a tag other than latest, or a digest' });
  }
  return found;
}

/** Findings of the pod itself: host namespaces, volumes, its security context (judged whatever the containers set), AppArmor annotations. */
export function podFindings(pod: Json, metadata: Json = {}): Finding[] {
  const found: Finding[] = [];
  // check_hostNamespaces.go
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[field] === true) found.push({ field, value: true, text: `${field} is true`, accepted: 'false or unset' });
  // check_restrictedVolumes.go
  (pod.volumes ?? []).forEach((volume: Json, i: number) => {
    const kinds = Object.keys(volume).filter(k => k !== 'name');
    if (kinds.some(k => !VOLUME_KINDS.includes(k))) {
      found.push({ field: `volumes[${i}]`, value: kinds.join(','), text: `volume ${volume.name} is of type ${kinds.join(',')}`, accepted: `a volume of type ${VOLUME_KINDS.join(', ')}` });
    }
  });
  const sc: Json = pod.securityContext ?? {};
  // check_runAsUser.go, check_runAsNonRoot.go, check_seccompProfile_restricted.go: the pod's own values fail it
  if (sc.runAsUser === 0) found.push({ field: 'securityContext.runAsUser', value: 0, text: 'runAsUser is 0', accepted: 'a uid other than 0, or unset' });
  if (sc.runAsNonRoot === false) found.push({ field: 'securityContext.runAsNonRoot', value: false, text: 'runAsNonRoot is false', accepted: 'true or unset (then true on every container)' });
  if (sc.seccompProfile && !SECCOMP_TYPES.includes(sc.seccompProfile.type)) {
    found.push({ field: 'securityContext.seccompProfile.type', value: sc.seccompProfile.type, text: `seccompProfile is ${sc.seccompProfile.type}`, accepted: 'RuntimeDefault, Localhost or unset (then set on every container)' });
  }
  // check_sysctls.go
  (sc.sysctls ?? []).forEach((s: Json, i: number) => {
    if (!SAFE_SYSCTLS.includes(s.name)) found.push({ field: `securityContext.sysctls[${i}].name`, value: s.name, text: `sysctl ${s.name} is not a safe sysctl`, accepted: `a sysctl of the safe set: ${SAFE_SYSCTLS.join(', ')}` });
  });
  found.push(...sharedContextFindings(sc));
  // check_appArmorProfile.go: the annotations
  for (const [key, value] of Object.entries(metadata?.annotations ?? {})) {
    if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
    const profile = String(value);
    if (profile === '' || profile === 'runtime/default' || profile.startsWith('localhost/')) continue;
    found.push({ field: `metadata.annotations[${JSON.stringify(key)}]`, value: profile, text: `annotation ${key} is ${profile}`, accepted: 'runtime/default or localhost/<profile>' });
  }
  return found;
}
