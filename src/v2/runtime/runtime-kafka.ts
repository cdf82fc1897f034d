/**
 * The `config.kafka` settings that Seldon 2.10.2 components read from their own container env rather than from the
 * `seldon-kafka` ConfigMap (`kafka.json`), which the operator writes from `kafkaConfig` (configmap_reconciler.go) and
 * only the scheduler and the two gateways mount (k8s/yaml/components.yaml):
 *
 * - the dataflow engine mounts no `seldon-kafka` ConfigMap. It reads its brokers, consumer group prefix, partitions and
 *   replication factor from `SELDON_KAFKA_BOOTSTRAP_SERVERS`, `SELDON_KAFKA_CONSUMER_PREFIX`,
 *   `SELDON_KAFKA_PARTITIONS_DEFAULT` and `SELDON_KAFKA_REPLICATION_FACTOR` (konfig `EnvironmentVariables(prefix =
 *   "SELDON_")`, scheduler/data-flow/src/main/kotlin/io/seldon/dataflow/Cli.kt:54,73-77,180-186; Main.kt:95-100,132),
 *   set in its SeldonConfig container (components.yaml:1019-1026);
 * - the model gateway creates the model topics with `KAFKA_DEFAULT_NUM_PARTITIONS` and `KAFKA_DEFAULT_REPLICATION_FACTOR`
 *   (scheduler/pkg/kafka/gateway/infer.go:45-48,113-120; components.yaml:750-753). `kafkaConfig.topics` is parsed by
 *   the gateways (manager.go:126) but read by no 2.10.2 component.
 *
 * Seldon's setup chart fills each variable from the same value as the `kafkaConfig` field
 * (_components-deployments.tpl: `kafka.bootstrap`, `kafka.consumerGroupIdPrefix`, `kafka.topics.*`). The library
 * renders them where `config.kafka` sets the field, so every component uses the same Kafka.
 */
import { EnvLookup, envListLookup, overrideEnv, OverrideEnvInput } from './component-env';
import { RuntimeComponent } from './runtime-component';
import { KafkaSettings } from './seldon-configuration';
import { show } from '../../errors';

/** A variable a component reads instead of a `config.kafka` field. */
interface KafkaVariable {
  /** The variable, e.g. `SELDON_KAFKA_BOOTSTRAP_SERVERS`. */
  readonly name: string;
  /** The field under `config.`, e.g. `kafka.bootstrapServers`. */
  readonly field: string;
  readonly value: string;
}

/** The variables of one component's main container. */
export interface KafkaComponentEnv {
  readonly component: RuntimeComponent;
  readonly variables: readonly KafkaVariable[];
}

type Reader = [RuntimeComponent, string, string, (kafka: KafkaSettings) => unknown];
const TOPICS = (key: string) => (kafka: KafkaSettings) => kafka.topics?.[key];
const READERS: readonly Reader[] = [
  [RuntimeComponent.DATAFLOW_ENGINE, 'SELDON_KAFKA_BOOTSTRAP_SERVERS', 'kafka.bootstrapServers', k => k.bootstrapServers],
  [RuntimeComponent.DATAFLOW_ENGINE, 'SELDON_KAFKA_CONSUMER_PREFIX', 'kafka.consumerGroupIdPrefix', k => k.consumerGroupIdPrefix],
  [RuntimeComponent.DATAFLOW_ENGINE, 'SELDON_KAFKA_PARTITIONS_DEFAULT', 'kafka.topics.numPartitions', TOPICS('numPartitions')],
  [RuntimeComponent.DATAFLOW_ENGINE, 'SELDON_KAFKA_REPLICATION_FACTOR', 'kafka.topics.replicationFactor', TOPICS('replicationFactor')],
  [RuntimeComponent.MODEL_GATEWAY, 'KAFKA_DEFAULT_NUM_PARTITIONS', 'kafka.topics.numPartitions', TOPICS('numPartitions')],
  [RuntimeComponent.MODEL_GATEWAY, 'KAFKA_DEFAULT_REPLICATION_FACTOR', 'kafka.topics.replicationFactor', TOPICS('replicationFactor')],
];

/** The `topics` keys that reach a component (as whole numbers: Kotlin intType, Go strconv.Atoi). */
export const KAFKA_TOPIC_COUNTS: readonly string[] = [...new Set(READERS.map(r => r[2]).filter(f => f.startsWith('kafka.topics.')).map(f => f.slice('kafka.topics.'.length)))];

/** The variables `kafka` implies, by component; components with none are left out. */
export function kafkaComponentEnv(kafka: KafkaSettings | undefined): KafkaComponentEnv[] {
  if (!kafka) return [];
  const result: KafkaComponentEnv[] = [];
  for (const [component, name, field, read] of READERS) {
    const value = read(kafka);
    if (typeof value !== 'string') continue;
    let entry = result.find(e => e.component === component);
    if (!entry) result.push(entry = { component, variables: [] });
    (entry.variables as KafkaVariable[]).push({ name, field, value });
  }
  return result;
}

/**
 * A variable of `env` set to another value than `config.kafka` gives it, each as [field, problem, accepted]. `field` is
 * the env's field (e.g. `overrides["seldon-dataflow-engine"].container.env`), `configField` the config's (`config.`).
 */
export function kafkaEnvConflicts(field: string, configField: string, target: KafkaComponentEnv | undefined,
  env: EnvLookup): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  for (const v of target?.variables ?? []) {
    const given = env(v.name);
    if (given === undefined || (given.valueFrom === undefined && given.value === v.value)) continue;
    const what = given.valueFrom === undefined ? show(given.value) : 'a valueFrom reference';
    found.push([`${field}[${show(v.name)}]`, `${what} conflicts with ${configField}${v.field} ${show(v.value)}, which the library renders as ${v.name} on `
      + `${target!.component.name}'s ${target!.component.mainContainer} container (it reads that setting from its env, not from the seldon-kafka ConfigMap)`,
    `the same value, or leave ${v.name} out and let ${configField}${v.field} set it`]);
  }
  return found;
}

/** `container` (JSON) with the variables it lacks appended (conflicting ones were refused before). */
function withKafkaEnv(container: Record<string, any>, target: KafkaComponentEnv): Record<string, any> {
  const lookup = envListLookup(container.env);
  const missing = target.variables.filter(v => lookup(v.name) === undefined).map(v => ({ name: v.name, value: v.value }));
  return missing.length === 0 ? container : { ...container, env: [...(container.env ?? []), ...missing] };
}

/**
 * A rendered pod spec (JSON) with the variables added to the component's main container, which is added when the
 * pod spec has none (an override's containers are merged by name onto the SeldonConfig's: patch_utils.go MergeContainers).
 */
export function podSpecWithKafkaEnv(podSpec: Record<string, any> | undefined, target: KafkaComponentEnv): Record<string, any> {
  const containers: Array<Record<string, any>> = [...(podSpec?.containers ?? [])];
  const i = containers.findIndex(c => c?.name === target.component.mainContainer);
  if (i >= 0) containers[i] = withKafkaEnv(containers[i], target);
  else containers.push(withKafkaEnv({ name: target.component.mainContainer }, target));
  return { ...(podSpec ?? {}), containers };
}

/**
 * A runtime's rendered overrides with the variables of its `config.kafka` added: to the component's override, or in a
 * new override holding only them (the operator then runs 1 replica, as without one: runtime_reconciler.go
 * ComponentOverride). Left out for a disabled component and one the SeldonConfig is known not to define.
 */
export function overridesWithKafkaEnv(rendered: Array<Record<string, any>>, targets: readonly KafkaComponentEnv[],
  defined: readonly RuntimeComponent[] | undefined): Array<Record<string, any>> {
  const result = [...rendered];
  for (const target of targets) {
    if (defined && !defined.some(c => c.name === target.component.name)) continue;
    const i = result.findIndex(o => o.name === target.component.name);
    if (i >= 0 && result[i].disable) continue;
    const override = i >= 0 ? result[i] : { name: target.component.name };
    const merged = { ...override, podSpec: podSpecWithKafkaEnv(override.podSpec, target) };
    if (i >= 0) result[i] = merged;
    else result.push(merged);
  }
  return result;
}

/** Components of a SeldonConfig without the main container the variables go to, as [field, problem, accepted]. */
export function kafkaContainerProblems(targets: readonly KafkaComponentEnv[], configName: string,
  lacksMain: (component: RuntimeComponent) => boolean): Array<[string, string, string]> {
  return targets.filter(t => lacksMain(t.component)).map(t => [`config.${t.variables[0].field}`,
    `cannot reach ${t.component.name}: SeldonConfig ${show(configName)} gives it no container ${show(t.component.mainContainer)}, whose env `
    + `(${t.variables.map(v => v.name).join(', ')}) it reads this setting from`,
    `a SeldonConfig whose ${t.component.name} has its main container named ${show(t.component.mainContainer)} (as in Seldon's components.yaml), `
    + 'or the setting in that component\'s own env']);
}

/**
 * Conflicts of a runtime override (`field`, e.g. `overrides["seldon-dataflow-engine"]`) with the runtime's `config.kafka`:
 * in its typed container's env, or in its raw pod spec's main container. A disabled component gets no variables.
 */
export function overrideKafkaConflicts(field: string, component: RuntimeComponent,
  options: OverrideEnvInput & { readonly disable?: boolean },
  targets: readonly KafkaComponentEnv[]): Array<[string, string, string]> {
  if (options.disable) return [];
  const target = targets.find(t => t.component.name === component.name);
  const [envField, env] = overrideEnv(field, component, options);
  return kafkaEnvConflicts(envField, 'config.', target, env);
}
