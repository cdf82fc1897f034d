import { Size, Testing } from 'cdk8s';
import { Cpu, EnvValue, PersistentVolumeClaim } from 'cdk8s-plus-27';
import { ModelParameter, ModelUri, PrepackagedModel, PrepackagedModelProps, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonProtocol } from '../../src';
import { operatorDerivedName } from '../../src/v1/operator-defaults';

const URI = ModelUri.gcs('seldon-models', 'models/iris');

function podOf(props: Partial<PrepackagedModelProps>) {
  const chart = Testing.chart();
  new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: URI, explicitStorageInitializer: true, ...props });
  const sdep = Testing.synth(chart).find(o => o.kind === 'SeldonDeployment');
  return { sdep, pod: sdep.spec.predictors[0].componentSpecs[0].spec };
}

const envOf = (container: any) => Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.value]));

describe('explicit storage initializer', () => {
  test('no graph implementation or modelUri: the library declares everything', () => {
    const { sdep, pod } = podOf({});
    expect(sdep.spec.predictors[0].graph).toEqual({ name: 'classifier', type: 'MODEL' });
    expect(pod.initContainers).toHaveLength(1);
    expect(pod.initContainers[0]).toMatchObject({
      name: 'classifier-model-initializer',
      image: 'seldonio/rclone-storage-initializer:1.18.2',
      imagePullPolicy: 'IfNotPresent',
      args: ['gs://seldon-models/models/iris', '/mnt/models'],
    });
    expect(pod.initContainers[0].envFrom).toBeUndefined();
    expect(pod.containers[0].image).toBe('seldonio/sklearnserver:1.18.2');
    expect(sdep).toMatchSnapshot();
  });

  test('the init container passes the restricted Pod Security Standard and has resources', () => {
    const { pod } = podOf({});
    const sc = pod.initContainers[0].securityContext;
    expect(sc.runAsNonRoot).toBe(true);
    expect(sc.allowPrivilegeEscalation).toBe(false);
    expect(sc.capabilities.drop).toEqual(['ALL']);
    expect(sc.capabilities.add).toBeUndefined();
    expect(sc.seccompProfile.type).toBe('RuntimeDefault');
    expect(sc.privileged).toBeUndefined();
    expect(pod.initContainers[0].resources.limits).toEqual({ cpu: '1', memory: '1Gi' });
    expect(pod.initContainers[0].resources.requests).toEqual({ cpu: '100m', memory: '100Mi' });
  });

  test('initializer resources can be set', () => {
    const { pod } = podOf({
      storageInitializerResources: {
        cpu: { request: Cpu.millis(200), limit: Cpu.units(2) },
        memory: { request: Size.mebibytes(256), limit: Size.gibibytes(4) },
      },
    });
    expect(pod.initContainers[0].resources).toEqual({ requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '2', memory: '4Gi' } });
  });

  test('credentials become envFrom of the init container, not a graph field', () => {
    const chart = Testing.chart();
    const secret = new RcloneSecret(chart, 'creds', { metadata: { name: 'minio-creds' }, remotes: [RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' })] });
    new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: secret, explicitStorageInitializer: true });
    const sdep = Testing.synth(chart)[1];
    expect(sdep.spec.predictors[0].graph.envSecretRefName).toBeUndefined();
    expect(sdep.spec.predictors[0].componentSpecs[0].spec.initContainers[0].envFrom).toEqual([{ secretRef: { name: 'minio-creds' } }]);
  });

  test('seldon protocol: user parameters come before model_uri, JSON escaped as Go does', () => {
    const { pod } = podOf({ server: PrepackagedServer.custom('MY_SERVER', { image: 'me/s:1' }), parameters: [ModelParameter.stringValue('method', 'a<b&c>'), ModelParameter.floatValue('threshold', 0.5)] });
    expect(envOf(pod.containers[0]).PREDICTIVE_UNIT_PARAMETERS).toBe(
      '[{"name":"method","value":"a\\u003cb\\u0026c\\u003e","type":"STRING"},{"name":"threshold","value":"0.5","type":"FLOAT"},{"name":"model_uri","value":"/mnt/models","type":"STRING"}]');
  });

  test('user env comes before PREDICTIVE_UNIT_PARAMETERS', () => {
    const { pod } = podOf({ env: { A: EnvValue.fromValue('1') } });
    expect(pod.containers[0].env.map((e: any) => e.name)).toEqual(['A', 'PREDICTIVE_UNIT_PARAMETERS']);
  });

  test('V2 protocol: MLServer image and variables, user variables win', () => {
    const { sdep, pod } = podOf({ protocol: SeldonProtocol.V2, env: { MLSERVER_MODEL_VERSION: EnvValue.fromValue('v7'), EXTRA: EnvValue.fromValue('x') } });
    expect(sdep.spec.protocol).toBe('v2');
    const container = pod.containers[0];
    expect(container.image).toBe('seldonio/mlserver:1.3.5-sklearn');
    // MLSERVER_MODEL_NAME is the operator's: it appends it to every graph container (controller.go).
    expect(container.env).toEqual([
      { name: 'MLSERVER_MODEL_IMPLEMENTATION', value: 'mlserver_sklearn.SKLearnModel' },
      { name: 'MLSERVER_MODEL_VERSION', value: 'v7' },
      { name: 'MLSERVER_MODEL_URI', value: '/mnt/models' },
      { name: 'TEMPO_RUNTIME_OPTIONS', value: '{"k8s_options": {"defaultRuntime": "tempo.seldon.SeldonKubernetesRuntime", "namespace": "default"}}' },
      { name: 'EXTRA', value: 'x' },
    ]);
  });

  test('HUGGINGFACE adds its MLServer variables', () => {
    const { pod } = podOf({ server: PrepackagedServer.HUGGINGFACE, protocol: SeldonProtocol.V2 });
    expect(envOf(pod.containers[0])).toMatchObject({
      MLSERVER_MODEL_IMPLEMENTATION: 'mlserver_huggingface.HuggingFaceRuntime',
      MLSERVER_PARALLEL_WORKERS: '0',
      XDG_CACHE_HOME: '/opt/mlserver',
    });
    expect(pod.containers[0].image).toBe('seldonio/mlserver:1.3.5-huggingface');
  });

  test('TENSORFLOW under seldon: proxy plus tfserving, the initializer serves tfserving', () => {
    const { pod } = podOf({ server: PrepackagedServer.TENSORFLOW });
    expect(pod.containers.map((c: any) => c.name)).toEqual(['classifier', 'tfserving']);
    const [proxy, tfserving] = pod.containers;
    expect(proxy.image).toBe('seldonio/tfserving-proxy:1.18.2');
    expect(JSON.parse(envOf(proxy).PREDICTIVE_UNIT_PARAMETERS)).toEqual([
      { name: 'rest_endpoint', value: 'http://0.0.0.0:2001', type: 'STRING' },
      { name: 'grpc_endpoint', value: '0.0.0.0:2000', type: 'STRING' },
      { name: 'model_name', value: 'classifier', type: 'STRING' },
    ]);
    expect(proxy.volumeMounts).toBeUndefined();
    expect(tfserving).toMatchObject({
      image: 'tensorflow/serving:2.1.0',
      args: ['--port=2000', '--rest_api_port=2001', '--model_name=classifier', '--model_base_path=/mnt/models'],
      ports: [{ containerPort: 2000, protocol: 'TCP' }, { containerPort: 2001, protocol: 'TCP' }],
      volumeMounts: [{ name: 'tfserving-provision-location', mountPath: '/mnt/models', readOnly: true }],
    });
    expect(pod.initContainers[0].name).toBe('tfserving-model-initializer');
    expect(pod.volumes).toEqual([{ name: 'tfserving-provision-location', emptyDir: {} }]);
  });

  test('TENSORFLOW under seldon keeps user endpoints', () => {
    const { pod } = podOf({ server: PrepackagedServer.TENSORFLOW, parameters: [ModelParameter.stringValue('rest_endpoint', 'http://0.0.0.0:8501')] });
    expect(JSON.parse(envOf(pod.containers[0]).PREDICTIVE_UNIT_PARAMETERS).map((p: any) => p.name)).toEqual(['rest_endpoint', 'model_name']);
  });

  test('TENSORFLOW under tensorflow: TF Serving with named ports matching its arguments', () => {
    const { pod } = podOf({ server: PrepackagedServer.TENSORFLOW, protocol: SeldonProtocol.TENSORFLOW });
    expect(pod.containers).toHaveLength(1);
    expect(pod.containers[0]).toMatchObject({
      image: 'tensorflow/serving:2.1.0',
      args: ['--port=9500', '--rest_api_port=9000', '--model_name=classifier', '--model_base_path=/mnt/models'],
      ports: [{ name: 'http', containerPort: 9000, protocol: 'TCP' }, { name: 'grpc', containerPort: 9500, protocol: 'TCP' }],
    });
  });

  test('TRITON: the operator\'s arguments', () => {
    const { pod } = podOf({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.V2 });
    expect(pod.containers[0]).toMatchObject({
      image: 'nvcr.io/nvidia/tritonserver:21.08-py3',
      args: ['/opt/tritonserver/bin/tritonserver', '--grpc-port=9500', '--http-port=9000', '--model-repository=/mnt/models', '--strict-model-config=false'],
    });
  });

  test('a custom server with its image gets the model_uri parameter', () => {
    const { pod } = podOf({ server: PrepackagedServer.custom('MY_SERVER', { image: 'me/server:1.0' }) });
    expect(pod.containers[0].image).toBe('me/server:1.0');
    expect(envOf(pod.containers[0]).PREDICTIVE_UNIT_PARAMETERS).toBe('[{"name":"model_uri","value":"/mnt/models","type":"STRING"}]');
  });

  test('pvc:// mounts the claim read-only and copies from /mnt/pvc', () => {
    const chart = Testing.chart();
    const claim = new PersistentVolumeClaim(chart, 'claim', { metadata: { name: 'models-pvc' }, storage: Size.gibibytes(1) });
    new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.pvc(claim, 'sklearn/iris'), explicitStorageInitializer: true });
    const out = Testing.synth(chart);
    expect(out.map(o => o.kind)).toEqual(['PersistentVolumeClaim', 'SeldonDeployment']);
    const pod = out[1].spec.predictors[0].componentSpecs[0].spec;
    expect(pod.volumes).toEqual([
      { name: 'kfserving-pvc-source', persistentVolumeClaim: { claimName: 'models-pvc' } },
      { name: 'classifier-provision-location', emptyDir: {} },
    ]);
    expect(pod.initContainers[0].args).toEqual(['/mnt/pvc/sklearn/iris', '/mnt/models']);
    expect(pod.initContainers[0].volumeMounts).toEqual([
      { name: 'kfserving-pvc-source', mountPath: '/mnt/pvc', readOnly: true },
      { name: 'classifier-provision-location', mountPath: '/mnt/models' },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'kfserving-pvc-source', mountPath: '/mnt/pvc', readOnly: true },
      { name: 'classifier-provision-location', mountPath: '/mnt/models', readOnly: true },
    ]);
  });

  test('derived names are truncated to 63 characters as the operator does', () => {
    const graphName = `m${'x'.repeat(47)}`; // 48 characters, the longest node name (names.ts SELDON_NODE_CONTAINER_NAME)
    const { pod } = podOf({ graphName });
    expect(pod.initContainers[0].name).toBe(`${graphName}-model-initiali`);
    expect(pod.initContainers[0].name).toHaveLength(63);
    expect(pod.volumes[0].name).toBe(`${graphName}-provision-loca`);
  });

  test('a trailing "-" left by truncation is trimmed', () => {
    // No node name is long enough to show it in a manifest (the cut needs 56 characters); the operator's rule, as the library applies it:
    expect(operatorDerivedName('g'.repeat(56), '-model-initializer')).toBe(`${'g'.repeat(56)}-model`);
    expect(operatorDerivedName('g'.repeat(40), '-model-initializer')).toBe(`${'g'.repeat(40)}-model-initializer`);
  });

  test('MLServer containers get TEMPO_RUNTIME_OPTIONS with the namespace, as the operator sets it', () => {
    const { pod } = podOf({ server: PrepackagedServer.TEMPO, protocol: SeldonProtocol.V2, metadata: { namespace: 'models' } });
    expect(envOf(pod.containers[0]).TEMPO_RUNTIME_OPTIONS)
      .toBe('{"k8s_options": {"defaultRuntime": "tempo.seldon.SeldonKubernetesRuntime", "namespace": "models"}}');
    expect(envOf(pod.containers[0]).MLSERVER_MODEL_IMPLEMENTATION).toBe('tempo.mlserver.InferenceRuntime');
  });

  test('a custom server under V2 runs on the MLServer path', () => {
    const { pod } = podOf({ server: PrepackagedServer.custom('MY_SERVER', { image: 'me/server:1.0' }), protocol: SeldonProtocol.V2 });
    const env = envOf(pod.containers[0]);
    expect(env.MLSERVER_MODEL_URI).toBe('/mnt/models');
    expect(env.PREDICTIVE_UNIT_PARAMETERS).toBeUndefined();
    expect(env.MLSERVER_MODEL_IMPLEMENTATION).toBeUndefined();
  });
});
