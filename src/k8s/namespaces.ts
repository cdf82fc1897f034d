import { Resource } from 'cdk8s-plus-27';
import { show } from '../errors';

/**
 * A pod reads Secrets, PersistentVolumeClaims and ServiceAccounts of its own
 * namespace only: a reference to one in another namespace is accepted by
 * kubectl and the pod then never starts (FailedMount, "serviceaccount not
 * found"). An imported reference (`Secret.fromSecretName`) has no namespace
 * and resolves in the pod's; only references whose namespace is known and
 * differs are refused.
 */

const BY_NAME: Record<string, string> = {
  Secret: 'Secret.fromSecretName()',
  PersistentVolumeClaim: 'PersistentVolumeClaim.fromClaimName()',
  ServiceAccount: 'ServiceAccount.fromServiceAccountName()',
};

/** The namespace a referenced object declares, if it declares one (cdk8s-plus resources and ApiObjects). */
export function namespaceOf(ref: unknown): string | undefined {
  const metadata = (ref as { metadata?: { namespace?: unknown } } | undefined)?.metadata;
  return typeof metadata?.namespace === 'string' ? metadata.namespace : undefined;
}

/** The problem and what is accepted when `ref` (a `what`) lives in another namespace than its user, else undefined. */
export function crossNamespaceProblem(what: string, ref: unknown, userNamespace: string | undefined): [string, string] | undefined {
  const theirs = namespaceOf(ref);
  if (theirs === undefined || userNamespace === undefined || theirs === userNamespace) return undefined;
  const name = (ref as { name?: unknown }).name;
  // The construct's path as well as the object's name: in an app of many charts, the path says which construct to move.
  const path = (ref as { node?: { path?: unknown } }).node?.path;
  const which = typeof path === 'string' && path !== '' ? `'${path}' (${show(name)})` : show(name);
  return [`is ${what} ${which} in namespace ${show(theirs)}, but the pod using it runs in namespace ${show(userNamespace)}; a pod reads only its own namespace's ${what}s`,
    `a ${what} in namespace ${show(userNamespace)}, or one referenced by name (${BY_NAME[what] ?? 'by name'}), which resolves in the pod's namespace`];
}

/**
 * Whether `namespaceOf(ref)` cannot answer differently later: a cdk8s-plus-27 resource whose `metadata` is
 * cdk8s-plus's own accessor, its ApiObject's metadata, whose `namespace` is a readonly field set when the object
 * is made. Any other reference (an imported one, another cdk8s-plus line's, a user's object) is read again.
 */
export function namespaceFixed(ref: unknown): boolean {
  if (!(ref instanceof Resource) || Object.prototype.hasOwnProperty.call(ref, 'metadata')) return false;
  for (let proto = Object.getPrototypeOf(ref); proto !== Resource.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.prototype.hasOwnProperty.call(proto, 'metadata')) return false;
  }
  return true;
}
