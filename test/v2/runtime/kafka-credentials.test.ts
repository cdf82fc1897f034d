// Kafka properties are written into the SeldonConfig or SeldonRuntime and, by the operator, into the seldon-kafka
// ConfigMap: a password given as a property would sit there in plain text. Refused, never shown; settings kept.
import { Testing } from 'cdk8s';
import { SeldonConfig, SeldonRuntime } from '../../../src/v2';

test.each([
  ['consumer', 'sasl.password'], ['producer', 'ssl.key.password'], ['streams', 'sasl.jaas.config'], ['consumer', 'ssl.key.pem'],
])('a SeldonRuntime\'s kafka.%s %j is refused without its value', (group, property) => {
  let message = '';
  try {
    new SeldonRuntime(Testing.chart(), 'runtime', { config: { kafka: { [group]: { [property]: 'hunter2' } } } });
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain(`config.kafka.${group}["${property}"] holds a credential (not shown)`);
  expect(message).not.toContain('hunter2');
});

test('a SeldonConfig refuses it too, and keeps the SASL settings that are not credentials', () => {
  expect(() => new SeldonConfig(Testing.chart(), 'config', { config: { kafka: { consumer: { 'sasl.password': 'x' } } } }))
    .toThrow(/kafka\.consumer\["sasl\.password"\] holds a credential/);
  const chart = Testing.chart();
  new SeldonRuntime(chart, 'runtime', {
    config: { kafka: { consumer: { 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.username': 'seldon', 'security.protocol': 'SASL_SSL' } } },
  });
  expect(Testing.synth(chart)[0].spec.config.kafkaConfig.consumer).toEqual({
    'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.username': 'seldon', 'security.protocol': 'SASL_SSL',
  });
});
