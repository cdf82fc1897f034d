import * as fs from 'fs';
import * as path from 'path';
import { tempTree } from '../temp-dir';

// Plain JavaScript that `npm test` (scripts/test.js) loads to skip eslint
// when nothing it reads changed since it last passed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stamp = require('../../scripts/lint-stamp.js');

const ARGS = ['--ext', '.ts,.tsx', '--cache', '--cache-location', 'node_modules/.cache/eslint/', '--no-error-on-unmatched-pattern', 'src', 'test', 'examples', '.projenrc.ts'];

/** A project as the lint sees it: its configuration, linted files in two targets, a file it does not lint, and npm's record of the installed tree. */
function project() {
  const { root, write } = tempTree('lint-stamp-');
  write('.eslintrc.json', '{}');
  write('package.json', '{}');
  write('tsconfig.dev.json', '{}');
  write('.projenrc.ts', '');
  write('src/a.ts', 'export const a = 1;');
  write('src/deep/b.tsx', '');
  write('src/notes.md', '');
  write('test/a.test.ts', '');
  write('node_modules/.package-lock.json', '{}');
  write('node_modules/dep/index.ts', '');
  return { root, write, lint: stamp.lintOf(root, ARGS) };
}

type Project = ReturnType<typeof project>;

/** Moves a file's modification time `ms` forward, keeping its size. */
function touch(file: string, ms = 5_000): void {
  const later = new Date(fs.statSync(file).mtimeMs + ms);
  fs.utimesSync(file, later, later);
}

/** A start of the lint well after every file of `project()` was written. */
const later = () => Date.now() + 10_000;

describe('eslint is skipped only when nothing it reads changed since it last passed', () => {
  test('the lint is read from the task\'s arguments: its targets and extensions, not the values of its options', () => {
    const { root, lint } = project();
    expect(lint).toEqual({
      root,
      args: ARGS,
      targets: ['src', 'test', 'examples', '.projenrc.ts'],
      exts: ['.ts', '.tsx'],
      stampFile: path.join(root, 'node_modules/.cache/eslint-task.passed'),
    });
    expect(stamp.lintOf(root, ['--ext=.ts', '-c', 'x.json', 'src']).targets).toEqual(['src']);
    // Without extensions or targets the inputs cannot be told: eslint always runs.
    expect(stamp.lintOf(root, ['src'])).toBeUndefined();
    expect(stamp.lintOf(root, ['--ext', '.ts'])).toBeUndefined();
  });

  test('never before a pass is recorded, always after one on the same files', () => {
    const { lint } = project();
    expect(stamp.unchangedSinceLastPass(lint)).toBe(false);
    expect(stamp.recordPass(lint, later())).toBe(true);
    expect(stamp.unchangedSinceLastPass(lint)).toBe(true);
    stamp.forgetPass(lint);
    expect(stamp.unchangedSinceLastPass(lint)).toBe(false);
  });

  test.each([
    ['a linted file is modified', (p: Project) => touch(path.join(p.root, 'src/a.ts'))],
    ['a linted file changes size', (p: Project) => fs.appendFileSync(path.join(p.root, 'src/deep/b.tsx'), '\n')],
    ['a file is added to a target', (p: Project) => p.write('test/deep/new.ts', '')],
    ['a linted file is removed', (p: Project) => fs.rmSync(path.join(p.root, 'test/a.test.ts'))],
    ['a target file changes', (p: Project) => touch(path.join(p.root, '.projenrc.ts'))],
    ['a target that did not exist appears', (p: Project) => p.write('examples/main.ts', '')],
    ['the eslint configuration changes', (p: Project) => touch(path.join(p.root, '.eslintrc.json'))],
    ['an ignore file appears', (p: Project) => p.write('.eslintignore', 'src/deep')],
    ['package.json changes (the import rules read its dependencies)', (p: Project) => touch(path.join(p.root, 'package.json'))],
    ['a tsconfig the type-aware rules read changes', (p: Project) => touch(path.join(p.root, 'tsconfig.dev.json'))],
    ['a package is installed or upgraded (npm rewrites its record of the tree)', (p: Project) => touch(path.join(p.root, 'node_modules/.package-lock.json'))],
    ['the task passes eslint another option', (p: Project) => { p.lint.args.push('--max-warnings=0'); }],
  ])('it runs again when %s', (_what, change) => {
    const p = project();
    expect(stamp.recordPass(p.lint, later())).toBe(true);
    change(p);
    expect(stamp.unchangedSinceLastPass(p.lint)).toBe(false);
  });

  test.each([
    ['a file with another extension changes', (p: Project) => fs.appendFileSync(path.join(p.root, 'src/notes.md'), 'more')],
    ['a file under node_modules changes', (p: Project) => fs.appendFileSync(path.join(p.root, 'node_modules/dep/index.ts'), 'more')],
  ])('it is still skipped when %s', (_what, change) => {
    const p = project();
    expect(stamp.recordPass(p.lint, later())).toBe(true);
    change(p);
    expect(stamp.unchangedSinceLastPass(p.lint)).toBe(true);
  });

  test('a pass is not recorded when a linted file was written after the lint started, even a little before by its time', () => {
    const { root, lint } = project();
    expect(stamp.recordPass(lint, 0)).toBe(false);
    expect(stamp.unchangedSinceLastPass(lint)).toBe(false);
    const started = later();
    touch(path.join(root, 'src/a.ts'), started - 500 - fs.statSync(path.join(root, 'src/a.ts')).mtimeMs);
    expect(stamp.recordPass(lint, started)).toBe(false);
  });

  test('the project\'s own eslint task is read, and its stamp is stable', () => {
    const root = path.join(__dirname, '..', '..');
    const task = JSON.parse(fs.readFileSync(path.join(root, '.projen', 'tasks.json'), 'utf8')).tasks.eslint.steps[0].execArgs;
    const lint = stamp.lintOf(root, task.slice(1).filter((a: string) => a !== '--fix' && a !== '$@'));
    expect(lint.targets).toEqual(expect.arrayContaining(['src', 'test']));
    expect(lint.exts).toContain('.ts');
    const first = stamp.lintStamp(lint);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(stamp.lintStamp(lint)).toBe(first);
  });
});
