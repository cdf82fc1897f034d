/**
 * The project's own corpus (test/convert/corpus: every seed example, plus
 * graphs, rollouts, v2 pipelines and experiments, Secrets in both formats):
 * every file converts, compiles, and synthesizes its objects again.
 * `npm run convert:corpus` runs the same over Seldon's published manifests.
 */
import * as path from 'path';
import { compile, resolve } from './helpers';
import { corpusReport, runCorpus } from '../../src/convert';
import { listManifestFiles } from '../../src/validation';

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
