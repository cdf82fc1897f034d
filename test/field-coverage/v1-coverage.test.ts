// docs/coverage.md's SeldonDeployment table against Seldon's v1 CRD: every
// spec field has an API or a reason, and the figure is current. Reads the CRD
// schema the package ships (schemas/seldon-crds.json: Seldon Core 1.18.2's
// Helm chart CRD without its descriptions; CI regenerates it and fails on any
// difference) rather than parsing 2.7 MB of YAML, as v2-coverage.test.ts does.
// The Helm chart's CRD and the operator's smaller one list the same 77 spec
// fields under the rows below (checked 2026-12-03).
import * as fs from 'fs';
import * as path from 'path';
import { HELM_CRD_CHILD_LEVELS } from '../../src/v1/graph-depth';
import { bundledRegistry } from '../../src/validation';

const DOC = path.join(__dirname, '..', '..', 'docs', 'coverage.md');

/** Kubernetes types embedded whole, and the recursive children: one row each. */
const WHOLE = new Set([
  'spec.predictors[].componentSpecs[].spec', 'spec.predictors[].componentSpecs[].metadata', 'spec.predictors[].engineResources',
  'spec.predictors[].svcOrchSpec.resources', 'spec.predictors[].svcOrchSpec.env', 'spec.predictors[].explainer.containerSpec',
  'spec.predictors[].componentSpecs[].hpaSpec.metrics', 'spec.predictors[].componentSpecs[].hpaSpec.metricsv2',
  'spec.predictors[].graph.children', 'spec.predictors[].componentSpecs[].kedaSpec.advanced.horizontalPodAutoscalerConfig',
]);

/** The `spec` schema of the shipped SeldonDeployment v1 CRD. */
function crdSpec(): any {
  const schema: any = bundledRegistry().lookup('machinelearning.seldon.io/v1', 'SeldonDeployment')!.schema;
  return schema.properties.spec;
}

function fields(schema: any, at: string, out: string[]): string[] {
  if (WHOLE.has(at)) return [...out, at];
  if (schema.type === 'array' && schema.items?.properties) return fields(schema.items, `${at}[]`, out);
  if (!schema.properties) return [...out, at];
  return Object.entries(schema.properties).reduce((acc: string[], [k, v]) => fields(v, `${at}.${k}`, acc), out);
}

function table(): Map<string, { api: string; reason: string }> {
  const text = fs.readFileSync(DOC, 'utf8');
  const start = text.indexOf('## Seldon Core v1');
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  const rows = new Map<string, { api: string; reason: string }>();
  for (const line of section.split('\n')) {
    const m = /^\| `([^`]+)` \|(.*)\|(.*)\|$/.exec(line);
    if (m) rows.set(m[1], { api: m[2].trim(), reason: m[3].trim() });
  }
  return rows;
}

describe('docs/coverage.md: the SeldonDeployment table', () => {
  const crd = fields(crdSpec(), 'spec', []);
  const rows = table();

  test('every spec field of the CRD has a row with an API or a reason, not both', () => {
    const missing = crd.filter(f => !rows.has(f));
    const neither = [...rows].filter(([, r]) => (r.api === '') === (r.reason === '')).map(([f]) => f);
    expect(missing).toEqual([]);
    expect(neither).toEqual([]);
    expect(crd.length).toBeGreaterThanOrEqual(70);
  });

  test('every row names a field of the CRD', () => {
    expect([...rows.keys()].filter(f => !crd.includes(f))).toEqual([]);
  });

  test('the figure is current', () => {
    const typed = crd.filter(f => rows.get(f)?.api).length;
    const figure = `**${typed} of ${crd.length} fields typed (${(100 * typed / crd.length).toFixed(1)}%); the other ${crd.length - typed} are listed with the reason.**`;
    expect(fs.readFileSync(DOC, 'utf8')).toContain(figure);
  });

  test('the Helm chart\'s CRD keeps as many levels of children as the depth check assumes', () => {
    let graph = crdSpec().properties.predictors.items.properties.graph;
    let levels = 0;
    while (graph.properties?.children) {
      levels++;
      graph = graph.properties.children.items;
    }
    expect(levels).toBe(HELM_CRD_CHILD_LEVELS);
  });
});
