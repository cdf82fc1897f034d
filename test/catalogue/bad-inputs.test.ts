import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { BAD_INPUTS } from './bad-inputs';
import { tempDir } from '../temp-dir';

describe('bad-input catalogue', () => {
  let appWide = 0;
  test('has at least 200 distinct inputs', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(BAD_INPUTS.map(b => b.input)).size).toBe(BAD_INPUTS.length);
  });

  // One output directory for every entry, emptied after each: with one per entry, the 541 directories made and
  // removed cost about 1.5 s of a worker's time per run, mostly waiting on the disk to remove them.
  const outdir = tempDir('bad-input-');
  test.each(BAD_INPUTS.map(b => [`${b.construct}: ${b.input}`, b] as const))('%s', (_, bad) => {
    const app = new App({ outdir });
    const chart = new Chart(app, 'models');
    let message = '';
    try {
      bad.build(chart);
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    // The error names the construct and its path, the field and value, and what is accepted.
    expect(message).toMatch(bad.error);
    expect(message).toContain(`${bad.construct} 'models/${bad.id}': `);
    const line = message.split('\n').find(l => bad.error.test(l)) ?? message;
    expect(line).toMatch(/; \S/);
    // cdk8s prefixes each message with the path of the construct whose check found it: never the app's empty path,
    // and an app-wide check's message names each construct once (src/k8s/app-checks.ts).
    expect(message).not.toMatch(/^\s*\[\]/m);
    if (/^\s*\[cdk8s-seldon\.checks\] /.test(line)) {
      const paths = [...line.matchAll(/ '([^']+)'/g)].map(m => m[1]);
      expect(paths).toContain(`models/${bad.id}`);
      expect(new Set(paths).size).toBe(paths.length);
      appWide++;
    }
    // Nothing is written when anything is wrong. Whatever was is removed first, so the next entry starts empty.
    const written = fs.readdirSync(outdir);
    for (const name of written) fs.rmSync(path.join(outdir, name), { recursive: true, force: true });
    expect(written).toEqual([]);
  });

  // Runs after the entries above (jest runs a file's tests in order): the app-wide checks are covered.
  test('app-wide errors are in the catalogue and read cleanly', () => {
    // 14 since the runtime scaling-config rule went (the 2.10.2 scheduler reads no model or server scaling from that config).
    expect(appWide).toBeGreaterThanOrEqual(14);
  });
});
