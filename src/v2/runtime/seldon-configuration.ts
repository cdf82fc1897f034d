import { ServiceType } from 'cdk8s-plus-27';
import { RcloneRemote } from '../../rclone/rclone-remote';
import { IRcloneSecret } from '../../rclone/rclone-secret';

/**
 * The protocol of the OpenTelemetry exporter. In 2.10.2 it reaches only the
 * Java dataflow engine (`OTEL_EXPORTER_OTLP_PROTOCOL` from the `seldon-tracing`
 * ConfigMap); the scheduler, the gateways and every server agent always
 * export OTLP over gRPC (scheduler/pkg/tracing/provider.go), to the same
 * endpoint. With an HTTP protocol one of the two sides cannot export.
 */
export enum OtelExporterProtocol {
  /** OTLP over gRPC, which every Seldon component supports. */
  GRPC = 'grpc',
  /** OTLP over HTTP with protobuf bodies. */
  HTTP_PROTOBUF = 'http/protobuf',
  /** OTLP over HTTP with JSON bodies. */
  HTTP_JSON = 'http/json',
}

/**
 * Kafka settings (`config.kafkaConfig`), written to the `seldon-kafka`
 * ConfigMap, which in Seldon 2.10.2 only the scheduler and the two gateways
 * read (k8s/yaml/components.yaml). The dataflow engine does not mount it: it
 * reads its Kafka settings from its container's `SELDON_KAFKA_*` variables
 * (scheduler/data-flow Cli.kt), and the model gateway its topic partitions
 * and replication from `KAFKA_DEFAULT_*` variables (kafka/gateway/infer.go).
 * So `bootstrapServers`, `consumerGroupIdPrefix` and the `numPartitions` and
 * `replicationFactor` topics are also rendered as those variables: on a
 * SeldonRuntime in an override of `seldon-dataflow-engine` and
 * `seldon-modelgateway` (added to your own override of them, whose own value
 * of such a variable must agree), on a SeldonConfig in those components'
 * containers. Nothing else here reaches the dataflow engine: its security
 * protocol, SASL and TLS settings (`SELDON_KAFKA_SECURITY_PROTOCOL`,
 * `SELDON_KAFKA_SASL_MECHANISM`, `SELDON_KAFKA_SASL_USERNAME`,
 * `SELDON_KAFKA_SASL_SECRET`, `SELDON_KAFKA_SASL_PASSWORD_PATH`,
 * `SELDON_KAFKA_TLS_*`) and its message size
 * (`SELDON_KAFKA_MAX_MESSAGE_SIZE_BYTES`) are variables of its container, to
 * set with `override(RuntimeComponent.DATAFLOW_ENGINE, { container: { env } })`
 * next to any consumer or producer properties that secure the Go components.
 */
export interface KafkaSettings {
  /**
   * The brokers, `host:port[,host:port...]` (`bootstrap.servers`): for the
   * scheduler and the gateways, and, as `SELDON_KAFKA_BOOTSTRAP_SERVERS`, the
   * dataflow engine.
   * @default - the SeldonConfig's (`seldon-kafka-bootstrap.seldon-mesh:9092` in Seldon's default)
   */
  readonly bootstrapServers?: string;
  /**
   * A prefix of the consumer group ids: for the scheduler and the gateways,
   * and, as `SELDON_KAFKA_CONSUMER_PREFIX`, the dataflow engine.
   * @default - the SeldonConfig's
   */
  readonly consumerGroupIdPrefix?: string;
  /**
   * librdkafka debug contexts, e.g. `broker,topic`.
   * @default - the SeldonConfig's
   */
  readonly debug?: string;
  /**
   * The prefix of the topics Seldon creates (`<prefix>.<namespace>.model.<model>.inputs`, ...): letters, digits,
   * `.`, `_` and `-`, as Seldon's topic namer requires.
   * @default - the SeldonConfig's (`seldon`)
   */
  readonly topicPrefix?: string;
  /**
   * Consumer properties, e.g. `{ 'session.timeout.ms': '6000' }`; the SeldonConfig's fill in the others.
   * Read by the scheduler and the gateways, not the dataflow engine.
   * @default - the SeldonConfig's
   */
  readonly consumer?: { [property: string]: string };
  /**
   * Producer properties; the SeldonConfig's fill in the others. Read by the
   * scheduler and the gateways, not the dataflow engine.
   * @default - the SeldonConfig's
   */
  readonly producer?: { [property: string]: string };
  /**
   * Kafka Streams properties; the SeldonConfig's fill in the others. In
   * 2.10.2 only the Go components (scheduler, gateways) parse them from the
   * `seldon-kafka` ConfigMap: the dataflow engine does not mount it and reads
   * no Kafka Streams properties from it.
   * @default - the SeldonConfig's
   */
  readonly streams?: { [property: string]: string };
  /**
   * Topic settings, e.g. `{ numPartitions: '4', replicationFactor: '3' }`. Given at all, they replace
   * the SeldonConfig's in the ConfigMap (seldonconfig_types.go addDefaults), where no 2.10.2 component
   * reads them. `numPartitions` and `replicationFactor` (whole numbers) reach the components that
   * create topics as variables: the dataflow engine (`SELDON_KAFKA_PARTITIONS_DEFAULT`,
   * `SELDON_KAFKA_REPLICATION_FACTOR`) and the model gateway (`KAFKA_DEFAULT_NUM_PARTITIONS`,
   * `KAFKA_DEFAULT_REPLICATION_FACTOR`); one left out keeps the SeldonConfig's variable.
   * @default - the SeldonConfig's
   */
  readonly topics?: { [property: string]: string };
}

/**
 * OpenTelemetry tracing settings (`config.tracingConfig`), written to the
 * `seldon-tracing` ConfigMap. One endpoint serves every component: the Go
 * components (scheduler, gateways, agents) always export over gRPC, and
 * `otelExporterProtocol` reaches only the Java dataflow engine, which does
 * not get `ratio` either (configmap_reconciler.go@v2.10.2).
 */
export interface TracingSettings {
  /**
   * Turn tracing off. A SeldonRuntime's value is used as it is: the operator
   * does not take it from the SeldonConfig (seldonconfig_types.go addDefaults).
   * @default false
   */
  readonly disable?: boolean;
  /**
   * The collector, as `host:port` (the operator prefixes `http://` for the Java components).
   * @default - the SeldonConfig's (`seldon-collector.seldon-mesh:4317` in Seldon's default)
   */
  readonly otelExporterEndpoint?: string;
  /**
   * The exporter protocol of the dataflow engine only (the Go components
   * always use gRPC, to the same endpoint), so anything but `grpc` leaves one
   * side unable to export.
   * @default - the SeldonConfig's (`grpc` in Seldon's default)
   */
  readonly otelExporterProtocol?: OtelExporterProtocol;
  /**
   * The fraction of requests traced, from 0 to 1, by the Go components (the
   * dataflow engine is not given it).
   * @default - the SeldonConfig's (1 in Seldon's default)
   */
  readonly ratio?: number;
}

/** Services of the installation (`config.serviceConfig`). */
export interface ServiceSettings {
  /**
   * A prefix of the gRPC port names of `seldon-mesh` and `seldon-scheduler`, e.g. `grpc-` for Istio.
   * @default - the SeldonConfig's (none in Seldon's default)
   */
  readonly grpcServicePrefix?: string;
  /**
   * The type of the `seldon-mesh` and `seldon-scheduler` Services.
   * @default - the SeldonConfig's (LoadBalancer in Seldon's default)
   */
  readonly serviceType?: ServiceType;
}

/**
 * Seldon's scaling settings (`config.scalingConfig`), which the operator writes
 * into the `seldon-scaling` ConfigMap. The 2.10.2 scheduler reads only
 * `pipelineMaxShardCountMultiplier` of them: it never autoscales Models
 * (scheduler/cmd/scheduler/main.go switches it off in code), and takes server
 * autoscaling and packing from its own flags, set by the scheduler container's
 * `ENABLE_SERVER_AUTOSCALING`, `SERVER_PACKING_ENABLED` and
 * `SERVER_PACKING_PERCENTAGE` variables (k8s/yaml/components.yaml). The other
 * fields are rendered for the later Seldon versions that read them.
 */
export interface ScalingSettings {
  /**
   * Seldon's inference-lag autoscaling of Models that set `minReplicas` or `maxReplicas` (`models.enabled`).
   * Not read by the 2.10.2 scheduler, which never autoscales Models; scale a Model with an HPA (`RpsAutoscaler`).
   * @default - the SeldonConfig's (off in Seldon's default)
   */
  readonly modelAutoscaling?: boolean;
  /**
   * Seldon's autoscaling of Servers to the replicas their Models need (`servers.enabled`).
   * Not read by the 2.10.2 scheduler, whose `ENABLE_SERVER_AUTOSCALING` variable (on by default) decides.
   * @default - the SeldonConfig's (on in Seldon's default); off when another server setting is set here (the operator
   *   takes a runtime's `servers` whole: seldonconfig_types.go addDefaults)
   */
  readonly serverAutoscaling?: boolean;
  /**
   * Remove lightly loaded server replicas by packing their models onto others (experimental; `servers.scaleDownPackingEnabled`).
   * Not read by the 2.10.2 scheduler, whose `SERVER_PACKING_ENABLED` variable decides.
   * @default - the SeldonConfig's (off in Seldon's default); off when another server setting is set here
   */
  readonly serverScaleDownPacking?: boolean;
  /**
   * The load, in percent, under which a server replica is packed away (`servers.scaleDownPackingPercentage`).
   * Not read by the 2.10.2 scheduler, whose `SERVER_PACKING_PERCENTAGE` variable decides. A whole number from 0 to
   * 100; above 0 it needs `serverScaleDownPacking: true` (0 with packing off is what Seldon's own SeldonConfig writes).
   * @default - not rendered
   */
  readonly serverScaleDownPackingPercentage?: number;
  /**
   * Partitions per pipeline that bound the replicas of the dataflow engine and the gateways
   * (`pipelines.maxShardCountMultiplier`).
   * @default - the SeldonConfig's (1 in Seldon's default)
   */
  readonly pipelineMaxShardCountMultiplier?: number;
}

/**
 * The `config` of a SeldonConfig (defaults) or a SeldonRuntime (its
 * namespace's values; the operator fills what it leaves out from the
 * SeldonConfig, field by field: seldonconfig_types.go AddDefaults).
 */
export interface SeldonConfigurationProps {
  /**
   * Secrets holding one rclone remote each, in the v2 format
   * (`RcloneSecretFormat.V2_DOCUMENT`), that every server's rclone creates
   * (`agentConfig.rclone.config_secrets`). A SeldonRuntime's are added to its
   * SeldonConfig's (`seldon-rclone-gs-public` in Seldon's default).
   * @default - none besides the SeldonConfig's
   */
  readonly rcloneConfigSecrets?: IRcloneSecret[];
  /**
   * Remotes without credentials (e.g. anonymous `RcloneRemote.gcs()`) written
   * inline (`agentConfig.rclone.config`); a remote with credentials belongs in
   * a Secret listed in `rcloneConfigSecrets`.
   * @default - none
   */
  readonly rcloneRemotes?: RcloneRemote[];
  /**
   * Kafka settings.
   * @default - the SeldonConfig's
   */
  readonly kafka?: KafkaSettings;
  /**
   * Tracing settings.
   * @default - the SeldonConfig's
   */
  readonly tracing?: TracingSettings;
  /**
   * Service settings.
   * @default - the SeldonConfig's
   */
  readonly service?: ServiceSettings;
  /**
   * Seldon's own autoscaling of models, servers and pipelines.
   * @default - the SeldonConfig's
   */
  readonly scaling?: ScalingSettings;
}
