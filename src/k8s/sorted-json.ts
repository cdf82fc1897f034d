/**
 * Maps a user gives that the library writes in an order of its own choosing
 * (into a JSON string, such as a v1 explainer's `initParameters`, or as a
 * list, such as a v2 Model's `parameters` or a custom rclone remote's options
 * in its v2 document): in sorted key order, as cdk8s writes the maps of a
 * manifest. So a map given in another insertion order (a record assembled
 * differently, a Java `Map.of`, whose order changes from one run to the
 * next) writes the same text.
 */

/** JSON with the keys of every plain object in sorted order. */
export function sortedJson(value: unknown): string | undefined {
  // The replacer sees each value after its toJSON(): a Date is a string here, and only plain maps are re-keyed.
  return JSON.stringify(value, (_key, v: unknown) => (isPlainMap(v) ? sortedKeys(v) : v));
}

/**
 * A copy of `map` with its keys in sorted order (one level: `sortedJson` re-keys each nested map as it reaches it).
 * Keys that read as array indexes come first, by number ("9" before "10"), as in every JavaScript object, so in the
 * maps cdk8s sorts too: code comparing a list with this order reads it from `Object.keys()`, not from `<`.
 */
export function sortedKeys<T>(map: { readonly [key: string]: T }): { [key: string]: T } {
  const result: { [key: string]: T } = {};
  // Defined, not assigned: a key "__proto__" (JSON.parse makes one) stays a key.
  for (const key of Object.keys(map).sort()) {
    Object.defineProperty(result, key, { value: map[key], enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function isPlainMap(value: unknown): value is { [key: string]: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
