/**
 * Rules of a predictor's graph that come from how the operator fills the
 * pods its nodes share: one ServiceAccount, one volume of each name, one
 * `tfserving` container (seldondeployment_prepackaged_servers.go,
 * model_initializer_injector.go, v1.18.2). In explicit mode the library
 * declares the one pod itself, so its rules are the same facts for one pod
 * per predictor.
 */
import { show } from '../errors';
import { PredictorProps } from './predictor';
import { repeatedPvcSources, repeatedServiceAccounts } from './predictor-pod';
import { pvcClaims } from './predictor-rendering';
import { SeldonProtocol } from './protocol';
import { isTfServingProxy } from './storage-initializer-target';

/** What the rules read of the deployment. */
export interface GraphPodContext {
  readonly explicit: boolean;
  readonly protocol?: SeldonProtocol;
  readonly namespace?: string;
}

/** Reports each problem of the graph of `p` (which has one) as [problem, accepted]. */
export function graphPodProblems(p: PredictorProps & { readonly graph: NonNullable<PredictorProps['graph']> }, ctx: GraphPodContext,
  report: (problem: string, accepted: string) => void): void {
  const explicit = ctx.explicit;
  if (explicit) {
    const accounts = new Set(p.graph._walk().map(u => u._spec.serviceAccount?.name).filter(n => n !== undefined));
    if (accounts.size > 1) {
      report(`runs its nodes as several ServiceAccounts (${[...accounts].join(', ')}), but explicit mode declares one pod per predictor`,
        'one ServiceAccount per predictor in explicit mode');
    }
    if (ctx.namespace === undefined && p.graph._walk().some(u => u._spec.server?.implementation === 'TEMPO_SERVER')) {
      report('has a TEMPO_SERVER node but no namespace is set; Seldon accepts this and writes the namespace the SeldonDeployment lands in '
        + 'into TEMPO_RUNTIME_OPTIONS, but explicit mode writes that variable itself and Tempo deploys its models where it says, so the library needs the namespace',
      'metadata.namespace or the chart\'s namespace, or leave explicitStorageInitializer false');
    }
    const proxied = p.graph._walk().filter(u => isTfServingProxy(u._spec, ctx.protocol));
    if (proxied.length > 1) {
      report(`has ${proxied.length} TENSORFLOW_SERVER nodes under the seldon protocol (${proxied.map(u => u.name).join(', ')}); `
        + 'each needs a "tfserving" container and "tfserving-provision-location" volume, which one pod can hold once', 'one such node per predictor in explicit mode, or the tensorflow protocol');
    }
  }
  // The rules below need two nodes: a one-node graph (most) skips the walk.
  if (p.graph._spec.children.length === 0) return;
  const where = (pod: string) => (pod ? `the separate pod of ${pod}` : 'the predictor\'s pod');
  for (const [pod, accounts] of explicit ? [] : repeatedServiceAccounts(p)) {
    report(`runs prepackaged nodes with different ServiceAccounts (${accounts.map(a => show(a)).join(', ')}) in ${where(pod)}; the operator sets the pod's account `
      + 'to each in turn, so all of them run as the last, and the others\' storage initializers read with its identity (seldondeployment_prepackaged_servers.go)',
    'one ServiceAccount for the prepackaged nodes of a pod, or separatePods to give a node its own pod');
  }
  for (const [pod, claims] of explicit ? [] : repeatedPvcSources(p)) {
    report(`has ${claims.length} pvc:// nodes in ${where(pod)}; the operator adds a volume named `
      + 'kfserving-pvc-source for each to that pod, and Kubernetes rejects the Deployment for the repeated volume name',
    'one pvc:// node per pod (separatePods give a node a pod of its own), or explicitStorageInitializer: true with one claim');
  }
  if (explicit && new Set(pvcClaims(p.graph)).size > 1) {
    report(`reads several PersistentVolumeClaims (${[...new Set(pvcClaims(p.graph))].join(', ')}); the operator mounts one claim per pod as kfserving-pvc-source`,
      'one pvc:// claim per predictor in explicit mode');
  }
}
