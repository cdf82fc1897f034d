import { Construct, IConstruct } from 'constructs';
import { rootOf } from './root-of';

/**
 * cdk8s prefixes each validation message with `[<path>]` of the construct
 * the validation is registered on. An app-wide check registered on the app
 * itself would print `[]` (the app's path is empty), so app-wide checks are
 * registered on one named, empty child of the app's root instead: its
 * messages read `[seldon-checks] <Kind> '<construct path>': ...`.
 */
export const APP_CHECKS_ID = 'seldon-checks';

const HOLDERS = new WeakMap<IConstruct, IConstruct>();

/** Registers `validate` as an app-wide check of the app `scope` belongs to. */
export function addAppCheck(scope: IConstruct, validate: () => string[]): void {
  const root = rootOf(scope);
  let holder = HOLDERS.get(root);
  if (holder === undefined) {
    // A user's construct may already be called so: the holder then takes the next free name.
    let id = APP_CHECKS_ID;
    for (let i = 2; root.node.tryFindChild(id) !== undefined; i++) id = `${APP_CHECKS_ID}-${i}`;
    holder = new Construct(root, id);
    HOLDERS.set(root, holder);
  }
  holder.node.addValidation({ validate });
}
