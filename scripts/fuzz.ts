/**
 * The property run: generated props for every construct either raise a
 * library error or synthesize output that passes Seldon's CRDs (strictly)
 * and the library's own rules.
 *
 *   npm run fuzz [-- --runs 10000] [--seed 42] [--crds <dir>]
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { CrdSchemaRegistry, CrdValidator } from '../src/validation';
import { Case, ruleViolations, run, v1Case, v2Case } from '../test/fuzz/properties';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const runs = Number(option('runs', '10000'));
const seed = Number(option('seed', String(Date.now() % 1_000_000)));
const crdDir = option('crds', process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', 'shared', 'seldon', 'crds'));
if (!fs.existsSync(crdDir)) {
  console.error(`fuzz: no CRD directory at ${crdDir}; pass --crds <dir> or set SELDON_CRDS_DIR`);
  process.exit(2);
}
const crdFiles = ['v1-helm-stripped-machinelearning.seldon.io_seldondeployments.yaml',
  ...['models', 'servers', 'serverconfigs'].map(k => `v2-mlops.seldon.io_${k}.yaml`)].map(f => path.join(crdDir, f));
const validator = new CrdValidator(CrdSchemaRegistry.fromPaths(crdFiles), { strict: true });

const tally = { cases: 0, errors: 0, synthesized: 0, objects: 0, seldonObjects: 0 };

function property(c: Case): void {
  tally.cases++;
  const outcome = run(c);
  if (outcome.kind === 'error') {
    tally.errors++;
    return;
  }
  tally.synthesized++;
  tally.objects += outcome.objects.length;
  const violations = ruleViolations(outcome.objects, c.secrets);
  const report = validator.validateObjects(outcome.objects);
  tally.seldonObjects += report.validated;
  const crdErrors = report.errors.map(e => `${e.object} ${e.path}: ${e.reason}`);
  if (violations.length || crdErrors.length) {
    throw new Error(`${[...violations, ...crdErrors].join('\n')}\ncase: ${c.describe}\ncredential values: ${JSON.stringify(c.secrets)}`);
  }
}

const started = Date.now();
const half = Math.ceil(runs / 2);
console.log(`fuzz: ${runs} cases, seed ${seed}, CRDs from ${crdDir}`);
fc.assert(fc.property(v1Case(), property), { numRuns: half, seed });
fc.assert(fc.property(v2Case(), property), { numRuns: runs - half, seed: seed + 1 });
const seconds = (Date.now() - started) / 1000;
console.log(`fuzz: ${tally.cases} cases passed in ${seconds.toFixed(1)} s: ${tally.errors} raised a library error, `
  + `${tally.synthesized} synthesized ${tally.objects} objects (${tally.seldonObjects} Seldon objects valid against the CRDs, strict)`);
console.log(`${tally.cases} passed, 0 failed`);
