/**
 * Loaded by `npx projen validate:fixtures` only: records every object the
 * test suite synthesizes with `Testing.synth`, so that a script can validate
 * all of them against Seldon's CRDs (scripts/validate-fixtures.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';

const dir = process.env.SELDON_COLLECT_DIR;
if (dir) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}.jsonl`);
  const synth = Testing.synth.bind(Testing);
  Testing.synth = (chart => {
    const objects = synth(chart);
    const test = expect.getState().currentTestName ?? '';
    fs.appendFileSync(file, `${JSON.stringify({ test: `${expect.getState().testPath}: ${test}`, objects })}\n`);
    return objects;
  }) as typeof Testing.synth;
}
