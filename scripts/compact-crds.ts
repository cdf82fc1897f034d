/**
 * Generates schemas/seldon-crds.json, the CRD schemas the package ships so that
 * `cdk8s-seldon validate` and the SeldonCrdValidation plugin work offline:
 *
 *   npx projen schemas [<dir with Seldon's CRD files>]
 *
 * The directory defaults to $SELDON_CRDS_DIR, else ../shared/seldon/crds (ESO's
 * ExternalSecret CRD: $ESO_CRDS_DIR, else ../shared/external-secrets/crds). The
 * CRD files themselves are Seldon's and are never committed; what is committed
 * is this script's output: per kind, the served versions' `openAPIV3Schema`,
 * without descriptions, with every subtree that occurs more than once (the
 * PodSpec of v2 Servers, ServerConfigs, SeldonRuntimes and SeldonConfigs, the
 * three v1 versions, the ten levels of v1 graph children) stored once in a
 * shared `nodes` table and referenced as `{"$node": <index>}`. Loading it back
 * (src/validation/bundled-schemas.ts) gives the same schemas as the files.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { BUNDLED_SCHEMAS_FILE, BUNDLED_SCHEMAS_FORMAT, BundledCrd, BundledSchemas, NODE_KEY } from '../src/validation/bundled-schemas';

/**
 * Seldon's CRDs as a cluster gets them: v1 from the Helm chart (graph children ten levels deep), every v2 kind;
 * and External Secrets Operator's ExternalSecret, which `RcloneExternalSecret` writes (read from `esoDir`).
 */
const SOURCES: ReadonlyArray<{ readonly file: string; readonly seldon?: string; readonly externalSecrets?: string; readonly origin: string }> = [
  {
    file: 'v1-helm-stripped-machinelearning.seldon.io_seldondeployments.yaml',
    seldon: '1.18.2',
    origin: 'helm-charts/seldon-core-operator/templates/customresourcedefinition_v1_seldondeployments.machinelearning.seldon.io.yaml',
  },
  ...['models', 'servers', 'serverconfigs', 'pipelines', 'experiments', 'seldonruntimes', 'seldonconfigs'].map(k => ({
    file: `v2-mlops.seldon.io_${k}.yaml`,
    seldon: '2.10.2',
    origin: `operator/config/crd/bases/mlops.seldon.io_${k}.yaml`,
  })),
  {
    file: 'external-secrets.io_externalsecrets.yaml',
    externalSecrets: 'v1',
    origin: 'config/crds/bases/external-secrets.io_externalsecrets.yaml',
  },
];

/** Subtrees shorter than this (as JSON) are cheaper inline than as a reference. */
const MIN_SHARED_LENGTH = 40;

type Json = { [key: string]: unknown };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops `description`s (not used for validation) everywhere except as a property name. */
function stripDescriptions(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map(n => stripDescriptions(n));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === NODE_KEY) throw new Error(`a schema uses the key ${NODE_KEY}, which the compact format reserves`);
    if (key === 'description' && !inProperties) continue;
    out[key] = stripDescriptions(value, key === 'properties' && !inProperties);
  }
  return out;
}

/** Replaces repeated subtrees with `{ $node: i }` references into a shared table. */
class Deduplicator {
  public readonly nodes: unknown[] = [];
  private readonly counts = new Map<string, number>();
  private readonly indexes = new Map<string, number>();
  private readonly texts = new Map<object, string>();

  public count(node: unknown): void {
    if (typeof node !== 'object' || node === null) return;
    const text = this.text(node);
    this.counts.set(text, (this.counts.get(text) ?? 0) + 1);
    for (const value of Object.values(node)) this.count(value);
  }

  public encode(node: unknown): unknown {
    if (typeof node !== 'object' || node === null) return node;
    const text = this.text(node);
    if ((this.counts.get(text) ?? 0) < 2 || text.length < MIN_SHARED_LENGTH) return this.encodeChildren(node);
    let index = this.indexes.get(text);
    if (index === undefined) {
      const encoded = this.encodeChildren(node);
      index = this.nodes.length;
      this.indexes.set(text, index);
      this.nodes.push(encoded);
    }
    return { [NODE_KEY]: index };
  }

  private encodeChildren(node: object): unknown {
    return Array.isArray(node)
      ? node.map(n => this.encode(n))
      : Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.encode(v)]));
  }

  private text(node: object): string {
    let text = this.texts.get(node);
    if (text === undefined) {
      text = JSON.stringify(node);
      this.texts.set(node, text);
    }
    return text;
  }
}

function readCrd(dir: string, file: string): Json {
  const docs = parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'));
  if (docs.length !== 1 || docs[0].errors.length > 0) throw new Error(`${file}: expected one CRD document`);
  const crd: unknown = docs[0].toJS({ maxAliasCount: -1 });
  if (!isObject(crd) || crd.kind !== 'CustomResourceDefinition' || !isObject(crd.spec)) throw new Error(`${file}: not a CustomResourceDefinition`);
  return crd;
}

function bundledCrd(crd: Json, file: string): BundledCrd {
  const spec = crd.spec as Json;
  const names = spec.names as Json;
  const versions = (spec.versions as Json[]).filter(v => v.served !== false).map(v => {
    const schema = isObject(v.schema) ? v.schema.openAPIV3Schema : undefined;
    if (!isObject(schema)) throw new Error(`${file}: version ${v.name} has no openAPIV3Schema`);
    return { name: String(v.name), schema: stripDescriptions(schema) as Json };
  });
  return {
    name: String((crd.metadata as Json).name),
    group: String(spec.group),
    kind: String(names.kind),
    preserveUnknownFields: spec.preserveUnknownFields === true,
    versions,
  };
}

/** One entry per line, so that a regenerated file diffs line by line. */
function render(bundle: BundledSchemas): string {
  const lines = (items: readonly unknown[]) => items.map(i => JSON.stringify(i)).join(',\n');
  return '{\n'
    + `"format": ${JSON.stringify(bundle.format)},\n`
    + `"generator": ${JSON.stringify(bundle.generator)},\n`
    + `"sources": [\n${lines(bundle.sources)}\n],\n`
    + `"crds": [\n${lines(bundle.crds)}\n],\n`
    + `"nodes": [\n${lines(bundle.nodes)}\n]\n`
    + '}\n';
}

function main(): void {
  const dir = process.argv[2] ?? process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', 'shared', 'seldon', 'crds');
  const esoDir = process.env.ESO_CRDS_DIR ?? path.join(__dirname, '..', '..', 'shared', 'external-secrets', 'crds');
  const crds: BundledCrd[] = [];
  const sources: BundledSchemas['sources'][number][] = [];
  for (const source of SOURCES) {
    const from = source.externalSecrets ? esoDir : dir;
    const text = fs.readFileSync(path.join(from, source.file));
    const crd = bundledCrd(readCrd(from, source.file), source.file);
    crds.push(crd);
    sources.push({
      crd: crd.name,
      seldonCore: source.seldon,
      externalSecrets: source.externalSecrets,
      path: source.origin,
      sha256: createHash('sha256').update(text).digest('hex'),
    });
  }

  const dedup = new Deduplicator();
  for (const crd of crds) for (const v of crd.versions) dedup.count(v.schema);
  const encoded = crds.map(crd => ({ ...crd, versions: crd.versions.map(v => ({ name: v.name, schema: dedup.encode(v.schema) as Json })) }));
  const bundle: BundledSchemas = {
    format: BUNDLED_SCHEMAS_FORMAT,
    generator: 'scripts/compact-crds.ts from the CRD files of github.com/SeldonIO/seldon-core',
    sources,
    crds: encoded,
    nodes: dedup.nodes,
  };
  const text = render(bundle);
  fs.mkdirSync(path.dirname(BUNDLED_SCHEMAS_FILE), { recursive: true });
  fs.writeFileSync(BUNDLED_SCHEMAS_FILE, text);
  const expanded = crds.reduce((sum, c) => sum + c.versions.reduce((s, v) => s + JSON.stringify(v.schema).length, 0), 0);
  console.log(`${path.relative(process.cwd(), BUNDLED_SCHEMAS_FILE)}: ${crds.length} CRDs, `
    + `${crds.reduce((n, c) => n + c.versions.length, 0)} versions, ${dedup.nodes.length} shared subtrees, `
    + `${Math.round(text.length / 1024)} KB (${Math.round(expanded / 1024)} KB expanded)`);
}

main();
