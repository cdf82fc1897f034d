/**
 * Reproduces every manifest of the v2 source document (Seldon's "Server"
 * page: minimal Server, custom-image Server and the Model on it, PVC Server
 * and the PVC Model) and shows that each ServerSpec field it lists is
 * expressible.
 */
import { Chart, Testing } from 'cdk8s';
import { PersistentVolumeClaim } from 'cdk8s-plus-27';
import { ModelUri } from '../../src/model-uri';
import { SeldonModel, SeldonServer, ServerConfigRef } from '../../src/v2';

function only(chart: Chart, kind: string): any {
  const objects = Testing.synth(chart).filter(o => o.kind === kind);
  expect(objects).toHaveLength(1);
  return objects[0];
}

describe('v2 seed document', () => {
  test('minimal Server: serverConfig mlserver, replicas 1', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'mlserver', { metadata: { name: 'mlserver' }, serverConfig: ServerConfigRef.MLSERVER, replicas: 1 });

    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Server',
      metadata: { name: 'mlserver' },
      spec: { serverConfig: 'mlserver', replicas: 1 },
    }]);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('custom MLServer image (samples/servers/custom-mlserver.yaml)', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'mlserver-134', {
      metadata: { name: 'mlserver-134' },
      serverConfig: ServerConfigRef.MLSERVER,
      extraCapabilities: ['mlserver-1.3.4'],
      image: 'seldonio/mlserver:1.3.4',
    });

    const server = only(chart, 'Server');
    expect(server).toEqual({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Server',
      metadata: { name: 'mlserver-134' },
      spec: {
        serverConfig: 'mlserver',
        extraCapabilities: ['mlserver-1.3.4'],
        podSpec: { containers: [{ image: 'seldonio/mlserver:1.3.4', name: 'mlserver' }] },
      },
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('the same custom server, with the capability given as imageCapability', () => {
    const chart = Testing.chart();
    new SeldonServer(chart, 'mlserver-134', {
      metadata: { name: 'mlserver-134' },
      image: 'seldonio/mlserver:1.3.4',
      imageCapability: 'mlserver-1.3.4',
    });
    expect(only(chart, 'Server').spec).toEqual({
      serverConfig: 'mlserver',
      extraCapabilities: ['mlserver-1.3.4'],
      podSpec: { containers: [{ image: 'seldonio/mlserver:1.3.4', name: 'mlserver' }] },
    });
  });

  test('Model targeting the custom server (samples/models/iris-custom-server.yaml)', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'mlserver-134', {
      metadata: { name: 'mlserver-134' },
      extraCapabilities: ['mlserver-1.3.4'],
      image: 'seldonio/mlserver:1.3.4',
    });
    new SeldonModel(chart, 'iris', {
      metadata: { name: 'iris' },
      storageUri: ModelUri.parse('gs://seldon-models/mlserver/iris'),
      server,
    });

    expect(only(chart, 'Model')).toEqual({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'iris' },
      spec: { storageUri: 'gs://seldon-models/mlserver/iris', server: 'mlserver-134' },
    });
    // the Server is applied before the Model that pins it
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Server', 'Model']);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('the Model can also pin the server by name when it is not in the app', () => {
    const chart = Testing.chart();
    new SeldonModel(chart, 'iris', {
      metadata: { name: 'iris' },
      storageUri: ModelUri.gcs('seldon-models', 'mlserver/iris'),
      server: SeldonServer.fromServerName(chart, 'custom', 'mlserver-134'),
    });
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'iris' },
      spec: { storageUri: 'gs://seldon-models/mlserver/iris', server: 'mlserver-134' },
    }]);
  });

  test('Server with PVC (samples/examples/k8s-pvc/server.yaml)', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'mlserver-pvc', { metadata: { name: 'mlserver-pvc' }, serverConfig: ServerConfigRef.MLSERVER });
    server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim', 'ml-models-pvc'), '/var/models', { volumeName: 'models-pvc' });

    expect(only(chart, 'Server')).toEqual({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Server',
      metadata: { name: 'mlserver-pvc' },
      spec: {
        serverConfig: 'mlserver',
        extraCapabilities: ['pvc'],
        podSpec: {
          volumes: [{ name: 'models-pvc', persistentVolumeClaim: { claimName: 'ml-models-pvc' } }],
          containers: [{ name: 'rclone', volumeMounts: [{ name: 'models-pvc', mountPath: '/var/models' }] }],
        },
      },
    });
    expect(server.capabilities).toContain('pvc');
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('PVC Model (samples/examples/k8s-pvc/iris.yaml), scheduled on the PVC server', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 'mlserver-pvc', { metadata: { name: 'mlserver-pvc' } });
    server.mountPvc(PersistentVolumeClaim.fromClaimName(chart, 'claim', 'ml-models-pvc'), '/var/models', { volumeName: 'models-pvc' });
    new SeldonModel(chart, 'iris', {
      metadata: { name: 'iris' },
      storageUri: ModelUri.localPath('/var/models/iris'),
      requirements: ['sklearn', 'pvc'],
    });

    expect(only(chart, 'Model')).toEqual({
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'iris' },
      spec: { storageUri: '/var/models/iris', requirements: ['sklearn', 'pvc'] },
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('the PVC Model alone (the Servers live outside the app) synthesizes unchecked', () => {
    const chart = Testing.chart();
    new SeldonModel(chart, 'iris', {
      metadata: { name: 'iris' },
      storageUri: ModelUri.localPath('/var/models/iris'),
      requirements: ['sklearn', 'pvc'],
    });
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'mlops.seldon.io/v1alpha1',
      kind: 'Model',
      metadata: { name: 'iris' },
      spec: { storageUri: '/var/models/iris', requirements: ['sklearn', 'pvc'] },
    }]);
  });

  test('every ServerSpec field of the document is expressible', () => {
    const chart = Testing.chart();
    // ServerConfig, ExtraCapabilities, PodSpec (containers by name), ScalingSpec, DisableAutoUpdate
    new SeldonServer(chart, 'extra', {
      metadata: { name: 'extra' },
      serverConfig: ServerConfigRef.TRITON,
      extraCapabilities: ['gpu'],
      replicas: 2,
      minReplicas: 1,
      maxReplicas: 3,
      disableAutoUpdate: true,
      // ImageOverrides (agent, rclone) is not read by the operator: the
      // images are overridden through podSpec containers of those names
      agentContainer: { image: 'docker.io/seldonio/seldon-agent:2.10.2' },
      rcloneContainer: { image: 'docker.io/seldonio/seldon-rclone:2.10.2' },
    });
    // Capabilities (replacing the ServerConfig's)
    new SeldonServer(chart, 'replacing', { metadata: { name: 'replacing' }, capabilities: ['sklearn', 'custom'] });

    const [extra, replacing] = Testing.synth(chart);
    expect(extra.spec).toEqual({
      serverConfig: 'triton',
      extraCapabilities: ['gpu'],
      replicas: 2,
      minReplicas: 1,
      maxReplicas: 3,
      disableAutoUpdate: true,
      podSpec: {
        containers: [
          { name: 'rclone', image: 'docker.io/seldonio/seldon-rclone:2.10.2' },
          { name: 'agent', image: 'docker.io/seldonio/seldon-agent:2.10.2' },
        ],
      },
    });
    expect(extra.spec.imageOverrides).toBeUndefined();
    expect(replacing.spec).toEqual({ serverConfig: 'mlserver', capabilities: ['sklearn', 'custom'] });
  });
});
