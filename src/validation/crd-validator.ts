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
import { performance } from 'perf_hooks';
import Ajv, { AnySchemaObject } from 'ajv';
import addFormats from 'ajv-formats';
import { prepareSchema, pruneNulls } from './api-server-schema';
import { CompiledSchema, compiledSchema } from './compiled-schemas';
import { CrdSchemaEntry, CrdSchemaRegistry, listManifestFiles, SELDON_GROUPS, splitApiVersion } from './crd-schemas';
import { describeErrors } from './error-reasons';
import { isObject } from './json';
import { listTypeKeyword } from './list-type';
import { listItems, manifestDocuments, readManifestFile } from './manifest-documents';
import { objectMetaProblems } from './object-meta';
import { re2RegExp } from './re2-pattern';
import { hoistSharedSubschemas, shareEqualSubtrees } from './shared-subschemas';
import { IssueCategory, ObjectLocation, Tally, ValidationIssue, ValidationReport } from './validation-report';

export interface CrdValidatorOptions {
  /**
   * Reject fields that the CRD schema does not list (where the schema does
   * not preserve unknown fields). The API server would drop them silently.
   * @default false
   */
  readonly strict?: boolean;
}

/**
 * Validates objects, YAML text and files against the CRDs of a
 * {@link CrdSchemaRegistry}. Each schema is compiled on first use, and
 * reused by every validator of the process (compiled-schemas.ts).
 */
export class CrdValidator {
  private readonly strict: boolean;
  /** Made on the first compile: a validator whose schemas the process has compiled needs none. */
  private ajv?: Ajv;
  private readonly cache = new Map<CrdSchemaEntry, CompiledSchema>();

  public constructor(private readonly registry: CrdSchemaRegistry, options: CrdValidatorOptions = {}) {
    this.strict = options.strict ?? false;
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
        let text: string;
        try {
          text = readManifestFile(file);
        } catch (e) {
          tally.errors.push({ file, documentIndex: 0, object: '(unread)', path: '', reason: `cannot be read: ${(e as Error).message}`, category: 'yaml' });
          continue;
        }
        this.checkYaml(text, file, tally);
      }
    }
    return tally.report();
  }

  private checkYaml(text: string, file: string, tally: Tally): void {
    for (const { documentIndex, value, error } of manifestDocuments(text)) {
      if (error !== undefined) {
        tally.documents++;
        tally.errors.push({ file, documentIndex, object: '(unparsed)', path: '', reason: error, category: 'yaml' });
      } else {
        this.checkDocument(value, { file, documentIndex }, '', tally);
      }
    }
  }

  private checkDocument(value: unknown, location: ObjectLocation, prefix: string, tally: Tally): void {
    if (value === null || value === undefined) return; // an empty document, e.g. after a trailing `---`
    tally.documents++;
    // kubectl refuses a document that is no object, or one without apiVersion and kind: so does the check.
    const refuse = (reason: string) => tally.errors.push({ file: location.file, documentIndex: location.documentIndex, object: '(not an object)', path: prefix, reason, category: 'yaml' });
    if (!isObject(value)) {
      refuse(`not a Kubernetes object (${Array.isArray(value) ? 'a list' : typeof value})`);
      return;
    }
    const { apiVersion, kind } = value;
    // `kubectl get -o yaml` writes several objects as one v1 List, a list endpoint as a <Kind>List.
    const items = listItems(value);
    if (items !== undefined) {
      tally.documents--;
      items.forEach((item, i) => this.checkDocument(item, location, `${prefix}/items/${i}`, tally));
      return;
    }
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      refuse('no apiVersion or kind: not a Kubernetes object');
      return;
    }
    const metadata = isObject(value.metadata) ? value.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : undefined;
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    const object = [kind, namespace, name ?? '(unnamed)'].filter(p => p !== undefined).join('/');
    const { file, documentIndex } = location;
    const issue = (path: string, reason: string, category: IssueCategory): ValidationIssue =>
      ({ file, documentIndex, apiVersion, kind, namespace, name, object, path: prefix + path, reason, category });
    const { group } = splitApiVersion(apiVersion);
    if (!SELDON_GROUPS.includes(group) && !this.registry.hasGroup(group)) {
      // A Seldon kind under the core group (`v1`), a group with no version, or a Seldon group spelt otherwise: the API
      // server has no such resource. A kind of the same name in another group (Tekton's Pipeline) is another resource.
      const mistaken = group === '' || !apiVersion.includes('/') || /seldon\.io$/i.test(group);
      const served = !mistaken ? [] : this.registry.entries
        .filter(e => e.kind === kind && SELDON_GROUPS.includes(splitApiVersion(e.apiVersion).group)).map(e => e.apiVersion);
      if (served.length > 0) {
        tally.validated++;
        tally.errors.push(issue('', `unknown kind/version: ${kind} is served as ${served.join(', ')}; got apiVersion ${JSON.stringify(apiVersion)}`, 'unknown-kind'));
        return;
      }
      tally.skipped++;
      return;
    }

    tally.validated++;

    const entry = this.registry.lookup(apiVersion, kind);
    if (!entry) {
      const known = this.registry.entries.filter(e => e.group === group).map(e => `${e.kind} ${e.version}`).sort();
      const hint = known.length > 0 ? `loaded for ${group}: ${known.join(', ')}` : `no CRD of group ${group} loaded`;
      tally.errors.push(issue('', `unknown kind/version: no CRD loaded for ${apiVersion} ${kind} (${hint})`, 'unknown-kind'));
      return;
    }

    // The API server checks metadata before the CRD's schema, which leaves it to the server.
    for (const meta of objectMetaProblems(value)) tally.errors.push(issue(meta.path, meta.reason, 'schema'));
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

  private compile(entry: CrdSchemaEntry, tally: Tally): CompiledSchema {
    const cached = this.cache.get(entry);
    if (cached) return cached;
    const started = performance.now();
    const strict = this.strict && !entry.preserveUnknownFields;
    const compiled = compiledSchema(entry.schema, strict, () => {
      const notes = { cel: false };
      try {
        const prepared = prepareSchema(shareEqualSubtrees(entry.schema), strict, false, notes);
        const schema = hoistSharedSubschemas(prepared) as AnySchemaObject;
        return { validate: (this.ajv ??= newAjv()).compile(schema), cel: notes.cel };
      } catch (e) {
        return { failure: e instanceof Error ? e.message : String(e), cel: notes.cel };
      }
    });
    this.cache.set(entry, compiled);
    tally.compiled.push({ apiVersion: entry.apiVersion, kind: entry.kind, source: entry.source, ms: performance.now() - started });
    if (compiled.cel) {
      // Once per validator, like the compilation.
      tally.warnings.push(`${entry.source}: ${entry.apiVersion} ${entry.kind} has CEL rules (x-kubernetes-validations); they are not checked`);
    }
    return compiled;
  }
}

/** The Ajv instance schemas are compiled with: the options and keywords every compiled schema assumes. */
function newAjv(): Ajv {
  const ajv = new Ajv({
    // CRD schemas carry x-kubernetes-* keywords and `nullable`, which strict
    // Ajv refuses; they are handled below instead.
    strict: false,
    allErrors: true,
    useDefaults: true,
    // Unoptimised code compiles in about half the time and validates
    // nearly as fast; a CLI run compiles far more than it validates.
    // Patterns are RE2, as the API server reads them (re2-pattern.ts).
    code: { optimize: false, regExp: Object.assign((pattern: string, u: string) => re2RegExp(pattern, u), { code: 're2RegExp' }) },
    // Shared subschemas are compiled once and called (shared-subschemas.ts);
    // inlining them would compile each again at every use.
    inlineRefs: false,
  });
  addFormats(ajv);
  // Formats Kubernetes knows that ajv-formats does not. `quantity` values
  // are also constrained by a `pattern` in generated CRDs.
  ajv.addFormat('quantity', /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/);
  ajv.addKeyword(listTypeKeyword());
  return ajv;
}
