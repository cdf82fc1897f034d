import { ISecret } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { migratedParameters, parametersAgent } from './migrated-parameters';
import { MigrationDifference } from './migration-difference';
import { show } from '../errors';
import { ModelUriKind } from '../model-uri';
import { BuiltInImplementation } from '../v1/predictive-unit';
import { PrepackagedModel } from '../v1/prepackaged-model';
import { Experiment } from '../v2/experiment';
import { ExperimentTarget } from '../v2/experiment-target';
import { SeldonModel } from '../v2/seldon-model';
import { ISeldonServer } from '../v2/server-reference';

/** What the main model's migration settled, which the canaries and shadows share. */
export interface VersionContext {
  readonly v1: PrepackagedModel;
  readonly main: SeldonModel;
  /** The v2 requirements of a v1 server implementation, if it has its own. */
  readonly requirementsOf: (implementation: string) => readonly string[] | undefined;
  /** The main model's requirements, which a version on the same server shares. */
  readonly requirements: readonly string[];
  /** The v2 Secret of the main model and the remote it holds. */
  readonly secret?: ISecret;
  readonly secretRemote?: string;
  readonly server?: ISeldonServer;
  readonly memory?: string;
}

/** The canaries and shadows as v2 Models, and the Experiment joining them to the main model. */
export interface MigratedVersions {
  readonly models: SeldonModel[];
  readonly experiment?: Experiment;
  readonly differences: MigrationDifference[];
}

/**
 * v1 splits traffic between predictors of one SeldonDeployment and copies it
 * to a shadow predictor; v2 does both with an Experiment over separate Models
 * (SELDON-FACTS §2.11: candidates with weights, a mirror with a percent). The
 * main model is the default candidate, so clients keep calling its name.
 */
export function migrateVersions(scope: Construct, ctx: VersionContext): MigratedVersions {
  const { v1, main } = ctx;
  const differences: MigrationDifference[] = [];
  const candidates: Array<{ model: SeldonModel; weight: number; name: string }> = [];
  let mirror: { model: SeldonModel; name: string } | undefined;
  const models: SeldonModel[] = [];

  const mainNote = migratedParameters(v1.server.implementation, v1.protocol, v1.predictors[0].graph._spec.parameters).note;
  for (const p of v1.predictors.slice(1)) {
    const setting = p.shadow ? 'withShadow()' : 'withCanary()';
    const unit = p.graph._spec;
    const uri = unit.modelUri;
    const implementation = unit.server?.implementation ?? v1.server.implementation;
    const requirements = implementation === v1.server.implementation ? ctx.requirements : ctx.requirementsOf(implementation);
    const where = `predictor ${show(p.name)} (${p.shadow ? 'shadow' : `${p.traffic ?? 0}% of traffic`}, ${uri?.uri ?? 'no modelUri'})`;
    let reason: string | undefined;
    const nodes = p.graph._walk();
    if (nodes.length > 1 || unit.kind !== 'prepackaged') {
      // The v1 executor sends a model's output on to its children (predictor_process.go, predictChildren): a chain of
      // models is a Pipeline in v2; a router's split of traffic (RANDOM_ABTEST) is an Experiment's.
      const router = unit.kind === 'builtIn' && unit.implementation === BuiltInImplementation.RANDOM_ABTEST;
      reason = `its graph is ${nodes.length > 1 ? `${nodes.length} nodes (${show(nodes[0].name)} with children)` : `a ${unit.kind} node`}, not one prepackaged model; `
        + (router ? 'v2 splits traffic between models with an Experiment: migrate each model with its own MigratedModel and add them to an Experiment as candidates'
          : 'v2 runs a graph of models as a Pipeline: migrate each model with its own MigratedModel and join them with a Pipeline');
    } else if (uri === undefined || uri.kind !== ModelUriKind.RCLONE_REMOTE) {
      reason = `its artifact is not on an rclone remote; migrate it with its own MigratedModel (storageUri, server) and add it to an Experiment with ${main.name}`;
    } else if (requirements === undefined) {
      reason = `its server ${implementation} has no v2 capability of its own; migrate it with its own MigratedModel (requirements) and add it to an Experiment with ${main.name}`;
    } else if (unit.credentials !== undefined && (unit.credentials !== v1.credentials || uri.remoteName !== ctx.secretRemote)) {
      reason = `its credentials are not the main model's converted ones for remote ${show(uri.remoteName)}; migrate it with its own MigratedModel and add it to an Experiment with ${main.name}`;
    }
    if (reason !== undefined) {
      differences.push({ setting, detail: `${where} is not migrated: ${reason}` });
      continue;
    }
    const name = `${main.name}-${p.name}`;
    const parameters = migratedParameters(implementation, v1.protocol, unit.parameters);
    // as for the main model: a Triton agent writes parameters nowhere, and the scheduling check refuses a Model given some
    const dropped = parametersAgent(requirements!, ctx.server) === 'triton' && parameters.parameters !== undefined;
    const model = new SeldonModel(scope, `Model-${p.name}`, {
      metadata: { name },
      storageUri: uri!,
      requirements: [...requirements!],
      server: ctx.server,
      replicas: p.replicas ?? 1,
      memory: ctx.memory,
      secret: unit.credentials === undefined ? undefined : ctx.secret,
      parameters: dropped ? undefined : parameters.parameters,
    });
    if (dropped) {
      differences.push({ setting, detail: `${where}: ${unit.parameters.map(x => x.name).join(', ')} reach no server: its Model lands on Triton, whose agent writes parameters nowhere (the Model leaves them out)` });
    }
    // The main model's note covers versions that call the same method.
    if (parameters.note !== undefined && parameters.note !== mainNote) differences.push({ setting, detail: `${where}: ${parameters.note}` });
    // withCanary()/withShadow() may give a version resources and env of its own; in v2 both belong to the Server the models share.
    const mainUnit = v1.predictors[0].graph._spec;
    if (unit.resources !== mainUnit.resources || unit.env !== mainUnit.env) {
      differences.push({
        setting,
        detail: `${where}: its own ${unit.resources !== mainUnit.resources ? 'resources' : 'env'} have no counterpart on the Model: `
        + 'in v2 they belong to the Server that loads it (SeldonServer serverContainer), and the migrated Model takes the main model\'s memory; '
        + 'give it a Server of its own (and a requirement only that Server advertises) if it needs more',
      });
    }
    models.push(model);
    if (p.shadow) mirror = { model, name: p.name };
    else candidates.push({ model, weight: p.traffic ?? 0, name: p.name });
  }
  if (models.length === 0) return { models, differences };

  const experimentName = `${main.name}-experiment`;
  const mainWeight = v1.predictors[0].traffic ?? 100;
  const experiment = new Experiment(scope, 'Experiment', {
    metadata: { name: experimentName },
    candidates: [
      { target: ExperimentTarget.model(main), weight: mainWeight },
      ...candidates.map(c => ({ target: ExperimentTarget.model(c.model), weight: c.weight })),
    ],
    defaultCandidate: ExperimentTarget.model(main),
    mirror: mirror && { target: ExperimentTarget.model(mirror.model), percent: 100 },
  });
  for (const c of candidates) {
    differences.push({
      setting: 'withCanary()',
      detail: `predictor ${show(c.name)} becomes Model ${show(c.model.name)}, a candidate of Experiment ${show(experimentName)} with weight ${c.weight} beside ${show(main.name)} (weight ${mainWeight}), `
        + `the default: requests to ${show(main.name)} are split by weight once the Experiment is applied`,
    });
  }
  if (mirror) {
    differences.push({
      setting: 'withShadow()',
      detail: `predictor ${show(mirror.name)} becomes Model ${show(mirror.model.name)}, the mirror of Experiment ${show(experimentName)} at 100%: it receives a copy of every request to ${show(main.name)} and its responses are discarded, as v1's shadow`,
    });
  }
  return { models, experiment, differences };
}
