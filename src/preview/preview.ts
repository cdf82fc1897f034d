/**
 * What Seldon's operators will create from Seldon resources: one entry point
 * over the v1 and v2 operator models, for the library's output and for any
 * Seldon YAML.
 */
import { withSeldonConfig } from './seldon-config';
import { Json } from '../k8s/json';
import { previewSeldonDeployment, V1OperatorConfig, helmOperatorConfig } from '../v1/operator';
import { previewServers } from '../v2/operator';
import { bundledRegistry, CrdValidator } from '../validation';

/** The objects the operators would create, and what would stop them. */
export interface OperatorPreview {
  /** Deployments, Services, HPAs, ScaledObjects, PodDisruptionBudgets (v1); StatefulSets and Services (v2). */
  readonly objects: Json[];
  /** One sentence per reconcile error, naming the resource (`SeldonDeployment ns/name: ...`). */
  readonly problems: string[];
}

/** Options of `previewObjects`. */
export interface PreviewOptions {
  /**
   * The v1 operator's settings.
   * @default - the Helm chart's (Seldon Core 1.18.2), with a ConfigMap `seldon-config` among the objects applied
   */
  readonly v1Operator?: V1OperatorConfig;
}

function identity(object: Json): string {
  const ns = object.metadata?.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ''}${object.metadata?.name ?? '(unnamed)'}`;
}

let validator: CrdValidator | undefined;

/**
 * The first reason the API server would refuse a Seldon object (its CRD schema, a version Seldon does not serve);
 * the operators only ever see objects it admitted, and their models read only such objects.
 */
function refusal(object: Json): string | undefined {
  const group = String(object.apiVersion ?? '').split('/')[0];
  if (group !== 'machinelearning.seldon.io' && group !== 'mlops.seldon.io') return undefined;
  validator ??= new CrdValidator(bundledRegistry());
  const first = validator.validateObject(object).errors[0];
  return first === undefined ? undefined : `not previewed: the API server would refuse it (${first.path || '/'}: ${first.reason})`;
}

/** Previews every SeldonDeployment and Server among `objects`; other objects are only read (ServerConfigs). */
export function previewObjects(objects: readonly Json[], options: PreviewOptions = {}): OperatorPreview {
  const out: Json[] = [];
  const problems: string[] = [];
  // An object the API server refuses never reaches an operator: it is reported, and the others are previewed.
  const admitted = objects.filter(object => {
    const refused = refusal(object);
    if (refused !== undefined) problems.push(`${identity(object)}: ${refused}`);
    return refused === undefined;
  });
  const configured = withSeldonConfig(options.v1Operator ?? helmOperatorConfig(), admitted);
  const v1 = configured.config;
  problems.push(...configured.problems);
  for (const object of admitted) {
    if (object.kind === 'SeldonDeployment' && String(object.apiVersion ?? '').startsWith('machinelearning.seldon.io/')) {
      const preview = previewSeldonDeployment(object, v1);
      out.push(...preview.objects);
      problems.push(...preview.problems.map(p => `${identity(object)}: ${p}`));
    }
  }
  const v2 = previewServers(admitted);
  out.push(...v2.objects);
  problems.push(...v2.problems);
  return { objects: out, problems };
}
