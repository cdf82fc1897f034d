/**
 * The corpus run: every manifest file of a set, converted and round-tripped,
 * with the figures of how much of Seldon the constructs express
 * (`npm run convert:corpus`; CI runs it on test/convert/corpus).
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { roundTrip, RoundTrip } from './round-trip';
import { listManifestFiles } from '../validation';

/** The manifest files of a Seldon Core checkout: SeldonDeployment files of the v1 folders, every file of v2's samples/. */
export function seldonCorpusFiles(checkout: string): string[] {
  const files: string[] = [];
  for (const dir of ['examples', 'notebooks', 'servers', 'doc']) {
    const root = path.join(checkout, dir);
    if (!fs.existsSync(root)) continue;
    files.push(...listManifestFiles(root).filter(f => /machinelearning\.seldon\.io/.test(fs.readFileSync(f, 'utf8'))
      && /kind["']?\s*:\s*["']?SeldonDeployment/.test(fs.readFileSync(f, 'utf8'))));
  }
  const samples = path.join(checkout, 'samples');
  if (fs.existsSync(samples)) files.push(...listManifestFiles(samples));
  return files;
}

/** One file's run. */
export interface CorpusEntry {
  readonly file: string;
  readonly result?: RoundTrip;
  /** A failure of the converter or of the converted program: a bug. */
  readonly crash?: string;
  readonly convertMillis: number;
  readonly roundTripMillis: number;
}

/** Runs every file; never throws. */
export function runCorpus(files: readonly string[], compile: (ts: string) => string, resolve: (module: string) => any): CorpusEntry[] {
  return files.map(file => {
    const start = performance.now();
    try {
      const result = roundTrip(fs.readFileSync(file, 'utf8'), file, compile, resolve);
      const crash = result.conversion.errors.find(e => e.includes('converter failed'));
      return { file, result, crash, convertMillis: result.conversion.millis, roundTripMillis: performance.now() - start };
    } catch (e) {
      return { file, crash: (e as Error).stack ?? String(e), convertMillis: 0, roundTripMillis: performance.now() - start };
    }
  });
}

const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);

/** The figures, as lines of text. */
export function corpusReport(all: readonly CorpusEntry[], top = 15): string[] {
  let entries = all;
  const lines: string[] = [];
  // Files holding no Kubernetes object at all (Helm values, model settings) are no manifests.
  const manifest = (e: CorpusEntry) => !e.result || e.result.conversion.errors.length > 0 || e.result.conversion.objects.some(o => o.kind !== '?' && !o.message?.includes('not a Kubernetes object'));
  const skipped = entries.filter(e => !manifest(e)).length;
  entries = entries.filter(manifest);
  const done = entries.filter(e => e.result);
  const withCode = done.filter(e => e.result!.conversion.code);
  const equal = withCode.filter(e => e.result!.equal);
  const fileErrors = done.filter(e => e.result!.conversion.errors.length > 0);
  const crashes = entries.filter(e => e.crash);
  lines.push(`files: ${entries.length} (${skipped} more hold no Kubernetes object and are left out); converted to code: ${withCode.length}; not read (invalid YAML): ${fileErrors.length}; crashes: ${crashes.length}`);
  lines.push(`round trip: ${equal.length}/${withCode.length} files synthesize the same objects (${pct(equal.length, withCode.length)})`);
  const kinds = new Map<string, { total: number; clean: number; patched: number; apiObject: number; error: number }>();
  const fields = new Map<string, number>();
  const unknown: string[] = [];
  const rules = new Map<string, number>();
  for (const e of done) {
    for (const o of e.result!.conversion.objects) {
      // Kinds of other API groups (iter8's Experiment) are counted apart from Seldon's.
      const group = o.apiVersion?.includes('/') ? o.apiVersion.split('/')[0] : '';
      const kind = group === '' || group.endsWith('seldon.io') ? o.kind : `${o.kind} (${group})`;
      const k = kinds.get(kind) ?? { total: 0, clean: 0, patched: 0, apiObject: 0, error: 0 };
      k.total++;
      if (o.status === 'converted') k.clean++;
      if (o.status === 'patched') k.patched++;
      if (o.status === 'api-object') k.apiObject++;
      if (o.status === 'error') {
        k.error++;
        const rule = /\("([^"]+)"\)/.exec(o.message ?? '')?.[1] ?? 'not a Kubernetes object';
        rules.set(rule, (rules.get(rule) ?? 0) + 1);
      }
      kinds.set(kind, k);
      for (const f of o.patchedFields) fields.set(`${o.kind} ${f}`, (fields.get(`${o.kind} ${f}`) ?? 0) + 1);
      for (const f of o.unknownFields ?? []) unknown.push(`${o.object} ${f}`);
    }
  }
  lines.push('per kind: objects; no patch needed (share of the converted); with patches; as ApiObject; errors');
  for (const [kind, k] of [...kinds.entries()].sort((a, b) => b[1].total - a[1].total)) {
    const converted = k.total - k.error;
    lines.push(`  ${kind}: ${k.total}; ${k.clean} (${pct(k.clean, converted)}); ${k.patched}; ${k.apiObject}; ${k.error}`);
  }
  lines.push(`most patched fields (objects needing each, top ${top}):`);
  for (const [f, n] of [...fields.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${n} ${f}`);
  lines.push(`fields not in Seldon's CRD (the API server drops them), kept as written: ${unknown.length}`);
  for (const u of unknown.slice(0, top)) lines.push(`  ${u}`);
  if (rules.size) {
    lines.push('objects reported as errors (the Seldon webhook rule, or why; objects):');
    for (const [r, n] of [...rules.entries()].sort((a, b) => b[1] - a[1])) lines.push(`  ${n} ${r}`);
  }
  const times = done.map(e => e.convertMillis).sort((a, b) => a - b);
  const rt = done.map(e => e.roundTripMillis).sort((a, b) => a - b);
  const median = (xs: number[]) => (xs.length ? xs[Math.floor(xs.length / 2)] : 0);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  lines.push(`time per file: convert mean ${mean(times).toFixed(1)} ms, median ${median(times).toFixed(1)} ms, max ${(times[times.length - 1] ?? 0).toFixed(1)} ms; `
    + `convert + compile + synthesize + compare mean ${mean(rt).toFixed(1)} ms`);
  for (const e of withCode.filter(x => !x.result!.equal)) lines.push(`round trip differs: ${e.file}: ${e.result!.differences.join('; ')}`);
  for (const e of crashes) lines.push(`crash: ${e.file}: ${e.crash!.split('\n').slice(0, 3).join(' | ')}`);
  return lines;
}
