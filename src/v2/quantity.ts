import { show } from '../errors';
import { QUANTITY_ACCEPTED, QUANTITY_PATTERN, quantityValue, remembered } from '../k8s/quantity-value';

/**
 * What Seldon's v2 operator reads of a quantity (a Model's memory, in whole
 * bytes), beside the pattern and value shared from src/k8s/quantity-value.ts.
 */
export { QUANTITY_ACCEPTED, QUANTITY_PATTERN, quantityValue };

const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXPONENTS: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const INT64_MAX = 2n ** 63n - 1n;
const INT64S = new Map<string, bigint | undefined>();

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
    + 'operator/apis/mlops/v1alpha1/model_types.go AsSchedulerModel fails on a fraction, and on an amount ParseQuantity keeps as a big decimal: '
    + 'more than 18 digits, or a large amount with a binary suffix such as 100Ti or 1Pi), so the Model would never be scheduled although the CRD accepts it',
  'a whole number of bytes without a fraction, e.g. "1536Mi" rather than "1.5Gi", "100M", or "500000000"'];
}
