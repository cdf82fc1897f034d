/**
 * `MODELGATEWAY_MAX_NUM_CONSUMERS` and `PIPELINEGATEWAY_MAX_NUM_CONSUMERS` (v2.10.2), the number of consumer buckets
 * models (pipelines) are hashed to, are parsed by three programs:
 * - the operator caps a gateway's replicas at `partitions * min(count, value)` with the first entry of that name in the
 *   merged pod spec's first container, a literal only ("" or none is its default 100): a value ParseInt32 refuses, or 0,
 *   fails the reconcile, and a negative one gives the gateway's Deployment negative replicas once the namespace has a
 *   Model (Pipeline) (runtime_reconciler.go getEnvVarValue, validateScaleSpec, replicaCalc);
 * - the gateway reads the last entry, as Kubernetes gives it (modelgateway/main.go and pipelinegateway/main.go getEnVar):
 *   a value strconv.ParseInt refuses ends it at start, and 0 divides by zero on the first model (util/hash.go);
 * - the scheduler reads both from its own container (scheduler/pkg/server/server.go getEnVar): a value ParseInt refuses
 *   ends it at start, and it replaces one of 0 or less by 100 (NewConsumerGroupConfig).
 *
 * Values that differ between the three are not refused, as nothing fails on them. The scheduler sends a model to the
 * gateway replicas its own bucket maps to on its hash ring (server_status.go getModelGatewayBucketId,
 * util/loadbalancer.go); each of those replicas consumes the model's topic in the Kafka consumer group of the bucket its
 * own value gives (gateway/manager.go), and Kafka shares a topic's partitions among the members subscribed to it, so
 * every model is still consumed by the replicas it was sent to. Differing values only let one group hold replicas of
 * other buckets, and make the operator's cap count with its own value. Seldon's docs tune the gateway's value alone
 * (docs-gb/performance-tuning/pipelines/core-2-configuration.md), which an override does: the operator appends its env
 * after the SeldonConfig's (patch_utils.go MergeContainers), and the gateway reads the last. MergeContainers also puts
 * an override's containers first: one listing a sidecar before the gateway's container makes the operator read the
 * sidecar's env, which changes its cap only, and is not checked.
 */
import { EnvLookup } from './component-env';
import { RuntimeComponent } from './runtime-component';
import { show } from '../../errors';

/** An env entry as a pod spec (JSON or k8s.EnvVar) or a typed container's map gives it. */
export interface EnvEntry {
  readonly name: string;
  readonly value?: unknown;
  readonly valueFrom?: unknown;
}

type Found = Array<[string, string, string]>;

/** Each gateway's variable, with the kind whose count the operator's cap takes. */
const VARIABLES: ReadonlyMap<string, readonly [variable: string, counted: string]> = new Map([
  [RuntimeComponent.MODEL_GATEWAY.name, ['MODELGATEWAY_MAX_NUM_CONSUMERS', 'Model']],
  [RuntimeComponent.PIPELINE_GATEWAY.name, ['PIPELINEGATEWAY_MAX_NUM_CONSUMERS', 'Pipeline']],
]);
const SCHEDULER_VARIABLES = [...VARIABLES.values()].map(([v]) => v);

const WHOLE = /^[+-]?[0-9]+$/;
const INT32_MAX = 2147483647n;
const INT64_MAX = 9223372036854775807n;
const GATEWAY_ACCEPTED = 'a whole number from 1 to 2147483647 as a string, e.g. "10"';
const SCHEDULER_ACCEPTED = 'a whole number of at least 1 as a string, e.g. "10"';

/** The variable of `component` the operator and the gateway read, if they read one. */
export function maxConsumersVariable(component: RuntimeComponent): string | undefined {
  return VARIABLES.get(component.name)?.[0];
}

/**
 * A gateway's `*_MAX_NUM_CONSUMERS` entries among `own` (its main container's, given at `envField`) that the operator or
 * the gateway cannot run with, each as [field, problem, accepted]: every entry, as the operator reads the first and the
 * gateway the last. A value that is no string is the env check's to report; a valueFrom is read by the gateway alone.
 */
export function maxConsumersProblems(component: RuntimeComponent, envField: string, own: readonly EnvEntry[]): Found {
  const known = VARIABLES.get(component.name);
  if (known === undefined) return [];
  const [variable, counted] = known;
  for (const e of own) {
    const value = e?.name === variable ? e.value : undefined;
    // "" is the default of the three readers
    if (typeof value !== 'string' || value === '') continue;
    const n = WHOLE.test(value) ? BigInt(value) : undefined;
    if (n !== undefined && n >= 1n && n <= INT32_MAX) continue;
    // The operator reads this entry only where it is the first of the merged env (the SeldonConfig's entry comes first).
    const gateway = n === undefined || n > INT64_MAX ? 'the gateway exits at start on it (main.go getEnVar, strconv.ParseInt)'
      : n === 0n ? 'the gateway would divide by it hashing its first resource to a consumer (scheduler/pkg/util/hash.go)' : undefined;
    const operator = n !== undefined && n < 0n
      ? `as the first entry of the merged env, it makes the operator give the gateway's Deployment negative replicas, which the API server refuses, once the namespace has a ${counted} (runtime_reconciler.go replicaCalc)`
      : 'the operator fails to reconcile the runtime on it as the first entry of the merged env (runtime_reconciler.go validateScaleSpec, ParseInt32)';
    const why = gateway === undefined ? operator : `${gateway}, and ${operator}`;
    return [[`${envField}[${show(variable)}]`, `${show(value)} is not a count of consumers: ${why}`, GATEWAY_ACCEPTED]];
  }
  return [];
}

/**
 * The scheduler's `*_MAX_NUM_CONSUMERS` in `env` (its main container's, at `field`) that it would exit at start on, or
 * replace by its default, each as [field, problem, accepted].
 */
export function schedulerConsumerProblems(field: string, env: EnvLookup): Found {
  const found: Found = [];
  for (const variable of SCHEDULER_VARIABLES) {
    const value = env(variable)?.value;
    if (typeof value !== 'string' || value === '') continue;
    const n = WHOLE.test(value) ? BigInt(value) : undefined;
    if (n === undefined || n > INT64_MAX || n < -INT64_MAX - 1n) {
      found.push([`${field}[${show(variable)}]`, `${show(value)} is not a whole number Go's strconv.ParseInt reads, so the scheduler would exit at start `
        + '(scheduler/pkg/server/server.go getEnVar)', SCHEDULER_ACCEPTED]);
    } else if (n < 1n) {
      found.push([`${field}[${show(variable)}]`, `${show(value)} would not be used: the scheduler replaces a count of 0 or less by its default 100 `
        + '(scheduler/pkg/server/server.go NewConsumerGroupConfig)', SCHEDULER_ACCEPTED]);
    }
  }
  return found;
}
