/**
 * Objects the cluster refuses as written, besides what Seldon v1's webhook
 * rejects (./webhook.ts): the converter reports each as an error quoting the
 * rule instead of converting it, for every kind alike.
 * - Kubernetes: an object's name is a DNS-1123 subdomain (a Namespace's a DNS-1123
 *   label) and its namespace a DNS-1123 label (apimachinery ValidateObjectMeta; for
 *   custom resources apiextensions-apiserver's validator.go, NameIsDNSSubdomain);
 * - Kubernetes: an object of a Seldon kind is valid under its CRD's schema (required
 *   fields, types, patterns), which the API server checks on create (unknown fields
 *   are pruned, not refused, so they are no error here);
 * - Seldon v2's scheduler: Model and Pipeline names match `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
 *   (scheduler/pkg/store/utils/validate.go CheckName, used by memory.go and
 *   pipeline/validate.go@v2.10.2); no pipeline step is named like its pipeline and every
 *   step input and output names a step (pipeline/validate.go checkStepNameNotPipelineName,
 *   checkStepReferencesExist); an Experiment has a candidate or a mirror and its default
 *   is a candidate (experiment/validate.go validateHasCandidateOrMirror,
 *   validateDefaultModelIsCandidate);
 * - Seldon v2's agent: a Model's explainer names the model or pipeline it explains
 *   (scheduler/pkg/agent/repository/mlserver/mlserver.go setExtraParameters@v2.10.2
 *   dereferences the reference unchecked: the agent crashes on an explainer with neither);
 * - Seldon v2's operator: a Server's replica Services are named `<server>-<i>`
 *   (operator/controllers/reconcilers/server/service_reconciler.go toServices), and a
 *   Service name is a DNS-1035 label, so Kubernetes refuses them for a name with `.`.
 */
import { formatProblem, maskCredentials, show, showObject } from '../errors';
import { isObject, Json } from '../graph/manifests';
import { DNS_1035_LABEL_RULE, DNS_1123_LABEL, DNS_1123_SUBDOMAIN } from '../names';
import { SELDON_V2_NAME } from '../v2/v2-names';
import { bundledRegistry, CrdSchemaRegistry, CrdValidator } from '../validation';

let validator: CrdValidator | undefined;
const registry = (): CrdSchemaRegistry => (schemas ??= bundledRegistry());
let schemas: CrdSchemaRegistry | undefined;

/** The problems that make the cluster refuse `value`; `where` names it (`file#doc name`). */
export function rejectedProblems(value: Json, where: string): string[] {
  const found: string[] = [];
  const kind = String(value.kind);
  // The manifest's own text may hold a URL with user info anywhere (a validator's reason quotes values too): never echoed.
  const report = (field: string, problem: string, rule: string, accepted: string) =>
    found.push(maskCredentials(formatProblem(kind, where, field, `${problem} ("${rule}")`, accepted)));
  const metadata = value.metadata as Json;
  const name = String(metadata.name);
  const nameRule = kind === 'Namespace' && value.apiVersion === 'v1' ? DNS_1123_LABEL : DNS_1123_SUBDOMAIN;
  if (!nameRule.check(name)) report('metadata.name', `${show(name)} is not a valid Kubernetes name`, 'the API server refuses the object', nameRule.accepted);
  if (metadata.namespace !== undefined && (typeof metadata.namespace !== 'string' || !DNS_1123_LABEL.check(metadata.namespace))) {
    report('metadata.namespace', `${showObject(metadata.namespace)} is not a namespace name`, 'the API server refuses the object', DNS_1123_LABEL.accepted);
  }
  if (found.length) return found;
  if (value.apiVersion === 'v1' && kind === 'Secret') secretProblems(value, report);
  const group = String(value.apiVersion).split('/')[0];
  if (group !== 'machinelearning.seldon.io' && group !== 'mlops.seldon.io') return found;
  validator ??= new CrdValidator(registry());
  for (const issue of validator.validateObject(value).errors) {
    if (issue.category === 'unknown-kind') {
      const resources = registry().entries.filter(e => e.group === group).map(e => `${e.kind} ${e.version}`).sort();
      report('apiVersion', `${show(value.apiVersion)} with kind ${show(kind)} is no resource Seldon serves`, 'the API server has no such resource', `one of: ${resources.join(', ')}`);
    } else if (issue.category === 'schema') {
      report(issue.path.slice(1).replace(/\//g, '.') || '(object)', issue.reason, 'the API server validates it against Seldon\'s CRD', 'what the CRD\'s schema allows');
    }
  }
  if (found.length || group !== 'mlops.seldon.io') return found;
  const spec = isObject(value.spec) ? value.spec : {};
  if ((kind === 'Model' || kind === 'Pipeline') && !SELDON_V2_NAME.check(name)) {
    report('metadata.name', `${show(name)} is refused by Seldon's scheduler`, 'scheduler/pkg/store/utils/validate.go CheckName',
      'lower-case letters, digits and "-", starting and ending with a letter or digit');
  }
  if (kind === 'Model' && isObject(spec.explainer) && spec.explainer.modelRef === undefined && spec.explainer.pipelineRef === undefined) {
    report('spec.explainer', 'names neither modelRef nor pipelineRef; Seldon\'s agent crashes when it loads such an explainer, with every model on that server replica',
      'scheduler/pkg/agent/repository/mlserver/mlserver.go setExtraParameters', 'modelRef or pipelineRef');
  }
  if (kind === 'Pipeline') pipelineProblems(name, spec, report);
  if (kind === 'Experiment') experimentProblems(spec, report);
  if (kind === 'Server' && !DNS_1035_LABEL_RULE.check(`${name}-0`)) {
    report('metadata.name', `${show(name)} names the Server's replica Services "${name}-0", ..., which are no valid Service names`,
      'operator service_reconciler.go toServices', 'lower-case letters, digits and "-", starting with a letter (a DNS-1035 label with the replica suffix)');
  }
  return found;
}

type Report = (field: string, problem: string, rule: string, accepted: string) => void;

/** A Secret's `data` and `stringData` map keys to strings (map[string][]byte, map[string]string): any other value is refused. */
function secretProblems(secret: Json, report: Report): void {
  for (const field of ['data', 'stringData']) {
    const values = secret[field];
    if (values === undefined || values === null) continue;
    if (!isObject(values)) {
      report(field, 'is not a map of strings', 'the API server refuses the Secret', 'keys and string values');
      continue;
    }
    for (const [key, v] of Object.entries(values)) {
      // Written unquoted, a numeric password is a number here: its value is a credential, never shown. A null (an
      // empty Helm value) decodes to an empty string, as Go's JSON decoding leaves a null string at its zero value.
      if (typeof v !== 'string' && v !== null) report(`${field}[${show(key)}]`, `is a ${typeof v}, not a string (value not shown)`, 'the API server refuses the Secret', 'quote the value');
    }
  }
}

function pipelineProblems(name: string, spec: Json, report: Report): void {
  const steps = (Array.isArray(spec.steps) ? spec.steps : []).filter(isObject);
  // A name or reference that is no string (a map, a list) matches none: the CRD check reports its type.
  const names = steps.map(s => s.name).filter((n): n is string => typeof n === 'string');
  const stepOf = (ref: unknown) => (typeof ref === 'string' ? ref.split('.')[0] : undefined);
  steps.forEach((step, i) => {
    if (step.name === name) report(`spec.steps[${i}].name`, `${show(name)} is the pipeline's own name`, 'scheduler pipeline/validate.go checkStepNameNotPipelineName', 'a step name other than the pipeline\'s');
    (Array.isArray(step.inputs) ? step.inputs : []).forEach((input, j) => {
      if (!names.includes(stepOf(input)!) && stepOf(input) !== name) {
        report(`spec.steps[${i}].inputs[${j}]`, `${showObject(input)} names no step of the pipeline`, 'scheduler pipeline/validate.go checkStepReferencesExist', `a step (${names.join(', ')}) or the pipeline's inputs`);
      }
    });
  });
  const output = isObject(spec.output) && Array.isArray(spec.output.steps) ? spec.output.steps : [];
  output.forEach((ref, j) => {
    if (!names.includes(stepOf(ref)!)) {
      report(`spec.output.steps[${j}]`, `${showObject(ref)} names no step of the pipeline`, 'scheduler pipeline/validate.go checkStepReferencesExist', `a step: ${names.join(', ')}`);
    }
  });
}

function experimentProblems(spec: Json, report: Report): void {
  const candidates = (Array.isArray(spec.candidates) ? spec.candidates : []).filter(isObject).map(c => c.name);
  if (candidates.length === 0 && !isObject(spec.mirror)) {
    report('spec.candidates', 'is empty and there is no mirror', 'scheduler experiment/validate.go validateHasCandidateOrMirror', 'at least one candidate, or a mirror');
  } else if (spec.default !== undefined && !candidates.includes(spec.default)) {
    report('spec.default', `${showObject(spec.default)} is no candidate`, 'scheduler experiment/validate.go validateDefaultModelIsCandidate', `one of the candidates: ${candidates.join(', ')}`);
  }
}
