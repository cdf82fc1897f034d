/**
 * How much of the library's synthesis is cdk8s validating the app more than
 * once (BENCHMARKS.md, "Seventeenth round"): `synthYaml()` runs the app's
 * validations once for the app and once per chart, so the bench app's two
 * charts are validated three times. This times each pass of the bench app
 * (scripts/bench-workload.ts) in fresh processes, alternating with the plain
 * variant, and prints what the ratio would be if cdk8s validated once per synth.
 *
 *   npm run bench:passes [-- --sizes 5000,20000 --reps 7]
 *
 * A pass is timed as the sum of `node.validate()` over every construct it
 * visits (the instrument wraps `Node.prototype.validate` in the child only, and
 * adds about 0.1 µs per call); a pass starts when cdk8s validates the app's root.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { transpiledScripts } from './bench-scratch';

const ROOT = path.join(__dirname, '..');
const LIBRARY = path.join(ROOT, 'lib', 'index.js');

/** The child: builds one app, synthesizes it, prints wall time and (library only) each validation pass's time. */
const CHILD = `
const { Node } = require('constructs');
const { Chart } = require('cdk8s');
const workload = require('./bench-workload.js');
const task = JSON.parse(process.argv[2]);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const seldon = task.mode === 'library' ? require(task.libraryPath) : undefined;
const passes = [];
let root;
if (seldon) {
  const validate = Node.prototype.validate;
  Node.prototype.validate = function () {
    if (this === root) passes.push(0);
    const t = now();
    const errors = validate.call(this);
    passes[passes.length - 1] += now() - t;
    return errors;
  };
}
const t0 = now();
const app = seldon ? workload.buildLibrary(seldon, task.models) : workload.buildPlain(task.models);
root = app.node;
app.synthYaml();
const wallMs = now() - t0;
// cdk8s 2 validates once for the app and once per chart: fewer passes seen means the instrument missed some.
const expected = app.node.findAll().filter(c => Chart.isChart(c)).length + 1;
if (seldon && passes.length !== expected) throw new Error('saw ' + passes.length + ' validation passes, expected ' + expected);
process.stdout.write(JSON.stringify({ wallMs, passes }));
`;

interface Options {
  readonly sizes: number[];
  readonly reps: number;
}

function parseOptions(argv: readonly string[]): Options {
  let sizes = [5000, 20000];
  let reps = 7;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') sizes = (argv[++i] ?? '').split(',').map(Number);
    else if (argv[i] === '--reps') reps = Number(argv[++i]);
    else throw new Error(`bench:passes: unknown option ${argv[i]}; usage: bench-passes.ts [--sizes a,b] [--reps n]`);
  }
  if (sizes.some(n => !Number.isInteger(n) || n < 2) || !Number.isInteger(reps) || reps < 1) throw new Error('bench:passes: --sizes takes whole numbers of at least 2, --reps a whole number of at least 1');
  return { sizes, reps };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(LIBRARY)) throw new Error('bench:passes: lib/index.js is missing; run npx projen compile first');
  const dir = transpiledScripts('passes', ['bench-workload'], { 'child.js': CHILD });
  try {
    const env = { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') };
    const run = (mode: string, models: number): { wallMs: number; passes: number[] } => {
      const out = spawnSync(process.execPath, [path.join(dir, 'child.js'), JSON.stringify({ mode, models, libraryPath: LIBRARY })], { env, encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`bench:passes: the ${mode} child failed:\n${out.stderr}`);
      return JSON.parse(out.stdout);
    };
    process.stdout.write(`load average ${os.loadavg().map(l => l.toFixed(2)).join(' ')}; ${options.reps} repetitions, fresh processes alternating\n\n`);
    process.stdout.write('| N models | plain ms | library ms | ratio | validation passes ms (1st, 2nd, ...) | passes after the first | ratio if validated once |\n|---|---|---|---|---|---|---|\n');
    for (const models of options.sizes) {
      const plain: number[] = [];
      const library: number[] = [];
      const passes: number[][] = [];
      for (let r = 0; r < options.reps; r++) {
        const order = r % 2 === 0 ? ['plain', 'library'] : ['library', 'plain'];
        for (const mode of order) {
          const result = run(mode, models);
          if (mode === 'plain') {
            plain.push(result.wallMs);
          } else {
            library.push(result.wallMs);
            passes.push(result.passes);
          }
        }
      }
      const count = Math.min(...passes.map(p => p.length));
      const perPass = Array.from({ length: count }, (_, i) => median(passes.map(p => p[i])));
      const later = passes.map(p => p.slice(1).reduce((a, b) => a + b, 0));
      const ratios = library.map((l, i) => l / plain[i]);
      const once = library.map((l, i) => (l - later[i]) / plain[i]);
      process.stdout.write(`| ${models} | ${median(plain).toFixed(0)} | ${median(library).toFixed(0)} | ${median(ratios).toFixed(2)} | `
        + `${perPass.map(p => p.toFixed(0)).join(', ')} | ${median(later).toFixed(0)} (${(median(later) / median(plain)).toFixed(3)} of plain) | ${median(once).toFixed(2)} |\n`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
