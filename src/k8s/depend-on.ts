import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Orders `dependent` after `target`. When the target is an L2 construct with
 * its object as the `Resource` child, the dependency goes straight to that
 * object: the result is the same, but cdk8s then need not expand the
 * construct into its objects at every synth (measured in BENCHMARKS.md).
 */
export function dependOn(dependent: ApiObject, target: IConstruct): void {
  const resource = target.node.tryFindChild('Resource');
  dependent.addDependency(resource instanceof ApiObject ? resource : target);
}
