/**
 * What the API server checks of a custom resource's metadata. A CRD's schema
 * leaves metadata to the API server (apiextensions-apiserver's
 * customResourceStrategy.Validate, ValidateObjectMetaAccessor): the name is a
 * DNS-1123 subdomain, required unless `generateName` asks the server for one;
 * the namespace is a DNS-1123 label.
 */
import { describeValue } from './error-reasons';
import { isObject } from './json';
import { DNS_1123_LABEL, DNS_1123_SUBDOMAIN, NameRule } from '../names';

/** A reason the API server refuses `value`'s metadata, with its JSON pointer; the first one only, as kubectl shows. */
export function objectMetaProblem(value: { readonly [key: string]: unknown }): { path: string; reason: string } | undefined {
  const metadata = value.metadata;
  if (metadata === undefined) return { path: '/metadata', reason: 'is missing; the API server requires metadata.name' };
  // Every CRD's schema declares metadata an object, and says so itself.
  if (!isObject(metadata)) return undefined;
  const { name, namespace, generateName } = metadata;
  if (name === undefined) {
    if (typeof generateName === 'string' && generateName !== '') return undefined;
    return { path: '/metadata/name', reason: 'is missing; the API server requires a name (or generateName)' };
  }
  if (typeof name !== 'string') return { path: '/metadata/name', reason: `must be a string, got ${describeValue(name)}` };
  if (!DNS_1123_SUBDOMAIN.check(name)) return { path: '/metadata/name', reason: invalid(name, DNS_1123_SUBDOMAIN) };
  if (namespace === undefined) return undefined;
  if (typeof namespace !== 'string') return { path: '/metadata/namespace', reason: `must be a string, got ${describeValue(namespace)}` };
  if (!DNS_1123_LABEL.check(namespace)) return { path: '/metadata/namespace', reason: invalid(namespace, DNS_1123_LABEL) };
  return undefined;
}

function invalid(name: string, rule: NameRule): string {
  return `${describeValue(name)} is not valid; ${rule.accepted}`;
}
