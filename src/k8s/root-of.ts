import { IConstruct } from 'constructs';

/**
 * The root of the tree `construct` is in, as `node.root` gives it, without
 * the list of every scope `node.root` builds first: the library asks for the
 * root several times for each construct it builds.
 */
export function rootOf(construct: IConstruct): IConstruct {
  let c = construct;
  for (let scope = c.node.scope; scope !== undefined; scope = c.node.scope) c = scope;
  return c;
}
