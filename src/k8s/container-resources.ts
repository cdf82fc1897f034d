import { Size, SizeConversionOptions, SizeRoundingBehavior } from 'cdk8s';
import { ContainerResources, k8s } from 'cdk8s-plus-27';

type Convert = (size: Size, options: SizeConversionOptions) => number;

/** Binary units from the largest, each with its conversion. */
const UNITS: ReadonlyArray<[string, Convert]> = [
  ['Ti', (s, o) => s.toTebibytes(o)],
  ['Gi', (s, o) => s.toGibibytes(o)],
  ['Mi', (s, o) => s.toMebibytes(o)],
  ['Ki', (s, o) => s.toKibibytes(o)],
];
const NONE: SizeConversionOptions = { rounding: SizeRoundingBehavior.NONE };

/**
 * Renders a size with the largest binary unit that represents it exactly
 * (`1Gi`, `50Mi`): the unit where `SizeRoundingBehavior.FAIL` would not
 * throw. FAIL keeps a fraction of the size's own unit and otherwise throws
 * for a fraction; that rule is applied here to the unrounded value, because
 * the exceptions cost far more than the conversions (two per typical size).
 */
function renderSize(size: Size): string {
  const ownUnit = size.asString().slice(-2);
  for (const [suffix, convert] of UNITS) {
    const n = convert(size, NONE);
    if ((suffix === ownUnit || Number.isInteger(n)) && n >= 1) return `${n}${suffix}`;
  }
  return `${size.toKibibytes(NONE) * 1024}`;
}

/** CPU amounts in millicores, for comparing a request with a limit. */
function cpuMillis(amount: string): number {
  return amount.endsWith('m') ? Number(amount.slice(0, -1)) : Number(amount) * 1000;
}

// `Size.gibibytes(Infinity)` would render `InfinityGi`: NaN stands for "no amount" here, which every check refuses.
function sizeKib(size: Size): number {
  try {
    const kib = size.toKibibytes(NONE);
    return Number.isFinite(kib) ? kib : NaN;
  } catch {
    return NaN;
  }
}

// What Cpu.millis()/Cpu.units() render for a finite amount; `Infinitym`, `NaN` and `1e+21` are no Kubernetes quantities.
const CPU_AMOUNT = /^\d+(\.\d+)?m?$/;

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
  // Written out rather than looped over literal lists of pairs: this runs for every node with resources, mostly cold.
  const cpuReq = resources.cpu?.request?.amount;
  const cpuLim = resources.cpu?.limit?.amount;
  if (cpuReq !== undefined) cpuAmountProblems('cpu request', cpuReq, problems);
  if (cpuLim !== undefined) cpuAmountProblems('cpu limit', cpuLim, problems);
  if (cpuReq !== undefined && cpuLim !== undefined && cpuMillis(cpuReq) > cpuMillis(cpuLim)) {
    problems.push(`cpu request ${cpuReq} is greater than the cpu limit ${cpuLim}`);
  }
  if (resources.memory) sizePairProblems('memory', resources.memory, problems);
  if (resources.ephemeralStorage) sizePairProblems('ephemeral-storage', resources.ephemeralStorage, problems);
  return problems;
}

function cpuAmountProblems(label: string, amount: string, problems: string[]): void {
  if (!CPU_AMOUNT.test(amount)) problems.push(`${label} ${JSON.stringify(amount)} is not a Kubernetes quantity (a finite amount)`);
  else if (!(cpuMillis(amount) > 0)) problems.push(`${label} ${JSON.stringify(amount)} is not a positive amount`);
}

function sizePairProblems(label: string, pair: { readonly request?: Size; readonly limit?: Size }, problems: string[]): void {
  const request = pair.request ? sizeKib(pair.request) : undefined;
  const limit = pair.limit ? sizeKib(pair.limit) : undefined;
  if (request !== undefined && limit !== undefined && request > limit) {
    problems.push(`${label} request ${renderSize(pair.request!)} is greater than the ${label} limit ${renderSize(pair.limit!)}`);
  }
  if (request !== undefined) sizeProblems(label, 'request', request, problems);
  if (limit !== undefined) sizeProblems(label, 'limit', limit, problems);
}

function sizeProblems(label: string, which: string, kib: number, problems: string[]): void {
  if (Number.isNaN(kib)) problems.push(`${label} ${which} is not a finite amount`);
  else if (!(kib > 0)) problems.push(`${label} ${which} is not a positive amount`);
}
