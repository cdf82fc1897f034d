/**
 * What Seldon's operators will create from Seldon resources: one entry point
 * over the v1 and v2 operator models, for the library's output and for any
 * Seldon YAML.
 */
import { withSeldonConfig } from './seldon-config';
import { maskCredentials } from '../errors';
import { Json } from '../k8s/json';
import { DNS_1035_LABEL_RULE, DNS_1123_SUBDOMAIN } from '../names';
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

/** A manifest's value for a message: a string as written, anything else by its type (a map where a name belongs). */
function text(value: unknown): string {
  return typeof value === 'string' ? value : `(${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value})`;
}

function identity(object: Json): string {
  const ns = object.metadata?.namespace;
  const name = object.metadata?.name;
  return `${text(object.kind)} ${ns ? `${text(ns)}/` : ''}${name === undefined || name === null || name === '' ? '(unnamed)' : text(name)}`;
}

const apiVersionOf = (object: Json): string => (typeof object.apiVersion === 'string' ? object.apiVersion : '');

let validator: CrdValidator | undefined;

/**
 * The first reason the API server would refuse a Seldon object (its metadata, its CRD schema, a version Seldon does not serve);
 * the operators only ever see objects it admitted, and their models read only such objects.
 */
function refusal(object: Json): string | undefined {
  const group = apiVersionOf(object).split('/')[0];
  if (group !== 'machinelearning.seldon.io' && group !== 'mlops.seldon.io') return undefined;
  validator ??= new CrdValidator(bundledRegistry());
  const first = validator.validateObject(object).errors[0];
  if (first !== undefined) return `not previewed: the API server would refuse it (${first.path || '/'}: ${first.reason})`;
  // Admitted with generateName only: the name is made on create, and the operators name what they make after it.
  const name = object.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    return 'not previewed: the API server generates its name from metadata.generateName, and the operator names what it makes after that name; '
      + 'give it a metadata.name to preview it';
  }
  return undefined;
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
  const owners = new Map<Json, string>();
  for (const object of admitted) {
    if (object.kind === 'SeldonDeployment' && apiVersionOf(object).startsWith('machinelearning.seldon.io/')) {
      const preview = previewSeldonDeployment(object, v1);
      out.push(...preview.objects);
      for (const made of preview.objects) owners.set(made, identity(object));
      problems.push(...preview.problems.map(p => `${identity(object)}: ${p}`));
    }
  }
  const v2 = previewServers(admitted);
  out.push(...v2.objects);
  problems.push(...v2.problems);
  problems.push(...refusedNames(out, owners));
  problems.push(...repeatedNames(admitted, out, owners));
  // The problems name objects and quote values (an image, a URI) as written: a URL's user info is masked.
  return { objects: out, problems: problems.map(maskCredentials) };
}

/**
 * Objects the operators would make under a name the API server refuses: the operators do not check the names they
 * derive (a SeldonDeployment named with a dot makes Services with a dot), so the reconcile fails on the create.
 */
function refusedNames(made: readonly Json[], owners: ReadonlyMap<Json, string>): string[] {
  const found: string[] = [];
  for (const o of made) {
    const name = o.metadata?.name;
    // A Service's name becomes a DNS label in the cluster's domain (ValidateServiceName: a DNS-1035 label).
    const rule = o.kind === 'Service' ? DNS_1035_LABEL_RULE : DNS_1123_SUBDOMAIN;
    if (typeof name === 'string' && !rule.check(name)) {
      found.push(`${identity(o)} made for ${owners.get(o) ?? 'the v2 operator'}: the API server would refuse it (/metadata/name: ${JSON.stringify(name)} is not valid; ${rule.accepted})`);
    }
  }
  return found;
}

/**
 * Objects the operators would make under a name another one has (made, or among the objects applied): the operator
 * then replaces the other one on every reconcile, or fails to create its own.
 */
function repeatedNames(applied: readonly Json[], made: readonly Json[], owners: ReadonlyMap<Json, string>): string[] {
  const key = (o: Json) => `${apiVersionOf(o).split('/').slice(0, -1).join('/') || 'core'}/${text(o.kind)}\u0000${text(o.metadata?.namespace ?? '')}\u0000${text(o.metadata?.name)}`;
  const first = new Map<string, string>();
  for (const o of applied) first.set(key(o), `${identity(o)} of the objects applied`);
  const found: string[] = [];
  for (const o of made) {
    const k = key(o);
    const mine = owners.get(o) ?? 'the v2 operator';
    const other = first.get(k);
    if (other === undefined) first.set(k, `${identity(o)} made for ${mine}`);
    else found.push(`${identity(o)} made for ${mine}: its name is also ${other}; the operator would replace the other one on every reconcile or fail to create its own`);
  }
  return found;
}
