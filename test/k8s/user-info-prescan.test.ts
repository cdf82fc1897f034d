import { hasUserInfo, redactUserInfo, show, showObject } from '../../src/errors';

// The prop fast path (prop-fast-path.ts) and ModelUri (model-uri.ts) test a string for "@" before looking for user
// info and skip it when there is none: that is exact only while user info always ends in "@".
describe('URL user info (errors.ts userInfoSpans)', () => {
  const without = [
    'gs://bucket/model', 's3://user:pass/model', 'https://host:443/x', 'minio://user:secret/bucket', '://', 'a://b',
    'pvc://claim/path', 'http://example.com/%40', 'user:password', '', 'gs://bucket/path@v2', 'a://b c@d',
    // A port is no password; an IPv6 host in brackets has none.
    'https://grafana:3000/d/x?user=me@corp.com', 'http://[::1]:80/a@b', 'docker://registry.local:5000/org/img@sha256:abc',
  ];

  test.each(without)('none in %j', sample => {
    expect(hasUserInfo(sample)).toBe(false);
    expect(redactUserInfo(sample)).toBe(sample);
  });

  test.each([
    ['s3://user:pass@host/model', 's3://***@host/model'],
    ['https://token@example.com/x', 'https://***@example.com/x'],
    // About half of the AWS secret keys hold a "/": the part up to "@" counts when a ":" comes before its first "/".
    ['s3://AKIAEXAMPLE:wJalr/K7MDENG+bPxRfi@bucket/path', 's3://***@bucket/path'],
    ['x://a@', 'x://***@'],
    ['"a http://u:p@h and b s3://k:s/x@b/p"', '"a http://***@h and b s3://***@b/p"'],
  ])('%j is shown as %j', (sample, shown) => {
    expect(hasUserInfo(sample)).toBe(true);
    expect(redactUserInfo(sample)).toBe(shown);
  });

  test('long strings of "://" are answered (one pass; a scan from each "://" would not end within the test\'s time)', () => {
    expect(hasUserInfo(`${'://'.repeat(200_000)}@`)).toBe(true);
    expect(hasUserInfo(`${'://a:/'.repeat(100_000)} @`)).toBe(false);
  });
});

describe('every message helper masks what may be a credential', () => {
  test('show() and showObject(): user info and connection-string credential options, before the value is cut', () => {
    expect(show('s3,secret_access_key=abc def:bucket/x')).toBe('"s3,secret_access_key=***:bucket/x"');
    expect(showObject({ uri: 'https://u:p@h/x', options: 'token=abc' })).toBe('{"uri":"https://***@h/x","options":"token=***"}');
    expect(show(`${'x'.repeat(110)} s3://u:${'p'.repeat(40)}@h`)).not.toMatch(/ppp/);
  });
});
