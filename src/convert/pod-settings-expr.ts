/**
 * A pod spec's settings as `PodSettingsProps` (`imagePullSecrets`, `priorityClassName`, `terminationGracePeriod`,
 * `serviceAccount`), shared by a predictor's componentSpec and a v2 Server's `podSpec`, which the library renders
 * from the same props (src/k8s/pod-settings.ts).
 */
import { arr, Expr, lit } from './code';
import { Scope } from './scope';
import { seconds } from './values';
import { isObject, Json } from '../graph/manifests';

type Entry = [string, Expr | undefined];

/** The pod-spec keys these props render. */
export const POD_SETTING_KEYS: readonly string[] = ['imagePullSecrets', 'priorityClassName', 'terminationGracePeriodSeconds', 'serviceAccountName'];

/**
 * The props of `pod`'s settings. `defaultGrace`: a grace period compared as equal to none (the v1 operator's 20 s),
 * left unwritten; `serviceAccount`: whether the props say the pod's ServiceAccount (a PrepackagedModel's is its node's).
 */
export function podSettingEntries(pod: Json, scope: Scope, options: { readonly defaultGrace?: number; readonly serviceAccount: boolean }): Entry[] {
  const pullSecrets = Array.isArray(pod.imagePullSecrets) && pod.imagePullSecrets.every(s => isObject(s) && Object.keys(s).length === 1 && typeof s.name === 'string')
    ? pod.imagePullSecrets.map(s => scope.external('Secret', 'fromSecretName', String((s as Json).name), 'secret')) : undefined;
  return [
    ['imagePullSecrets', pullSecrets?.length ? arr(pullSecrets) : undefined],
    ['priorityClassName', typeof pod.priorityClassName === 'string' ? lit(pod.priorityClassName) : undefined],
    ['terminationGracePeriod', pod.terminationGracePeriodSeconds !== options.defaultGrace ? seconds(pod.terminationGracePeriodSeconds) : undefined],
    ['serviceAccount', options.serviceAccount && typeof pod.serviceAccountName === 'string' && pod.serviceAccountName !== ''
      ? scope.external('ServiceAccount', 'fromServiceAccountName', pod.serviceAccountName, 'serviceAccount') : undefined],
  ];
}
