/**
 * What the library adds to synthesizing an app of many models, against the
 * same manifests written by hand as plain cdk8s `ApiObject`s.
 *
 *   npx ts-node --project scripts/tsconfig.json scripts/bench.ts [options]
 *
 *   --quick          N = 100, 1,000, 5,000; 3 repetitions; no decomposition, no test-suite timing (~25 s)
 *   --write          update BENCHMARKS.md (between its bench markers) and docs/bench.svg
 *   --reps <n>       repetitions of each measurement (default 5)
 *   --sizes <a,b,..> numbers of models (default 100,1000,5000,20000)
 *   --decompose      also measure plain objects with dependencies (plain+deps) and wrapped in
 *                    constructs like an L2 library's (plain as L2, with bare classes; typed L2,
 *                    with the classes of the library's tree), to split what the library adds
 *                    into cdk8s's share and its own code (see bench-workload.ts), and the
 *                    library with its validations left out (bench-workload.ts), to split its own
 *                    code into building and rendering, and the checks at synth;
 *                    on by default in a full run, off with --quick
 *   --profile <dir>  afterwards, CPU-profile one library and one plain run at the largest N
 *                    into <dir> and print where the time goes, by package
 *   --no-tests       skip timing the jest suite
 *   --compile        run `npx projen compile` first even if lib/ looks current
 *   --library <path> measure another compiled copy of the library (e.g. a saved lib/ from
 *                    before a change) instead of lib/index.js; nothing is compiled then
 *
 * Each measurement runs in a fresh Node process (scripts/bench-child.ts) that
 * loads the compiled library from lib/, as users do, builds the app, and
 * synthesizes it with `app.synthYaml()`; the library and plain variants
 * alternate (ABBA order, so drift on a shared machine hits both alike) and the
 * figures are medians. Every library run's YAML must be byte-identical to the
 * plain run's, or the script stops and shows the first difference. lib/ is
 * compiled first when it is missing or older than src/.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Result, Task } from './bench-child';
import { transpiledScripts } from './bench-scratch';

const ROOT = path.join(__dirname, '..');
const DEFAULT_LIBRARY = path.join(ROOT, 'lib', 'index.js');
const BENCHMARKS_MD = path.join(ROOT, 'BENCHMARKS.md');
const SVG = path.join(ROOT, 'docs', 'bench.svg');
const MARK_START = '<!-- bench:results:start -->';
const MARK_END = '<!-- bench:results:end -->';

/** The targets of issue 10 (the ratio) and issue 5 (growth, module loading). */
const TARGET_RATIO = 1.35;
const TARGET_RATIO_AT = [5000, 20000];
const TARGET_GROWTH = 4.5;
const TARGET_REQUIRE_MS = 50;
/** `npm test` on the project's 2-core machine (issue #10). */
const TARGET_TEST_S = 30;

interface Options {
  readonly sizes: number[];
  readonly reps: number;
  readonly requireSamples: number;
  readonly write: boolean;
  readonly tests: boolean;
  readonly decompose: boolean;
  readonly compile: boolean;
  readonly profileDir?: string;
  readonly quick: boolean;
  /** The compiled entry point measured. */
  readonly library: string;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: bench.ts [--quick] [--write] [--reps n] [--sizes a,b,...] [--decompose] [--profile dir] [--no-tests] [--compile] [--library path]\n`);
  process.exit(2);
}

function parseOptions(argv: readonly string[]): Options {
  let quick = false;
  let write = false;
  let tests = true;
  let decompose: boolean | undefined;
  let compile = false;
  let reps: number | undefined;
  let sizes: number[] | undefined;
  let profileDir: string | undefined;
  let library: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--write') write = true;
    else if (arg === '--no-tests') tests = false;
    else if (arg === '--decompose') decompose = true;
    else if (arg === '--compile') compile = true;
    else if (arg === '--reps') reps = Number(argv[++i]);
    else if (arg === '--sizes') sizes = (argv[++i] ?? '').split(',').map(Number);
    else if (arg === '--profile') profileDir = argv[++i];
    else if (arg === '--library') library = argv[++i];
    else usage(`unknown option ${arg}`);
  }
  if (reps !== undefined && !(Number.isInteger(reps) && reps >= 1)) usage('--reps needs a whole number >= 1');
  if (sizes !== undefined && !sizes.every(n => Number.isInteger(n) && n >= 2)) usage('--sizes needs whole numbers >= 2, comma-separated');
  if (profileDir === '') usage('--profile needs a directory');
  if (library !== undefined && !fs.existsSync(library)) usage(`--library ${library} does not exist`);
  return {
    quick,
    write,
    decompose: decompose ?? !quick,
    compile,
    profileDir,
    library: library === undefined ? DEFAULT_LIBRARY : path.resolve(library),
    sizes: sizes ?? (quick ? [100, 1000, 5000] : [100, 1000, 5000, 20000]),
    reps: reps ?? (quick ? 3 : 5),
    requireSamples: quick ? 7 : 15,
    // the suite takes ~5 s alone and much longer while others run jest: not in a quick run
    tests: tests && !quick,
  };
}

/** Newest modification time of the files below `dir` whose names end with `suffix`. */
function newest(dir: string, suffix: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full, suffix));
    else if (entry.name.endsWith(suffix)) latest = Math.max(latest, fs.statSync(full).mtimeMs);
  }
  return latest;
}

/** Compiles the library unless lib/ is at least as new as src/: users run lib/, so that is what is measured. */
function ensureCompiled(force: boolean): void {
  const stale = !fs.existsSync(DEFAULT_LIBRARY) || newest(path.join(ROOT, 'src'), '.ts') > newest(path.join(ROOT, 'lib'), '.js');
  if (!force && !stale) return;
  process.stderr.write(`bench: ${force ? '--compile given' : 'lib/ is missing or older than src/'}; running npx projen compile\n`);
  execFileSync('npx', ['projen', 'compile'], { cwd: ROOT, stdio: 'inherit' });
}

/** The child scripts, transpiled (bench-scratch.ts). */
function transpileChildren(): string {
  return transpiledScripts('bench', ['bench-workload', 'bench-child', 'bench-require']);
}

interface Runner {
  readonly dir: string;
  run(task: Task, extraNodeArgs?: string[]): Result;
  text(script: string, args: string[]): string;
}

function runner(dir: string): Runner {
  const env = { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') };
  const text = (script: string, args: string[], nodeArgs: string[] = []): string => {
    const out = spawnSync(process.execPath, [...nodeArgs, path.join(dir, script), ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (out.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${out.status}):\n${out.stderr}`);
    return out.stdout;
  };
  return {
    dir,
    run: (task, extraNodeArgs = []) => JSON.parse(text('bench-child.js', [JSON.stringify(task)], extraNodeArgs)),
    text: (script, args) => text(script, args),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

type Mode = 'library' | 'library-unvalidated' | 'plain' | 'plain-deps' | 'plain-l2' | 'plain-l2-typed' | 'floor';
const DECOMPOSED: readonly Mode[] = ['plain-deps', 'plain-l2', 'plain-l2-typed', 'library-unvalidated'];

interface Series {
  readonly models: number;
  readonly runs: Map<Mode, Result[]>;
}

/** Per N: medians, spreads and paired ratios. */
interface Row {
  readonly models: number;
  readonly library: number;
  readonly plain: number;
  readonly plainDeps?: number;
  readonly plainL2?: number;
  readonly typedL2?: number;
  /** The library with its validations left out (`leaveOutValidations` in bench-workload.ts). */
  readonly unvalidated?: number;
  readonly floor: number;
  readonly libraryRange: [number, number];
  readonly plainRange: [number, number];
  /** Median of the per-repetition ratios library/plain (each pair measured back to back). */
  readonly ratio: number;
  readonly ratioRange: [number, number];
  readonly cpuRatio: number;
  readonly libraryBuild: number;
  readonly librarySynth: number;
  readonly libraryPeakMb: number;
  readonly plainPeakMb: number;
  readonly libraryHeapMb: number;
  readonly plainHeapMb: number;
  readonly bytes: number;
}

function summarize(series: Series): Row {
  const get = (mode: Mode) => series.runs.get(mode) ?? [];
  const lib = get('library');
  const plain = get('plain');
  const wall = (rs: Result[]) => rs.map(r => r.wallMs);
  const ratios = lib.map((r, i) => r.wallMs / plain[i].wallMs);
  const cpuRatios = lib.map((r, i) => r.cpuMs / plain[i].cpuMs);
  const range = (v: number[]): [number, number] => [Math.min(...v), Math.max(...v)];
  const deps = get('plain-deps');
  const l2 = get('plain-l2');
  const typed = get('plain-l2-typed');
  const unvalidated = get('library-unvalidated');
  return {
    models: series.models,
    library: median(wall(lib)),
    plain: median(wall(plain)),
    plainDeps: deps.length ? median(wall(deps)) : undefined,
    plainL2: l2.length ? median(wall(l2)) : undefined,
    typedL2: typed.length ? median(wall(typed)) : undefined,
    unvalidated: unvalidated.length ? median(wall(unvalidated)) : undefined,
    floor: median(wall(get('floor'))),
    libraryRange: range(wall(lib)),
    plainRange: range(wall(plain)),
    ratio: median(ratios),
    ratioRange: range(ratios),
    cpuRatio: median(cpuRatios),
    libraryBuild: median(lib.map(r => r.buildMs)),
    librarySynth: median(lib.map(r => r.synthMs)),
    libraryPeakMb: median(lib.map(r => r.peakRssMb)),
    plainPeakMb: median(plain.map(r => r.peakRssMb)),
    libraryHeapMb: median(lib.map(r => r.peakRssMb - r.baseRssMb)),
    plainHeapMb: median(plain.map(r => r.peakRssMb - r.baseRssMb)),
    bytes: lib[0]?.bytes ?? 0,
  };
}

function measure(options: Options, run: Runner): Row[] {
  const series: Series[] = options.sizes.map(models => ({ models, runs: new Map() }));
  for (let rep = 0; rep < options.reps; rep++) {
    for (const s of series) {
      // ABBA: the variant that goes first alternates between repetitions
      const pair: Mode[] = rep % 2 === 0 ? ['library', 'plain'] : ['plain', 'library'];
      const modes: Mode[] = [...pair, 'floor', ...(options.decompose ? DECOMPOSED : [])];
      for (const mode of modes) {
        const result = run.run({ mode, models: s.models, libraryPath: options.library });
        s.runs.set(mode, [...(s.runs.get(mode) ?? []), result]);
      }
      const lib = s.runs.get('library')!.at(-1)!;
      const plain = s.runs.get('plain')!.at(-1)!;
      const others = DECOMPOSED.map(m => s.runs.get(m)?.at(-1)).filter((r): r is Result => r !== undefined);
      if ([lib, ...others].some(r => r.sha1 !== plain.sha1 || r.bytes !== plain.bytes)) {
        process.stderr.write(`bench: N=${s.models}: the library's YAML differs from the plain objects' YAML\n`);
        process.stderr.write(run.text('bench-child.js', [JSON.stringify({ mode: 'diff', models: s.models, libraryPath: options.library })]));
        process.exit(1);
      }
      process.stderr.write(`  rep ${rep + 1}/${options.reps}  N=${String(s.models).padStart(6)}  library ${lib.wallMs.toFixed(0).padStart(5)} ms  `
        + `plain ${plain.wallMs.toFixed(0).padStart(5)} ms  identical YAML (${(lib.bytes / 1e6).toFixed(2)} MB)\n`);
    }
  }
  return series.map(summarize);
}

interface RequireFigures {
  readonly frameworkMs: number;
  readonly libraryMs: number;
  readonly libraryRange: [number, number];
  readonly libraryModules: number;
  readonly samples: number;
}

function measureRequire(options: Options, run: Runner): RequireFigures {
  const samples: Array<{ frameworkMs: number; libraryMs: number; libraryModules: number }> = [];
  for (let i = 0; i < options.requireSamples; i++) samples.push(JSON.parse(run.text('bench-require.js', [options.library])));
  const library = samples.map(s => s.libraryMs);
  return {
    frameworkMs: median(samples.map(s => s.frameworkMs)),
    libraryMs: median(library),
    libraryRange: [Math.min(...library), Math.max(...library)],
    libraryModules: samples[0].libraryModules,
    samples: samples.length,
  };
}

interface TestFigures {
  /** Median wall time of the runs. */
  readonly seconds: number;
  readonly range: readonly [number, number];
  readonly runs: number;
  readonly summary: string;
  readonly passed: boolean;
}

/** Runs of `npm test` timed: one run's wall time on this VM varies by a quarter between runs a minute apart. */
const TEST_RUNS = 3;

function measureTests(): TestFigures {
  const seconds: number[] = [];
  let summary = 'no summary';
  let passed = true;
  for (let i = 0; i < TEST_RUNS; i++) {
    const start = Date.now();
    // As a developer runs it: jest with eslint beside it (scripts/test.js), caches as the last run left them.
    const out = spawnSync('npm', ['test', '--silent', '--', '--silent'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    seconds.push((Date.now() - start) / 1000);
    const text = `${out.stdout}\n${out.stderr}`;
    const found = (text.match(/^Tests:.*$/m)?.[0] ?? 'no summary').replace(/^Tests:\s*/, '');
    // The report shows the first failing run's summary, else the last run's.
    if (passed) summary = out.status === 0 ? found : `${found} (run ${i + 1} of ${TEST_RUNS})`;
    passed &&= out.status === 0;
  }
  return { seconds: median(seconds), range: [Math.min(...seconds), Math.max(...seconds)], runs: TEST_RUNS, summary, passed };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Report {
  readonly rows: Row[];
  readonly require: RequireFigures;
  readonly tests?: TestFigures;
  readonly options: Options;
  readonly loadBefore: number[];
  readonly loadAfter: number[];
  readonly elapsedS: number;
}

interface Verdict {
  readonly text: string;
  readonly holds: boolean | undefined;
}

function verdicts(report: Report): Verdict[] {
  const at = (n: number) => report.rows.find(r => r.models === n);
  const ratioRow = at(5000);
  const big = at(20000);
  const result: Verdict[] = [];
  for (const n of TARGET_RATIO_AT) {
    const row = at(n);
    result.push(row
      ? { holds: row.ratio <= TARGET_RATIO, text: `library/plain at N=${fmt(n)}: ${row.ratio.toFixed(2)} (target <= ${TARGET_RATIO}; CPU-time ratio ${row.cpuRatio.toFixed(2)}; building and synthesis only, module loading is its own line)` }
      : { holds: undefined, text: `library/plain at N=${fmt(n)}: not measured in this run` });
  }
  result.push(ratioRow && big
    ? { holds: big.library / ratioRow.library <= TARGET_GROWTH, text: `growth 5,000 -> 20,000: library x${(big.library / ratioRow.library).toFixed(2)}, plain x${(big.plain / ratioRow.plain).toFixed(2)} (target <= x${TARGET_GROWTH}; x4 is linear)` }
    : { holds: undefined, text: 'growth 5,000 -> 20,000: not measured in this run (needs N=5000 and N=20000)' });
  const req = report.require;
  const withLoading = ratioRow ? `; with loading cdk8s + cdk8s-plus-27 (${req.frameworkMs.toFixed(0)} ms) in both, the N=5,000 ratio is ${((ratioRow.library + req.frameworkMs + req.libraryMs) / (ratioRow.plain + req.frameworkMs)).toFixed(2)}` : '';
  if (report.tests) {
    result.push({
      holds: report.tests.passed && report.tests.seconds <= TARGET_TEST_S,
      text: `npm test: ${report.tests.seconds.toFixed(1)} s wall, median of ${report.tests.runs} runs (${report.tests.range[0].toFixed(1)}–${report.tests.range[1].toFixed(1)}) (target <= ${TARGET_TEST_S} s on this machine; ${report.tests.summary})`,
    });
  }
  result.push({ holds: req.libraryMs <= TARGET_REQUIRE_MS, text: `module loading: cold require of the library on top of cdk8s + cdk8s-plus-27 ${req.libraryMs.toFixed(1)} ms (target <= ${TARGET_REQUIRE_MS} ms${withLoading})` });
  return result;
}

function table(report: Report): string {
  const decompose = report.options.decompose;
  const head = ['N models', 'library ms', 'plain ms', 'ratio', 'ratio range', 'CPU ratio', ...(decompose ? ['plain+deps ms', 'plain as L2 ms', 'typed L2 ms', 'library unvalidated ms'] : []), 'library build / synth ms', 'peak RSS MB lib / plain', 'above start MB lib / plain', 'floor ms', 'YAML MB'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of report.rows) {
    lines.push(`| ${[
      fmt(r.models),
      `${fmt(r.library)} (${fmt(r.libraryRange[0])}–${fmt(r.libraryRange[1])})`,
      `${fmt(r.plain)} (${fmt(r.plainRange[0])}–${fmt(r.plainRange[1])})`,
      `**${r.ratio.toFixed(2)}**`,
      `${r.ratioRange[0].toFixed(2)}–${r.ratioRange[1].toFixed(2)}`,
      r.cpuRatio.toFixed(2),
      ...(decompose ? [r.plainDeps, r.plainL2, r.typedL2, r.unvalidated].map(v => v === undefined ? '–' : `${fmt(v)} (${(v / r.plain).toFixed(2)})`) : []),
      `${fmt(r.libraryBuild)} / ${fmt(r.librarySynth)}`,
      `${fmt(r.libraryPeakMb)} / ${fmt(r.plainPeakMb)}`,
      `${fmt(r.libraryHeapMb)} / ${fmt(r.plainHeapMb)}`,
      fmt(r.floor),
      (r.bytes / 1e6).toFixed(2),
    ].join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * The library's own work per model (library minus typed L2: the same tree,
 * with the same classes, and the same dependencies, with none of the
 * library's code) beside what the ratio target leaves for it,
 * (target x plain - typed L2) / N: the budget every check, rendering step and
 * extra object must fit in.
 */
function ownWork(rows: readonly Row[]): string[] {
  const measured = rows.filter(r => r.typedL2 !== undefined && r.models >= 1000);
  if (measured.length === 0) return [];
  const us = (ms: number, n: number) => `${Math.round(ms * 1000 / n)} µs`;
  const parts = measured.map(r => `at N=${fmt(r.models)} ${us(r.library - r.typedL2!, r.models)} `
    + (r.unvalidated === undefined ? '' : `(building and rendering ${us(r.unvalidated - r.typedL2!, r.models)}, `
      + `the checks at synth ${us(r.library - r.unvalidated, r.models)}; `)
    + `${r.unvalidated === undefined ? '(' : ''}cdk8s's cost of the tree, typed L2, is ${(r.typedL2! / r.plain).toFixed(2)}x plain; `
    + `the ${TARGET_RATIO} target leaves ${us(TARGET_RATIO * r.plain - r.typedL2!, r.models)})`);
  return [`The library's own work per model (library minus typed L2, wall medians): ${parts.join('; ')}.`, ''];
}

function resultsMarkdown(report: Report): string {
  const r = report.require;
  const load = (l: number[]) => l.map(x => x.toFixed(2)).join(' ');
  const lines = [
    MARK_START,
    `<!-- generated by scripts/bench.ts${report.options.write ? ' --write' : ''}; edit the script, not this block -->`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, `
      + `${report.options.reps} repetitions per figure (medians; ranges are min–max); load average (1, 5, 15 min) `
      + `${load(report.loadBefore)} before, ${load(report.loadAfter)} after; the run took ${fmt(report.elapsedS)} s.`,
    '',
    table(report),
    '',
    ...ownWork(report.rows),
    '| target | result | holds |',
    '|---|---|---|',
    ...verdicts(report).map(v => `| ${v.text.split(':')[0]} | ${v.text.split(':').slice(1).join(':').trim()} | ${v.holds === undefined ? '–' : v.holds ? 'yes' : '**no**'} |`),
    '',
    `Cold \`require\` (median of ${r.samples} fresh processes): cdk8s + cdk8s-plus-27 ${r.frameworkMs.toFixed(0)} ms; `
      + `\`lib/index.js\` on top ${r.libraryMs.toFixed(1)} ms (${r.libraryRange[0].toFixed(1)}–${r.libraryRange[1].toFixed(1)}), ${r.libraryModules} modules.`,
    '',
    report.tests
      ? `Test suite (\`npm test\`: jest without coverage, eslint beside it, warm caches; median of ${report.tests.runs} runs): ${report.tests.seconds.toFixed(1)} s wall (${report.tests.range[0].toFixed(1)}–${report.tests.range[1].toFixed(1)}), ${report.tests.summary}${report.tests.passed ? '' : ' — FAILED'}.`
      : 'Test suite: not timed in this run.',
    '',
    '![time against N, library and plain](docs/bench.svg)',
    MARK_END,
  ];
  return lines.join('\n');
}

/** A log-log plot of wall time against N, written as SVG text (no plotting dependency). */
function svg(rows: readonly Row[]): string {
  const width = 680;
  const height = 400;
  const margin = { left: 70, right: 170, top: 40, bottom: 50 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const xs = rows.map(r => r.models);
  const ys = rows.flatMap(r => [r.library, r.plain, r.floor]).filter(v => v > 0);
  const xMin = Math.log10(Math.min(...xs)) - 0.1;
  const xMax = Math.log10(Math.max(...xs)) + 0.1;
  const yMin = Math.floor(Math.log10(Math.min(...ys)));
  const yMax = Math.ceil(Math.log10(Math.max(...ys)));
  const x = (n: number) => margin.left + ((Math.log10(n) - xMin) / (xMax - xMin)) * plotW;
  const y = (ms: number) => margin.top + plotH - ((Math.log10(ms) - yMin) / (yMax - yMin)) * plotH;
  const series: Array<{ label: string; color: string; dash: string; value: (r: Row) => number }> = [
    { label: 'library', color: '#1f77b4', dash: '', value: r => r.library },
    { label: 'plain ApiObjects', color: '#ff7f0e', dash: '6 4', value: r => r.plain },
    ...rows.every(r => r.typedL2 !== undefined) ? [{ label: 'typed L2 (cdk8s only)', color: '#2ca02c', dash: '4 2 1 2', value: (r: Row) => r.typedL2! }] : [],
    { label: 'floor (YAML only)', color: '#7f7f7f', dash: '2 3', value: r => r.floor },
  ];
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${margin.left + plotW / 2}" y="22" text-anchor="middle" font-size="14">synthYaml() wall time against number of models (log-log)</text>`,
  ];
  for (let e = yMin; e <= yMax; e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (Math.log10(v) > yMax) continue;
      out.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e5e5"/>`);
      out.push(`<text x="${margin.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text>`);
    }
  }
  for (const n of xs) {
    out.push(`<line x1="${x(n).toFixed(1)}" x2="${x(n).toFixed(1)}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x(n).toFixed(1)}" y="${margin.top + plotH + 18}" text-anchor="middle">${fmt(n)}</text>`);
  }
  out.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`);
  out.push(`<text x="${margin.left + plotW / 2}" y="${height - 10}" text-anchor="middle">models (N)</text>`);
  out.push(`<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">ms (median)</text>`);
  series.forEach((s, i) => {
    const points = rows.filter(r => s.value(r) > 0).map(r => `${x(r.models).toFixed(1)},${y(s.value(r)).toFixed(1)}`);
    out.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    for (const p of points) {
      const [px, py] = p.split(',');
      out.push(`<circle cx="${px}" cy="${py}" r="3" fill="${s.color}"/>`);
    }
    const ly = margin.top + 16 + i * 20;
    const lx = margin.left + plotW + 12;
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
    out.push(`<text x="${lx + 30}" y="${ly + 4}">${s.label}</text>`);
  });
  out.push(`<text x="${margin.left + plotW + 12}" y="${margin.top + 16 + series.length * 20 + 10}" fill="#555">slope 1 = linear</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function writeResults(report: Report): void {
  const block = resultsMarkdown(report);
  const current = fs.existsSync(BENCHMARKS_MD) ? fs.readFileSync(BENCHMARKS_MD, 'utf8') : '';
  const start = current.indexOf(MARK_START);
  const end = current.indexOf(MARK_END);
  if (start < 0 || end < start) {
    throw new Error(`${BENCHMARKS_MD} has no ${MARK_START} ... ${MARK_END} block to replace`);
  }
  fs.writeFileSync(BENCHMARKS_MD, `${current.slice(0, start)}${block}${current.slice(end + MARK_END.length)}`);
  fs.mkdirSync(path.dirname(SVG), { recursive: true });
  fs.writeFileSync(SVG, svg(report.rows));
  process.stderr.write(`bench: wrote ${path.relative(ROOT, BENCHMARKS_MD)} and ${path.relative(ROOT, SVG)}\n`);
}

/** Self time of a CPU profile by package: where a run spends its time. */
function profileSummary(file: string, libraryDir: string): string {
  interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
  const data: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(data.nodes.map(n => [n.id, n]));
  const selfUs = new Map<number, number>();
  data.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + data.timeDeltas[i]));
  const libDir = `${libraryDir}${path.sep}`;
  const packageOf = (frame: ProfileNode['callFrame']) => {
    const where = frame.url.replace(/^file:\/\//, '');
    if (!where) return frame.functionName || '(V8)';
    const nm = where.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    if (nm) return nm[1];
    if (where.startsWith(libDir)) return 'cdk8s-seldon (lib/)';
    if (where.startsWith('node:')) return 'node';
    return 'benchmark workload';
  };
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const pkg = packageOf(frame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    if (pkg === 'cdk8s-seldon (lib/)') {
      const key = `${frame.functionName || '(anonymous)'} ${path.relative(ROOT, frame.url.replace(/^file:\/\//, ''))}:${frame.lineNumber + 1}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    }
    total += us;
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k)
    .map(([name, us]) => `    ${(us / 1000).toFixed(0).padStart(6)} ms  ${(100 * us / total).toFixed(1).padStart(5)}%  ${name}`).join('\n');
  return `  self time by package (total ${(total / 1000).toFixed(0)} ms):\n${top(byPackage, 10)}\n  library functions by self time:\n${top(byFunction, 12)}`;
}

function profile(options: Options, run: Runner): void {
  const dir = path.resolve(options.profileDir!);
  fs.mkdirSync(dir, { recursive: true });
  const models = Math.max(...options.sizes);
  for (const mode of ['library', 'plain'] as const) {
    const before = new Set(fs.readdirSync(dir));
    run.run({ mode, models, libraryPath: options.library }, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200']);
    const file = fs.readdirSync(dir).find(f => !before.has(f) && f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile written to ${dir}`);
    const named = path.join(dir, `${mode}-${models}.cpuprofile`);
    fs.renameSync(path.join(dir, file), named);
    process.stdout.write(`\nprofile of the ${mode} variant, N=${fmt(models)} (${path.relative(process.cwd(), named)}; open in Chrome DevTools):\n${profileSummary(named, path.dirname(options.library))}\n`);
  }
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  if (options.library === DEFAULT_LIBRARY) ensureCompiled(options.compile);
  const dir = transpileChildren();
  try {
    const run = runner(dir);
    const loadBefore = os.loadavg();
    process.stderr.write(`bench: N = ${options.sizes.map(n => fmt(n)).join(', ')}; ${options.reps} repetitions; load average ${loadBefore.map(l => l.toFixed(2)).join(' ')}\n`);
    const rows = measure(options, run);
    const require = measureRequire(options, run);
    process.stderr.write(`bench: cold require measured (${require.samples} processes)${options.tests ? '; timing the test suite' : ''}\n`);
    const tests = options.tests ? measureTests() : undefined;
    const report: Report = { rows, require, tests, options, loadBefore, loadAfter: os.loadavg(), elapsedS: (Date.now() - started) / 1000 };
    process.stdout.write(`\n${table(report)}\n\n${ownWork(rows).join('\n')}\n`);
    for (const v of verdicts(report)) process.stdout.write(`${v.holds === undefined ? '  -' : v.holds ? ' ok' : 'MISS'}  ${v.text}\n`);
    process.stdout.write(`\ncold require: cdk8s + cdk8s-plus-27 ${report.require.frameworkMs.toFixed(0)} ms; the library adds ${report.require.libraryMs.toFixed(1)} ms `
      + `(${report.require.libraryRange[0].toFixed(1)}–${report.require.libraryRange[1].toFixed(1)}, ${report.require.libraryModules} modules)\n`);
    if (tests) process.stdout.write(`test suite: ${tests.seconds.toFixed(1)} s (median of ${tests.runs}; ${tests.range[0].toFixed(1)}–${tests.range[1].toFixed(1)}), ${tests.summary}${tests.passed ? '' : ' (FAILED)'}\n`);
    process.stdout.write(`load average before / after: ${loadBefore.map(l => l.toFixed(2)).join(' ')} / ${report.loadAfter.map(l => l.toFixed(2)).join(' ')}; `
      + '2 or more on this 2-core machine means the figures are noisy\n');
    if (options.write) writeResults(report);
    if (options.profileDir) profile(options, run);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
