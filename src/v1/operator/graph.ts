/**
 * Graph lookups of the v1 operator (operator/apis/machinelearning.seldon.io/v1/
 * seldondeployment_types.go, prepack.go, seldondeployment_webhook.go @v1.18.2).
 */
import { BUILT_IN_IMPLEMENTATIONS } from '../operator-defaults';
import { Json } from './operator-config';

/** `GetPredictiveUnit`: the first node of that name, depth first. */
export function findUnit(unit: Json | undefined, name: string): Json | undefined {
  if (!unit) return undefined;
  if (unit.name === name) return unit;
  for (const child of unit.children ?? []) {
    const found = findUnit(child, name);
    if (found) return found;
  }
  return undefined;
}

/** `GetPredictiveUnitList`: every node, parent before children. */
export function unitList(unit: Json | undefined): Json[] {
  if (!unit) return [];
  return [unit, ...(unit.children ?? []).flatMap((c: Json) => unitList(c))];
}

/** `IsPrepack`: a non-empty implementation that is not built into the executor. */
export function isPrepack(unit: Json): boolean {
  const implementation = unit.implementation;
  return typeof implementation === 'string' && implementation.length > 0 && !BUILT_IN_IMPLEMENTATIONS.includes(implementation);
}

/** `GetEnginePredictiveUnit`: the node the defaulting marked `localhost`, whose pod gets the executor. */
export function engineUnit(unit: Json | undefined): Json | undefined {
  if (!unit) return undefined;
  if (unit.endpoint?.service_host === 'localhost') return unit;
  for (const child of unit.children ?? []) {
    const found = engineUnit(child);
    if (found) return found;
  }
  return undefined;
}

/** `GetContainerForPredictiveUnit` and `GetComponentSpecIdxForPredictiveUnit` (index 0 when absent). */
export function findContainer(predictor: Json, name: string): { container?: Json; index: number } {
  const specs: Json[] = predictor.componentSpecs ?? [];
  for (let j = 0; j < specs.length; j++) {
    const container = (specs[j]?.spec?.containers ?? []).find((c: Json) => c.name === name);
    if (container) return { container, index: j };
  }
  return { index: 0 };
}

/** Whether the predictor's transport or the node's endpoint asks for gRPC. */
export function usesGrpc(sdep: Json, unit: Json): boolean {
  return sdep.spec?.transport === 'grpc' || unit.endpoint?.type === 'GRPC';
}
