import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { widget, widgetCrdYaml } from './widget-crd';
import { runCli } from '../cli-run';

const run = runCli;

let dir: string;
let crds: string;
let good: string;
let bad: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-seldon-cli-'));
  crds = path.join(dir, 'crds');
  fs.mkdirSync(crds);
  fs.writeFileSync(path.join(crds, 'widgets.yaml'), widgetCrdYaml());
  fs.mkdirSync(path.join(dir, 'manifests'));
  good = path.join(dir, 'manifests', 'good.yaml');
  fs.writeFileSync(good, [
    stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }),
    stringify(widget({ size: 1, sise: 3 }, 'typo')),
  ].join('---\n'));
  bad = path.join(dir, 'bad.yaml');
  fs.writeFileSync(bad, [
    stringify(widget({ size: 1 }, 'ok')),
    stringify(widget({ port: true }, 'w2')),
  ].join('---\n'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cdk8s-seldon validate', () => {
  test('exits 0 and prints a summary when every object is valid', () => {
    const r = run('validate', good, '--crds', crds);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(/^OK: 1 files, 1 objects validated, 1 skipped, 0 errors in \d+ ms \(1 CRD versions loaded in \d+ ms, 1 schemas compiled in \d+ ms\)$/);
    expect(r.err).toEqual([]);
  });

  test('exits 1 and prints one line per error', () => {
    const r = run('validate', bad, `--crds=${crds}`);
    expect(r.code).toBe(1);
    expect(r.out.slice(0, -1)).toEqual([
      `${bad}#1 Widget/w2 /spec: missing required field "size"`,
      `${bad}#1 Widget/w2 /spec/port: must be an integer or a string, got true`,
    ]);
    expect(r.out[r.out.length - 1]).toMatch(/^FAILED: 1 files, 2 objects validated, 0 skipped, 2 errors in \d+ ms/);
  });

  test('--strict reports unknown fields; directories are searched', () => {
    const r = run('validate', path.join(dir, 'manifests'), '--crds', crds, '--strict');
    expect(r.code).toBe(1);
    expect(r.out[0]).toBe(`${good}#1 Widget/typo /spec/sise: unknown field "sise" (not in the CRD schema; strict mode)`);
    expect(r.out[1]).toMatch(/, strict\)$/);
  });

  test('--quiet prints error lines only', () => {
    expect(run('validate', bad, '--crds', crds, '--quiet').out).toHaveLength(2);
    expect(run('validate', good, '--crds', crds, '-q')).toEqual({ code: 0, out: [], err: [] });
  });

  test('a directory\'s construct-metadata.json (cdk8s writes it beside the manifests for validation plugins) is no manifest', () => {
    const out = path.join(dir, 'synth-out');
    fs.mkdirSync(out);
    fs.copyFileSync(good, path.join(out, 'app.k8s.yaml'));
    fs.writeFileSync(path.join(out, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources: {} }));
    const r = run('validate', out, '--crds', crds);
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out[0]).toMatch(/^OK: 1 files, 1 objects validated, 1 skipped, 0 errors/);
    // Named on its own, it is read (and is no Kubernetes object, which kubectl refuses too).
    const named = run('validate', path.join(out, 'construct-metadata.json'), '--crds', crds);
    expect(named.code).toBe(1);
    expect(named.out[0]).toBe(`${path.join(out, 'construct-metadata.json')}#0 (not an object) /: no apiVersion or kind: not a Kubernetes object`);
  });

  test('a document that is no object is an error (kubectl refuses it); a file in UTF-16 is read as kubectl reads it', () => {
    fs.writeFileSync(path.join(dir, 'list.yaml'), '- just\n- a list\n');
    const r = run('validate', path.join(dir, 'list.yaml'), '--crds', crds);
    expect(r.code).toBe(1);
    expect(r.out[0]).toBe(`${path.join(dir, 'list.yaml')}#0 (not an object) /: not a Kubernetes object (a list)`);
    // PowerShell 5's `>` writes UTF-16 with a byte order mark: the invalid object in it is found, not skipped.
    const utf16 = path.join(dir, 'utf16.yaml');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fs.readFileSync(bad, 'utf8'), 'utf16le')]));
    const errors = (file: string) => run('validate', file, '--crds', crds).out.filter(l => !l.startsWith('FAILED')).map(l => l.split(file).join('<file>'));
    expect(errors(utf16)).toEqual(errors(bad));
    expect(errors(utf16).length).toBeGreaterThan(0);
  });

  test('without --crds, validates against the schemas shipped with the package', () => {
    const model = path.join(dir, 'model.yaml');
    fs.writeFileSync(model, [
      stringify({ apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name: 'ok' }, spec: { storageUri: 'gs://m/ok' } }),
      stringify({ apiVersion: 'mlops.seldon.io/v1alpha1', kind: 'Model', metadata: { name: 'typo' }, spec: { storageUri: 'gs://m/t', requirement: ['sklearn'] } }),
    ].join('---\n'));
    expect(run('validate', model).code).toBe(0);
    const strict = run('validate', model, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out[0]).toBe(`${model}#1 Model/typo /spec/requirement: unknown field "requirement" (not in the CRD schema; strict mode)`);
    expect(strict.out[1]).toMatch(/^FAILED: 1 files, 2 objects validated, 0 skipped, 1 errors in \d+ ms \(11 CRD versions loaded/);
    // --crds replaces them: the Widget CRD alone knows no Model.
    expect(run('validate', model, '--crds', crds).out[0]).toMatch(/unknown kind\/version: no CRD loaded for mlops.seldon.io\/v1alpha1 Model/);
  });

  test('a kind or name holding a URL\'s user info is masked in the error line (hostile-manifest fuzzer)', () => {
    const file = path.join(dir, 'credential-kind.yaml');
    fs.writeFileSync(file, 'apiVersion: machinelearning.seldon.io/v1\nkind: "https://u:Val1dS3cr3t@h/x"\nmetadata: { name: "s3://AKIA:Val1dS3cr3t@b/k" }\n');
    const r = run('validate', file);
    expect(r.code).toBe(1);
    // One span from the first "://" to the last "@": kind and name masked together.
    expect(r.out[0]).toMatch(/^\S+credential-kind\.yaml#0 https:\/\/\*\*\*@b\/k \/: unknown kind\/version: no CRD loaded for machinelearning\.seldon\.io\/v1 https:\/\/\*\*\*@h\/x /);
    expect([...r.out, ...r.err].join('\n')).not.toContain('Val1dS3cr3t');
  });

  test('--help prints usage and exits 0', () => {
    for (const args of [['--help'], ['validate', '--help'], ['-h']]) {
      const r = run(...args);
      expect(r.code).toBe(0);
      expect(r.out.join('\n')).toContain('Usage: cdk8s-seldon validate');
    }
  });

  test.each([
    ['no command', [], 'no command given'],
    ['an unknown command', ['check', 'x.yaml'], 'unknown command check'],
    ['no manifests', ['validate', '--crds', 'CRDS'], 'no manifest files or directories given'],
    ['--crds without a value', ['validate', 'GOOD', '--crds'], '--crds needs a path'],
    ['an unknown option', ['validate', 'GOOD', '--crds', 'CRDS', '--stirct'], 'unknown option --stirct'],
    ['a missing manifest', ['validate', 'nope.yaml', '--crds', 'CRDS'], 'manifest path not found: nope.yaml'],
    ['a missing CRD path', ['validate', 'GOOD', '--crds', 'nope'], 'CRD path not found: nope'],
    ['a directory without manifests', ['validate', 'EMPTY', '--crds', 'CRDS'], 'no .yaml, .yml or .json files found'],
    ['CRD paths without CRDs', ['validate', 'GOOD', '--crds', 'GOOD'], 'no CustomResourceDefinitions found'],
  ])('exits 2 on usage errors: %s', (_name, args, message) => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    const resolved = args.map(a => ({ CRDS: crds, GOOD: good, EMPTY: empty } as { [k: string]: string })[a] ?? a);
    const r = run(...resolved);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err[0]).toContain(message);
  });
});
