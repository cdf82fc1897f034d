/**
 * CI check: validates every Seldon object in synthesized manifests against
 * Seldon's CRDs.
 *
 *   npx ts-node --project scripts/tsconfig.json scripts/validate-crds.ts <dir-or-files...> [--crds <dir>]... [--strict]
 *
 * `--crds` defaults to $SELDON_CRDS_DIR, else ../shared/seldon/crds (relative
 * to the repository root). Exits 1 on any validation error, and also when no
 * Seldon object was found at all: an empty dist/ means the synth step broke,
 * not that the manifests are fine. Exits 2 on usage errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { formatIssue } from '../src/cli/main';
import { CrdSchemaRegistry, CrdValidator } from '../src/validation';

function usage(message: string): never {
  process.stderr.write(`validate-crds: ${message}\n`);
  process.stderr.write('usage: validate-crds.ts <dir-or-files...> [--crds <dir-or-file>]... [--strict]\n');
  process.exit(2);
}

function run(argv: readonly string[]): number {
  const inputs: string[] = [];
  const crds: string[] = [];
  let strict = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--crds') {
      const value = argv[++i];
      if (!value) usage('--crds needs a path');
      crds.push(value);
    } else if (arg === '--strict') {
      strict = true;
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`);
    } else {
      inputs.push(arg);
    }
  }
  if (crds.length === 0) {
    crds.push(process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', 'shared', 'seldon', 'crds'));
  }
  if (inputs.length === 0) usage('no manifest files or directories given');
  for (const p of [...inputs, ...crds]) {
    if (!fs.existsSync(p)) usage(`not found: ${p}`);
  }

  const loadStart = Date.now();
  const registry = CrdSchemaRegistry.fromPaths(crds);
  if (registry.size === 0) usage(`no CustomResourceDefinitions in ${crds.join(', ')}`);
  console.log(`loaded ${registry.size} CRD versions from ${registry.files.length} files in ${Date.now() - loadStart} ms`);

  const report = new CrdValidator(registry, { strict }).validateFiles(inputs);
  for (const c of report.compiled) {
    console.log(`compiled ${c.apiVersion} ${c.kind} (${path.basename(c.source)}) in ${c.ms.toFixed(0)} ms`);
  }
  for (const w of [...registry.warnings, ...report.warnings]) console.log(`warning: ${w}`);
  for (const issue of report.errors) console.log(formatIssue(issue));

  const compileMs = report.compiled.reduce((sum, c) => sum + c.ms, 0);
  console.log(
    `${report.files} files, ${report.documents} documents: ${report.validated} Seldon objects validated, `
    + `${report.skipped} skipped, ${report.errors.length} errors; ${report.elapsedMs.toFixed(0)} ms `
    + `(${compileMs.toFixed(0)} ms compiling schemas, ${(report.elapsedMs - compileMs).toFixed(0)} ms reading and validating)${strict ? ' [strict]' : ''}`,
  );
  if (report.validated === 0) {
    console.log('error: no Seldon objects found; did the synth step produce any manifests?');
    return 1;
  }
  return report.valid ? 0 : 1;
}

process.exitCode = run(process.argv.slice(2));
