/**
 * Loads CustomResourceDefinitions and indexes the `openAPIV3Schema` of every
 * served version by `apiVersion` + `kind`, which is how the API server picks
 * the schema an object is checked against.
 *
 * Only YAML/JSON parsing happens here; schemas are compiled lazily by the
 * validator, because a CRD of Seldon's size takes a few hundred milliseconds to
 * compile and most runs touch only one or two of them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { isObject } from './json';

/** The API groups of Seldon Core v1 and v2. */
export const SELDON_GROUPS: readonly string[] = ['machinelearning.seldon.io', 'mlops.seldon.io'];

/** An OpenAPI v3 schema as it appears in a CRD (a plain JSON object). */
export type JsonSchema = { [key: string]: unknown };

/** One served version of one CRD. */
export interface CrdSchemaEntry {
  /** `<group>/<version>`, as written in an object's `apiVersion`. */
  readonly apiVersion: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The CRD's `metadata.name`, e.g. `servers.mlops.seldon.io`. */
  readonly crdName: string;
  /** The file the CRD was read from, or a caller-chosen label. */
  readonly source: string;
  readonly schema: JsonSchema;
  /**
   * The CRD sets `spec.preserveUnknownFields: true` (legacy CRDs): the API
   * server keeps unknown fields everywhere, so strict mode must not flag them.
   */
  readonly preserveUnknownFields: boolean;
}

/** Splits `group/version`; the core group (`v1`) has an empty group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function keyOf(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
/** What cdk8s writes beside the manifests when it records construct metadata (validation plugins turn it on): no manifest. */
const CDK8S_METADATA_FILE = 'construct-metadata.json';

/** A symbolic link to a directory, which the walk does not follow (nor does kubectl's `-R`). */
function linksToDirectory(entry: fs.Dirent, full: string): boolean {
  if (!entry.isSymbolicLink()) return false;
  try {
    return fs.statSync(full).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Lists the YAML/JSON files under `target` (a file or a directory, searched
 * recursively), sorted so that runs are reproducible. Hidden directories and
 * node_modules are not entered: they never hold manifests a user meant; nor is
 * cdk8s's construct-metadata.json read from a directory (a file named on its own is).
 * Throws if `target` does not exist.
 */
export function listManifestFiles(target: string): string[] {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return [target];
  const found: string[] = [];
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') walk(full);
      } else if (MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && entry.name !== CDK8S_METADATA_FILE
        && !linksToDirectory(entry, full)) {
        // A broken link is listed: reading it reports it, and the other files are read.
        found.push(full);
      }
    }
  };
  walk(target);
  return found;
}

/**
 * Schemas of loaded CRDs, keyed by `apiVersion` + `kind`.
 *
 * When two CRDs define the same group/version/kind, the first one loaded is
 * kept and a warning is recorded: the API server holds one CRD per name, and
 * "first" is well defined (paths in the order given, directories in file-name
 * order), whereas silently mixing definitions would make results depend on
 * which duplicate happened to be compiled.
 */
export class CrdSchemaRegistry {
  /** Loads every CRD found in the given files and directories. */
  public static fromPaths(paths: readonly string[]): CrdSchemaRegistry {
    const registry = new CrdSchemaRegistry();
    for (const p of paths) registry.addPath(p);
    return registry;
  }

  /** Problems that did not stop loading: unparsable files, duplicates, CRDs without schemas. */
  public readonly warnings: string[] = [];
  /** Files read by {@link addPath}, in order. */
  public readonly files: string[] = [];

  private readonly byKey = new Map<string, CrdSchemaEntry>();
  private readonly groups = new Set<string>();

  /**
   * Loads a CRD file or every YAML/JSON file under a directory. Documents
   * that are not CustomResourceDefinitions are ignored, so a directory such
   * as seldon-core's `operator/config/crd` (with kustomize patches next to
   * the bases) can be given as is. Returns the number of versions added.
   */
  public addPath(target: string): number {
    let added = 0;
    for (const file of listManifestFiles(target)) {
      this.files.push(file);
      added += this.addYaml(fs.readFileSync(file, 'utf8'), file);
    }
    return added;
  }

  /** Loads the CRDs in a (multi-document) YAML or JSON text. Returns the number of versions added. */
  public addYaml(text: string, source: string): number {
    let added = 0;
    parseAllDocuments(text).forEach((doc, index) => {
      if (doc.errors.length > 0) {
        this.warnings.push(`${source}#${index}: not loaded, YAML error: ${doc.errors[0].message.split('\n')[0]}`);
        return;
      }
      const value: unknown = doc.toJS({ maxAliasCount: -1 });
      // `kubectl get crd -o yaml a b` writes a v1 List.
      const list = isObject(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : undefined;
      (list ?? [value]).forEach((item, i) => {
        if (isObject(item) && item.kind === 'CustomResourceDefinition') {
          added += this.addCrd(item, list ? `${source}#${index}/items/${i}` : `${source}#${index}`);
        }
      });
    });
    return added;
  }

  /**
   * Registers every served version of one CRD object (apiextensions.k8s.io
   * v1, or v1beta1 with a CRD-wide `spec.validation`). Returns the number of
   * versions added.
   */
  public addCrd(crd: unknown, source: string): number {
    if (!isObject(crd) || !isObject(crd.spec)) {
      this.warnings.push(`${source}: CustomResourceDefinition without a spec, ignored`);
      return 0;
    }
    const spec = crd.spec;
    const metadata = isObject(crd.metadata) ? crd.metadata : {};
    const crdName = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
    const group = spec.group;
    const names = isObject(spec.names) ? spec.names : {};
    const kind = names.kind;
    if (typeof group !== 'string' || typeof kind !== 'string') {
      // kustomize patches are partial CRDs (metadata.name plus a conversion
      // webhook, say): harmless, and common in the directories users point at.
      this.warnings.push(`${source}: CRD ${crdName} has no spec.group or spec.names.kind, ignored`);
      return 0;
    }

    const sharedSchema = isObject(spec.validation) && isObject(spec.validation.openAPIV3Schema)
      ? spec.validation.openAPIV3Schema : undefined;
    const versions: { name: string; schema?: JsonSchema }[] = [];
    if (Array.isArray(spec.versions)) {
      for (const v of spec.versions) {
        if (!isObject(v) || typeof v.name !== 'string' || v.served === false) continue;
        const own = isObject(v.schema) && isObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : undefined;
        versions.push({ name: v.name, schema: own ?? sharedSchema });
      }
    } else if (typeof spec.version === 'string') {
      versions.push({ name: spec.version, schema: sharedSchema });
    }

    let added = 0;
    for (const v of versions) {
      const apiVersion = `${group}/${v.name}`;
      if (!v.schema) {
        this.warnings.push(`${source}: ${apiVersion} ${kind} has no openAPIV3Schema, objects of it are not validated`);
        continue;
      }
      const key = keyOf(apiVersion, kind);
      const existing = this.byKey.get(key);
      if (existing) {
        this.warnings.push(`${source}: ${apiVersion} ${kind} is already defined by ${existing.source}; keeping that one`);
        continue;
      }
      this.byKey.set(key, {
        apiVersion,
        group,
        version: v.name,
        kind,
        crdName,
        source,
        schema: v.schema,
        preserveUnknownFields: spec.preserveUnknownFields === true,
      });
      this.groups.add(group);
      added++;
    }
    return added;
  }

  /** The schema for `apiVersion` + `kind`, if a CRD for it was loaded. */
  public lookup(apiVersion: string, kind: string): CrdSchemaEntry | undefined {
    return this.byKey.get(keyOf(apiVersion, kind));
  }

  /** Whether any loaded CRD belongs to `group`. */
  public hasGroup(group: string): boolean {
    return this.groups.has(group);
  }

  public get entries(): CrdSchemaEntry[] {
    return [...this.byKey.values()];
  }

  public get size(): number {
    return this.byKey.size;
  }
}
