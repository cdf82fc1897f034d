import { Size } from 'cdk8s';
import { PersistentVolumeAccessMode, PersistentVolumeClaim } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ModelUri, SeldonModel, SeldonServer, ServerConfigRef } from '../src';

/**
 * Seldon Core v2 examples: an MLServer Server with a custom image and a model
 * pinned to it, and a Server reading models from a PersistentVolumeClaim with
 * a model on that claim. They follow Seldon's "Server" documentation.
 */
export function addV2Examples(scope: Construct): void {
  // A custom MLServer image; models that need it require its capability.
  const custom = new SeldonServer(scope, 'mlserver-134', {
    metadata: { name: 'mlserver-134' },
    serverConfig: ServerConfigRef.MLSERVER,
    image: 'seldonio/mlserver:1.3.4',
    imageCapability: 'mlserver-1.3.4',
    replicas: 1,
  });
  new SeldonModel(scope, 'iris', {
    metadata: { name: 'iris' },
    storageUri: ModelUri.parse('gs://seldon-models/mlserver/iris'),
    requirements: ['sklearn', 'mlserver-1.3.4'],
    server: custom,
    memory: '100Mi',
  });

  // A claim holding model artifacts, mounted into the rclone container of a
  // one-replica server (ReadWriteOnce is fine for one replica).
  const claim = new PersistentVolumeClaim(scope, 'ml-models-pvc', {
    metadata: { name: 'ml-models-pvc' },
    storage: Size.gibibytes(5),
    accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE],
  });
  const pvcServer = new SeldonServer(scope, 'mlserver-pvc', {
    metadata: { name: 'mlserver-pvc' },
    replicas: 1,
    maxReplicas: 1,
  });
  pvcServer.mountPvc(claim, '/var/models', { volumeName: 'models-pvc', readOnly: true });

  // Read from the claim: requiring "pvc" keeps the model off servers without it.
  new SeldonModel(scope, 'iris-pvc', {
    metadata: { name: 'iris-pvc' },
    storageUri: ModelUri.localPath('/var/models/iris'),
    requirements: ['sklearn', 'pvc'],
  });
}
