/**
 * Seldon names a Model's and a Pipeline's Kafka topics
 * `<prefix>.<namespace>.model|pipeline.<name>.inputs|outputs` (scheduler/pkg/kafka/topics.go,
 * v2.10.2), and Kafka refuses topic names over 249 characters: a name that makes them longer is
 * refused at construction where the namespace is known.
 */
import { App, Chart } from 'cdk8s';
import { ModelUri } from '../../src/model-uri';
import { Pipeline, SeldonModel } from '../../src/v2';

const chart = (namespace?: string) => new Chart(new App({ outdir: '/nonexistent' }), 'c', { namespace });
const URI = ModelUri.parse('gs://seldon-models/iris');

describe('Kafka topic names', () => {
  test('a Model name is refused one character past what its topic allows in its namespace', () => {
    // seldon.seldon-mesh.model.<name>.outputs: 33 characters besides the name, so 216 are the most.
    const c = chart('seldon-mesh');
    expect(() => new SeldonModel(c, 'fits', { metadata: { name: 'm'.repeat(216) }, storageUri: URI })).not.toThrow();
    expect(() => new SeldonModel(c, 'long', { metadata: { name: 'm'.repeat(217) }, storageUri: URI })).toThrow(
      'SeldonModel \'c/long\': metadata.name (217 characters) makes the model\'s Kafka topic "seldon.seldon-mesh.model.<name>.outputs" 250 characters long, '
      + 'and Kafka refuses topic names over 249: Seldon could not create it (scheduler/pkg/kafka/topics.go); '
      + 'at most 216 characters in namespace "seldon-mesh" with the default topic prefix "seldon"');
  });

  test('a Pipeline\'s topics say "pipeline", three characters more than "model"', () => {
    const c = chart('seldon-mesh');
    expect(() => new Pipeline(c, 'fits', { metadata: { name: 'p'.repeat(213) } })).not.toThrow();
    expect(() => new Pipeline(c, 'long', { metadata: { name: 'p'.repeat(214) } })).toThrow(/Pipeline 'c\/long': metadata.name \(214 characters\) makes the pipeline's Kafka topic .* at most 213 characters/);
  });

  test('the namespace counts: an object\'s own namespace over its chart\'s; unknown, nothing is refused', () => {
    const long = 'n'.repeat(63);
    expect(() => new SeldonModel(chart('a'), 'own', { metadata: { name: 'm'.repeat(200), namespace: long }, storageUri: URI }))
      .toThrow(/at most 164 characters in namespace "n{63}"/);
    expect(() => new SeldonModel(chart(), 'unknown', { metadata: { name: 'm'.repeat(253) }, storageUri: URI })).not.toThrow();
  });
});
