/**
 * The library's model of the Seldon Core v1 operator (1.18.2, Helm
 * defaults): from a SeldonDeployment, as JSON, the objects the operator
 * creates. Pure functions; nothing here reads a cluster.
 */
import { createComponents } from './components';
import { defaultSeldonDeployment } from './defaulting';
import { Json, V1OperatorConfig, helmOperatorConfig } from './operator-config';

export { helmOperatorConfig } from './operator-config';
export type { Json, V1OperatorConfig } from './operator-config';
export { setEnvVar } from './env';

/** What the operator would create for one SeldonDeployment. */
export interface V1OperatorPreview {
  /** Deployments, then Services, then HPAs / KEDA ScaledObjects / PodDisruptionBudgets. */
  readonly objects: Json[];
  /** Reconcile errors the operator would report; the objects are then what it had built so far. */
  readonly problems: string[];
  /** The SeldonDeployment after the controller's defaulting (ports, endpoints, containers). */
  readonly defaulted: Json;
}

/** Runs the operator's defaulting and `createComponents` on a copy of `sdep`. */
export function previewSeldonDeployment(sdep: Json, config: V1OperatorConfig = helmOperatorConfig()): V1OperatorPreview {
  const defaulted = structuredClone(sdep);
  defaultSeldonDeployment(defaulted, config);
  const components = createComponents(defaulted, config);
  return {
    objects: [...components.deployments, ...components.services, ...components.scaling],
    problems: components.problems,
    defaulted,
  };
}
export { mlserverEnv, seldonServerParameters, tfProxyParameters, tfServingArgs, tritonArgs, v2HealthCheck, v2Ports } from './server-settings';
export type { OperatorParameter } from './server-settings';
