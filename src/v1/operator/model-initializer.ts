/**
 * The storage initializer the v1 operator injects for a node's model
 * (SELDON-FACTS §1.11, §1.11.1; operator/controllers/model_initializer_injector.go@v1.18.2
 * `InjectModelInitializer`, `parsePvcURI`, `addVolumeMountToContainer`).
 * The ServiceAccount-secret credentials the operator reads from the cluster
 * at reconcile time are not modelled: a preview has no cluster.
 */
import { STORAGE_INITIALIZER, operatorDerivedName } from '../operator-defaults';
import { Json, V1OperatorConfig } from './operator-config';

/** What the node asks of the initializer. */
export interface InitializerRequest {
  readonly containerName: string;
  readonly modelUri: string | undefined;
  readonly envSecretRefName: string;
  readonly storageInitializerImage: string | undefined;
}

function addMount(container: Json, name: string, mountPath: string): void {
  const mounts: Json[] = container.volumeMounts ?? [];
  if (!mounts.some(m => m.name === name)) mounts.push({ name, mountPath, readOnly: true });
  container.volumeMounts = mounts;
}

/** `addEnvFromSecret`. */
export function addEnvFromSecret(container: Json, secret: string): void {
  if (secret) container.envFrom = [...(container.envFrom ?? []), { secretRef: { name: secret } }];
}

/** `InjectModelInitializer`; returns a problem when the operator would fail the reconcile. */
export function injectModelInitializer(deployment: Json, request: InitializerRequest, config: V1OperatorConfig): string | undefined {
  const uri = request.modelUri;
  if (!uri) return undefined;
  const pod = deployment.spec.template.spec;
  const container = (pod.containers ?? []).find((c: Json) => c.name === request.containerName);
  if (!container) return `Invalid configuration: cannot find container: ${request.containerName}`;
  const volumeName = operatorDerivedName(container.name, STORAGE_INITIALIZER.volumeSuffix);
  const initName = operatorDerivedName(container.name, STORAGE_INITIALIZER.initContainerSuffix);
  const models = STORAGE_INITIALIZER.modelsPath;

  // A user-declared init container of that name: only the model mount is added.
  if ((pod.initContainers ?? []).some((c: Json) => c.name === initName)) {
    addMount(container, volumeName, models);
    return undefined;
  }
  const volumes: Json[] = [];
  const initMounts: Json[] = [];
  let source = uri;
  if (uri.startsWith('pvc://')) {
    const parts = uri.slice('pvc://'.length).split('/');
    const pvcMount = { name: STORAGE_INITIALIZER.pvcVolumeName, mountPath: STORAGE_INITIALIZER.pvcMountPath, readOnly: true };
    volumes.push({ name: STORAGE_INITIALIZER.pvcVolumeName, persistentVolumeClaim: { claimName: parts[0] } });
    initMounts.push(pvcMount);
    addMount(container, STORAGE_INITIALIZER.pvcVolumeName, STORAGE_INITIALIZER.pvcMountPath);
    source = `${STORAGE_INITIALIZER.pvcMountPath}/${parts.slice(1).join('/')}`;
  }
  volumes.push({ name: volumeName, emptyDir: {} });
  initMounts.push({ name: volumeName, mountPath: models, readOnly: false });

  const init: Json = {
    name: initName,
    image: request.storageInitializerImage || config.storageInitializerImage,
    imagePullPolicy: 'IfNotPresent',
    args: [source, models],
    volumeMounts: initMounts,
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    resources: structuredClone(config.storageInitializerResources),
  };
  addMount(container, volumeName, models);
  pod.volumes = [...(pod.volumes ?? []), ...volumes];
  addEnvFromSecret(init, request.envSecretRefName);
  pod.initContainers = [...(pod.initContainers ?? []), init];
  return undefined;
}
