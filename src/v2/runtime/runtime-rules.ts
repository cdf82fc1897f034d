import { IConstruct } from 'constructs';
import { RuntimeFacts, RuntimeUserFacts } from './runtime-facts';
import { formatProblem, show } from '../../errors';
import { kafkaTopicProblem, topicPrefixRoomProblem } from '../v2-names';

/**
 * The app-wide rules between SeldonRuntimes and the objects of their
 * namespaces, run in the scheduling check's single pass (scheduling.ts):
 *
 * - a namespace has at most one runtime;
 * - once the app declares any runtime (or `SeldonRuntime.fromNamespace()`),
 *   every namespaced Seldon object must be in a namespace with one: without
 *   a scheduler there, nothing reconciles it;
 * - the components an object needs run in its namespace: the scheduler for
 *   everything (it loads models onto servers and runs pipelines), envoy for
 *   inference on models and experiments, the dataflow engine, both gateways
 *   and envoy for pipelines (the model gateway sends every step's inference
 *   to `--envoy-host=seldon-mesh`: components.yaml@v2.10.2:739,
 *   scheduler/cmd/modelgateway/main.go) (component names:
 *   seldonconfig_types.go@v2.10.2). A component is not run when its
 *   SeldonConfig does not define it, or its override disables it or sets
 *   replicas 0.
 *
 * Nothing is checked against `config.scalingConfig`: the 2.10.2 scheduler reads
 * only `pipelines.maxShardCountMultiplier` of it. It never autoscales Models
 * (scheduler/cmd/scheduler/main.go sets autoscalingModelEnabled = false), and
 * takes server autoscaling and packing from its own flags
 * (ENABLE_SERVER_AUTOSCALING, SERVER_PACKING_* in components.yaml).
 */

const NEEDS: Readonly<Record<string, readonly string[]>> = {
  SeldonModel: ['seldon-scheduler', 'seldon-envoy'],
  SeldonServer: ['seldon-scheduler'],
  Pipeline: ['seldon-scheduler', 'seldon-dataflow-engine', 'seldon-pipelinegateway', 'seldon-modelgateway', 'seldon-envoy'],
  Experiment: ['seldon-scheduler', 'seldon-envoy'],
};

/** One message per broken rule. */
export function checkRuntimes(runtimes: readonly RuntimeFacts[], users: readonly RuntimeUserFacts[]): string[] {
  if (runtimes.length === 0) return [];
  const problems: string[] = [];
  const byNamespace = new Map<string, RuntimeFacts>();
  for (const r of runtimes) {
    if (r.namespace === undefined) continue;
    const other = byNamespace.get(r.namespace);
    if (other) {
      problems.push(formatProblem(r.kind, r.construct.node.path, 'namespace',
        `${show(r.namespace)} already has ${other.kind} '${other.construct.node.path}'; both would manage the same components`, 'one SeldonRuntime per namespace'));
    } else {
      byNamespace.set(r.namespace, r);
    }
  }
  const declared = [...byNamespace.keys()].sort().join(', ');
  for (const u of users) {
    if (u.namespace === undefined) continue;
    const runtime = byNamespace.get(u.namespace);
    const path = u.construct.node.path;
    if (!runtime) {
      problems.push(formatProblem(u.kind, path, 'namespace', `${show(u.namespace)} has no SeldonRuntime in the app, so no Seldon scheduler would reconcile the object`,
        `a namespace with a SeldonRuntime (${declared}), a SeldonRuntime in ${show(u.namespace)}, or SeldonRuntime.fromNamespace() for one installed outside the app`));
      continue;
    }
    if (u.ownAutoscaler && runtime.serverAutoscaling?.value === true && !runtime.disabled.includes('seldon-scheduler')) {
      problems.push(formatProblem(u.kind, path, 'autoscaler', 'is a HorizontalPodAutoscaler while no model pinned to the Server has one, and the scheduler of '
        + `${show(u.namespace)} (${runtime.kind} '${runtime.construct.node.path}') autoscales Servers too (ENABLE_SERVER_AUTOSCALING on: ${runtime.serverAutoscaling.from}): `
        + 'on every model unload or failed load it removes empty replicas, writing the spec.replicas the HPA writes, and the two undo each other '
        + '(scheduler/pkg/server/server_status.go handleServerEvents, utils.go shouldScaleDown)', 'ENABLE_SERVER_AUTOSCALING "false" on the runtime\'s scheduler '
        + '(runtime.override(RuntimeComponent.SCHEDULER, { serviceType: <the type your installation gives seldon-scheduler>, container: { env: { '
        + 'ENABLE_SERVER_AUTOSCALING: EnvValue.fromValue(\'false\') } } })), or single-model serving: an HPA on the model pinned to the Server too, '
        + 'on the same metric (RpsAutoscaler with server:)'));
    }
    const missing = (NEEDS[u.kind] ?? []).filter(c => runtime.disabled.includes(c));
    if (missing.length > 0) {
      const why = missing.map(c => `${c} (${runtime.reasons?.[c] ?? 'disabled'})`).join(', ');
      problems.push(formatProblem(u.kind, path, 'namespace', `${show(u.namespace)} runs ${runtime.kind} '${runtime.construct.node.path}', which does not run ${why}, needed by a ${u.kind}`,
        `a runtime that runs ${(NEEDS[u.kind] ?? []).join(', ')}`));
    }
  }
  return problems;
}

/** A Model or Pipeline, whose name is part of its Kafka topics' names. */
export interface TopicUserFacts {
  readonly construct: IConstruct;
  readonly name: string;
  readonly namespace?: string;
}

/**
 * Models and Pipelines whose Kafka topics would be longer than Kafka allows with the topic prefix of their namespace's
 * runtime: its `config.kafka.topicPrefix`, else its SeldonConfig's (the operator fills one from the other:
 * seldonconfig_types.go addDefaults), else `seldon` (scheduler/pkg/kafka/topics.go NewTopicNamer, v2.10.2). A prefix
 * that leaves no room for any name is the runtime's problem, said once on it rather than on each object of its
 * namespace; for Pipelines alone ("pipeline" is three characters longer than "model"), only where there is one. Run in
 * every pass: O(runtimes + models + pipelines).
 */
export function checkTopicNames(runtimes: readonly RuntimeFacts[], models: readonly TopicUserFacts[],
  pipelines: readonly TopicUserFacts[]): string[] {
  const prefixes = new Map<string, RuntimeFacts>();
  for (const r of runtimes) if (r.namespace !== undefined && !prefixes.has(r.namespace)) prefixes.set(r.namespace, r);
  const problems: string[] = [];
  // namespaces whose runtime was reported, with the kinds whose names it leaves no room for
  const full = new Map<string, 'model' | 'pipeline'>();
  for (const [namespace, r] of prefixes) {
    if (r.topicPrefix === undefined) continue;
    let problem = topicPrefixRoomProblem('model', namespace, r.topicPrefix);
    if (problem !== undefined) {
      full.set(namespace, 'model');
    } else if (pipelines.length > 0) {
      problem = topicPrefixRoomProblem('pipeline', namespace, r.topicPrefix);
      if (problem !== undefined && pipelines.some(p => p.namespace === namespace)) full.set(namespace, 'pipeline');
      else problem = undefined;
    }
    if (problem !== undefined) problems.push(formatProblem(r.kind, r.construct.node.path, r.topicPrefix.field, problem));
  }
  for (const [kind, resource, users] of [['SeldonModel', 'model', models], ['Pipeline', 'pipeline', pipelines]] as const) {
    for (const u of users) {
      if (u.namespace === undefined) continue;
      const reported = full.size > 0 ? full.get(u.namespace) : undefined;
      if (reported === 'model' || reported === resource) continue;
      const problem = kafkaTopicProblem(resource, u.name, u.namespace, prefixes.get(u.namespace)?.topicPrefix);
      if (problem !== undefined) problems.push(formatProblem(kind, u.construct.node.path, 'metadata.name', problem));
    }
  }
  return problems;
}
