import { RcloneRemote } from '../../src';

describe('RcloneRemote', () => {
  test('s3 defaults: provider aws, keys, env_auth false', () => {
    const remote = RcloneRemote.s3({ accessKeyId: 'AKIA', secretAccessKey: 'secret', region: 'eu-west-1' });
    expect(remote.problems).toEqual([]);
    expect(remote.name).toBe('s3');
    expect(remote.backendType).toBe('s3');
    expect(remote.toEnvVars()).toEqual({
      RCLONE_CONFIG_S3_TYPE: 's3',
      RCLONE_CONFIG_S3_PROVIDER: 'aws',
      RCLONE_CONFIG_S3_ENV_AUTH: 'false',
      RCLONE_CONFIG_S3_ACCESS_KEY_ID: 'AKIA',
      RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: 'secret',
      RCLONE_CONFIG_S3_REGION: 'eu-west-1',
    });
  });

  test('s3 of another provider with an endpoint', () => {
    const remote = RcloneRemote.s3({ name: 'ceph', provider: 'Ceph', accessKeyId: 'a', secretAccessKey: 'b', endpoint: 'https://ceph.example.com' });
    expect(remote.toEnvVars()).toMatchObject({ RCLONE_CONFIG_CEPH_PROVIDER: 'Ceph', RCLONE_CONFIG_CEPH_ENDPOINT: 'https://ceph.example.com' });
  });

  test('the v2 document holds the same options as parameters', () => {
    const remote = RcloneRemote.minio({ endpoint: 'http://minio.minio-system:9000', accessKeyId: 'minioadmin', secretAccessKey: 'minioadmin' });
    expect(remote.toV2Document()).toEqual({
      type: 's3',
      name: 's3',
      parameters: {
        provider: 'minio',
        env_auth: 'false',
        access_key_id: 'minioadmin',
        secret_access_key: 'minioadmin',
        endpoint: 'http://minio.minio-system:9000',
      },
    });
  });

  test('azure blob with environment authentication renders no key', () => {
    const remote = RcloneRemote.azureBlob({ account: 'acct', envAuth: true });
    expect(remote.problems).toEqual([]);
    expect(remote.toEnvVars()).toEqual({
      RCLONE_CONFIG_AZUREBLOB_TYPE: 'azureblob',
      RCLONE_CONFIG_AZUREBLOB_ACCOUNT: 'acct',
      RCLONE_CONFIG_AZUREBLOB_ENV_AUTH: 'true',
    });
  });

  test('custom remotes upper-case option names in the v1 form and keep them in the v2 form', () => {
    const remote = RcloneRemote.custom('mys3', 's3', { provider: 'Wasabi', access_key_id: 'a', secret_access_key: 'b' });
    expect(remote.toEnvVars()).toEqual({
      RCLONE_CONFIG_MYS3_TYPE: 's3',
      RCLONE_CONFIG_MYS3_PROVIDER: 'Wasabi',
      RCLONE_CONFIG_MYS3_ACCESS_KEY_ID: 'a',
      RCLONE_CONFIG_MYS3_SECRET_ACCESS_KEY: 'b',
    });
    expect(remote.toV2Document().parameters).toEqual({ provider: 'Wasabi', access_key_id: 'a', secret_access_key: 'b' });
  });

  test('remote names match URIs case-insensitively', () => {
    expect(RcloneRemote.custom('MyS3', 's3').matches('mys3')).toBe(true);
    expect(RcloneRemote.custom('MyS3', 's3').matches('s3')).toBe(false);
  });

  test('credentials are known as sensitive', () => {
    const remote = RcloneRemote.s3({ accessKeyId: 'AKIA', secretAccessKey: 'topsecret' });
    expect(remote.isSensitive('secret_access_key')).toBe(true);
    expect(remote.isSensitive('provider')).toBe(false);
    expect(remote.sensitiveValues.sort()).toEqual(['AKIA', 'topsecret']);
    expect(RcloneRemote.custom('x', 'webdav', { user: 'u', pass: 'p' }, ['pass']).sensitiveValues).toEqual(['p']);
  });

  // rclone's s3 and azureblob backends read public buckets when no credential is configured
  // (rclone docs: s3 "Anonymous access to public buckets", azureblob "Anonymous").
  test('anonymous S3 and Azure Blob remotes (blank keys, no envAuth) are accepted, for public buckets', () => {
    const s3 = RcloneRemote.s3();
    expect(s3.problems).toEqual([]);
    expect(s3.toEnvVars()).toMatchObject({ RCLONE_CONFIG_S3_ENV_AUTH: 'false', RCLONE_CONFIG_S3_ACCESS_KEY_ID: '', RCLONE_CONFIG_S3_SECRET_ACCESS_KEY: '' });
    const azure = RcloneRemote.azureBlob({ account: 'public' });
    expect(azure.problems).toEqual([]);
    expect(azure.toEnvVars()).toEqual({ RCLONE_CONFIG_AZUREBLOB_TYPE: 'azureblob', RCLONE_CONFIG_AZUREBLOB_ACCOUNT: 'public', RCLONE_CONFIG_AZUREBLOB_ENV_AUTH: 'false' });
  });

  test.each([
    ['s3 with an empty secret key', () => RcloneRemote.s3({ accessKeyId: 'a', secretAccessKey: '' }), /secretAccessKey is empty while accessKeyId is set; an S3 remote needs both keys, neither/],
    ['s3 with only a secret key', () => RcloneRemote.s3({ secretAccessKey: 'b' }), /accessKeyId is empty while secretAccessKey is set/],
    ['s3 with envAuth and keys', () => RcloneRemote.s3({ envAuth: true, accessKeyId: 'a' }), /accessKeyId is set while envAuth is true/],
    ['s3 with a bad endpoint', () => RcloneRemote.s3({ envAuth: true, endpoint: 'minio:9000' }), /endpoint "minio:9000" is not an http\(s\) URL/],
    ['minio without endpoint', () => RcloneRemote.minio({ endpoint: '', accessKeyId: 'a', secretAccessKey: 'b' }), /endpoint is empty; a MinIO remote needs the endpoint URL/],
    ['minio without keys', () => RcloneRemote.minio({ endpoint: 'http://m:9000', accessKeyId: '', secretAccessKey: '' }), /accessKeyId is empty; a MinIO remote/],
    ['gcs with a key that is not JSON', () => RcloneRemote.gcs({ serviceAccountCredentials: 'not json' }), /serviceAccountCredentials is not a JSON object/],
    ['azure without account', () => RcloneRemote.azureBlob({ account: '', key: 'k' }), /account is empty; an Azure Blob remote needs the storage account name/],
    ['azure with a key and envAuth', () => RcloneRemote.azureBlob({ account: 'a', key: 'k', envAuth: true }), /key is set while envAuth is true/],
    ['a name with a space', () => RcloneRemote.custom('my remote', 's3'), /name "my remote" is not an rclone remote name/],
    ['custom without type', () => RcloneRemote.custom('x', ''), /backendType is empty/],
    ['custom with option "type"', () => RcloneRemote.custom('x', 's3', { type: 's3' }), /option "type" is given twice/],
    ['custom with a bad option name', () => RcloneRemote.custom('x', 's3', { 'access-key': 'a' }), /option "access-key" is not an rclone option name/],
  ])('%s is a problem', (_, make, problem) => {
    expect(make().problems.join('\n')).toMatch(problem);
  });
});
