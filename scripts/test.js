#!/usr/bin/env node
// `npm test` (projen's test task): jest, with eslint and the type check of
// the test files running beside it instead of after it. Their seconds, mostly
// loading plugins and reading caches, then overlap jest's own start and tail
// on the 2-core machine rather than adding to them (BENCHMARKS.md, "Test and
// install time").
//
// eslint runs as the project's eslint task defines it (.projen/tasks.json,
// from .projenrc.ts), but without --fix: it must not rewrite a file jest is
// reading. `npx projen eslint` fixes what can be fixed. It is skipped when
// nothing it reads changed since it last passed (scripts/lint-stamp.js). The type check runs as
// the typecheck:tests task defines it: jest transpiles test files without
// their types, so a name that does not exist would otherwise pass as
// undefined; it is skipped when nothing it reads changed since it last passed
// (scripts/typecheck-stamp.js). Arguments go to jest (`npm test -- --coverage`). The run fails if
// any of the three fails; the reports of eslint and tsc are printed after jest's.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const lintStamp = require('./lint-stamp');
const stamp = require('./typecheck-stamp');

const root = path.join(__dirname, '..');
const eslintTask = require(path.join(root, '.projen', 'tasks.json')).tasks.eslint;
const [command, ...eslintArgs] = eslintTask.steps[0].execArgs;
if (command !== 'eslint') throw new Error(`the eslint task runs ${command}, not eslint: update scripts/test.js`);
// A plain command line (no quotes or variables), so splitting on spaces is its argument list.
const [tscCommand, ...tscArgs] = require(path.join(root, '.projen', 'tasks.json')).tasks['typecheck:tests'].steps[0].exec.split(/\s+/);
if (tscCommand !== 'tsc') throw new Error(`the typecheck:tests task runs ${tscCommand}, not tsc: update scripts/test.js`);

/** A package's command-line script, from its package.json (its exports need not list the script itself). */
function binOf(pkg, name) {
  const manifest = require.resolve(`${pkg}/package.json`, { paths: [root] });
  const bin = require(manifest).bin;
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin[name]);
}

/**
 * V8's flags for jest and its workers (which inherit them). Jest runs every
 * module afresh in each test file's context, so each file's functions start
 * cold with new feedback, and V8 optimized the same functions again in each
 * of the ~190 files, mostly code that ran a few milliseconds and was then
 * dropped: about a fifth of the suite's CPU time went to optimizing. A
 * sixteen-fold interrupt budget leaves that code in V8's interpreter and
 * baseline tiers and still optimizes what runs long (the fuzz samples, the
 * random apps): BENCHMARKS.md, "Test and install time", session 23.
 * Semantics do not depend on the tier; the bench and the fuzz scripts run
 * with V8's defaults, as users do.
 */
const JEST_V8_FLAGS = ['--interrupt-budget=1081344'];

function run(bin, args, options, v8Flags = []) {
  const child = spawn(process.execPath, [...v8Flags, bin, ...args], { cwd: root, ...options });
  const output = [];
  if (child.stdout) child.stdout.on('data', chunk => output.push(chunk));
  if (child.stderr) child.stderr.on('data', chunk => output.push(chunk));
  return new Promise(resolve => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output })));
}

/**
 * cdk8s's `Testing.app()` makes a directory under the system's temporary
 * directory for every app and never removes it: thousands per run. Jest runs
 * with its own temporary directory, removed afterwards, while its cache stays
 * where jest would put it without this (jest-config getCacheDirectory: the
 * real temporary directory plus `jest_<uid in base 36>`), so it stays warm.
 */
function scratch() {
  const base = fs.realpathSync(os.tmpdir());
  const dir = fs.mkdtempSync(path.join(base, 'cdk8s-seldon-test-'));
  const cache = process.getuid ? `${path.join(base, 'jest')}_${process.getuid().toString(36)}` : path.join(base, 'jest');
  const userCache = process.argv.slice(2).some(a => a.startsWith('--cacheDirectory'));
  return { dir, args: userCache ? [] : [`--cacheDirectory=${cache}`] };
}

/**
 * The typecheck:tests task's tsc, unless nothing it reads changed since it
 * last passed (scripts/typecheck-stamp.js): then its report says so.
 */
function typecheckTests() {
  const check = stamp.checkOf(root, tscArgs);
  if (check !== undefined && stamp.unchangedSinceLastPass(check)) {
    return Promise.resolve({ code: 0, output: [Buffer.from('typecheck:tests: nothing changed since it last passed\n')] });
  }
  const started = Date.now();
  return run(binOf('typescript', 'tsc'), tscArgs, { stdio: ['ignore', 'pipe', 'pipe'] }).then(result => {
    if (check !== undefined) {
      if (result.code === 0) stamp.recordPass(check, started);
      else stamp.forgetPass(check);
    }
    return result;
  });
}

/** The eslint task without --fix, unless nothing it reads changed since it last passed (scripts/lint-stamp.js). */
function lint() {
  const args = eslintArgs.filter(a => a !== '--fix' && a !== '$@');
  const check = lintStamp.lintOf(root, args);
  if (check !== undefined && lintStamp.unchangedSinceLastPass(check)) {
    return Promise.resolve({ code: 0, output: [Buffer.from('eslint: nothing changed since it last passed\n')] });
  }
  const started = Date.now();
  return run(binOf('eslint', 'eslint'), args, { env: { ...process.env, ...eslintTask.env }, stdio: ['ignore', 'pipe', 'pipe'] }).then(result => {
    if (check !== undefined) {
      if (result.code === 0) lintStamp.recordPass(check, started);
      else lintStamp.forgetPass(check);
    }
    return result;
  });
}

async function main() {
  const tmp = scratch();
  const linting = lint();
  const typecheck = typecheckTests();
  const jest = await run(binOf('jest', 'jest'), ['--ci', ...tmp.args, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: tmp.dir, TMP: tmp.dir, TEMP: tmp.dir, CDK8S_SELDON_JEST_V8_FLAGS: JEST_V8_FLAGS.join(' ') },
  }, JEST_V8_FLAGS).finally(() => fs.rmSync(tmp.dir, { recursive: true, force: true }));
  const eslint = await linting;
  for (const chunk of eslint.output) process.stdout.write(chunk);
  if (eslint.code !== 0) console.error('eslint found problems (npx projen eslint fixes the fixable ones)');
  const types = await typecheck;
  for (const chunk of types.output) process.stdout.write(chunk);
  if (types.code !== 0) console.error('the test files do not type-check (npx projen typecheck:tests)');
  process.exit([jest.code, eslint.code, types.code].find(code => code !== 0) ?? 0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
