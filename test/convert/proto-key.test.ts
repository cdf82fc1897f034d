// A Model parameter named "__proto__", which the library refuses as a prop (a JavaScript object would read it as its
// prototype and drop it), converts to a plain ApiObject with the library's reason, and writes the manifest back.
import { roundTripText } from './helpers';

test('a Model parameter named __proto__ comes back through a plain ApiObject, with the reason', () => {
  const result = roundTripText(`apiVersion: mlops.seldon.io/v1alpha1
kind: Model
metadata:
  name: iris
spec:
  storageUri: gs://seldon-models/mlserver/iris
  requirements:
  - sklearn
  parameters:
  - name: __proto__
    value: x
`);
  expect(result.differences).toEqual([]);
  expect(result.equal).toBe(true);
  expect(result.conversion.objects.map(o => [o.status, o.message])).toEqual([
    ['api-object', "SeldonModel 'manifest/iris': parameters.__proto__ would be lost (JavaScript reads it as the prototype); accepted: any other key"],
  ]);
});
