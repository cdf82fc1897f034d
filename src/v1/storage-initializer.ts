import { k8s } from 'cdk8s-plus-27';
import { restrictedSecurityContext } from '../k8s/restricted-security-context';
import { ModelUri } from '../model-uri';
import { injectModelInitializer } from './operator/model-initializer';
import { Json, helmOperatorConfig, initializerResources } from './operator/operator-config';
import { STORAGE_INITIALIZER } from './operator-defaults';

/** What the library needs to declare a storage initializer for one container. */
export interface StorageInitializerInput {
  /** The container that reads the model from `/mnt/models`. */
  readonly targetContainer: string;
  readonly modelUri: ModelUri;
  readonly image: string;
  readonly secretName?: string;
  readonly resources: k8s.ResourceRequirements;
}

/** The pod-spec pieces the operator would inject (SELDON-FACTS §1.11). */
export interface StorageInitializerParts {
  readonly volumes: k8s.Volume[];
  readonly initContainer: k8s.Container;
  /** Mounts to add to the target container. */
  readonly targetMounts: k8s.VolumeMount[];
}

/**
 * Declares the init container, volumes and mounts the operator would inject:
 * the operator model's injection (operator/model-initializer.ts, which the
 * preview runs too) into a pod holding only the target container, hardened
 * with the restricted security context and the given resources.
 */
export function storageInitializer(input: StorageInitializerInput): StorageInitializerParts {
  const deployment: Json = { spec: { template: { spec: { containers: [{ name: input.targetContainer }] } } } };
  injectModelInitializer(deployment, {
    containerName: input.targetContainer,
    modelUri: input.modelUri.uri,
    envSecretRefName: input.secretName ?? '',
    storageInitializerImage: input.image,
  }, helmOperatorConfig());
  const pod = deployment.spec.template.spec;
  const init: Json = pod.initContainers[0];
  return {
    volumes: pod.volumes,
    targetMounts: pod.containers[0].volumeMounts,
    initContainer: {
      name: init.name,
      image: init.image,
      imagePullPolicy: init.imagePullPolicy,
      args: init.args,
      // The mount the initializer writes: readOnly false is the default, so it is left out.
      volumeMounts: init.volumeMounts.map(({ readOnly, ...mount }: Json) => (readOnly ? { ...mount, readOnly } : mount)),
      envFrom: init.envFrom,
      resources: input.resources,
      securityContext: restrictedSecurityContext(STORAGE_INITIALIZER.user),
    },
  };
}

/** The operator's default init-container resources (Helm `storageInitializer`). */
export function defaultInitializerResources(): k8s.ResourceRequirements {
  const amounts = (m: Json) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k8s.Quantity.fromString(String(v))]));
  const r = initializerResources();
  return { limits: amounts(r.limits), requests: amounts(r.requests) };
}
