import { Testing } from 'cdk8s';
import { Cpu, EnvValue } from 'cdk8s-plus-27';
import { ExplainerType, ModelUri, PrepackagedModel, PrepackagedServer, SeldonProtocol } from '../../src';
import { Json } from '../../src/k8s/json';
import { previewObjects } from '../../src/preview';

// The explainer's Deployment and Service as the v1 operator builds them
// (operator/controllers/seldondeployment_explainers.go@v1.18.2 createExplainer; mlserver.go getAlibiExplainEnvVars).

function preview(protocol?: SeldonProtocol, replicas?: number, env = true): Json[] {
  const chart = Testing.chart();
  new PrepackagedModel(chart, 'income', {
    metadata: { name: 'income', namespace: 'models' },
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.gcs('seldon-models', 'sklearn/income/model'),
    protocol,
    replicas,
  }).withExplainer({
    explainerType: ExplainerType.ANCHOR_TABULAR,
    modelUri: ModelUri.gcs('seldon-models', 'sklearn/income/explainer'),
    resources: { cpu: { request: Cpu.millis(200) } },
    env: env ? { LOG_LEVEL: EnvValue.fromValue('debug') } : undefined,
    // Each protocol's explainer reads one of them (seldondeployment_explainers.go); the library refuses the other.
    ...(protocol === SeldonProtocol.V2 ? { initParameters: { threshold: 0.95 } } : { config: { threshold: '0.95' } }),
  });
  const result = previewObjects(Testing.synth(chart));
  expect(result.problems).toEqual([]);
  return result.objects;
}
const named = (objects: Json[], kind: string, name: string): Json => objects.find(o => o.kind === kind && o.metadata.name === name)!;

test('seldon protocol: the explainer Deployment runs alibiexplainer against the predictor\'s Service, with the explainer\'s model downloaded', () => {
  const objects = preview();
  const deployment = named(objects, 'Deployment', 'income-default-explainer');
  expect(deployment).toBeDefined();
  const pod = deployment.spec.template.spec;
  const [container] = pod.containers;
  expect(container.name).toBe('income-default-explainer');
  expect(container.image).toBe('seldonio/alibiexplainer:1.18.2');
  expect(container.args).toEqual([
    '--model_name=classifier', '--predictor_host=income-default.models:8000', '--protocol=seldon.http', '--http_port=9000',
    '--storage_uri=/mnt/models', 'AnchorTabular', '--threshold=0.95',
  ]);
  expect(container.ports).toEqual([{ name: 'http', containerPort: 9000, protocol: 'TCP' }]);
  expect(container.readinessProbe).toMatchObject({ tcpSocket: { port: 'http' }, initialDelaySeconds: 20, failureThreshold: 7 });
  // the user's settings are kept
  expect(container.resources.requests.cpu).toBe('200m');
  expect(container.env).toEqual([{ name: 'LOG_LEVEL', value: 'debug' }]);
  expect(pod.initContainers.map((c: Json) => [c.name, c.args])).toEqual([
    ['income-default-explainer-model-initializer', ['gs://seldon-models/sklearn/income/explainer', '/mnt/models']],
  ]);
  expect(deployment.metadata.labels).toMatchObject({ 'seldon.io/explainer': 'true', 'seldon-app': 'income-default-explainer' });
  // explainers have no metrics: no prometheus annotations
  expect(deployment.spec.template.metadata.annotations['prometheus.io/scrape']).toBeUndefined();

  const service = named(objects, 'Service', 'income-default-explainer');
  expect(service.spec.ports).toEqual([{ protocol: 'TCP', port: 9000, targetPort: 9000, name: 'http' }]);
  expect(service.spec.selector).toEqual({ 'seldon-app': 'income-default-explainer' });
  expect(service.metadata.labels['seldon-app']).toBe('income-default');
});

test('v2 protocol: MLServer\'s alibi-explain runtime, told where to infer and the init parameters', () => {
  // (an env of the user's would be replaced: the library refuses it, see the v1-fidelity catalogue)
  const container = named(preview(SeldonProtocol.V2, undefined, false), 'Deployment', 'income-default-explainer').spec.template.spec.containers[0];
  expect(container.image).toBe('seldonio/mlserver:1.3.5-alibi-explain');
  expect(container.args).toBeUndefined();
  expect(container.env).toEqual([
    { name: 'MLSERVER_HTTP_PORT', value: '9000' },
    { name: 'MLSERVER_MODEL_IMPLEMENTATION', value: 'mlserver_alibi_explain.AlibiExplainRuntime' },
    { name: 'MLSERVER_MODEL_NAME', value: 'income-default-explainer' },
    { name: 'MLSERVER_MODEL_URI', value: '/mnt/models' },
    { name: 'MLSERVER_MODEL_EXTRA', value: '{"explainer_type":"anchor_tabular","infer_uri":"http://income-default.models:8000/v2/models/classifier/infer","init_parameters":{"threshold":0.95}}' },
  ]);
});

test('a predictor scaled to zero scales its explainer to zero', () => {
  expect(named(preview(undefined, 0), 'Deployment', 'income-default-explainer').spec.replicas).toBe(0);
  expect(named(preview(), 'Deployment', 'income-default-explainer').spec.replicas).toBeUndefined();
});
