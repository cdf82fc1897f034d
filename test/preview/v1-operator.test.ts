import { Json } from '../../src/k8s/json';
import { previewSeldonDeployment, setEnvVar } from '../../src/v1/operator';

/** A SeldonDeployment as users write it. */
function sdep(graph: Json, spec: Json = {}, predictor: Json = {}, name = 'iris'): Json {
  return {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: { name },
    spec: { ...spec, predictors: [{ name: 'default', replicas: 1, graph, ...predictor }] },
  };
}

const sklearn = (name = 'classifier', modelUri = 'gs://seldon-models/sklearn/iris'): Json => ({ name, implementation: 'SKLEARN_SERVER', modelUri });

function only(objects: Json[], kind: string): Json[] {
  return objects.filter(o => o.kind === kind);
}
const pod = (objects: Json[]) => only(objects, 'Deployment')[0].spec.template.spec;
const env = (container: Json) => Object.fromEntries((container.env ?? []).map((e: Json) => [e.name, e.value]));

describe('SetEnvVar (operator/utils/utils.go@v1.18.2)', () => {
  test('without override, a variable already present empties the whole list (SELDON-FACTS §1.6.1)', () => {
    const seven = ['A', 'B', 'C', 'D', 'E', 'F', 'PREDICTIVE_UNIT_PARAMETERS'].map(name => ({ name, value: '1' }));
    expect(setEnvVar(seven, { name: 'PREDICTIVE_UNIT_PARAMETERS', value: '2' }, false)).toEqual([]);
    expect(setEnvVar(seven, { name: 'NEW', value: '2' }, false)).toHaveLength(8);
  });
  test('with override, the last variable of that name is replaced in place', () => {
    const list = [{ name: 'A', value: '1' }, { name: 'B', value: '1' }, { name: 'A', value: '2' }];
    expect(setEnvVar(list, { name: 'A', value: '3' }, true)).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '1' }, { name: 'A', value: '3' }]);
  });
});

describe('SKLEARN_SERVER, seldon protocol (prepackaged.go addModelDefaultServers; defaults.go; controller.go)', () => {
  const preview = previewSeldonDeployment(sdep(sklearn()));
  const spec = pod(preview.objects);

  test('one Deployment named <sdep>-<predictor>-0-<container>, two Services, no problem', () => {
    expect(preview.problems).toEqual([]);
    expect(preview.objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/iris-default-0-classifier', 'Service/iris-default-classifier', 'Service/iris-default',
    ]);
    expect(preview.objects[0].metadata.namespace).toBe('default');
    expect(preview.objects[0].spec.replicas).toBe(1);
  });

  test('two containers (prepackaged_servers_test.go): the server and the executor', () => {
    expect(spec.containers.map((c: Json) => c.name)).toEqual(['classifier', 'seldon-container-engine']);
    const server = spec.containers[0];
    expect(server.image).toBe('seldonio/sklearnserver:1.18.2');
    expect(server.ports).toEqual([
      { name: 'metrics', containerPort: 6000, protocol: 'TCP' },
      { name: 'http', containerPort: 9000, protocol: 'TCP' },
      { name: 'grpc', containerPort: 9500, protocol: 'TCP' },
    ]);
    expect(server.readinessProbe).toEqual({
      tcpSocket: { port: 9000 }, initialDelaySeconds: 20, periodSeconds: 5, successThreshold: 1, failureThreshold: 3, timeoutSeconds: 1,
    });
    expect(server.livenessProbe.initialDelaySeconds).toBe(60);
    expect(env(server)).toMatchObject({
      PREDICTIVE_UNIT_SERVICE_PORT: '9000',
      PREDICTIVE_UNIT_PARAMETERS: '[{"name":"model_uri","value":"/mnt/models","type":"STRING"}]',
      PREDICTOR_LABELS: '{"version":"default"}',
      SELDON_DEPLOYMENT_ID: 'iris',
      PREDICTIVE_UNIT_METRICS_SERVICE_PORT: '6000',
    });
  });

  test('the storage initializer: init container, emptyDir and read-only mount (model_initializer_injector.go)', () => {
    expect(spec.initContainers).toEqual([{
      name: 'classifier-model-initializer',
      image: 'seldonio/rclone-storage-initializer:1.18.2',
      imagePullPolicy: 'IfNotPresent',
      args: ['gs://seldon-models/sklearn/iris', '/mnt/models'],
      volumeMounts: [{ name: 'classifier-provision-location', mountPath: '/mnt/models', readOnly: false }],
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '100Mi' } },
    }]);
    expect(spec.volumes.map((v: Json) => v.name)).toEqual(['seldon-podinfo', 'classifier-provision-location']);
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'classifier-provision-location', mountPath: '/mnt/models', readOnly: true });
  });

  test('pod defaults (createDeploymentWithoutEngine, security.go): runAsUser 8888, grace 20s, podinfo volume', () => {
    expect(spec.securityContext).toEqual({ runAsUser: 8888 });
    expect(spec.terminationGracePeriodSeconds).toBe(20);
    expect(spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath).toBe('metadata.annotations');
    expect(preview.objects[0].spec.template.metadata.labels).toMatchObject({
      'seldon-deployment-id': 'iris',
      'app': 'iris-default-0-classifier',
      'version': 'default',
      'seldon.io/model': 'true',
      'seldon-app': 'iris-default',
      'seldon-app-svc-classifier': 'iris-default-classifier',
    });
  });

  test('the executor (seldondeployment_engine.go): image, ports, resources, user, the predictor it runs', () => {
    const engine = spec.containers[1];
    expect(engine.image).toBe('docker.io/seldonio/seldon-core-executor:1.18.2');
    expect(engine.ports.map((p: Json) => `${p.name}:${p.containerPort}`)).toEqual(['http:8000', 'metrics:8000', 'grpc:5001']);
    expect(engine.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(engine.securityContext).toEqual({ runAsUser: 8888, allowPrivilegeEscalation: false });
    const predictor = JSON.parse(Buffer.from(env(engine).ENGINE_PREDICTOR, 'base64').toString());
    expect(predictor.graph.endpoint).toEqual({ service_host: 'localhost', service_port: 9000, httpPort: 9000, grpcPort: 9500 });
    expect(predictor.graph.type).toBe('MODEL');
  });

  test('Services: the container\'s on its ports, the predictor\'s on the executor\'s', () => {
    const [container, predictor] = only(preview.objects, 'Service');
    expect(container.spec.ports.map((p: Json) => p.port)).toEqual([9000, 9500]);
    expect(container.spec.selector).toEqual({ 'seldon-app-svc-classifier': 'iris-default-classifier' });
    expect(predictor.spec.ports.map((p: Json) => p.port)).toEqual([8000, 5001]);
    expect(predictor.spec.selector).toEqual({ 'seldon-app': 'iris-default' });
  });
});

describe('MLServer under the v2 protocol (mlserver.go mergeMLServerContainer)', () => {
  const server = pod(previewSeldonDeployment(sdep(sklearn(), { protocol: 'v2' })).objects).containers[0];
  test('ports are replaced by [grpc, http]; probes become httpGet /v2/health/* with the TCP probes\' timings', () => {
    expect(server.image).toBe('seldonio/mlserver:1.3.5-sklearn');
    expect(server.ports.map((p: Json) => p.name)).toEqual(['grpc', 'http']);
    expect(server.readinessProbe).toEqual({ httpGet: { path: '/v2/health/ready', port: 'http', scheme: 'HTTP' }, initialDelaySeconds: 20, periodSeconds: 5, successThreshold: 1, failureThreshold: 3, timeoutSeconds: 1 });
    expect(server.livenessProbe.httpGet.path).toBe('/v2/health/live');
  });
  test('MLServer variables first, the container\'s merged in; the namespace in TEMPO_RUNTIME_OPTIONS', () => {
    const names = server.env.map((e: Json) => e.name);
    expect(names.slice(0, 7)).toEqual(['MLSERVER_HTTP_PORT', 'MLSERVER_GRPC_PORT', 'MLSERVER_MODEL_IMPLEMENTATION', 'MLSERVER_MODEL_NAME', 'MLSERVER_MODEL_VERSION', 'MLSERVER_MODEL_URI', 'TEMPO_RUNTIME_OPTIONS']);
    expect(names.filter((n: string) => n === 'MLSERVER_MODEL_NAME')).toHaveLength(1);
    expect(env(server).TEMPO_RUNTIME_OPTIONS).toContain('"namespace": "default"');
    expect(env(server).PREDICTIVE_UNIT_PARAMETERS).toBeUndefined();
  });
});

describe('TENSORFLOW_SERVER (prepackaged.go addTFServerContainer)', () => {
  test('seldon protocol: proxy, tfserving and executor; the initializer serves tfserving', () => {
    const spec = pod(previewSeldonDeployment(sdep({ name: 'tf', implementation: 'TENSORFLOW_SERVER', modelUri: 'gs://m/tf' })).objects);
    expect(spec.containers.map((c: Json) => c.name)).toEqual(['tf', 'tfserving', 'seldon-container-engine']);
    expect(spec.containers[0].image).toBe('seldonio/tfserving-proxy:1.18.2');
    expect(JSON.parse(env(spec.containers[0]).PREDICTIVE_UNIT_PARAMETERS).map((p: Json) => p.name)).toEqual(['rest_endpoint', 'grpc_endpoint', 'model_name']);
    expect(spec.containers[1].args).toEqual(['--port=2000', '--rest_api_port=2001', '--model_name=tf', '--model_base_path=/mnt/models']);
    expect(spec.initContainers[0].name).toBe('tfserving-model-initializer');
  });
  test('tensorflow protocol: the node container is TF Serving on the allocated ports', () => {
    const spec = pod(previewSeldonDeployment(sdep({ name: 'tf', implementation: 'TENSORFLOW_SERVER', modelUri: 'gs://m/tf' }, { protocol: 'tensorflow' })).objects);
    expect(spec.containers.map((c: Json) => c.name)).toEqual(['tf', 'seldon-container-engine']);
    expect(spec.containers[0].image).toBe('tensorflow/serving:2.1.0');
    expect(spec.containers[0].args).toEqual(['--port=9500', '--rest_api_port=9000', '--model_name=tf', '--model_base_path=/mnt/models']);
  });
});

describe('TRITON_SERVER (prepackaged.go addTritonServer)', () => {
  test('args filled, TCP probes kept, ports replaced by grpc and http', () => {
    const server = pod(previewSeldonDeployment(sdep({ name: 't', implementation: 'TRITON_SERVER', modelUri: 'gs://m/t' }, { protocol: 'v2' })).objects).containers[0];
    expect(server.image).toBe('nvcr.io/nvidia/tritonserver:21.08-py3');
    expect(server.args).toEqual(['/opt/tritonserver/bin/tritonserver', '--grpc-port=9500', '--http-port=9000', '--model-repository=/mnt/models', '--strict-model-config=false']);
    expect(server.readinessProbe.tcpSocket).toEqual({ port: 9000 });
    expect(server.ports.map((p: Json) => p.name)).toEqual(['grpc', 'http']);
  });
});

describe('defects of the operator the preview shows', () => {
  test('the SetEnvVar trap: a declared PREDICTIVE_UNIT_HTTP_SERVICE_PORT wipes the container\'s env (controller.go addPortEnvs)', () => {
    const preview = previewSeldonDeployment(sdep({ name: 'c', type: 'MODEL' }, {}, {
      componentSpecs: [{ spec: { containers: [{ name: 'c', image: 'me/c:1', env: [{ name: 'FOO', value: '1' }, { name: 'PREDICTIVE_UNIT_HTTP_SERVICE_PORT', value: '9000' }] }] } }],
    }));
    const container = pod(preview.objects).containers[0];
    expect(env(container).FOO).toBeUndefined();
    expect(env(container).MLSERVER_HTTP_PORT).toBe('9000');
  });
  test('two pvc:// nodes in one pod give two volumes named kfserving-pvc-source (model_initializer_injector.go)', () => {
    const graph = { name: 'r', implementation: 'RANDOM_ABTEST', children: [sklearn('a', 'pvc://models/a'), sklearn('b', 'pvc://models/b')] };
    const spec = pod(previewSeldonDeployment(sdep(graph)).objects);
    expect(spec.volumes.filter((v: Json) => v.name === 'kfserving-pvc-source')).toHaveLength(2);
    expect(spec.initContainers.map((c: Json) => c.args[0])).toEqual(['/mnt/pvc/a', '/mnt/pvc/b']);
  });
  test('an implementation without a predictor_servers entry fails the reconcile', () => {
    expect(previewSeldonDeployment(sdep({ name: 'x', implementation: 'ACME_SERVER', modelUri: 'gs://m' })).problems).toEqual(['Failed to get server config for ACME_SERVER']);
  });
});

describe('graphs and ports (defaults.go)', () => {
  test('children get the next ports; the built-in router has no container; the executor goes to the localhost node', () => {
    const graph = { name: 'r', implementation: 'RANDOM_ABTEST', children: [sklearn('a'), sklearn('b')] };
    const preview = previewSeldonDeployment(sdep(graph));
    const spec = pod(preview.objects);
    expect(spec.containers.map((c: Json) => c.name)).toEqual(['a', 'b', 'seldon-container-engine']);
    expect(spec.containers.map((c: Json) => c.ports?.find((p: Json) => p.name === 'http')?.containerPort)).toEqual([9000, 9001, 8000]);
    expect(preview.defaulted.spec.predictors[0].graph.type).toBeUndefined();
    expect(preview.objects[0].metadata.name).toBe('iris-default-0-a-b');
  });
  test('names over 63 characters become seldon-<md5> (seldondeployment_types.go)', () => {
    const long = 'x'.repeat(64);
    const preview = previewSeldonDeployment(sdep(sklearn(), {}, {}, long));
    expect(preview.objects[0].metadata.name).toMatch(/^seldon-[0-9a-f]{32}$/);
    expect(preview.objects[0].metadata.labels['seldon-deployment-id']).toMatch(/^seldon-[0-9a-f]{32}$/);
  });
});

describe('HPA, KEDA and PDB (controller.go createHpa, createKeda, createPdb)', () => {
  const spec = (extra: Json) => sdep(sklearn(), {}, { componentSpecs: [{ ...extra, spec: { containers: [{ name: 'classifier', resources: { requests: { cpu: '1' } } }] } }] });
  test('hpaSpec: an HPA on the Deployment, which then has no replicas', () => {
    const objects = previewSeldonDeployment(spec({ hpaSpec: { minReplicas: 1, maxReplicas: 3, metricsv2: [{ type: 'Resource' }] } })).objects;
    const hpa = only(objects, 'HorizontalPodAutoscaler')[0];
    expect(hpa.spec).toEqual({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'iris-default-0-classifier' }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource' }] });
    expect(only(objects, 'Deployment')[0].spec.replicas).toBeUndefined();
  });
  test('kedaSpec wins over hpaSpec; pdbSpec selects the whole SeldonDeployment', () => {
    const scaling = { hpaSpec: { maxReplicas: 3 }, kedaSpec: { minReplicaCount: 0, triggers: [] }, pdbSpec: { minAvailable: 1 } };
    const objects = previewSeldonDeployment(spec(scaling)).objects;
    expect(objects.map(o => o.kind)).toEqual(['Deployment', 'Service', 'Service', 'ScaledObject', 'PodDisruptionBudget']);
    expect(only(objects, 'PodDisruptionBudget')[0].spec).toEqual({ minAvailable: 1, selector: { matchLabels: { 'seldon-deployment-id': 'iris' } } });
  });
});
