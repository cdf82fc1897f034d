/**
 * Seldon names a Model's and a Pipeline's Kafka topics
 * `<prefix>.<namespace>.model|pipeline.<name>.inputs|outputs` (scheduler/pkg/kafka/topics.go,
 * v2.10.2), and Kafka refuses topic names over 249 characters: a name that makes them longer is
 * refused at synth where the namespace is known, with the topic prefix of the namespace's runtime
 * (its own `config.kafka.topicPrefix`, else its SeldonConfig's, else `seldon`).
 */
import { App, Chart } from 'cdk8s';
import { ModelUri } from '../../src/model-uri';
import { Pipeline, SeldonConfig, SeldonModel, SeldonRuntime } from '../../src/v2';
import { synthError } from '../synth-error';

const chart = (namespace?: string) => new Chart(new App({ outdir: '/nonexistent' }), 'c', { namespace });
const URI = ModelUri.parse('gs://seldon-models/iris');

describe('Kafka topic names', () => {
  test('a Model name is refused one character past what its topic allows in its namespace', () => {
    // seldon.seldon-mesh.model.<name>.outputs: 33 characters besides the name, so 216 are the most.
    const fits = chart('seldon-mesh');
    new SeldonModel(fits, 'fits', { metadata: { name: 'm'.repeat(216) }, storageUri: URI });
    expect(synthError(fits)).toBe('');
    const c = chart('seldon-mesh');
    new SeldonModel(c, 'long', { metadata: { name: 'm'.repeat(217) }, storageUri: URI });
    expect(synthError(c)).toContain(
      'SeldonModel \'c/long\': metadata.name (217 characters) makes the model\'s Kafka topic "seldon.seldon-mesh.model.<name>.outputs" 250 characters long, '
      + 'and Kafka refuses topic names over 249: Seldon could not create it (scheduler/pkg/kafka/topics.go); '
      + 'at most 216 characters in namespace "seldon-mesh" with the default topic prefix "seldon"');
  });

  test('a Pipeline\'s topics say "pipeline", three characters more than "model"', () => {
    const fits = chart('seldon-mesh');
    new Pipeline(fits, 'fits', { metadata: { name: 'p'.repeat(213) } }).addStepForModelName('iris');
    expect(synthError(fits)).not.toMatch(/Kafka topic/);
    const c = chart('seldon-mesh');
    new Pipeline(c, 'long', { metadata: { name: 'p'.repeat(214) } }).addStepForModelName('iris');
    expect(synthError(c)).toMatch(/Pipeline 'c\/long': metadata.name \(214 characters\) makes the pipeline's Kafka topic .* at most 213 characters/);
  });

  test('the namespace counts: an object\'s own namespace over its chart\'s; unknown, nothing is refused', () => {
    const long = 'n'.repeat(63);
    const c = chart('a');
    new SeldonModel(c, 'own', { metadata: { name: 'm'.repeat(200), namespace: long }, storageUri: URI });
    expect(synthError(c)).toMatch(/at most 164 characters in namespace "n{63}"/);
    const unknown = chart();
    new SeldonModel(unknown, 'unknown', { metadata: { name: 'm'.repeat(253) }, storageUri: URI });
    expect(synthError(unknown)).toBe('');
  });

  test('a runtime\'s longer topic prefix makes a name too long that the default prefix allows, whichever is declared first', () => {
    // acme-prod-seldon is 10 characters longer than seldon: 206 are the most in seldon-mesh.
    const c = chart('seldon-mesh');
    new SeldonModel(c, 'long', { metadata: { name: 'm'.repeat(207) }, storageUri: URI });
    new SeldonModel(c, 'fits', { metadata: { name: 'f'.repeat(206) }, storageUri: URI });
    new SeldonRuntime(c, 'runtime', { config: { kafka: { topicPrefix: 'acme-prod-seldon' } } });
    const message = synthError(c);
    expect(message).toContain('SeldonModel \'c/long\': metadata.name (207 characters) makes the model\'s Kafka topic '
      + '"acme-prod-seldon.seldon-mesh.model.<name>.outputs" 250 characters long');
    expect(message).toContain('at most 206 characters in namespace "seldon-mesh" with the topic prefix "acme-prod-seldon" '
      + '(config.kafka.topicPrefix of SeldonRuntime \'c/runtime\')');
    expect(message).not.toContain('c/fits');
  });

  test('a runtime without a prefix takes its SeldonConfig\'s; a shorter prefix allows a longer name', () => {
    const c = chart('seldon-mesh');
    const config = SeldonConfig.fromSeldonConfigName(c, 'config', 'acme', { configuration: { kafka: { topicPrefix: 's' } } });
    new SeldonRuntime(c, 'runtime', { seldonConfig: config });
    // s.seldon-mesh.model.<name>.outputs: 28 characters besides the name
    new SeldonModel(c, 'fits', { metadata: { name: 'm'.repeat(221) }, storageUri: URI });
    expect(synthError(c)).toBe('');
    new Pipeline(c, 'long', { metadata: { name: 'p'.repeat(219) } }).addStepForModelName('m'.repeat(221));
    expect(synthError(c)).toContain('at most 218 characters in namespace "seldon-mesh" with the topic prefix "s" '
      + '(config.kafka.topicPrefix of SeldonConfig "acme", which SeldonRuntime \'c/runtime\' installs)');
  });

  test('a runtime deployed elsewhere (fromNamespace) with its topicPrefix counts like one of the app; a prefix Seldon refuses is refused', () => {
    const c = chart('seldon-mesh');
    SeldonRuntime.fromNamespace(c, 'mesh', 'seldon-mesh', { topicPrefix: 'acme-prod-seldon' });
    new SeldonModel(c, 'long', { metadata: { name: 'm'.repeat(207) }, storageUri: URI });
    new SeldonModel(c, 'fits', { metadata: { name: 'f'.repeat(206) }, storageUri: URI });
    const message = synthError(c);
    expect(message).toContain('SeldonModel \'c/long\': metadata.name (207 characters) makes the model\'s Kafka topic '
      + '"acme-prod-seldon.seldon-mesh.model.<name>.outputs" 250 characters long');
    expect(message).toContain('with the topic prefix "acme-prod-seldon" (the topicPrefix given to SeldonRuntime.fromNamespace("seldon-mesh"))');
    expect(message).not.toContain('c/fits');
    // Without it, Seldon's default: 216 characters fit.
    const d = chart('seldon-mesh');
    SeldonRuntime.fromNamespace(d, 'mesh', 'seldon-mesh');
    new SeldonModel(d, 'long', { metadata: { name: 'm'.repeat(216) }, storageUri: URI });
    expect(synthError(d)).toBe('');
    // Seldon reads "" as unset: a runtime's "" takes its SeldonConfig's prefix, which is seldom what "" was meant to say.
    expect(() => new SeldonRuntime(chart('x'), 'r', { config: { kafka: { topicPrefix: '' } } }))
      .toThrow(/config\.kafka\.topicPrefix is empty, which Seldon reads as unset \(a runtime then takes its SeldonConfig's prefix, else "seldon"; .*\); a prefix of letters, .* or leave it unset/);
    expect(() => SeldonRuntime.fromNamespace(chart(), 'bad', 'seldon-mesh', { topicPrefix: 'acme prod' }))
      .toThrow(/options\.topicPrefix "acme prod" is not a topic prefix Seldon accepts; .*; letters, digits, "\.", "_" and "-"/);
  });

  test('a runtime of another namespace does not count', () => {
    const c = chart('seldon-mesh');
    new SeldonRuntime(c, 'runtime', { metadata: { namespace: 'other' }, config: { kafka: { topicPrefix: 'acme-prod-seldon' } } });
    SeldonRuntime.fromNamespace(c, 'mesh', 'seldon-mesh');
    new SeldonModel(c, 'fits', { metadata: { name: 'm'.repeat(216) }, storageUri: URI });
    expect(synthError(c)).toBe('');
  });

  test('a prefix that leaves no room for any name says so, rather than "at most 0 characters"', () => {
    // 230 + ".seldon-mesh.model." + ".outputs": 257 characters before the name
    const c = chart('seldon-mesh');
    SeldonRuntime.fromNamespace(c, 'mesh', 'seldon-mesh', { topicPrefix: 'p'.repeat(230) });
    new SeldonModel(c, 'm', { metadata: { name: 'm' }, storageUri: URI });
    const message = synthError(c);
    expect(message).toContain('SeldonModel \'c/m\': metadata.name (1 characters) makes the model\'s Kafka topic');
    expect(message).toContain('no model name fits in namespace "seldon-mesh" with the topic prefix "ppp');
    expect(message).toMatch(/; a topic prefix or a namespace shorter by at least 9 characters/);
    expect(message).not.toContain('at most 0 characters');
  });
});
