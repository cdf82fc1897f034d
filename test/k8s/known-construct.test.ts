// The one helper that names, in a message, the construct a user knows an object by (review 17-diff L4): the name
// check, the dependency check and the output-file check all use it.
import { ApiObject, Testing } from 'cdk8s';
import { ConfigMap } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { knownConstruct } from '../../src/k8s/known-construct';
import { ModelUri } from '../../src/model-uri';
import { SeldonModel } from '../../src/v2';

describe('knownConstruct', () => {
  test('a library construct\'s Resource object: the library construct', () => {
    const model = new SeldonModel(Testing.chart(), 'm', { storageUri: ModelUri.parse('gs://x/y') });
    expect(knownConstruct(model.apiObject)).toBe(model);
  });

  test('an ApiObject the user made, a cdk8s-plus object\'s Resource, and a construct that is no ApiObject', () => {
    const chart = Testing.chart();
    const own = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(knownConstruct(own)).toBe(own);
    const plus = new ConfigMap(chart, 'plus');
    expect(knownConstruct(ApiObject.of(plus))).toBe(plus);
    // a plain construct with id Resource is not an object's: itself
    const plain = new Construct(new Construct(chart, 'group'), 'Resource');
    expect(knownConstruct(plain)).toBe(plain);
  });
});
