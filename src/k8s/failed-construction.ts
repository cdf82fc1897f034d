import { IConstruct } from 'constructs';

/**
 * Undoes a construction that threw: `super()` attached the construct to its
 * scope before the checks ran, and the constructor may have made children,
 * held dependencies and registered with the app-wide checks. A caller that
 * catches the error and goes on (a REPL, a notebook, a test that asserts the
 * throw and then synthesizes the chart) would otherwise synthesize the half-built
 * object, which is often one the cluster refuses, and could not use the id again.
 *
 * Taken out of its scope, the construct and everything under it leave the
 * tree, and with it the app: the app-wide checks read only what is in the
 * tree (unique-names.ts walks it, v2/scheduling.ts and depend-on.ts skip what
 * was taken out), and the validations of a construct run only in the tree.
 *
 * Every constructor of the library runs its body after `super()` in
 * `try { ... } catch (e) { throw failedConstruction(this, e); }`: free while
 * nothing throws, and the caller gets the very error (message and construct path) thrown.
 */
export function failedConstruction(construct: IConstruct, error: unknown): unknown {
  const scope = construct.node.scope;
  const id = construct.node.id;
  // Only this construct: a construction stopped by a taken id never attached it (and never reaches here).
  if (scope !== undefined && scope.node.tryFindChild(id) === construct) scope.node.tryRemoveChild(id);
  return error;
}
