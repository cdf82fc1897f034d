import { k8s } from 'cdk8s-plus-27';
import { restrictedSecurityContext } from '../k8s/restricted-security-context';
import { ModelUri, ModelUriKind } from '../model-uri';
import { STORAGE_INITIALIZER, operatorDerivedName } from './operator-defaults';

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

/** Declares the init container, volumes and mounts the operator would inject. */
export function storageInitializer(input: StorageInitializerInput): StorageInitializerParts {
  const volumeName = operatorDerivedName(input.targetContainer, STORAGE_INITIALIZER.volumeSuffix);
  const modelsPath = STORAGE_INITIALIZER.modelsPath;
  const volumes: k8s.Volume[] = [];
  const initMounts: k8s.VolumeMount[] = [];
  const targetMounts: k8s.VolumeMount[] = [];
  let source = input.modelUri.uri;

  if (input.modelUri.kind === ModelUriKind.PVC) {
    // The operator mounts the claim read-only and copies from it (§1.11.1).
    const pvcMount = { name: STORAGE_INITIALIZER.pvcVolumeName, mountPath: STORAGE_INITIALIZER.pvcMountPath, readOnly: true };
    volumes.push({ name: STORAGE_INITIALIZER.pvcVolumeName, persistentVolumeClaim: { claimName: input.modelUri.claimName! } });
    initMounts.push(pvcMount);
    targetMounts.push(pvcMount);
    source = `${STORAGE_INITIALIZER.pvcMountPath}/${input.modelUri.path ?? ''}`;
  }
  volumes.push({ name: volumeName, emptyDir: {} });
  initMounts.push({ mountPath: modelsPath, name: volumeName });
  targetMounts.push({ mountPath: modelsPath, name: volumeName, readOnly: true });

  return {
    volumes,
    targetMounts,
    initContainer: {
      name: operatorDerivedName(input.targetContainer, STORAGE_INITIALIZER.initContainerSuffix),
      image: input.image,
      imagePullPolicy: 'IfNotPresent',
      args: [source, modelsPath],
      volumeMounts: initMounts,
      envFrom: input.secretName ? [{ secretRef: { name: input.secretName } }] : undefined,
      resources: input.resources,
      securityContext: restrictedSecurityContext(STORAGE_INITIALIZER.user),
    },
  };
}

/** The operator's default init-container resources (Helm `storageInitializer`). */
export function defaultInitializerResources(): k8s.ResourceRequirements {
  const r = STORAGE_INITIALIZER.resources;
  return {
    limits: { cpu: k8s.Quantity.fromString(`${r.cpuLimit / 1000}`), memory: k8s.Quantity.fromString(`${r.memoryLimitMi / 1024}Gi`) },
    requests: { cpu: k8s.Quantity.fromString(`${r.cpuRequest}m`), memory: k8s.Quantity.fromString(`${r.memoryRequestMi}Mi`) },
  };
}
