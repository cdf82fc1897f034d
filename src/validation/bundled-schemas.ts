/**
 * The CRD schemas shipped with the package (schemas/seldon-crds.json, written
 * by scripts/compact-crds.ts from Seldon Core 1.18.2's Helm chart and 2.10.2's
 * operator): with them, validation needs no CRD files on disk.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CrdSchemaRegistry, JsonSchema } from './crd-schemas';
import { isObject } from './json';

/** src/validation and lib/validation are both two levels below the package root. */
export const BUNDLED_SCHEMAS_FILE = path.join(__dirname, '..', '..', 'schemas', 'seldon-crds.json');

/** Bumped when the file's layout changes, so that a stale file fails loudly. */
export const BUNDLED_SCHEMAS_FORMAT = 'cdk8s-seldon/crd-schemas@1';

/** A reference to `nodes[i]`: `{ "$node": i }`. */
export const NODE_KEY = '$node';

/** One CRD: what {@link CrdSchemaRegistry.addCrd} reads, and nothing else. */
export interface BundledCrd {
  /** `metadata.name`, e.g. `servers.mlops.seldon.io`. */
  readonly name: string;
  readonly group: string;
  readonly kind: string;
  readonly preserveUnknownFields: boolean;
  /** Served versions only. */
  readonly versions: ReadonlyArray<{ readonly name: string; readonly schema: JsonSchema }>;
}

export interface BundledSchemas {
  readonly format: string;
  readonly generator: string;
  /** Where each CRD came from in Seldon's repository, and the sha256 of the file read. */
  readonly sources: ReadonlyArray<{
    readonly crd: string;
    readonly seldonCore?: string;
    readonly externalSecrets?: string;
    readonly path: string;
    readonly sha256: string;
  }>;
  readonly crds: readonly BundledCrd[];
  /** Subtrees that occur more than once, referenced as `{ "$node": index }`. */
  readonly nodes: readonly unknown[];
}

/**
 * Replaces every `{ $node: i }` with the (shared, never mutated) expanded
 * subtree, in place: the bundle was parsed for this call, so nothing else
 * holds its objects, and copying every object of it cost more than the rest
 * of the read.
 */
function expander(nodes: unknown[]): (node: unknown) => unknown {
  const done = new Map<number, unknown>();
  const expand = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = expand(node[i]);
      return node;
    }
    if (!isObject(node)) return node;
    const ref = node[NODE_KEY];
    if (typeof ref === 'number' && Object.keys(node).length === 1) {
      if (!done.has(ref)) {
        if (ref < 0 || ref >= nodes.length) throw new Error(`${BUNDLED_SCHEMAS_FILE}: reference to missing node ${ref}`);
        done.set(ref, expand(nodes[ref]));
      }
      return done.get(ref);
    }
    for (const key of Object.keys(node)) node[key] = expand(node[key]);
    return node;
  };
  return expand;
}

/** Reads and expands the shipped file. Throws if it is missing or of another format. */
export function readBundledSchemas(file: string = BUNDLED_SCHEMAS_FILE): BundledSchemas {
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as BundledSchemas;
  if (bundle.format !== BUNDLED_SCHEMAS_FORMAT) {
    throw new Error(`${file}: format ${JSON.stringify(bundle.format)}, expected ${BUNDLED_SCHEMAS_FORMAT}; regenerate it with npx projen schemas`);
  }
  const expand = expander(bundle.nodes as unknown[]);
  return {
    ...bundle,
    crds: bundle.crds.map(crd => ({ ...crd, versions: crd.versions.map(v => ({ name: v.name, schema: expand(v.schema) as JsonSchema })) })),
    nodes: [],
  };
}

/** Where the shipped schemas came from, as a registry `source` label. */
function sourceLabel(crd: BundledCrd, bundle: BundledSchemas): string {
  const origin = bundle.sources.find(s => s.crd === crd.name);
  const project = origin?.externalSecrets ? `External Secrets Operator, ${origin.externalSecrets}` : `Seldon Core ${origin?.seldonCore ?? '?'}`;
  return `${crd.name} (${project}, shipped with cdk8s-seldon)`;
}

/**
 * A registry of every Seldon kind, from the shipped schemas: SeldonDeployment
 * (machinelearning.seldon.io v1, v1alpha2, v1alpha3, as Seldon Core 1.18.2's
 * Helm chart installs it) and Model, Server, ServerConfig, Pipeline,
 * Experiment, SeldonRuntime and SeldonConfig (mlops.seldon.io/v1alpha1, 2.10.2);
 * and External Secrets Operator's ExternalSecret (external-secrets.io/v1).
 */
export function bundledRegistry(): CrdSchemaRegistry {
  const bundle = readBundledSchemas();
  const registry = new CrdSchemaRegistry();
  for (const crd of bundle.crds) {
    registry.addCrd({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: crd.name },
      spec: {
        group: crd.group,
        names: { kind: crd.kind },
        preserveUnknownFields: crd.preserveUnknownFields,
        versions: crd.versions.map(v => ({ name: v.name, served: true, schema: { openAPIV3Schema: v.schema } })),
      },
    }, sourceLabel(crd, bundle));
  }
  return registry;
}
