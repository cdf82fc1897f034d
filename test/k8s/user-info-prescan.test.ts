import { redactUserInfo } from '../../src/errors';
import { SENSITIVE_VALUE } from '../../src/k8s/prop-wording';

// The prop fast path (prop-fast-path.ts) and ModelUri (model-uri.ts) test a string for "@" before these
// patterns and skip them when it has none: that is exact only while neither can match a string without "@".
describe('the user-info patterns need an "@"', () => {
  const samples = [
    'gs://bucket/model', 's3://user:pass/model', 'https://host:443/x', 'minio://user:secret/bucket', '://', 'a://b',
    'pvc://claim/path', 'http://example.com/%40', 'user:password', '',
  ];

  test.each(samples)('neither matches %j', sample => {
    expect(SENSITIVE_VALUE.test(sample)).toBe(false);
    expect(redactUserInfo(sample)).toBe(sample);
  });

  test('each matches the same string once it carries user info', () => {
    for (const sample of ['s3://user:pass@host/model', 'https://token@example.com/x']) {
      expect(SENSITIVE_VALUE.test(sample)).toBe(true);
      expect(redactUserInfo(sample)).not.toBe(sample);
    }
  });

  test('their last character is a literal "@"', () => {
    expect(SENSITIVE_VALUE.source.endsWith('@')).toBe(true);
    expect(redactUserInfo('x://a@')).toBe('x://***@');
  });
});
