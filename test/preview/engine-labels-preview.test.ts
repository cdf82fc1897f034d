import { Testing } from 'cdk8s';
import { ModelUri, PrepackagedModel, PrepackagedServer } from '../../src';
import { Json } from '../../src/k8s/json';
import { previewObjects } from '../../src/preview';

// seldondeployment_controller.go@v1.18.2 createComponents passes the predictor's Service name (pSvcName) to
// createEngineDeployment as its seldonId, so the separate executor's Deployment is labelled with it, not with the
// SeldonDeployment's id: the predictor Service (selecting seldon-app: <pSvcName>) reaches the executor.
test('a separate executor Deployment carries the predictor Service name as seldon-app and seldon-deployment-id', () => {
  const chart = Testing.chart();
  new PrepackagedModel(chart, 'iris', {
    metadata: { name: 'iris', namespace: 'models' },
    server: PrepackagedServer.SKLEARN,
    modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
    separateEnginePod: true,
  });
  const result = previewObjects(Testing.synth(chart));
  expect(result.problems).toEqual([]);
  const engine = result.objects.find(o => o.kind === 'Deployment' && o.metadata.labels?.['seldon-deployment-contains-svcorch'] === 'true') as Json;
  expect(engine).toBeDefined();
  expect(engine.spec.selector.matchLabels).toEqual({ 'seldon-app': 'iris-default', 'seldon-deployment-id': 'iris-default' });
  expect(engine.spec.template.metadata.labels).toMatchObject({ 'seldon-app': 'iris-default', 'seldon-deployment-id': 'iris-default' });
  const service = result.objects.find(o => o.kind === 'Service' && o.metadata.name === 'iris-default') as Json;
  expect(service).toBeDefined();
  const podLabels = engine.spec.template.metadata.labels;
  for (const [key, value] of Object.entries(service.spec.selector as Record<string, string>)) expect(podLabels[key]).toBe(value);
});
