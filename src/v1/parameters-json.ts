/**
 * Serialises parameters as the operator does (Go's json.Marshal): keys in the
 * order name, value, type; no spaces; `<`, `>` and `&` escaped.
 */
export function parametersJson(parameters: Array<{ name: string; value: string; type: string }>): string {
  const json = JSON.stringify(parameters.map(p => ({ name: p.name, value: p.value, type: p.type })));
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
