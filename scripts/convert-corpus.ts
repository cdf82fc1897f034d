/**
 * Converts and round-trips a corpus of manifests and prints the figures
 * (round-trip share, objects needing no patch per kind, the most patched
 * fields, time per file, crashes).
 *
 *   npm run convert:corpus -- <Seldon Core checkout>...   (v1.18.2: examples/, notebooks/, servers/, doc/; v2.10.2: samples/)
 *   npm run convert:corpus -- --dirs <dir>...             (every manifest file under the dirs)
 *   add --strict to exit 1 unless every file round-trips and nothing crashes
 */
import * as ts from 'typescript';
import { corpusReport, runCorpus, seldonCorpusFiles } from '../src/convert/corpus';
import { listManifestFiles } from '../src/validation';

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const dirsMode = args.includes('--dirs');
const paths = args.filter(a => !a.startsWith('--'));
if (paths.length === 0) {
  console.error('usage: convert-corpus <Seldon Core checkout>... | --dirs <dir>... [--strict]');
  process.exit(2);
}
const files = paths.flatMap(p => (dirsMode ? listManifestFiles(p) : seldonCorpusFiles(p)));
const compile = (code: string) => ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
const resolve = (module: string) => {
  switch (module) {
    case 'cdk8s': return require('cdk8s');
    case 'cdk8s-plus-27': return require('cdk8s-plus-27');
    case 'cdk8s-seldon': return require('../src');
    default: throw new Error(`unexpected import ${module}`);
  }
};
const entries = runCorpus(files, compile, resolve);
for (const line of corpusReport(entries)) console.log(line);
const failed = entries.some(e => e.crash || (e.result?.conversion.code && !e.result.equal));
if (strict && failed) process.exit(1);
