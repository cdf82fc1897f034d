/** The largest int32: replica counts and similar fields are int32 in the CRDs. */
export const INT32_MAX = 2 ** 31 - 1;

/** Whether `n` is a count the CRDs accept: a whole number from 0 to INT32_MAX. */
export function isInt32Count(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= INT32_MAX;
}

/** The sentence error messages use for counts. */
export const INT32_COUNT = 'a whole number from 0 to 2147483647 is accepted';
