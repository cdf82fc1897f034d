// A map key "__proto__" is an own property of an object that JSON.parse (or a jsii language's map) made. Copied as
// `copy[key] = value` it sets the copy's prototype instead, and the entry vanished from the manifest without a word.
import { Testing } from 'cdk8s';
import { ModelUri, SeldonModel } from '../../src';

const withProto = (rest: Record<string, string>) => ({ ...JSON.parse('{"__proto__": "x"}'), ...rest });

test('a __proto__ key in a map prop is refused, naming the field, instead of vanishing', () => {
  const params = withProto({ a: 'b' });
  expect(Object.keys(params)).toEqual(['__proto__', 'a']);
  expect(() => new SeldonModel(Testing.chart(), 'm', { storageUri: ModelUri.gcs('b', 'p'), requirements: ['sklearn'], parameters: params }))
    .toThrow(/^SeldonModel 'test\/m': parameters\.__proto__ would be lost \(JavaScript reads it as the prototype\); accepted: any other key$/);
});

test('the other keys of such a map, and maps without one, are kept', () => {
  const chart = Testing.chart();
  new SeldonModel(chart, 'm', { storageUri: ModelUri.gcs('b', 'p'), requirements: ['sklearn'], parameters: { a: 'b', proto: 'c' } });
  expect(Testing.synth(chart)[0].spec.parameters).toEqual([{ name: 'a', value: 'b' }, { name: 'proto', value: 'c' }]);
});
