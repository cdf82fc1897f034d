import { Duration, Size } from 'cdk8s';
import { Cpu, PersistentVolumeAccessMode, PersistentVolumeClaim, Secret } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Autoscaler, DisruptionBudget, ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret } from '../src';

/**
 * Seldon Core v1: the iris classifier of Seldon's documentation, served by the
 * prepackaged SKLEARN_SERVER from three places, and once as run in production.
 */
export function addV1Examples(scope: Construct): void {
  // 1. From Seldon's public bucket: the anonymous `gs` remote needs no credentials.
  //    A new model version takes 10% of the traffic; another sees a copy of every request.
  new PrepackagedModel(scope, 'iris-gcs', {
    metadata: { name: 'iris-gcs' },
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.gcs('seldon-models', 'v1.18.0-dev/sklearn/iris'),
  })
    .withCanary({ modelUri: ModelUri.gcs('seldon-models', 'v1.19.0-dev/sklearn/iris'), traffic: 10 })
    .withShadow({ modelUri: ModelUri.gcs('seldon-models', 'v1.19.0-dev/sklearn/iris'), server: PrepackagedServer.SKLEARN });

  // 2. From an in-cluster MinIO, with an rclone credential Secret. These are
  //    MinIO's well-known development credentials; for real ones see the
  //    README section "Keeping credentials out of dist/".
  const minio = new RcloneSecret(scope, 'minio-credentials', {
    metadata: { name: 'minio-credentials' },
    remotes: [RcloneRemote.minio({
      endpoint: 'http://minio.minio-system.svc.cluster.local:9000',
      accessKeyId: 'minioadmin',
      secretAccessKey: 'minioadmin',
    })],
  });
  new PrepackagedModel(scope, 'iris-minio', {
    metadata: { name: 'iris-minio' },
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.s3('sklearn', 'iris'),
    credentials: minio,
  });

  // 3. From a PersistentVolumeClaim, with the storage initializer declared in
  //    the manifest (hardened init container) rather than injected.
  const models = new PersistentVolumeClaim(scope, 'model-store', {
    metadata: { name: 'model-store' },
    accessModes: [PersistentVolumeAccessMode.READ_ONLY_MANY],
    storage: Size.gibibytes(10),
  });
  new PrepackagedModel(scope, 'iris-pvc', {
    metadata: { name: 'iris-pvc' },
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.pvc(models, 'sklearn/iris'),
    explicitStorageInitializer: true,
  });

  // 4. In production: the server image from a private registry (an existing
  //    docker-registry Secret, so no credential reaches dist/), autoscaled on
  //    CPU between 2 and 6 pods, at most one pod down during node drains, and
  //    30 seconds for a pod to finish its requests when it is stopped.
  new PrepackagedModel(scope, 'iris-prod', {
    metadata: { name: 'iris-prod' },
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.gcs('seldon-models', 'v1.18.0-dev/sklearn/iris'),
    image: 'registry.example.com/ml/sklearnserver:1.18.2',
    imagePullSecrets: [Secret.fromSecretName(scope, 'registry-credentials', 'registry-credentials')],
    resources: { cpu: { request: Cpu.millis(500) }, memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) } },
    autoscaler: Autoscaler.cpuUtilization({ targetPercent: 70, minReplicas: 2, maxReplicas: 6 }),
    disruptionBudget: DisruptionBudget.maxUnavailable(1),
    terminationGracePeriod: Duration.seconds(30),
    restTimeout: Duration.seconds(5),
  });
}
