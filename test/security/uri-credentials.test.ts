import { Testing } from 'cdk8s';
import { ModelUri, PrepackagedModel, PrepackagedServer, SeldonModel } from '../../src';
import { redactUserInfo, show } from '../../src/errors';

const URIS = ['s3://AKIA-LEAK-0001:secret-LEAK-0002@bucket/iris', 'gs://token-LEAK-0003@bucket/iris', 'minio://u:p-LEAK-0004@models/iris'];

function message(build: () => void): string {
  try {
    build();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('URIs with credentials in them', () => {
  test.each(URIS)('%s is refused by v1 and v2 without echoing the credential', uri => {
    for (const build of [
      () => new PrepackagedModel(Testing.chart(), 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.parse(uri) }),
      () => new SeldonModel(Testing.chart(), 'iris', { storageUri: ModelUri.parse(uri), requirements: ['sklearn'] }),
    ]) {
      const text = message(build);
      expect(text).toMatch(/ (modelUri|storageUri) "[a-z0-9]+:\/\/\*\*\*@[^"]+" carries credentials before "@" \(shown as \*\*\*\); a URI holds no credentials: put them in an RcloneSecret/);
      expect(text).not.toMatch(/LEAK/);
    }
  });

  test('the URI a value keeps is the redacted one, whichever factory built it', () => {
    expect(ModelUri.parse(URIS[0]).uri).toBe('s3://***@bucket/iris');
    expect(ModelUri.s3('KEY:SECRET@bucket', 'iris').uri).toBe('s3://***@bucket/iris');
    expect(ModelUri.s3('KEY:SECRET@bucket', 'iris').problem).toBeDefined();
  });

  test('every message shows values through show(), which removes URL user info', () => {
    expect(show('http://admin:hunter2@minio:9000')).toBe('"http://***@minio:9000"');
    expect(redactUserInfo('a s3://k:s@b/x and https://t@h/')).toBe('a s3://***@b/x and https://***@h/');
    expect(redactUserInfo('gs://bucket/a@b')).toBe('gs://bucket/a@b');
  });
});
