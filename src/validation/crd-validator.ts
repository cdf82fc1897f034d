/**
 * Validates Kubernetes objects (Seldon custom resources in particular)
 * against the `openAPIV3Schema` of their CustomResourceDefinition, the way
 * the API server would before storing them, so that a manifest that
 * `kubectl apply` would reject fails in CI instead.
 *
 * What the API server does besides plain JSON Schema, and how it is mirrored:
 * - null values of non-nullable fields are pruned before validation;
 * - `default`s are applied before validation (so a required field with a
 *   default may be omitted);
 * - `x-kubernetes-int-or-string`, `x-kubernetes-embedded-resource` and
 *   `x-kubernetes-list-type` (`set`/`map` uniqueness) are enforced;
 * - unknown fields are pruned, not rejected; strict mode rejects them instead,
 *   because a misspelt field (`modelURI`) silently vanishing is the mistake
 *   users most want caught.
 * CEL rules (`x-kubernetes-validations`) are not evaluated; a warning says so.
 */
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import Ajv, { AnySchemaObject, ErrorObject, FuncKeywordDefinition, SchemaValidateFunction, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { CrdSchemaEntry, CrdSchemaRegistry, listManifestFiles, SELDON_GROUPS, splitApiVersion } from './crd-schemas';
import { kubectlTags } from './kubectl-yaml';

export interface CrdValidatorOptions {
  /**
   * Reject fields that the CRD schema does not list (where the schema does
   * not preserve unknown fields). The API server would drop them silently.
   * @default false
   */
  readonly strict?: boolean;
}

/**
 * - `schema`: the object does not match its CRD schema;
 * - `unknown-kind`: a Seldon (or loaded) API group, but no CRD for this version/kind;
 * - `compile`: the CRD schema itself could not be compiled;
 * - `yaml`: the document could not be parsed.
 */
export type IssueCategory = 'schema' | 'unknown-kind' | 'compile' | 'yaml';

export interface ValidationIssue {
  readonly file: string;
  /** 0-based index of the YAML document within the file (or of the object in a list). */
  readonly documentIndex: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** `kind/namespace/name`, or `kind/name` when the object has no namespace. */
  readonly object: string;
  /** JSON pointer into the object, e.g. `/spec/predictors/0/graph/name`; `''` is the object itself. */
  readonly path: string;
  readonly reason: string;
  readonly category: IssueCategory;
}

export interface CompileTiming {
  readonly apiVersion: string;
  readonly kind: string;
  readonly source: string;
  readonly ms: number;
}

export interface ValidationReport {
  /** No errors. Warnings do not make a report invalid. */
  readonly valid: boolean;
  readonly files: number;
  /** Non-empty YAML documents (or objects passed in). */
  readonly documents: number;
  /** Objects of a Seldon API group or of a group with a loaded CRD. */
  readonly validated: number;
  /** Every other object (Deployments, Secrets, ...), and non-objects. */
  readonly skipped: number;
  readonly errors: ValidationIssue[];
  readonly warnings: string[];
  readonly elapsedMs: number;
  /** Schemas compiled during this call (each schema is compiled once per validator). */
  readonly compiled: CompileTiming[];
}

/** Where an object came from, for issue reports. */
export interface ObjectLocation {
  readonly file: string;
  readonly documentIndex: number;
}

type Json = { [key: string]: unknown };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accumulates the counts of one validate* call. */
class Tally {
  public files = 0;
  public documents = 0;
  public validated = 0;
  public skipped = 0;
  public readonly errors: ValidationIssue[] = [];
  public readonly warnings: string[] = [];
  public readonly compiled: CompileTiming[] = [];
  private readonly started = performance.now();

  public report(): ValidationReport {
    return {
      valid: this.errors.length === 0,
      files: this.files,
      documents: this.documents,
      validated: this.validated,
      skipped: this.skipped,
      errors: this.errors,
      warnings: this.warnings,
      elapsedMs: performance.now() - this.started,
      compiled: this.compiled,
    };
  }
}

interface Compiled {
  readonly validate?: ValidateFunction;
  readonly failure?: string;
}

/**
 * Validates objects, YAML text and files against the CRDs of a
 * {@link CrdSchemaRegistry}. Each schema is compiled on first use and reused
 * for the lifetime of the validator.
 */
export class CrdValidator {
  private readonly strict: boolean;
  private readonly ajv: Ajv;
  private readonly cache = new Map<CrdSchemaEntry, Compiled>();

  public constructor(private readonly registry: CrdSchemaRegistry, options: CrdValidatorOptions = {}) {
    this.strict = options.strict ?? false;
    this.ajv = new Ajv({
      // CRD schemas carry x-kubernetes-* keywords and `nullable`, which strict
      // Ajv refuses; they are handled below instead.
      strict: false,
      allErrors: true,
      useDefaults: true,
      // Unoptimised code compiles in about half the time and validates
      // nearly as fast; a CLI run compiles far more than it validates.
      code: { optimize: false },
    });
    addFormats(this.ajv);
    // Formats Kubernetes knows that ajv-formats does not. `quantity` values
    // are also constrained by a `pattern` in generated CRDs.
    this.ajv.addFormat('quantity', /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/);
    this.ajv.addKeyword(listTypeKeyword());
  }

  /** Validates one object; `location` only labels the issues. */
  public validateObject(value: unknown, location: ObjectLocation = { file: '<object>', documentIndex: 0 }): ValidationReport {
    const tally = new Tally();
    this.checkDocument(value, location, '', tally);
    return tally.report();
  }

  /** Validates objects such as cdk8s `Testing.synth(chart)` returns; the index is the document index. */
  public validateObjects(values: readonly unknown[], file = '<objects>'): ValidationReport {
    const tally = new Tally();
    values.forEach((value, documentIndex) => this.checkDocument(value, { file, documentIndex }, '', tally));
    return tally.report();
  }

  /** Validates every document of a (multi-document) YAML text. */
  public validateYaml(text: string, file = '<yaml>'): ValidationReport {
    const tally = new Tally();
    this.checkYaml(text, file, tally);
    return tally.report();
  }

  /**
   * Validates files, and every .yaml/.yml/.json file under directories
   * (recursively). Throws if a path does not exist or cannot be read.
   */
  public validateFiles(paths: readonly string[]): ValidationReport {
    const tally = new Tally();
    for (const target of paths) {
      for (const file of listManifestFiles(target)) {
        tally.files++;
        this.checkYaml(fs.readFileSync(file, 'utf8'), file, tally);
      }
    }
    return tally.report();
  }

  private checkYaml(text: string, file: string, tally: Tally): void {
    parseAllDocuments(text, { version: '1.1', customTags: kubectlTags }).forEach((doc, documentIndex) => {
      if (doc.errors.length > 0) {
        tally.documents++;
        tally.errors.push({
          file,
          documentIndex,
          object: '(unparsed)',
          path: '',
          // yaml's messages end with a code excerpt after a colon; the first line says it all.
          reason: `YAML error: ${doc.errors.map(e => e.message.split('\n')[0].replace(/:\s*$/, '')).join('; ')}`,
          category: 'yaml',
        });
        return;
      }
      this.checkDocument(doc.toJS(), { file, documentIndex }, '', tally);
    });
  }

  private checkDocument(value: unknown, location: ObjectLocation, prefix: string, tally: Tally): void {
    if (value === null || value === undefined) return; // an empty document, e.g. after a trailing `---`
    tally.documents++;
    const where = `${location.file}#${location.documentIndex}${prefix}`;
    if (!isObject(value)) {
      tally.skipped++;
      tally.warnings.push(`${where}: not a Kubernetes object (${Array.isArray(value) ? 'a list' : typeof value}), skipped`);
      return;
    }
    const { apiVersion, kind } = value;
    // `kubectl get -o yaml` writes several objects as one v1 List.
    if (apiVersion === 'v1' && kind === 'List' && Array.isArray(value.items)) {
      tally.documents--;
      value.items.forEach((item, i) => this.checkDocument(item, location, `${prefix}/items/${i}`, tally));
      return;
    }
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      tally.skipped++;
      tally.warnings.push(`${where}: no apiVersion or kind, skipped`);
      return;
    }
    const { group } = splitApiVersion(apiVersion);
    if (!SELDON_GROUPS.includes(group) && !this.registry.hasGroup(group)) {
      tally.skipped++;
      return;
    }

    tally.validated++;
    const metadata = isObject(value.metadata) ? value.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : undefined;
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    const object = [kind, namespace, name ?? '(unnamed)'].filter(p => p !== undefined).join('/');
    const { file, documentIndex } = location;
    const issue = (path: string, reason: string, category: IssueCategory): ValidationIssue =>
      ({ file, documentIndex, apiVersion, kind, namespace, name, object, path: prefix + path, reason, category });

    const entry = this.registry.lookup(apiVersion, kind);
    if (!entry) {
      const known = this.registry.entries.filter(e => e.group === group).map(e => `${e.kind} ${e.version}`).sort();
      const hint = known.length > 0 ? `loaded for ${group}: ${known.join(', ')}` : `no CRD of group ${group} loaded`;
      tally.errors.push(issue('', `unknown kind/version: no CRD loaded for ${apiVersion} ${kind} (${hint})`, 'unknown-kind'));
      return;
    }

    const compiled = this.compile(entry, tally);
    if (!compiled.validate) {
      tally.errors.push(issue('', `the CRD schema for ${apiVersion} ${kind} from ${entry.source} could not be compiled: ${compiled.failure}`, 'compile'));
      return;
    }
    const data = pruneNulls(value, entry.schema);
    if (compiled.validate(data)) return;
    for (const problem of describeErrors(compiled.validate.errors ?? [], data)) {
      tally.errors.push(issue(problem.path, problem.reason, 'schema'));
    }
  }

  private compile(entry: CrdSchemaEntry, tally: Tally): Compiled {
    const cached = this.cache.get(entry);
    if (cached) return cached;
    const started = performance.now();
    const notes = { cel: false };
    let compiled: Compiled;
    try {
      const schema = prepareSchema(entry.schema, this.strict && !entry.preserveUnknownFields, false, notes) as AnySchemaObject;
      compiled = { validate: this.ajv.compile(schema) };
    } catch (e) {
      compiled = { failure: e instanceof Error ? e.message : String(e) };
    }
    this.cache.set(entry, compiled);
    tally.compiled.push({ apiVersion: entry.apiVersion, kind: entry.kind, source: entry.source, ms: performance.now() - started });
    if (notes.cel) {
      // Once per validator, like the compilation.
      tally.warnings.push(`${entry.source}: ${entry.apiVersion} ${entry.kind} has CEL rules (x-kubernetes-validations); they are not checked`);
    }
    return compiled;
  }
}

/**
 * Copies a CRD schema into one Ajv validates the way the API server does.
 * `junctor` is true below allOf/anyOf/oneOf/not: a structural schema may not
 * declare fields there, so strict mode must not close objects there either.
 */
function prepareSchema(node: unknown, strict: boolean, junctor: boolean, notes: { cel: boolean }): unknown {
  if (!isObject(node)) return node;
  const child = (value: unknown, inJunctor: boolean): unknown => prepareSchema(value, strict, inJunctor, notes);
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    switch (key) {
      case 'description':
        break; // large and unused; dropping it keeps compiled schemas smaller
      case 'properties':
        out[key] = isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, child(sub, junctor)]))
          : value;
        break;
      case 'additionalProperties':
        out[key] = child(value, junctor);
        break;
      case 'items':
        out[key] = Array.isArray(value) ? value.map(v => child(v, junctor)) : child(value, junctor);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = Array.isArray(value) ? value.map(v => child(v, true)) : value;
        break;
      case 'not':
        out[key] = child(value, true);
        break;
      case 'x-kubernetes-validations':
        notes.cel = true;
        break;
      default:
        out[key] = value;
    }
  }

  if (out['x-kubernetes-int-or-string'] === true) {
    // controller-gen writes `anyOf: [{type: integer}, {type: string}]`; a union
    // type says the same and yields one error ("must be an integer or a
    // string") instead of three.
    if (Array.isArray(out.anyOf) && out.anyOf.every(isIntOrStringBranch)) delete out.anyOf;
    if (out.type === undefined) out.type = ['integer', 'string'];
  }

  // Decided before embedded-resource fields are added below: only properties
  // the CRD lists turn an object into a closed one.
  const close = strict && !junctor && isObject(node.properties)
    && node['x-kubernetes-preserve-unknown-fields'] !== true && out.additionalProperties === undefined;

  if (out['x-kubernetes-embedded-resource'] === true) {
    // The API server requires apiVersion and kind (not metadata) of an embedded object.
    const props: Json = isObject(out.properties) ? { ...out.properties } : {};
    props.apiVersion = props.apiVersion ?? { type: 'string', minLength: 1 };
    props.kind = props.kind ?? { type: 'string', minLength: 1 };
    props.metadata = props.metadata ?? { type: 'object' };
    out.properties = props;
    const required = Array.isArray(out.required) ? out.required : [];
    out.required = [...new Set([...required, 'apiVersion', 'kind'])];
    if (out.type === undefined) out.type = 'object';
  }

  // Ajv rejects `nullable` without `type`; without `type` null is allowed anyway.
  if (out.nullable !== undefined && out.type === undefined) delete out.nullable;

  if (close) out.additionalProperties = false;
  return out;
}

function isIntOrStringBranch(branch: unknown): boolean {
  return isObject(branch) && Object.keys(branch).length === 1 && (branch.type === 'integer' || branch.type === 'string');
}

/**
 * Copies an object without the null-valued fields the API server prunes
 * (fields whose schema is not `nullable`). YAML such as `env:` with every
 * entry commented out is null, and the server accepts it as "unset".
 */
function pruneNulls(value: unknown, schema: unknown): unknown {
  const s = isObject(schema) ? schema : undefined;
  if (Array.isArray(value)) {
    const items = s && isObject(s.items) ? s.items : undefined;
    return value.map(v => pruneNulls(v, items));
  }
  if (!isObject(value)) return value;
  const props = s && isObject(s.properties) ? s.properties : {};
  const additional = s && isObject(s.additionalProperties) ? s.additionalProperties : undefined;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const sub = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : additional;
    // Without a schema the field is unknown: pruned by the server anyway, and
    // reported as unknown in strict mode, so keep it as written.
    if (v === null && isObject(sub) && sub.nullable !== true) continue;
    out[key] = pruneNulls(v, sub);
  }
  return out;
}

/**
 * Enforces `x-kubernetes-list-type: set | map`: the API server rejects
 * duplicate set items and duplicate map keys (e.g. two env vars of one name).
 */
function listTypeKeyword(): FuncKeywordDefinition {
  const validate: SchemaValidateFunction = (listType: unknown, data: unknown, parentSchema?: AnySchemaObject, cxt?: { instancePath: string }) => {
    if (!Array.isArray(data) || (listType !== 'set' && listType !== 'map')) return true;
    const base = cxt?.instancePath ?? '';
    const errors: Partial<ErrorObject>[] = [];
    const seen = new Map<string, number>();
    const keys: string[] = listType === 'map' && Array.isArray(parentSchema?.['x-kubernetes-list-map-keys'])
      ? parentSchema['x-kubernetes-list-map-keys'].filter((k: unknown): k is string => typeof k === 'string')
      : [];
    const itemProps: Json = isObject(parentSchema?.items) && isObject(parentSchema.items.properties) ? parentSchema.items.properties : {};
    data.forEach((item, index) => {
      let identity: unknown = item;
      if (listType === 'map') {
        if (!isObject(item) || keys.length === 0) return;
        // A missing key field takes its schema default, as the server defaults before validating.
        identity = keys.map(k => item[k] ?? (isObject(itemProps[k]) ? itemProps[k].default : undefined));
      }
      const id = stableJson(identity);
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, index);
        return;
      }
      const what = listType === 'map'
        ? `duplicate entry: ${keys.map((k, i) => `${k}=${describeValue((identity as unknown[])[i])}`).join(', ')} is also at index ${first}`
        : `duplicate value ${describeValue(item)}, also at index ${first}`;
      errors.push({
        keyword: 'x-kubernetes-list-type',
        instancePath: `${base}/${index}`,
        message: `${what} (x-kubernetes-list-type: ${listType})`,
        params: { listType },
      });
    });
    validate.errors = errors;
    return errors.length === 0;
  };
  return { keyword: 'x-kubernetes-list-type', type: 'array', schemaType: 'string', errors: true, validate };
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v) ?? 'undefined';
}

/** Renders a value for a reason: scalars as written, containers by type. */
function describeValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const TYPE_NAMES: { [type: string]: string } = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = current[token];
    else return undefined;
  }
  return current;
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Turns Ajv errors into `{ path, reason }` pairs a user can act on. */
function describeErrors(errors: readonly ErrorObject[], data: unknown): { path: string; reason: string }[] {
  // Errors inside anyOf/oneOf branches only explain why the junctor failed;
  // fold them into its reason rather than listing each branch's failure.
  const junctors = errors.filter(e => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const branchOf = (e: ErrorObject): ErrorObject | undefined =>
    junctors.find(j => j !== e && e.schemaPath.startsWith(`${j.schemaPath}/`));

  const result: { path: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (branchOf(error)) continue;
    let path = error.instancePath;
    let reason: string;
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const branches = errors.filter(e => branchOf(e) === error)
        .map(e => `${e.instancePath === path ? '' : `${e.instancePath.slice(path.length)} `}${reasonFor(e, data)}`);
      reason = `${error.message ?? `must match the ${error.keyword} schemas`}${branches.length > 0 ? ` (${[...new Set(branches)].join('; ')})` : ''}`;
    } else if (error.keyword === 'additionalProperties') {
      path = `${path}/${escapePointer(String(error.params.additionalProperty))}`;
      reason = reasonFor(error, data);
    } else {
      reason = reasonFor(error, data);
    }
    const key = `${path}\u0000${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ path, reason });
  }
  return result;
}

function reasonFor(error: ErrorObject, data: unknown): string {
  const value = valueAt(data, error.instancePath);
  const got = `, got ${describeValue(value)}`;
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return `missing required field "${p.missingProperty}"`;
    case 'additionalProperties':
      return `unknown field "${p.additionalProperty}" (not in the CRD schema; strict mode)`;
    case 'type': {
      const types = String(p.type).split(',').map(t => TYPE_NAMES[t] ?? t);
      return `must be ${types.join(' or ')}${got}`;
    }
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).map(describeValue).join(', ')}${got}`;
    case 'format':
      return `must be a valid ${p.format}${got}`;
    case 'pattern':
      return `must match ${p.pattern}${got}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${p.comparison} ${p.limit}${got}`;
    case 'x-kubernetes-list-type':
      return error.message ?? 'duplicate list entry';
    default:
      return `${error.message ?? error.keyword}${isObject(value) || Array.isArray(value) ? '' : got}`;
  }
}
