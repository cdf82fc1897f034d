import { Size, Testing } from 'cdk8s';
import { Cpu, EnvValue, Node, NodeLabelQuery, NodeTaintQuery, Secret, ServiceAccount, TaintEffect, k8s } from 'cdk8s-plus-27';
import { Gpu } from '../../src/k8s/gpu';
import { ServerConfig, ServerConfigProps } from '../../src/v2';

const q = (v: string) => k8s.Quantity.fromString(v);

/** The containers of the installation's mlserver ServerConfig, trimmed (SELDON-FACTS §2.5). */
function props(extra: Partial<ServerConfigProps> = {}): ServerConfigProps {
  return {
    metadata: { name: 'mlserver-gpu' },
    podSpec: {
      serviceAccountName: 'seldon-server',
      imagePullSecrets: [{ name: 'docker-hub' }],
      containers: [
        { name: 'rclone', image: 'docker.io/seldonio/seldon-rclone:2.10.2' },
        { name: 'agent', image: 'docker.io/seldonio/seldon-agent:2.10.2', env: [{ name: 'SELDON_SERVER_TYPE', value: 'mlserver' }] },
        { name: 'mlserver', image: 'docker.io/seldonio/mlserver:1.7.1', resources: { requests: { cpu: q('100m'), memory: q('1Gi') }, limits: { memory: q('1Gi') } } },
      ],
    },
    ...extra,
  };
}

function synth(extra: Partial<ServerConfigProps>, build?: (config: ServerConfig) => void) {
  const chart = Testing.chart();
  const config = new ServerConfig(chart, 'config', props(extra));
  build?.(config);
  return Testing.synth(chart)[0];
}

describe('ServerConfig typed pod (the same overrides and placement as SeldonServer)', () => {
  test('container overrides merge onto the podSpec containers as the operator merges a Server\'s', () => {
    const object = synth({
      serverContainer: {
        image: 'registry.example.com/mlserver:1.7.1',
        resources: { cpu: { limit: Cpu.units(2) } },
        gpu: Gpu.nvidia(1),
        env: { MLSERVER_PARALLEL_WORKERS: EnvValue.fromValue('0') },
      },
      agentContainer: { env: { SELDON_LOG_LEVEL: EnvValue.fromValue('debug') } },
      rcloneContainer: { image: 'registry.example.com/seldon-rclone:2.10.2' },
    });
    const [rclone, agent, server] = object.spec.podSpec.containers;
    expect(rclone.image).toBe('registry.example.com/seldon-rclone:2.10.2');
    expect(agent.env).toEqual([{ name: 'SELDON_SERVER_TYPE', value: 'mlserver' }, { name: 'SELDON_LOG_LEVEL', value: 'debug' }]);
    expect(server.image).toBe('registry.example.com/mlserver:1.7.1');
    // amounts replace one by one: the podSpec's requests and memory limit stay
    expect(server.resources).toEqual({ requests: { cpu: '100m', memory: '1Gi' }, limits: { 'memory': '1Gi', 'cpu': '2', 'nvidia.com/gpu': 1 } });
    expect(server.env).toEqual([{ name: 'MLSERVER_PARALLEL_WORKERS', value: '0' }]);
  });

  test('placement and pod settings are applied onto the podSpec; lists are appended', () => {
    const object = synth({
      imagePullSecrets: [Secret.fromSecretName(Testing.chart(), 'pull', 'registry-creds')],
      priorityClassName: 'inference',
      podLabels: { team: 'ml' },
    }, config => {
      config.scheduling.attract(Node.labeled(NodeLabelQuery.is('nvidia.com/gpu.present', 'true')));
      config.scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present', { effect: TaintEffect.NO_SCHEDULE })));
    });
    const pod = object.spec.podSpec;
    expect(pod.imagePullSecrets).toEqual([{ name: 'docker-hub' }, { name: 'registry-creds' }]);
    expect(pod.serviceAccountName).toBe('seldon-server');
    expect(pod.priorityClassName).toBe('inference');
    expect(pod.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' }]);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
      .toEqual([{ key: 'nvidia.com/gpu.present', operator: 'In', values: ['true'] }]);
    // the operator copies the ServerConfig's labels onto the pods
    expect(object.metadata.labels).toEqual({ team: 'ml' });
  });

  test('without typed props the podSpec renders as written', () => {
    const object = synth({});
    expect(object.spec.podSpec.containers[2]).toEqual({
      name: 'mlserver', image: 'docker.io/seldonio/mlserver:1.7.1', resources: { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } },
    });
    expect(object.spec.podSpec.imagePullSecrets).toEqual([{ name: 'docker-hub' }]);
  });

  test('a field set both in podSpec and by a typed prop is an error, not a silent override', () => {
    const chart = Testing.chart();
    new ServerConfig(chart, 'config', props({ serviceAccount: ServiceAccount.fromServiceAccountName(chart, 'sa', 'models') }));
    expect(() => Testing.synth(chart)).toThrow(/ServerConfig 'test\/config': podSpec.serviceAccountName is set in podSpec and by serviceAccount; set it in one place/);
  });

  test.each([
    ['a malformed override image', { serverContainer: { image: 'my image' } }, /serverContainer.image "my image" is not an image reference; /],
    ['a request above the podSpec container\'s limit', { serverContainer: { resources: { memory: { request: Size.gibibytes(2) } } } },
      /serverContainer.resources memory request 2Gi \(set here\) is greater than the memory limit 1Gi \(from podSpec\).*; set the serverContainer limit as well, or change podSpec/],
    ['capabilities through the agent override env', { agentContainer: { env: { SELDON_SERVER_CAPABILITIES: EnvValue.fromValue('sklearn') } } },
      /agentContainer.env\["SELDON_SERVER_CAPABILITIES"\] would bypass the capabilities checks and the capabilities getter; set the capabilities prop/],
    ['a GPU count of 0', { serverContainer: { gpu: Gpu.nvidia(0) } }, /serverContainer.gpu .*; Gpu.nvidia\(1\)/],
  ])('%s is rejected', (_name, extra, error) => {
    expect(() => new ServerConfig(Testing.chart(), 'config', props(extra as Partial<ServerConfigProps>))).toThrow(error);
  });
});

test('a SeldonServer on the config sees the resources with the overrides merged (its own merge check starts from them)', () => {
  const config = new ServerConfig(Testing.chart(), 'config', props({ serverContainer: { resources: { memory: { limit: Size.gibibytes(4) } } } }));
  expect(config._resources('mlserver')).toEqual({ requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '4Gi' } });
});
