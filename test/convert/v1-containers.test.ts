/**
 * The pod containers the converter types (src/convert/v1-containers.ts):
 * sidecars, pod volumes and container order of a predictor, and a node
 * container's volume mounts, security context, envFrom and further ports;
 * what has no exact typed form stays a patch.
 */
import { converted as convertedText, expectClean, seldonDeploymentHead, SKLEARN_IRIS_GRAPH } from './helpers';

const converted = (text: string) => convertedText(text, 'pod.yaml');

/** A SeldonDeployment whose graph is `graph` and whose one componentSpec's pod spec is `pod` (both indented as in the file). */
const sdep = (pod: string, graph = '      name: classifier\n      type: MODEL') => `${seldonDeploymentHead('fraud')}    componentSpecs:
    - spec:
${pod}
    graph:
${graph}
`;


describe('pod containers of a v1 predictor', () => {
  test('a container that is no graph node is a sidecar, as a k8s.Container with k8s.Quantity amounts', () => {
    const result = converted(sdep(`        containers:
        - { name: classifier, image: seldonio/tfserving-proxy:0.2 }
        - name: server
          image: tensorflow/serving:2.14.0
          resources: { limits: { cpu: "1", memory: 1Gi } }
          livenessProbe: { httpGet: { path: /v1/models/m, port: 8501 } }`));
    expectClean(result);
    expect(result.code).toContain("name: 'server',");
    expect(result.code).toContain("limits: { cpu: k8s.Quantity.fromString('1'), memory: k8s.Quantity.fromString('1Gi') }");
    expect(result.code).toContain('port: k8s.IntOrString.fromNumber(8501)');
    expect(result.code).not.toContain('containerOrder');
  });

  test('containers out of graph order: containerOrder lists the shortest prefix that gives the manifest\'s order (defaults.go numbers ports by position)', () => {
    const result = converted(sdep(`        containers:
        - { name: model, image: me/model:1 }
        - { name: transformer, image: me/transformer:1 }`, `      name: transformer
      type: TRANSFORMER
      children:
      - { name: model, type: MODEL }`));
    expectClean(result);
    expect(result.code).toContain("containerOrder: ['model'],");
  });

  test('pod volumes: those no node mounts are listed; a node\'s mount refers to its Volume', () => {
    const result = converted(sdep(`        volumes:
        - { name: cache, emptyDir: {} }
        - { name: shm, emptyDir: { medium: Memory } }
        containers:
        - name: classifier
          image: me/model:1
          volumeMounts: [{ name: shm, mountPath: /dev/shm, readOnly: false }]`));
    expectClean(result);
    expect(result.code).toContain("const shm = Volume.fromEmptyDir(chart, 'shm', 'shm', { medium: EmptyDirMedium.MEMORY });");
    expect(result.code).toContain("volumeMounts: [{ volume: shm, path: '/dev/shm', readOnly: false }],");
    expect(result.code).toContain('volumes: [cache],');
  });

  test('Secret, ConfigMap and claim volumes as Volume.fromSecret / fromConfigMap / fromPersistentVolumeClaim', () => {
    const result = converted(sdep(`        volumes:
        - { name: tls, secret: { secretName: model-tls, defaultMode: 0400 } }
        - { name: configmap-settings, configMap: { name: settings, optional: true } }
        - { name: data, persistentVolumeClaim: { claimName: datasets } }
        containers:
        - name: classifier
          image: me/model:1
          volumeMounts: [{ name: tls, mountPath: /tls, readOnly: true }, { name: data, mountPath: /data }]`));
    expectClean(result);
    expect(result.code).toContain("const tls = Volume.fromSecret(chart, 'tls', modelTls, { name: 'tls', defaultMode: 256 });");
    // cdk8s-plus names a ConfigMap volume configmap-<name> unless told.
    expect(result.code).toContain("Volume.fromConfigMap(chart, 'configmap-settings', settings, { optional: true })");
    expect(result.code).toContain("Volume.fromPersistentVolumeClaim(chart, 'data', datasets, { name: 'data' })");
    expect(result.code).toContain('volumes: [tls, configmapSettings, data],');
  });

  test('a node\'s security context, envFrom and further ports', () => {
    const result = converted(sdep(`        containers:
        - name: classifier
          image: me/model:1
          securityContext: { runAsUser: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true }
          envFrom: [{ secretRef: { name: creds } }, { configMapRef: { name: settings }, prefix: APP_ }]
          ports: [{ name: http, containerPort: 9001 }, { name: debug, containerPort: 5678 }]`));
    expectClean(result);
    expect(result.code).toContain('securityContext: { user: 1000, ensureNonRoot: true, readOnlyRootFilesystem: true },');
    expect(result.code).toContain("envFrom: [Env.fromSecret(creds), Env.fromConfigMap(settings, 'APP_')],");
    expect(result.code).toContain('httpPort: 9001,');
    expect(result.code).toContain("ports: [{ number: 5678, name: 'debug' }],");
  });

  test('a one-node prepackaged deployment with a sidecar is a PrepackagedModel with sidecars', () => {
    const result = converted(`${seldonDeploymentHead('iris')}    componentSpecs:
    - spec:
        containers:
        - { name: log-shipper, image: "fluent/fluent-bit:3.0" }
${SKLEARN_IRIS_GRAPH}`);
    expectClean(result);
    expect(result.code).toContain('new PrepackagedModel(');
    expect(result.code).toContain("sidecars: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.0' }],");
  });

  test.each([
    ['a hostPath volume', `        volumes: [{ name: host, hostPath: { path: /data } }]
        containers:
        - { name: classifier, image: me/model:1, volumeMounts: [{ name: host, mountPath: /data }] }`, [
      'spec.predictors[].componentSpecs[].spec.volumes', 'spec.predictors[].componentSpecs[].spec.containers[].volumeMounts',
    ]],
    ['capabilities', `        containers:
        - { name: classifier, image: me/model:1, securityContext: { capabilities: { add: [NET_ADMIN] } } }`, [
      'spec.predictors[].componentSpecs[].spec.containers[].securityContext',
    ]],
    ['a Secret prefix', `        containers:
        - { name: classifier, image: me/model:1, envFrom: [{ secretRef: { name: creds }, prefix: X_ }] }`, [
      'spec.predictors[].componentSpecs[].spec.containers[].envFrom',
    ]],
    ['a sidecar with a lifecycle hook', `        containers:
        - { name: classifier, image: me/model:1 }
        - { name: side, image: me/side:1, lifecycle: { preStop: { exec: { command: [sleep, "5"] } } } }`, [
      'spec.predictors[].componentSpecs[].spec.containers',
    ]],
  ])('%s stays a patch', (_, pod, fields) => {
    const result = converted(sdep(pod));
    expect(result.objects[0].status).toBe('patched');
    expect(result.objects[0].patchedFields).toEqual(fields);
  });
});
