import * as fs from 'fs';
import * as path from 'path';
import { tempTree } from '../temp-dir';

// Plain JavaScript that `npm test` (scripts/test.js) loads to skip the test
// files' type check when nothing it reads changed since it last passed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stamp = require('../../scripts/typecheck-stamp.js');

const ARGS = ['-p', 'test/tsconfig.json', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/check.tsbuildinfo'];

/** A project as the check sees it: tsconfigs, a test file, a source file, a type package, the compiler and tsc's build info. */
function project() {
  const { root, write } = tempTree('stamp-');
  write('tsconfig.json', '{}');
  write('test/tsconfig.json', '{ "extends": "../tsconfig.json" }');
  write('test/a.test.ts', 'export const a = 1;');
  write('src/lib.ts', 'export const b = 2;');
  write('node_modules/@types/node/index.d.ts', '');
  write('node_modules/typescript/package.json', '{ "name": "typescript", "version": "6.0.3" }');
  write('node_modules/.cache/check.tsbuildinfo', JSON.stringify({
    fileNames: ['../../src/lib.ts', '../../test/a.test.ts', '../@types/node/index.d.ts'],
  }));
  return { root, write, check: stamp.checkOf(root, ARGS) };
}

type Project = ReturnType<typeof project>;

/** Moves a file's modification time `ms` forward (back when negative), keeping its size. */
function touch(file: string, ms = 5_000): void {
  const later = new Date(fs.statSync(file).mtimeMs + ms);
  fs.utimesSync(file, later, later);
}

/** A start of the check well after every file of `project()` was written. */
const later = () => Date.now() + 10_000;

describe('the type check is skipped only when nothing it reads changed since it last passed', () => {
  test('the check is read from the task\'s arguments: its tsconfig and build info, relative to the project', () => {
    const { root, check } = project();
    expect(check).toEqual({ root, args: ARGS, project: path.join(root, 'test/tsconfig.json'), buildInfo: path.join(root, 'node_modules/.cache/check.tsbuildinfo') });
    expect(stamp.checkOf(root, ['--tsBuildInfoFile', 'b.tsbuildinfo', '--project', 'sub']).project).toBe(path.join(root, 'sub/tsconfig.json'));
    expect(stamp.checkOf(root, ['-p', 'test/tsconfig.json'])).toBeUndefined();
  });

  test('never before a pass is recorded, always after one on the same files', () => {
    const { check } = project();
    expect(stamp.unchangedSinceLastPass(check)).toBe(false);
    expect(stamp.recordPass(check, later())).toBe(true);
    expect(stamp.unchangedSinceLastPass(check)).toBe(true);
    stamp.forgetPass(check);
    expect(stamp.unchangedSinceLastPass(check)).toBe(false);
  });

  test.each([
    ['a source file the check read is modified', (p: Project) => touch(path.join(p.root, 'src/lib.ts'))],
    ['a type package\'s declarations are modified', (p: Project) => touch(path.join(p.root, 'node_modules/@types/node/index.d.ts'))],
    ['a test file changes size', (p: Project) => fs.appendFileSync(path.join(p.root, 'test/a.test.ts'), '\n')],
    ['a test file is added', (p: Project) => p.write('test/deep/b.test.ts', '')],
    ['a source file is added beside one the check read (an import may now resolve to it)', (p: Project) => p.write('src/other.ts', '')],
    ['a file the check read is removed', (p: Project) => fs.rmSync(path.join(p.root, 'src/lib.ts'))],
    ['the test tsconfig changes', (p: Project) => touch(path.join(p.root, 'test/tsconfig.json'))],
    ['the tsconfig it extends changes', (p: Project) => touch(path.join(p.root, 'tsconfig.json'))],
    ['it extends another tsconfig, which changes', (p: Project) => {
      p.write('tsconfig.base.json', '{}');
      p.write('tsconfig.json', '{ "extends": "./tsconfig.base" }');
      expect(stamp.recordPass(p.check, later())).toBe(true);
      touch(path.join(p.root, 'tsconfig.base.json'));
    }],
    ['it extends a tsconfig of a package, which changes', (p: Project) => {
      p.write('node_modules/@tsconfig/node20/tsconfig.json', '{}');
      p.write('tsconfig.json', '{ "extends": "@tsconfig/node20/tsconfig.json" }');
      expect(stamp.recordPass(p.check, later())).toBe(true);
      touch(path.join(p.root, 'node_modules/@tsconfig/node20/tsconfig.json'));
    }],
    ['a tsconfig it extends cannot be found', (p: Project) => p.write('tsconfig.json', '{ "extends": "./missing.json" }')],
    ['a tsconfig has a trailing comma, which this does not read', (p: Project) => p.write('tsconfig.json', '{ "compilerOptions": {}, }')],
    ['the task passes tsc another flag', (p: Project) => { p.check.args.push('--noUncheckedIndexedAccess'); }],
    ['TypeScript is upgraded, its files\' sizes and times kept', (p: Project) => {
      const manifest = path.join(p.root, 'node_modules/typescript/package.json');
      const { mtime } = fs.statSync(manifest);
      fs.writeFileSync(manifest, '{ "name": "typescript", "version": "6.0.4" }');
      fs.utimesSync(manifest, mtime, mtime);
    }],
    ['a type package is installed', (p: Project) => p.write('node_modules/@types/jest/index.d.ts', '')],
    ['the build info is gone', (p: Project) => fs.rmSync(p.check.buildInfo)],
  ])('it runs again when %s', (_what, change) => {
    const p = project();
    expect(stamp.recordPass(p.check, later())).toBe(true);
    change(p);
    expect(stamp.unchangedSinceLastPass(p.check)).toBe(false);
  });

  test('a tsconfig with comments is read, a "//" in a string kept', () => {
    const p = project();
    p.write('test/tsconfig.json', '// ~~ Generated by projen.\n{ /* base */ "extends": "../tsconfig.json", "include": ["//x/**/*.ts"] }');
    expect(stamp.recordPass(p.check, later())).toBe(true);
    expect(stamp.unchangedSinceLastPass(p.check)).toBe(true);
    touch(path.join(p.root, 'tsconfig.json'));
    expect(stamp.unchangedSinceLastPass(p.check)).toBe(false);
  });

  test('a pass is not recorded when a file it read was written after the check started', () => {
    const { check } = project();
    expect(stamp.recordPass(check, 0)).toBe(false);
    expect(stamp.unchangedSinceLastPass(check)).toBe(false);
  });

  test('nor when a file\'s time is just before the start: file times lag the clock, or keep whole seconds', () => {
    const { root, check } = project();
    const started = later();
    touch(path.join(root, 'src/lib.ts'), started - 500 - fs.statSync(path.join(root, 'src/lib.ts')).mtimeMs);
    expect(stamp.recordPass(check, started)).toBe(false);
  });

  test('the project\'s own build info names the files tsc read, and the stamp is stable', () => {
    const root = path.join(__dirname, '..', '..');
    const check = stamp.checkOf(root, ['-p', 'test/tsconfig.json', '--tsBuildInfoFile', 'node_modules/.cache/typecheck-stamp-test.tsbuildinfo']);
    fs.mkdirSync(path.dirname(check.buildInfo), { recursive: true });
    fs.writeFileSync(check.buildInfo, JSON.stringify({ fileNames: ['../../src/index.ts', '../cdk8s/lib/index.d.ts'] }));
    try {
      const first = stamp.typecheckStamp(check);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(stamp.typecheckStamp(check)).toBe(first);
    } finally {
      fs.rmSync(check.buildInfo, { force: true });
    }
  });
});
