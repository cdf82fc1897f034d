/**
 * How Go's strconv reads text, for the values Seldon's Go components parse:
 * the scheduler's flags (flag package: ParseBool, ParseFloat, ParseInt and
 * ParseUint with base 0), the executor's `ratioA` (ParseFloat), rclone's
 * boolean options (ParseBool), a node query's Gt/Lt value and the agent's
 * worker count (ParseInt base 10). One home, so that every check agrees.
 */

/** strconv.ParseBool's spellings of true, then of false. */
const TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

/** What strconv.ParseBool reads `text` as; undefined for text it refuses (or no text). */
export function goBool(text: unknown): boolean | undefined {
  if (typeof text !== 'string') return undefined;
  return TRUE.includes(text) ? true : FALSE.includes(text) ? false : undefined;
}

/** A decimal floating-point number as strconv.ParseFloat reads it (no digit separators: Go allows "_" only after a base prefix). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** What else strconv.ParseFloat reads: hexadecimal mantissa with a binary exponent ("_" between digits), infinities, NaN. */
const SPECIAL = /^[+-]?(0[xX]((_?[0-9a-fA-F])+(\.([0-9a-fA-F](_?[0-9a-fA-F])*)?)?|\.[0-9a-fA-F](_?[0-9a-fA-F])*)[pP][+-]?\d(_?\d)*|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])$/;

/** Whether strconv.ParseFloat reads `text` as a plain decimal number. */
export function isGoDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/** Whether strconv.ParseFloat reads `text` at all (decimal, hexadecimal, infinities and NaN). */
export function isGoFloat(text: string): boolean {
  return DECIMAL.test(text) || SPECIAL.test(text);
}

/** strconv.ParseUint with base 0: decimal, 0x, 0o or 0 (octal) and 0b, "_" only between digits or after a prefix. */
const UINT_BASE_0 = /^(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO]?(_?[0-7])+|0|[1-9](_?[0-9])*)$/;

/** Whether strconv.ParseUint(text, 0, 64) reads `text` (the range of 64 bits is not checked). */
export function isGoUintBase0(text: string): boolean {
  return UINT_BASE_0.test(text);
}

/** Whether strconv.ParseInt(text, 0, 64) reads `text`: a sign, then what ParseUint reads (the range is not checked). */
export function isGoIntBase0(text: string): boolean {
  return UINT_BASE_0.test(text.replace(/^[+-]/, ''));
}

/**
 * Whether `text` is a decimal integer that strconv.ParseInt(text, 10, 64) reads (and so strconv.Atoi on a 64-bit
 * build): an optional sign, digits, within int64.
 */
export function isInt64Text(text: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(text)) return false;
  const n = BigInt(text);
  return n <= 9223372036854775807n && n >= -9223372036854775808n;
}

/** time.ParseDuration's units, in nanoseconds (µ as U+00B5 and as U+03BC). */
const DURATION_UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n, us: 1_000n, µs: 1_000n, μs: 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};
const DURATION_PART = /^([0-9]*)(?:\.([0-9]*))?([^0-9.]*)/;
const MAX_DURATION = 2n ** 63n - 1n;
/** The most whole seconds a Go time.Duration holds (about 292 years). */
export const GO_DURATION_MAX_SECONDS = Number(MAX_DURATION / 1_000_000_000n);

/**
 * The nanoseconds time.ParseDuration reads `text` as (what Go's flag package does with a duration flag); undefined
 * for text it refuses: no unit ("60"), an unknown unit ("1 m", "1min"), a part without digits (".s"), or beyond
 * int64 nanoseconds (about 292 years). Only "0" needs no unit.
 */
export function goDuration(text: string): bigint | undefined {
  let s = text;
  const negative = s.startsWith('-');
  if (negative || s.startsWith('+')) s = s.slice(1);
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  while (s !== '') {
    const [part, whole, fraction, unitText] = DURATION_PART.exec(s)!;
    const unit = DURATION_UNITS[unitText];
    if ((whole === '' && !fraction) || unit === undefined) return undefined;
    // Go keeps fraction digits while they fit in 63 bits and truncates their share of the unit to whole nanoseconds.
    const digits = (fraction ?? '').replace(/0+$/, '').slice(0, 18);
    total += BigInt(whole || '0') * unit + (digits ? BigInt(digits) * unit / 10n ** BigInt(digits.length) : 0n);
    if (total > MAX_DURATION + (negative ? 1n : 0n)) return undefined;
    s = s.slice(part.length);
  }
  return negative ? -total : total;
}
