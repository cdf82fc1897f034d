/**
 * Regenerates src/imports from Seldon CustomResourceDefinition files.
 *
 *   npx projen import <crd.yaml> [<crd.yaml> ...]
 *
 * Before `cdk8s import` runs, every embedded Kubernetes core schema (PodSpec,
 * Container, PersistentVolumeClaimSpec, ...) is replaced by a free-form object.
 * Those schemas make up most of Seldon's CRDs; generated as TypeScript they
 * are megabytes that compile slowly and load slowly, and the library types those
 * fields itself with cdk8s-plus-27's `k8s` structs. CRDs of one API group are
 * imported together because `cdk8s import` writes one file per group.
 *
 * After the import, the converters' filter of undefined values is rewritten
 * to a linear one (see linearFilters below): the output of each converter is
 * the same, only faster. The committed files were produced by
 *
 *   npx projen import <crds>/v1-small-machinelearning.seldon.io_seldondeployments.yaml <crds>/v2-mlops.seldon.io_*.yaml
 *
 * with <crds> = ../shared/seldon/crds, and the External Secrets Operator's
 * ExternalSecret by
 *
 *   npx projen import ../shared/external-secrets/crds/external-secrets.io_externalsecrets.yaml
 *
 * Versions a CRD marks `served: false` are left out: the API server rejects
 * objects of them, so no binding is generated for them.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';

const OUT_DIR = path.join(__dirname, '..', 'src', 'imports');

/** A Kubernetes core type recognised by properties only it has. */
interface CoreShape {
  readonly kind: string;
  readonly marker: readonly string[];
}

const CORE_SHAPES: readonly CoreShape[] = [
  { kind: 'PodSpec', marker: ['containers', 'restartPolicy', 'volumes'] },
  { kind: 'Container', marker: ['image', 'livenessProbe', 'volumeMounts'] },
  { kind: 'PersistentVolumeClaimSpec', marker: ['accessModes', 'volumeMode'] },
  { kind: 'ResourceRequirements', marker: ['limits', 'requests'] },
  { kind: 'MetricSpec', marker: ['containerResource', 'external', 'object', 'pods'] },
  { kind: 'EnvVar', marker: ['name', 'value', 'valueFrom'] },
  { kind: 'DeploymentStrategy', marker: ['rollingUpdate', 'type'] },
  { kind: 'ObjectMeta', marker: ['annotations', 'labels', 'name', 'namespace', 'finalizers'] },
];

function coreKindOf(schema: any): string | undefined {
  const props = schema?.properties;
  if (!props || typeof props !== 'object') return undefined;
  return CORE_SHAPES.find(s => s.marker.every(m => m in props))?.kind;
}

function freeForm(kind: string) {
  return {
    'type': 'object',
    'description': `Kubernetes ${kind} (schema not imported; see scripts/import-crds.ts).`,
    'x-kubernetes-preserve-unknown-fields': true,
  };
}

/** Replaces core schemas below the resource's `spec` with free-form objects; returns how many. */
function stripCoreSchemas(schema: any, depth = 0): number {
  if (!schema || typeof schema !== 'object') return 0;
  let count = 0;
  for (const key of ['properties', 'additionalProperties']) {
    const children = key === 'properties' ? schema.properties : { value: schema.additionalProperties };
    if (!children || typeof children !== 'object') continue;
    for (const [name, child] of Object.entries<any>(children)) {
      const kind = depth > 0 ? coreKindOf(child) : undefined;
      if (kind) {
        const replacement = freeForm(kind);
        if (key === 'properties') schema.properties[name] = replacement;
        else schema.additionalProperties = replacement;
        count++;
      } else {
        count += stripCoreSchemas(child, depth + 1);
      }
    }
  }
  if (schema.items) {
    const kind = coreKindOf(schema.items);
    if (kind) {
      schema.items = freeForm(kind);
      count++;
    } else {
      count += stripCoreSchemas(schema.items, depth + 1);
    }
  }
  return count;
}

/**
 * `cdk8s import` writes every converter (`toJson_<Type>`) to drop undefined
 * values with `Object.entries(x).reduce((r, i) => ... ({ ...r, [key]: value }), {})`,
 * which copies the accumulated object once per key: O(keys²) work and garbage
 * per object, on every object of every synth (a SeldonDeployment goes
 * through four nested converters). This rewrites each such expression to a
 * call of one linear helper appended to the file, which returns the same
 * object: the same own keys in the same order.
 */
const UNDEFINED_FILTER = /Object\.entries\(([\w.]+)\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\] \}\), \{\}\)/g;

const WITHOUT_UNDEFINED = `
/**
 * Added by scripts/import-crds.ts in place of the \`reduce\` that \`cdk8s import\`
 * writes: \`obj\` without its undefined values, keys in the same order.
 */
function withoutUndefined(obj: { [key: string]: any }): Record<string, any> {
  const result: Record<string, any> = {};
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    // a computed key in an object literal, as the spread it replaces, never sets the prototype
    if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    else result[key] = value;
  }
  return result;
}
`;

function linearFilters(source: string): { source: string; count: number } {
  let count = 0;
  const rewritten = source.replace(UNDEFINED_FILTER, (_match, expression: string) => {
    count++;
    return `withoutUndefined(${expression})`;
  });
  return count === 0 ? { source, count } : { source: `${rewritten}${WITHOUT_UNDEFINED}`, count };
}

function main(files: string[]) {
  if (files.length === 0) {
    console.error('usage: npx projen import <crd.yaml> [<crd.yaml> ...]');
    process.exit(2);
  }
  const byGroup = new Map<string, any[]>();
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const crd = doc.toJS({ maxAliasCount: -1 });
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      // A version the API server does not serve (ESO's ExternalSecret v1beta1: `served: false`) cannot be applied: no bindings for it.
      const versions: any[] = crd.spec.versions ?? [];
      const unserved = versions.filter(v => v.served === false).map(v => v.name);
      crd.spec.versions = versions.filter(v => v.served !== false);
      if (unserved.length > 0) console.log(`${file}: ${crd.metadata.name}, unserved versions left out: ${unserved.join(', ')}`);
      let stripped = 0;
      for (const version of crd.spec.versions) {
        stripped += stripCoreSchemas(version.schema?.openAPIV3Schema);
      }
      console.log(`${file}: ${crd.metadata.name}, ${stripped} core schemas made free-form`);
      const group = crd.spec.group;
      byGroup.set(group, [...(byGroup.get(group) ?? []), crd]);
    }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-seldon-import-'));
  for (const [group, crds] of byGroup) {
    const input = path.join(tmp, `${group}.yaml`);
    fs.writeFileSync(input, crds.map(c => stringify(c, { lineWidth: 0 })).join('---\n'));
    execFileSync('cdk8s', ['import', input, '-o', OUT_DIR, '-l', 'typescript', '--no-check-upgrade'], { stdio: 'inherit' });
    const out = path.join(OUT_DIR, `${group}.ts`);
    const filtered = linearFilters(fs.readFileSync(out, 'utf8'));
    fs.writeFileSync(out, filtered.source);
    console.log(`${out}: ${fs.statSync(out).size} bytes, ${filtered.source.split('\n').length} lines, ${filtered.count} undefined filters made linear`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

main(process.argv.slice(2));
