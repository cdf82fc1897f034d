/**
 * How the app-wide checks tell that a validation pass reads what the last one
 * read (cdk8s validates an app once per chart plus once per synth, and the
 * passes of one synth read the same): by identity, element by element.
 */

/** The same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The same members, in any order. */
export function sameMembers<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
