/**
 * `convert`: Seldon manifests in, construct code out. For each file:
 * 1. read every document (invalid YAML is the file's error);
 * 2. check each object (a Kubernetes object; for a SeldonDeployment, the
 *    webhook's rules): an object the cluster would reject gets an error and
 *    no code;
 * 3. write each object as construct code (./v1.ts, ./v2.ts, ./rclone.ts), others as ApiObjects (./passthrough.ts);
 * 4. evaluate that code in-process (./code.ts), retrying an object with
 *    fewer props, then as an ApiObject, while the library rejects it;
 * 5. compare each construct's rendering with its input (./normalise.ts) and
 *    add the JSON patches that make them equal (./patches.ts), then check
 *    the patched code reproduces every object.
 */
import { performance } from 'perf_hooks';
import { ApiObject, App, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as plus from 'cdk8s-plus-27';
import { chartId, chartNamespace } from './chart-naming';
import { call, evaluate, get, ref, staticCall, Stmt } from './code';
import { droppedFields, unknownFields, withFieldNotes } from './field-notes';
import { apiGroup, passthroughReason, V2_CONVERTERS } from './kind-converters';
import { LIBRARY } from './library';
import { normalise, withoutIgnoredReplicas } from './normalise';
import { kindText, maskedOutcome, objectLabel } from './outcome-text';
import { passthrough } from './passthrough';
import { collectEnv, patchExpr } from './patch-code';
import { deepEqual, FieldPatch, patchesBetween } from './patches';
import { printProgram } from './print';
import { convertRcloneSecret } from './rclone';
import { rejectedProblems } from './rejected';
import { Scope } from './scope';
import { cdk8sRenderingProblem, credentialOutsideSecret, withoutServerSetFields } from './unwritable';
import { convertSeldonDeployment } from './v1';
import { webhookProblems } from './webhook';
import { maskCredentials } from '../errors';
import { isObject, Json, parseManifestText } from '../graph/manifests';

/** Options of `convertManifests`. */
export interface ConvertOptions {
  /** Write credentials found in Secrets into the code instead of reading them from the environment. */
  readonly inlineCredentials?: boolean;
  /** The chart's id; by default from the file name (`chartId`). Programs written together get distinct ones (files.ts). */
  readonly chartId?: string;
}

/** What became of one object. */
export type ObjectStatus = 'converted' | 'patched' | 'api-object' | 'error';

export interface ObjectOutcome {
  /** `<kind>/<name>` */
  readonly object: string;
  readonly kind: string;
  /** The object's apiVersion, when it has one. */
  readonly apiVersion?: string;
  readonly documentIndex: number;
  readonly status: ObjectStatus;
  /** The construct class written for it. */
  readonly construct?: string;
  /** Fields carried as JSON patches, without indices. */
  readonly patchedFields: string[];
  /** Fields left out because Seldon never reads them (`ignoredFields` in ./normalise.ts). */
  readonly droppedFields?: string[];
  /** Fields Seldon's CRD does not declare, kept as written: the API server drops them (field-notes.ts). */
  readonly unknownFields?: string[];
  /** Fields left out because the API server sets them (a cluster export; unwritable.ts). */
  readonly serverSetFields?: string[];
  /** Why it is an ApiObject, or what the error is. */
  readonly message?: string;
}

/** The result of converting one file. */
export interface FileConversion {
  readonly file: string;
  /** The TypeScript program; undefined when no object could be converted. */
  readonly code?: string;
  readonly objects: ObjectOutcome[];
  /** Errors about the file as a whole (invalid YAML). */
  readonly errors: string[];
  /** Environment variables the program reads credentials from, with the values found (never printed). */
  readonly credentials: Record<string, string>;
  readonly millis: number;
  /** The chart id the program uses (`ConvertOptions.chartId`, or one from the file name); none for a file not read. */
  readonly chartId?: string;
}

/** Every name a program may import, for the evaluator. */
const GLOBALS: ReadonlyArray<[string, unknown]> = [
  ...Object.entries(LIBRARY),
  ['ApiObject', ApiObject], ['Duration', Duration], ['JsonPatch', JsonPatch], ['Size', Size],
  ['Cpu', plus.Cpu], ['EnvValue', plus.EnvValue], ['Secret', plus.Secret], ['ServiceAccount', plus.ServiceAccount],
  ['PersistentVolumeClaim', plus.PersistentVolumeClaim], ['k8s', plus.k8s], ['Metric', plus.Metric], ['MetricTarget', plus.MetricTarget],
  ['Probe', plus.Probe], ['ConnectionScheme', plus.ConnectionScheme], ['ConfigMap', plus.ConfigMap], ['EnvFieldPaths', plus.EnvFieldPaths],
  ['ImagePullPolicy', plus.ImagePullPolicy], ['ServiceType', plus.ServiceType], ['PersistentVolumeAccessMode', plus.PersistentVolumeAccessMode],
  ['Node', plus.Node], ['NodeLabelQuery', plus.NodeLabelQuery], ['NodeTaintQuery', plus.NodeTaintQuery], ['TaintEffect', plus.TaintEffect],
  ['Volume', plus.Volume], ['EmptyDirMedium', plus.EmptyDirMedium], ['Env', plus.Env], ['Protocol', plus.Protocol],
];

/** The order objects are declared in, so that references point backwards. */
const KIND_ORDER = ['Secret', 'SeldonRuntime', 'ServerConfig', 'Server', 'Model', 'Pipeline', 'Experiment', 'SeldonDeployment'];

interface Item {
  readonly raw: Json;
  readonly wanted: Json;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly documentIndex: number;
  level: number;
  variable: string;
  id: string;
  construct?: string;
  reason?: string;
}

/**
 * Levels of detail, tried in turn while the library rejects an object: 0 every
 * typed prop; 1 (SeldonDeployments only) without the componentSpec settings
 * (autoscaler, budget, pod settings), whose checks are the strictest; 2 the
 * reduced form of ./v1.ts and ./v2.ts; 3 an ApiObject.
 */
const MAX_LEVEL = 3;

/** A construct class and the statements declaring it. */
interface ConstructCode {
  readonly construct: string;
  readonly stmts: Stmt[];
}

/** The construct code for one object at a level; undefined means "as an ApiObject". */
function constructCode(item: Item, scope: Scope, namespace: string | undefined, options: ConvertOptions): ConstructCode | undefined {
  if (item.level >= MAX_LEVEL) return undefined;
  // Code is written from the manifest as written (quantities as spelled), a Secret from its clear-text form.
  const o = item.kind === 'Secret' ? item.wanted : item.raw;
  const g = apiGroup(o.apiVersion);
  const ctx = { scope, chartNamespace: namespace, level: item.level };
  const as = (construct: string, stmts: Stmt[] | undefined) => (stmts ? { construct, stmts } : undefined);
  if (g === 'machinelearning.seldon.io' && item.kind === 'SeldonDeployment') {
    return convertSeldonDeployment(withoutIgnoredReplicas(o), item.variable, item.id, scope, namespace, item.level);
  }
  // Other kinds have no level 1: their reduced form is level 2 (> 0 in ./v2.ts).
  if (item.level === 1) {
    throw new Error(`converter bug: ${item.kind}/${item.name} at level 1`);
  }
  const v2 = o.apiVersion === 'mlops.seldon.io/v1alpha1' ? V2_CONVERTERS.get(item.kind) : undefined;
  if (v2 !== undefined) return as(v2.construct, v2.convert(o, item.variable, item.id, ctx));
  if (o.apiVersion === 'v1' && item.kind === 'Secret' && (o.type === 'Opaque' || o.type === undefined)) {
    return as('RcloneSecret', convertRcloneSecret(o, item.variable, item.id, namespace, options.inlineCredentials ?? false));
  }
  return undefined;
}

/** Checks that make an object an error rather than code. */
function objectProblems(value: Json, where: string): string[] {
  const metadata = value.metadata;
  if (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string' || !isObject(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
    return [`${where}: not a Kubernetes object with apiVersion, kind and metadata.name; each document must be one object (generateName is not supported)`];
  }
  const rejected = rejectedProblems(value, where);
  if (rejected.length) return rejected;
  const unwritable = cdk8sRenderingProblem(value);
  if (unwritable) return [`${where}: not converted: ${unwritable}`];
  const credential = credentialOutsideSecret(value);
  if (credential) return [`${where}: not converted: ${credential}`];
  if (apiGroup(value.apiVersion) === 'machinelearning.seldon.io' && value.kind === 'SeldonDeployment') return webhookProblems(value, where);
  return [];
}

/** Converts the text of one manifest file. */
export function convertManifests(text: string, file: string, options: ConvertOptions = {}): FileConversion {
  const start = performance.now();
  const read = parseManifestText(text, file);
  const outcomes: ObjectOutcome[] = [];
  const errors = read.problems.filter(p => p.includes('YAML error'));
  if (errors.length > 0) return { file, objects: [], errors: errors.map(maskCredentials), credentials: {}, millis: performance.now() - start };
  const notObjects = read.problems;
  // A document that is no object is an error of the file's outcome, not only a comment in the program.
  for (const problem of notObjects) {
    const documentIndex = Number(/#(\d+)/.exec(problem)?.[1] ?? -1);
    outcomes.push({ object: `document #${documentIndex}`, kind: '?', documentIndex, status: 'error', patchedFields: [], message: problem });
  }
  const items: Item[] = [];
  const serverSet = new Map<number, string[]>();
  for (const parsed of read.objects) {
    // Fields the API server wrote (a cluster export) are no part of what the program declares.
    const { value, removed } = withoutServerSetFields(parsed.value);
    const o = { ...parsed, value };
    if (removed.length) serverSet.set(o.documentIndex, removed);
    const metadata = isObject(o.value.metadata) ? o.value.metadata : {};
    const where = `${file}#${o.documentIndex}${typeof metadata.name === 'string' ? ` ${metadata.name}` : ''}`;
    const problems = objectProblems(o.value, where);
    if (problems.length > 0) {
      outcomes.push({
        object: objectLabel(o.value.kind, metadata.name, o.documentIndex),
        kind: kindText(o.value.kind),
        documentIndex: o.documentIndex,
        status: 'error',
        patchedFields: [],
        message: problems.join('\n'),
      });
      continue;
    }
    items.push({
      raw: o.value,
      wanted: o.value,
      kind: String(o.value.kind),
      name: String(metadata.name),
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
      documentIndex: o.documentIndex,
      level: 0,
      variable: '',
      id: '',
    });
  }
  const namespace = chartNamespace(items.map(i => i.raw));
  for (const item of items) (item as { wanted: Json }).wanted = normalise(item.raw, namespace);
  const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
  // Models that explain another model, or run on one (llm), come after it; otherwise the input's order.
  items.sort((a, b) => rank(a.kind) - rank(b.kind) || explainsAnother(a) - explainsAnother(b));

  let patched = patchedProgram(items, namespace, file, options);
  // A typed Kubernetes object (a Secret) drops top-level fields it does not know, from patches too: such an object
  // is written as an ApiObject instead, which keeps them (an ApiObject not reproduced is a bug of the converter).
  while (patched.unreproduced.length > 0) {
    for (const { item, reason } of patched.unreproduced) {
      if (item.level >= MAX_LEVEL) throw new Error(`converter bug: ${file} ${item.kind}/${item.name} is not reproduced by its patches`);
      item.level = MAX_LEVEL;
      item.reason = reason;
    }
    patched = patchedProgram(items, namespace, file, options);
  }
  const { groups, patchesByItem } = patched;
  const credentials: Record<string, string> = {};
  for (const item of items) {
    const patches = patchesByItem.get(item)!;
    outcomes.push({
      object: `${item.kind}/${item.name}`,
      kind: item.kind,
      apiVersion: String(item.raw.apiVersion),
      documentIndex: item.documentIndex,
      status: item.construct === 'ApiObject' ? 'api-object' : patches.length ? 'patched' : 'converted',
      construct: item.construct,
      patchedFields: [...new Set(patches.map(p => p.field))],
      droppedFields: item.construct === 'ApiObject' ? undefined : droppedFields(item.raw),
      unknownFields: nonEmpty(unknownFields(item.raw)),
      serverSetFields: serverSet.get(item.documentIndex),
      message: item.construct === 'ApiObject' ? item.reason ?? passthroughReason(item.raw.apiVersion, item.kind) : typedLess(item),
    });
  }
  for (const stmt of groups.flat()) collectEnv(stmt.value, credentials);
  outcomes.sort((a, b) => a.documentIndex - b.documentIndex);
  const id = options.chartId ?? chartId(file);
  const code = items.length === 0 ? undefined : printProgram({
    header: [
      `Converted by cdk8s-seldon convert from ${file}.`,
      ...(Object.keys(credentials).length ? [`Credentials are read from the environment: ${Object.keys(credentials).join(', ')}.`] : []),
      ...notObjects.map(p => `Skipped: ${p}`),
    ],
    chartId: id,
    namespace,
    groups,
  });
  return { file, code, objects: outcomes.map(maskedOutcome), errors: [], credentials, millis: performance.now() - start, chartId: id };
}

/** The program with the patches that make each construct render its input, and the objects it still does not reproduce. */
function patchedProgram(items: Item[], namespace: string | undefined, file: string, options: ConvertOptions) {
  let program: { groups: Stmt[][]; scope: Map<string, unknown>; constructs: Map<Item, unknown> } | undefined;
  for (let attempt = 0; attempt <= items.length * MAX_LEVEL + 1 && !program; attempt++) {
    const built = build(items, namespace, options);
    try {
      program = { ...built, ...run(built.groups, file, namespace, items) };
    } catch (e) {
      const culprit = blame(e, items, file);
      if (!culprit) {
        items.forEach(i => { i.level = MAX_LEVEL; i.reason = `the library rejected the file: ${(e as Error).message}`; });
      } else {
        culprit.level += culprit.level === 0 && culprit.kind !== 'SeldonDeployment' ? 2 : 1;
        culprit.reason = (e as Error).message;
      }
    }
  }
  if (!program) throw new Error(`converter bug: ${file} did not evaluate even as ApiObjects`);
  const rendered = (constructs: Map<Item, unknown>, item: Item) => normalise(ApiObject.of(constructs.get(item) as any).toJson(), namespace);
  const patchGroups: Stmt[] = [];
  const patchesByItem = new Map<Item, FieldPatch[]>();
  for (const item of items) {
    const patches = patchesBetween(rendered(program.constructs, item), item.wanted, item.raw);
    patchesByItem.set(item, patches);
    if (patches.length === 0) continue;
    const secret = item.kind === 'Secret' && item.raw.apiVersion === 'v1';
    patchGroups.push({
      comments: [...patchIntro(item), ...[...new Set(patches.map(p => p.field))].map(f => `  ${f}`)],
      value: call(get(staticCall('ApiObject', 'of', ref(item.variable)), 'addJsonPatch'), ...patches.map(p => patchExpr(p, secret, item.name, options))),
    });
  }
  const groups = [...program.groups, patchGroups];
  let verified: Map<Item, unknown>;
  try {
    verified = run(groups, file, namespace, items).constructs;
  } catch (e) {
    // A patch the typed rendering cannot take (a Secret's `data: null`): that object, or every typed one, is written as an ApiObject.
    const culprit = blame(e, items, file);
    const typed = culprit ? [culprit] : items.filter(i => i.level < MAX_LEVEL);
    if (typed.length === 0) throw e;
    return { groups, patchesByItem, unreproduced: typed.map(item => ({ item, reason: `${item.construct} cannot render the JSON patches that reproduce it` })) };
  }
  const unreproduced = items.flatMap(item => {
    const got = rendered(verified, item);
    if (deepEqual(got, item.wanted)) return [];
    const paths = patchesBetween(got, item.wanted, item.raw).map(p => p.path).join(', ') || 'fields';
    return [{ item, reason: `${item.construct} drops ${paths} (its rendering keeps only the top-level fields its type declares, even after JSON patches)` }];
  });
  return { groups, patchesByItem, unreproduced };
}

function explainsAnother(item: Item): number {
  const spec = item.wanted.spec, refers = (field: unknown) => isObject(field) && field.modelRef !== undefined;
  return item.kind === 'Model' && isObject(spec) && (refers(spec.explainer) || refers(spec.llm)) ? 1 : 0;
}

const nonEmpty = (list: string[]): string[] | undefined => (list.length ? list : undefined);

/** Why a construct was written with fewer typed props than it has: the library refused the fuller form (its message). */
const typedLess = (item: Item): string | undefined =>
  (item.level > 0 && item.reason !== undefined ? `the library refused the fully typed form, so some fields are patches: ${item.reason}` : undefined);

/** The comment before an object's patches: why they are patches. */
function patchIntro(item: Item): string[] {
  const refused = item.level > 0 && item.reason !== undefined;
  return refused
    ? [`The library refused ${item.construct} with these as props (${item.reason!.split('\n')[0]}), so they are applied after rendering:`]
    : [`Not expressible with ${item.construct}'s props, applied after rendering:`];
}

function build(items: Item[], namespace: string | undefined, options: ConvertOptions) {
  const scope = new Scope(GLOBALS.map(([n]) => n));
  const declarations: Stmt[] = [];
  for (const item of items) {
    item.variable = scope.variable(item.name, item.kind);
    item.id = scope.id(item.name, item.kind);
  }
  for (const item of items) {
    const typed = constructCode(item, scope, namespace, options);
    const source = item.kind === 'Secret' ? item.wanted : item.raw;
    const stmts = withFieldNotes(typed ? typed.stmts : passthrough(source, item.variable, item.id, namespace, options.inlineCredentials ?? false),
      item.raw, typed !== undefined);
    item.construct = typed?.construct ?? 'ApiObject';
    if (!typed && item.level < MAX_LEVEL) item.level = MAX_LEVEL;
    // Only a typed construct can be referenced as one (a Secret as credentials, a Server to pin to).
    if (typed) scope.register(item.kind, item.namespace ?? namespace, item.name, { variable: item.variable, construct: typed.construct });
    declarations.push(...stmts);
  }
  return { groups: [scope.references, declarations] };
}

/** Evaluates the statements in a fresh app; returns each item's construct. */
function run(groups: Stmt[][], file: string, namespace: string | undefined, items: Item[]) {
  const app = new App({ outdir: '/nonexistent-cdk8s-seldon-convert' });
  const chart = new Chart(app, chartId(file), { namespace });
  const scope = new Map<string, unknown>(GLOBALS);
  scope.set('chart', chart);
  for (const stmt of groups.flat()) {
    const value = evaluate(stmt.value, scope);
    if (stmt.name) scope.set(stmt.name, value);
  }
  // Synthesis runs the app-wide checks (credentials, scheduling, references).
  app.synthYaml();
  return { scope, constructs: new Map(items.map(i => [i, scope.get(i.variable)])) };
}

/** The object whose construct the error is about: the first construct path of the file's chart it names. */
function blame(error: unknown, items: Item[], file: string): Item | undefined {
  const message = (error as Error)?.message ?? String(error);
  const prefix = `${chartId(file)}/`;
  let best: { item: Item; at: number } | undefined;
  for (const item of items.filter(i => i.level < MAX_LEVEL)) {
    for (const form of [`'${prefix}${item.id}'`, `'${prefix}${item.id}/`, `[${prefix}${item.id}]`, `[${prefix}${item.id}/`]) {
      const at = message.indexOf(form);
      if (at >= 0 && (!best || at < best.at)) best = { item, at };
    }
  }
  return best?.item;
}
