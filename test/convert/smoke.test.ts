import { convertManifests } from '../../src/convert';
import { roundTripText } from './helpers';

const SKLEARN = `apiVersion: machinelearning.seldon.io/v1alpha2
kind: SeldonDeployment
metadata:
  name: sklearn-iris
spec:
  predictors:
  - name: default
    replicas: 1
    graph:
      name: classifier
      implementation: SKLEARN_SERVER
      modelUri: gs://seldon-models/v1.18.0-dev/sklearn/iris
`;

test('smoke', () => {
  const r = convertManifests(SKLEARN, 'sklearn.yaml');
  console.log(r.code, JSON.stringify(r.objects));
  const rt = roundTripText(SKLEARN);
  console.log(rt.differences);
  expect(rt.equal).toBe(true);
});
