/**
 * The round-trip check: the program `convert` wrote, compiled and run,
 * synthesizes the objects it was converted from (compared in normal form,
 * ./normalise.ts). Compiling is the caller's (tests and the corpus script
 * use TypeScript's transpiler), so the library does not depend on it.
 */
import { chartNamespace } from './chart-naming';
import { convertManifests, ConvertOptions, FileConversion } from './convert';
import { normalise } from './normalise';
import { deepEqual, patchesBetween } from './patches';
import { withoutServerSetFields } from './unwritable';
import { isObject, Json, parseManifestText } from '../graph/manifests';

/**
 * Runs a compiled program (CommonJS) with `process.env` set to `env`;
 * `resolve` loads its imports ('cdk8s', 'cdk8s-plus-27', 'cdk8s-seldon').
 * Returns every object its app synthesizes, after the app-wide checks.
 */
export function runProgram(js: string, env: Record<string, string>, resolve: (module: string) => any): Json[] {
  const cdk8s = resolve('cdk8s');
  const apps: any[] = [];
  // app.synth() would write files: the program's app records itself instead.
  class RecordingApp extends cdk8s.App {
    public synth(): void {
      apps.push(this);
    }
  }
  const modules: Record<string, unknown> = { cdk8s: { ...cdk8s, App: RecordingApp } };
  const module = { exports: {} };
  const load = (name: string) => modules[name] ?? resolve(name);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'module', 'exports', 'process', js)(load, module, module.exports, { env: { ...env } });
  const objects: Json[] = [];
  // Each chart's toJson() first resolves and validates the whole app, as synthYaml() does (cdk8s App._synthChart).
  for (const app of apps) for (const chart of app.charts) objects.push(...chart.toJson());
  return objects;
}

/** The outcome of a round trip of one file. */
export interface RoundTrip {
  readonly conversion: FileConversion;
  /** True when every converted object came back equal and nothing else was synthesized. */
  readonly equal: boolean;
  /** What differs, per object. */
  readonly differences: string[];
}

function identity(o: Json, namespace?: string): string {
  const metadata = isObject(o.metadata) ? o.metadata : {};
  const group = typeof o.apiVersion === 'string' && o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${group}/${String(o.kind)}/${String(metadata.namespace ?? namespace ?? '')}/${String(metadata.name)}`;
}

/** Converts `text`, compiles the program with `compile`, runs it, and compares what it synthesizes with the input. */
export function roundTrip(
  text: string, file: string, compile: (ts: string) => string, resolve: (module: string) => any, options: ConvertOptions = {},
): RoundTrip {
  const conversion = convertManifests(text, file, options);
  if (!conversion.code) return { conversion, equal: conversion.objects.every(o => o.status === 'error'), differences: [] };
  const converted = new Set(conversion.objects.filter(o => o.status !== 'error').map(o => o.documentIndex));
  // What the API server sets (an export's uid, resourceVersion, status) the converter leaves out on purpose, and says so.
  const inputs = parseManifestText(text, file).objects.filter(o => converted.has(o.documentIndex)).map(o => withoutServerSetFields(o.value).value);
  const namespace = chartNamespace(inputs);
  const synthesized = runProgram(compile(conversion.code), conversion.credentials, resolve);
  const differences: string[] = [];
  const byId = new Map(synthesized.map(o => [identity(o, namespace), o]));
  for (const input of inputs) {
    const key = identity(input, namespace);
    const output = byId.get(key);
    byId.delete(key);
    if (!output) {
      differences.push(`${key}: not synthesized`);
      continue;
    }
    const wanted = normalise(input, namespace);
    const got = normalise(output, namespace);
    if (!deepEqual(wanted, got)) differences.push(`${key}: differs at ${patchesBetween(got, wanted, input).map(p => p.path).join(', ')}`);
  }
  for (const key of byId.keys()) differences.push(`${key}: synthesized but not in the input`);
  return { conversion, equal: differences.length === 0, differences };
}
