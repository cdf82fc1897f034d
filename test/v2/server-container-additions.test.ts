import { Size, Testing } from 'cdk8s';
import { ConfigMap, EmptyDirMedium, MountPropagation, PersistentVolumeClaim, Volume } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ServerConfig, ServerConfigRef, SeldonServer } from '../../src/v2';
import { defaultServerConfig, serverObjects } from '../../src/v2/operator';

/** The pod the operator builds from a synthesized Server and its ServerConfig (the operator model, §2.4). */
function operatorPod(server: any, config = 'mlserver'): any {
  const statefulSet = serverObjects(server, defaultServerConfig(config)!).objects.find(o => o.kind === 'StatefulSet')!;
  return statefulSet.spec.template.spec;
}

describe('SeldonServer container overrides: volume mounts', () => {
  test('a memory emptyDir at /dev/shm for MLServer: one volume, one mount, merged after the ServerConfig\'s', () => {
    const chart = Testing.chart();
    const shm = Volume.fromEmptyDir(chart, 'dshm', 'dshm', { medium: EmptyDirMedium.MEMORY, sizeLimit: Size.gibibytes(2) });
    new SeldonServer(chart, 'server', {
      metadata: { name: 'mlserver-shm' },
      serverContainer: { volumeMounts: [{ volume: shm, path: '/dev/shm' }] },
    });
    const server = Testing.synth(chart).find(o => o.kind === 'Server')!;
    expect(server.spec.podSpec).toEqual({
      containers: [{ name: 'mlserver', volumeMounts: [{ name: 'dshm', mountPath: '/dev/shm' }] }],
      volumes: [{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '2048Mi' } }],
    });
    const pod = operatorPod(server);
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['downstream-ca-certs', 'config-volume', 'tracing-config-volume', 'dshm']);
    const mlserver = pod.containers.find((c: any) => c.name === 'mlserver');
    expect(mlserver.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/mnt/agent', '/mnt/certs', '/dev/shm']);
    // the rest of the ServerConfig's container stays
    expect(mlserver.image).toBe('docker.io/seldonio/mlserver:1.7.1');
  });

  test('one Volume mounted into two containers is one volume of the pod; rclone\'s own mounts come before mountPvc\'s', () => {
    const chart = Testing.chart();
    const settings = new ConfigMap(chart, 'settings', { metadata: { name: 'server-settings' }, data: { 'a.json': '{}' } });
    const volume = Volume.fromConfigMap(chart, 'settings-volume', settings, { name: 'settings' });
    const server = new SeldonServer(chart, 'server', {
      metadata: { name: 'mlserver-settings' },
      agentContainer: { volumeMounts: [{ volume, path: '/etc/settings', readOnly: true }] },
      rcloneContainer: { volumeMounts: [{ volume, path: '/etc/settings', readOnly: true, subPath: 'a.json' }] },
    });
    server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim', 'models'), '/var/models');
    const out = Testing.synth(chart).find(o => o.kind === 'Server')!;
    expect(out.spec.podSpec.volumes).toEqual([
      { name: 'settings', configMap: { name: 'server-settings' } },
      { name: 'models', persistentVolumeClaim: { claimName: 'models' } },
    ]);
    const [rclone, agent] = out.spec.podSpec.containers;
    expect(rclone).toEqual({
      name: 'rclone',
      volumeMounts: [
        { name: 'settings', mountPath: '/etc/settings', readOnly: true, subPath: 'a.json' },
        { name: 'models', mountPath: '/var/models' },
      ],
    });
    expect(agent).toEqual({ name: 'agent', volumeMounts: [{ name: 'settings', mountPath: '/etc/settings', readOnly: true }] });
    // the operator appends the mounts after the ServerConfig's rclone mount
    const merged = operatorPod(out).containers.find((c: any) => c.name === 'rclone');
    expect(merged.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/mnt/agent', '/etc/settings', '/var/models']);
  });

  test('image, resources and env still render beside the mounts', () => {
    const chart = Testing.chart();
    const scratch = Volume.fromEmptyDir(chart, 'scratch', 'scratch');
    new SeldonServer(chart, 'server', {
      metadata: { name: 's' },
      serverContainer: { image: 'seldonio/mlserver:1.7.1-slim', env: {}, volumeMounts: [{ volume: scratch, path: '/scratch' }] },
    });
    const spec = Testing.synth(chart).find(o => o.kind === 'Server')!.spec;
    expect(spec.podSpec.containers).toEqual([{ name: 'mlserver', image: 'seldonio/mlserver:1.7.1-slim', volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }]);
    expect(spec.podSpec.volumes).toEqual([{ name: 'scratch', emptyDir: {} }]);
  });

  describe('refused, with the reason', () => {
    const make = (props: (chart: Construct) => any, serverConfig?: ServerConfigRef) => () => {
      const chart = Testing.chart();
      new SeldonServer(chart, 'server', { metadata: { name: 's' }, serverConfig, ...props(chart) });
    };
    let made = 0;
    const vol = (chart: Construct, name: string) => Volume.fromEmptyDir(chart, `volume${made++}`, name);

    test('Triton\'s /dev/shm: the ServerConfig mounts its dshm there already', () => {
      expect(make(c => ({ serverContainer: { volumeMounts: [{ volume: vol(c, 'shm'), path: '/dev/shm/' }] } }), ServerConfigRef.TRITON))
        .toThrow(/SeldonServer 'test\/server': serverContainer\.volumeMounts\[0\]\.path "\/dev\/shm\/" is the directory ServerConfig "triton"'s triton container already mounts: one mount would hide the other, or the pods be refused; accepted: a path no other mount of the container uses \(in use: \/mnt\/agent, \/dev\/shm\)/);
    });

    test('a volume named like one of the ServerConfig\'s', () => {
      expect(make(c => ({ agentContainer: { volumeMounts: [{ volume: vol(c, 'config-volume'), path: '/etc/x' }] } })))
        .toThrow(/agentContainer\.volumeMounts\[0\]\.volume name "config-volume" is the name of a volume of ServerConfig "mlserver"; a name of no volume the operator adds/);
    });

    test('two Volumes of one name, and one path twice in a container', () => {
      expect(make(c => ({
        agentContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '/a' }, { volume: vol(c, 'b'), path: '/a' }] },
        rcloneContainer: { volumeMounts: [{ volume: vol(c, 'b'), path: '/b' }] },
      }))).toThrow(/agentContainer\.volumeMounts\[1\]\.volume name "b" is also the name of another Volume of the pod; one Volume per name \(pass the same Volume object to each mount\)\n.*agentContainer\.volumeMounts\[1\]\.path "\/a" is the directory volumeMounts\[0\] already mounts/);
    });

    test('inside the agent\'s model volume, not absolute, a sub-path that leaves the volume', () => {
      expect(make(c => ({ serverContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '/mnt/agent/models/x' }] } })))
        .toThrow(/"\/mnt\/agent\/models\/x" would cover or sit inside the agent's model volume at \/mnt\/agent/);
      expect(make(c => ({ serverContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: 'scratch' }] } })))
        .toThrow(/serverContainer\.volumeMounts\[0\]\.path "scratch" is not an absolute path/);
      expect(make(c => ({ serverContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '/x', subPath: '../etc' }] } })))
        .toThrow(/serverContainer\.volumeMounts\[0\]\.subPath "\.\.\/etc" is not a path inside the volume/);
      expect(make(c => ({ serverContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '/x', subPath: 'a', subPathExpr: '$(POD_NAME)' }] } })))
        .toThrow(/subPathExpr is set and subPath too, which the API server refuses/);
    });

    test('JavaScript: a plain object for a Volume, a mount without a path', () => {
      expect(make(() => ({ serverContainer: { volumeMounts: [{ volume: { name: 'x' }, path: '/x' }] } })))
        .toThrow(/serverContainer\.volumeMounts\[0\]\.volume/);
      expect(make(c => ({ serverContainer: { volumeMounts: [{ volume: vol(c, 'a') }] } })))
        .toThrow(/serverContainer\.volumeMounts\[0\]\.path is missing/);
    });

    test('a path spelt with doubled or trailing slashes is the directory it names', () => {
      expect(make(c => ({ agentContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '/mnt//agent' }] } })))
        .toThrow(/agentContainer\.volumeMounts\[0\]\.path "\/mnt\/\/agent" is the directory ServerConfig "mlserver"'s agent container already mounts: one mount would hide the other/);
      expect(make(c => ({ serverContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '//dev/shm/' }] } }), ServerConfigRef.TRITON))
        .toThrow(/"\/\/dev\/shm\/" is the directory ServerConfig "triton"'s triton container already mounts/);
      // a space is a character of a path like any other
      expect(make(c => ({ serverContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '/etc/my settings' }] } }))).not.toThrow();
    });

    test('Bidirectional propagation, which Kubernetes admits only in privileged containers', () => {
      expect(make(c => ({ rcloneContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '/x', propagation: MountPropagation.BIDIRECTIONAL }] } })))
        .toThrow(/rcloneContainer\.volumeMounts\[0\]\.propagation "Bidirectional" is admitted only in a privileged container, which the ServerConfig's container is not; accepted: MountPropagation\.NONE or MountPropagation\.HOST_TO_CONTAINER/);
      expect(make(c => ({ rcloneContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '/x', propagation: MountPropagation.HOST_TO_CONTAINER }] } }))).not.toThrow();
      // a ServerConfig whose agent is privileged, and one the library does not know, may take it
      const bidirectional = (c: Construct) => ({ agentContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '/x', propagation: MountPropagation.BIDIRECTIONAL }] } });
      const chart = Testing.chart();
      const privileged = new ServerConfig(chart, 'config', {
        metadata: { name: 'privileged' },
        serverContainerName: 'server',
        podSpec: { containers: [{ name: 'rclone', image: 'r' }, { name: 'agent', image: 'a', securityContext: { privileged: true } }, { name: 'server', image: 's' }] },
      });
      expect(() => new SeldonServer(chart, 'p', { serverConfig: ServerConfigRef.fromServerConfig(privileged), ...bidirectional(chart) })).not.toThrow();
      expect(make(bidirectional, ServerConfigRef.fromName('elsewhere', { serverContainerName: 'server' }))).not.toThrow();
    });

    test('a claim, which mountPvc() or a ServerConfig\'s claim templates handle', () => {
      expect(make(c => ({ serverContainer: { volumeMounts: [{ volume: Volume.fromPersistentVolumeClaim(c, 'v', PersistentVolumeClaim.fromClaimName(c, 'c', 'cache')), path: '/cache' }] } })))
        .toThrow(/serverContainer\.volumeMounts\[0\]\.volume "pvc-cache" is a PersistentVolumeClaim, which every replica of the Server would share unchecked; accepted: server\.mountPvc\(claim, path\)/);
    });

    test('with restrictedSecurityContext, a volume kind the restricted Pod Security Standard refuses', () => {
      const host = (c: Construct) => Volume.fromHostPath(c, 'h', 'host', { path: '/var/log' });
      expect(make(c => ({ restrictedSecurityContext: true, agentContainer: { volumeMounts: [{ volume: host(c), path: '/host' }] } })))
        .toThrow(/agentContainer\.volumeMounts\[0\]\.volume "host" is a hostPath volume, which the restricted Pod Security Standard refuses, and restrictedSecurityContext is true/);
      expect(make(c => ({ agentContainer: { volumeMounts: [{ volume: host(c), path: '/host' }] } }))).not.toThrow();
      expect(make(c => ({ restrictedSecurityContext: true, agentContainer: { volumeMounts: [{ volume: vol(c, 'a'), path: '/a', propagation: MountPropagation.BIDIRECTIONAL }] } })))
        .toThrow(/is admitted only in a privileged container, which restrictedSecurityContext rules out/);
    });

    test('mountPvc() after an override that took the name or the path', () => {
      const chart = Testing.chart();
      const server = new SeldonServer(chart, 'server', {
        metadata: { name: 's' },
        rcloneContainer: { volumeMounts: [{ volume: Volume.fromEmptyDir(chart, 'v', 'models'), path: '/var/models' }] },
      });
      expect(() => server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'c1', 'models'), '/var/other'))
        .toThrow(/mountPvc\("\/var\/other"\) volumeName "models" is already a volume of the pod/);
      expect(() => server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'c2', 'other'), '/var/models/'))
        .toThrow(/mountPvc\("\/var\/models\/"\) mountPath "\/var\/models\/" is the directory another mount of the rclone container already uses/);
    });
  });

  test('a ServerConfig construct of the app: its own mounts count', () => {
    const chart = Testing.chart();
    const config = new ServerConfig(chart, 'config', {
      metadata: { name: 'custom' },
      serverContainerName: 'server',
      podSpec: {
        containers: [
          { name: 'rclone', image: 'seldonio/seldon-rclone:2.10.2' },
          { name: 'agent', image: 'seldonio/seldon-agent:2.10.2' },
          { name: 'server', image: 'example/server:1', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] },
        ],
        volumes: [{ name: 'cache', emptyDir: {} }],
      },
    });
    const ref = ServerConfigRef.fromServerConfig(config);
    expect(() => new SeldonServer(chart, 'a', { serverConfig: ref, serverContainer: { volumeMounts: [{ volume: Volume.fromEmptyDir(chart, 'v', 'v'), path: '/cache' }] } }))
      .toThrow(/serverContainer\.volumeMounts\[0\]\.path "\/cache" is the directory ServerConfig "custom"'s server container already mounts/);
    // an unknown ServerConfig: nothing known to check against, the mount renders
    const other = new SeldonServer(chart, 'c', {
      serverConfig: ServerConfigRef.fromName('elsewhere', { serverContainerName: 'server' }),
      serverContainer: { volumeMounts: [{ volume: Volume.fromEmptyDir(chart, 'w', 'w'), path: '/cache' }] },
    });
    expect(Testing.synth(chart).find(o => o.metadata.name === other.name)!.spec.podSpec.containers).toEqual([
      { name: 'server', volumeMounts: [{ name: 'w', mountPath: '/cache' }] },
    ]);
  });
});
