import { EmptyDirMedium, EnvValue, MountPropagation, PersistentVolumeClaim, Volume, k8s } from 'cdk8s-plus-27';
import { BadInput } from './bad-input';
import { ModelUri } from '../../src/model-uri';
import { SeldonModel, SeldonServer, ServerConfig, ServerConfigRef } from '../../src/v2';

const IRIS = ModelUri.gcs('seldon-models', 'mlserver/iris');
const q = (v: string) => k8s.Quantity.fromString(v);

/** A custom ServerConfig whose agent has `agentEnv` and `agentContext`. */
function serverConfig(scope: import('constructs').Construct, agentEnv: k8s.EnvVar[], agentContext?: k8s.SecurityContext): ServerConfig {
  return new ServerConfig(scope, 'config', {
    metadata: { name: 'custom' },
    podSpec: {
      containers: [
        { name: 'rclone', image: 'rclone', resources: { requests: { memory: q('128Mi') }, limits: { memory: q('256Mi') } } },
        { name: 'agent', image: 'agent', env: agentEnv, securityContext: agentContext, resources: { requests: { memory: q('1Gi') }, limits: { memory: q('1Gi') } } },
        { name: 'srv', image: 'srv', resources: { requests: { memory: q('4Gi') }, limits: { memory: q('4Gi') } } },
      ],
    },
  });
}

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
];
