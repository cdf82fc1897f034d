/**
 * The preview reports an object the operators would make under a name another one has (src/preview/preview.ts):
 * the v1 operator's Services are plain concatenations of names, so two SeldonDeployments can be given one.
 */
import { previewObjects } from '../../src/preview';

const sdep = (name: string, predictor: string, annotations?: object) => ({
  apiVersion: 'machinelearning.seldon.io/v1',
  kind: 'SeldonDeployment',
  metadata: { name, namespace: 'ns' },
  spec: { predictors: [{ name: predictor, annotations, graph: { name: 'm', implementation: 'SKLEARN_SERVER', modelUri: 'gs://models/m' } }] },
});

describe('names the operators would give two objects', () => {
  test('two SeldonDeployments whose names join to one Service name', () => {
    const preview = previewObjects([sdep('x', 'y-z'), sdep('x-y', 'z')]);
    expect(preview.problems).toContain('Service ns/x-y-z made for SeldonDeployment ns/x-y: its name is also Service ns/x-y-z made for SeldonDeployment ns/x; '
      + 'the operator would replace the other one on every reconcile or fail to create its own');
    expect(preview.problems.some(p => p.startsWith('Service ns/x-y-z-m made for SeldonDeployment ns/x-y'))).toBe(true);
  });

  test('a Service among the objects applied, and none for deployments named apart', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'iris-default', namespace: 'ns' } };
    expect(previewObjects([service, sdep('iris', 'default')]).problems)
      .toContain('Service ns/iris-default made for SeldonDeployment ns/iris: its name is also Service ns/iris-default of the objects applied; '
        + 'the operator would replace the other one on every reconcile or fail to create its own');
    expect(previewObjects([sdep('iris', 'default'), sdep('wine', 'default')]).problems).toEqual([]);
  });
});
