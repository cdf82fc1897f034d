/**
 * One measurement of `scripts/bench.ts`, run in a fresh Node process so that
 * each figure starts from the same state (no JIT warm-up carried over from
 * the other variant) and the process's peak RSS belongs to that one run.
 * bench.ts transpiles this file and `bench-workload.ts` to plain JavaScript
 * first; the library is loaded from the compiled `lib/`, as users load it.
 *
 *   node bench-child.js '<json Task>'   prints one json Result line
 */
import { createHash } from 'crypto';
import { App, Yaml } from 'cdk8s';
import { PlainStructure, SeldonModule, buildLibrary, buildPlain, leaveOutValidations } from './bench-workload';

/** What the parent asks for. */
export interface Task {
  /**
   * `library`, `plain`, `plain-deps`, `plain-l2` and `plain-l2-typed`: build and synthesize an app of
   * `models` models (the plain variants are described in bench-workload.ts).
   * `library-unvalidated`: the library with every validation left out (see `leaveOutValidations`), to measure
   * what its checks at synth cost.
   * `floor`: serialize the plain app's objects only (`Yaml.stringify`), after rendering them untimed.
   * `diff`: build both apps and print where their YAML first differs.
   */
  readonly mode: 'library' | 'library-unvalidated' | 'plain' | 'plain-deps' | 'plain-l2' | 'plain-l2-typed' | 'floor' | 'diff';
  readonly models: number;
  /** Absolute path of the compiled library entry point, `<repo>/lib/index.js`. */
  readonly libraryPath: string;
}

/** What the child prints. Times in milliseconds, memory in MiB. */
export interface Result {
  readonly wallMs: number;
  readonly buildMs: number;
  readonly synthMs: number;
  /** User + system CPU time of the timed section (all threads, GC included). */
  readonly cpuMs: number;
  /** Peak resident set size of the whole process. */
  readonly peakRssMb: number;
  /** Resident set size after loading the modules, before the timed section. */
  readonly baseRssMb: number;
  /** Length and SHA-1 of the synthesized YAML, for the identity check. */
  readonly bytes: number;
  readonly sha1: string;
}

const MIB = 1024 * 1024;

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function synthYaml(app: App): string {
  return app.synthYaml();
}

/** The library under test, from the path the parent gives (lib/ or a saved copy), loaded before any clock starts. */
function loadLibrary(task: Task): SeldonModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(task.libraryPath);
}

function measureSynth(task: Task): Result {
  if (task.mode === 'library-unvalidated') leaveOutValidations();
  const seldon = task.mode === 'library' || task.mode === 'library-unvalidated' ? loadLibrary(task) : undefined;
  const baseRssMb = process.memoryUsage().rss / MIB;
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const structure: PlainStructure = task.mode === 'plain-deps' ? 'deps' : task.mode === 'plain-l2' ? 'l2' : task.mode === 'plain-l2-typed' ? 'l2-typed' : 'plain';
  const app = seldon ? buildLibrary(seldon, task.models) : buildPlain(task.models, structure);
  const t1 = now();
  const yaml = synthYaml(app);
  const t2 = now();
  const cpu = process.cpuUsage(cpu0);
  return {
    wallMs: t2 - t0,
    buildMs: t1 - t0,
    synthMs: t2 - t1,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    baseRssMb,
    bytes: yaml.length,
    sha1: createHash('sha1').update(yaml).digest('hex'),
  };
}

/**
 * The floor: what writing the same documents as YAML costs with nothing else,
 * the part of `synthYaml()` no library can remove. The documents are rendered
 * untimed first, exactly as synthYaml() would pass them to `Yaml.stringify`.
 */
function measureFloor(task: Task): Result {
  const app = buildPlain(task.models);
  const docs: any[] = [];
  for (const chart of app.charts) docs.push(...Object.values(chart.toJson()));
  const baseRssMb = process.memoryUsage().rss / MIB;
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const yaml = Yaml.stringify(...docs);
  const t1 = now();
  const cpu = process.cpuUsage(cpu0);
  return {
    wallMs: t1 - t0,
    buildMs: 0,
    synthMs: t1 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    baseRssMb,
    bytes: yaml.length,
    sha1: createHash('sha1').update(yaml).digest('hex'),
  };
}

function diff(task: Task): void {
  const library = synthYaml(buildLibrary(loadLibrary(task), task.models)).split('\n');
  const plain = synthYaml(buildPlain(task.models)).split('\n');
  const at = library.findIndex((line, i) => line !== plain[i]);
  const line = at >= 0 ? at : Math.min(library.length, plain.length);
  process.stdout.write(`first difference at line ${line + 1}\n--- library\n${library.slice(Math.max(0, line - 8), line + 4).join('\n')}\n`
    + `--- plain\n${plain.slice(Math.max(0, line - 8), line + 4).join('\n')}\n`);
}

function main(): void {
  const task: Task = JSON.parse(process.argv[2]);
  if (task.mode === 'diff') return diff(task);
  const result = task.mode === 'floor' ? measureFloor(task) : measureSynth(task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
