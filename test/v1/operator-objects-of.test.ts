// The checks that read the operator's model of a SeldonDeployment (the port rule, the Deployment names of the name
// check) take its failure for "nothing to judge" only where a JSON patch reshaped the object; otherwise the library
// wrote every field itself, and a failure is a bug of its own that must not switch the checks off in silence.
import { operatorObjectsOf } from '../../src/v1/operator-services';

const RESHAPED = { apiVersion: 'machinelearning.seldon.io/v1', kind: 'SeldonDeployment', metadata: { name: 'm' }, spec: { predictors: 5 } };

test('a reshaped manifest gives nothing when patched, and throws when not', () => {
  expect(operatorObjectsOf(RESHAPED, true)).toEqual([]);
  expect(() => operatorObjectsOf(RESHAPED, false)).toThrow();
});

test('a manifest the model reads gives its objects either way', () => {
  const sdep = {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: { name: 'm' },
    spec: { predictors: [{ name: 'p', graph: { name: 'c', implementation: 'SKLEARN_SERVER', modelUri: 'gs://b/m' } }] },
  };
  expect(operatorObjectsOf(sdep, false).map(o => o.kind)).toContain('Deployment');
  expect(operatorObjectsOf(sdep, true).map(o => o.kind)).toEqual(operatorObjectsOf(sdep, false).map(o => o.kind));
});
