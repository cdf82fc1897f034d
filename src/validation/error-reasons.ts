/** Ajv's errors as `{ path, reason }` pairs that say what was found and what is accepted. */
import { ErrorObject } from 'ajv';
import { isObject } from './json';
import { isCredentialName } from '../credentials/names';
import { maskCredentials } from '../credentials/text';

/** Renders a value for a reason: scalars as written (credentials in them masked), containers by type. */
export function describeValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  // JSON.stringify writes null for the numbers JSON lacks.
  const text = typeof value === 'number' && !Number.isFinite(value) ? String(value) : maskCredentials(JSON.stringify(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Whether the value at `pointer` may be a credential: a field named like one (`password`, `token`), or the value of
 * an entry whose `name` is (`env: [{ name: DB_PASSWORD, value: ... }]`). Its reasons then give its type only.
 */
function holdsCredential(data: unknown, pointer: string): boolean {
  const tokens = pointer.split('/').slice(1).map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (tokens.some(t => !/^\d+$/.test(t) && isCredentialName(t))) return true;
  const parent = valueAt(data, pointer.slice(0, pointer.lastIndexOf('/')));
  return isObject(parent) && typeof parent.name === 'string' && isCredentialName(parent.name);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return TYPE_NAMES[typeof value] ?? typeof value;
}

const TYPE_NAMES: { [type: string]: string } = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = current[token];
    else return undefined;
  }
  return current;
}

/** A JSON pointer's token for `token` (RFC 6901: `~` and `/` escaped). */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Turns Ajv errors into `{ path, reason }` pairs a user can act on. */
export function describeErrors(errors: readonly ErrorObject[], data: unknown): { path: string; reason: string }[] {
  // Errors inside anyOf/oneOf branches only explain why the junctor failed;
  // fold them into its reason rather than listing each branch's failure.
  const junctors = errors.filter(e => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const branchOf = (e: ErrorObject): ErrorObject | undefined =>
    junctors.find(j => j !== e && e.schemaPath.startsWith(`${j.schemaPath}/`));

  const result: { path: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (branchOf(error)) continue;
    let path = error.instancePath;
    let reason: string;
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const branches = errors.filter(e => branchOf(e) === error)
        .map(e => `${e.instancePath === path ? '' : `${e.instancePath.slice(path.length)} `}${reasonFor(e, data)}`);
      reason = `${error.message ?? `must match the ${error.keyword} schemas`}${branches.length > 0 ? ` (${[...new Set(branches)].join('; ')})` : ''}`;
    } else if (error.keyword === 'additionalProperties') {
      path = `${path}/${escapePointer(String(error.params.additionalProperty))}`;
      reason = reasonFor(error, data);
    } else {
      reason = reasonFor(error, data);
    }
    const key = `${path}\u0000${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ path, reason });
  }
  return result;
}

function reasonFor(error: ErrorObject, data: unknown): string {
  const value = valueAt(data, error.instancePath);
  const got = holdsCredential(data, error.instancePath) && !isObject(value) && !Array.isArray(value)
    ? `, got ${typeOf(value)} (not shown: the field may hold a credential)` : `, got ${describeValue(value)}`;
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return `missing required field "${p.missingProperty}"`;
    case 'additionalProperties':
      return `unknown field "${p.additionalProperty}" (not in the CRD schema; strict mode)`;
    case 'type': {
      const types = String(p.type).split(',').map(t => TYPE_NAMES[t] ?? t);
      return `must be ${types.join(' or ')}${got}`;
    }
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map(describeValue).join(', ')}${got}`;
    case 'format':
      return `must be a valid ${p.format}${got}`;
    case 'pattern':
      return `must match ${p.pattern}${got}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${p.comparison} ${p.limit}${got}`;
    case 'x-kubernetes-list-type':
      return error.message ?? 'duplicate list entry';
    default:
      return `${error.message ?? error.keyword}${isObject(value) || Array.isArray(value) ? '' : got}`;
  }
}
