import { show } from '../errors';
import { ModelUri, ModelUriKind } from '../model-uri';
import { CAPABILITY_ACCEPTED, capabilityProblem } from './capabilities';
import { ModelLlm } from './model-llm';
import type { ModelSpec } from '../imports/mlops.seldon.io';

/** The Model fields besides placement and scaling, as `SeldonModelProps` gives them. */
export interface ModelExtrasInput {
  readonly storageUri?: ModelUri;
  readonly llm?: ModelLlm;
  readonly explainer?: unknown;
  readonly logPayloadsPercent?: number;
  readonly schemaUri?: string;
  readonly modelType?: string;
  readonly preloaded?: boolean;
  readonly cleanTopicsOnDelete?: boolean;
  readonly parameters?: { [name: string]: string };
}

/**
 * The `parameters.extra` keys the agent writes for an explainer or an LLM client before it writes the Model's own
 * parameters over them (scheduler/pkg/agent/repository/mlserver/mlserver.go setExtraParameters, then
 * SetExtraParameters; model_repository.go DownloadModelVersion), by the field that makes it write them: each would
 * contradict what the Model declares. `ssl_verify_path`, which the agent writes under TLS only, declares nothing of
 * the Model's: a parameter of that name (a CA bundle of one's own) is taken as meant.
 */
const AGENT_WRITTEN_PARAMETERS: ReadonlyArray<[key: string, what: string, explainerOnly: boolean]> = [
  ['infer_uri', 'the inference URL of the model or pipeline it calls', false],
  ['explainer_type', 'the explainer\'s type', true],
];

/**
 * Schemes users write for model locations that Seldon v2 cannot read: the
 * agent hands the URI to rclone, which takes the text before the first ":"
 * as the name of a configured remote (SELDON-FACTS §2.9), so `hf://org/model`
 * asks for a remote named `hf` and fails at load time.
 */
const UNREADABLE_SCHEMES: Readonly<Record<string, string>> = {
  hf: 'Hugging Face Hub URIs are read by KServe and Seldon v1\'s storage initializer, not by the v2 agent',
  oci: 'OCI image (modelcar) URIs are a KServe feature',
  http: 'a web address is not an rclone remote',
  https: 'a web address is not an rclone remote',
};
const V2_LOCATIONS = 'Seldon v2 reads models through rclone: gs://<bucket>/<path>, s3://<bucket>/<path>, <remote>:<path> for a remote of an RcloneSecret '
  + '(e.g. an rclone "http" remote with url=https://host for web files: web:<path>), or a local path where a SeldonServer mounts a claim';

/** Problems of the fields above: [field, problem, accepted] (accepted is part of a value object's own sentence when undefined). */
export function modelExtrasProblems(props: ModelExtrasInput): Array<[string, string, string | undefined]> {
  const found: Array<[string, string, string | undefined]> = [];
  const uri = props.storageUri instanceof ModelUri ? props.storageUri : undefined;
  const remote = uri?.kind === ModelUriKind.RCLONE_REMOTE ? uri.remoteName : undefined;
  // `<remote>://`, tested without building that string for every model
  if (uri !== undefined && remote !== undefined && uri.uri.startsWith(remote) && uri.uri.startsWith('://', remote.length)) {
    const why = UNREADABLE_SCHEMES[remote.toLowerCase()];
    if (why) found.push(['storageUri', `${show(uri.uri)} cannot be read by Seldon v2: ${why}, and rclone would look for a remote named ${show(remote)}`, V2_LOCATIONS]);
  }
  if (props.llm !== undefined) {
    if (!(props.llm instanceof ModelLlm)) found.push(['llm', `${show(props.llm)} is not a ModelLlm`, 'ModelLlm.forModel(model), ModelLlm.forModelName(name) or ModelLlm.forPipelineName(name)']);
    else if (props.llm.problem) found.push(['llm', props.llm.problem, undefined]); // the sentence ends with what is accepted
    if (props.explainer !== undefined) {
      found.push(['llm', 'is set together with explainer; the operator refuses the Model ("Can\'t have both explainer and llm in model spec.", model_types.go)', 'either llm or explainer']);
    }
  }
  const calling = props.explainer !== undefined ? 'explainer' : props.llm !== undefined ? 'llm' : undefined;
  for (const [key, what, explainerOnly] of calling === undefined ? [] : AGENT_WRITTEN_PARAMETERS) {
    if (props.parameters?.[key] === undefined || (explainerOnly && calling !== 'explainer')) continue;
    found.push([`parameters[${show(key)}]`, `would replace ${what}, which the agent writes into the model's settings from ${calling} before it writes the parameters `
      + 'over it (scheduler/pkg/agent/repository/mlserver/mlserver.go setExtraParameters, SetExtraParameters)', `no ${key} parameter: set ${calling} instead`]);
  }
  const pct = props.logPayloadsPercent;
  if (pct !== undefined && !(Number.isInteger(pct) && pct >= 1 && pct <= 100)) {
    found.push(['logPayloadsPercent', `${show(pct)} is not a percentage from 1 to 100${pct === 0 ? ' (any logger switches payload logging on, so 0 would log)' : ''}`,
      'a whole number from 1 to 100, or leave it out to log no payloads']);
  }
  if (props.schemaUri !== undefined && (typeof props.schemaUri !== 'string' || !/^\S+$/.test(props.schemaUri))) {
    found.push(['schemaUri', `${show(props.schemaUri)} is not a URI`, 'a location without spaces, e.g. gs://bucket/model/schema.json']);
  }
  if (props.modelType !== undefined) {
    const issue = capabilityProblem(props.modelType);
    if (issue) found.push(['modelType', issue, `${CAPABILITY_ACCEPTED} (the operator adds modelType to the requirements)`]);
  }
  return found;
}

/** The rendered fields; undefined ones are left out. */
export function renderModelExtras(props: ModelExtrasInput): Pick<ModelSpec, 'llm' | 'logger' | 'schemaUri' | 'modelType' | 'preloaded' | 'dataflow'> {
  return {
    llm: props.llm ? { modelRef: props.llm.modelRef, pipelineRef: props.llm.pipelineRef } : undefined,
    logger: props.logPayloadsPercent === undefined ? undefined : { percent: props.logPayloadsPercent },
    schemaUri: props.schemaUri,
    modelType: props.modelType,
    preloaded: props.preloaded,
    dataflow: props.cleanTopicsOnDelete === undefined ? undefined : { cleanTopicsOnDelete: props.cleanTopicsOnDelete },
  };
}
