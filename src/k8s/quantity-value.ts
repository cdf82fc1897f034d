/**
 * Kubernetes quantities as the API server and Seldon's CRDs accept them, and
 * their numeric value for comparing a request with a limit or checking a
 * range: shared by the container rules (src/k8s/container-ranges.ts) and the
 * v2 constructs (src/v2/quantity.ts adds what Seldon's operator reads).
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
const REMEMBERED = 512;

export function remembered<V>(memo: Map<string, V>, key: string, parse: (key: string) => V): V {
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

