import { show } from '../errors';

/**
 * Kubernetes rules for label and annotation keys and label values
 * (apimachinery validation: qualified names, label values), with the
 * sentences error messages use.
 */

const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const LABEL_KEY_ACCEPTED = 'a key such as "team" or "example.com/team" is accepted: an optional DNS subdomain prefix and "/", '
  + 'then at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
export const LABEL_VALUE_ACCEPTED = 'a label value is accepted: empty, or at most 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit';

/** Why `key` is not a label or annotation key, if it is not. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = typeof key === 'string' ? key.split('/') : [];
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  const ok = parts.length >= 1 && parts.length <= 2
    && name !== undefined && name.length <= 63 && NAME_PART.test(name)
    && (prefix === undefined || (prefix.length <= 253 && PREFIX.test(prefix)));
  return ok ? undefined : `key ${show(key)} is not a qualified name`;
}

/**
 * Why `key` is not an annotation key, if it is not: a qualified name once lower-cased, as the API server checks
 * annotation keys (apimachinery ValidateAnnotations), so `Example.com/team` is one.
 */
export function annotationKeyProblem(key: string): string | undefined {
  return typeof key === 'string' && labelKeyProblem(key.toLowerCase()) === undefined ? undefined : `key ${show(key)} is not a qualified name`;
}

/** Why `value` is not a label value, if it is not. */
export function labelValueProblem(value: string): string | undefined {
  if (typeof value !== 'string') return `value ${show(value)} is not a string`;
  return value === '' || (value.length <= 63 && NAME_PART.test(value)) ? undefined : `value ${show(value)} is not a label value`;
}

/** Every problem of a label map (`values`), or of an annotation map: [key, problem, accepted]. */
export function labelMapProblems(labels: { [key: string]: string } | undefined, values: boolean): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyIssue = values ? labelKeyProblem(key) : annotationKeyProblem(key);
    if (keyIssue) found.push([key, keyIssue, LABEL_KEY_ACCEPTED]);
    const valueIssue = values ? labelValueProblem(value) : (typeof value === 'string' ? undefined : `value ${show(value)} is not a string`);
    if (valueIssue) found.push([key, valueIssue, values ? LABEL_VALUE_ACCEPTED : 'a string value']);
  }
  return found;
}

/** The labels without `key` (the same map when it has none; undefined when nothing is left). */
export function withoutLabel(labels: { [key: string]: string } | undefined, key: string): { [key: string]: string } | undefined {
  if (labels === undefined || !Object.prototype.hasOwnProperty.call(labels, key)) return labels;
  const rest = { ...labels };
  delete rest[key];
  return Object.keys(rest).length > 0 ? rest : undefined;
}
