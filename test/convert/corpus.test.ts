/**
 * The project's own corpus (test/convert/corpus: every seed example, plus
 * graphs, rollouts, v2 pipelines and experiments, Secrets in both formats):
 * every file converts, compiles, and synthesizes its objects again.
 * `npm run convert:corpus` runs the same over Seldon's published manifests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compile, resolve } from './helpers';
import { corpusReport, runCorpus } from '../../src/convert';
import { listManifestFiles } from '../../src/validation';
import { convertCase } from '../fuzz/convert-mutations';
import { judgeConversion } from '../fuzz/convert-oracle';

const files = listManifestFiles(path.join(__dirname, 'corpus'));

describe('own corpus', () => {
  const entries = runCorpus(files, compile, resolve);

  test('holds every seed example', () => {
    expect(files.filter(f => path.basename(f).startsWith('v1-seed-'))).toHaveLength(10);
    expect(files.filter(f => path.basename(f).startsWith('v2-seed-'))).toHaveLength(1);
  });

  test.each(files.map(f => [path.basename(f), f]))('%s round-trips', (_name, file) => {
    const entry = entries.find(e => e.file === file)!;
    expect(entry.crash).toBeUndefined();
    expect(entry.result!.differences).toEqual([]);
    expect(entry.result!.equal).toBe(true);
    expect(entry.result!.conversion.objects.every(o => o.status !== 'error')).toBe(true);
  });

  test('the report: 100% round trip, no crash', () => {
    const report = corpusReport(entries);
    expect(report[0]).toBe(`files: ${files.length} (0 more hold no Kubernetes object and are left out); converted to code: ${files.length}; not read (invalid YAML): 0; crashes: 0`);
    expect(report[1]).toBe(`round trip: ${files.length}/${files.length} files synthesize the same objects (100.0%)`);
  });
});

/**
 * A seeded sample of the hostile-manifest run (scripts/fuzz-convert.ts) on every `npm test`, here because this file
 * has already paid for loading the converter and compiling Seldon's schemas: corpus manifests mutated, then
 * converted, compiled, run and compared. Each is refused in words or round-trips, with no crash and no planted
 * credential in a message or program. CI runs thousands of cases, through the commands too (npm run fuzz:convert).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);

test(`${RUNS} hostile manifests (seed ${SEED}): refused in words or converted and round-tripped; no crash, no credential`, () => {
  const seeds = files.map(f => [path.basename(f), fs.readFileSync(f, 'utf8')] as const);
  const verdicts = Array.from({ length: RUNS }, (_, i) => convertCase(SEED, i, seeds)).map(c => ({ c, v: judgeConversion(c) }));
  expect(verdicts.flatMap(({ c, v }) => (v.kind === 'failure' ? [`case ${c.index} (${c.steps.join('; ')}): ${v.reason}`] : []))).toEqual([]);
  // Both outcomes occur, so the sample tests the refusals and the round trip.
  expect(verdicts.filter(({ v }) => v.kind === 'error').length).toBeGreaterThan(RUNS / 5);
  expect(verdicts.filter(({ v }) => v.kind === 'converted').length).toBeGreaterThan(RUNS / 5);
});
