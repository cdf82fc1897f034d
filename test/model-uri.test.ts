import { Testing, Size } from 'cdk8s';
import { PersistentVolumeClaim } from 'cdk8s-plus-27';
import { ModelUri, ModelUriKind } from '../src';

describe('ModelUri.parse', () => {
  test.each([
    ['gs://seldon-models/sklearn/iris', 'gs', 'seldon-models/sklearn/iris'],
    ['s3://sklearn/iris', 's3', 'sklearn/iris'],
    ['s3:sklearn/iris', 's3', 'sklearn/iris'],
    ['gs:seldon-models/sklearn/iris', 'gs', 'seldon-models/sklearn/iris'],
    ['minio_store://models/iris', 'minio_store', 'models/iris'],
    ['azureblob:container/path/to/dir', 'azureblob', 'container/path/to/dir'],
  ])('%s is an rclone remote location', (uri, remote, bucketAndPath) => {
    const parsed = ModelUri.parse(uri);
    expect(parsed.problem).toBeUndefined();
    expect(parsed.kind).toBe(ModelUriKind.RCLONE_REMOTE);
    expect(parsed.remoteName).toBe(remote);
    expect(parsed.bucketAndPath).toBe(bucketAndPath);
    expect(parsed.uri).toBe(uri);
    expect(parsed.toString()).toBe(uri);
  });

  // rclone "connection strings" (docs/content/docs.md): options after the remote name, or an
  // on-the-fly backend with a leading colon; the storage initializer runs `rclone copy <uri> /mnt/models`.
  test.each([
    [':s3,env_auth=true:bucket/path', ':s3', 'bucket/path'],
    [':s3:public-bucket/iris', ':s3', 'public-bucket/iris'],
    [':s3,provider=Minio,endpoint="http://minio:9000":models/iris', ':s3', 'models/iris'],
    [":azureblob,account='a,b':container/m", ':azureblob', 'container/m'],
    ['s3,region=eu-west-1:bucket/m', 's3', 'bucket/m'],
    ['gcs,anonymous:bucket/m', 'gcs', 'bucket/m'],
    [':s3,endpoint="say ""hi"":x":b/m', ':s3', 'b/m'],
  ])('connection string %s is an rclone location', (uri, remote, bucketAndPath) => {
    const parsed = ModelUri.parse(uri);
    expect(parsed.problem).toBeUndefined();
    expect(parsed).toMatchObject({ kind: ModelUriKind.RCLONE_REMOTE, remoteName: remote, bucketAndPath, uri });
  });

  test.each([
    [':s3,endpoint="http://minio:9000:bucket/m', /has an unterminated " in its connection string/],
    [':s3,=x:bucket', /has a connection-string option without a name/],
  ])('malformed connection string %s', (uri, problem) => {
    expect(ModelUri.parse(uri).problem).toMatch(problem);
  });

  test('pvc://claim/path', () => {
    const parsed = ModelUri.parse('pvc://models-pvc/sklearn/iris');
    expect(parsed).toMatchObject({ kind: ModelUriKind.PVC, claimName: 'models-pvc', path: 'sklearn/iris' });
    expect(parsed.problem).toBeUndefined();
  });

  test('pvc://claim alone has an empty path', () => {
    expect(ModelUri.parse('pvc://models-pvc')).toMatchObject({ claimName: 'models-pvc', path: '' });
  });

  test('an absolute path is a local path', () => {
    expect(ModelUri.parse('/var/models/iris')).toMatchObject({ kind: ModelUriKind.LOCAL_PATH, path: '/var/models/iris' });
  });

  test.each([
    ['', /is empty/],
    ['iris', /has no scheme and is not an absolute path/],
    ['models/iris', /has no scheme/],
    [' gs://bucket/x', /whitespace or control characters/],
    ['gs://bucket/x\n', /whitespace or control characters/],
    ['gs://', /names no bucket or path/],
    ['s3:', /names no bucket or path/],
    ['gs:///iris', /"gs:\/\/\/iris" names no bucket before its path \("\/\/\/"\): rclone strips the slashes and would read the path's first part as the bucket/],
    ['s3:///models/iris', /names no bucket before its path/],
    ['my remote://bucket', /is not an rclone remote name/],
    ['-x://bucket', /is not an rclone remote name/],
    ['s3://bucket/../../etc/passwd', /"\." or "\.\." path segments/],
    ['/var/models/../secrets', /"\." or "\.\." path segments/],
    ['pvc://', /names no PersistentVolumeClaim/],
    ['pvc:///iris', /names no PersistentVolumeClaim/],
    ['pvc://Models_PVC/iris', /not a valid claim name/],
    ['pvc:models/iris', /not of the form pvc:\/\/<claim>\/<path>/],
    ['PVC://models/iris', /lower case/],
    ['pvc://models/../x', /path segments/],
  ])('%j is rejected: %s', (uri, problem) => {
    expect(ModelUri.parse(uri).problem).toMatch(problem);
  });
});

describe('ModelUri factories', () => {
  test('gcs and s3 build scheme URIs', () => {
    expect(ModelUri.gcs('seldon-models', 'sklearn/iris').uri).toBe('gs://seldon-models/sklearn/iris');
    expect(ModelUri.s3('sklearn', '/iris').uri).toBe('s3://sklearn/iris');
    expect(ModelUri.s3('sklearn').uri).toBe('s3://sklearn');
  });

  test('an empty bucket is refused rather than rendered gs:///iris, whose "iris" rclone reads as the bucket (review 17, README 2)', () => {
    expect(ModelUri.gcs('', 'iris').problem).toBe('"gs:///iris" names no bucket before its path ("///"): rclone strips the slashes and would read the path\'s first part as the bucket');
    expect(ModelUri.s3('', 'a/b')).toEqual(ModelUri.parse('s3:///a/b'));
    expect(ModelUri.gcs('models', 'iris').problem).toBeUndefined();
    expect(ModelUri.parse('minio:/models/iris').problem).toBeUndefined();
    // the message shows the URI as rendered; another remote's backend may read "///x" as a path (review 17 diff, L2)
    expect(ModelUri.s3('', '/iris').problem).toMatch(/^"s3:\/\/\/iris" names no bucket/);
    expect(ModelUri.parse(':local:///mnt/models').problem).toBeUndefined();
    expect(ModelUri.parse('minio:///models/iris').problem).toBeUndefined();
  });

  test('a bucket given as a whole URI (gs://models) is refused rather than rendered gs://gs://models', () => {
    const gcs = ModelUri.gcs('gs://models', 'iris');
    expect(gcs.uri).toBe('gs://gs://models/iris');
    expect(gcs.problem).toBe('bucket "gs://models" is not a bucket name (no bucket name holds ":"); "gs://gs://models/iris" would make rclone read remote "gs", '
      + 'bucket "gs:": the bucket alone (ModelUri.gcs(\'models\', \'iris\')), or ModelUri.parse() for a whole URI');
    expect(ModelUri.s3('s3://models').problem).toMatch(/^bucket "s3:\/\/models" is not a bucket name .*ModelUri\.s3\('models', 'iris'\)/);
    // A bucket with a folder is a bucket and a path, as rendered.
    expect(ModelUri.gcs('models/sklearn', 'iris')).toEqual(expect.objectContaining({ uri: 'gs://models/sklearn/iris', problem: undefined }));
    // Credentials in such a "bucket" are refused as credentials, and not shown.
    const withKey = ModelUri.s3('s3://AKIAEXAMPLE:wJalrXUtnFEMI@models', 'iris');
    expect(withKey.problem).toMatch(/carries credentials/);
    expect(`${withKey.uri} ${withKey.problem}`).not.toMatch(/wJalrXUtnFEMI/);
  });

  test('a signed URL\'s signature or credential in the query is refused and never shown; other query values are kept', () => {
    for (const [uri, secret] of [['https://b.s3.amazonaws.com/m?X-Amz-Date=1&X-Amz-Signature=abcdef0123', 'abcdef0123'],
      ['https://a.blob.core.windows.net/c/m?sv=2020&sig=QQQsecretQQQ', 'QQQsecretQQQ'], ['https://storage.googleapis.com/b/m?X-Goog-Credential=acct&X-Goog-Signature=f00d', 'f00d']]) {
      const parsed = ModelUri.parse(uri);
      expect(parsed.problem).toMatch(/carries credentials in its query string \(a signed URL's signature or credential; shown as \*\*\*\)/);
      expect(`${parsed.uri} ${parsed.problem}`).not.toContain(secret);
    }
    expect(ModelUri.parse('gs://models/iris?version=2').problem).toBeUndefined();
  });

  test('remote builds the rclone native form', () => {
    const uri = ModelUri.remote('minio', 'models/iris');
    expect(uri.uri).toBe('minio:models/iris');
    expect(uri.remoteName).toBe('minio');
  });

  test('pvc takes a cdk8s-plus claim and keeps it', () => {
    const chart = Testing.chart();
    const claim = new PersistentVolumeClaim(chart, 'claim', { metadata: { name: 'models' }, storage: Size.gibibytes(1) });
    const uri = ModelUri.pvc(claim, 'iris');
    expect(uri.uri).toBe('pvc://models/iris');
    expect(uri.claim).toBe(claim);
    expect(uri.claimName).toBe('models');
  });

  test('pvcByName and localPath', () => {
    expect(ModelUri.pvcByName('models', 'a/b').uri).toBe('pvc://models/a/b');
    expect(ModelUri.localPath('/var/models/iris').kind).toBe(ModelUriKind.LOCAL_PATH);
  });

  test('factories report problems instead of throwing', () => {
    expect(ModelUri.gcs('').problem).toMatch(/names no bucket/);
    expect(ModelUri.pvcByName('', 'x').problem).toMatch(/names no PersistentVolumeClaim/);
  });

  test('ACCEPTED_FORMS lists every form', () => {
    for (const form of ['gs://', 's3://', '<remote>:', 'pvc://', '/var/models/iris']) {
      expect(ModelUri.ACCEPTED_FORMS).toContain(form);
    }
  });
});
