/**
 * An object no construct models, as a plain `ApiObject` holding it as it is
 * (a Secret's values read from the environment unless inlined).
 */
import { env, Expr, lit, obj, Stmt } from './code';
import { envName } from './rclone';
import { newConstruct } from './scope';
import { isObject, Json } from '../graph/manifests';

/** The value of a Secret's `stringData` key as code: from the environment unless inlined. */
export function secretValueExpr(secretName: string, key: string, value: unknown, inline: boolean): Expr {
  return !inline && typeof value === 'string' && value !== '' ? env(envName(secretName, key), value) : lit(value);
}

/** `new ApiObject(chart, id, { apiVersion, kind, metadata, ...rest })` reproducing `object`. */
export function passthrough(object: Json, variable: string, id: string, chartNamespace: string | undefined, inline: boolean): Stmt[] {
  const metadata = isObject(object.metadata) ? { ...object.metadata } : {};
  if (metadata.namespace === chartNamespace) delete metadata.namespace;
  const entries: Array<[string, Expr]> = [];
  for (const [key, value] of Object.entries(object)) {
    if (key === 'metadata') {
      entries.push([key, lit(metadata)]);
    } else if (object.kind === 'Secret' && (key === 'stringData' || key === 'data') && isObject(value)) {
      // A key in both maps (a Secret the converter does not merge: another apiVersion, data that is no base64) reads two variables.
      const both = (k: string) => key === 'data' && isObject(object.stringData) && k in object.stringData;
      entries.push([key, obj(Object.entries(value).map(([k, v]) => [k, secretValueExpr(String(metadata.name), both(k) ? `${k}_DATA` : k, v, inline)] as const))]);
    } else {
      entries.push([key, lit(value)]);
    }
  }
  return [{ name: variable, value: newConstruct('ApiObject', id, obj(entries)) }];
}
