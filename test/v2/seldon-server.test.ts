import { ApiObject, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import { Cpu, EnvValue, PersistentVolumeAccessMode, PersistentVolumeClaim, k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Gpu, SeldonServer, ServerConfig, ServerConfigRef } from '../../src/v2';

function serverConfig(chart: Construct): ServerConfig {
  const q = (v: string) => k8s.Quantity.fromString(v);
  return new ServerConfig(chart, 'config', {
    metadata: { name: 'custom-config' },
    capabilities: ['custom', 'sklearn'],
    podSpec: {
      volumes: [{ name: 'models', emptyDir: {} }],
      containers: [
        { name: 'rclone', image: 'rclone', volumeMounts: [{ name: 'models', mountPath: '/mnt/agent' }] },
        { name: 'agent', image: 'agent' },
        { name: 'server', image: 'server', resources: { requests: { memory: q('1Gi') }, limits: { memory: q('2Gi') } } },
      ],
    },
  });
}

describe('SeldonServer', () => {
  test('defaults: the mlserver ServerConfig, nothing else rendered', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server');
    const [object] = Testing.synth(chart);
    expect(object).toEqual({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Server',
      metadata: { name: server.name },
      spec: { serverConfig: 'mlserver' },
    });
    expect(server.name).toMatch(/^test-server-[0-9a-f]{8}$/);
    expect(server.serverConfig).toBe(ServerConfigRef.MLSERVER);
    expect(server.capabilities).toEqual(ServerConfigRef.MLSERVER.capabilities);
    expect(server.replicas).toBe(1);
    expect(server.pvcMountPaths).toEqual([]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('replicas are the operator\'s after defaulting', () => {
    const server = new SeldonServer(Testing.chart(), 'server', { minReplicas: 2, maxReplicas: 4 });
    expect(server.replicas).toBe(2);
  });

  test('triton with a GPU and resources on the server container', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'server', {
      metadata: { name: 'triton-gpu' },
      serverConfig: ServerConfigRef.TRITON,
      extraCapabilities: ['gpu'],
      serverContainer: {
        image: 'nvcr.io/nvidia/tritonserver:24.01-py3',
        resources: { cpu: { request: Cpu.units(2) }, memory: { request: Size.gibibytes(8), limit: Size.gibibytes(8) } },
        gpu: Gpu.nvidia(1),
        env: { LD_PRELOAD: EnvValue.fromValue('') },
      },
      agentContainer: { env: { SELDON_OVERCOMMIT_PERCENTAGE: EnvValue.fromValue('0') } },
    });
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.extraCapabilities).toEqual(['gpu']);
    expect(spec.podSpec.containers).toEqual([
      { name: 'agent', env: [{ name: 'SELDON_OVERCOMMIT_PERCENTAGE', value: '0' }] },
      {
        name: 'triton',
        image: 'nvcr.io/nvidia/tritonserver:24.01-py3',
        resources: { requests: { cpu: '2', memory: '8Gi' }, limits: { 'memory': '8Gi', 'nvidia.com/gpu': 1 } },
        env: [{ name: 'LD_PRELOAD', value: '' }],
      },
    ]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('a ServerConfig construct: its capabilities, container names and ordering', () => {
    const chart = Testing.chart();
    // the server comes first in the tree; the dependency puts the ServerConfig first
    const servers = new Construct(chart, 'servers');
    const config = serverConfig(new Construct(chart, 'configs'));
    const server = new SeldonServer(servers, 'server', {
      metadata: { name: 'custom' },
      serverConfig: ServerConfigRef.fromServerConfig(config),
      image: 'my/server:2',
      extraCapabilities: ['v2'],
    });
    const objects = Testing.synth(chart);
    expect(objects.map(o => o.kind)).toEqual(['ServerConfig', 'Server']);
    expect(objects[1].spec.serverConfig).toBe('custom-config');
    expect(objects[1].spec.podSpec.containers).toEqual([{ name: 'server', image: 'my/server:2' }]);
    expect(server.capabilities).toEqual(['custom', 'sklearn', 'v2']);
  });

  test('capabilities replace the ServerConfig\'s; addCapability appends to them', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server', { capabilities: ['sklearn'] });
    server.addCapability('pvc');
    expect(Testing.synth(chart)[0].spec).toEqual({ serverConfig: 'mlserver', capabilities: ['sklearn', 'pvc'] });
    expect(server.capabilities).toEqual(['sklearn', 'pvc']);
  });

  test('addCapability appends to extraCapabilities otherwise', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server');
    server.addCapability('gpu');
    expect(Testing.synth(chart)[0].spec.extraCapabilities).toEqual(['gpu']);
    expect(server.capabilities).toEqual([...ServerConfigRef.MLSERVER.capabilities!, 'gpu']);
  });

  test('addCapability rejects a capability already advertised', () => {
    const server = new SeldonServer(Testing.chart(), 'server');
    expect(() => server.addCapability('sklearn')).toThrow(/SeldonServer 'test\/server': addCapability\("sklearn"\) repeats "sklearn"; Seldon would accept the repeat .*; capabilities so far: mlserver, /);
    expect(() => server.addCapability('')).toThrow(/addCapability\(""\) is empty; a non-empty string/);
  });

  test('a ServerConfig of unknown capabilities: capabilities unknown unless replaced', () => {
    expect(new SeldonServer(Testing.chart(), 's', { serverConfig: ServerConfigRef.fromName('other') }).capabilities).toBeUndefined();
    expect(new SeldonServer(Testing.chart(), 's', { serverConfig: ServerConfigRef.fromName('other'), capabilities: ['x'] }).capabilities).toEqual(['x']);
  });

  test('namespace and labels come from the chart; two servers in one chart', () => {
    const chart = new Chart(Testing.app(), 'models', { namespace: 'seldon-mesh', labels: { team: 'ml' } });
    new SeldonServer(chart, 'a', { metadata: { name: 'a', labels: { tier: 'gpu' } } });
    new SeldonServer(chart, 'b', { metadata: { name: 'b' } });
    const [a, b] = Testing.synth(chart);
    expect(a.metadata).toEqual({ name: 'a', namespace: 'seldon-mesh', labels: { team: 'ml', tier: 'gpu' } });
    expect(b.metadata).toEqual({ name: 'b', namespace: 'seldon-mesh', labels: { team: 'ml' } });
  });

  test('a JSON patch on the ApiObject shows up', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'server');
    ApiObject.of(server).addJsonPatch(JsonPatch.add('/spec/statefulSetPersistentVolumeClaimRetentionPolicy', { whenDeleted: 'Delete', whenScaled: 'Retain' }));
    expect(server.apiObject).toBe(ApiObject.of(server));
    expect(Testing.synth(chart)[0].spec.statefulSetPersistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
  });

  describe('mountPvc', () => {
    test('mounts the claim into rclone, advertises "pvc" and orders the claim first', () => {
      const chart = Testing.chart();
      const server = new SeldonServer(chart, 'server', { metadata: { name: 'pvc' } });
      const claim = new PersistentVolumeClaim(chart, 'claim', {
        metadata: { name: 'models' }, storage: Size.gibibytes(10), accessModes: [PersistentVolumeAccessMode.READ_ONLY_MANY],
      });
      server.mountPvc(claim, '/var/models/', { readOnly: true });
      const objects = Testing.synth(chart);
      expect(objects.map(o => o.kind)).toEqual(['PersistentVolumeClaim', 'Server']);
      expect(objects[1].spec).toEqual({
        serverConfig: 'mlserver',
        extraCapabilities: ['pvc'],
        podSpec: {
          volumes: [{ name: 'models', persistentVolumeClaim: { claimName: 'models' } }],
          containers: [{ name: 'rclone', volumeMounts: [{ name: 'models', mountPath: '/var/models', readOnly: true }] }],
        },
      });
      expect(server.pvcMountPaths).toEqual(['/var/models']);
    });

    test('two claims share one "pvc" capability; a custom capability or none', () => {
      const chart = Testing.chart();
      const server = new SeldonServer(chart, 'server', { rcloneContainer: { image: 'my/rclone:1' } });
      server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'a', 'a'), '/var/a');
      server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'b', 'b'), '/var/b');
      server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'c', 'c'), '/var/c', { capability: 'pvc-c' });
      server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'd', 'd'), '/var/d', { advertiseCapability: false });
      const spec = Testing.synth(chart)[0].spec;
      expect(spec.extraCapabilities).toEqual(['pvc', 'pvc-c']);
      expect(spec.podSpec.containers).toEqual([{
        name: 'rclone',
        image: 'my/rclone:1',
        volumeMounts: ['a', 'b', 'c', 'd'].map(n => ({ name: n, mountPath: `/var/${n}` })),
      }]);
    });

    test('rejects a volume name in use, a bad derived name, and a bad mount path', () => {
      const chart = Testing.chart();
      const server = new SeldonServer(chart, 'server');
      server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'a', 'a'), '/var/a');
      expect(() => server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'b', 'b'), '/var/b', { volumeName: 'a' })).toThrow(
        /SeldonServer 'test\/server': mountPvc\("\/var\/b"\) volumeName "a" is already a volume of the pod/);
      expect(() => server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'c', 'c'), '/var/c', { volumeName: 'config-volume' })).toThrow(
        /volumeName "config-volume" is already a volume of the pod.*; a name not in use \(in use: mlserver-models, downstream-ca-certs, config-volume, tracing-config-volume, a\)/);
      expect(() => server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'd', 'models.v1'), '/var/d')).toThrow(
        /mountPvc\("\/var\/d"\) volumeName "models.v1" is not a valid name \(taken from the claim name\); a DNS-1123 label is accepted.*; set options.volumeName/);
      expect(() => server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'e', 'e'), 'var/e')).toThrow(
        /mountPvc\("var\/e"\) mountPath "var\/e" is not an absolute path; an absolute path without "." or ".." segments/);
      expect(() => server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'f', 'f'), '/var/a')).toThrow(
        /mountPath "\/var\/a" is the directory another mount of the rclone container already uses: one would hide the other, or the pods be refused; a path not in use \(in use: \/mnt\/agent, \/var\/a\)/);
      expect(() => server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'g', 'g'), '/mnt/agent/models')).toThrow(
        /mountPath "\/mnt\/agent\/models" would cover or sit inside the agent's model volume at \/mnt\/agent.*; a path outside \/mnt\/agent/);
      expect(() => server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'h', 'h'), '/var/h', { capability: 'a b ' })).toThrow(/capability "a b " has leading or trailing spaces/);
    });

    test('a ReadWriteOnce claim on a server with several replicas is rejected', () => {
      const chart = Testing.chart();
      const rwo = new PersistentVolumeClaim(chart, 'rwo', { metadata: { name: 'rwo' }, accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE] });
      const two = new SeldonServer(chart, 'two', { replicas: 2 });
      expect(() => two.mountPvc(rwo, '/var/models')).toThrow(
        /SeldonServer 'test\/two': mountPvc\("\/var\/models"\) claim "rwo" is ReadWriteOnce, which only pods on one node can mount, but the server has 2 replica\(s\) and replicas on other nodes would not start; a ReadOnlyMany or ReadWriteMany claim/);
      const scaling = new SeldonServer(chart, 'scaling', { replicas: 1, maxReplicas: 3 });
      expect(() => scaling.mountPvc(rwo, '/var/models')).toThrow(/the server has 1 replica\(s\) and may scale to 3/);
    });

    test('a ReadWriteOnce claim passes with one replica, or when replicas share one node', () => {
      const chart = Testing.chart();
      const rwo = new PersistentVolumeClaim(chart, 'rwo', { metadata: { name: 'rwo' }, accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE] });
      expect(() => new SeldonServer(chart, 'one', { replicas: 1, maxReplicas: 1 }).mountPvc(rwo, '/var/models')).not.toThrow();
      expect(() => new SeldonServer(chart, 'two', { replicas: 2 }).mountPvc(rwo, '/var/models', { replicasShareOneNode: true })).not.toThrow();
      const rwx = new PersistentVolumeClaim(chart, 'rwx', { metadata: { name: 'rwx' }, accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY] });
      expect(() => new SeldonServer(chart, 'three', { replicas: 3 }).mountPvc(rwx, '/var/models')).not.toThrow();
    });

    test('a ReadWriteOncePod claim on several replicas is rejected even on one node', () => {
      const chart = Testing.chart();
      const rwop = new PersistentVolumeClaim(chart, 'rwop', { metadata: { name: 'rwop' }, accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE_POD] });
      expect(() => new SeldonServer(chart, 'two', { replicas: 2 }).mountPvc(rwop, '/var/models', { replicasShareOneNode: true })).toThrow(
        /claim "rwop" is ReadWriteOncePod, which only one pod can mount, but the server has 2 replica\(s\)/);
    });
  });

  describe('rejects', () => {
    const make = (props: any) => () => new SeldonServer(Testing.chart(), 'server', props);

    test('names that cannot be StatefulSet and Service names', () => {
      expect(make({ metadata: { name: 'mlserver.v2' } })).toThrow(
        /SeldonServer 'test\/server': metadata.name "mlserver.v2" is not a valid name; a Server name is accepted.*at most 52 characters \(the operator creates a StatefulSet and Services of this name\)/);
      expect(make({ metadata: { name: '1mlserver' } })).toThrow(/metadata.name "1mlserver" is not a valid name/);
      expect(make({ metadata: { name: 'a'.repeat(53) } })).toThrow(/metadata.name "a{53}" has 53 characters; Kubernetes labels StatefulSet pods with "<name>-<revision hash>", which must fit in 63/);
      expect(make({ metadata: { name: 'a'.repeat(52) } })).not.toThrow();
      expect(() => new SeldonServer(Testing.chart(), 'server.v2')).toThrow(/metadata.name "test-server.v2-[0-9a-f]{8}" is not a valid name \(generated from the construct path: set metadata.name/);
    });

    test('scaling the operator refuses', () => {
      expect(make({ replicas: 5, maxReplicas: 3 })).toThrow(
        /SeldonServer 'test\/server': replicas is rejected by the operator \("scaling spec is invalid: number of replicas 5 must be <= max replicas 3"\); replicas <= maxReplicas/);
      expect(make({ replicas: -1 })).toThrow(/replicas -1 is not a replica count/);
      expect(make({ minReplicas: 3, maxReplicas: 1 })).toThrow(/minReplicas is rejected by the operator \("scaling spec is invalid: min number of replicas 3 must be <= max number of replicas 1"\)/);
    });

    test('capabilities with extraCapabilities, which the operator ignores', () => {
      expect(make({ capabilities: ['a'], extraCapabilities: ['b'] })).toThrow(
        /SeldonServer 'test\/server': extraCapabilities are ignored by the operator when capabilities are set \("a"\); either capabilities \(replacing the ServerConfig's\) or extraCapabilities \(added to them\), not both/);
    });

    test('an empty capabilities list, and malformed or repeated capabilities', () => {
      expect(make({ capabilities: [] })).toThrow(/capabilities is an empty list, which the operator treats as unset/);
      expect(make({ extraCapabilities: ['sklearn'] })).toThrow(/extraCapabilities\[0\] repeats "sklearn"; Seldon would accept the repeat \(the scheduler only tests membership, scheduler\/pkg\/scheduler\/filters\/serverrequirements.go\).* \(ServerConfig "mlserver" advertises it\); each capability once/);
      expect(make({ capabilities: ['a', 'a,b'] })).toThrow(/capabilities\[1\] "a,b" contains ","/);
    });

    test('the server image twice, or imageCapability without an image', () => {
      expect(make({ image: 'a:1', serverContainer: { image: 'b:1' } })).toThrow(/image is set and serverContainer.image too; set the server image in one place/);
      expect(make({ imageCapability: 'mlserver-1.3.4' })).toThrow(/imageCapability is set without a custom image; set image too/);
      expect(make({ image: 'has space' })).toThrow(/image "has space" is not an image reference/);
    });

    test('a server container override when its name is unknown', () => {
      expect(make({ serverConfig: ServerConfigRef.fromName('other'), image: 'a:1' })).toThrow(
        /SeldonServer 'test\/server': image cannot be rendered: the name of ServerConfig "other"'s inference server container is unknown; ServerConfigRef.fromName\(name, \{ serverContainerName \}\)/);
      expect(make({ serverConfig: ServerConfigRef.fromName('other', { serverContainerName: 'srv' }), image: 'a:1' })).not.toThrow();
    });

    test('the capabilities variable in the agent env together with capabilities, which replace it (server_reconciler.go updateCapabilities)', () => {
      expect(make({ capabilities: ['a'], agentContainer: { env: { SELDON_SERVER_CAPABILITIES: EnvValue.fromValue('x') } } })).toThrow(
        /agentContainer.env\["SELDON_SERVER_CAPABILITIES"\] would be overwritten: with capabilities set, the operator replaces every SELDON_SERVER_CAPABILITIES of the agent by them .*; either capabilities or the variable, not both/);
    });

    test('a memory request above the ServerConfig\'s limit after the merge', () => {
      expect(make({ serverContainer: { resources: { memory: { request: Size.gibibytes(4) } } } })).toThrow(
        /SeldonServer 'test\/server': serverContainer.resources memory request 4Gi \(set here\) is greater than the memory limit 1Gi \(from the ServerConfig\).*; set the serverContainer limit as well \(ServerConfig "mlserver" sets mlserver's limits: memory 1Gi\)/);
      expect(make({ serverContainer: { resources: { memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } } } })).not.toThrow();
      expect(make({ rcloneContainer: { resources: { memory: { limit: Size.mebibytes(64) } } } })).toThrow(/rcloneContainer.resources memory request 128Mi \(from the ServerConfig\) is greater than the memory limit 64Mi \(set here\)/);
    });

    test('merged resources are also checked against a ServerConfig construct', () => {
      const chart = Testing.chart();
      const ref = ServerConfigRef.fromServerConfig(serverConfig(chart));
      expect(() => new SeldonServer(chart, 'server', { serverConfig: ref, serverContainer: { resources: { memory: { request: Size.gibibytes(3) } } } })).toThrow(
        /memory request 3Gi \(set here\) is greater than the memory limit 2Gi \(from the ServerConfig\)/);
    });

    test('an invalid ServerConfig name', () => {
      expect(make({ serverConfig: ServerConfigRef.fromName('Bad') })).toThrow(/SeldonServer 'test\/server': serverConfig "Bad" is not a valid name; a DNS-1123 subdomain is accepted/);
    });
  });

  describe('fromServerName', () => {
    test('renders nothing and keeps the name', () => {
      const chart = Testing.chart();
      const ref = SeldonServer.fromServerName(chart, 'mlserver', 'mlserver', { serverConfig: ServerConfigRef.MLSERVER, replicas: 1 });
      expect(ref.name).toBe('mlserver');
      expect(Testing.synth(chart)).toEqual([]);
    });

    test('rejects invalid names, capabilities and replicas', () => {
      const chart = Testing.chart();
      expect(() => SeldonServer.fromServerName(chart, 'a', 'My.Server')).toThrow(/SeldonServer reference 'test\/a': name "My.Server" is not a valid name/);
      expect(() => SeldonServer.fromServerName(chart, 'b', 'b', { extraCapabilities: ['a,b'] })).toThrow(/SeldonServer reference 'test\/b': extraCapabilities\[0\] "a,b" contains ","/);
      expect(() => SeldonServer.fromServerName(chart, 'c', 'c', { replicas: -2 })).toThrow(/replicas -2 is not a replica count; a whole number from 0 to 2147483647 is accepted/);
    });
  });
});
