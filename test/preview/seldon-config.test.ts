import { Json } from '../../src/k8s/json';
import { previewObjects } from '../../src/preview';

const sdep: Json = {
  apiVersion: 'machinelearning.seldon.io/v1',
  kind: 'SeldonDeployment',
  metadata: { name: 'iris', namespace: 'models' },
  spec: { predictors: [{ name: 'default', graph: { name: 'classifier', implementation: 'LIGHTGBM_SERVER', modelUri: 'gs://m/lgbm' } }] },
};

const seldonConfig = (data: Json): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'seldon-config', namespace: 'seldon-system' }, data });

describe('a seldon-config ConfigMap among the manifests configures the v1 operator (prepack.go, model_initializer_injector.go)', () => {
  test('without it, a custom server has no predictor_servers entry', () => {
    expect(previewObjects([sdep]).problems).toEqual(['SeldonDeployment models/iris: Failed to get server config for LIGHTGBM_SERVER']);
  });

  test('its predictor_servers and storageInitializer replace the Helm defaults', () => {
    const preview = previewObjects([sdep, seldonConfig({
      predictor_servers: JSON.stringify({ LIGHTGBM_SERVER: { protocols: { seldon: { image: 'me/lgbm', defaultImageVersion: '0.1' } } } }),
      storageInitializer: JSON.stringify({ image: 'me/init:2', cpuRequest: '10m', cpuLimit: '1', memoryRequest: '50Mi', memoryLimit: '1Gi' }),
    })]);
    expect(preview.problems).toEqual([]);
    const pod = preview.objects[0].spec.template.spec;
    expect(pod.containers[0].image).toBe('me/lgbm:0.1');
    expect(pod.initContainers[0].image).toBe('me/init:2');
    expect(pod.initContainers[0].resources.requests).toEqual({ cpu: '10m', memory: '50Mi' });
  });

  test('JSON the operator cannot read is reported', () => {
    expect(previewObjects([sdep, seldonConfig({ predictor_servers: '{' })]).problems[0]).toMatch(/^ConfigMap seldon-config: predictor_servers is not JSON/);
  });
});
