import { IConstruct } from 'constructs';
import { formatProblem, show } from '../errors';
import { EXPLAINER_CAPABILITY } from './capabilities';
import { CapabilityIndex } from './capability-index';
import { bytesText } from './quantity';
import { ModelFacts, ServerFacts } from './scheduling-facts';
import { countServerVisits } from './scheduling-work';
import {
  FitNeeds, FitServer, Verdict as FitVerdict, mountsPath, outerMountsOf, pinnedMisfits, schedulerRequirements, unpinnedMisfits,
} from './server-fit';
import type { ServerMemory } from './server-memory';

/**
 * The scheduling rules as pure functions of server and model facts
 * (SELDON-FACTS §2.8, §2.10): a server qualifies when it advertises every
 * requirement, has replicas enough, and, for a model read from a local path,
 * mounts a claim at a parent of that path. Each returns the problems in the
 * library's error wording.
 */

/** A server with its capabilities as a set and its outermost mounts. */
export interface IndexedServer extends ServerFacts, FitServer {
  readonly capabilitySet: ReadonlySet<string>;
  readonly memory?: ServerMemory;
}

export type Verdict = FitVerdict<IndexedServer>;

const MODEL = 'SeldonModel';
const MAX_LISTED = 5;

export function indexServer(facts: ServerFacts): IndexedServer {
  countServerVisits(1);
  return { ...facts, capabilitySet: new Set(facts.capabilities ?? []), outerMounts: outerMountsOf(facts.rcloneMountPaths) };
}

/** What the fit rules read of a model, written out (an object spread with an added key costs microseconds per model and pass). */
function needsOf(model: ModelFacts, requirements: readonly string[]): FitNeeds {
  return { requirements, replicas: model.replicas, minReplicas: model.minReplicas, localPath: model.localPath, memory: model.memory };
}

/** A model's requirements as the scheduler compares them (server-fit.ts). */
export function requirementsOf(model: ModelFacts): readonly string[] {
  return schedulerRequirements(model.requirements, model.explainer);
}

function describe(s: ServerFacts): string {
  return `${s.kind} '${s.construct.node.path}' (${show(s.name)})`;
}

function listRequirements(model: ModelFacts, requirements: readonly string[]): string {
  const shown = `[${requirements.map(r => show(r)).join(', ')}]`;
  return model.explainer ? `${shown} (${show(EXPLAINER_CAPABILITY)} because of the explainer)` : shown;
}

function problem(model: ModelFacts, field: string, text: string, accepted: string): string {
  return formatProblem(MODEL, model.construct.node.path, field, text, accepted);
}

function replicasAccepted(): string {
  return 'model replicas (or minReplicas, which the scheduler falls back to) at most the server\'s replicas; raise the server\'s replicas or lower the model\'s';
}

const MEMORY_RULE = 'the agent loads a model only into its MEMORY_REQUEST, evicting other models to make room, and counts the model\'s memory times '
  + 'its MLSERVER_PARALLEL_WORKERS (scheduler/pkg/agent/state_manager.go makeRoomIfNeeded, model_state.go); the overcommit percentage only lets the '
  + 'scheduler place more models on a replica than fit at once, so a larger model is placed and never loads';
const MEMORY_REQUEST_REMEDY = 'raise the server container\'s memory request (serverContainer.resources)';

/** What is accepted for a model's memory, with what raises the capacity of each of `servers` (the listed ones). */
function memoryAccepted(servers: readonly IndexedServer[]): string {
  const remedies = [...new Set(servers.map(s => s.memory?.remedy ?? MEMORY_REQUEST_REMEDY))];
  return 'model memory at most what a server replica offers: its memory request (MEMORY_REQUEST of the agent), divided by the agent\'s '
    + `parallel workers; ${remedies.join('; or ')} or lower the model's memory`;
}

const TRITON = 'triton';
const PARAMETERS_RULE = 'which writes a model\'s parameters nowhere (scheduler/pkg/agent/repository/triton/triton.go SetExtraParameters does nothing; '
  + 'only an MLServer agent writes them into model-settings.json, as parameters.extra): Triton reads the model\'s config.pbtxt only';
const PARAMETERS_ACCEPTED = 'no parameters for a Triton model (put its settings in the config.pbtxt of its artifact), or requirements or a pinned '
  + 'server that place it on an MLServer server';

function mountsOf(server: IndexedServer): string {
  return server.outerMounts.length ? ` (it mounts ${server.outerMounts.map(m => show(m)).join(', ')})` : ' (it mounts none)';
}

/** The problems of a model pinned to `server` (`spec.server`). */
export function checkPinned(model: ModelFacts, requirements: readonly string[], server: IndexedServer): string[] {
  countServerVisits(1);
  const problems: string[] = [];
  if (model.namespace !== undefined && server.namespace !== undefined && model.namespace !== server.namespace) {
    problems.push(problem(model, 'server', `is ${describe(server)} in namespace ${show(server.namespace)}, but the model is in namespace ${show(model.namespace)}; the scheduler only sees servers of the model's namespace`,
      'a server in the model\'s namespace'));
    return problems;
  }
  for (const misfit of pinnedMisfits(server, needsOf(model, requirements))) {
    switch (misfit.rule) {
      case 'requirements':
        problems.push(problem(model, 'requirements', `${listRequirements(model, requirements)} are not all advertised by the pinned ${describe(server)}; missing: ${misfit.missing.map(m => show(m)).join(', ')}`,
          `requirements within its capabilities (${server.capabilities!.join(', ') || 'none'}), or add the missing ones to the server (extraCapabilities or addCapability())`));
        break;
      case 'zero-replicas':
        problems.push(problem(model, 'server', `is ${describe(server)}, which has 0 replicas; the scheduler skips servers scaled to zero`, 'a server with replicas'));
        break;
      case 'replicas':
        problems.push(problem(model, 'replicas', `${model.replicas} exceeds the ${server.replicas} replica(s) of the pinned ${describe(server)}`, replicasAccepted()));
        break;
      case 'memory':
        problems.push(problem(model, 'memory', `${model.memory} bytes (${bytesText(model.memory!)}) exceed what a replica of the pinned ${describe(server)} offers, ${server.memory!.explanation}; ${MEMORY_RULE}`,
          memoryAccepted([server])));
        break;
      case 'mount':
        problems.push(problem(model, 'storageUri', `${show(model.localPath)} is a local path, but the pinned ${describe(server)} mounts no volume into its rclone container at a parent of it${mountsOf(server)}`,
          'a path below a mountPvc() mount path of the server (or a path its rcloneContainer.volumeMounts mount), e.g. mountPvc(claim, "/var/models") for "/var/models/iris"'));
        break;
    }
  }
  if (model.parameters !== undefined && server.serverType === TRITON) {
    problems.push(problem(model, 'parameters', `(${model.parameters.map(p => show(p)).join(', ')}) would be ignored: the pinned ${describe(server)} runs a Triton agent, ${PARAMETERS_RULE}`,
      PARAMETERS_ACCEPTED));
  }
  return problems;
}

/**
 * A model pinned to a SeldonServer taken out of the tree with tryRemoveChild(): its `spec.server` names a Server nothing
 * here deploys, and the scheduler keeps the model unscheduled until one of that name appears.
 */
export function checkLostServer(model: ModelFacts, server: ServerFacts): string {
  return problem(model, 'server', `is ${describe(server)}, which is not part of this app (it was taken out of the tree with tryRemoveChild()) `
    + 'and is not deployed with the model', `a SeldonServer of this app, or SeldonServer.fromServerName(${show(server.name)}) for one deployed separately`);
}

/** The problems of a model the scheduler places on any server it qualifies for. */
export function checkUnpinned(index: CapabilityIndex<IndexedServer>, model: ModelFacts, requirements: readonly string[], verdict: Verdict): string[] {
  const problems: string[] = [];
  for (const misfit of unpinnedMisfits(verdict, needsOf(model, requirements))) {
    switch (misfit.rule) {
      case 'no-server': {
        const where = model.namespace === undefined ? 'in the app' : `in the app for namespace ${show(model.namespace)}`;
        const closest = index.closest(model.namespace, requirements, MAX_LISTED)
          .map(({ server, missing }) => `${describe(server)} lacks ${missing.map(m => show(m)).join(', ')}`);
        problems.push(problem(model, 'requirements', `${listRequirements(model, requirements)} are not all advertised by any Server ${where}; candidate servers: ${closest.join('; ')}`,
          'requirements that one Server advertises in full; for that, add the missing capabilities to a server (extraCapabilities or addCapability()), '
          + 'declare a server that runs outside the app with SeldonServer.fromServerName() (the mlserver and triton of Seldon\'s '
          + 'seldon-core-v2-servers chart count only so once the namespace has a Server of the app), or pin the model to one (server)'));
        break;
      }
      case 'replicas': {
        const listed = verdict.candidates.slice(0, MAX_LISTED).map(s => `${describe(s)} has ${s.replicas}`).join('; ');
        problems.push(problem(model, 'replicas', `${model.replicas} exceeds the replicas of every Server advertising ${listRequirements(model, requirements)}: ${listed}`, replicasAccepted()));
        break;
      }
      case 'memory': {
        const shown = verdict.candidates.slice(0, MAX_LISTED);
        const listed = shown.map(s => `${describe(s)} offers ${s.memory!.explanation}`).join('; ');
        problems.push(problem(model, 'memory', `${model.memory} bytes (${bytesText(model.memory!)}) exceed what a replica of every Server advertising ${listRequirements(model, requirements)} offers: ${listed}; ${MEMORY_RULE}`,
          memoryAccepted(shown)));
        break;
      }
      case 'mount': {
        const lacking = verdict.candidates.filter(s => !mountsPath(s, model.localPath!));
        problems.push(problem(model, 'storageUri', `${show(model.localPath)} is a local path, but the scheduler may place the model on servers that mount no volume into their rclone container at a parent of it: `
          + `${lacking.slice(0, MAX_LISTED).map(s => `${describe(s)}${mountsOf(s)}`).join('; ')}`,
        'add a requirement only the servers mounting the claim advertise (mountPvc() adds "pvc"), or pin the model to such a server (server)'));
        break;
      }
    }
  }
  // O(candidates) for a model with parameters only
  if (model.parameters !== undefined && !verdict.opaque && verdict.candidates.length > 0 && verdict.candidates.every(s => s.serverType === TRITON)) {
    const listed = verdict.candidates.slice(0, MAX_LISTED).map(s => describe(s)).join(', ');
    problems.push(problem(model, 'parameters', `(${model.parameters.map(p => show(p)).join(', ')}) would be ignored: every Server advertising `
      + `${listRequirements(model, requirements)} runs a Triton agent (${listed}), ${PARAMETERS_RULE}`, PARAMETERS_ACCEPTED));
  }
  return problems;
}

/** Objects of one kind sharing a name in a namespace: applying both would leave one. */
export function duplicateNames(items: ReadonlyArray<{ construct: IConstruct; name: string; namespace?: string }>,
  kind: string, what: string): string[] {
  // namespace, then name: no key string built per item
  const seen = new Map<string, Map<string, IConstruct>>();
  const problems: string[] = [];
  for (const item of items) {
    const namespace = item.namespace ?? '';
    let names = seen.get(namespace);
    if (!names) {
      names = new Map();
      seen.set(namespace, names);
    }
    const first = names.get(item.name);
    if (first) {
      problems.push(formatProblem(kind, item.construct.node.path, 'metadata.name', `${show(item.name)} is also the name of '${first.node.path}'${item.namespace ? ` in namespace ${show(item.namespace)}` : ''}; applying both would leave one ${what}`,
        `a ${what} name unique in its namespace`));
    } else {
      names.set(item.name, item.construct);
    }
  }
  return problems;
}
