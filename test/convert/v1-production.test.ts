/**
 * The v1 production settings the converter types: a predictor's one
 * componentSpec (autoscaler, disruption budget, pod metadata and settings),
 * probes, env from pod fields and Secrets, explainer fields, and what Seldon
 * or Kubernetes treat as equal (null fields, v2beta1 HPA metrics, unread
 * engineResources, an empty pod spec, probe defaults).
 */
import { converted as convertedText, expectClean, seldonDeploymentHead } from './helpers';

const converted = (text: string) => convertedText(text, 'production.yaml');

/** A SeldonDeployment of one component node `classifier`, with `componentSpec` lines (indented as a list item's keys) and predictor lines. */
const component = (componentSpec: string, predictor = '', container = '') => `${seldonDeploymentHead('fraud')}    componentSpecs:
    - spec:
        containers:
        - name: classifier
          image: seldonio/mock_classifier:1.18.2
          resources:
            requests:
              cpu: 500m${container}
${componentSpec}
    graph:
      name: classifier
      type: MODEL${predictor}
`;

/** A one-node SKLEARN SeldonDeployment (a PrepackagedModel) with predictor lines. */
const prepackaged = (predictor: string) => `${seldonDeploymentHead('iris')}    graph:
      name: classifier
      implementation: SKLEARN_SERVER
      modelUri: gs://seldon-models/sklearn/iris
${predictor}`;

/** A componentSpec's hpaSpec (metricsv2) of 2 to 5 replicas on one cpu utilisation target. */
const cpuHpa = (percent: number) => `      hpaSpec:
        minReplicas: 2
        maxReplicas: 5
        metricsv2:
        - type: Resource
          resource:
            name: cpu
            target:
              type: Utilization
              averageUtilization: ${percent}`;

describe('componentSpec settings (src/convert/v1-pod.ts)', () => {
  test('hpaSpec metricsv2 of one cpu utilisation: Autoscaler.cpuUtilization, and no replicas', () => {
    const result = converted(component(cpuHpa(60)));
    expectClean(result);
    expect(result.code).toContain('autoscaler: Autoscaler.cpuUtilization({ targetPercent: 60, minReplicas: 2, maxReplicas: 5 }),');
    expect(result.code).not.toContain('replicas: 1');
  });

  test('hpaSpec metrics in the v2beta1 form: the metricsv2 the operator converts them to (conversion.go)', () => {
    const result = converted(component(`      hpaSpec:
        maxReplicas: 3
        metrics:
        - type: Resource
          resource:
            name: cpu
            targetAverageUtilization: 10`));
    expectClean(result);
    expect(result.code).toContain('autoscaler: Autoscaler.cpuUtilization({ targetPercent: 10, maxReplicas: 3 }),');
  });

  test('an HPA over cpu and memory: Autoscaler.hpa with cdk8s-plus Metrics', () => {
    const result = converted(component(`      hpaSpec:
        maxReplicas: 3
        metricsv2:
        - type: Resource
          resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } }
        - type: Resource
          resource: { name: memory, target: { type: Utilization, averageUtilization: 70 } }`, '', `
              memory: 1Gi`));
    expectClean(result);
    expect(result.code).toContain('Metric.resourceCpu(MetricTarget.averageUtilization(50))');
    expect(result.code).toContain('Metric.resourceMemory(MetricTarget.averageUtilization(70))');
    expect(result.code).toMatch(/import \{[^}]*Metric, MetricTarget[^}]*\} from 'cdk8s-plus-27';/);
  });

  test('kedaSpec with one Prometheus trigger: Autoscaler.prometheus with Durations and a numeric threshold', () => {
    const result = converted(component(`      kedaSpec:
        pollingInterval: 15
        cooldownPeriod: 120
        minReplicaCount: 1
        maxReplicaCount: 5
        triggers:
        - type: prometheus
          metadata:
            serverAddress: http://prometheus:9090
            threshold: "10"
            query: sum(rate(requests[1m]))`));
    expectClean(result);
    expect(result.code).toContain('autoscaler: Autoscaler.prometheus({');
    expect(result.code).toContain('threshold: 10,');
    expect(result.code).toContain('pollingInterval: Duration.seconds(15),');
    expect(result.code).toContain('cooldownPeriod: Duration.seconds(120),');
  });

  test('kedaSpec with other scalers: Autoscaler.keda with KedaTrigger.of', () => {
    const result = converted(component(`      kedaSpec:
        maxReplicaCount: 4
        fallback:
          failureThreshold: 2
          replicas: 2
        triggers:
        - type: kafka
          name: lag
          metricType: AverageValue
          metadata:
            topic: requests
            lagThreshold: "50"
          authenticationRef:
            name: kafka-auth`));
    expectClean(result);
    expect(result.code).toContain('autoscaler: Autoscaler.keda({');
    expect(result.code).toContain('KedaTrigger.of({');
    expect(result.code).toContain("triggerType: 'kafka',");
    expect(result.code).toContain('metricType: KedaMetricType.AVERAGE_VALUE,');
    expect(result.code).toContain('fallbackReplicas: 2,');
  });

  test.each([
    ['maxUnavailable: 1', 'DisruptionBudget.maxUnavailable(1)'],
    ['minAvailable: 2', 'DisruptionBudget.minAvailable(2)'],
    ['maxUnavailable: 25%', 'DisruptionBudget.maxUnavailablePercent(25)'],
  ])('pdbSpec %s: %s', (pdb, expr) => {
    const result = converted(component(`      pdbSpec:
        ${pdb}`, '\n    replicas: 4'));
    expectClean(result);
    expect(result.code).toContain(`disruptionBudget: ${expr},`);
  });

  test('componentSpec metadata, image pull Secrets, priority class and service account: PodSettings props', () => {
    const result = converted(component(`      metadata:
        labels: { team: fraud }
        annotations: { sidecar.istio.io/inject: "false" }`).replace('        containers:', `        imagePullSecrets:
        - name: registry-creds
        priorityClassName: high
        serviceAccountName: models
        containers:`));
    expectClean(result);
    expect(result.code).toContain("podLabels: { team: 'fraud' },");
    expect(result.code).toContain("podAnnotations: { 'sidecar.istio.io/inject': 'false' },");
    expect(result.code).toContain("const registryCreds = Secret.fromSecretName(chart, 'registry-creds', 'registry-creds');");
    expect(result.code).toContain('imagePullSecrets: [registryCreds],');
    expect(result.code).toContain("priorityClassName: 'high',");
    expect(result.code).toContain("const models = ServiceAccount.fromServiceAccountName(chart, 'models', 'models');");
    expect(result.code).toContain('serviceAccount: models,');
  });

  test('further componentSpecs of graph nodes: separatePods with their nodes, replicas and settings', () => {
    const text = component('      pdbSpec:\n        maxUnavailable: 1', '\n    replicas: 3').replace('    graph:', `    - replicas: 2
      metadata:
        labels: { tier: second }
      spec:
        containers:
        - name: second
          image: seldonio/mock_classifier:1.18.2
    graph:`).replace('      type: MODEL', `      type: MODEL
      children:
      - name: second
        type: MODEL`);
    const result = converted(text);
    expectClean(result);
    const code = result.code!.replace(/\s+/g, ' ');
    expect(code).toContain("separatePods: [{ nodes: ['second'], replicas: 2, podLabels: { tier: 'second' } }]");
    expect(code).toContain('disruptionBudget: DisruptionBudget.maxUnavailable(1),');
  });

  test('a further componentSpec with a container that is no graph node stays a patch', () => {
    const text = component('').replace('    graph:', `    - spec:
        containers:
        - name: sidecar
          image: example.com/sidecar:1
    graph:`);
    expect(converted(text).objects[0].patchedFields).toContain('spec.predictors[].componentSpecs');
  });
});

describe('container settings', () => {
  test('probes: Probe.fromHttpGet / fromTcpSocket / fromCommand; the port named http and Kubernetes defaults are not written', () => {
    const result = converted(component('', '', `
          livenessProbe:
            httpGet: { path: /health/ping, port: http, scheme: HTTP }
            initialDelaySeconds: 80
            failureThreshold: 200
            periodSeconds: 10
          readinessProbe:
            tcpSocket: { port: 9000 }
            timeoutSeconds: 2
          startupProbe:
            exec: { command: [cat, /tmp/ready] }`).replace('\n\n', '\n'));
    expectClean(result);
    expect(result.code!.replace(/\s+/g, ' ')).toContain("livenessProbe: Probe.fromHttpGet('/health/ping', { initialDelaySeconds: Duration.seconds(80), failureThreshold: 200, }),");
    expect(result.code).toContain('readinessProbe: Probe.fromTcpSocket({ timeoutSeconds: Duration.seconds(2), port: 9000 }),');
    expect(result.code).toContain("startupProbe: Probe.fromCommand(['cat', '/tmp/ready']),");
  });

  test('a probe on a named port other than http stays a patch', () => {
    const result = converted(component('', '', `
          livenessProbe:
            httpGet: { path: /live, port: admin }`).replace('\n\n', '\n'));
    expect(result.objects[0].patchedFields).toEqual(['spec.predictors[].componentSpecs[].spec.containers[].livenessProbe']);
  });

  test('env from pod fields and Secret keys; executor env too', () => {
    const result = converted(component('', `
    svcOrchSpec:
      env:
      - name: JAEGER_AGENT_HOST
        valueFrom: { fieldRef: { fieldPath: status.hostIP } }`, `
          env:
          - name: POD
            valueFrom: { fieldRef: { fieldPath: metadata.name } }
          - name: TOKEN
            valueFrom: { secretKeyRef: { name: tokens, key: api, optional: true } }
          - name: MODE
            valueFrom: { configMapKeyRef: { name: settings, key: mode } }`).replace('\n\n', '\n'));
    expectClean(result);
    expect(result.code).toContain('POD: EnvValue.fromFieldRef(EnvFieldPaths.POD_NAME),');
    expect(result.code).toContain("TOKEN: EnvValue.fromSecretValue({ secret: tokens, key: 'api' }, { optional: true }),");
    expect(result.code).toContain("MODE: EnvValue.fromConfigMap(settings, 'mode'),");
    expect(result.code).toContain('engineEnv: { JAEGER_AGENT_HOST: EnvValue.fromFieldRef(EnvFieldPaths.NODE_IP) },');
  });
});

describe('explainer and deployment settings', () => {
  test('explainer endpoint type, and init parameters under the v2 protocol', () => {
    const result = converted(prepackaged(`    explainer:
      type: AnchorTabular
      modelUri: gs://seldon-models/sklearn/iris-anchor
      endpoint: { type: GRPC }`));
    expectClean(result);
    expect(result.code).toContain('endpointType: EndpointType.GRPC,');
    const v2 = converted(prepackaged(`    explainer:
      type: AnchorTabular
      initParameters: '{"threshold":0.95}'`).replace('spec:\n', 'spec:\n  protocol: v2\n'));
    expectClean(v2);
    expect(v2.code).toContain('initParameters: { threshold: 0.95 }');
    expect(v2.code).toContain('protocol: SeldonProtocol.V2,');
    // The library writes the keys sorted: JSON in another order stays text, as a patch.
    const unsorted = converted(prepackaged(`    explainer:
      type: AnchorTabular
      initParameters: '{"threshold":0.95,"seed":1}'`).replace('spec:\n', 'spec:\n  protocol: v2\n'));
    expect(unsorted.objects[0]).toMatchObject({ status: 'patched', patchedFields: ['spec.predictors[].explainer.initParameters'] });
    expect(unsorted.code).not.toContain('initParameters: {');
  });

  test('an explainer container of another name (Seldon\'s GPU explainer says "explainer"): image and resources typed, the name a patch', () => {
    const result = converted(prepackaged(`    explainer:
      type: AnchorText
      containerSpec:
        name: explainer
        image: seldonio/alibiexplainer-gpu:1.18.2
        resources: { limits: { nvidia.com/gpu: 1 }, requests: { cpu: 500m } }`));
    expect(result.code).toContain("image: 'seldonio/alibiexplainer-gpu:1.18.2',");
    expect(result.objects[0].patchedFields).toContain('spec.predictors[].explainer.containerSpec.name');
    expect(result.objects[0].patchedFields.filter(f => f.includes('image'))).toEqual([]);
  });

  test('a gRPC message size of no whole KiB is an exact fraction of Size.kibibytes', () => {
    const result = converted(prepackaged('').replace('spec:\n  predictors:', 'spec:\n  annotations:\n    seldon.io/grpc-max-message-size: "10000000"\n  predictors:'));
    expectClean(result);
    expect(result.code).toContain('grpcMaxMessageSize: Size.kibibytes(9765.625),');
  });
});

describe('what Seldon and Kubernetes treat as equal (src/convert/normalise.ts)', () => {
  test('a predictor engineResources, which nothing in Seldon reads, is left out and said so', () => {
    const result = converted(prepackaged('    engineResources:\n      requests:\n        memory: 1Gi'));
    expect(result.objects[0]).toEqual(expect.objectContaining({ status: 'converted', patchedFields: [], droppedFields: ['spec.predictors[].engineResources'] }));
    expect(result.code).toContain("// Left out: spec.predictors[].engineResources (Seldon's operator, webhook and executor never read it).");
    expect(result.code).not.toContain('1Gi');
  });

  test('a predictor\'s replicas beside an hpaSpec, which the operator reads nowhere, is left out, and the autoscaler stays typed', () => {
    const hpa = cpuHpa(70);
    const result = converted(component(hpa).replace('  - name: default\n', '  - name: default\n    replicas: 2\n'));
    expect(result.objects[0]).toEqual(expect.objectContaining({ status: 'converted', patchedFields: [], droppedFields: ['spec.predictors[].replicas'] }));
    expect(result.code).toContain('autoscaler: Autoscaler.cpuUtilization({ targetPercent: 70, minReplicas: 2, maxReplicas: 5 }),');
    expect(result.code).toContain("// Left out: spec.predictors[].replicas (Seldon's operator, webhook and executor never read it).");
    // A separate executor reads it (seldondeployment_engine.go): then the library's refusal is the reason the autoscaler is a patch, and it says so.
    const separate = converted(component(hpa).replace('  - name: default\n', '  - name: default\n    replicas: 2\n')
      .replace('spec:\n  predictors:', 'spec:\n  annotations:\n    seldon.io/engine-separate-pod: "true"\n  predictors:'));
    expect(separate.objects[0].droppedFields).toBeUndefined();
    expect(separate.objects[0].status).toBe('patched');
    expect(separate.objects[0].message).toMatch(/^the library refused the fully typed form, so some fields are patches: .*replicas 2 would set only the separate executor's replicas.*; engineReplicas for the executor/);
    expect(separate.code).toMatch(/\/\/ The library refused SeldonDeployment with these as props \(.*replicas 2 would set only the separate executor's replicas.*\), so they are applied after rendering:/);
  });

  test('componentSpecs left empty (null) is no componentSpecs: the API server prunes it', () => {
    expectClean(converted(prepackaged('    componentSpecs:')));
  });

  test('a componentSpec of a kedaSpec without a pod spec equals one with no containers', () => {
    const result = converted(prepackaged(`    componentSpecs:
    - kedaSpec:
        maxReplicaCount: 3
        triggers:
        - type: prometheus
          metadata: { serverAddress: "http://prometheus:9090", query: up, threshold: "1" }`));
    expectClean(result);
    expect(result.code).toContain('autoscaler: Autoscaler.prometheus({');
  });
});

describe('pod grace period, pull policy, component command and ports', () => {
  test('terminationGracePeriodSeconds: terminationGracePeriod as a Duration; the operator\'s 20 s is not written', () => {
    const result = converted(component('').replace('        containers:', '        terminationGracePeriodSeconds: 1\n        containers:').replace('\n\n', '\n'));
    expectClean(result);
    expect(result.code).toContain('terminationGracePeriod: Duration.seconds(1),');
    const twenty = converted(component('').replace('        containers:', '        terminationGracePeriodSeconds: 20\n        containers:').replace('\n\n', '\n'));
    expectClean(twenty);
    expect(twenty.code).not.toContain('terminationGracePeriod');
  });

  test('imagePullPolicy: ImagePullPolicy on components and prepackaged servers; the operator\'s IfNotPresent is not written', () => {
    const always = converted(component('', '', '\n          imagePullPolicy: Always').replace('\n\n', '\n'));
    expectClean(always);
    expect(always.code).toContain('imagePullPolicy: ImagePullPolicy.ALWAYS,');
    expect(always.code).toMatch(/import \{[^}]*ImagePullPolicy[^}]*\} from 'cdk8s-plus-27';/);
    const never = converted(prepackaged(`    componentSpecs:
    - spec:
        containers:
        - name: classifier
          imagePullPolicy: Never`));
    expectClean(never);
    expect(never.code).toContain('imagePullPolicy: ImagePullPolicy.NEVER,');
    const operators = converted(component('', '', '\n          imagePullPolicy: IfNotPresent').replace('\n\n', '\n'));
    expectClean(operators);
    expect(operators.code).not.toContain('imagePullPolicy');
  });

  test('a component\'s command, args and ports http/grpc (protocol TCP is Kubernetes\' default); graph ports are the operator\'s (defaults.go)', () => {
    const result = converted(component('', `
      endpoint: { httpPort: 8501, grpcPort: 8500, service_port: 8501 }`, `
          command: [/usr/bin/tensorflow_model_server]
          args: [--port=8500, --rest_api_port=8501]
          ports:
          - { name: http, containerPort: 8501, protocol: TCP }
          - { name: grpc, containerPort: 8500 }`).replace('\n\n', '\n'));
    expectClean(result);
    expect(result.code).toContain("command: ['/usr/bin/tensorflow_model_server'],");
    expect(result.code).toContain("args: ['--port=8500', '--rest_api_port=8501'],");
    expect(result.code).toContain('httpPort: 8501,');
    expect(result.code).toContain('grpcPort: 8500,');
    expect(result.code).not.toMatch(/service_port|protocol/);
  });

  test('ports with other names or a UDP protocol stay a patch', () => {
    const result = converted(component('', '', `
          ports:
          - { name: metrics, containerPort: 6000 }`).replace('\n\n', '\n'));
    expect(result.objects[0].patchedFields).toEqual(['spec.predictors[].componentSpecs[].spec.containers[].ports']);
  });
});

describe('placement and bare prepackaged containers', () => {
  test('tolerations: scheduling.tolerate(Node.tainted(NodeTaintQuery...)) on the predictor\'s pod; an operator left out is Equal', () => {
    const result = converted(component('').replace('        containers:', `        tolerations:
        - { key: nvidia.com/gpu, operator: Exists, effect: NoSchedule }
        - { key: pool, value: inference }
        - { key: spot, operator: Equal, value: "true", effect: NoExecute, tolerationSeconds: 60 }
        containers:`).replace('\n\n', '\n'));
    expectClean(result);
    const code = result.code!.replace(/\s+/g, ' ');
    expect(code).toContain("fraud.predictorPod('default').scheduling.tolerate( Node.tainted( "
      + "NodeTaintQuery.exists('nvidia.com/gpu', { effect: TaintEffect.NO_SCHEDULE }), NodeTaintQuery.is('pool', 'inference'), "
      + "NodeTaintQuery.is('spot', 'true', { effect: TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(60) }), ), );");
  });

  test('a PrepackagedModel tolerates through its scheduling', () => {
    const result = converted(prepackaged(`    componentSpecs:
    - spec:
        tolerations: [{ operator: Exists }]
        containers: []`));
    expectClean(result);
    expect(result.code).toContain('iris.scheduling.tolerate(Node.tainted(NodeTaintQuery.any()));');
  });

  test('a nodeSelector stays a patch: scheduling.attract() renders node affinity', () => {
    const result = converted(component('').replace('        containers:', '        nodeSelector: { pool: inference }\n        containers:').replace('\n\n', '\n'));
    expect(result.objects[0].patchedFields).toEqual(['spec.predictors[].componentSpecs[].spec.nodeSelector']);
  });

  test('bare containers of prepackaged nodes in the operator\'s order are what it appends (defaults.go); out of order they are patched', () => {
    const graph = (containers: string) => `${seldonDeploymentHead('combo')}    componentSpecs:
    - spec:
        containers:
        - { name: combiner, image: example.com/combiner:1 }
${containers}
    graph:
      name: combiner
      type: COMBINER
      children:
      - { name: model-1, implementation: SKLEARN_SERVER, modelUri: gs://seldon-models/sklearn/iris }
      - { name: model-2, implementation: SKLEARN_SERVER, modelUri: gs://seldon-models/sklearn/iris }
`;
    expectClean(converted(graph('        - { name: model-1 }\n        - { name: model-2 }')));
    expectClean(converted(graph('        - { name: model-1 }')));
    expect(converted(graph('        - { name: model-2 }\n        - { name: model-1 }')).objects[0].patchedFields).toEqual(['spec.predictors[].componentSpecs[].spec.containers']);
  });
});

describe('a predictor\'s annotations on a one-model SeldonDeployment', () => {
  test('become PrepackagedModel.predictorAnnotations, not a patch', () => {
    const result = converted(prepackaged(`    annotations:
      seldon.io/svc-name: iris-svc
`));
    expectClean(result);
    expect(result.code).toContain("predictorAnnotations: { 'seldon.io/svc-name': 'iris-svc' },");
  });
});
