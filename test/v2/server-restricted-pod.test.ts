/**
 * SeldonServer `restrictedSecurityContext`: at synth, the restricted Pod
 * Security checks over the pod the operator builds from the ServerConfig and
 * the Server (src/v2/server-hardening.ts `restrictedPodProblems`).
 */
import { Size, Testing } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SeldonServer, ServerConfig, ServerConfigRef, ServerContainerOverride } from '../../src';

const resources: ServerContainerOverride = {
  resources: { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(256), limit: Size.mebibytes(256) } },
};
const SIZED = { rcloneContainer: resources, agentContainer: resources, serverContainer: resources };
const IMAGES: Record<string, string> = {
  rclone: 'docker.io/seldonio/seldon-rclone:2.10.2', agent: 'docker.io/seldonio/seldon-agent:2.10.2', mlserver: 'docker.io/seldonio/mlserver:1.7.1',
};

/** A ServerConfig whose pod has `pod` fields and containers changed by `change`. */
function config(scope: Construct, pod: Partial<k8s.PodSpec> = {}, change: (c: k8s.Container) => k8s.Container = c => c): ServerConfigRef {
  return ServerConfigRef.fromServerConfig(new ServerConfig(scope, 'cfg', {
    metadata: { name: 'custom' },
    capabilities: ['sklearn'],
    podSpec: { ...pod, containers: Object.entries(IMAGES).map(([name, image]) => change({ name, image })) },
  }));
}

function synth(build: (chart: Construct) => void): () => unknown {
  const chart = Testing.chart();
  build(chart);
  return () => Testing.synth(chart as any);
}

const START = /SeldonServer 'test\/s': restrictedSecurityContext is true, but the pod the operator builds from ServerConfig "custom" and this Server has /;

describe('restrictedSecurityContext refuses at synth what the restricted level refuses in the ServerConfig\'s pod', () => {
  test.each<[string, Partial<k8s.PodSpec>, RegExp]>([
    ['pod runAsUser 0', { securityContext: { runAsUser: 0 } }, /podSpec.securityContext.runAsUser 0, .*; a uid other than 0, or unset, in the ServerConfig and the Server/],
    ['pod runAsNonRoot false', { securityContext: { runAsNonRoot: false } }, /podSpec.securityContext.runAsNonRoot false, .*; true or unset/],
    ['pod seccomp Unconfined', { securityContext: { seccompProfile: { type: 'Unconfined' } } }, /podSpec.securityContext.seccompProfile.type "Unconfined", .*; RuntimeDefault, Localhost or unset/],
    ['an unsafe sysctl', { securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } }, /podSpec.securityContext.sysctls\[0\].name "net.core.somaxconn", .*; a sysctl of the safe set: kernel.shm_rmid_forced/],
    ['pod seLinuxOptions', { securityContext: { seLinuxOptions: { type: 'spc_t' } } }, /podSpec.securityContext.seLinuxOptions.type "spc_t", .*; container_t, container_init_t/],
    ['hostNetwork', { hostNetwork: true }, /podSpec.hostNetwork true, .*; false or unset/],
    ['a hostPath volume', { volumes: [{ name: 'host', hostPath: { path: '/' } }] }, /podSpec.volumes\[\d\] "hostPath", .*; a volume of type configMap/],
  ])('%s', (_, pod, message) => {
    const build = synth(chart => new SeldonServer(chart, 's', { serverConfig: config(chart, pod), restrictedSecurityContext: true, ...SIZED }));
    expect(build).toThrow(START);
    expect(build).toThrow(message);
  });

  test.each<[string, Partial<k8s.Container>, RegExp]>([
    ['a hostPort', { ports: [{ containerPort: 5572, hostPort: 5572, name: 'rclone' }] }, /podSpec.containers\["rclone"\].ports\[0\].hostPort 5572, .*; no hostPort \(0 or unset\)/],
    ['seLinuxOptions.type spc_t', { securityContext: { seLinuxOptions: { type: 'spc_t' } } }, /podSpec.containers\["rclone"\].securityContext.seLinuxOptions.type "spc_t"/],
    ['procMount Unmasked', { securityContext: { procMount: 'Unmasked' } }, /podSpec.containers\["rclone"\].securityContext.procMount "Unmasked", .*; Default or unset/],
    ['windowsOptions.hostProcess', { securityContext: { windowsOptions: { hostProcess: true } } }, /podSpec.containers\["rclone"\].securityContext.windowsOptions.hostProcess true/],
    ['a probe with a host', { livenessProbe: { httpGet: { port: k8s.IntOrString.fromNumber(5572), host: '10.0.0.1' } } }, /podSpec.containers\["rclone"\].livenessProbe.httpGet.host "10.0.0.1"/],
  ])('rclone with %s', (_, extra, message) => {
    const build = synth(chart => new SeldonServer(chart, 's', {
      serverConfig: config(chart, {}, c => (c.name === 'rclone' ? { ...c, ...extra } : c)), restrictedSecurityContext: true, ...SIZED,
    }));
    expect(build).toThrow(message);
  });

  test('an AppArmor annotation among the Server\'s podAnnotations', () => {
    const build = synth(chart => new SeldonServer(chart, 's', {
      serverConfig: config(chart),
      restrictedSecurityContext: true,
      ...SIZED,
      podAnnotations: { 'container.apparmor.security.beta.kubernetes.io/mlserver': 'unconfined' },
    }));
    expect(build).toThrow(/podAnnotations\["container.apparmor.security.beta.kubernetes.io\/mlserver"\] "unconfined", .*; runtime\/default or localhost\/<profile>/);
  });

  test('a ServerConfig unknown to the library: the Server\'s own pod settings are checked', () => {
    const build = synth(chart => new SeldonServer(chart, 's', {
      serverConfig: ServerConfigRef.fromName('custom', { serverContainerName: 'srv' }),
      restrictedSecurityContext: true,
      rcloneContainer: resources,
      agentContainer: resources,
      serverContainer: resources,
      podAnnotations: { 'container.apparmor.security.beta.kubernetes.io/srv': 'unconfined' },
    }));
    expect(build).toThrow(/from this Server \(ServerConfig "custom" is unknown to the library\) has podAnnotations/);
  });

  test('the whole repro of the review (t3): every refused setting is named', () => {
    const build = synth(chart => new SeldonServer(chart, 's', {
      serverConfig: config(chart, { securityContext: { runAsNonRoot: true, runAsUser: 1000, sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } }, c => {
        if (c.name === 'rclone') return { ...c, ports: [{ containerPort: 5572, hostPort: 5572 }], securityContext: { seLinuxOptions: { type: 'spc_t' } } };
        if (c.name === 'agent') return { ...c, securityContext: { procMount: 'Unmasked' } };
        return c;
      }),
      restrictedSecurityContext: true,
      ...SIZED,
    }));
    let message = '';
    try {
      build();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').filter(l => START.test(l)).map(l => l.replace(/.* has (\S+) .*/, '$1'))).toEqual([
      'podSpec.securityContext.sysctls[0].name',
      'podSpec.containers["rclone"].ports[0].hostPort',
      'podSpec.containers["rclone"].securityContext.seLinuxOptions.type',
      'podSpec.containers["agent"].securityContext.procMount',
    ]);
  });
});

describe('what the restricted level accepts still synthesizes', () => {
  test.each([['MLSERVER', ServerConfigRef.MLSERVER], ['TRITON', ServerConfigRef.TRITON]])('the installation\'s %s', (_, ref) => {
    expect(synth(chart => new SeldonServer(chart, 's', { serverConfig: ref, restrictedSecurityContext: true }))).not.toThrow();
  });

  test('container settings the Server\'s restricted context replaces (runAsUser 0, runAsNonRoot false, seccomp Unconfined)', () => {
    const rootish = (c: k8s.Container) => ({ ...c, securityContext: { runAsUser: 0, runAsNonRoot: false, seccompProfile: { type: 'Unconfined' } } });
    expect(synth(chart => new SeldonServer(chart, 's', { serverConfig: config(chart, {}, rootish), restrictedSecurityContext: true, ...SIZED }))).not.toThrow();
  });

  test('allowed values: safe sysctls, container_t, runtime/default and localhost/ annotations, an image volume\'s absence of host fields', () => {
    const build = synth(chart => new SeldonServer(chart, 's', {
      serverConfig: config(chart, { securityContext: { fsGroup: 2000, sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }], seLinuxOptions: { type: 'container_t' } } }),
      restrictedSecurityContext: true,
      ...SIZED,
      podAnnotations: { 'container.apparmor.security.beta.kubernetes.io/mlserver': 'runtime/default', 'container.apparmor.security.beta.kubernetes.io/agent': 'localhost/agent' },
    }));
    expect(build).not.toThrow();
  });

  test('without restrictedSecurityContext nothing is checked', () => {
    expect(synth(chart => new SeldonServer(chart, 's', { serverConfig: config(chart, { securityContext: { runAsUser: 0 } }), ...SIZED }))).not.toThrow();
  });
});
