// docs/coverage.md's Seldon Core v2 tables against Seldon's v2 CRDs: every
// spec field has a row with an API or a reason, and each kind's figure is
// current. Reads the CRD schemas the package ships (schemas/seldon-crds.json,
// generated from Seldon's v2.10.2 CRD files without their descriptions; CI
// regenerates it and fails on any difference) rather than parsing 2 MB of YAML.
import * as fs from 'fs';
import * as path from 'path';
import { bundledRegistry } from '../../src/validation';

const DOC = path.join(__dirname, '..', '..', 'docs', 'coverage.md');

/** Kubernetes types embedded whole and free maps: one row each. */
const WHOLE = new Set([
  'spec.podSpec', 'spec.volumeClaimTemplates', 'spec.deploymentStrategy', 'spec.imageOverrides', 'spec.overrides[].podSpec',
  'spec.components[].podSpec', 'spec.components[].volumeClaimTemplates', 'spec.components[].labels', 'spec.components[].annotations',
  'spec.config.kafkaConfig.consumer', 'spec.config.kafkaConfig.producer', 'spec.config.kafkaConfig.streams', 'spec.config.kafkaConfig.topics',
  'spec.parameters', 'spec.steps[].tensorMap', 'spec.input.tensorMap', 'spec.output.tensorMap',
]);
const KINDS = ['Server', 'Model', 'SeldonRuntime', 'SeldonConfig', 'Pipeline', 'Experiment'];
const SCHEMAS = bundledRegistry();

function fields(schema: any, at: string, out: string[]): string[] {
  if (WHOLE.has(at)) return [...out, at];
  if (schema.type === 'array' && schema.items?.properties) return fields(schema.items, `${at}[]`, out);
  if (!schema.properties) return [...out, at];
  return Object.entries(schema.properties).reduce((acc: string[], [k, v]) => fields(v, `${at}.${k}`, acc), out);
}

function section(kind: string): string {
  const text = fs.readFileSync(DOC, 'utf8');
  const v2 = text.indexOf('## Seldon Core v2');
  const start = text.indexOf(`### ${kind}\n`, v2);
  const end = text.indexOf('\n##', start + 1);
  return start < 0 ? '' : text.slice(start, end < 0 ? undefined : end);
}

function rows(kind: string): Map<string, { api: string; reason: string }> {
  const found = new Map<string, { api: string; reason: string }>();
  for (const line of section(kind).split('\n')) {
    const m = /^\| `([^`]+)` \|(.*)\|(.*)\|$/.exec(line);
    if (m) found.set(m[1], { api: m[2].trim(), reason: m[3].trim() });
  }
  return found;
}

describe.each(KINDS)('docs/coverage.md: the %s table', (kind) => {
  const schema = SCHEMAS.lookup('mlops.seldon.io/v1alpha1', kind)!.schema as any;
  const crd = fields(schema.properties.spec, 'spec', []);
  const table = rows(kind);

  test('every spec field of the CRD has a row with an API or a reason, not both', () => {
    expect(crd.filter(f => !table.has(f))).toEqual([]);
    expect([...table].filter(([, r]) => (r.api === '') === (r.reason === '')).map(([f]) => f)).toEqual([]);
    expect(crd.length).toBeGreaterThan(0);
  });

  test('every row names a field of the CRD', () => {
    expect([...table.keys()].filter(f => !crd.includes(f))).toEqual([]);
  });

  test('the figure is current', () => {
    const typed = crd.filter(f => table.get(f)?.api).length;
    expect(section(kind)).toContain(`**${kind}: ${typed} of ${crd.length} fields typed.**`);
  });
});
