import { types } from 'util';

/**
 * Values that throw when they are read. JavaScript lets a caller pass a
 * getter that throws, a Proxy whose traps throw, or a revoked Proxy (on
 * which even `Array.isArray` throws); the boundary check (`prop-check.ts`)
 * reads and copies every prop, so it is where such a value shows, and it
 * reports it like any other wrong value, with the field that holds it,
 * instead of letting the engine's TypeError out.
 *
 * What the value threw is named by its class only: its message is the
 * caller's text (or the engine's), which may hold anything, a credential
 * included, and error messages never repeat what they cannot vouch for.
 */

/** A field whose value could not be read, with the sentence that says so. */
export interface UnreadableProblem {
  readonly field: string;
  readonly problem: string;
  readonly accepted: string;
}

export const UNREADABLE_ACCEPTED = 'accepted: a value whose fields can be read: not a getter or Proxy that throws, nor a revoked Proxy';

/**
 * What reading `value` at `field` threw, as a field problem: the own key or
 * `member` whose reading throws is named when one is found, else the value itself.
 */
export function unreadableProblem(value: unknown, field: string, thrown: unknown, members: readonly string[] = []): UnreadableProblem {
  if (isStackOverflow(thrown)) {
    return { field, problem: 'is nested too deeply to be read (the stack overflowed)', accepted: 'accepted: a value nested at most a few thousand levels deep' };
  }
  const what = thrownName(thrown);
  const key = throwingKey(value, members);
  const at = (k: string) => (field === '' ? k : `${field}.${k}`);
  if (key !== undefined) return { field: at(key), problem: `could not be read: reading it threw ${what}`, accepted: UNREADABLE_ACCEPTED };
  const proxy = typeof value === 'object' && value !== null && types.isProxy(value) ? 'is a Proxy that ' : '';
  return { field, problem: `${proxy}could not be read: reading it threw ${what}`, accepted: UNREADABLE_ACCEPTED };
}

/** The first own string key, or member, of `value` whose reading throws; undefined when its keys cannot be listed or none throws. */
function throwingKey(value: unknown, members: readonly string[]): string | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  let keys: string[];
  try {
    keys = [...Object.getOwnPropertyNames(value), ...members];
  } catch {
    return undefined;
  }
  for (const key of keys) {
    try {
      void (value as Record<string, unknown>)[key];
    } catch {
      return key;
    }
  }
  return undefined;
}

/** `a TypeError`, `an Error`: the class of what was thrown, never its message. */
function thrownName(thrown: unknown): string {
  let name: unknown;
  try {
    name = typeof thrown === 'object' && thrown !== null ? (thrown as Error).name : undefined;
  } catch {
    name = undefined;
  }
  if (typeof name === 'string' && /^[A-Za-z_$][\w$]{0,60}$/.test(name)) return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
  return thrown === null || typeof thrown !== 'object' ? `a thrown ${thrown === null ? 'null' : typeof thrown}` : 'an error';
}

function isStackOverflow(thrown: unknown): boolean {
  return thrown instanceof RangeError && /call stack/i.test(thrown.message);
}
