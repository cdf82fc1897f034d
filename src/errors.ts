import { IConstruct } from 'constructs';
import { maskCredentials } from './credentials/text';

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

export { hasUserInfo, maskCredentials, maskQueryCredentials, redactUserInfo } from './credentials/text';

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
