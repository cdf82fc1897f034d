import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../temp-dir';

// Plain JavaScript that `npm test` (scripts/test.js) loads to skip the test
// files' type check when nothing it reads changed since it last passed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stamp = require('../../scripts/typecheck-stamp.js');

/** A project as the check sees it: tsconfigs, a test file, a source file, a type package and tsc's build info. */
function project() {
  const root = tempDir('stamp-');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('tsconfig.json', '{}');
  write('test/tsconfig.json', '{}');
  write('test/a.test.ts', 'export const a = 1;');
  write('src/lib.ts', 'export const b = 2;');
  write('node_modules/@types/node/index.d.ts', '');
  const buildInfo = path.join(root, 'node_modules', '.cache', 'check.tsbuildinfo');
  write('node_modules/.cache/check.tsbuildinfo', JSON.stringify({
    fileNames: ['../../src/lib.ts', '../../test/a.test.ts', '../@types/node/index.d.ts'],
  }));
  return { root, buildInfo, write };
}

/** Moves a file's modification time forward, keeping its size. */
function touch(file: string): void {
  const later = new Date(fs.statSync(file).mtimeMs + 5_000);
  fs.utimesSync(file, later, later);
}

describe('the type check is skipped only when nothing it reads changed since it last passed', () => {
  test('never before a pass is recorded, always after one on the same files', () => {
    const { root, buildInfo } = project();
    expect(stamp.unchangedSinceLastPass(root, buildInfo)).toBe(false);
    expect(stamp.recordPass(root, buildInfo, Date.now() + 1_000)).toBe(true);
    expect(stamp.unchangedSinceLastPass(root, buildInfo)).toBe(true);
    stamp.forgetPass(buildInfo);
    expect(stamp.unchangedSinceLastPass(root, buildInfo)).toBe(false);
  });

  test.each([
    ['a source file the check read is modified', (p: ReturnType<typeof project>) => touch(path.join(p.root, 'src/lib.ts'))],
    ['a type package\'s declarations are modified', (p: ReturnType<typeof project>) => touch(path.join(p.root, 'node_modules/@types/node/index.d.ts'))],
    ['a test file changes size', (p: ReturnType<typeof project>) => fs.appendFileSync(path.join(p.root, 'test/a.test.ts'), '\n')],
    ['a test file is added', (p: ReturnType<typeof project>) => p.write('test/deep/b.test.ts', '')],
    ['a file the check read is removed', (p: ReturnType<typeof project>) => fs.rmSync(path.join(p.root, 'src/lib.ts'))],
    ['the test tsconfig changes', (p: ReturnType<typeof project>) => touch(path.join(p.root, 'test/tsconfig.json'))],
    ['a type package is installed', (p: ReturnType<typeof project>) => p.write('node_modules/@types/jest/index.d.ts', '')],
    ['the build info is gone', (p: ReturnType<typeof project>) => fs.rmSync(p.buildInfo)],
  ])('it runs again when %s', (_what, change) => {
    const p = project();
    expect(stamp.recordPass(p.root, p.buildInfo, Date.now() + 1_000)).toBe(true);
    change(p);
    expect(stamp.unchangedSinceLastPass(p.root, p.buildInfo)).toBe(false);
  });

  test('a pass is not recorded when a file it read was written after the check started', () => {
    const { root, buildInfo } = project();
    expect(stamp.recordPass(root, buildInfo, 0)).toBe(false);
    expect(stamp.unchangedSinceLastPass(root, buildInfo)).toBe(false);
  });

  test('the project\'s own build info names the files tsc read, and the stamp is stable', () => {
    const root = path.join(__dirname, '..', '..');
    const buildInfo = path.join(root, 'node_modules', '.cache', 'typecheck-stamp-test.tsbuildinfo');
    fs.mkdirSync(path.dirname(buildInfo), { recursive: true });
    fs.writeFileSync(buildInfo, JSON.stringify({ fileNames: ['../../src/index.ts', '../cdk8s/lib/index.d.ts'] }));
    try {
      const first = stamp.typecheckStamp(root, buildInfo);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(stamp.typecheckStamp(root, buildInfo)).toBe(first);
    } finally {
      fs.rmSync(buildInfo, { force: true });
    }
  });
});
