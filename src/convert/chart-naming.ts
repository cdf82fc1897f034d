/**
 * What a converted file's chart is called and which namespace it holds, both read from the file: kept out of
 * convert.ts, which is at the 400-line limit.
 */
import { isObject, Json } from '../graph/manifests';

/** The chart's namespace: the one most objects of the file are in. */
export function chartNamespace(objects: readonly Json[]): string | undefined {
  return mostCommon(objects.map(o => (isObject(o.metadata) && typeof o.metadata.namespace === 'string' ? o.metadata.namespace : undefined)));
}

function mostCommon(values: Array<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A chart id from the file name: `iris.yaml` → `iris` (`constructor.yaml` → `constructor-chart`: constructs reads ids with `in`). */
export function chartId(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? 'seldon';
  const id = base.replace(/\.(ya?ml|json)$/i, '').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'seldon';
  return id in Object.prototype ? `${id}-chart` : id;
}
