import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, Chart, Testing } from 'cdk8s';

// Each test file has a temporary directory of its own, removed after it
// (jest-runtime.js): cdk8s's Testing.app() never removes the one it makes.
describe('the temporary directory of a test file', () => {
  test('is the system\'s temporary directory while the file runs, and holds what Testing.app() makes', () => {
    expect(path.basename(os.tmpdir())).toMatch(/^jest-file-/);
    const outdir = Testing.app().outdir;
    expect(path.dirname(outdir)).toBe(os.tmpdir());
  });

  test('an app\'s outdir is named, each app its own, and made only when the app writes', () => {
    const app = Testing.app();
    const other = Testing.app();
    expect(other.outdir).not.toBe(app.outdir);
    expect(path.basename(app.outdir)).toMatch(/^cdk8s\.outdir\./);
    expect(fs.existsSync(app.outdir)).toBe(false);
    new ApiObject(new Chart(app, 'written'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    app.synth();
    expect(fs.readdirSync(app.outdir)).toEqual(['written.k8s.yaml']);
    expect(fs.existsSync(other.outdir)).toBe(false);
    // Other directories are made as before.
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'other.'));
    expect(fs.statSync(made).isDirectory()).toBe(true);
  });

  test('a nested one is restored and removed with what it holds', () => {
    // In a process of its own: a test file's `process.env` is Jest's copy, which os.tmpdir() does not read.
    const script = `
      const fs = require('fs'), os = require('os'), path = require('path');
      const { useFileTmpdir } = require(${JSON.stringify(path.join(__dirname, 'file-tmpdir.js'))});
      const outer = os.tmpdir();
      const remove = useFileTmpdir();
      const inner = os.tmpdir();
      fs.mkdirSync(path.join(inner, 'app', 'deep'), { recursive: true });
      const held = fs.existsSync(path.join(inner, 'app', 'deep'));
      remove();
      console.log(JSON.stringify({ nested: path.dirname(inner) === outer, named: path.basename(inner).startsWith('jest-file-'), held, restored: os.tmpdir() === outer, removed: !fs.existsSync(inner) }));`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ nested: true, named: true, held: true, restored: true, removed: true });
  });
});
