import { App, Chart, Testing } from 'cdk8s';
import { EnvValue, k8s } from 'cdk8s-plus-27';
import { RuntimeComponent, SeldonConfig, SeldonConfigComponent, SeldonRuntime } from '../../../src/v2';

const image = (name: string) => `docker.io/seldonio/${name}:2.10.2`;
const BROKERS = 'kafka-prod-0.kafka:9092,kafka-prod-1.kafka:9092';
const KAFKA = { bootstrapServers: BROKERS, consumerGroupIdPrefix: 'prod', topics: { numPartitions: '4', replicationFactor: '3' } };
const DATAFLOW_ENV = [
  { name: 'SELDON_KAFKA_BOOTSTRAP_SERVERS', value: BROKERS },
  { name: 'SELDON_KAFKA_CONSUMER_PREFIX', value: 'prod' },
  { name: 'SELDON_KAFKA_PARTITIONS_DEFAULT', value: '4' },
  { name: 'SELDON_KAFKA_REPLICATION_FACTOR', value: '3' },
];
const GATEWAY_ENV = [{ name: 'KAFKA_DEFAULT_NUM_PARTITIONS', value: '4' }, { name: 'KAFKA_DEFAULT_REPLICATION_FACTOR', value: '3' }];
const scheduler: SeldonConfigComponent = { component: RuntimeComponent.SCHEDULER, podSpec: { containers: [{ name: 'scheduler', image: image('seldon-scheduler') }] } };
const dataflow = (env?: k8s.EnvVar[], name = 'dataflow-engine'): SeldonConfigComponent => ({
  component: RuntimeComponent.DATAFLOW_ENGINE, podSpec: { containers: [{ name, image: image('seldon-dataflow-engine'), env }] },
});
const overrideOf = (chart: Chart, component: string) => Testing.synth(chart)[0].spec.overrides?.find((o: any) => o.name === component);

describe('config.kafka reaches the components that read it from their env (data-flow Cli.kt, kafka/gateway/infer.go @v2.10.2)', () => {
  test('a runtime\'s brokers, consumer prefix, partitions and replication become dataflow-engine and modelgateway variables', () => {
    const chart = Testing.chart();
    new SeldonRuntime(chart, 'runtime', { config: { kafka: { ...KAFKA, streams: { 'num.stream.threads': '4' } } } });
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.config.kafkaConfig['bootstrap.servers']).toBe(BROKERS);
    expect(spec.overrides).toEqual([
      { name: 'seldon-dataflow-engine', podSpec: { containers: [{ name: 'dataflow-engine', env: DATAFLOW_ENV }] } },
      { name: 'seldon-modelgateway', podSpec: { containers: [{ name: 'modelgateway', env: GATEWAY_ENV }] } },
    ]);
  });

  test('only the settings given are rendered; settings no component reads from env add no override', () => {
    const one = Testing.chart();
    new SeldonRuntime(one, 'runtime', { config: { kafka: { bootstrapServers: 'kafka:9092' } } });
    expect(Testing.synth(one)[0].spec.overrides).toEqual([
      { name: 'seldon-dataflow-engine', podSpec: { containers: [{ name: 'dataflow-engine', env: [{ name: 'SELDON_KAFKA_BOOTSTRAP_SERVERS', value: 'kafka:9092' }] }] } },
    ]);
    const none = Testing.chart();
    new SeldonRuntime(none, 'runtime', { config: { kafka: { topicPrefix: 'team', debug: 'broker', topics: { 'cleanup.policy': 'delete' } } } });
    expect(Testing.synth(none)[0].spec.overrides).toBeUndefined();
  });

  test('merged into the user\'s own override: their env first, the same value once, nothing else changed', () => {
    const chart = Testing.chart();
    const runtime = new SeldonRuntime(chart, 'runtime', { config: { kafka: KAFKA } });
    runtime.override(RuntimeComponent.DATAFLOW_ENGINE, {
      replicas: 2,
      container: { env: { SELDON_LOG_LEVEL_APP: EnvValue.fromValue('DEBUG'), SELDON_KAFKA_CONSUMER_PREFIX: EnvValue.fromValue('prod') } },
    });
    expect(overrideOf(chart, 'seldon-dataflow-engine')).toEqual({
      name: 'seldon-dataflow-engine',
      replicas: 2,
      podSpec: {
        containers: [{
          name: 'dataflow-engine',
          env: [{ name: 'SELDON_LOG_LEVEL_APP', value: 'DEBUG' }, { name: 'SELDON_KAFKA_CONSUMER_PREFIX', value: 'prod' },
            ...DATAFLOW_ENV.filter(e => e.name !== 'SELDON_KAFKA_CONSUMER_PREFIX')],
        }],
      },
    });
    expect(Testing.synth(chart)[0].spec.overrides.filter((o: any) => o.name === 'seldon-dataflow-engine')).toHaveLength(1);
  });

  test('a user value that differs from config.kafka is refused, in the typed container and in a raw podSpec', () => {
    const runtime = new SeldonRuntime(Testing.chart(), 'runtime', { config: { kafka: KAFKA } });
    expect(() => runtime.override(RuntimeComponent.DATAFLOW_ENGINE, { container: { env: { SELDON_KAFKA_BOOTSTRAP_SERVERS: EnvValue.fromValue('old:9092') } } })).toThrow(
      'SeldonRuntime \'test/runtime\': overrides["seldon-dataflow-engine"].container.env["SELDON_KAFKA_BOOTSTRAP_SERVERS"] "old:9092" conflicts with '
      + `config.kafka.bootstrapServers "${BROKERS}", which the library renders as SELDON_KAFKA_BOOTSTRAP_SERVERS on seldon-dataflow-engine's dataflow-engine container `
      + '(it reads that setting from its env, not from the seldon-kafka ConfigMap); the same value, or leave SELDON_KAFKA_BOOTSTRAP_SERVERS out and let '
      + 'config.kafka.bootstrapServers set it');
    expect(() => runtime.override(RuntimeComponent.MODEL_GATEWAY, {
      container: { env: { KAFKA_DEFAULT_NUM_PARTITIONS: EnvValue.fromConfigMap({ name: 'kafka' } as any, 'partitions') } },
    })).toThrow(/overrides\["seldon-modelgateway"\].container.env\["KAFKA_DEFAULT_NUM_PARTITIONS"\] a valueFrom reference conflicts with config.kafka.topics.numPartitions "4"/);
    expect(() => runtime.override(RuntimeComponent.DATAFLOW_ENGINE, {
      podSpec: { containers: [{ name: 'dataflow-engine', env: [{ name: 'SELDON_KAFKA_PARTITIONS_DEFAULT', value: '1' }] }] },
    })).toThrow(/overrides\["seldon-dataflow-engine"\].podSpec.containers\["dataflow-engine"\].env\["SELDON_KAFKA_PARTITIONS_DEFAULT"\] "1" conflicts with/);
    // Without the setting in config.kafka, the variable is the user's own.
    new SeldonRuntime(Testing.chart(), 'plain').override(RuntimeComponent.DATAFLOW_ENGINE, { container: { env: { SELDON_KAFKA_BOOTSTRAP_SERVERS: EnvValue.fromValue('old:9092') } } });
  });

  test('a raw podSpec gets the variables on its main container; a disabled component gets none', () => {
    const chart = Testing.chart();
    const runtime = new SeldonRuntime(chart, 'runtime', { config: { kafka: KAFKA } });
    runtime.override(RuntimeComponent.DATAFLOW_ENGINE, { podSpec: { containers: [{ name: 'dataflow-engine', env: [{ name: 'SELDON_CORES_COUNT', value: '2' }] }] } });
    runtime.override(RuntimeComponent.MODEL_GATEWAY, { disable: true });
    expect(Testing.synth(chart)[0].spec.overrides).toEqual([
      { name: 'seldon-dataflow-engine', podSpec: { containers: [{ name: 'dataflow-engine', env: [{ name: 'SELDON_CORES_COUNT', value: '2' }, ...DATAFLOW_ENV] }] } },
      { name: 'seldon-modelgateway', disable: true },
    ]);
  });

  test('numPartitions and replicationFactor must be whole numbers (intType and strconv.Atoi)', () => {
    expect(() => new SeldonRuntime(Testing.chart(), 'runtime', { config: { kafka: { topics: { numPartitions: 'four' } } } })).toThrow(
      /config.kafka.topics.numPartitions "four" is not a whole number of at least 1; the dataflow engine, which parses it as an integer, would exit at start[^;]*; a whole number as a string/);
    expect(() => new SeldonRuntime(Testing.chart(), 'zero', { config: { kafka: { topics: { replicationFactor: '0' } } } })).toThrow(/config.kafka.topics.replicationFactor "0" is not a whole number/);
    expect(() => new SeldonRuntime(Testing.chart(), 'other', { config: { kafka: { topics: { 'retention.ms': 'forever' } } } })).not.toThrow();
  });

  test('an in-app SeldonConfig: components it lacks get no override; a dataflow engine without its main container is reported', () => {
    const chart = Testing.chart();
    const config = new SeldonConfig(chart, 'config', { metadata: { name: 'small' }, components: [scheduler, dataflow()] });
    new SeldonRuntime(chart, 'runtime', { seldonConfig: config, config: { kafka: KAFKA } });
    expect(Testing.synth(chart)[1].spec.overrides.map((o: any) => o.name)).toEqual(['seldon-dataflow-engine']);

    const app = new App();
    const other = new Chart(app, 'other');
    const renamed = new SeldonConfig(other, 'config', { metadata: { name: 'renamed' }, components: [scheduler, dataflow(undefined, 'engine')] });
    new SeldonRuntime(other, 'runtime', { seldonConfig: renamed, config: { kafka: { bootstrapServers: 'kafka:9092' } } });
    expect(() => app.synth()).toThrow(/SeldonRuntime 'other\/runtime': config.kafka.bootstrapServers cannot reach seldon-dataflow-engine: SeldonConfig "renamed" gives it no container "dataflow-engine"/);
  });

  test('a SeldonConfig\'s own config.kafka goes to its components\' containers; a conflicting value there is refused', () => {
    const chart = Testing.chart();
    new SeldonConfig(chart, 'config', {
      metadata: { name: 'prod-kafka' },
      config: { kafka: { bootstrapServers: BROKERS } },
      components: [scheduler, dataflow([{ name: 'SELDON_LOG_LEVEL_APP', value: 'INFO' }, { name: 'SELDON_KAFKA_BOOTSTRAP_SERVERS', value: BROKERS }])],
    });
    expect(Testing.synth(chart)[0].spec.components[1].podSpec.containers[0].env).toEqual([
      { name: 'SELDON_LOG_LEVEL_APP', value: 'INFO' }, { name: 'SELDON_KAFKA_BOOTSTRAP_SERVERS', value: BROKERS },
    ]);
    const added = Testing.chart();
    new SeldonConfig(added, 'config', { config: { kafka: { consumerGroupIdPrefix: 'team' } }, components: [scheduler, dataflow()] });
    expect(Testing.synth(added)[0].spec.components[1].podSpec.containers[0].env).toEqual([{ name: 'SELDON_KAFKA_CONSUMER_PREFIX', value: 'team' }]);

    const copied = new SeldonConfig(Testing.chart(), 'copied', { config: { kafka: { bootstrapServers: BROKERS } }, components: [scheduler] });
    expect(() => copied.addComponent(dataflow([{ name: 'SELDON_KAFKA_BOOTSTRAP_SERVERS', value: 'seldon-kafka-bootstrap.seldon-mesh:9092' }]))).toThrow(
      /SeldonConfig 'test\/copied': components\["seldon-dataflow-engine"\].podSpec.containers\["dataflow-engine"\].env\["SELDON_KAFKA_BOOTSTRAP_SERVERS"\] "seldon-kafka-bootstrap.seldon-mesh:9092" conflicts with config.kafka.bootstrapServers/);
    expect(() => copied.addComponent(dataflow(undefined, 'engine'))).toThrow(
      /components\["seldon-dataflow-engine"\].podSpec.containers has no container "dataflow-engine", whose env \(SELDON_KAFKA_BOOTSTRAP_SERVERS\) config.kafka.bootstrapServers has to reach/);
  });
});
