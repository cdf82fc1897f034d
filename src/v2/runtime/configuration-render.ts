import { ServiceType } from 'cdk8s-plus-27';
import { KAFKA_TOPIC_COUNTS } from './runtime-kafka';
import { OtelExporterProtocol, SeldonConfigurationProps } from './seldon-configuration';
import { isCredentialName } from '../../credentials/names';
import { show } from '../../errors';
import { SeldonConfigSpecConfig, SeldonConfigSpecConfigKafkaConfigConsumer as IntOrString } from '../../imports/mlops.seldon.io';
import { keyPath } from '../../k8s/json-data';
import { DNS_1123_SUBDOMAIN, nameProblem } from '../../names';
import { RcloneRemote } from '../../rclone/rclone-remote';
import { RcloneSecretFormat } from '../../rclone/rclone-secret';

/** A problem of one configuration field: [field, problem, accepted]. */
export type ConfigProblem = [string, string, string];

const BROKERS = /^[^\s,:/]+:\d{1,5}(,[^\s,:/]+:\d{1,5})*$/;
const HOST_PORT = /^[^\s/:]+:\d{1,5}$/;
const PROPERTY = /^[A-Za-z][A-Za-z0-9._-]*$/;
const TOPIC_PREFIX = /^[A-Za-z0-9._-]+$/;

/**
 * Why `prefix` is not a Kafka topic prefix Seldon takes, and what is accepted; undefined when it is one or unset.
 * Seldon's topic namer refuses any other, and the scheduler and gateways exit at start on it (kafka/topics.go
 * NewTopicNamer, v2.10.2).
 */
export function topicPrefixProblem(prefix: unknown): [string, string] | undefined {
  if (prefix === undefined || (typeof prefix === 'string' && TOPIC_PREFIX.test(prefix))) return undefined;
  if (prefix === '') {
    // NewTopicNamer reads "" as unset; a runtime's "" takes its SeldonConfig's prefix (addDefaults), not "seldon".
    return ['is empty, which Seldon reads as unset (a runtime then takes its SeldonConfig\'s prefix, else "seldon"; scheduler/pkg/kafka/topics.go NewTopicNamer)',
      'a prefix of letters, digits, ".", "_" and "-", or leave it unset'];
  }
  return [`${show(prefix)} is not a topic prefix Seldon accepts; the scheduler and the gateways exit at start on it (scheduler/pkg/kafka/topics.go NewTopicNamer)`,
    'letters, digits, ".", "_" and "-" (leave it unset for "seldon")'];
}
const COUNT = /^[1-9]\d*$/;

/**
 * The Service types the operator can give `seldon-scheduler` and `seldon-mesh`. It never sets `spec.externalName`
 * (service_reconciler.go toServices@v2.10.2), which Kubernetes requires of an ExternalName Service; the refused
 * Service stops the runtime's reconcile before any component is created (runtime_reconciler.go Reconcile).
 */
export const RUNTIME_SERVICE_TYPES: readonly string[] = [ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER];

/** What is wrong with a Service type of the runtime's Services, as [problem, accepted], if anything. */
export function runtimeServiceTypeProblem(type: unknown): [string, string] | undefined {
  if (RUNTIME_SERVICE_TYPES.includes(type as string)) return undefined;
  const accepted = `one of ${RUNTIME_SERVICE_TYPES.join(', ')}`;
  if (type === ServiceType.EXTERNAL_NAME) {
    return [`${show(type)} cannot be the type of the operator's Services: it never sets spec.externalName, which Kubernetes requires for ExternalName, `
      + 'and the refused Service stops the runtime\'s reconcile before any component is created', accepted];
  }
  return [`${show(type)} is not a Service type`, accepted];
}

/**
 * The gRPC port-name prefix: the operator names the Services' ports `<prefix>data`, `<prefix>xds`, ... up to
 * `<prefix>scheduler-mtls` (service_reconciler.go@v2.10.2), and Service port names are DNS-1123 labels of at most 63
 * characters (Kubernetes validateServicePort), so the prefix starts with a letter or digit and has at most 63 - 14.
 */
const GRPC_PREFIX = /^([a-z0-9][a-z0-9-]*)?$/;
const GRPC_PREFIX_MAX = 63 - 'scheduler-mtls'.length;

/** Every problem of `config`, with fields under `prefix` (e.g. `config.`). */
export function configurationProblems(config: SeldonConfigurationProps | undefined, prefix: string): ConfigProblem[] {
  const found: ConfigProblem[] = [];
  if (!config) return found;
  const f = (name: string) => `${prefix}${name}`;
  const seen = new Set<string>();
  (config.rcloneConfigSecrets ?? []).forEach((secret, i) => {
    const field = f(`rcloneConfigSecrets[${i}]`);
    const name = (secret as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || nameProblem(name, DNS_1123_SUBDOMAIN)) {
      found.push([field, `${show(name ?? secret)} is not a Secret`,
        'an RcloneSecret (format V2_DOCUMENT) or RcloneSecret.fromExistingSecret(..., { format: RcloneSecretFormat.V2_DOCUMENT })']);
    } else if (secret.format !== RcloneSecretFormat.V2_DOCUMENT) {
      found.push([field, `Secret ${show(name)} is in the ${show(secret.format)} format, which the v2 agent cannot read (it expects one {type, name, parameters} document)`,
        'an RcloneSecret with format RcloneSecretFormat.V2_DOCUMENT']);
    } else if (seen.has(name)) {
      found.push([field, `Secret ${show(name)} is listed twice (the operator does not remove duplicates)`, 'each Secret once']);
    }
    if (typeof name === 'string') seen.add(name);
  });
  (config.rcloneRemotes ?? []).forEach((remote, i) => {
    const field = f(`rcloneRemotes[${i}]`);
    if (!(remote instanceof RcloneRemote)) {
      found.push([field, `${show(remote)} is not an RcloneRemote`, 'RcloneRemote.gcs(), RcloneRemote.s3({ envAuth: true }), ...']);
    } else if (remote.problems.length > 0) {
      found.push([field, remote.problems[0], 'a valid remote']);
    } else if (remote.sensitiveValues.length > 0) {
      found.push([field, `remote ${show(remote.name)} has credentials, which would be written into the resource in plain text`,
        'the remote in an RcloneSecret (format V2_DOCUMENT) listed in rcloneConfigSecrets']);
    }
  });
  const kafka = config.kafka;
  if (kafka?.bootstrapServers !== undefined && !BROKERS.test(kafka.bootstrapServers)) {
    found.push([f('kafka.bootstrapServers'), `${show(kafka.bootstrapServers)} is not a broker list`, 'host:port, or several separated by ",", e.g. kafka-0.kafka:9092,kafka-1.kafka:9092']);
  }
  const badPrefix = topicPrefixProblem(kafka?.topicPrefix);
  if (badPrefix !== undefined) found.push([f('kafka.topicPrefix'), badPrefix[0], badPrefix[1]]);
  for (const group of ['consumer', 'producer', 'streams', 'topics'] as const) {
    for (const [key, value] of Object.entries(kafka?.[group] ?? {})) {
      if (!PROPERTY.test(key)) found.push([f(keyPath(`kafka.${group}`, key)), 'is not a property name', 'a Kafka property such as "session.timeout.ms"']);
      if (typeof value !== 'string' || value === '') {
        found.push([f(keyPath(`kafka.${group}`, key)), `value ${show(value)} is not a non-empty string`, 'the value as a string, e.g. "6000"']);
      } else if (isCredentialName(key)) {
        // The properties land in the resource and the operator's seldon-kafka ConfigMap: a password there is in plain text.
        found.push([f(keyPath(`kafka.${group}`, key)), 'holds a credential (not shown), which would be written into the resource and the seldon-kafka ConfigMap in plain text',
          'the password in a Secret the components read (their SASL settings, e.g. SELDON_KAFKA_SASL_SECRET in an override of the dataflow engine), not a property']);
      }
    }
  }
  // These reach the dataflow engine and the model gateway as integer variables (runtime-kafka.ts): Kotlin's intType fails the
  // dataflow engine's start on anything else (data-flow Cli.kt), Go's strconv.Atoi every model gateway consumer (kafka/gateway/infer.go).
  for (const key of KAFKA_TOPIC_COUNTS) {
    const value = kafka?.topics?.[key];
    if (typeof value === 'string' && value !== '' && !(COUNT.test(value) && Number(value) <= 2 ** 31 - 1)) {
      found.push([f(keyPath('kafka.topics', key)), `${show(value)} is not a whole number of at least 1; the dataflow engine, which parses it as an integer, `
        + 'would exit at start, and the model gateway could not create model topics', 'a whole number as a string, e.g. "4"']);
    }
  }
  const tracing = config.tracing;
  if (tracing?.otelExporterEndpoint !== undefined && !HOST_PORT.test(tracing.otelExporterEndpoint)) {
    found.push([f('tracing.otelExporterEndpoint'), `${show(tracing.otelExporterEndpoint)} is not host:port`,
      'host:port without a scheme, e.g. seldon-collector.seldon-mesh:4317 (the operator adds http:// where needed)']);
  }
  if (tracing?.otelExporterProtocol !== undefined && !Object.values(OtelExporterProtocol).includes(tracing.otelExporterProtocol)) {
    found.push([f('tracing.otelExporterProtocol'), `${show(tracing.otelExporterProtocol)} is not an exporter protocol`, `one of ${Object.values(OtelExporterProtocol).join(', ')}`]);
  }
  if (tracing?.ratio !== undefined && !(typeof tracing.ratio === 'number' && tracing.ratio >= 0 && tracing.ratio <= 1)) {
    found.push([f('tracing.ratio'), `${show(tracing.ratio)} is not a fraction`, 'a number from 0 to 1']);
  }
  const service = config.service;
  const typeProblem = service?.serviceType === undefined ? undefined : runtimeServiceTypeProblem(service.serviceType);
  if (typeProblem) found.push([f('service.serviceType'), ...typeProblem]);
  const grpc = service?.grpcServicePrefix;
  if (grpc !== undefined && (typeof grpc !== 'string' || !GRPC_PREFIX.test(grpc) || grpc.length > GRPC_PREFIX_MAX)) {
    found.push([f('service.grpcServicePrefix'), `${show(grpc)} cannot prefix the Services' port names (<prefix>data ... <prefix>scheduler-mtls), which are DNS-1123 labels of at most 63 characters`,
      `up to ${GRPC_PREFIX_MAX} characters of a-z, 0-9 and "-", starting with a letter or digit, e.g. "grpc-"`]);
  }
  const scaling = config.scaling;
  const pct = scaling?.serverScaleDownPackingPercentage;
  if (pct !== undefined && !(Number.isInteger(pct) && pct >= 0 && pct <= 100)) {
    found.push([f('scaling.serverScaleDownPackingPercentage'), `${show(pct)} is not a percentage`, 'a whole number from 0 to 100']);
  }
  // 0 with packing off is what Seldon's own SeldonConfig writes (its Helm defaults): only a percentage that asks for something is refused.
  if (pct !== undefined && pct !== 0 && scaling?.serverScaleDownPacking !== true) {
    found.push([f('scaling.serverScaleDownPackingPercentage'), 'is set but packing is not enabled, so the scheduler ignores it', 'serverScaleDownPacking: true with it']);
  }
  const mult = scaling?.pipelineMaxShardCountMultiplier;
  if (mult !== undefined && !(Number.isInteger(mult) && mult >= 1 && mult <= 2 ** 31 - 1)) {
    found.push([f('scaling.pipelineMaxShardCountMultiplier'), `${show(mult)} is not a positive whole number`, 'a whole number of at least 1']);
  }
  return found;
}

/** Renders `config`, or undefined when nothing is set. */
export function renderConfiguration(config: SeldonConfigurationProps | undefined): SeldonConfigSpecConfig | undefined {
  if (!config) return undefined;
  const secrets = (config.rcloneConfigSecrets ?? []).map(s => s.name);
  const remotes = (config.rcloneRemotes ?? []).map(r => JSON.stringify(r.toV2Document()));
  const kafka = config.kafka;
  const tracing = config.tracing;
  const scaling = config.scaling;
  const nonEmpty = <T extends object>(o: T): T | undefined => (Object.values(o).some(v => v !== undefined) ? o : undefined);
  const servers = scaling && nonEmpty({
    enabled: scaling.serverAutoscaling,
    scaleDownPackingEnabled: scaling.serverScaleDownPacking,
    scaleDownPackingPercentage: scaling.serverScaleDownPackingPercentage,
  });
  const result: SeldonConfigSpecConfig = {
    agentConfig: secrets.length || remotes.length ? {
      rclone: { configSecrets: secrets.length ? secrets : undefined, config: remotes.length ? remotes : undefined },
    } : undefined,
    kafkaConfig: kafka && nonEmpty({
      bootstrapServers: kafka.bootstrapServers,
      consumerGroupIdPrefix: kafka.consumerGroupIdPrefix,
      debug: kafka.debug,
      topicPrefix: kafka.topicPrefix,
      consumer: intOrStrings(kafka.consumer),
      producer: intOrStrings(kafka.producer),
      streams: intOrStrings(kafka.streams),
      topics: intOrStrings(kafka.topics),
    }),
    tracingConfig: tracing && nonEmpty({
      disable: tracing.disable,
      otelExporterEndpoint: tracing.otelExporterEndpoint,
      otelExporterProtocol: tracing.otelExporterProtocol,
      ratio: tracing.ratio === undefined ? undefined : String(tracing.ratio),
    }),
    serviceConfig: config.service && nonEmpty({
      grpcServicePrefix: config.service.grpcServicePrefix,
      serviceType: config.service.serviceType,
    }),
    scalingConfig: scaling && nonEmpty({
      models: scaling.modelAutoscaling === undefined ? undefined : { enabled: scaling.modelAutoscaling },
      servers,
      pipelines: scaling.pipelineMaxShardCountMultiplier === undefined
        ? undefined : { maxShardCountMultiplier: scaling.pipelineMaxShardCountMultiplier },
    }),
  };
  return nonEmpty(result);
}

/** The CRD's int-or-string maps; the generated converters of every such map read `.value`, so one class serves all. */
function intOrStrings(map: { [key: string]: string } | undefined): any {
  return map === undefined ? undefined : Object.fromEntries(Object.entries(map).map(([k, v]) => [k, IntOrString.fromString(v)]));
}
