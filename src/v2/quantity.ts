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
  if (typeof quantity !== 'string' || !QUANTITY_PATTERN.test(quantity)) return undefined;
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(quantity)!;
  const [, number, suffix] = match;
  const base = Number(number);
  if (suffix in SUFFIXES) return base * SUFFIXES[suffix];
  // what remains is a decimal exponent, e.g. "e3"
  return base * Math.pow(10, Number(suffix.slice(1)));
}

/** What error messages list as an acceptable quantity. */
export const QUANTITY_ACCEPTED = 'a Kubernetes quantity is accepted, e.g. "100Mi", "1Gi", "1.5G" or "500000000"';
