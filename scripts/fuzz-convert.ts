/**
 * The hostile-manifest run: the corpus's manifests (test/convert/corpus, and
 * with --seldon <dir> a Seldon Core checkout's samples as further seeds)
 * mutated — keys dropped, duplicated and renamed (`__proto__`, `constructor`),
 * types swapped, long, unicode and deeply nested values, anchors, aliases and
 * alias bombs, junk documents, custom tags, planted credentials, huge and
 * negative numbers — and fed to the converter (with its round trip) and to
 * every command that reads manifests. Each case is a refusal in words or a
 * program that compiles and synthesizes its input; never a crash, a hang or
 * the planted credential.
 *
 *   npm run fuzz:convert [-- --runs 5000] [--seed 42] [--case I] [--seldon <dir>]... [--commands-every N] [--typecheck N] [--report]
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { typeCheckPrograms } from './typecheck-programs';
import { seldonCorpusFiles } from '../src/convert/corpus';
import { listManifestFiles } from '../src/validation';
import { convertCase } from '../test/fuzz/convert-mutations';
import { commandDir, judgeCommands, judgeConversion } from '../test/fuzz/convert-oracle';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const options = (name: string) => process.argv.flatMap((a, i) => (a === `--${name}` && process.argv[i + 1] ? [process.argv[i + 1]] : []));

const runs = Number(option('runs', '5000'));
const seed = Number(option('seed', String(Date.now() % 1_000_000)));
const only = process.argv.includes('--case') ? Number(option('case', '0')) : undefined;
// The commands read a file each: every Nth case, as they cost more than the conversion.
const commandsEvery = Number(option('commands-every', '5'));
const typecheckSample = Number(option('typecheck', '40'));
const reportOnly = process.argv.includes('--report');

const root = path.join(__dirname, '..');
const seedFiles = [...listManifestFiles(path.join(root, 'test', 'convert', 'corpus')), ...options('seldon').flatMap(seldonCorpusFiles)];
const seeds = seedFiles.map(f => [path.relative(root, f), fs.readFileSync(f, 'utf8')] as const);

console.log(`fuzz:convert: ${only === undefined ? `${runs} cases` : `case ${only}`}, seed ${seed}, ${seeds.length} seed files, commands every ${commandsEvery} cases`);
// A process warning (the yaml package's, say) goes to a user's stderr unasked: a failure of the run, whichever case caused it.
const warnings: string[] = [];
process.on('warning', w => warnings.push(w.message));
const dir = commandDir();
const started = performance.now();
const tally = { cases: 0, errors: 0, converted: 0, commands: 0, failures: 0 };
const failures = new Map<string, { count: number; example: string }>();
const programs: string[] = [];
let slowest = { millis: 0, index: -1 };
for (let index = only ?? 0; index < (only === undefined ? runs : only + 1); index++) {
  const c = convertCase(seed, index, seeds);
  tally.cases++;
  const verdicts = [judgeConversion(c)];
  if (only !== undefined || index % commandsEvery === 0) {
    tally.commands++;
    verdicts.push(judgeCommands(c, dir));
  }
  const millis = verdicts.reduce((s, v) => s + v.millis, 0);
  if (millis > slowest.millis) slowest = { millis, index };
  if (verdicts[0].kind === 'error') tally.errors++;
  if (verdicts[0].kind === 'converted') {
    tally.converted++;
    if (programs.length < typecheckSample && verdicts[0].code) programs.push(verdicts[0].code);
  }
  const failed = verdicts.find(v => v.kind === 'failure');
  if (failed) {
    tally.failures++;
    const describe = `case ${index} (seed ${seed}) from ${c.seedFile} as ${JSON.stringify(c.file)}: ${c.steps.join('; ')}`;
    if (!reportOnly) {
      console.log(`FAILED ${describe}\n  ${failed.reason}\n--- input (first 3,000 characters)\n${c.text.slice(0, 3000)}`);
      break;
    }
    const key = failed.reason!.replace(/case-\d+/g, 'case-N').replace(/\d+/g, 'N').slice(0, 160);
    const known = failures.get(key);
    failures.set(key, { count: (known?.count ?? 0) + 1, example: known?.example ?? describe });
  }
}
fs.rmSync(dir, { recursive: true, force: true });
for (const [k, { count, example }] of [...failures].sort((a, b) => b[1].count - a[1].count)) console.log(`${String(count).padStart(5)}  ${k}\n       e.g. ${example.slice(0, 300)}`);

const typeCheckStart = performance.now();
const typeErrors = typeCheckPrograms(programs);
const typeCheckSeconds = (performance.now() - typeCheckStart) / 1000;
const seconds = (performance.now() - started) / 1000;
console.log(`fuzz:convert: ${tally.cases} cases in ${seconds.toFixed(1)} s (slowest: case ${slowest.index}, ${slowest.millis.toFixed(0)} ms): `
  + `${tally.errors} refused in words, ${tally.converted} converted and round-tripped, ${tally.commands} also through every command; `
  + `${programs.length} programs type-checked in ${typeCheckSeconds.toFixed(1)} s (${typeErrors.length} errors); ${tally.failures} failed`);
typeErrors.slice(0, 10).forEach(e => console.log(`  ${e}`));
// Warnings are emitted on the next tick: wait for them before judging.
setImmediate(() => {
  warnings.slice(0, 5).forEach(w => console.log(`  process warning: ${w.slice(0, 200)}`));
  if (warnings.length) console.log(`fuzz:convert: ${warnings.length} process warnings`);
  if (tally.failures || typeErrors.length || warnings.length) process.exit(1);
});
