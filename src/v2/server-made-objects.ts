import { ApiObject } from 'cdk8s';
import { MadeObject, MadeObjects, declareMadeObjects } from '../k8s/made-objects';

const MAKER = 'the Seldon operator';
const KINDS = ['apps/StatefulSet', 'core/Service'];
const CONSEQUENCE = 'the operator would update that object to its own on every reconcile, or fail to create its own';
const REMEDY = 'another name for the Server or for the other object';

/**
 * Declares what the v2.10.2 operator makes for a Server (operator/controllers/reconcilers/server): the StatefulSet
 * `<server>` (statefulset_reconciler.go `toStatefulSet`) and one headless Service `<server>-<i>` per replica
 * (service_reconciler.go `toServices`, utils.go `GetStatefulSetReplicaName`), each created and then updated on every
 * reconcile. Replicas counted: the most the Server may have, `maxReplicas` when set, else its replicas (Seldon's
 * server autoscaling without bounds, or an HPA, may add replicas and so Services past that). Under the operator flag
 * `--use-deployments-for-servers` (off by default) a Deployment `<server>` takes the StatefulSet's place.
 */
export function declareServerMadeObjects(object: ApiObject, replicas: () => number): void {
  let last: { name: string; count: number; made: MadeObjects } | undefined;
  declareMadeObjects(object, () => {
    // Named from the object's name as rendered (a JavaScript caller can reassign it), as the operator names them.
    const name = object.name;
    const count = replicas();
    if (last === undefined || last.name !== name || last.count !== count) {
      let listed: MadeObject[] | undefined;
      last = {
        name,
        count,
        made: {
          kinds: KINDS,
          prefix: name,
          unprefixed: false,
          all: () => listed ??= madeObjects(name, count),
        },
      };
    }
    return last.made;
  });
}

function madeObjects(name: string, count: number): MadeObject[] {
  const made: MadeObject[] = [{ group: 'apps', kind: 'StatefulSet', name, maker: MAKER, role: 'the StatefulSet of the Server\'s replicas', consequence: CONSEQUENCE, remedy: REMEDY }];
  for (let i = 0; i < count; i++) {
    made.push({ group: 'core', kind: 'Service', name: `${name}-${i}`, maker: MAKER, role: `the Service of replica ${i}`, consequence: CONSEQUENCE, remedy: REMEDY });
  }
  return made;
}
