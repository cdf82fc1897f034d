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
}

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
