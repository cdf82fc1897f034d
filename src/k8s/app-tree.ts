import { ApiObject } from 'cdk8s';
import { Dependable, IConstruct } from 'constructs';
import { childRecord, dependencyRecord, readsChildRecords, readsDependencyRecords } from './child-records';

/**
 * What the app-wide checks read of an app's tree, gathered in one walk per
 * validation pass (src/k8s/app-checks.ts): cdk8s validates an app once per
 * chart plus once in every synth, and a walk of 40,000 constructs costs about
 * 15 ms, so each check walking on its own would pay it again.
 */
export interface AppTree {
  /** Every `ApiObject` of the app, in the order of `findAll()` (pre-order), which is cdk8s's tree order. */
  readonly objects: readonly ApiObject[];
  /** Every construct that a construct of the app depends on (the roots of `node.dependencies`), as at the walk. */
  readonly dependencyTargets: ReadonlySet<IConstruct>;
}

/** Walks the app rooted at `root` once. */
export function walkApp(root: IConstruct): AppTree {
  const objects: ApiObject[] = [];
  const dependencyTargets = new Set<IConstruct>();
  const records = readsChildRecords(root);
  const fromRecords = readsDependencyRecords();
  const visit = (c: IConstruct): void => {
    if (c instanceof ApiObject) objects.push(c);
    if (fromRecords) {
      // What the public getter returns: each dependency's roots (a DependencyGroup's members).
      const deps = dependencyRecord(c);
      if (deps !== undefined) for (const d of deps) for (const r of Dependable.of(d).dependencyRoots) dependencyTargets.add(r);
    } else {
      for (const d of c.node.dependencies) dependencyTargets.add(d);
    }
    if (records) {
      const record = childRecord(c);
      for (const id in record) visit(record[id]);
    } else {
      for (const child of c.node.children) visit(child);
    }
  };
  visit(root);
  return { objects, dependencyTargets };
}
