import { IConstruct } from 'constructs';
import { maskCredentialOptions } from './credential-names';

/**
 * Formats every error this library raises the same way, so that a user can
 * find the construct, the field and the fix without reading the library:
 *
 *   `<Kind> '<construct path>': <field> <problem>; <what is accepted>`
 *
 * Without `accepted`, `problem` is a value object's own sentence, which
 * already ends with `; <what is accepted>` (e.g. `ModelUri.problem`).
 */
export function formatProblem(kind: string, path: string, field: string, problem: string, accepted?: string): string {
  return `${kind} '${path}': ${field} ${problem}${accepted === undefined ? '' : `; ${accepted}`}`;
}

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
  return redactUserInfo(maskCredentialOptions(text));
}

/** `text` cut to 120 characters (after masking: a cut never leaves part of a credential). */
function clipped(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Renders a user-supplied value for an error message, quoted and shortened, without credentials. */
export function show(value: unknown): string {
  // A string is masked before it is quoted: JSON's escapes would hide a quoted option value from the mask.
  return clipped(typeof value === 'string' ? JSON.stringify(maskCredentials(value)) : maskCredentials(String(value)));
}

/** A value given where a value object or a list was expected, shown as JSON rather than [object Object]. */
export function showObject(value: unknown): string {
  if (value === null || typeof value !== 'object') return show(value);
  try {
    return clipped(maskCredentials(JSON.stringify(value) ?? 'an object'));
  } catch {
    return 'an object';
  }
}

// Problems that wait for synth, by construct path within each app (root),
// unless the construct's own check reports first: see `deferProblems`.
const deferred = new WeakMap<IConstruct, Map<string, string[]>>();

/**
 * Reports `messages` about the construct at `path` when `scope` (that
 * construct, or its parent before the construct exists) is validated at
 * synth, unless a `Problems` of the construct at `path` throws before: the
 * general runtime shape check (src/k8s/prop-check.ts) defers what a
 * construct may check better itself.
 */
export function deferProblems(scope: IConstruct, path: string, messages: string[]): void {
  const root = scope.node.root;
  let byPath = deferred.get(root);
  if (!byPath) deferred.set(root, byPath = new Map());
  const known = byPath.get(path);
  if (known) {
    known.push(...messages);
    return;
  }
  byPath.set(path, [...messages]);
  scope.node.addValidation({ validate: () => byPath.get(path) ?? [] });
}

/**
 * Collects the problems found while checking one construct and throws them
 * together, so a user fixes all of them in one round.
 */
export class Problems {
  private readonly found: string[] = [];

  public constructor(private readonly kind: string, private readonly scope: IConstruct) {}

  /** Records a problem with `field` (see `formatProblem` for a value object's sentence without `accepted`). */
  public add(field: string, problem: string, accepted?: string): void {
    this.found.push(formatProblem(this.kind, this.scope.node.path, field, problem, accepted));
  }

  public get messages(): string[] {
    return [...this.found];
  }

  /** Throws one Error listing every problem, if there are any. */
  public throwIfAny(): void {
    if (this.found.length > 0) deferred.get(this.scope.node.root)?.get(this.scope.node.path)?.splice(0);
    if (this.found.length === 1) throw new Error(this.found[0]);
    if (this.found.length > 1) throw new Error(this.found.join('\n'));
  }
}
