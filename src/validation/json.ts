/** Plain JSON values as parsed from YAML, and the one test every module here needs. */
export type Json = { [key: string]: unknown };

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
