import { Json } from '../k8s/json';

/** A container of a ServerConfig's pod, as far as a Server's additions to it need it. */
export interface ConfigContainer {
  /** Where it mounts volumes, as written. */
  readonly mountPaths: readonly string[];
}

/** The facts of a container, from its Kubernetes JSON. */
export function configContainer(container: Json | undefined): ConfigContainer | undefined {
  if (container === undefined) return undefined;
  return {
    mountPaths: (container.volumeMounts ?? []).map((m: Json) => m.mountPath),
  };
}
