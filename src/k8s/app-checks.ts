import { Construct, IConstruct } from 'constructs';
import { AppTree, walkApp } from './app-tree';
import { rootOf } from './root-of';

/**
 * cdk8s prefixes each validation message with `[<path>]` of the construct
 * the validation is registered on. An app-wide check registered on the app
 * itself would print `[]` (the app's path is empty), so app-wide checks are
 * registered on one named, empty child of the app's root instead: its
 * messages read `[cdk8s-seldon.checks] <Kind> '<construct path>': ...`.
 * The id names the library and has a ".", which no chart id of the README or
 * of cdk8s's examples has: a user's chart made after it cannot take the name
 * by chance, and if one is made so, cdk8s's "There is already a Construct with
 * name 'cdk8s-seldon.checks'" says whose it is.
 */
export const APP_CHECKS_ID = 'cdk8s-seldon.checks';

/** An app-wide check: given the app's tree (walked on first ask, once per pass), its messages. */
export type AppCheck = (tree: () => AppTree) => string[];

const CHECKS = new WeakMap<IConstruct, AppCheck[]>();

/**
 * Registers `validate` as an app-wide check of the app `scope` belongs to. The checks of an app run as one
 * validation, in the order registered, and share one walk of the tree per validation pass.
 */
export function addAppCheck(scope: IConstruct, validate: AppCheck): void {
  const root = rootOf(scope);
  let checks = CHECKS.get(root);
  if (checks === undefined) {
    const all: AppCheck[] = [];
    checks = all;
    CHECKS.set(root, all);
    // A user's construct may already be called so: the holder then takes the next free name.
    let id = APP_CHECKS_ID;
    for (let i = 2; root.node.tryFindChild(id) !== undefined; i++) id = `${APP_CHECKS_ID}-${i}`;
    new Construct(root, id).node.addValidation({
      validate: () => {
        let walked: AppTree | undefined;
        const tree = (): AppTree => walked ??= walkApp(root);
        const messages: string[] = [];
        for (const check of all) messages.push(...check(tree));
        return messages;
      },
    });
  }
  checks.push(validate);
}
