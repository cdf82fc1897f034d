/**
 * The code of an object's JSON patches (a Secret's values read from the
 * environment unless inlined), and the environment variables a program reads.
 */
import { Expr, lit, staticCall } from './code';
import { secretValueExpr } from './passthrough';
import { FieldPatch } from './patches';
import { isObject } from '../graph/manifests';

/** `JsonPatch.add/replace/remove(...)` for one patch. */
export function patchExpr(patch: FieldPatch, secret: boolean, secretName: string, options: { readonly inlineCredentials?: boolean }): Expr {
  if (patch.op === 'remove') return staticCall('JsonPatch', 'remove', lit(patch.path));
  let value: Expr = lit(patch.value);
  const parts = patch.path.split('/');
  if (secret && (parts[1] === 'stringData' || parts[1] === 'data')) {
    value = parts.length === 3 ? secretValueExpr(secretName, parts[2], patch.value, options.inlineCredentials ?? false)
      : isObject(patch.value) ? { k: 'obj', entries: Object.entries(patch.value).map(([k, v]) => [k, secretValueExpr(secretName, k, v, options.inlineCredentials ?? false)] as const) } : value;
  }
  return staticCall('JsonPatch', patch.op === 'add' ? 'add' : 'replace', lit(patch.path), value);
}

/** Every environment variable `expr` reads, with the value found. */
export function collectEnv(expr: Expr, into: Record<string, string>): void {
  switch (expr.k) {
    case 'env': into[expr.name] = expr.value; break;
    case 'get': collectEnv(expr.target, into); break;
    case 'call': collectEnv(expr.callee, into); expr.args.forEach(a => collectEnv(a, into)); break;
    case 'obj': expr.entries.forEach(([, v]) => collectEnv(v, into)); break;
    case 'arr': expr.items.forEach(i => collectEnv(i, into)); break;
    default: break;
  }
}
