/** The logger URL rules (src/v1/logger-url.ts), wherever the URL is set (review 17 v1 D2; review 17 diff M3). */
import { Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import { LoggerMode, ModelUri, PrepackagedModel, PrepackagedModelProps, PrepackagedServer } from '../../src';

const model = (props: Partial<PrepackagedModelProps>) => () =>
  new PrepackagedModel(Testing.chart(), 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', 'iris'), ...props });
const message = (build: () => unknown) => { try { build(); } catch (e) { return (e as Error).message; } return 'accepted'; };

describe('user info in a logger URL is a credential: refused in all three places, never shown', () => {
  const url = 'http://user:s3 cr3t@broker/';
  test.each([
    ['logger.url', { logger: { mode: LoggerMode.ALL, url } }],
    ['engineEnv["REQUEST_LOGGER_DEFAULT_ENDPOINT"]', { engineEnv: { REQUEST_LOGGER_DEFAULT_ENDPOINT: EnvValue.fromValue(url) } }],
    ['annotations["seldon.io/engine-request-logger-default-endpoint"]', { annotations: { 'seldon.io/engine-request-logger-default-endpoint': url } }],
  ])('%s', (field, props) => {
    const text = message(model(props as Partial<PrepackagedModelProps>));
    expect(text).toContain(`${field} "http://***@broker/" carries user info before "@" (shown as ***)`);
    expect(text).not.toContain('cr3t');
  });

  test('a password holding "/" is user info too, never shown in part as a port', () => {
    const text = message(model({ engineEnv: { REQUEST_LOGGER_DEFAULT_ENDPOINT: EnvValue.fromValue('http://user:s3/cr3t@broker/') } }));
    expect(text).toContain('engineEnv["REQUEST_LOGGER_DEFAULT_ENDPOINT"] "http://***@broker/" carries user info before "@" (shown as ***)');
    expect(text).not.toContain('s3');
  });

  test('a URL without user info, with a port and a path, is accepted in each', () => {
    const ok = 'http://broker-ingress.knative-eventing:8080/seldon/default';
    expect(message(model({
      logger: { mode: LoggerMode.ALL, url: ok },
      engineEnv: { REQUEST_LOGGER_DEFAULT_ENDPOINT: EnvValue.fromValue(ok) },
      annotations: { 'seldon.io/engine-request-logger-default-endpoint': ok },
    }))).toBe('accepted');
  });
});

// Worded as the library words a value of the wrong type everywhere else (src/k8s/prop-wording.ts actualText): "is the number 5".
test('a value that is no string (a JavaScript caller\'s EnvValue.fromValue(5)) is refused by what it is, not a TypeError', () => {
  for (const [value, shown] of [[5, 'is the number 5'], [null, 'is null'], [true, 'is true (a boolean)']] as const) {
    const text = message(model({ engineEnv: { REQUEST_LOGGER_DEFAULT_ENDPOINT: EnvValue.fromValue(value as unknown as string) } }));
    expect(text).toContain(`PrepackagedModel 'test/iris': engineEnv["REQUEST_LOGGER_DEFAULT_ENDPOINT"] ${shown}, not an http(s) URL; an http(s) URL with a host`);
  }
  // the logger's own url, typed a string, reaches the same rule from JavaScript
  const text = message(model({ logger: { mode: LoggerMode.ALL, url: 5 as unknown as string } }));
  expect(text).toContain('logger.url is the number 5');
  expect(text).not.toMatch(/logger\.url 5 /);
});

test.each(['http://user:pa#ss@broker/', 'http://user:pa?ss@broker/', 'http://user:p/a#s?s@broker/'])(
  'a password holding "#" or "?" (%s) is masked whole and refused as user info, never shown in part', url => {
    const text = message(model({ engineEnv: { REQUEST_LOGGER_DEFAULT_ENDPOINT: EnvValue.fromValue(url) } }));
    expect(text).toContain('"http://***@broker/" carries user info before "@" (shown as ***)');
    // No piece of the user info: neither "user:p" nor what follows its "#" or "?".
    for (const piece of ['user:p', '#s', '?s', 'a#', 'a?']) expect(text).not.toContain(piece);
  });
