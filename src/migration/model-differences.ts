import { migratedParameters } from './migrated-parameters';
import { MigrationDifference } from './migration-difference';
import { productionDifferences } from './production-differences';
import { show } from '../errors';
import { ModelParameterType } from '../v1/model-parameter';
import { PrepackagedModel } from '../v1/prepackaged-model';
import { SeldonProtocol } from '../v1/protocol';

/** What the v2 artifact folder needs beyond v1's, per server (agent/repository/mlserver/settings.go writes model-settings.json for the others). */
const ARTIFACT_FOLDERS: Readonly<Record<string, string>> = {
  HUGGINGFACE_SERVER: 'the v2 agent writes no model-settings.json for huggingface: the storageUri folder must hold one with '
    + '"implementation": "mlserver_huggingface.HuggingFaceRuntime"; the Model\'s parameters (task, pretrained_model) reach it as parameters.extra',
  MLFLOW_SERVER: 'v1\'s MLFlowServer created the model\'s conda environment when it started; v2\'s MLServer installs nothing: ship the dependencies as an '
    + 'environment tarball (model-settings.json parameters.environment_tarball) or in a custom server image',
};

/** The agent that writes the Model's parameters (migrated-parameters.ts `parametersAgent`), and the name of the server it is pinned to. */
export interface ParametersTarget {
  readonly agent: 'triton' | 'mlserver' | 'unknown';
  readonly server?: string;
}

/** The settings of v1 model `v1` that its v2 Model `modelName` (of `requirements`) does not carry over as they were. */
export function modelDifferences(v1: PrepackagedModel, modelName: string, requirements: readonly string[],
  target: ParametersTarget): MigrationDifference[] {
  const differences: MigrationDifference[] = [];
  const note = (setting: string, detail: string) => differences.push({ setting, detail });
  const unit = v1.predictors[0].graph._spec;
  const protocol = v1.protocol;
  if (protocol !== SeldonProtocol.V2 && protocol !== SeldonProtocol.KFSERVING) {
    note('protocol', `v1 served the ${protocol ?? 'seldon'} protocol${protocol === undefined ? ' (the operator\'s default)' : ''}; Seldon Core v2 speaks only the Open Inference (V2) protocol, so clients must send V2 requests (/v2/models/${modelName}/infer)`);
  }
  note('predictorName', `the v1 Services ${v1.name}-${v1.predictorName} and ${v1.name}-${v1.predictorName}-${v1.graphName} have no counterpart: v2 models are reached through the Seldon Core v2 inference gateway by model name (${show(modelName)})`);
  for (const d of productionDifferences(v1)) note(d.setting, d.detail);
  note('server', `${v1.server.implementation} becomes requirements [${requirements.join(', ')}]; the v2 server (MLServer or Triton) loads the artifact folder its own way `
    + '(MLServer from model-settings.json, Triton from a model repository with config.pbtxt), which this library cannot see: check the folder before switching traffic');
  if (v1.explicitStorageInitializer) {
    note('explicitStorageInitializer', 'v2 has no storage initializer: the rclone container of the Server pod downloads models, so the declared init container, its image, resources and hardening have no counterpart');
  }
  if (unit.storageInitializerImage !== undefined) {
    note('storageInitializerImage', `${show(unit.storageInitializerImage)} has no counterpart: the Server's rclone container downloads models (override it with SeldonServer rcloneContainer)`);
  }
  if (unit.image !== undefined) {
    note('image', `${show(unit.image)} is not carried over: a v1 server image does not run as a v2 Server. Set a v2 server image on a SeldonServer (image, imageCapability) and require that capability`);
  }
  if (unit.resources !== undefined) {
    note('resources', 'container resources belong to the Server in v2 (SeldonServer serverContainer.resources); what the model itself needs is the Model\'s memory');
  }
  if (unit.env !== undefined && Object.keys(unit.env).length > 0) {
    note('env', `${Object.keys(unit.env).join(', ')}: environment variables of the server container belong to the Server in v2 (SeldonServer serverContainer.env)`);
  }
  const names = unit.parameters.map(x => x.name).join(', ');
  if (target.agent === 'unknown' && unit.parameters.length > 0) {
    note('parameters', `${names} are given to the Model, but the agent of Server ${show(target.server)} is unknown here: an MLServer agent writes them into `
      + 'model-settings.json, a Triton agent (SELDON_SERVER_TYPE triton) writes them nowhere: Triton reads the config.pbtxt of the model repository');
  }
  if (target.agent === 'triton' && unit.parameters.length > 0) {
    // triton.go SetExtraParameters does nothing: Triton reads its model's config.pbtxt only.
    note('parameters', `${names} reach no server: the v2 agent gives parameters to MLServer only (model-settings.json), `
      + 'and Triton reads the config.pbtxt of the model repository: put them there (the Model leaves them out)');
  }
  // Under the v2 and kfserving protocols v1 already ran MLServer, which builds no conda environment either.
  const folder = v1.server.implementation === 'MLFLOW_SERVER' && protocol !== undefined && protocol !== SeldonProtocol.SELDON
    ? undefined : ARTIFACT_FOLDERS[v1.server.implementation];
  if (folder !== undefined) note('server', folder);
  const migrated = migratedParameters(v1.server.implementation, protocol, unit.parameters);
  if (migrated.note !== undefined) note('parameters', migrated.note);
  const typed = target.agent === 'triton' ? []
    : unit.parameters.filter(p => p.parameterType !== ModelParameterType.STRING && migrated.parameters?.[p.name] !== undefined);
  if (typed.length > 0) {
    note('parameters', `${typed.map(p => `${p.name} (${p.parameterType})`).join(', ')} become strings: v2 parameters have no type`);
  }
  if (v1.replicas > 1) {
    note('replicas', `${v1.replicas}: v2 places each replica of a model on a different replica of one Server, so that Server needs at least ${v1.replicas} replicas (the mlserver and triton of Seldon's seldon-core-v2-servers chart have 1)`);
  }
  const explainer = v1.predictors[0].explainer;
  if (explainer) {
    note('withExplainer()', `explainer ${explainer.explainerType} is not migrated: a v2 explainer is another SeldonModel with explainer: ModelExplainer.forModel(<type>, model) and its own artifact`);
  }
  return differences;
}
