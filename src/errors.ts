import { IConstruct, Node } from 'constructs';
import { maskCredentials, maskQueryCredentials, redactUserInfo } from './credentials/text';

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
  return maskMessage(`${kind} '${maskedPath(path)}': ${field} ${problem}${accepted === undefined ? '' : `; ${accepted}`}`);
}

/**
 * A whole message masked once more for what a URL carries (user info, signed query parameters), whoever wrote it:
 * a value a check forgot to pass through show(), or text a caller's value threw, never carries a credential into
 * it. Not the rclone option mask of show(): the library's own sentences quote `key="value"`.
 */
export function maskMessage(text: string): string {
  return redactUserInfo(maskQueryCredentials(text));
}

/**
 * A construct path without the user info of a URL given as an id: constructs turns the id's "/" into "--", so
 * the URL no longer reads as one (`https:----admin:pw@host`), and any `user:password@` in a path is masked.
 */
function maskedPath(path: string): string {
  return path.includes('@') ? path.replace(/[^/'"\s@:]+:[^/'"\s@]*@/g, '***@') : path;
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

// Problems that wait for synth, per construct, unless the construct's own check reports first: see `deferProblems`.
// Kept per construct, not per path: a construct taken out (`node.tryRemoveChild()`) and made again at its path is
// another construct, whose problems its own validation reports.
const deferred = new WeakMap<IConstruct, string[]>();
// Problems found before the construct exists (its props are checked before `super()`), by its parent and then its
// id as constructs keeps it (`node.id`), until the construct made there adopts them (`adoptDeferredProblems`).
const pending = new WeakMap<IConstruct, Map<string, string[]>>();

/**
 * The `node.id` of a construct made with `id`: constructs writes each "/" of
 * an id as "--", so the path the caller's id spells ("team/iris") is not the
 * one the construct gets.
 */
function childId(id: string): string {
  return id.split(Node.PATH_SEP).join('--');
}

/**
 * Reports `messages` about a construct when it is validated at synth, unless
 * a `Problems` of the construct throws before: the general runtime shape
 * check (src/k8s/prop-check.ts) defers what a construct may check better
 * itself. `scope` is that construct or, with `id`, its parent before the
 * construct exists; then the messages wait for `adoptDeferredProblems()`,
 * and replace any that an earlier construction there, which failed before
 * adopting them, left.
 */
export function deferProblems(scope: IConstruct, messages: string[], id?: string): void {
  if (id !== undefined) {
    let byId = pending.get(scope);
    if (!byId) pending.set(scope, byId = new Map());
    byId.set(childId(id), [...messages]);
    return;
  }
  if (messages.length === 0) return;
  const known = deferred.get(scope);
  if (known) {
    known.push(...messages);
    return;
  }
  const list = [...messages];
  deferred.set(scope, list);
  scope.node.addValidation({ validate: () => list });
}

// Where the deferred problems of a construct's latest checked method call begin: a call that then throws takes back
// only what it deferred itself (its own check said it better), never what construction or earlier calls deferred.
const callStart = new WeakMap<IConstruct, number>();

/**
 * Marks the start of a checked method call of `scope` (`checkedArgs`,
 * `checkMethods`): a `Problems` of the construct thrown during the call
 * takes back the problems deferred since. Free while nothing was deferred.
 */
export function startCheckedCall(scope: IConstruct): void {
  const known = deferred.get(scope);
  if (known !== undefined) callStart.set(scope, known.length);
}

/**
 * Drops what an earlier construction at `id` under `scope`, which failed
 * before adopting its problems, left (called before `super()`). Free when
 * nothing was left under `scope`, as in almost every construction.
 */
export function dropPendingProblems(scope: IConstruct, id: string): void {
  const byId = pending.get(scope);
  if (byId === undefined || byId.size === 0) return;
  byId.delete(childId(id));
}

/** Takes over the problems deferred for `construct` before it existed (called right after `super()`). */
export function adoptDeferredProblems(construct: IConstruct): void {
  const scope = construct.node.scope;
  const byId = scope === undefined ? undefined : pending.get(scope);
  const list = byId?.get(construct.node.id);
  if (list === undefined) return;
  byId!.delete(construct.node.id);
  deferProblems(construct, list);
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
    if (this.found.length > 0) {
      deferred.get(this.scope)?.splice(callStart.get(this.scope) ?? 0);
    }
    if (this.found.length === 1) throw new Error(this.found[0]);
    if (this.found.length > 1) throw new Error(this.found.join('\n'));
  }
}
