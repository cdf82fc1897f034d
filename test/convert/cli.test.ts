/** `cdk8s-seldon convert`: files in, programs and a summary out, exit codes. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../cli-run';

const CORPUS = path.join(__dirname, 'corpus');

describe('cdk8s-seldon convert', () => {
  test('one file: the program on stdout, the summary on stderr, exit 0', () => {
    const run = runCli('convert', path.join(CORPUS, 'v1-seed-short-form.yaml'));
    expect(run.code).toBe(0);
    expect(run.out.join('\n')).toContain("new PrepackagedModel(chart, 'sklearn-iris', {");
    expect(run.err).toContain('  SeldonDeployment/sklearn-iris: converted (PrepackagedModel)');
    expect(run.err[run.err.length - 1]).toBe('1 files, 1 objects converted, 0 converted with patches, 0 passed through as ApiObject, 0 errors');
  });

  test('a folder with --out: one program per file, the summary lists what needed a patch', () => {
    // Three files of the corpus (the whole corpus round-trips in corpus.test.ts): a patch, a v2 file, credentials.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-in-'));
    for (const f of ['v1-graph.yaml', 'v2-seed-servers.yaml', 'v1-seed-secret-minio.yaml']) fs.copyFileSync(path.join(CORPUS, f), path.join(dir, f));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-'));
    const run = runCli('convert', dir, '--out', out);
    expect(run.code).toBe(0);
    const written = fs.readdirSync(out).sort();
    expect(written).toContain('v1-graph.ts');
    expect(written).toContain('v2-seed-servers.ts');
    expect(run.out).toContain(`wrote ${path.join(out, 'v1-graph.ts')}`);
    expect(run.out).toContain('  SeldonDeployment/income: converted with patches (SeldonDeployment)');
    expect(run.out).toContain('    patched: spec.predictors[].replicas, spec.predictors[].componentSpecs[].hpaSpec');
    expect(run.out.some(l => l.startsWith('  reads credentials from: '))).toBe(true);
    expect(written).toEqual(['v1-graph.ts', 'v1-seed-secret-minio.ts', 'v2-seed-servers.ts']);
    fs.rmSync(out, { recursive: true });
    fs.rmSync(dir, { recursive: true });
  });

  test('files of one name in one --out run get programs and charts of their own, so their manifests do not overwrite each other', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-in-'));
    for (const sub of ['d1', 'd2']) {
      fs.mkdirSync(path.join(dir, sub));
      fs.copyFileSync(path.join(CORPUS, 'v1-seed-short-form.yaml'), path.join(dir, sub, 'iris.yaml'));
    }
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-'));
    expect(runCli('convert', dir, '--out', out).code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['iris-2.ts', 'iris.ts']);
    expect(fs.readFileSync(path.join(out, 'iris.ts'), 'utf8')).toContain("new Chart(app, 'iris'");
    expect(fs.readFileSync(path.join(out, 'iris-2.ts'), 'utf8')).toContain("new Chart(app, 'iris-2'");
    fs.rmSync(out, { recursive: true });
    fs.rmSync(dir, { recursive: true });
  });

  test('errors: exit 1, each named in the summary; the other objects are still converted', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convert-'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'a: [\n');
    fs.copyFileSync(path.join(CORPUS, 'v1-seed-short-form.yaml'), path.join(dir, 'good.yaml'));
    const run = runCli('convert', dir, '--out', path.join(dir, 'out'));
    expect(run.code).toBe(1);
    expect(run.out).toContain(`${path.join(dir, 'bad.yaml')}: error`);
    expect(run.out.some(l => l.startsWith(`  error: ${path.join(dir, 'bad.yaml')}#0: YAML error`))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'out', 'good.ts'))).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });

  test.each([
    [['convert'], 'no manifest files or directories given'],
    [['convert', CORPUS], 'more than one manifest file: give --out <dir>'],
    [['convert', '/no/such/file.yaml'], 'manifest path not found: /no/such/file.yaml'],
    [['convert', CORPUS, '--bogus'], 'unknown option --bogus'],
  ])('usage error %j', (args, message) => {
    const run = runCli(...args);
    expect(run.code).toBe(2);
    expect(run.err[0]).toBe(`cdk8s-seldon: ${message}`);
  });

  test('--help', () => {
    const run = runCli('convert', '--help');
    expect(run.code).toBe(0);
    expect(run.out[0]).toMatch(/^Usage: cdk8s-seldon convert <manifest file or dir>\.\.\. \[--out <dir>\] \[--inline-credentials\]/);
  });
});
