/** Reading untyped manifest values defensively. */
import { isObject, Json } from './manifests';

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function obj(value: unknown): Json {
  return isObject(value) ? value : {};
}

/** Replicas after the operator's defaulting (§2.6): `replicas`, else `minReplicas` when above 0, else 1. */
export function scaling(spec: Json): { replicas: number; minReplicas: number } {
  const min = num(spec.minReplicas) ?? 0;
  const replicas = num(spec.replicas);
  return { replicas: replicas !== undefined && replicas >= 0 ? replicas : (min > 0 ? min : 1), minReplicas: min };
}

export function list(values: readonly string[]): string {
  return values.join(', ');
}
