/** `convert` over files and folders, and the summary the command prints. */
import * as fs from 'fs';
import * as path from 'path';
import { chartId } from './chart-naming';
import { convertManifests, ConvertOptions, FileConversion } from './convert';
import { maskCredentials } from '../errors';
import { listManifestFiles, readManifestFile } from '../validation';

/** Converts every manifest file of `paths` (folders searched for .yaml, .yml and .json). Never throws for a file's content. */
export function convertPaths(paths: readonly string[], options: ConvertOptions = {}): FileConversion[] {
  const results: FileConversion[] = [];
  const files = paths.flatMap(target => listManifestFiles(target));
  // Programs written into one directory are run into one dist/: each gets a chart id, and so a file, of its own.
  const ids = uniqueIds(files.map(file => chartId(file)));
  files.forEach((file, i) => {
    let text: string;
    try {
      text = readManifestFile(file);
    } catch (e) {
      results.push({ file, objects: [], errors: [`${file}: cannot be read: ${(e as Error).message}`], credentials: {}, millis: 0 });
      return;
    }
    results.push(convertFile(text, file, { ...options, chartId: ids[i] }));
  });
  return results;
}

/** `ids` made unique in order: the second `iris` becomes `iris-2`. */
function uniqueIds(ids: readonly string[]): string[] {
  const used = new Set<string>();
  return ids.map(id => {
    let unique = id;
    for (let i = 2; used.has(unique); i++) unique = `${id}-${i}`;
    used.add(unique);
    return unique;
  });
}

/** `convertManifests`, with a converter failure reported as the file's error rather than thrown. */
export function convertFile(text: string, file: string, options: ConvertOptions = {}): FileConversion {
  try {
    return convertManifests(text, file, options);
  } catch (e) {
    return { file, objects: [], errors: [maskCredentials(`${file}: not converted, the converter failed (please report it): ${(e as Error).message}`)], credentials: {}, millis: 0 };
  }
}

/** Output file names, one per input, unique: `iris.ts`, `iris-2.ts`, named after the program's chart id. */
export function outputNames(results: readonly FileConversion[]): Map<FileConversion, string> {
  const written = results.filter(r => r.code);
  const ids = uniqueIds(written.map(r => r.chartId ?? chartId(r.file)));
  return new Map(written.map((r, i) => [r, `${ids[i]}.ts`]));
}

/** Writes each program into `dir`; returns the paths written. */
export function writePrograms(results: readonly FileConversion[], dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [result, name] of outputNames(results)) {
    const target = path.join(dir, name);
    fs.writeFileSync(target, result.code!);
    written.push(target);
  }
  return written;
}

/** The summary: per file, each object's outcome and the fields that needed a patch. */
export function summaryLines(results: readonly FileConversion[]): string[] {
  const lines: string[] = [];
  const counts = { 'converted': 0, 'patched': 0, 'api-object': 0, 'error': 0 };
  for (const r of results) {
    lines.push(`${r.file}${r.errors.length ? ': error' : ''}`);
    for (const e of r.errors) lines.push(`  error: ${e}`);
    for (const o of r.objects) {
      counts[o.status]++;
      const label = { 'converted': `converted (${o.construct})`, 'patched': `converted with patches (${o.construct})`, 'api-object': 'passed through as ApiObject', 'error': 'error' }[o.status];
      lines.push(`  ${o.object}: ${label}`);
      if (o.patchedFields.length) lines.push(`    patched: ${o.patchedFields.join(', ')}`);
      if (o.droppedFields?.length) lines.push(`    left out (Seldon never reads it): ${o.droppedFields.join(', ')}`);
      if (o.unknownFields?.length) lines.push(`    not in Seldon's CRD (the API server drops it; a misspelt field?), kept as written: ${o.unknownFields.join(', ')}`);
      if (o.serverSetFields?.length) lines.push(`    left out (the API server sets it; applied again it would conflict): ${o.serverSetFields.join(', ')}`);
      if (o.message) lines.push(...o.message.split('\n').map(m => `    ${o.status === 'error' ? 'error' : 'why'}: ${m}`));
    }
    if (Object.keys(r.credentials).length) lines.push(`  reads credentials from: ${Object.keys(r.credentials).join(', ')}`);
  }
  const fileErrors = results.filter(r => r.errors.length).length;
  lines.push(`${results.length} files, ${counts.converted} objects converted, ${counts.patched} converted with patches, `
    + `${counts['api-object']} passed through as ApiObject, ${counts.error} errors${fileErrors ? `, ${fileErrors} files with errors` : ''}`);
  return lines;
}
