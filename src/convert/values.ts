/**
 * Kubernetes values of a manifest as the cdk8s-plus types the constructs take:
 * resources as `ContainerResources` (`Cpu`, `Size`), env as `EnvValue`s.
 * Each returns undefined when the value has no exact typed form; the field is
 * then left to a patch rather than approximated.
 */
import { EnvFieldPaths } from 'cdk8s-plus-27';
import { Expr, get, lit, obj, staticCall } from './code';
import { Scope } from './scope';
import { isObject, Json } from '../graph/manifests';
import { quantityValue } from '../v2/quantity';

/** A count as the constructs take it; a safe integer only: a larger one lost digits in the YAML reader and would print another number. */
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** `Duration.seconds(n)` for a whole count of seconds. */
export const seconds = (v: unknown): Expr | undefined => (isCount(v) ? staticCall('Duration', 'seconds', lit(v)) : undefined);

/** `Cpu.millis(500)` or `Cpu.units(2)`. */
export function cpuExpr(quantity: unknown): Expr | undefined {
  if (typeof quantity !== 'string' && typeof quantity !== 'number') return undefined;
  const value = quantityValue(quantity);
  if (value === undefined || value < 0) return undefined;
  const millis = Math.round(value * 1000);
  if (Math.abs(millis - value * 1000) > 1e-6) return undefined;
  return millis % 1000 === 0 ? staticCall('Cpu', 'units', lit(millis / 1000)) : staticCall('Cpu', 'millis', lit(millis));
}

const BINARY: ReadonlyArray<readonly [string, number]> = [['tebibytes', 2 ** 40], ['gibibytes', 2 ** 30], ['mebibytes', 2 ** 20], ['kibibytes', 2 ** 10]];

/** `Size.gibibytes(1)`; decimal amounts (`1G`) have no `Size` factory. */
export function sizeExpr(quantity: unknown): Expr | undefined {
  if (typeof quantity !== 'string' && typeof quantity !== 'number') return undefined;
  const value = quantityValue(quantity);
  if (value === undefined || value <= 0) return undefined;
  for (const [factory, unit] of BINARY) {
    if (value % unit === 0) return staticCall('Size', factory, lit(value / unit));
  }
  return undefined;
}

/** A cdk8s-plus `ContainerResources` for cpu and memory; other resources are left to patches. */
export function resourcesExpr(resources: unknown): Expr | undefined {
  if (!isObject(resources)) return undefined;
  const requests = isObject(resources.requests) ? resources.requests : {};
  const limits = isObject(resources.limits) ? resources.limits : {};
  const pair = (name: string, typed: (q: unknown) => Expr | undefined) => {
    const request = requests[name] === undefined ? undefined : typed(requests[name]);
    const limit = limits[name] === undefined ? undefined : typed(limits[name]);
    return request || limit ? obj([['request', request], ['limit', limit]]) : undefined;
  };
  const cpu = pair('cpu', cpuExpr);
  const memory = pair('memory', sizeExpr);
  return cpu || memory ? obj([['cpu', cpu], ['memory', memory]]) : undefined;
}

/** `Gpu.nvidia(n)` (or `Gpu.of(name, n)`) for the device a container's limits request. */
export function gpuExpr(resources: unknown): Expr | undefined {
  const limits = isObject(resources) && isObject(resources.limits) ? resources.limits : {};
  const device = Object.keys(limits).find(k => k.endsWith('/gpu'));
  const count = device ? Number(limits[device]) : undefined;
  if (!device || !Number.isInteger(count) || count! < 1) return undefined;
  return device === 'nvidia.com/gpu' ? staticCall('Gpu', 'nvidia', lit(count)) : staticCall('Gpu', 'of', lit(device), lit(count));
}

/**
 * `{ NAME: EnvValue.fromValue('v') }` when every variable is named once and is
 * a plain value, a pod field (`EnvValue.fromFieldRef`), or with a scope a key
 * of a Secret or ConfigMap (`fromSecretValue`, `fromConfigMap`).
 */
export function envExpr(env: unknown, scope?: Scope): Expr | undefined {
  if (!Array.isArray(env) || env.length === 0) return undefined;
  const names = new Set<string>();
  const entries: Array<[string, Expr]> = [];
  for (const item of env) {
    if (!isObject(item) || typeof item.name !== 'string' || Object.keys(item).length !== 2 || names.has(item.name)) return undefined;
    const value = typeof item.value === 'string' ? staticCall('EnvValue', 'fromValue', lit(item.value)) : valueFromExpr(item.valueFrom, scope);
    if (!value) return undefined;
    names.add(item.name);
    entries.push([item.name, value]);
  }
  return obj(entries);
}

/** Pod fields cdk8s-plus names without a key (POD_LABEL and POD_ANNOTATION need one). */
const FIELD_PATHS = Object.entries(EnvFieldPaths).filter(([k]) => k !== 'POD_LABEL' && k !== 'POD_ANNOTATION');

function valueFromExpr(valueFrom: unknown, scope: Scope | undefined): Expr | undefined {
  if (!isObject(valueFrom) || Object.keys(valueFrom).length !== 1) return undefined;
  const [source, ref] = Object.entries(valueFrom)[0];
  if (!isObject(ref)) return undefined;
  const keys = Object.keys(ref);
  if (source === 'fieldRef') {
    const member = FIELD_PATHS.find(([, path]) => path === ref.fieldPath)?.[0];
    if (!member || keys.some(k => k !== 'fieldPath' && k !== 'apiVersion') || (ref.apiVersion !== undefined && typeof ref.apiVersion !== 'string')) return undefined;
    const field = get({ k: 'ref', name: 'EnvFieldPaths' }, member);
    return ref.apiVersion === undefined ? staticCall('EnvValue', 'fromFieldRef', field) : staticCall('EnvValue', 'fromFieldRef', field, obj([['apiVersion', lit(ref.apiVersion)]]));
  }
  if (!scope || typeof ref.name !== 'string' || ref.name === '' || typeof ref.key !== 'string' || keys.some(k => !['name', 'key', 'optional'].includes(k))) return undefined;
  if (ref.optional !== undefined && typeof ref.optional !== 'boolean') return undefined;
  const options = ref.optional === undefined ? [] : [obj([['optional', lit(ref.optional)]])];
  if (source === 'secretKeyRef') {
    const secret = scope.external('Secret', 'fromSecretName', ref.name, 'secret');
    return staticCall('EnvValue', 'fromSecretValue', obj([['secret', secret], ['key', lit(ref.key)]]), ...options);
  }
  if (source === 'configMapKeyRef') {
    return staticCall('EnvValue', 'fromConfigMap', scope.external('ConfigMap', 'fromConfigMapName', ref.name, 'configMap'), lit(ref.key), ...options);
  }
  return undefined;
}

/** The keys of `object` other than `known`. */
export function otherKeys(object: Json, known: readonly string[]): string[] {
  return Object.keys(object).filter(k => !known.includes(k));
}

/** A plain string map, or undefined. */
export function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  if (!Object.values(value).every(v => typeof v === 'string')) return undefined;
  return Object.keys(value).length ? value as Record<string, string> : undefined;
}

/** A list of strings, or undefined. */
export function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every(v => typeof v === 'string') ? value as string[] : undefined;
}
