/**
 * Converts and round-trips a corpus of manifests and prints the figures
 * (round-trip share, objects needing no patch per kind, the most patched
 * fields, time per file, crashes).
 *
 *   npm run convert:corpus -- <Seldon Core checkout>...   (v1.18.2: examples/, notebooks/, servers/, doc/; v2.10.2: samples/)
 *   npm run convert:corpus -- --dirs <dir>...             (every manifest file under the dirs)
 *   --strict     exit 1 unless every file round-trips and nothing crashes
 *   --typecheck  also type-check every program (strict, noUnusedLocals) against the library's source
 */
import * as cdk8s from 'cdk8s';
import * as plus from 'cdk8s-plus-27';
import * as ts from 'typescript';
import * as seldon from '../src';
import { typeCheckPrograms } from './typecheck-programs';
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
const compile = (code: string) => ts.transpileModule(code, {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
}).outputText;
const resolve = (module: string) => {
  switch (module) {
    case 'cdk8s': return cdk8s;
    case 'cdk8s-plus-27': return plus;
    case 'cdk8s-seldon': return seldon;
    default: throw new Error(`unexpected import ${module}`);
  }
};
const entries = runCorpus(files, compile, resolve);
for (const line of corpusReport(entries)) console.log(line);
let failed = entries.some(e => e.crash || (e.result?.conversion.code && !e.result.equal));
if (args.includes('--typecheck')) {
  const programs = entries.map(e => e.result?.conversion.code).filter((c): c is string => c !== undefined);
  const problems = typeCheckPrograms(programs, { noUnusedLocals: true });
  console.log(`type check: ${problems.length} errors in ${entries.filter(e => e.result?.conversion.code).length} programs`);
  problems.slice(0, 20).forEach(p => console.log(`  ${p}`));
  failed = failed || problems.length > 0;
}
if (strict && failed) process.exit(1);
