/**
 * The hostile-input property run: ill-typed and hostile values in every prop
 * of every public construct and every argument of every value-class factory,
 * and right-typed values at and past the bounds the cluster enforces
 * (test/fuzz/ranges.ts; every one of those once more after the seeded run).
 * Each case raises a library error that names the construct path and the
 * field (and never the planted credential), or synthesizes output that passes
 * Seldon's CRDs (strictly), the API server's and operators' ranges
 * (test/fuzz/range-oracle.ts) and the library's own rules.
 *
 *   npm run fuzz:hostile [-- --runs 10000] [--seed 42] [--crds <dir>] [--report]
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { CrdSchemaRegistry, CrdValidator } from '../src/validation';
import { hostileCase, judge } from '../test/fuzz/hostile-oracle';
import { RANGE_CASES } from '../test/fuzz/ranges';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const runs = Number(option('runs', '10000'));
const seed = Number(option('seed', String(Date.now() % 1_000_000)));
// --report: count every failure instead of stopping at the first (shrunk) one.
const reportOnly = process.argv.includes('--report');
const crdDir = option('crds', process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', 'shared', 'seldon', 'crds'));
if (!fs.existsSync(crdDir)) {
  console.error(`fuzz:hostile: no CRD directory at ${crdDir}; pass --crds <dir> or set SELDON_CRDS_DIR`);
  process.exit(2);
}
const crdFiles = ['v1-helm-stripped-machinelearning.seldon.io_seldondeployments.yaml',
  ...['models', 'servers', 'serverconfigs', 'pipelines', 'experiments', 'seldonruntimes', 'seldonconfigs'].map(k => `v2-mlops.seldon.io_${k}.yaml`)]
  .map(f => path.join(crdDir, f));
const validator = new CrdValidator(CrdSchemaRegistry.fromPaths(crdFiles), { strict: true });

const tally = { cases: 0, errors: 0, synthesized: 0, failures: 0 };
const failures = new Map<string, number>();

const started = Date.now();
console.log(`fuzz:hostile: ${runs} cases, seed ${seed}, CRDs from ${crdDir}`);
const property = fc.property(hostileCase(), c => {
  tally.cases++;
  const verdict = judge(c, objects => validator.validateObjects(objects).errors.map(e => `${e.object} ${e.path}: ${e.reason}`));
  if (verdict.kind === 'error') tally.errors++;
  if (verdict.kind === 'objects') tally.synthesized++;
  if (verdict.kind === 'failure') {
    tally.failures++;
    if (!reportOnly) throw new Error(`${verdict.reason}\ncase: ${c.describe}`);
    const key = `${c.describe.replace(/ = .*/, '')}: ${verdict.reason.split('\n')[0].slice(0, 160)}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  }
});
fc.assert(property, { numRuns: runs, seed, endOnFailure: true });
// Then every range case once, in order: each bound of each input, whatever the seed picked.
const crdCheck = (objects: any[]) => validator.validateObjects(objects).errors.map(e => `${e.object} ${e.path}: ${e.reason}`);
for (const c of RANGE_CASES) {
  const verdict = judge(c, crdCheck);
  tally.cases++;
  if (verdict.kind === 'error') tally.errors++;
  if (verdict.kind === 'objects') tally.synthesized++;
  if (verdict.kind === 'failure') {
    tally.failures++;
    if (!reportOnly) {
      console.error(`${verdict.reason}\ncase: ${c.describe}`);
      process.exit(1);
    }
    const key = `${c.describe.replace(/ = .*/, '')}: ${verdict.reason.split('\n')[0].slice(0, 160)}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  }
}
const seconds = (Date.now() - started) / 1000;
for (const [k, n] of [...failures].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(5)}  ${k}`);
console.log(`fuzz:hostile: ${tally.cases} cases in ${seconds.toFixed(1)} s: ${tally.errors} raised a library error naming the path and field, `
  + `${tally.synthesized} synthesized CRD-valid output, ${tally.failures} failed`);
if (tally.failures) process.exit(1);
console.log(`${tally.cases} passed, 0 failed`);
