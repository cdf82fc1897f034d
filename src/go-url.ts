/**
 * How Go's net/url.Parse (the Go of Seldon's v1.18.2 executor) reads a URL, for the request logger's URL: the executor
 * parses it for every request it logs and fails that request when it cannot (predictor_process.go getLogUrl,
 * logPayload), so a URL it refuses makes every prediction through the node fail.
 */

const CONTROL = /[\x00-\x1f\x7f]/;
const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/;
/** Userinfo characters url.Parse accepts (validUserinfo). */
const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;
/** ASCII characters url.Parse accepts in a host name (unescape with encodeHost, shouldEscape); bytes from 0x80 pass. */
const HOST_ASCII_REFUSED = /[^A-Za-z0-9!$&'()*+,;=:[\]<>"\-_.~%\u0080-\uffff]/;

/**
 * Why url.Parse refuses `text`, an absolute URL (one that starts with its scheme, as a logger's URL must), in Go's own
 * words where it has them; undefined when it reads it. Relative references have further rules, not needed here.
 */
export function goUrlParseProblem(text: string): string | undefined {
  if (CONTROL.test(text)) return 'has a control character ("net/url: invalid control character in URL")';
  const hash = text.indexOf('#');
  const fragment = hash < 0 ? '' : text.slice(hash + 1);
  let rest = hash < 0 ? text : text.slice(0, hash);
  if (BAD_ESCAPE.test(fragment)) return 'has a "%" in its fragment that is no escape (two hexadecimal digits)';
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  if (!rest.startsWith('//')) return BAD_ESCAPE.test(rest) ? 'has a "%" in its path that is no escape (two hexadecimal digits)' : undefined;
  const slash = rest.indexOf('/', 2);
  const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    if (!USERINFO.test(userinfo)) return 'has a character its user info may not hold ("net/url: invalid userinfo")';
    if (BAD_ESCAPE.test(userinfo)) return 'has a "%" in its user info that is no escape (two hexadecimal digits)';
  }
  const hostProblem = goHostProblem(authority.slice(at + 1));
  if (hostProblem) return hostProblem;
  return BAD_ESCAPE.test(path) ? 'has a "%" in its path that is no escape (two hexadecimal digits)' : undefined;
}

/** url.Parse's parseHost: an IPv6 literal in brackets, an optional ":" and digits for a port, and host characters. */
function goHostProblem(host: string): string | undefined {
  let colonPort = '';
  let name = host;
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return 'has no "]" after its IPv6 address ("missing \']\' in host")';
    colonPort = host.slice(close + 1);
    name = host.slice(0, close + 1);
  } else if (host.lastIndexOf(':') >= 0) {
    colonPort = host.slice(host.lastIndexOf(':'));
    name = host.slice(0, host.lastIndexOf(':'));
  }
  if (colonPort !== '' && !/^:[0-9]*$/.test(colonPort)) return `has the port ${JSON.stringify(colonPort.slice(1))}, which is not digits ("invalid port after host")`;
  if (HOST_ASCII_REFUSED.test(name)) return 'has a character a host name may not hold ("invalid character in host name")';
  // In a host, "%" escapes only bytes from 0x80 (or "%25" in an IPv6 zone): unescape with encodeHost.
  for (const m of name.matchAll(/%(.?.?)/g)) {
    if (!/^[0-9a-fA-F]{2}$/.test(m[1]) || (parseInt(m[1][0], 16) < 8 && m[1] !== '25')) return 'has a "%" in its host that is no escape of a byte from 0x80';
  }
  return undefined;
}
