/**
 * Seldon names a Model's and a Pipeline's Kafka topics
 * `<prefix>.<namespace>.model|pipeline.<name>.inputs|outputs` (scheduler/pkg/kafka/topics.go,
 * v2.10.2), and Kafka refuses topic names over 249 characters: a name that makes them longer is
 * refused at synth where the namespace is known, with the topic prefix of the namespace's runtime
 * (its own `config.kafka.topicPrefix`, else its SeldonConfig's, else `seldon`).
 */
import { App, Chart, Testing } from 'cdk8s';
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

  test('a prefix that leaves no room for any name is the runtime\'s problem, said once on it, not on each object of the namespace', () => {
    // 230 + ".seldon-mesh.model." + ".outputs": 257 characters before the name
    const c = chart('seldon-mesh');
    SeldonRuntime.fromNamespace(c, 'mesh', 'seldon-mesh', { topicPrefix: 'p'.repeat(230) });
    new SeldonModel(c, 'm', { metadata: { name: 'm' }, storageUri: URI });
    new SeldonModel(c, 'n', { metadata: { name: 'n' }, storageUri: URI });
    new Pipeline(c, 'p', { metadata: { name: 'p' } }).addStepForModelName('m');
    const message = synthError(c);
    expect(message).toContain('SeldonRuntime reference \'c/mesh\': options.topicPrefix "ppp');
    expect(message).toContain('... (230 characters) leaves no room for a model name in namespace "seldon-mesh": even a name of one character '
      + 'makes the model\'s Kafka topic "<prefix>.seldon-mesh.model.<name>.outputs" 258 characters long, and Kafka refuses topic names over 249: Seldon could not create it '
      + '(scheduler/pkg/kafka/topics.go), so no Model or Pipeline of the namespace could have its topics; a topic prefix or a namespace shorter by at least 9 characters');
    expect(message.match(/Kafka topic/g)).toHaveLength(1);
    expect(message).not.toContain('at most 0 characters');
    // with nothing in the namespace, the runtime is refused all the same
    const alone = chart('seldon-mesh');
    new SeldonRuntime(alone, 'runtime', { config: { kafka: { topicPrefix: 'p'.repeat(230) } } });
    expect(synthError(alone)).toMatch(/SeldonRuntime 'c\/runtime': config\.kafka\.topicPrefix "p+\.\.\. \(230 characters\) leaves no room for a model name/);
  });

  test('a SeldonConfig\'s prefix that leaves no room is reported on the runtime that installs it', () => {
    const c = chart('seldon-mesh');
    const config = SeldonConfig.fromSeldonConfigName(c, 'config', 'acme', { configuration: { kafka: { topicPrefix: 'p'.repeat(230) } } });
    new SeldonRuntime(c, 'runtime', { seldonConfig: config });
    expect(synthError(c)).toMatch(/SeldonRuntime 'c\/runtime': seldonConfig gives the topic prefix "p+\.\.\. \(230 characters, its config\.kafka\.topicPrefix\), which leaves no room for a model name in namespace "seldon-mesh"/);
  });

  test('a prefix with room for Model names only: the runtime is refused once where the namespace has a Pipeline; a Model too long on its own is still named', () => {
    // 220 + ".seldon-mesh.model." + ".outputs" = 247: names of at most 2 characters; "pipeline" needs 3 more
    const prefix = 'p'.repeat(220);
    const models = chart('seldon-mesh');
    SeldonRuntime.fromNamespace(models, 'mesh', 'seldon-mesh', { topicPrefix: prefix });
    new SeldonModel(models, 'm', { metadata: { name: 'mm' }, storageUri: URI });
    expect(synthError(models)).toBe('');
    const c = chart('seldon-mesh');
    SeldonRuntime.fromNamespace(c, 'mesh', 'seldon-mesh', { topicPrefix: prefix });
    new SeldonModel(c, 'm', { metadata: { name: 'mm' }, storageUri: URI });
    new SeldonModel(c, 'long', { metadata: { name: 'mmm' }, storageUri: URI });
    new Pipeline(c, 'p', { metadata: { name: 'p' } }).addStepForModelName('mm');
    new Pipeline(c, 'q', { metadata: { name: 'q' } }).addStepForModelName('mm');
    const message = synthError(c);
    expect(message).toContain('SeldonRuntime reference \'c/mesh\': options.topicPrefix "ppp');
    expect(message).toContain('leaves no room for a pipeline name in namespace "seldon-mesh": even a name of one character makes the pipeline\'s Kafka topic');
    expect(message).toContain('so no Pipeline (a Model\'s name has at most 2 characters) of the namespace could have its topics; a topic prefix or a namespace shorter by at least 2 characters');
    expect(message).toMatch(/SeldonModel 'c\/long': metadata.name \(3 characters\) makes the model's Kafka topic .* at most 2 characters in namespace "seldon-mesh"/);
    expect(message).not.toMatch(/Pipeline 'c\/[pq]'/);
    expect(message.match(/Kafka topic/g)).toHaveLength(2);
  });

  test('an invalid name is refused as invalid only, not also for its topic length', () => {
    const c = chart('seldon-mesh');
    SeldonRuntime.fromNamespace(c, 'mesh', 'seldon-mesh', { topicPrefix: 'acme-prod-seldon' });
    expect(() => new SeldonModel(c, 'bad', { metadata: { name: 'M'.repeat(260) }, storageUri: URI })).toThrow(/^SeldonModel 'c\/bad': metadata\.name "M+\.\.\. is not a valid Seldon v2 model name; [^\n]*$/);
    expect(() => new Pipeline(c, 'badp', { metadata: { name: 'P'.repeat(260) } })).toThrow(/^Pipeline 'c\/badp': metadata\.name "P+\.\.\. is not a valid Seldon v2 pipeline name; [^\n]*$/);
    // a construction that throws leaves nothing behind (src/k8s/failed-construction.ts): the app-wide check never sees them
    expect(synthError(c)).not.toMatch(/Kafka topic/);
    expect(Testing.synth(c)).toEqual([]);
  });
});
