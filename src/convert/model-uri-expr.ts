/** A model URI as the `ModelUri` factory a person would write for it. */
import { Expr, lit, staticCall } from './code';
import { ModelUri } from '../model-uri';

/** `ModelUri.gcs('bucket', 'path')`, `s3`, `pvcByName`, `localPath`, else `ModelUri.parse(uri)`; always the same URI. */
export function modelUriExpr(uri: string): Expr {
  const candidates: Array<[string, string[]]> = [];
  const split = /^(gs|s3|pvc):\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (split) {
    const [, scheme, first, rest] = split;
    const factory = scheme === 'gs' ? 'gcs' : scheme === 's3' ? 's3' : 'pvcByName';
    candidates.push([factory, rest === undefined || rest === '' ? [first] : [first, rest]]);
  }
  if (uri.startsWith('/')) candidates.push(['localPath', [uri]]);
  for (const [factory, args] of candidates) {
    const built = (ModelUri as any)[factory](...args) as ModelUri;
    if (built.uri === uri && !built.problem) return staticCall('ModelUri', factory, ...args.map(a => lit(a)));
  }
  return staticCall('ModelUri', 'parse', lit(uri));
}
