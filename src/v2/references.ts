import { IConstruct } from 'constructs';
import { formatProblem, show } from '../errors';
import type { ModelFacts } from './scheduling-facts';
import { rootOf } from '../k8s/root-of';

/**
 * The app-wide check of what Pipelines and Experiments reference, run inside
 * the scheduling check's single pass over the app (scheduling.ts collects the
 * facts, this module judges them):
 *
 * - a model or pipeline given as a construct is part of this app and in the
 *   referencing object's namespace (the scheduler resolves names within one
 *   namespace); one named by string is external and not checked;
 * - a model or pipeline is the default (baseline) of at most one Experiment
 *   per namespace (scheduler/pkg/store/experiment/validate.go@v2);
 * - no two Pipelines, or two Experiments, share a name in a namespace.
 *
 * Cost: O(models + pipelines + experiments + references), with one map
 * lookup per reference.
 */

/** A construct that a Pipeline or Experiment references, and where. */
export interface Reference {
  readonly construct: IConstruct;
  /** The referenced object's name. */
  readonly name: string;
  /** The referencing field, e.g. `steps["iris"]` or `candidates[0]`. */
  readonly field: string;
}

/** What the check needs to know about a pipeline. */
export interface PipelineFacts {
  readonly construct: IConstruct;
  readonly name: string;
  readonly namespace?: string;
  /** SeldonModels its steps run. */
  readonly models: readonly Reference[];
  /** Pipelines its external inputs and triggers read from. */
  readonly pipelines: readonly Reference[];
}

/** What the check needs to know about an experiment. */
export interface ExperimentFacts {
  readonly construct: IConstruct;
  readonly name: string;
  readonly namespace?: string;
  /** `model` or `pipeline`. */
  readonly resourceType: string;
  /** The name of the default candidate, if any. */
  readonly defaultName?: string;
  /** SeldonModels among its candidates and mirror. */
  readonly models: readonly Reference[];
  /** Pipelines among its candidates and mirror. */
  readonly pipelines: readonly Reference[];
}

interface Named {
  readonly construct: IConstruct;
  readonly name: string;
  readonly namespace?: string;
}

/** Checks the references of every pipeline and experiment; one message per problem. */
export function checkReferences(
  models: readonly ModelFacts[], pipelines: readonly PipelineFacts[], experiments: readonly ExperimentFacts[]): string[] {
  const problems = [...duplicateNames(pipelines, 'Pipeline'), ...duplicateNames(experiments, 'Experiment')];
  const callers = models.filter(m => m.calls !== undefined && m.calls.length > 0);
  if (pipelines.length === 0 && experiments.length === 0 && callers.length === 0) return problems;

  const modelIndex = new Map<IConstruct, Named>(models.map(m => [m.construct, m]));
  // A construct that is not among them (taken out of the tree, or of another App) is still reached by its name when
  // the app writes another of that name where the scheduler looks (the referencing object's namespace): built on need.
  const namesakes = new Map<readonly Named[], Set<string>>();
  const hasNamesake = (among: readonly Named[], name: string, namespace: string | undefined): boolean => {
    let keys = namesakes.get(among);
    if (keys === undefined) namesakes.set(among, keys = new Set(among.map(n => `${n.namespace ?? ''}\u0000${n.name}`)));
    return keys.has(`${namespace ?? ''}\u0000${name}`);
  };
  // The agent calls an explained model or an LLM through the envoy of its own namespace
  // (scheduler/pkg/agent/repository/mlserver/mlserver.go setExtraParameters, v2.10.2), whose scheduler knows only
  // that namespace's models. A model of another app is not checked here (no ordering either: seldon-model.ts); one
  // taken out with tryRemoveChild() keeps this app's root and is deployed by no one.
  for (const m of callers) {
    for (const ref of m.calls!) {
      const found = modelIndex.get(ref.construct);
      if (!found && rootOf(ref.construct) === rootOf(m.construct) && !hasNamesake(models, ref.name, m.namespace)) {
        problems.push(formatProblem('SeldonModel', m.construct.node.path, ref.field,
          `is SeldonModel '${ref.construct.node.path}' (${show(ref.name)}), which was taken out of the tree with tryRemoveChild() and is not deployed`,
          `a SeldonModel of this app, or ${ref.field === 'llm' ? 'ModelLlm.forModelName(' : 'ModelExplainer.forModelName(<type>, '}${show(ref.name)}) for one deployed separately`));
        continue;
      }
      if (found?.namespace === undefined || m.namespace === undefined || found.namespace === m.namespace) continue;
      problems.push(formatProblem('SeldonModel', m.construct.node.path, ref.field,
        `is SeldonModel '${ref.construct.node.path}' (${show(ref.name)}) in namespace ${show(found.namespace)}, but the model is in namespace ${show(m.namespace)}; `
          + `its agent calls http://<envoy>/v2/models/${ref.name}/infer through the envoy of namespace ${show(m.namespace)} `
          + '(mlserver.go setExtraParameters, v2.10.2), whose scheduler knows no model of another namespace, so every call would fail',
        `a SeldonModel in namespace ${show(m.namespace)}`));
    }
  }
  const pipelineIndex = new Map<IConstruct, Named>(pipelines.map(p => [p.construct, p]));
  const check = (kind: string, owner: Named, ref: Reference, target: 'SeldonModel' | 'Pipeline', external: string) => {
    const found = (target === 'SeldonModel' ? modelIndex : pipelineIndex).get(ref.construct);
    const what = `${target} '${ref.construct.node.path}' (${show(ref.name)})`;
    const noun = kind.toLowerCase();
    if (!found && hasNamesake(target === 'SeldonModel' ? models : pipelines, ref.name, owner.namespace)) return;
    if (!found) {
      // A construct taken out with tryRemoveChild() keeps its scope, so its root is still this app's.
      const where = rootOf(ref.construct) === rootOf(owner.construct) ? 'was taken out of the tree with tryRemoveChild()' : 'belongs to another cdk8s App';
      problems.push(formatProblem(kind, owner.construct.node.path, ref.field,
        `is ${what}, which is not part of this app (it ${where}) and is not deployed with the ${noun}`,
        `a ${target} of this app, or ${external.replace('<name>', show(ref.name))} for one deployed separately`));
    } else if (found.namespace !== undefined && owner.namespace !== undefined && found.namespace !== owner.namespace) {
      problems.push(formatProblem(kind, owner.construct.node.path, ref.field,
        `is ${what} in namespace ${show(found.namespace)}, but the ${noun} is in namespace ${show(owner.namespace)}; Seldon resolves names within the ${noun}'s namespace`,
        `a ${target} in namespace ${show(owner.namespace)}`));
    }
  };

  for (const p of pipelines) {
    for (const ref of p.models) check('Pipeline', p, ref, 'SeldonModel', 'addStepForModelName(<name>)');
    for (const ref of p.pipelines) check('Pipeline', p, ref, 'Pipeline', 'StepRef.fromString() naming it');
  }

  const baselines = new Map<string, IConstruct>();
  for (const e of experiments) {
    for (const ref of e.models) check('Experiment', e, ref, 'SeldonModel', 'ExperimentTarget.modelName(<name>)');
    for (const ref of e.pipelines) check('Experiment', e, ref, 'Pipeline', 'ExperimentTarget.pipelineName(<name>)');
    if (e.defaultName === undefined) continue;
    const key = `${e.namespace ?? ''}\u0000${e.resourceType}\u0000${e.defaultName}`;
    const first = baselines.get(key);
    if (first) {
      problems.push(formatProblem('Experiment', e.construct.node.path, 'defaultCandidate',
        `${show(e.defaultName)} is already the default of Experiment '${first.node.path}'${inNamespace(e.namespace)}; the scheduler lets a ${e.resourceType} be the baseline of one experiment only`,
        'a default no other experiment of the namespace has, or no defaultCandidate (the experiment is then reached as "<experiment>.experiment")'));
    } else {
      baselines.set(key, e.construct);
    }
  }
  return problems;
}

function inNamespace(namespace: string | undefined): string {
  return namespace === undefined ? '' : ` in namespace ${show(namespace)}`;
}

function duplicateNames(items: readonly Named[], kind: string): string[] {
  const seen = new Map<string, IConstruct>();
  const problems: string[] = [];
  for (const item of items) {
    const key = `${item.namespace ?? ''}/${item.name}`;
    const first = seen.get(key);
    if (first) {
      problems.push(formatProblem(kind, item.construct.node.path, 'metadata.name',
        `${show(item.name)} is also the name of '${first.node.path}'${inNamespace(item.namespace)}; applying both would leave one ${kind}`,
        `a ${kind} name unique in its namespace`));
    } else {
      seen.set(key, item.construct);
    }
  }
  return problems;
}
