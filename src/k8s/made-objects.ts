import { ApiObject } from 'cdk8s';

/**
 * Objects an operator makes in the cluster for an object of the app, which
 * the app's manifests never hold: the Services the Seldon v1 operator makes
 * for each predictor and graph node, the Secret the External Secrets Operator
 * makes for an ExternalSecret. Named like another object of their kind and
 * namespace, they meet it in the cluster as two objects of the manifests
 * would, so the app-wide name check (unique-names.ts) counts them too.
 */
export interface MadeObject {
  /** The API group (`core` for the core group) and kind. */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** Who makes it, for messages: `the Seldon operator`. */
  readonly maker: string;
  /** Which one it is, for messages: `the Service of predictor "default"`. */
  readonly role: string;
  /** What happens when another object has its name, for messages. */
  readonly consequence: string;
  /** What gives it another name, for messages: `another name for the SeldonDeployment, the predictor or the node`. */
  readonly remedy: string;
}

/**
 * What an object declares it makes. Most made names are `<the object's name>-<...>`,
 * and such a name can meet another object's only if that one's name starts
 * with `<prefix>-` too, or is a prefix of this one's before a "-": so the check
 * lists an object's made objects (`all()`, which allocates) only when another
 * name of the namespace shares such a prefix, or when `unprefixed` says some
 * made names do not start with the prefix (or meet each other).
 */
export interface MadeObjects {
  /** The `<API group>/<kind>` of the made objects (`core/Service`, `apps/Deployment`). */
  readonly kinds: readonly string[];
  /** The start of every made name, before a "-", unless `unprefixed`. */
  readonly prefix: string;
  /** Whether a made name may not start with `<prefix>-`, or two made names may meet: then they are always listed. */
  readonly unprefixed: boolean;
  /** The made objects. Called only when needed; returns the same array while the answer is unchanged. */
  all(): readonly MadeObject[];
}

/** What answers for an object's made objects: a construct's own object of callbacks, which keeps no closure per construct. */
export interface MadeObjectsSource {
  madeObjects(): MadeObjects;
}

const MADE = new WeakMap<ApiObject, MadeObjectsSource>();

/** Declares what operators make for `object`; `made` is asked once per validation pass. */
export function declareMadeObjects(object: ApiObject, made: () => MadeObjects): void {
  MADE.set(object, { madeObjects: made });
}

/** As `declareMadeObjects`, with `source.madeObjects()` asked. */
export function declareMadeObjectsSource(object: ApiObject, source: MadeObjectsSource): void {
  MADE.set(object, source);
}

/** What operators make for `object` (none unless declared). */
export function madeObjectsOf(object: ApiObject): MadeObjects | undefined {
  return MADE.get(object)?.madeObjects();
}
