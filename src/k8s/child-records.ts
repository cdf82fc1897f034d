import { Construct, IConstruct, IDependable } from 'constructs';

/**
 * The app-wide checks of every validation pass visit every construct of an
 * app. `node.children` copies a node's children into a new array on every
 * read, and `node.tryFindChild()` runs a regex over the id; constructs 10
 * keeps the children by id in a plain object (`_children`, made with the
 * first child), which those checks read instead when it is what they expect.
 */
interface NodeChildren {
  readonly _children?: Record<string, IConstruct>;
}

/**
 * Whether `childRecord()` may be read instead of `node.children` in the tree
 * of `root`: the record is the plain object constructs 10 makes, agrees with
 * `node.children` at the root, and no inherited key would join a for-in
 * (a polluted `Object.prototype`). Asked once per pass; when it says no (another
 * constructs, a polluted prototype) the caller reads the public API.
 */
export function readsChildRecords(root: IConstruct): boolean {
  for (const _ in {}) return false;
  const record = childRecord(root);
  const children = root.node.children;
  if (record === undefined) return children.length === 0;
  if (typeof record !== 'object' || record === null || Object.getPrototypeOf(record) !== Object.prototype) return false;
  const ids = Object.keys(record);
  if (ids.length !== children.length) return false;
  for (let i = 0; i < ids.length; i++) if (record[ids[i]] !== children[i]) return false;
  return true;
}

/** The children of `construct` by id, in insertion order (undefined for none); only where `readsChildRecords()` said yes. */
export function childRecord(construct: IConstruct): Record<string, IConstruct> | undefined {
  return (construct.node as unknown as NodeChildren)._children;
}

/**
 * constructs 10 keeps a node's dependencies in a `Set` (`_dependencies`, made with the first); the public
 * `node.dependencies` copies them into a new array on every read. Whether that set is there to read is tried once,
 * on constructs of its own; when it is not, callers read the public getter.
 */
let dependencyRecords: boolean | undefined;
export function readsDependencyRecords(): boolean {
  if (dependencyRecords === undefined) {
    const probe = new Construct(undefined as unknown as Construct, '');
    const none = dependencyRecord(probe);
    const other = new Construct(undefined as unknown as Construct, '');
    probe.node.addDependency(other);
    const some = dependencyRecord(probe);
    dependencyRecords = none === undefined && some instanceof Set && some.size === 1 && some.has(other)
      && probe.node.dependencies.length === 1 && probe.node.dependencies[0] === other;
  }
  return dependencyRecords;
}

/** The dependencies `construct` declared (undefined for none); only where `readsDependencyRecords()` said yes. */
export function dependencyRecord(construct: IConstruct): Set<IDependable> | undefined {
  return (construct.node as unknown as { readonly _dependencies?: Set<IDependable> })._dependencies;
}
