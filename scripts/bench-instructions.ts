/**
 * The bench app's cost in machine instructions (BENCHMARKS.md, "Eighteenth
 * round"): a figure that does not move with the load of the machine, for
 * comparing two versions of the library while other work runs. Wall-clock
 * time on the shared 2-core VM moves by 10–30% between runs; this moves by
 * about 0.01%, so a change of 0.5% is visible in one run.
 *
 *   npm run bench:instructions [-- --sizes 2000,5000] [--library <other lib/index.js>] [--baselines]
 *
 * Each variant runs once in a fresh Node process under valgrind's callgrind,
 * which counts every instruction the process executes. V8's flags make the
 * count repeat: `--predictable` and `--single-threaded` run the compilers and
 * the garbage collector on the main thread at fixed points, the seeds fix
 * hashing. A process that loads the modules and builds nothing is counted
 * too (for each library), and subtracted: what is left is the work of building and synthesizing.
 * The library's YAML must be byte-identical to plain's (the run stops
 * otherwise). `--library` adds a second compiled library (a saved `lib/` from
 * before a change) and prints this one's work against it; both then run from
 * copies at paths of the same length, since the path's length alone moves the
 * count by up to 1.4%. A change smaller than about 1% needs several runs. `--baselines` also
 * counts the bench's instrument variants (plain as L2, typed L2, library
 * unvalidated: BENCHMARKS.md, "What is measured"), each against plain: the
 * decomposition of the ratio without the noise of wall-clock medians.
 *
 * The count is not the time: compiling and collecting garbage run on the main
 * thread here, while in a normal process they partly overlap on the second
 * core, and a cache miss costs more than an instruction. Use the bench
 * (`npm run bench`) for the ratio of record, this for a verdict on a change.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { transpiledScripts } from './bench-scratch';

const ROOT = path.join(__dirname, '..');
const LIBRARY = path.join(ROOT, 'lib', 'index.js');
const V8_FLAGS = ['--predictable', '--single-threaded', '--hash-seed=1', '--random-seed=1'];

/** The child: loads cdk8s, cdk8s-plus-27 and the library; builds and synthesizes the bench app unless `none`; prints the YAML's digest. */
const CHILD = `
const crypto = require('crypto');
const workload = require('./bench-workload.js');
const [mode, models, libraryPath] = process.argv.slice(2);
require('cdk8s');
require('cdk8s-plus-27');
const seldon = require(libraryPath);
const structures = { plain: 'plain', 'plain-as-l2': 'l2', 'typed-l2': 'l2-typed' };
if (mode === 'unvalidated') workload.leaveOutValidations();
if (mode !== 'none') {
  const app = mode in structures ? workload.buildPlain(Number(models), structures[mode]) : workload.buildLibrary(seldon, Number(models));
  process.stdout.write(crypto.createHash('sha1').update(app.synthYaml()).digest('hex'));
}
`;

interface Options {
  readonly sizes: number[];
  readonly other?: string;
  readonly baselines: boolean;
}

/** The instrument variants `--baselines` adds, as the child names them, and their column headings. */
const BASELINES: ReadonlyArray<readonly [string, string]> = [
  ['plain-as-l2', 'plain as L2'],
  ['typed-l2', 'typed L2'],
  ['unvalidated', 'library unvalidated'],
];

function parseOptions(argv: readonly string[]): Options {
  let sizes = [2000];
  let other: string | undefined;
  let baselines = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') sizes = (argv[++i] ?? '').split(',').map(Number);
    else if (argv[i] === '--library') other = path.resolve(argv[++i] ?? '');
    else if (argv[i] === '--baselines') baselines = true;
    else throw new Error(`bench:instructions: unknown option ${argv[i]}; usage: bench-instructions.ts [--sizes a,b] [--library <lib/index.js>] [--baselines]`);
  }
  if (sizes.some(n => !Number.isInteger(n) || n < 2)) throw new Error('bench:instructions: --sizes takes whole numbers of at least 2');
  if (other !== undefined && !fs.existsSync(other)) throw new Error(`bench:instructions: --library ${other} does not exist`);
  return { sizes, other, baselines };
}

/** One variant under callgrind: the instructions it executed, and its YAML's digest. */
function count(dir: string, mode: string, models: number, libraryPath: string): { instructions: number; digest: string } {
  const log = path.join(dir, 'callgrind.log');
  const out = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', `--log-file=${log}`,
    process.execPath, ...V8_FLAGS, path.join(dir, 'child.js'), mode, String(models), libraryPath], {
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }, encoding: 'utf8', maxBuffer: 1024 * 1024,
  });
  if (out.error !== undefined) throw new Error(`bench:instructions: valgrind did not start (${out.error.message}); it is a Debian package (valgrind)`);
  if (out.status !== 0) throw new Error(`bench:instructions: the ${mode} child failed:\n${out.stderr}`);
  const collected = /Collected : (\d+)/.exec(fs.readFileSync(log, 'utf8'));
  if (collected === null) throw new Error(`bench:instructions: no instruction count in valgrind's log of the ${mode} child`);
  return { instructions: Number(collected[1]), digest: out.stdout.trim() };
}

/**
 * A copy of a compiled library (its `lib/`, and the schemas and package.json
 * beside it) at `<dir>/<name>/lib/index.js`. Two libraries compared run from
 * copies whose names have the same length: the length of the path alone moves
 * V8's heap layout, hence when the collector runs and what it tenures, and with
 * it the count by up to 1.4% (BENCHMARKS.md, "Twentieth round").
 */
function placed(dir: string, name: string, libraryIndex: string): string {
  const lib = path.dirname(libraryIndex);
  const to = path.join(dir, name);
  fs.cpSync(lib, path.join(to, 'lib'), { recursive: true });
  for (const beside of ['schemas', 'package.json']) {
    const from = path.join(path.dirname(lib), beside);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(to, beside), { recursive: true });
  }
  return path.join(to, 'lib', path.basename(libraryIndex));
}

const millions = (n: number): string => `${(n / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}M`;

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(LIBRARY)) throw new Error('bench:instructions: lib/index.js is missing; run npx projen compile first');
  const dir = transpiledScripts('instructions', ['bench-workload'], { 'child.js': CHILD });
  try {
    const start = Date.now();
    // Compared with another library, both run from paths of the same length; alone, from lib/ where it is.
    const library = options.other === undefined ? LIBRARY : placed(dir, 'this', LIBRARY);
    const otherLibrary = options.other === undefined ? undefined : placed(dir, 'that', options.other);
    const base = count(dir, 'none', 0, library).instructions;
    // The other library's own loading is subtracted from its runs.
    const otherBase = otherLibrary === undefined ? 0 : count(dir, 'none', 0, otherLibrary).instructions;
    process.stdout.write(`callgrind, node ${V8_FLAGS.join(' ')}; loading only: ${millions(base)} instructions (subtracted below)\n\n`);
    let head = options.other === undefined ? '' : ' other library | this / other |';
    if (options.baselines) head += BASELINES.map(([, heading]) => ` ${heading} | / plain |`).join('');
    process.stdout.write(`| N models | plain | library | library / plain |${head}\n|---|---|---|---|${'---|'.repeat((head.match(/\|/g) ?? []).length)}\n`);
    for (const models of options.sizes) {
      const plain = count(dir, 'plain', models, library);
      const mine = count(dir, 'library', models, library);
      if (mine.digest !== plain.digest) throw new Error(`bench:instructions: at N=${models} the library's YAML differs from plain's (run npm run bench for the difference)`);
      const work = (n: number): number => n - base;
      let row = `| ${models} | ${millions(work(plain.instructions))} | ${millions(work(mine.instructions))} | ${(work(mine.instructions) / work(plain.instructions)).toFixed(3)} |`;
      if (otherLibrary !== undefined) {
        const other = count(dir, 'library', models, otherLibrary);
        if (other.digest !== plain.digest) throw new Error(`bench:instructions: at N=${models} the other library's YAML differs from plain's`);
        const otherWork = other.instructions - otherBase;
        row += ` ${millions(otherWork)} | ${(work(mine.instructions) / otherWork).toFixed(4)} |`;
      }
      for (const [mode] of options.baselines ? BASELINES : []) {
        const variant = count(dir, mode, models, library);
        if (variant.digest !== plain.digest) throw new Error(`bench:instructions: at N=${models} the ${mode} variant's YAML differs from plain's`);
        row += ` ${millions(work(variant.instructions))} | ${(work(variant.instructions) / work(plain.instructions)).toFixed(3)} |`;
      }
      process.stdout.write(`${row}\n`);
    }
    process.stdout.write(`\n(${Math.round((Date.now() - start) / 1000)} s)\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
