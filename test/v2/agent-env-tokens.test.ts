// A cdk8s token (a Lazy) as an agent variable the library reads is read as unknown, like a valueFrom (review 17-diff M2):
// it synthesizes, the manifest holds what cdk8s resolves, and the checks that need the value (memory, parallel workers,
// capabilities) skip it, where the same literal is checked.
import { Chart, Lazy, Testing } from 'cdk8s';
import { EnvValue, k8s } from 'cdk8s-plus-27';
import { ModelUri } from '../../src/model-uri';
import { SeldonModel, SeldonServer, ServerConfig, ServerConfigRef } from '../../src/v2';

const IRIS = ModelUri.parse('gs://seldon-models/mlserver/iris');
const GI = 2 ** 30;
const lazy = (value: string) => EnvValue.fromValue(Lazy.any({ produce: () => value }) as unknown as string);
const literal = (value: string) => EnvValue.fromValue(value);
type Env = Record<string, EnvValue>;

/** The agent container's env of the one object of `kind` in `chart`'s manifest. */
function agentEnv(chart: Chart, kind: string): unknown {
  const object = Testing.synth(chart).find(o => o.kind === kind);
  return object.spec.podSpec.containers.find((c: { name: string }) => c.name === 'agent').env;
}

/** A chart with a Server (agent env `env`) and a model of `memory` bytes and `requirements` pinned to it. */
function pinned(env: Env, memory: number, requirements?: string[]): Chart {
  const chart = Testing.chart();
  const server = new SeldonServer(chart, 's', { metadata: { name: 's' }, agentContainer: { env } });
  new SeldonModel(chart, 'm', { metadata: { name: 'm' }, storageUri: IRIS, memory: String(memory), requirements, server });
  return chart;
}

const VARIABLES: Array<[string, string]> = [
  ['MLSERVER_PARALLEL_WORKERS', '4'],
  ['MEMORY_REQUEST', '1000'],
  ['SELDON_OVERCOMMIT_PERCENTAGE', '10'],
  ['SELDON_SERVER_TYPE', 'mlserver'],
  ['SELDON_SERVER_CAPABILITIES', 'sklearn,mlserver'],
];

describe('a Lazy in a SeldonServer\'s agentContainer.env', () => {
  test.each(VARIABLES)('%s: synthesizes, and the manifest holds the resolved value', (name, value) => {
    const chart = Testing.chart();
    new SeldonServer(chart, 's', { agentContainer: { env: { [name]: lazy(value) } } });
    expect(agentEnv(chart, 'Server')).toEqual([{ name, value }]);
  });

  test('MLSERVER_PARALLEL_WORKERS: the memory check skips the unknown count; the literal 4 divides the replica\'s memory', () => {
    expect(() => Testing.synth(pinned({ MLSERVER_PARALLEL_WORKERS: lazy('4') }, GI / 4 + 1))).not.toThrow();
    expect(() => Testing.synth(pinned({ MLSERVER_PARALLEL_WORKERS: literal('4') }, GI / 4 + 1)))
      .toThrow(/SeldonModel 'test\/m': memory 268435457 bytes .* offers, 268435456 bytes \(256Mi\): .* divided by the agent's MLSERVER_PARALLEL_WORKERS 4/);
  });

  test('SELDON_SERVER_TYPE: an unknown type leaves the parallel workers unknown; the literal mlserver applies them', () => {
    expect(() => Testing.synth(pinned({ SELDON_SERVER_TYPE: lazy('mlserver'), MLSERVER_PARALLEL_WORKERS: literal('4') }, GI / 4 + 1))).not.toThrow();
    expect(() => Testing.synth(pinned({ SELDON_SERVER_TYPE: literal('mlserver'), MLSERVER_PARALLEL_WORKERS: literal('4') }, GI / 4 + 1)))
      .toThrow(/divided by the agent's MLSERVER_PARALLEL_WORKERS 4/);
  });

  test.each(['MEMORY_REQUEST', 'SELDON_OVERCOMMIT_PERCENTAGE'])('%s: the memory check skips the unknown memory; without the variable it applies', name => {
    expect(() => Testing.synth(pinned({ [name]: lazy('1000') }, GI + 1))).not.toThrow();
    expect(() => Testing.synth(pinned({}, GI + 1))).toThrow(/SeldonModel 'test\/m': memory 1073741825 bytes .* exceed what a replica of the pinned SeldonServer 'test\/s'/);
  });

  test('SELDON_SERVER_CAPABILITIES: the capabilities are unknown, so a requirement is not checked; the literal is', () => {
    const chart = pinned({ SELDON_SERVER_CAPABILITIES: lazy('sklearn') }, 1000, ['tensorflow']);
    expect(chart.node.findChild('s')).toHaveProperty('capabilities', undefined);
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(() => Testing.synth(pinned({ SELDON_SERVER_CAPABILITIES: literal('sklearn') }, 1000, ['tensorflow'])))
      .toThrow(/SeldonModel 'test\/m'.*tensorflow/);
  });
});

describe('a Lazy in a ServerConfig\'s agentContainer.env', () => {
  const q = (v: string) => k8s.Quantity.fromString(v);
  const MEMORY_FROM_SRV: k8s.EnvVar = { name: 'MEMORY_REQUEST', valueFrom: { resourceFieldRef: { containerName: 'srv', resource: 'requests.memory' } } };

  /** A ServerConfig whose agent has `podEnv` plus the override `env`, a Server on it, and a pinned model of `memory` bytes. */
  function onConfig(podEnv: k8s.EnvVar[], env: Env, memory: number): Chart {
    const chart = Testing.chart();
    const config = new ServerConfig(chart, 'cfg', {
      metadata: { name: 'cfg' },
      capabilities: ['sklearn'],
      podSpec: {
        containers: [
          { name: 'rclone', image: 'rclone' },
          { name: 'agent', image: 'agent', env: podEnv },
          { name: 'srv', image: 'srv', resources: { requests: { memory: q('1Gi') } } },
        ],
      },
      agentContainer: { env },
    });
    const server = new SeldonServer(chart, 's', { metadata: { name: 's' }, serverConfig: ServerConfigRef.fromServerConfig(config) });
    new SeldonModel(chart, 'm', { metadata: { name: 'm' }, storageUri: IRIS, memory: String(memory), server });
    return chart;
  }

  test.each(VARIABLES.filter(([name]) => name !== 'SELDON_SERVER_CAPABILITIES'))('%s: synthesizes, and the manifest holds the resolved value', (name, value) => {
    const chart = Testing.chart();
    new ServerConfig(chart, 'cfg', {
      podSpec: { containers: [{ name: 'rclone', image: 'r' }, { name: 'agent', image: 'a' }, { name: 'mlserver', image: 'm' }] },
      agentContainer: { env: { [name]: lazy(value) } },
    });
    expect(agentEnv(chart, 'ServerConfig')).toEqual([{ name, value }]);
  });

  test('MLSERVER_PARALLEL_WORKERS: the memory check skips the unknown count; the literal 4 in the override divides the replica\'s memory', () => {
    expect(() => Testing.synth(onConfig([MEMORY_FROM_SRV], { MLSERVER_PARALLEL_WORKERS: lazy('4') }, GI / 4 + 1))).not.toThrow();
    expect(() => Testing.synth(onConfig([MEMORY_FROM_SRV], { MLSERVER_PARALLEL_WORKERS: literal('4') }, GI / 4 + 1)))
      .toThrow(/SeldonModel 'test\/m': memory 268435457 bytes .* offers, 268435456 bytes \(256Mi\): MEMORY_REQUEST = the memory request of container "srv" \(1Gi\), divided by the agent's MLSERVER_PARALLEL_WORKERS 4/);
  });

  test('SELDON_SERVER_TYPE: an unknown type leaves podSpec\'s parallel workers unknown; the literal mlserver applies them', () => {
    const workers: k8s.EnvVar = { name: 'MLSERVER_PARALLEL_WORKERS', value: '4' };
    expect(() => Testing.synth(onConfig([MEMORY_FROM_SRV, workers], { SELDON_SERVER_TYPE: lazy('mlserver') }, GI / 4 + 1))).not.toThrow();
    expect(() => Testing.synth(onConfig([MEMORY_FROM_SRV, workers], { SELDON_SERVER_TYPE: literal('mlserver') }, GI / 4 + 1)))
      .toThrow(/divided by the agent's MLSERVER_PARALLEL_WORKERS 4/);
  });

  test('MEMORY_REQUEST: the override\'s unknown memory replaces podSpec\'s; its literal is read', () => {
    expect(() => Testing.synth(onConfig([MEMORY_FROM_SRV], { MEMORY_REQUEST: lazy('1000') }, 2000))).not.toThrow();
    expect(() => Testing.synth(onConfig([MEMORY_FROM_SRV], { MEMORY_REQUEST: literal('1000') }, 2000)))
      .toThrow(/SeldonModel 'test\/m': memory 2000 bytes .* offers, 1000 bytes .*: MEMORY_REQUEST = 1000/);
  });

  test('SELDON_OVERCOMMIT_PERCENTAGE: an unknown overcommit leaves the memory unknown; a literal one does not', () => {
    expect(() => Testing.synth(onConfig([MEMORY_FROM_SRV], { SELDON_OVERCOMMIT_PERCENTAGE: lazy('10') }, GI + 1))).not.toThrow();
    expect(() => Testing.synth(onConfig([MEMORY_FROM_SRV], { SELDON_OVERCOMMIT_PERCENTAGE: literal('10') }, GI + 1)))
      .toThrow(/SeldonModel 'test\/m': memory 1073741825 bytes .* exceed what a replica/);
  });
});

describe('a ServerConfig override of a variable podSpec sets already (found by validate:fixtures on the test above)', () => {
  test('renders the variable once, with the override\'s value where podSpec had it: the CRD keys env by name', () => {
    const chart = Testing.chart();
    new ServerConfig(chart, 'cfg', {
      metadata: { name: 'cfg' },
      capabilities: ['sklearn'],
      podSpec: {
        containers: [{ name: 'rclone', image: 'rclone' }, { name: 'agent', image: 'agent', env: [{ name: 'A', value: '1' }, { name: 'MEMORY_REQUEST', value: '1000' }, { name: 'B', value: '2' }] },
          { name: 'srv', image: 'srv' }],
      },
      agentContainer: { env: { MEMORY_REQUEST: EnvValue.fromValue('2000'), C: EnvValue.fromValue('3') } },
    });
    const [config] = Testing.synth(chart);
    expect(config.spec.podSpec.containers[1].env.filter((e: k8s.EnvVar) => e.name !== 'SELDON_SERVER_CAPABILITIES')).toEqual([
      { name: 'A', value: '1' }, { name: 'MEMORY_REQUEST', value: '2000' }, { name: 'B', value: '2' }, { name: 'C', value: '3' },
    ]);
  });
});
