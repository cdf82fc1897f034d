import { EmptyDirMedium, EnvValue, MountPropagation, PersistentVolumeClaim, Volume, k8s } from 'cdk8s-plus-27';
import { BadInput } from './bad-input';
import { ModelUri } from '../../src/model-uri';
import { SeldonModel, SeldonServer, ServerConfig, ServerConfigRef } from '../../src/v2';

const IRIS = ModelUri.gcs('seldon-models', 'mlserver/iris');
const q = (v: string) => k8s.Quantity.fromString(v);

/** A custom ServerConfig whose agent has `agentEnv` and `agentContext`, with `pod` fields and `rclone` settings. */
function serverConfig(scope: import('constructs').Construct, agentEnv: k8s.EnvVar[], agentContext?: k8s.SecurityContext,
  pod: Partial<k8s.PodSpec> = {}, rclone: Partial<k8s.Container> = {}): ServerConfig {
  return new ServerConfig(scope, 'config', {
    metadata: { name: 'custom' },
    podSpec: {
      ...pod,
      containers: [
        { name: 'rclone', image: 'rclone', resources: { requests: { memory: q('128Mi') }, limits: { memory: q('256Mi') } }, ...rclone },
        { name: 'agent', image: 'agent', env: agentEnv, securityContext: agentContext, resources: { requests: { memory: q('1Gi') }, limits: { memory: q('1Gi') } } },
        { name: 'srv', image: 'srv', resources: { requests: { memory: q('4Gi') }, limits: { memory: q('4Gi') } } },
      ],
    },
  });
}

/** A SeldonServer with restrictedSecurityContext on `serverConfig(scope, [], undefined, pod, rclone)`. */
function restrictedServer(scope: import('constructs').Construct, pod: Partial<k8s.PodSpec>, rclone: Partial<k8s.Container> = {}, podAnnotations?: Record<string, string>): void {
  const config = ServerConfigRef.fromServerConfig(serverConfig(scope, [], undefined, pod, rclone));
  new SeldonServer(scope, 'server', { serverConfig: config, restrictedSecurityContext: true, podAnnotations });
}

/** The start of the synth-time message of restrictedSecurityContext over the pod the operator builds. */
const RESTRICTED_POD = 'restrictedSecurityContext is true, but the pod the operator builds from ServerConfig "custom" and this Server has';
const restrictedPod = (rest: string) => new RegExp(`${RESTRICTED_POD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${rest}`);

/** Bad inputs of this area (see bad-input.ts for the shape of an entry). */
export const V2_FIDELITY_BAD_INPUTS: BadInput[] = [
  {
    construct: 'SeldonModel',
    id: 'iris',
    input: 'memory that is not a whole number of bytes',
    error: /memory "1\.5Gi" is not a whole number of bytes as the operator reads it/,
    fix: 'Write the memory in a unit that makes it whole, e.g. "1536Mi".',
    build: scope => {
      new SeldonModel(scope, 'iris', { storageUri: IRIS, memory: '1.5Gi' });
    },
  },
  {
    construct: 'SeldonModel',
    id: 'iris',
    input: 'memory above what the pinned server\'s replica offers',
    error: /memory 4294967296 bytes \(4Gi\) exceed what a replica of the pinned SeldonServer 'models\/server' \("mlserver-a"\) offers/,
    fix: 'Raise the server container\'s memory request, or lower the model\'s memory.',
    build: scope => {
      new SeldonModel(scope, 'iris', { storageUri: IRIS, memory: '4Gi', server: new SeldonServer(scope, 'server', { metadata: { name: 'mlserver-a' } }) });
    },
  },
  {
    construct: 'ServerConfig',
    id: 'config',
    input: 'a MEMORY_REQUEST the agent cannot parse',
    error: /podSpec.containers\[agent\].env\[MEMORY_REQUEST\] "1Gi" is not a whole number of bytes, and the agent exits/,
    fix: 'Take MEMORY_REQUEST from the server container\'s requests.memory with resourceFieldRef.',
    build: scope => {
      serverConfig(scope, [{ name: 'MEMORY_REQUEST', value: '1Gi' }]);
    },
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'restrictedSecurityContext on a ServerConfig container allowing privilege escalation',
    error: /restrictedSecurityContext is true, but ServerConfig "custom"'s container "agent" sets allowPrivilegeEscalation: true, which no Server can undo/,
    fix: 'Remove allowPrivilegeEscalation: true from the ServerConfig\'s container.',
    build: scope => {
      const config = serverConfig(scope, [], { allowPrivilegeEscalation: true });
      new SeldonServer(scope, 'server', { serverConfig: ServerConfigRef.fromServerConfig(config), restrictedSecurityContext: true });
    },
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'extraCapabilities on a ServerConfig whose agent has no SELDON_SERVER_CAPABILITIES',
    error: /extraCapabilities \("gpu"\) would be ignored: the operator only rewrites an existing SELDON_SERVER_CAPABILITIES/,
    fix: 'Give the ServerConfig its capabilities, or set the variable in agentContainer.env.',
    build: scope => {
      new SeldonServer(scope, 'server', { serverConfig: ServerConfigRef.fromServerConfig(serverConfig(scope, [])), extraCapabilities: ['gpu'] });
    },
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'SELDON_SERVER_CAPABILITIES in the agent env together with capabilities',
    error: /agentContainer.env\["SELDON_SERVER_CAPABILITIES"\] would be overwritten: with capabilities set/,
    fix: 'Use either capabilities or the variable.',
    build: scope => {
      new SeldonServer(scope, 'server', { capabilities: ['a'], agentContainer: { env: { SELDON_SERVER_CAPABILITIES: EnvValue.fromValue('b') } } });
    },
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'a volume mounted at Triton\'s /dev/shm',
    error: /serverContainer\.volumeMounts\[0\]\.path "\/dev\/shm" is the directory ServerConfig "triton"'s triton container already mounts: one mount would hide the other/,
    fix: 'Mount at another path, or write a ServerConfig of your own with a bigger dshm volume.',
    build: scope => {
      const shm = Volume.fromEmptyDir(scope, 'shm', 'shm', { medium: EmptyDirMedium.MEMORY });
      new SeldonServer(scope, 'server', { serverConfig: ServerConfigRef.TRITON, serverContainer: { volumeMounts: [{ volume: shm, path: '/dev/shm' }] } });
    },
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'a mounted volume named like one of the ServerConfig\'s',
    error: /agentContainer\.volumeMounts\[0\]\.volume name "config-volume" is the name of a volume of ServerConfig "mlserver"/,
    fix: 'Give the Volume a name of its own.',
    build: scope => {
      new SeldonServer(scope, 'server', { agentContainer: { volumeMounts: [{ volume: Volume.fromEmptyDir(scope, 'v', 'config-volume'), path: '/etc/extra' }] } });
    },
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'a mount with Bidirectional propagation',
    error: /agentContainer\.volumeMounts\[0\]\.propagation "Bidirectional" is admitted only in a privileged container/,
    fix: 'Use MountPropagation.HOST_TO_CONTAINER, or none.',
    build: scope => {
      const volume = Volume.fromHostPath(scope, 'v', 'host', { path: '/var/run/host' });
      new SeldonServer(scope, 'server', { agentContainer: { volumeMounts: [{ volume, path: '/host', propagation: MountPropagation.BIDIRECTIONAL }] } });
    },
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'a PersistentVolumeClaim in a container override',
    error: /serverContainer\.volumeMounts\[0\]\.volume "pvc-cache" is a PersistentVolumeClaim, which every replica of the Server would share unchecked/,
    fix: 'Mount model claims with mountPvc(), or give the ServerConfig volumeClaimTemplates for a claim per replica.',
    build: scope => {
      const volume = Volume.fromPersistentVolumeClaim(scope, 'v', PersistentVolumeClaim.fromClaimName(scope, 'claim', 'cache'));
      new SeldonServer(scope, 'server', { serverContainer: { volumeMounts: [{ volume, path: '/cache' }] } });
    },
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'restrictedSecurityContext on a ServerConfig whose pod sets runAsUser 0 (every container overridden)',
    error: restrictedPod('podSpec\\.securityContext\\.runAsUser 0, which the restricted Pod Security Standard refuses .*; a uid other than 0, or unset'),
    fix: 'Remove runAsUser: 0 from the ServerConfig\'s pod securityContext (the Server runs its containers as uid 1000).',
    build: scope => restrictedServer(scope, { securityContext: { runAsUser: 0 } }),
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'restrictedSecurityContext on a ServerConfig whose pod sets a sysctl outside the safe set',
    error: restrictedPod('podSpec\\.securityContext\\.sysctls\\[0\\]\\.name "net\\.core\\.somaxconn", .*; a sysctl of the safe set: '),
    fix: 'Remove the sysctl, or leave restrictedSecurityContext out and run the Server in a namespace that allows it.',
    build: scope => restrictedServer(scope, { securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } }),
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'restrictedSecurityContext on a ServerConfig container with a hostPort',
    error: restrictedPod('podSpec\\.containers\\["rclone"\\]\\.ports\\[0\\]\\.hostPort 5572, .*; no hostPort \\(0 or unset\\)'),
    fix: 'Remove hostPort from the ServerConfig\'s container port; reach the pod through its Service.',
    build: scope => restrictedServer(scope, {}, { ports: [{ containerPort: 5572, hostPort: 5572, name: 'rclone' }] }),
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'restrictedSecurityContext on a ServerConfig container with an SELinux type outside the container types',
    error: restrictedPod('podSpec\\.containers\\["rclone"\\]\\.securityContext\\.seLinuxOptions\\.type "spc_t", .*; container_t, container_init_t, container_kvm_t, container_engine_t or unset'),
    fix: 'Remove seLinuxOptions.type, or set container_t.',
    build: scope => restrictedServer(scope, {}, { securityContext: { seLinuxOptions: { type: 'spc_t' } } }),
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'restrictedSecurityContext on a ServerConfig container with procMount Unmasked',
    error: restrictedPod('podSpec\\.containers\\["rclone"\\]\\.securityContext\\.procMount "Unmasked", .*; Default or unset'),
    fix: 'Remove procMount from the ServerConfig\'s container.',
    build: scope => restrictedServer(scope, {}, { securityContext: { procMount: 'Unmasked' } }),
  },
  {
    construct: 'SeldonServer',
    id: 'server',
    input: 'restrictedSecurityContext with an AppArmor annotation of unconfined in podAnnotations',
    error: restrictedPod('podAnnotations\\["container\\.apparmor\\.security\\.beta\\.kubernetes\\.io/srv"\\] "unconfined", .*; runtime/default or localhost/<profile>'),
    fix: 'Use runtime/default or a localhost/ profile, or remove the annotation.',
    build: scope => restrictedServer(scope, {}, {}, { 'container.apparmor.security.beta.kubernetes.io/srv': 'unconfined' }),
  },
];
