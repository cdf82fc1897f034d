/**
 * `MODELGATEWAY_MAX_NUM_CONSUMERS` and `PIPELINEGATEWAY_MAX_NUM_CONSUMERS` are read twice from a gateway's pod spec
 * (v2.10.2). The operator caps the gateway's replicas with the first entry of that name in the merged pod spec's first
 * container, and reads only a literal: `env.Value`, "" meaning its default 100 (runtime_reconciler.go getEnvVarValue,
 * ParseInt32, validateScaleSpec: a value strconv.ParseInt refuses or 0 fails the reconcile). The gateway reads the variable as
 * Kubernetes gives it, from the last entry of that name (scheduler/cmd/modelgateway/main.go and pipelinegateway/main.go
 * getEnVar). The operator appends a runtime override's env to the SeldonConfig's (patch_utils.go MergeContainers,
 * mergo WithAppendSlice), so an override cannot replace a SeldonConfig's entry: both would see one value only when
 * there is one entry, or all entries agree.
 */
import { RuntimeComponent } from './runtime-component';
import { show } from '../../errors';

/** An env entry as a pod spec (JSON or k8s.EnvVar) or a typed container's map gives it. */
export interface EnvEntry {
  readonly name: string;
  readonly value?: unknown;
  readonly valueFrom?: unknown;
}

/**
 * The entries of a SeldonConfig's main container of a gateway, as far as known: a list (a SeldonConfig of the app),
 * `chart` (Seldon's `default`, whose Helm chart renders one entry from `<gateway>.maxNumConsumers`), or undefined.
 */
export type ConfigConsumerEntries = readonly EnvEntry[] | 'chart' | undefined;

type Found = Array<[string, string, string]>;

const VARIABLES: ReadonlyMap<string, readonly [variable: string, helmValue: string]> = new Map([
  [RuntimeComponent.MODEL_GATEWAY.name, ['MODELGATEWAY_MAX_NUM_CONSUMERS', 'modelgateway.maxNumConsumers']],
  [RuntimeComponent.PIPELINE_GATEWAY.name, ['PIPELINEGATEWAY_MAX_NUM_CONSUMERS', 'pipelinegateway.maxNumConsumers']],
]);

const INT32_MAX = 2147483647;
const COUNT_ACCEPTED = 'a whole number from 1 to 2147483647 as a string, e.g. "10"';
const READERS = 'the operator caps the gateway\'s replicas with the first entry of that name (runtime_reconciler.go getEnvVarValue), '
  + 'and the gateway runs with the last, as Kubernetes gives it';

/** The variable of `component` the operator reads, if it reads one. */
export function maxConsumersVariable(component: RuntimeComponent): string | undefined {
  return VARIABLES.get(component.name)?.[0];
}

/** Whether a literal is a count the operator and the gateway both take: Go's strconv.ParseInt(s, 10, 32), from 1. */
function countProblem(value: unknown): boolean {
  if (value === '' || value === undefined) return false;
  if (typeof value !== 'string' || !/^[+-]?[0-9]+$/.test(value)) return true;
  const n = Number(value);
  return n < 1 || n > INT32_MAX;
}

/**
 * Why a gateway's `*_MAX_NUM_CONSUMERS` would not be one value for the operator and the gateway, each as [field,
 * problem, accepted]: `own` are the entries of its main container given at `envField` (a SeldonConfig component's, or
 * a runtime override's), `config` those the SeldonConfig gives the same container before an override's (undefined
 * when `own` is the SeldonConfig's, or the SeldonConfig's are unknown).
 */
export function maxConsumersProblems(component: RuntimeComponent, envField: string, own: readonly EnvEntry[],
  config?: ConfigConsumerEntries, configName?: string): Found {
  const known = VARIABLES.get(component.name);
  if (known === undefined) return [];
  const [variable, helmValue] = known;
  const mine = own.filter(e => e?.name === variable);
  if (mine.length === 0) return [];
  const field = `${envField}[${show(variable)}]`;
  if (mine.some(e => e.valueFrom !== undefined)) {
    return [[field, 'is set with valueFrom, which the operator does not read: it caps the gateway\'s replicas with a literal value only (env.Value, '
      + 'runtime_reconciler.go getEnvVarValue; none is its default 100), while the gateway reads the referenced value', COUNT_ACCEPTED]];
  }
  const bad = mine.find(e => countProblem(e.value));
  if (bad !== undefined) {
    return [[field, `${show(bad.value)} is not a count of consumers: the operator fails to reconcile the runtime on it (runtime_reconciler.go validateScaleSpec: `
      + 'ParseInt32, and 0 is invalid), and the gateway exits at start on a value Go\'s strconv.ParseInt refuses', COUNT_ACCEPTED]];
  }
  const theirs = config === 'chart' ? 'chart' : (config ?? []).filter(e => e?.name === variable);
  const values = new Set([...theirs === 'chart' ? [] : theirs, ...mine].map(e => e.valueFrom === undefined ? e.value : {}));
  if (theirs === 'chart' || (theirs.length > 0 && values.size > 1)) {
    const set = theirs === 'chart' ? `(Seldon's Helm chart renders it from ${helmValue})` : `(${theirs.map(e => show(e.value)).join(', ')})`;
    return [[field, `${show(mine[mine.length - 1].value)} would not reach the operator: SeldonConfig ${show(configName)} sets ${variable} on `
      + `${component.mainContainer} too ${set}, and the operator appends the override's env after it (patch_utils.go MergeContainers); ${READERS}`,
    `${variable} in the SeldonConfig's ${component.mainContainer} container${theirs === 'chart' ? ` (the Helm value ${helmValue} for Seldon's default)` : ', or the same value here'}`]];
  }
  if (values.size > 1) {
    return [[field, `is set ${mine.length} times (${mine.map(e => show(e.value)).join(', ')}): ${READERS}`, `one ${variable} entry`]];
  }
  return [];
}
