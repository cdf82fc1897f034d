/**
 * Credentials inside free text (a message, a diagram label, a schema error): a URL's user info and the credential
 * options of an rclone connection string, found and masked. Below every layer, so that the validation layer, which
 * does not read the library's error formatting (src/errors.ts), masks with the same rule.
 */
import { isCredentialName, maskCredentialOptions } from './names';

/**
 * The user info of every URL in `text` (`scheme://user:password@host`), a credential: after `://`, up to an `@` with
 * no whitespace, `"`, `?` or `#` before it (a query or fragment ends the part that can hold user info; a quote ends
 * a JSON string), when the part has no `/` (`user@`, `user:password@`) or a `:` before its first `/` that is no port
 * (`host:8080/`; a password with `/` in it, as about half of the AWS secret keys have, counts). A part starting with
 * `[` is an IPv6 host. The span runs to the last `@` before the next stop, so a password with `@` in it is masked
 * whole. (Model URIs are held to a stricter rule in model-uri.ts: they have no host:port.)
 *
 * Returned as [start, end) spans, found in one pass: each position's next `@`, stop, `/` and `:` are read from tables
 * filled right to left, so a string of many `://` and no `@` stays linear (a regex would rescan from each of them).
 */
function userInfoSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!text.includes('@') || !text.includes('://')) return spans;
  const n = text.length;
  const at = new Int32Array(n + 1);
  const stop = new Int32Array(n + 1);
  const slash = new Int32Array(n + 1);
  const colon = new Int32Array(n + 1);
  at[n] = stop[n] = slash[n] = colon[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    const c = text[i];
    at[i] = c === '@' ? i : at[i + 1];
    stop[i] = c === '"' || c === '?' || c === '#' || /\s/.test(c) ? i : stop[i + 1];
    slash[i] = c === '/' ? i : slash[i + 1];
    colon[i] = c === ':' ? i : colon[i + 1];
  }
  for (let i = text.indexOf('://'); i >= 0; i = text.indexOf('://', i + 1)) {
    const start = i + 3;
    const end = at[start];
    if (end >= stop[start] || text[start] === '[') continue;
    const firstSlash = slash[start];
    const port = colon[start] < firstSlash && /^\d{1,5}$/.test(text.slice(colon[start] + 1, firstSlash));
    if (firstSlash >= end || (colon[start] < firstSlash && !port)) {
      let last = end;
      while (at[last + 1] < stop[start]) last = at[last + 1];
      spans.push([start, last]);
      i = last;
    }
  }
  return spans;
}

/** Whether `text` holds a URL's user info (see `userInfoSpans`). */
export function hasUserInfo(text: string): boolean {
  return userInfoSpans(text).length > 0;
}

/** `text` with the user info of every URL in it replaced by `***`, so no message carries a credential. */
export function redactUserInfo(text: string): string {
  const spans = userInfoSpans(text);
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [start, end] of spans) {
    out += `${text.slice(from, start)}***`;
    from = end;
  }
  return out + text.slice(from);
}

/** `text` without the credentials a value can carry: a URL's user info, and those of rclone connection-string options. */
export function maskCredentials(text: string): string {
  return redactUserInfo(maskCredentialOptions(maskQueryCredentials(text)));
}

// `?name=value` or `&name=value` of a URL's query: the value runs to the next "&", "#", quote or whitespace.
const QUERY_PARAMETER = /([?&])([A-Za-z0-9_.-]+)=([^&#"'\s]*)/g;

/**
 * `text` with the value of every URL query parameter that holds a credential replaced by `***`: a signed URL's
 * signature or credential (`X-Amz-Signature`, `X-Goog-Credential`, an Azure SAS's `sig`), an `access_token`.
 */
export function maskQueryCredentials(text: string): string {
  if (!text.includes('?') || !text.includes('=')) return text;
  return text.replace(QUERY_PARAMETER, (whole, sep: string, name: string, value: string) => (value !== '' && isCredentialName(name) ? `${sep}${name}=***` : whole));
}
