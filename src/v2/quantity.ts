import { show } from '../errors';

/**
 * Kubernetes quantities as Seldon's CRDs accept them, and their numeric value
 * for comparing a request with a limit.
 */

/** The pattern the Model CRD puts on `memory` and Kubernetes on every quantity (§2.7). */
export const QUANTITY_PATTERN = /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

const SUFFIXES: Readonly<Record<string, number>> = {
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  '': 1,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/**
 * The value of a quantity (bytes for memory, cores for cpu), or undefined if
 * `quantity` does not match the Kubernetes pattern.
 */
export function quantityValue(quantity: string | number): number | undefined {
  if (typeof quantity === 'number') return Number.isFinite(quantity) ? quantity : undefined;
  if (typeof quantity !== 'string') return undefined;
  return remembered(VALUES, quantity, parseValue);
}

/**
 * Answers of the pure parsers below by quantity string: an app repeats a few
 * quantities thousands of times (each model's memory, each server's requests
 * in every validation pass). Bounded, so that an app of many distinct
 * quantities only parses as before.
 */
const VALUES = new Map<string, number | undefined>();
const INT64S = new Map<string, bigint | undefined>();
const REMEMBERED = 512;

function remembered<V>(memo: Map<string, V>, key: string, parse: (key: string) => V): V {
  if (memo.has(key)) return memo.get(key) as V;
  const value = parse(key);
  if (memo.size >= REMEMBERED) memo.clear();
  memo.set(key, value);
  return value;
}

function parseValue(quantity: string): number | undefined {
  if (!QUANTITY_PATTERN.test(quantity)) return undefined;
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(quantity)!;
  const [, number, suffix] = match;
  const base = Number(number);
  if (suffix in SUFFIXES) return base * SUFFIXES[suffix];
  // what remains is a decimal exponent, e.g. "e3"
  // zero times an exponent past float range ("0e400") is zero, not NaN
  return base === 0 ? 0 : base * Math.pow(10, Number(suffix.slice(1)));
}

/** What error messages list as an acceptable quantity. */
export const QUANTITY_ACCEPTED = 'a Kubernetes quantity is accepted, e.g. "100Mi", "1Gi", "1.5G" or "500000000"';

const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXPONENTS: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The whole number a quantity converts to with Go's `Quantity.AsInt64()`,
 * which the v2 operator uses for a Model's `memory`
 * (operator/apis/mlops/v1alpha1/model_types.go `AsSchedulerModel` at v2.10.2),
 * or undefined where Go reports no whole number. This follows
 * k8s.io/apimachinery `ParseQuantity`: only its fast path stores an int64
 * (no fraction on a binary suffix, at most 18 digits, a scale of at least
 * nano) and `AsInt64` fails on a negative scale, so `1.5Gi`, `100m`, `0.5`
 * and even `1.0` have no whole value although the CRD accepts them.
 */
export function quantityAsInt64(quantity: string): bigint | undefined {
  return typeof quantity === 'string' ? remembered(INT64S, quantity, parseInt64) : undefined;
}

function parseInt64(quantity: string): bigint | undefined {
  if (!QUANTITY_PATTERN.test(quantity)) return undefined;
  const [, sign, digits, suffix] = /^([+-]?)([0-9]*\.?[0-9]*)(.*)$/.exec(quantity)!;
  const [whole, fraction = ''] = digits.split('.');
  const num = whole.replace(/^0+/, '') || '0';
  let scale: number;
  let mantissa = 1n;
  let precision: number;
  if (suffix in BINARY_EXPONENTS) {
    const exponent = BINARY_EXPONENTS[suffix];
    if (fraction.length > 0) return undefined;
    mantissa = 2n ** BigInt(exponent);
    scale = 0;
    precision = 15 - num.length - Math.trunc(Math.fround(exponent) * 3 / 10) - 1;
  } else {
    scale = suffix === '' ? 0 : suffix in DECIMAL_EXPONENTS ? DECIMAL_EXPONENTS[suffix] : Number(suffix.slice(1));
    precision = 18 - (num.length + fraction.length);
  }
  if (precision < 0) return undefined;
  scale -= fraction.length;
  if (scale < -9) return undefined;
  const value = BigInt(num + fraction) * mantissa;
  if (value > INT64_MAX) return undefined;
  // AsInt64: a negative scale is never reduced; a positive one multiplies without overflowing
  if (scale < 0) return undefined;
  const result = value * 10n ** BigInt(scale);
  if (result > INT64_MAX) return undefined;
  return sign === '-' ? -result : result;
}

const BINARY_UNITS: ReadonlyArray<[string, number]> = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];

/**
 * A byte count as a reader writes one, for messages: `64Gi` in the largest binary unit that divides it, else about
 * as much in the largest unit that leaves at least 10 of it (`≈1126.4Mi` rather than `≈1.1Gi`).
 */
export function bytesText(bytes: number): string {
  for (const [unit, size] of BINARY_UNITS) if (bytes >= size && Number.isInteger(bytes / size)) return `${bytes / size}${unit}`;
  for (const [unit, size] of BINARY_UNITS) if (bytes >= 10 * size) return `≈${(bytes / size).toFixed(1)}${unit}`;
  return `${bytes} bytes`;
}

/** The problem of a Model's `memory` and what is accepted, if it has one. */
export function modelMemoryProblem(memory: string): [string, string] | undefined {
  // undefined for anything but a string of the CRD's quantity pattern
  const bytes = typeof memory === 'string' ? quantityValue(memory) : undefined;
  if (bytes === undefined) return [`${show(memory)} is not a Kubernetes quantity (the Model CRD rejects it)`, QUANTITY_ACCEPTED];
  if (bytes < 0) return [`${show(memory)} is negative`, QUANTITY_ACCEPTED];
  if (quantityAsInt64(memory) !== undefined) return undefined;
  return [`${show(memory)} is not a whole number of bytes as the operator reads it (Quantity.AsInt64 in `
    + 'operator/apis/mlops/v1alpha1/model_types.go AsSchedulerModel fails on a fraction), so the Model would never be scheduled although the CRD accepts it',
  'a whole number of bytes without a fraction, e.g. "1536Mi" rather than "1.5Gi", "100M", or "500000000"'];
}
