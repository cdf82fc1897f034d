import { Size, SizeRoundingBehavior } from 'cdk8s';
import { ContainerResources, k8s } from 'cdk8s-plus-27';

/** Renders a size with the largest binary unit that represents it exactly (`1Gi`, `50Mi`). */
function renderSize(size: Size): string {
  const units: Array<[string, (s: Size) => number]> = [
    ['Ti', s => s.toTebibytes({ rounding: SizeRoundingBehavior.FAIL })],
    ['Gi', s => s.toGibibytes({ rounding: SizeRoundingBehavior.FAIL })],
    ['Mi', s => s.toMebibytes({ rounding: SizeRoundingBehavior.FAIL })],
    ['Ki', s => s.toKibibytes({ rounding: SizeRoundingBehavior.FAIL })],
  ];
  for (const [suffix, convert] of units) {
    try {
      const n = convert(size);
      if (n >= 1) return `${n}${suffix}`;
    } catch {
      // not a whole number of this unit; try a smaller one
    }
  }
  return `${size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024}`;
}

/** CPU amounts in millicores, for comparing a request with a limit. */
function cpuMillis(amount: string): number {
  return amount.endsWith('m') ? Number(amount.slice(0, -1)) : Number(amount) * 1000;
}

function sizeKib(size: Size): number {
  return size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
}

/**
 * Renders cdk8s-plus `ContainerResources` as Kubernetes `ResourceRequirements`,
 * or `undefined` when nothing is set.
 */
export function renderResources(resources: ContainerResources | undefined): k8s.ResourceRequirements | undefined {
  if (!resources) return undefined;
  const limits: Record<string, k8s.Quantity> = {};
  const requests: Record<string, k8s.Quantity> = {};
  const put = (target: Record<string, k8s.Quantity>, key: string, value: string | undefined) => {
    if (value !== undefined) target[key] = k8s.Quantity.fromString(value);
  };
  put(requests, 'cpu', resources.cpu?.request?.amount);
  put(limits, 'cpu', resources.cpu?.limit?.amount);
  put(requests, 'memory', resources.memory?.request && renderSize(resources.memory.request));
  put(limits, 'memory', resources.memory?.limit && renderSize(resources.memory.limit));
  put(requests, 'ephemeral-storage', resources.ephemeralStorage?.request && renderSize(resources.ephemeralStorage.request));
  put(limits, 'ephemeral-storage', resources.ephemeralStorage?.limit && renderSize(resources.ephemeralStorage.limit));
  const result: k8s.ResourceRequirements = {
    limits: Object.keys(limits).length ? limits : undefined,
    requests: Object.keys(requests).length ? requests : undefined,
  };
  return result.limits || result.requests ? result : undefined;
}

/**
 * Problems Kubernetes would reject the container for: a request above its
 * limit, or an amount that is not positive.
 */
export function resourceProblems(resources: ContainerResources | undefined): string[] {
  if (!resources) return [];
  const problems: string[] = [];
  const cpuReq = resources.cpu?.request?.amount;
  const cpuLim = resources.cpu?.limit?.amount;
  for (const [label, amount] of [['cpu request', cpuReq], ['cpu limit', cpuLim]] as const) {
    if (amount !== undefined && !(cpuMillis(amount) > 0)) problems.push(`${label} ${JSON.stringify(amount)} is not a positive amount`);
  }
  if (cpuReq !== undefined && cpuLim !== undefined && cpuMillis(cpuReq) > cpuMillis(cpuLim)) {
    problems.push(`cpu request ${cpuReq} is greater than the cpu limit ${cpuLim}`);
  }
  for (const [label, pair] of [['memory', resources.memory], ['ephemeral-storage', resources.ephemeralStorage]] as const) {
    if (pair?.request && pair?.limit && sizeKib(pair.request) > sizeKib(pair.limit)) {
      problems.push(`${label} request ${renderSize(pair.request)} is greater than the ${label} limit ${renderSize(pair.limit)}`);
    }
    for (const [which, size] of [['request', pair?.request], ['limit', pair?.limit]] as const) {
      if (size && !(sizeKib(size) > 0)) problems.push(`${label} ${which} is not a positive amount`);
    }
  }
  return problems;
}
