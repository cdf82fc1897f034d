import { connectionStringOptions, rcloneTrue } from '../../src/rclone/connection-string';

describe('the options of an rclone connection string', () => {
  test.each([
    [':s3,env_auth=true:bucket/path', { env_auth: 'true' }],
    [':s3,env_auth:bucket', { env_auth: 'true' }],
    ['s3,ENV_AUTH=1,region=eu:bucket', { env_auth: '1', region: 'eu' }],
    [":s3,endpoint='http://minio:9000',env_auth=TRUE:bucket", { endpoint: 'http://minio:9000', env_auth: 'TRUE' }],
    [':s3,note="say ""hi"", then:go":bucket', { note: 'say "hi", then:go' }],
    ['s3://bucket/path', {}],
    [':s3:bucket', {}],
  ])('%s', (uri, expected) => {
    expect(connectionStringOptions(uri)).toEqual(expected);
  });

  test('true as rclone reads a boolean (strconv.ParseBool)', () => {
    expect(['1', 't', 'T', 'TRUE', 'true', 'True'].every(rcloneTrue)).toBe(true);
    expect(['0', 'false', 'yes', 'on', '', undefined].some(v => rcloneTrue(v))).toBe(false);
  });
});
