import { Testing } from 'cdk8s';
import * as lib from '../../src';

/**
 * A URL's user info given to a value-class factory: refused like any string of a manifest (the boundary checks
 * factory arguments too, except ModelUri's, which words it itself, and RcloneRemote's, whose values go into the
 * Secret), and never shown in a message, whichever check speaks (formatProblem masks every message once more).
 */
const CREDENTIAL = 'https://admin:hunter2@vault.example.com';
const IRIS = lib.ModelUri.gcs('seldon-models', 'sklearn/iris');

function messageOf(build: () => void): string {
  try {
    build();
  } catch (e) {
    expect((e as Error).constructor).toBe(Error);
    return (e as Error).message;
  }
  throw new Error('no error was raised');
}

describe('credentials given to factories', () => {
  test('a parameter value or name holding one is refused, not written to the SeldonDeployment', () => {
    for (const parameter of [lib.ModelParameter.stringValue('p', CREDENTIAL), lib.ModelParameter.stringValue(CREDENTIAL, 'x')]) {
      const chart = Testing.chart();
      const message = messageOf(() => {
        new lib.PrepackagedModel(chart, 'm', { server: lib.PrepackagedServer.SKLEARN, modelUri: IRIS, parameters: [parameter] });
        Testing.synth(chart);
      });
      expect(message).toMatch(/parameters\[0\] \(ModelParameter\.stringValue\([^)]*\) (value|name)\) holds a URL with user info \(not shown: it is a credential\)/);
      expect(message).not.toContain('hunter2');
    }
  });

  test('a custom server implementation holding one is refused', () => {
    const chart = Testing.chart();
    const message = messageOf(() => {
      new lib.PrepackagedModel(chart, 'm', { server: lib.PrepackagedServer.custom(CREDENTIAL), modelUri: IRIS });
      Testing.synth(chart);
    });
    expect(message).toContain('holds a URL with user info (not shown: it is a credential)');
    expect(message).not.toContain('hunter2');
  });

  test.each([
    ['ServerConfigRef.fromName', () => new lib.SeldonServer(Testing.chart(), 's', { serverConfig: lib.ServerConfigRef.fromName(CREDENTIAL) })],
    ['ModelExplainer.whiteBox', () => new lib.SeldonModel(Testing.chart(), 'm', { storageUri: IRIS, requirements: ['sklearn'], explainer: lib.ModelExplainer.whiteBox(CREDENTIAL) })],
    ['RcloneRemote.s3 name', () => new lib.RcloneSecret(Testing.chart(), 's', { remotes: [lib.RcloneRemote.s3({ name: CREDENTIAL, envAuth: true })] })],
  ])('%s: the message never shows it', (_, build) => {
    const message = messageOf(build);
    expect(message).not.toContain('hunter2');
    expect(message).toMatch(/'test\/\w+': /);
  });

  test('a construct id holding one is masked in the path of every message', () => {
    const message = messageOf(() => new lib.SeldonModel(Testing.chart(), CREDENTIAL, { storageUri: IRIS, requirements: [42 as never] }));
    expect(message).not.toContain('hunter2');
    expect(message).toMatch(/^SeldonModel 'test\/.*': requirements\[0\]/);
  });

  test('an rclone remote keeps a URL with user info among its options: they go into the Secret', () => {
    const chart = Testing.chart();
    new lib.RcloneSecret(chart, 's', { remotes: [lib.RcloneRemote.custom('web', 'webdav', { url: CREDENTIAL })] });
    const secret = Testing.synth(chart)[0];
    expect(Object.values(secret.stringData ?? {})).toContain(CREDENTIAL);
  });
});
