/** `convert` over files and folders, and the summary the command prints. */
import * as fs from 'fs';
import * as path from 'path';
import { chartId, convertManifests, ConvertOptions, FileConversion } from './convert';
import { listManifestFiles } from '../validation';

/** Converts every manifest file of `paths` (folders searched for .yaml, .yml and .json). Never throws for a file's content. */
export function convertPaths(paths: readonly string[], options: ConvertOptions = {}): FileConversion[] {
  const results: FileConversion[] = [];
  for (const target of paths) {
    for (const file of listManifestFiles(target)) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        results.push({ file, objects: [], errors: [`${file}: cannot be read: ${(e as Error).message}`], credentials: {}, millis: 0 });
        continue;
      }
      results.push(convertFile(text, file, options));
    }
  }
  return results;
}

/** `convertManifests`, with a converter failure reported as the file's error rather than thrown. */
export function convertFile(text: string, file: string, options: ConvertOptions = {}): FileConversion {
  try {
    return convertManifests(text, file, options);
  } catch (e) {
    return { file, objects: [], errors: [`${file}: not converted, the converter failed (please report it): ${(e as Error).message}`], credentials: {}, millis: 0 };
  }
}

/** Output file names, one per input, unique: `iris.ts`, `iris-2.ts`. */
export function outputNames(results: readonly FileConversion[]): Map<FileConversion, string> {
  const used = new Set<string>();
  const names = new Map<FileConversion, string>();
  for (const r of results) {
    if (!r.code) continue;
    let name = `${chartId(r.file)}.ts`;
    for (let i = 2; used.has(name); i++) name = `${chartId(r.file)}-${i}.ts`;
    used.add(name);
    names.set(r, name);
  }
  return names;
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
      if (o.message) lines.push(...o.message.split('\n').map(m => `    ${o.status === 'error' ? 'error' : 'why'}: ${m}`));
    }
    if (Object.keys(r.credentials).length) lines.push(`  reads credentials from: ${Object.keys(r.credentials).join(', ')}`);
  }
  const fileErrors = results.filter(r => r.errors.length).length;
  lines.push(`${results.length} files, ${counts.converted} objects converted, ${counts.patched} converted with patches, `
    + `${counts['api-object']} passed through as ApiObject, ${counts.error} errors${fileErrors ? `, ${fileErrors} files not read` : ''}`);
  return lines;
}
