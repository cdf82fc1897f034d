import { Duration, Testing } from 'cdk8s';
import { Node, NodeLabelQuery, NodeTaintQuery, Probe, Secret, ServiceAccount, Topology } from 'cdk8s-plus-27';
import { BuiltInImplementation, EndpointType, Gpu, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer, SeldonDeployment, SeldonProtocol } from '../../src';

function synth(build: (chart: ReturnType<typeof Testing.chart>) => void) {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
}

describe('pod settings of v1 predictors', () => {
  test('a private registry comes out as doc/source/graph/private_registries.md', () => {
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'm', {
      metadata: { name: 'private-model' },
      predictors: [{
        name: 'private-model',
        graph: PredictiveUnit.component({ name: 'private-model', unitType: PredictiveUnitType.MODEL, image: 'private-docker-repo/my-image', endpointType: EndpointType.REST }),
        imagePullSecrets: [Secret.fromSecretName(chart, 'pull', 'myreposecret')],
      }],
    }));
    expect(sdep.spec.predictors[0]).toEqual({
      name: 'private-model',
      replicas: 1,
      componentSpecs: [{ spec: { containers: [{ image: 'private-docker-repo/my-image', name: 'private-model' }], imagePullSecrets: [{ name: 'myreposecret' }] } }],
      graph: { endpoint: { type: 'REST' }, name: 'private-model', type: 'MODEL' },
    });
  });

  test('probe overrides on an MLflow server come out as servers/mlflowserver/samples/elasticnet_wine.yaml', () => {
    const probe = () => Probe.fromHttpGet('/health/ping', {
      initialDelaySeconds: Duration.seconds(80), failureThreshold: 200, periodSeconds: Duration.seconds(5), successThreshold: 1,
    });
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'mlflow', {
      metadata: { name: 'mlflow' },
      server: PrepackagedServer.MLFLOW,
      modelUri: ModelUri.gcs('seldon-models', 'v1.18.0/mlflow/elasticnet_wine'),
      livenessProbe: probe(),
      readinessProbe: probe(),
    }));
    const expected = { initialDelaySeconds: 80, failureThreshold: 200, periodSeconds: 5, successThreshold: 1, httpGet: { path: '/health/ping', port: 'http', scheme: 'HTTP' } };
    expect(sdep.spec.predictors[0]).toEqual({
      name: 'default',
      replicas: 1,
      componentSpecs: [{ spec: { containers: [{ name: 'classifier', livenessProbe: expected, readinessProbe: expected }] } }],
      graph: { name: 'classifier', implementation: 'MLFLOW_SERVER', modelUri: 'gs://seldon-models/v1.18.0/mlflow/elasticnet_wine' },
    });
  });

  test('GPUs, placement, labels and annotations on a Triton model and its canary', () => {
    const [sdep] = synth(chart => {
      const model = new PrepackagedModel(chart, 'triton', {
        metadata: { name: 'triton' },
        server: PrepackagedServer.TRITON,
        protocol: SeldonProtocol.V2,
        modelUri: ModelUri.gcs('seldon-models', 'trition/simple'),
        gpu: Gpu.nvidia(1),
        podLabels: { team: 'vision' },
        podAnnotations: { 'sidecar.istio.io/inject': 'false' },
        imagePullSecrets: [Secret.fromSecretName(chart, 'pull', 'ngc')],
      });
      model.scheduling.attract(Node.labeled(NodeLabelQuery.is('accelerator', 'a100')));
      model.scheduling.tolerate(Node.tainted(NodeTaintQuery.is('nvidia.com/gpu', 'present')));
      model.scheduling.spread({ topology: Topology.ZONE });
      model.withCanary({ modelUri: ModelUri.gcs('seldon-models', 'trition/simple-v2'), traffic: 10 });
    });
    const [main, canary] = sdep.spec.predictors;
    const spec = main.componentSpecs[0];
    expect(spec.metadata).toEqual({ labels: { team: 'vision' }, annotations: { 'sidecar.istio.io/inject': 'false' } });
    expect(spec.spec.containers).toEqual([{ name: 'classifier', resources: { limits: { 'nvidia.com/gpu': 1 } } }]);
    expect(spec.spec.imagePullSecrets).toEqual([{ name: 'ngc' }]);
    expect(spec.spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'present' }]);
    expect(spec.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
      .toEqual([{ key: 'accelerator', operator: 'In', values: ['a100'] }]);
    expect(spec.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]).toEqual({
      topologyKey: 'topology.kubernetes.io/zone',
      labelSelector: { matchLabels: { 'seldon-deployment-id': 'triton', 'version': 'default' } },
    });
    // The canary pulls from the same registry and carries the same GPU.
    expect(canary.componentSpecs[0].spec.imagePullSecrets).toEqual([{ name: 'ngc' }]);
    expect(canary.componentSpecs[0].spec.containers[0].resources).toEqual({ limits: { 'nvidia.com/gpu': 1 } });
  });

  test('a predictor ServiceAccount that a node\'s would replace is rejected', () => {
    expect(() => synth(chart => new SeldonDeployment(chart, 'm', {
      predictors: [{
        name: 'p',
        serviceAccount: ServiceAccount.fromServiceAccountName(chart, 'a', 'pod-sa'),
        graph: PredictiveUnit.prepackaged({
          name: 'c',
          server: PrepackagedServer.SKLEARN,
          modelUri: ModelUri.gcs('b', 'm'),
          serviceAccount: ServiceAccount.fromServiceAccountName(chart, 'b', 'node-sa'),
        }),
      }],
    }))).toThrow(/predictors\[0\]\.serviceAccount "pod-sa" differs from node c's serviceAccount "node-sa"/);
  });

  test('a version label on the pod that runs the executor, other than the predictor\'s, is rejected: Istio\'s subset selects the predictor\'s pods by it', () => {
    const uri = ModelUri.gcs('b', 'm');
    expect(() => synth(chart => new PrepackagedModel(chart, 'm', { server: PrepackagedServer.SKLEARN, modelUri: uri, podLabels: { version: 'blue' } })))
      .toThrow('PrepackagedModel \'test/m\': podLabels["version"] "blue" would replace the predictor\'s version label "default" on the pod that runs its executor, '
        + 'while the Istio subset of the predictor selects its pods by that label (createIstioResources): requests through Istio would find no pod; '
        + 'the predictor\'s version label, which the operator puts on all its pods: labels: { version: "blue" } on a SeldonDeployment\'s predictor, '
        + 'or predictorName: "blue" on a PrepackagedModel (its predictor\'s name is the label)');
    // The predictor's own version label is the one every pod gets, and a pod label equal to it changes nothing.
    const [sdep] = synth(chart => new PrepackagedModel(chart, 'ok', { server: PrepackagedServer.SKLEARN, modelUri: uri, podLabels: { version: 'default', team: 'a' } }));
    expect(sdep.spec.predictors[0].componentSpecs[0].metadata.labels).toEqual({ version: 'default', team: 'a' });
  });

  test('with separateEnginePod the executor has a Deployment of its own, so the model\'s pod may say another version; spread() selects both', () => {
    const chart = Testing.chart();
    const model = new PrepackagedModel(chart, 'm', {
      metadata: { name: 'm' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('b', 'm'), separateEnginePod: true, podLabels: { version: 'blue' },
    });
    model.scheduling.spread({ topology: Topology.HOSTNAME });
    const [rendered] = Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
    const term = rendered.spec.predictors[0].componentSpecs[0].spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    expect(term.labelSelector.matchExpressions).toEqual([{ key: 'version', operator: 'In', values: ['default', 'blue'] }]);
  });

  test('a separate pod may label itself with another version (Seldon\'s A/B samples do): spread() then selects either version', () => {
    const chart = Testing.chart();
    const sd = new SeldonDeployment(chart, 'sd', {
      metadata: { name: 'ab' },
      predictors: [{
        name: 'abtest',
        graph: PredictiveUnit.builtIn({
          name: 'router',
          implementation: BuiltInImplementation.RANDOM_ABTEST,
          children: [
            PredictiveUnit.prepackaged({ name: 'a', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('b', 'a') }),
            PredictiveUnit.prepackaged({ name: 'b', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('b', 'b') }),
          ],
        }),
        separatePods: [{ nodes: ['b'], podLabels: { version: 'v2' } }],
      }],
    });
    sd.predictorPod('abtest').scheduling.spread({ topology: Topology.HOSTNAME });
    const [rendered] = Testing.synth(chart).filter(o => o.kind === 'SeldonDeployment');
    const term = rendered.spec.predictors[0].componentSpecs[0].spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0];
    expect(term.labelSelector).toEqual({ matchExpressions: [{ key: 'version', operator: 'In', values: ['abtest', 'v2'] }], matchLabels: { 'seldon-deployment-id': 'ab' } });
    expect(rendered.spec.predictors[0].componentSpecs[1].metadata.labels).toEqual({ version: 'v2' });
  });

  test('prepackaged nodes of one pod with different ServiceAccounts are rejected: the pod runs as the last one', () => {
    const node = (name: string, account: string, chart: ReturnType<typeof Testing.chart>) => PredictiveUnit.prepackaged({
      name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('b', name), serviceAccount: ServiceAccount.fromServiceAccountName(chart, `sa-${name}`, account),
    });
    const graph = (chart: ReturnType<typeof Testing.chart>) => PredictiveUnit.builtIn({
      name: 'ab', implementation: BuiltInImplementation.RANDOM_ABTEST, children: [node('a', 'model-a-reader', chart), node('b', 'model-b-reader', chart)],
    });
    expect(() => synth(chart => new SeldonDeployment(chart, 'm', { predictors: [{ name: 'p', graph: graph(chart) }] })))
      .toThrow(/predictors\[0\]\.graph runs prepackaged nodes with different ServiceAccounts \("model-a-reader", "model-b-reader"\) in the predictor's pod; .* all of them run as the last.*; one ServiceAccount for the prepackaged nodes of a pod, or separatePods/);
    // In pods of their own, each node runs as its own account.
    const [sdep] = synth(chart => new SeldonDeployment(chart, 'm', { predictors: [{ name: 'p', graph: graph(chart), separatePods: [{ nodes: ['b'] }] }] }));
    expect(sdep.spec.predictors[0].graph.children.map((c: { serviceAccountName?: string }) => c.serviceAccountName)).toEqual(['model-a-reader', 'model-b-reader']);
  });

  test('an MLServer probe whose handler the operator replaces is rejected', () => {
    expect(() => synth(chart => new PrepackagedModel(chart, 'm', {
      server: PrepackagedServer.SKLEARN,
      protocol: SeldonProtocol.V2,
      modelUri: ModelUri.gcs('b', 'm'),
      readinessProbe: Probe.fromHttpGet('/ready'),
    }))).toThrow(/readinessProbe is replaced on an MLServer node: the operator keeps its timings but checks httpGet \/v2\/health\/ready on port http/);
  });

  test('predictorPod names the predictors it knows', () => {
    const chart = Testing.chart();
    const sdep = new SeldonDeployment(chart, 'm', { predictors: [{ name: 'p', graph: PredictiveUnit.component({ name: 'c', unitType: PredictiveUnitType.MODEL, image: 'a/b:1' }) }] });
    expect(() => sdep.predictorPod('q')).toThrow(/predictorPod\(\) "q" is not a predictor; accepted: one of p/);
  });
});
