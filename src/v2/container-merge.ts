/**
 * How a Server's container overrides render and merge onto the ServerConfig's
 * containers (SELDON-FACTS §2.4: scalars and map keys replace, lists append).
 */

import { k8s } from 'cdk8s-plus-27';
import { show } from '../errors';
import { ContainerOverride } from './container-override';
import { mergoMerge } from './operator/pod-spec-merge';
import { quantityValue } from './quantity';
import { renderResources, resourceProblems } from '../k8s/container-resources';
import { ENV_NAME, envValueProblem, renderEnv } from '../k8s/env';

/** A resource amount per resource name, the shape of `requests` and `limits`. */
export interface ResourceAmounts {
  readonly requests: Record<string, string | number>;
  readonly limits: Record<string, string | number>;
}

const IMAGE = /^[^\s]+$/;

/** Renders an override as a container named `name`, or undefined if it changes nothing. */
export function renderOverride(name: string, override: ContainerOverride | undefined): k8s.Container | undefined {
  if (!override) return undefined;
  const resources = renderResources(override.resources);
  const gpu = override.gpu && !override.gpu.problem ? override.gpu.toLimits() : undefined;
  let merged: k8s.ResourceRequirements | undefined = resources;
  if (gpu) {
    const limits: Record<string, k8s.Quantity> = { ...(resources?.limits ?? {}) };
    for (const [key, count] of Object.entries(gpu)) limits[key] = k8s.Quantity.fromNumber(count);
    merged = { ...(resources ?? {}), limits };
  }
  const env = renderEnv(override.env);
  if (override.image === undefined && merged === undefined && env.length === 0) return undefined;
  return { name, image: override.image, resources: merged, env: env.length ? env : undefined };
}

/** Problems of one override, each as `[problem, accepted]`, with the field prefix `field`. */
export function overrideProblems(field: string, override: ContainerOverride | undefined,
  reservedEnv: readonly string[] = []): Array<[string, string, string]> {
  if (!override) return [];
  const problems: Array<[string, string, string]> = [];
  if (override.image !== undefined && !IMAGE.test(override.image)) {
    problems.push([`${field}.image`, `${show(override.image)} is not an image reference`, 'an image reference without spaces is accepted, e.g. seldonio/mlserver:1.3.4']);
  }
  for (const p of resourceProblems(override.resources)) {
    problems.push([`${field}.resources`, p, 'requests at most the limits, amounts above zero']);
  }
  if (override.gpu?.problem) problems.push([`${field}.gpu`, override.gpu.problem, 'Gpu.nvidia(1), Gpu.amd(1) or Gpu.of("<domain>/<name>", n)']);
  for (const [name, value] of Object.entries(override.env ?? {})) {
    // The operator copies a literal value into the pod spec, and the library writes it into the resource: no credential.
    const problem = envValueProblem(name, (value as { value?: unknown } | undefined)?.value);
    if (problem) problems.push([`${field}.env[${show(name)}]`, ...problem]);
    if (!ENV_NAME.test(name)) {
      problems.push([`${field}.env[${show(name)}]`, 'is not a valid environment variable name', 'letters, digits, "_", "-" and ".", not starting with a digit']);
    } else if (reservedEnv.includes(name)) {
      problems.push([`${field}.env[${show(name)}]`, 'is set by the operator from the Server\'s capabilities and would be overwritten', 'set capabilities or extraCapabilities instead']);
    }
  }
  return problems;
}

/** The requests and limits an override sets, as plain amounts. */
export function overrideAmounts(override: ContainerOverride | undefined): ResourceAmounts {
  const rendered = renderOverride('x', override)?.resources;
  return {
    requests: Object.fromEntries(Object.entries(rendered?.requests ?? {}).map(([k, q]) => [k, q.value])),
    limits: Object.fromEntries(Object.entries(rendered?.limits ?? {}).map(([k, q]) => [k, q.value])),
  };
}

/**
 * The requests and limits once `override` is merged onto `base` by the
 * operator model's merge (operator/pod-spec-merge.ts, mergo with override:
 * amount by amount).
 */
export function mergedAmounts(base: ResourceAmounts | undefined, override: ResourceAmounts): ResourceAmounts {
  const merged = mergoMerge({ requests: base?.requests ?? {}, limits: base?.limits ?? {} }, { requests: override.requests, limits: override.limits });
  return { requests: merged.requests, limits: merged.limits };
}

/**
 * The requests that exceed their limits once `override` is merged onto
 * `base`, as the operator merges them; each as a sentence. `source` names
 * what `base` comes from: a Server's ServerConfig, or a runtime's SeldonConfig
 * (the operator merges a runtime override's containers the same way:
 * reconcilers/common/patch_utils.go MergeContainers).
 */
export function mergedResourceProblems(base: ResourceAmounts, override: ResourceAmounts, source = 'ServerConfig'): string[] {
  const { requests, limits } = mergedAmounts(base, override);
  const problems: string[] = [];
  for (const [resource, request] of Object.entries(requests)) {
    const limit = limits[resource];
    // both from the override: resourceProblems() already reports it
    if (limit === undefined || (resource in override.requests && resource in override.limits)) continue;
    const r = quantityValue(request);
    const l = quantityValue(limit);
    if (r === undefined || l === undefined || r <= l) continue;
    const requestFrom = resource in override.requests ? 'set here' : `from the ${source}`;
    const limitFrom = resource in override.limits ? 'set here' : `from the ${source}`;
    problems.push(`${resource} request ${request} (${requestFrom}) is greater than the ${resource} limit ${limit} (${limitFrom}) once the operator merges this override onto the ${source}'s container, so Kubernetes would reject the pod`);
  }
  return problems;
}
