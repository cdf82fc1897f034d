/**
 * `convertManifests`: which construct each manifest becomes, what the code
 * looks like, and that every program synthesizes its input again.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { converted, roundTripText, seldonDeploymentHead } from './helpers';
import { convertManifests } from '../../src/convert';
import { summaryLines } from '../../src/convert/files';


const sdep = (graph: string, extra = '') => `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: iris
spec:${extra}
  predictors:
  - name: default
    replicas: 1
    graph:
${graph}`;

const SKLEARN_NODE = `      name: classifier
      implementation: SKLEARN_SERVER
      modelUri: gs://seldon-models/sklearn/iris`;

describe('SeldonDeployment', () => {
  test('one prepackaged node: PrepackagedModel with ModelUri.gcs, no redundant defaults, no patch', () => {
    const result = converted(sdep(SKLEARN_NODE), 'iris.yaml');
    expect(result.objects).toEqual([expect.objectContaining({ object: 'SeldonDeployment/iris', status: 'converted', construct: 'PrepackagedModel', patchedFields: [] })]);
    expect(result.code).toMatchSnapshot();
    expect(result.code).toContain("new PrepackagedModel(chart, 'iris', {");
    expect(result.code).toContain("modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),");
    expect(result.code).not.toMatch(/replicas|predictorName|graphName|JsonPatch/);
    expect(result.code).toContain("const chart = new Chart(app, 'iris');");
  });

  test('the deprecated spec.name, which Seldon never reads, is left out: no patch; the code and the outcome say so', () => {
    const result = converted(sdep(SKLEARN_NODE, '\n  name: iris-deployment'), 'iris.yaml');
    expect(result.objects).toEqual([expect.objectContaining({ status: 'converted', patchedFields: [], droppedFields: ['spec.name'] })]);
    expect(result.code).toContain("// Left out: spec.name (Seldon's operator, webhook and executor never read it).\nnew PrepackagedModel(chart, 'iris', {");
    expect(result.code).not.toMatch(/iris-deployment|JsonPatch/);
    expect(summaryLines([result])).toContain('    left out (Seldon never reads it): spec.name');
  });

  test('a field Seldon\'s CRD does not declare (a misspelling) is kept as written, and the code and the outcome say the API server drops it', () => {
    const result = converted(sdep(`${SKLEARN_NODE}\n      modelURI: gs://seldon-models/sklearn/iris-v2`), 'iris.yaml');
    expect(result.objects).toEqual([expect.objectContaining({
      status: 'patched', patchedFields: ['spec.predictors[].graph.modelURI'], unknownFields: ['spec.predictors[0].graph.modelURI'],
    })]);
    expect(result.code).toContain("// Not in Seldon's SeldonDeployment CRD, kept as written: spec.predictors[0].graph.modelURI. "
      + 'The API server drops it when it stores the object, so Seldon never reads it (a misspelt field?).');
    expect(result.code).toContain("JsonPatch.add('/spec/predictors/0/graph/modelURI', 'gs://seldon-models/sklearn/iris-v2')");
    expect(summaryLines([result])).toContain("    not in Seldon's CRD (the API server drops it; a misspelt field?), kept as written: spec.predictors[0].graph.modelURI");
    // A declared field is no unknown one, and an object of another group has none.
    expect(converted(sdep(SKLEARN_NODE), 'iris.yaml').objects[0].unknownFields).toBeUndefined();
    const tekton = converted('apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata: { name: build }\nspec: { taskz: [] }\n');
    expect(tekton.objects[0].unknownFields).toBeUndefined();
  });

  test('an ApiObject with fields its CRD does not declare says so too, each with its list index', () => {
    const text = 'apiVersion: mlops.seldon.io/v1alpha1\nkind: SeldonConfig\nmetadata: { name: default }\nspec:\n'
      + '  components:\n  - name: seldon-scheduler\n    serviceAccountName: envoy\n    replicaz: 2\n';
    const result = converted(text, 'config.yaml');
    expect(result.objects[0]).toMatchObject({ status: 'api-object', unknownFields: ['spec.components[0].serviceAccountName', 'spec.components[0].replicaz'] });
    expect(result.code).toContain("// Not in Seldon's SeldonConfig CRD, kept as written: spec.components[0].serviceAccountName, spec.components[0].replicaz. "
      + 'The API server drops them when it stores the object, so Seldon never reads them (a misspelt field?).');
  });

  test('v1alpha2 and v1alpha3 are converted as v1 (the served versions share one schema)', () => {
    for (const version of ['v1alpha2', 'v1alpha3']) {
      const result = converted(sdep(SKLEARN_NODE).replace('machinelearning.seldon.io/v1', `machinelearning.seldon.io/${version}`));
      expect(result.objects[0].status).toBe('converted');
    }
  });

  test('canary and shadow predictors: withCanary and withShadow', () => {
    const text = `${sdep(SKLEARN_NODE).replace('replicas: 1', 'replicas: 1\n    traffic: 75')}
  - name: canary
    traffic: 25
    graph:
      name: classifier
      implementation: SKLEARN_SERVER
      modelUri: gs://seldon-models/sklearn/iris-v2
  - name: mirror
    shadow: true
    graph:
      name: classifier
      implementation: SKLEARN_SERVER
      modelUri: gs://seldon-models/sklearn/iris-v3
`;
    const result = converted(text);
    expect(result.objects[0]).toMatchObject({ status: 'converted', construct: 'PrepackagedModel' });
    expect(result.code).toContain("\n  .withCanary({ modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris-v2'), traffic: 25 })\n");
    expect(result.code).toContain("\n  .withShadow({ modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris-v3'), predictorName: 'mirror' });\n");
  });

  test('a canary whose one container says only its resources and env: withCanary({ resources, env })', () => {
    const text = `${sdep(SKLEARN_NODE).replace('replicas: 1', 'replicas: 1\n    traffic: 75')}
  - name: canary
    traffic: 25
    componentSpecs:
    - spec:
        containers:
        - name: classifier
          resources: { requests: { memory: 2Gi } }
          env: [{ name: MODE, value: fast }]
    graph:
      name: classifier
      implementation: SKLEARN_SERVER
      modelUri: gs://seldon-models/sklearn/iris-v2
`;
    const result = converted(text);
    expect(result.objects[0]).toMatchObject({ status: 'converted', construct: 'PrepackagedModel', patchedFields: [] });
    expect(result.code).toContain("    resources: { memory: { request: Size.gibibytes(2) } },\n    env: { MODE: EnvValue.fromValue('fast') },\n");
    // Anything else in the canary's componentSpec keeps the general SeldonDeployment.
    const other = converted(text.replace('          env: [{ name: MODE, value: fast }]', '          env: [{ name: MODE, value: fast }]\n          imagePullPolicy: Always'));
    expect(other.objects[0]).toMatchObject({ construct: 'SeldonDeployment' });
  });

  test('a graph: SeldonDeployment with PredictiveUnit.component, builtIn and prepackaged; container settings as cdk8s-plus types', () => {
    const text = `${seldonDeploymentHead('income')}    componentSpecs:
    - spec:
        containers:
        - name: preprocess
          image: example.com/transformer:1.0
          resources: { requests: { cpu: 250m, memory: 512Mi }, limits: { cpu: "1" } }
          env: [{ name: MODE, value: fast }]
    graph:
      name: preprocess
      type: TRANSFORMER
      children:
      - name: ab
        implementation: RANDOM_ABTEST
        parameters: [{ name: ratioA, value: "0.3", type: FLOAT }]
        children:
        - { name: a, implementation: XGBOOST_SERVER, modelUri: "s3://models/a", envSecretRefName: creds }
        - { name: b, implementation: MLFLOW_SERVER, modelUri: "gs://models/b", children: [] }
`;
    const result = converted(text);
    expect(result.objects[0]).toMatchObject({ status: 'converted', construct: 'SeldonDeployment' });
    expect(result.code).toMatchSnapshot();
    expect(result.code).toContain('unitType: PredictiveUnitType.TRANSFORMER');
    expect(result.code).toContain('cpu: { request: Cpu.millis(250), limit: Cpu.units(1) }');
    expect(result.code).toContain('memory: { request: Size.mebibytes(512) }');
    expect(result.code).toContain("env: { MODE: EnvValue.fromValue('fast') }");
    expect(result.code).toContain("parameters: [ModelParameter.floatValue('ratioA', 0.3)]");
    // A Secret outside the file is referenced by name, once.
    expect(result.code).toContain("const creds = Secret.fromSecretName(chart, 'creds', 'creds');");
    expect(result.code).toContain('credentials: creds,');
  });

  test('fields without a prop become JSON patches, each named in a comment and in the outcome', () => {
    const text = `${sdep(`${SKLEARN_NODE}\n      endpoint: { type: GRPC }`, '\n  transport: grpc\n  annotations: { seldon.io/engine-separate-pod: "false" }')}
    componentSpecs:
    - spec:
        containers:
        - name: classifier
          securityContext: { capabilities: { add: [NET_ADMIN] } }
`;
    const result = converted(text);
    const outcome = result.objects[0];
    expect(outcome.status).toBe('patched');
    // separateEnginePod says only "true" (the operator leaves "false" out): the annotation stays as written.
    expect(outcome.patchedFields).toEqual(['spec.annotations', 'spec.predictors[].componentSpecs']);
    expect(result.code).toContain("// Not expressible with PrepackagedModel's props, applied after rendering:");
    expect(result.code).toContain('//   spec.predictors[].componentSpecs');
    expect(result.code).toContain("JsonPatch.add('/spec/annotations', { 'seldon.io/engine-separate-pod': 'false' })");
    expect(result.code).toContain('transport: Transport.GRPC,');
    expect(result.code).toContain('endpointType: EndpointType.GRPC,');
  });

  const production = (annotations: string, engine: string) => `${sdep(SKLEARN_NODE, `
  replicas: 2
  annotations:${annotations}
    seldon.io/istio-gateway: kubeflow/kubeflow-gateway`).replace('    replicas: 1\n', '')}
    progressDeadlineSeconds: 600
    svcOrchSpec:${engine}
      env: [{ name: SELDON_LOG_LEVEL, value: DEBUG }]
`;
  const TIMEOUTS = '\n    seldon.io/rest-timeout: "5000"\n    seldon.io/grpc-max-message-size: "104857600"';
  const SEPARATE = '\n    seldon.io/engine-separate-pod: "true"';

  test('production settings as typed props: executor annotations as Duration and Size, predictor deadline, executor env', () => {
    const result = converted(production(TIMEOUTS, ''));
    // PrepackagedModel has no prop for spec.replicas, and renders the predictor's replicas, which spec.replicas leaves unset.
    expect(result.objects[0]).toMatchObject({ status: 'patched', patchedFields: ['spec.replicas', 'spec.predictors[].replicas'] });
    expect(result.code).toContain('restTimeout: Duration.millis(5000),');
    expect(result.code).toContain('grpcMaxMessageSize: Size.mebibytes(100),');
    expect(result.code).toContain("annotations: { 'seldon.io/istio-gateway': 'kubeflow/kubeflow-gateway' },");
    expect(result.code).toContain('progressDeadline: Duration.seconds(600),');
    expect(result.code).toContain("engineEnv: { SELDON_LOG_LEVEL: EnvValue.fromValue('DEBUG') },");
  });

  test('a separate executor pod as typed props, with its replicas', () => {
    const result = converted(production(SEPARATE, '\n      replicas: 2'));
    expect(result.objects[0]).toMatchObject({ status: 'patched', patchedFields: ['spec.replicas', 'spec.predictors[].replicas'] });
    expect(result.code).toContain('separateEnginePod: true,');
    expect(result.code).toContain('engineReplicas: 2,');
  });

  test('timeouts beside a separate executor pod, which Seldon drops, are carried as written instead of typed', () => {
    const result = converted(production(TIMEOUTS + SEPARATE, '\n      replicas: 2'));
    // The library refuses the typed form (the executor's own pod gets none of these annotations); the round trip stays exact.
    expect(result.objects[0].patchedFields).toContain('spec.annotations');
    expect(result.code).not.toContain('restTimeout: Duration.millis(5000),');
  });

  test('what Seldon treats as equal needs no patch: empty children, the REST endpoint, quantity spellings, replicas 1', () => {
    const text = sdep(`${SKLEARN_NODE}\n      children: []\n      endpoint: { type: REST }\n`).replace('    replicas: 1\n', '') + `    componentSpecs:
    - spec:
        containers:
        - name: classifier
          resources: { requests: { memory: 1024Mi, cpu: "0.5" } }
`;
    const result = converted(text);
    expect(result.objects[0]).toMatchObject({ status: 'converted', patchedFields: [] });
    expect(result.code).toContain('memory: { request: Size.gibibytes(1) }');
  });

  test('a pod grace period of 20 s is the operator\'s own (seldondeployment_controller.go): not written; another value is terminationGracePeriod', () => {
    const pod = (seconds: number) => `${sdep(SKLEARN_NODE)}
    componentSpecs:
    - spec:
        terminationGracePeriodSeconds: ${seconds}
        containers:
        - name: classifier
          resources: { requests: { memory: 1Gi } }
`;
    expect(converted(pod(20)).objects[0]).toMatchObject({ status: 'converted', patchedFields: [] });
    const one = converted(pod(1));
    expect(one.objects[0]).toMatchObject({ status: 'converted', patchedFields: [] });
    expect(one.code).toContain('terminationGracePeriod: Duration.seconds(1),');
  });

  test('a node container\'s GPU limit is the gpu prop', () => {
    const text = `${sdep(SKLEARN_NODE)}
    componentSpecs:
    - spec:
        containers:
        - name: classifier
          resources: { limits: { nvidia.com/gpu: 2 } }
`;
    const result = converted(text);
    expect(result.objects[0]).toMatchObject({ status: 'converted', construct: 'PrepackagedModel' });
    expect(result.code).toContain('gpu: Gpu.nvidia(2),');
  });

  test('a deployment the webhook rejects is an error naming the rule, and gets no code', () => {
    const text = `${sdep(SKLEARN_NODE)}
  - name: canary
    traffic: 30
    graph:
      name: classifier
      implementation: SKLEARN_SERVER
      modelUri: gs://seldon-models/sklearn/iris-v2
`;
    const result = convertManifests(text, 'bad.yaml');
    expect(result.code).toBeUndefined();
    expect(result.objects).toEqual([expect.objectContaining({ status: 'error' })]);
    expect(result.objects[0].message).toBe("SeldonDeployment 'bad.yaml#0 iris': spec.predictors[].traffic add up to 30 over default=0, canary=30 (\"Traffic must sum to 100 for multiple predictors\"); "
      + 'traffic of the non-shadow predictors adding up to 100');
  });

  test.each([
    ['protocol', sdep(SKLEARN_NODE, '\n  protocol: grpc'), /spec\.protocol "grpc" is rejected by the webhook \("Invalid protocol"\); accepted: seldon, tensorflow, kfserving, v2/],
    ['missing modelUri', sdep('      name: classifier\n      implementation: SKLEARN_SERVER'), /graph\.modelUri is missing; Seldon's webhook requires it on a SKLEARN_SERVER node \("Predictive unit modelUri required/],
    ['no container', sdep('      name: classifier\n      type: MODEL'), /graph node "classifier" has no implementation and no container of its name \("Can't find container for Predictive Unit"\)/],
    ['lone shadow', sdep(SKLEARN_NODE).replace('replicas: 1', 'shadow: true'), /\("Shadow can not exist as only predictor"\)/],
    ['logger without mode', sdep(`${SKLEARN_NODE}\n      logger: { url: http://x }`), /logger\.mode is missing \(the webhook says "No logger mode specified"\); accepted: all, request, response/],
    ['tensorflow protocol', sdep(SKLEARN_NODE, '\n  protocol: tensorflow'), /\("Prepackaged server does not handle tensorflow protocol"\)/],
    ['transport against endpoint type', sdep(`${SKLEARN_NODE}\n      endpoint: { type: GRPC }`, '\n  transport: rest'), /spec\.transport "rest" disagrees with node classifier's endpoint\.type GRPC \("Mixed transport types found"\)/],
  ])('webhook rule: %s', (_name, text, message) => {
    const result = convertManifests(text, 'bad.yaml');
    expect(result.objects[0].status).toBe('error');
    expect(result.objects[0].message).toMatch(/^SeldonDeployment 'bad\.yaml#0 iris': /);
    expect(result.objects[0].message).toMatch(message);
  });

  test('a deployment the library rejects but Seldon may accept is kept as an ApiObject, with the library\'s reason', () => {
    // s3:// without credentials: the installation may set a default Secret for every deployment.
    const result = converted(sdep('      name: classifier\n      implementation: SKLEARN_SERVER\n      modelUri: s3://models/iris'));
    expect(result.objects[0]).toMatchObject({ status: 'api-object', construct: 'ApiObject' });
    expect(result.objects[0].message).toMatch(/credentials are missing/);
    expect(result.code).toContain("new ApiObject(chart, 'iris', {");
  });
});

describe('Secrets', () => {
  const minio = `apiVersion: v1
kind: Secret
metadata:
  name: minio-creds
type: Opaque
stringData:
  RCLONE_CONFIG_S3_TYPE: s3
  RCLONE_CONFIG_S3_PROVIDER: minio
  RCLONE_CONFIG_S3_ENV_AUTH: "false"
  RCLONE_CONFIG_S3_ACCESS_KEY_ID: minioadmin
  RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: minio-secret-key
  RCLONE_CONFIG_S3_ENDPOINT: http://minio.minio-system:9000
---
${sdep('      name: classifier\n      implementation: SKLEARN_SERVER\n      modelUri: s3://models/iris\n      envSecretRefName: minio-creds')}`;

  test('an rclone Secret becomes RcloneSecret with RcloneRemote.minio; credentials come from the environment, the model gets the Secret object', () => {
    const result = converted(minio);
    expect(result.objects.map(o => [o.object, o.status, o.construct])).toEqual([
      ['Secret/minio-creds', 'converted', 'RcloneSecret'],
      ['SeldonDeployment/iris', 'converted', 'PrepackagedModel'],
    ]);
    expect(result.code).toMatchSnapshot();
    expect(result.code).not.toContain('minio-secret-key');
    expect(result.code).not.toContain('minioadmin');
    expect(result.code).toContain("secretAccessKey: fromEnv('MINIO_CREDS_SECRET_ACCESS_KEY')");
    expect(result.code).toContain('credentials: minioCreds,');
    expect(result.credentials).toEqual({ MINIO_CREDS_ACCESS_KEY_ID: 'minioadmin', MINIO_CREDS_SECRET_ACCESS_KEY: 'minio-secret-key' });
  });

  test('--inline-credentials writes them into the code', () => {
    const result = converted(minio, 'm.yaml', { inlineCredentials: true });
    expect(result.code).toContain("secretAccessKey: 'minio-secret-key'");
    expect(result.code).not.toContain('fromEnv');
    expect(result.credentials).toEqual({});
  });

  test('a v2 storage Secret (YAML document) becomes RcloneSecret in format V2_DOCUMENT', () => {
    const result = converted(`apiVersion: v1
kind: Secret
metadata: { name: s3-v2 }
stringData:
  s3: |
    type: s3
    name: s3
    parameters:
      provider: aws
      env_auth: true
`);
    expect(result.objects[0]).toMatchObject({ status: 'converted', construct: 'RcloneSecret' });
    expect(result.code).toContain('format: RcloneSecretFormat.V2_DOCUMENT');
    // RcloneRemote.s3() would add empty keys, which this document lacks: custom() says exactly what it holds.
    expect(result.code).toContain("RcloneRemote.custom('s3', 's3', { env_auth: 'true', provider: 'aws' })");
  });

  test('base64 data is read as clear text', () => {
    const result = converted(`apiVersion: v1
kind: Secret
metadata: { name: gcs }
data:
  RCLONE_CONFIG_GCS_TYPE: ${Buffer.from('google cloud storage').toString('base64')}
  RCLONE_CONFIG_GCS_ANONYMOUS: ${Buffer.from('true').toString('base64')}
`);
    expect(result.objects[0]).toMatchObject({ status: 'converted' });
    expect(result.code).toContain('remotes: [RcloneRemote.gcs()]');
  });

  test('any other Secret is an ApiObject whose values are read from the environment', () => {
    const result = converted(`apiVersion: v1
kind: Secret
metadata: { name: tls }
type: kubernetes.io/tls
stringData: { tls.crt: CERTIFICATE, tls.key: PRIVATE-KEY }
`);
    expect(result.objects[0]).toMatchObject({ status: 'api-object' });
    expect(result.code).not.toContain('PRIVATE-KEY');
    expect(result.code).toContain("'tls.key': fromEnv('TLS_TLS_KEY')");
  });
});

describe('Seldon Core v2', () => {
  test('a Model pinned to a Server of the same file gets the Server object; Pipeline steps and Experiment targets the Models', () => {
    const text = `apiVersion: mlops.seldon.io/v1alpha1
kind: Server
metadata: { name: triton-gpu, namespace: seldon-mesh }
spec: { serverConfig: triton, replicas: 2, extraCapabilities: [gpu] }
---
apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata: { name: a, namespace: seldon-mesh }
spec: { storageUri: "gs://models/a", requirements: [onnx], server: triton-gpu, replicas: 2 }
---
apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata: { name: b, namespace: seldon-mesh }
spec: { storageUri: "gs://models/b", requirements: [onnx], server: triton-gpu }
---
apiVersion: mlops.seldon.io/v1alpha1
kind: Pipeline
metadata: { name: ab, namespace: seldon-mesh }
spec:
  steps: [{ name: a }, { name: b, inputs: [a.outputs] }, { name: c, inputs: [b] }]
  output: { steps: [c] }
---
apiVersion: mlops.seldon.io/v1alpha1
kind: Experiment
metadata: { name: split, namespace: seldon-mesh }
spec:
  candidates: [{ name: a, weight: 90 }, { name: b, weight: 10 }]
  mirror: { name: c, percent: 5 }
`;
    const result = converted(text, 'v2.yaml');
    expect(result.objects.map(o => o.status)).toEqual(['converted', 'converted', 'converted', 'converted', 'converted']);
    expect(result.code).toMatchSnapshot();
    expect(result.code).toContain("const chart = new Chart(app, 'v2', { namespace: 'seldon-mesh' });");
    expect(result.code).toContain('serverConfig: ServerConfigRef.TRITON');
    expect(result.code).toContain('server: tritonGpu,');
    expect(result.code).toContain('ab.addStep(a);');
    expect(result.code).toContain("ab.addStepForModelName('c', { inputs: [StepRef.fromString('b')] });");
    expect(result.code).toContain('{ target: ExperimentTarget.model(a), weight: 90 }');
    expect(result.code).toContain("mirror: { target: ExperimentTarget.modelName('c'), percent: 5 }");
  });

  test('a Server mounting a claim into rclone: mountPvc, advertising the "pvc" capability it lists', () => {
    const text = `apiVersion: mlops.seldon.io/v1alpha1
kind: Server
metadata: { name: pvc-server }
spec:
  serverConfig: mlserver
  extraCapabilities: [pvc]
  podSpec:
    volumes: [{ name: models, persistentVolumeClaim: { claimName: models } }]
    containers: [{ name: rclone, volumeMounts: [{ name: models, mountPath: /var/models, readOnly: true }] }]
`;
    const result = converted(text);
    expect(result.objects[0]).toMatchObject({ status: 'converted' });
    expect(result.code).toContain("pvcServer.mountPvc(models, '/var/models', { readOnly: true });");
  });

  test('a Server with a memory /dev/shm, a ConfigMap for the agent and a claim: typed mounts, no patch; in another order, patches', () => {
    const server = (volumes: string[], containers: string[]) => `apiVersion: mlops.seldon.io/v1alpha1
kind: Server
metadata: { name: mlserver-shm }
spec:
  serverConfig: mlserver
  podSpec:
    volumes:
${volumes.map(v => `    - ${v}`).join('\n')}
    containers:
${containers.join('\n')}
`;
    const SETTINGS = '{ name: settings, configMap: { name: server-settings } }';
    const DSHM = '{ name: dshm, emptyDir: { medium: Memory, sizeLimit: 2Gi } }';
    const MODELS = '{ name: models, persistentVolumeClaim: { claimName: models } }';
    const RCLONE = '    - { name: rclone, volumeMounts: [{ name: models, mountPath: /var/models }] }';
    const AGENT = '    - { name: agent, volumeMounts: [{ name: settings, mountPath: /etc/settings, readOnly: true }] }';
    const MLSERVER = '    - { name: mlserver, volumeMounts: [{ name: dshm, mountPath: /dev/shm }] }';
    const result = converted(server([SETTINGS, DSHM, MODELS], [RCLONE, AGENT, MLSERVER]));
    expect(result.objects[0]).toMatchObject({ status: 'converted', patchedFields: [] });
    expect(result.code).toContain("agentContainer: { volumeMounts: [{ volume: settings, path: '/etc/settings', readOnly: true }] },");
    expect(result.code).toContain("serverContainer: { volumeMounts: [{ volume: dshm, path: '/dev/shm' }] },");
    expect(result.code).toMatch(/Volume\.fromEmptyDir\(chart, 'dshm', 'dshm', \{\s+medium: EmptyDirMedium\.MEMORY,\s+sizeLimit: Size\.gibibytes\(2\),\s+\}\)/);
    expect(result.code).toContain("Volume.fromConfigMap(chart, 'settings', serverSettings, { name: 'settings' })");
    expect(result.code).toContain("mlserverShm.mountPvc(models, '/var/models', { advertiseCapability: false });");
    // Volumes or containers in an order the library does not render stay for the patches, not typed and then rewritten index by index.
    const reordered = [[[DSHM, SETTINGS, MODELS], [RCLONE, AGENT, MLSERVER]], [[SETTINGS, DSHM, MODELS], [MLSERVER, RCLONE, AGENT]]];
    for (const [volumes, containers] of reordered) {
      const other = converted(server(volumes, containers));
      expect(other.objects[0]).toMatchObject({ status: 'patched' });
      expect(other.code).not.toMatch(/volumeMounts: \[\{ volume:/);
      expect(other.code).not.toContain('Volume.from');
    }
  });

  test('a Server\'s pod settings are its props; a nodeSelector, which nothing renders, is a patch of its own beside the typed image', () => {
    const result = converted(`apiVersion: mlops.seldon.io/v1alpha1
kind: Server
metadata: { name: gpu }
spec:
  serverConfig: mlserver
  podSpec:
    serviceAccountName: models
    priorityClassName: inference
    terminationGracePeriodSeconds: 60
    imagePullSecrets: [{ name: registry }]
    nodeSelector: { pool: gpu }
    containers: [{ name: mlserver, image: registry.example.com/mlserver:1.7.1 }]
`);
    expect(result.objects[0]).toMatchObject({ status: 'patched', patchedFields: ['spec.podSpec.nodeSelector'] });
    expect(result.code).toContain("const models = ServiceAccount.fromServiceAccountName(chart, 'models', 'models');");
    expect(result.code).toContain('serviceAccount: models,');
    expect(result.code).toContain("priorityClassName: 'inference',");
    expect(result.code).toContain('terminationGracePeriod: Duration.seconds(60),');
    expect(result.code).toContain("image: 'registry.example.com/mlserver:1.7.1',");
    expect(result.code).toContain('imagePullSecrets: [registry],');
    expect(result.code).toContain("JsonPatch.add('/spec/podSpec/nodeSelector', { pool: 'gpu' })");
  });

  test('a Server overriding the installation\'s containers: serverContainer with resources and Gpu', () => {
    const result = converted(`apiVersion: mlops.seldon.io/v1alpha1
kind: Server
metadata: { name: triton-gpu }
spec:
  serverConfig: triton
  podSpec:
    containers:
    - name: triton
      resources:
        limits: { memory: 3Gi, nvidia.com/gpu: 1 }
        requests: { memory: 3Gi, nvidia.com/gpu: 1 }
`);
    expect(result.objects[0]).toMatchObject({ status: 'converted', patchedFields: [] });
    expect(result.code).toContain('serverContainer: {');
    expect(result.code).toContain('gpu: Gpu.nvidia(1),');
    expect(result.code).toContain('memory: { request: Size.gibibytes(3), limit: Size.gibibytes(3) }');
  });

  test('a ServerConfig: its pod spec as k8s.PodSpec (quantities as k8s.Quantity); a Server of the file gets it by reference', () => {
    const result = converted(fs.readFileSync(path.join(__dirname, 'corpus', 'v2-serverconfig.yaml'), 'utf8'));
    expect(result.objects.map(o => [o.status, o.construct])).toEqual([['converted', 'ServerConfig'], ['converted', 'SeldonServer']]);
    expect(result.code).toContain("requests: { cpu: k8s.Quantity.fromString('200m'), memory: k8s.Quantity.fromString('100M') },");
    expect(result.code).toContain("'nvidia.com/gpu': k8s.Quantity.fromNumber(1)");
    expect(result.code).toContain('serverConfig: ServerConfigRef.fromServerConfig(mlserverGpu),');
  });

  test('a Server\'s statefulSetPersistentVolumeClaimRetentionPolicy as pvcRetentionWhenDeleted / pvcRetentionWhenScaled (Seldon\'s servers chart)', () => {
    // Helm renders empty labels and annotations as null, which ObjectMeta reads as none: no patch for them.
    const result = converted(`apiVersion: mlops.seldon.io/v1alpha1
kind: Server
metadata: { name: triton, labels: null, annotations: null }
spec:
  serverConfig: triton
  replicas: 1
  statefulSetPersistentVolumeClaimRetentionPolicy: { whenDeleted: Delete, whenScaled: Retain }
`);
    expect(result.objects.map(o => [o.status, o.patchedFields])).toEqual([['converted', []]]);
    expect(result.code).toContain('pvcRetentionWhenDeleted: PvcRetention.DELETE,');
    expect(result.code).toContain('pvcRetentionWhenScaled: PvcRetention.RETAIN,');
  });

  test('a ServerConfig\'s volumeClaimTemplates as ServerVolumeClaimTemplates and an emptyDir\'s sizeLimit as a quantity (Seldon\'s own mlserver and triton)', () => {
    const config = (templates: string) => `apiVersion: mlops.seldon.io/v1alpha1
kind: ServerConfig
metadata: { name: mlserver }
spec:
  podSpec:
    volumes: [{ name: shm, emptyDir: { medium: Memory, sizeLimit: 256Mi } }]
    overhead: { cpu: 250m }
    containers:
    - name: rclone
      image: seldonio/seldon-rclone:2.10.2
      volumeMounts: [{ name: mlserver-models, mountPath: /mnt/agent }]
    - name: agent
      image: seldonio/seldon-agent:2.10.2
      volumeMounts: [{ name: mlserver-models, mountPath: /mnt/agent }, { name: shm, mountPath: /dev/shm }]
    - name: mlserver
      image: seldonio/mlserver:1.6.0
      volumeMounts: [{ name: mlserver-models, mountPath: /mnt/agent }]
${templates}`;
    const result = converted(config(`  volumeClaimTemplates:
  - name: mlserver-models
    spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
  - name: shared
    spec: { accessModes: [ReadWriteMany], storageClassName: nfs, resources: { requests: { storage: 512Mi } } }
`));
    expect(result.objects.map(o => [o.status, o.construct, o.patchedFields])).toEqual([['converted', 'ServerConfig', []]]);
    expect(result.code).toContain("{ name: 'mlserver-models', storage: Size.gibibytes(1) },");
    expect(result.code).toContain('storage: Size.mebibytes(512),');
    expect(result.code).toContain('accessModes: [PersistentVolumeAccessMode.READ_WRITE_MANY],');
    expect(result.code).toContain("storageClassName: 'nfs',");
    expect(result.code).toContain("sizeLimit: k8s.Quantity.fromString('256Mi')");
    expect(result.code).toContain("overhead: { cpu: k8s.Quantity.fromString('250m') }");
    // More than the construct writes (a selector): the whole ServerConfig stays an ApiObject, never a lost field.
    const selector = converted(config(`  volumeClaimTemplates:
  - name: mlserver-models
    spec: { selector: { matchLabels: { tier: fast } }, resources: { requests: { storage: 1Gi } } }
`));
    expect(selector.objects[0]).toMatchObject({ status: 'api-object' });
  });

  test('a name Kubernetes refuses is an error quoting the rule (src/convert/rejected.ts)', () => {
    const result = converted('apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata: { name: my_model }\nspec: { storageUri: "gs://m/x" }\n');
    expect(result.objects[0]).toMatchObject({ status: 'error' });
    expect(result.objects[0].message).toMatch(/metadata\.name "my_model" is not a valid Kubernetes name \("the API server refuses the object"\)/);
  });

  test('what Seldon accepts but the library refuses as a likely mistake is kept as an ApiObject with the reason, never an error', () => {
    const result = converted(`apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata: { name: iris }
spec: { storageUri: "gs://m/x", requirements: [" sklearn", sklearn] }
---
apiVersion: mlops.seldon.io/v1alpha1
kind: Pipeline
metadata: { name: p }
spec:
  maxStepRevisits: 3
  steps: [{ name: iris, inputs: [p.inputs, p.inputs] }]
  output: { steps: [iris, iris] }
`);
    expect(result.objects.map(o => o.status)).toEqual(['api-object', 'api-object']);
    expect(result.objects[0].message).toMatch(/requirements\[0\] " sklearn" has leading or trailing spaces; Seldon would accept it/);
    expect(result.objects[1].message).toMatch(/maxStepRevisits is set, but allowCycles is not true/);
    expect(result.objects[1].message).toMatch(/output\.steps\[1\] "iris" is already an output/);
  });
});

describe('every input gets an outcome', () => {
  test('invalid YAML is the file\'s error, with no code', () => {
    const result = convertManifests('kind: [unclosed\n', 'broken.yaml');
    expect(result.code).toBeUndefined();
    expect(result.errors).toEqual([expect.stringMatching(/^broken\.yaml#0: YAML error: /)]);
  });

  test('a document that is not a Kubernetes object is an error; the other objects are converted', () => {
    const result = converted(`name: not-an-object\n---\n${sdep(SKLEARN_NODE)}`);
    expect(result.objects.map(o => o.status)).toEqual(['error', 'converted']);
    expect(result.objects[0].message).toMatch(/manifest\.yaml#0: not a Kubernetes object with apiVersion, kind and metadata\.name/);
  });

  test('a document that is no object at all (a string, a list, a number) is an error of the outcome, not only a comment', () => {
    const result = converted(`hello\n---\n- a\n- b\n---\n42\n---\n${sdep(SKLEARN_NODE)}`);
    expect(result.objects.map(o => [o.object, o.status])).toEqual([
      ['document #0', 'error'], ['document #1', 'error'], ['document #2', 'error'], ['SeldonDeployment/iris', 'converted'],
    ]);
    expect(result.objects[1].message).toMatch(/manifest\.yaml#1: not a Kubernetes object \(a list\), skipped/);
    expect(summaryLines([result]).pop()).toMatch(/, 3 errors$/);
  });

  test('an object cdk8s cannot write (a key "constructor" or "__proto__") is that object\'s error; the others are converted', () => {
    const configMap = (name: string, key: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\ndata:\n  ${key}: "z"\n`;
    const result = converted(`${configMap('a', 'constructor')}---\n${configMap('b', '__proto__')}---\n${configMap('c', 'x')}---\n${sdep(SKLEARN_NODE)}`);
    expect(result.objects.map(o => o.status)).toEqual(['error', 'error', 'api-object', 'converted']);
    expect(result.objects[0].message).toMatch(/#0 a: not converted: cdk8s cannot render it from props \(.*; the map key "constructor" at \/data\/constructor does this\), and the converter does not carry such keys as patches/);
    expect(result.objects[1].message).toMatch(/#1 b: not converted: the key "__proto__" at \/data\/__proto__ cannot be written through cdk8s's JSON patches/);
  });

  test('an apiVersion that is not GROUP/VERSION is that object\'s error, told without the hint about "constructor" keys', () => {
    const result = converted(`apiVersion: a/b/c\nkind: ConfigMap\nmetadata: { name: a }\n---\n${sdep(SKLEARN_NODE)}`);
    expect(result.objects.map(o => o.status)).toEqual(['error', 'converted']);
    expect(result.objects[0].message).toMatch(/#0 a: not converted: cdk8s cannot render it \(invalid apiVersion a\/b\/c, expecting GROUP\/VERSION.*\), and the API server would refuse it as well: correct the manifest$/);
    expect(result.objects[0].message).not.toContain('constructor');
  });

  test('fields the API server sets (a cluster export) are left out and reported; the rest converts', () => {
    const exported = sdep(SKLEARN_NODE).replace('  name: iris', `  name: iris
  uid: 1234-abcd
  resourceVersion: "98765"
  generation: 3
  creationTimestamp: "2026-01-01T00:00:00Z"
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"x":1}'
    team: ml`) + '\nstatus:\n  state: Available\n';
    const result = convertManifests(exported, 'exported.yaml');
    expect(result.objects[0]).toMatchObject({
      status: 'converted',
      serverSetFields: ['metadata.uid', 'metadata.resourceVersion', 'metadata.generation',
        'metadata.creationTimestamp', 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]', 'status'],
    });
    expect(result.code).not.toMatch(/98765|1234-abcd|last-applied|Available/);
    expect(result.code).toContain('team');
    expect(summaryLines([result]).join('\n')).toContain('left out (the API server sets it; applied again it would conflict): metadata.uid');
    // The round trip compares the program's objects with the input less those fields, as the conversion meant it.
    expect(roundTripText(exported)).toMatchObject({ equal: true, differences: [] });
  });

  test('a BOOL parameter reads as Seldon\'s microservice reads it (strtobool): "1" and "True" are true', () => {
    const component = (value: string) => `${seldonDeploymentHead('router')}    componentSpecs: [{ spec: { containers: [{ name: classifier, image: seldonio/mock_classifier:1.18.2 }] } }]
    graph: { name: classifier, type: MODEL, parameters: [{ name: verbose, type: BOOL, value: "${value}" }] }
`;
    for (const value of ['1', 'True', 'yes', 'on']) expect(converted(component(value)).code).toContain("ModelParameter.boolValue('verbose', true)");
    expect(converted(component('0')).code).toContain("ModelParameter.boolValue('verbose', false)");
    // A value strtobool refuses is no typed parameter: the parameters stay a patch, never a guessed flag.
    expect(converted(component('maybe')).code).not.toContain('boolValue');
    // The spelling is kept by a patch of the value only.
    expect(converted(component('1')).objects[0].patchedFields).toEqual(['spec.predictors[].graph.parameters[].value']);
  });

  test('unmodelled kinds pass through as ApiObjects; an object outside the chart\'s namespace keeps its own', () => {
    const result = converted(`apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: models }
data: { a: "1" }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: other, namespace: models }
---
${sdep(SKLEARN_NODE).replace('  name: iris', '  name: iris\n  namespace: staging')}`);
    expect(result.objects.map(o => o.status)).toEqual(['api-object', 'api-object', 'converted']);
    expect(result.code).toContain("{ namespace: 'models' }");
    expect(result.code).toContain("metadata: { name: 'iris', namespace: 'staging' }");
  });

  test.each([
    ['an empty file', ''],
    ['a list', '- 1\n- 2\n'],
    ['a scalar', 'hello\n'],
    ['a SeldonDeployment without spec', 'apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: { name: x }\n'],
    ['predictors that are not objects', 'apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: { name: x }\nspec: { predictors: [1, "a"] }\n'],
    ['a graph that is a string', 'apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: { name: x }\nspec: { predictors: [{ name: d, graph: "g" }] }\n'],
    ['a Model without spec', 'apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata: { name: x }\n'],
    ['a Pipeline with odd steps', 'apiVersion: mlops.seldon.io/v1alpha1\nkind: Pipeline\nmetadata: { name: x }\nspec: { steps: [1, { name: 2 }] }\n'],
    ['a Secret with numbers', 'apiVersion: v1\nkind: Secret\nmetadata: { name: x }\nstringData: { RCLONE_CONFIG_A_TYPE: 1 }\n'],
  ])('%s: no crash', (_name, text) => {
    expect(() => roundTripText(text)).not.toThrow();
    const result = roundTripText(text);
    expect(result.equal).toBe(true);
  });
});

describe('input text in the generated program', () => {
  test('a key holding a line break stays inside the comment that names it: escaped, never program code', () => {
    const marker = path.join(os.tmpdir(), `cdk8s-seldon-injected-${process.pid}`);
    // YAML escapes: a line feed before the statement, a line separator after it.
    const key = `\\nrequire('fs').writeFileSync('${marker}', 'ran');//\\u2028x`;
    const result = converted(`apiVersion: mlops.seldon.io/v1alpha1
kind: Server
metadata: { name: srv }
spec:
  serverConfig: mlserver
  "${key}": 1
`);
    expect(result.objects[0].status).toBe('patched');
    // Each line naming the key is a comment with the line feed escaped, or a string literal of the patch.
    const lines = (result.code ?? '').split('\n').filter(l => l.includes('writeFileSync'));
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^\s*(\/\/ .*\\u000arequire\('fs'\)|'\/spec\/\\nrequire\(\\'fs\\'\).*\\u2028x',)/);
    expect(result.code ?? '').not.toContain('\u2028');
    expect(fs.existsSync(marker)).toBe(false);
  });
});
