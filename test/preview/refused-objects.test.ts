/**
 * Objects the API server refuses never reach an operator: the preview reports each (naming the object and the first
 * schema error) and previews the others, instead of failing on a shape the operator's model never sees.
 */
import { previewObjects } from '../../src/preview';

const deployment = (name: string, graph: object, extra: object = {}) => ({
  apiVersion: 'machinelearning.seldon.io/v1',
  kind: 'SeldonDeployment',
  metadata: { name, namespace: 'seldon' },
  spec: { predictors: [{ name: 'default', graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://b/p', ...graph }, ...extra }] },
});

describe('objects the API server would refuse', () => {
  test('are reported by name with their first schema error, and the valid ones are still previewed', () => {
    const good = deployment('good', {});
    const preview = previewObjects([
      deployment('params-map', { parameters: { method: 'predict' } }),
      { ...deployment('predictors-map', {}), spec: { predictors: { default: {} } } },
      { apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Server', metadata: { name: 'extra' }, spec: { serverConfig: 'mlserver', extraCapabilities: 'my-cap' } },
      deployment('ports-map', {}, { componentSpecs: [{ spec: { containers: [{ name: 'classifier', ports: { http: 9000 } }] } }] }),
      { ...good, apiVersion: 'machinelearning.seldon.io/v2' },
      good,
    ]);
    expect(preview.problems).toEqual([
      'SeldonDeployment seldon/params-map: not previewed: the API server would refuse it (/spec/predictors/0/graph/parameters: must be an array, got an object)',
      'SeldonDeployment seldon/predictors-map: not previewed: the API server would refuse it (/spec/predictors: must be an array, got an object)',
      'Server extra: not previewed: the API server would refuse it (/spec/extraCapabilities: must be an array, got "my-cap")',
      'SeldonDeployment seldon/ports-map: not previewed: the API server would refuse it (/spec/predictors/0/componentSpecs/0/spec/containers/0/ports: must be an array, got an object)',
      expect.stringMatching(/^SeldonDeployment seldon\/good: not previewed: the API server would refuse it \(\/: unknown kind\/version: no CRD loaded for machinelearning.seldon.io\/v2 SeldonDeployment/),
    ]);
    expect(preview.objects.filter(o => o.kind === 'Deployment').map(o => o.metadata.name)).toEqual(['good-default-0-classifier']);
  });
});
