// Whether the lint (the eslint task as `npm test` runs it) can be skipped
// because nothing it reads has changed since it last passed.
//
// eslint's --cache skips unchanged files, but only after loading its parser,
// its plugins and TypeScript's project service and hashing every file: about
// 2.4 s and 3 s of CPU in every `npm test`, beside jest on a 2-core machine.
// The stamp (pass-stamp.js) covers what a cached eslint compares and more:
// the modification time and size of every file the task lints (each target
// directory's files with the task's extensions, so an added file counts),
// the eslint configuration, the tsconfig files and package.json its rules and
// import resolver read, and the installed packages (npm's record of the tree,
// rewritten by every install), and the task's arguments. Any difference runs
// eslint as before; so does a clone without a stamp, and so do arguments this
// cannot read (no --ext).
'use strict';
const fs = require('fs');
const path = require('path');
const pass = require('./pass-stamp');

/** Options of eslint's command line (eslintrc mode) that take a value, so that the value is not read as a target. */
const WITH_VALUE = new Set([
  '--ext', '--cache-location', '--cache-strategy', '-c', '--config', '--ignore-path', '--ignore-pattern', '--parser',
  '--parser-options', '--plugin', '--rule', '--rulesdir', '--resolve-plugins-relative-to', '--env', '--global', '-f',
  '--format', '-o', '--output-file', '--max-warnings', '--report-unused-disable-directives-severity',
]);

/** Files beside the targets that decide the lint's outcome. */
const CONFIG_FILES = ['.eslintrc.json', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.yml', '.eslintrc.yaml', '.eslintrc',
  '.eslintignore', 'package.json', 'tsconfig.json', 'tsconfig.dev.json', 'node_modules/.package-lock.json'];

/**
 * The lint the eslint `args` run from `root`: its targets and extensions, or
 * undefined when they cannot be told.
 */
function lintOf(root, args) {
  const targets = [];
  let exts;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (WITH_VALUE.has(arg)) {
      if (arg === '--ext') exts = String(args[i + 1] ?? '').split(',').filter(e => e !== '');
      i++;
    } else if (arg.startsWith('--ext=')) {
      exts = arg.slice('--ext='.length).split(',').filter(e => e !== '');
    } else if (!arg.startsWith('-')) {
      targets.push(arg);
    }
  }
  if (exts === undefined || exts.length === 0 || targets.length === 0) return undefined;
  return { root, args: [...args], targets, exts, stampFile: path.join(root, 'node_modules', '.cache', 'eslint-task.passed') };
}

/**
 * Every file the lint reads that the stamp sees. A target or configuration
 * file that does not exist is left out: when it appears, the list changes.
 */
function inputsOf(lint) {
  const files = [];
  for (const target of lint.targets) {
    const full = path.resolve(lint.root, target);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (stat?.isDirectory()) pass.filesUnder(full, lint.exts, files);
    else if (stat !== undefined) files.push(full);
  }
  for (const name of CONFIG_FILES) {
    const full = path.join(lint.root, name);
    if (fs.existsSync(full)) files.push(full);
  }
  return [...new Set(files)].sort();
}

/** A digest of what the lint reads, or undefined when it cannot be told. */
function lintStamp(lint, files = inputsOf(lint)) {
  return pass.digestOf([JSON.stringify(lint.args)], files);
}

/** Whether the lint passed last time on exactly what it would read now. */
function unchangedSinceLastPass(lint) {
  let digest;
  try {
    digest = lintStamp(lint);
  } catch {
    return false;
  }
  return pass.holds(lint.stampFile, digest);
}

/** Records that the lint passed; `startedMs` is when it started (a file written since: nothing is recorded). */
function recordPass(lint, startedMs) {
  let files;
  try {
    files = inputsOf(lint);
  } catch {
    pass.forget(lint.stampFile);
    return false;
  }
  return pass.record(lint.stampFile, files, startedMs, lintStamp(lint, files));
}

/** Forgets the last pass (the lint failed). */
function forgetPass(lint) {
  pass.forget(lint.stampFile);
}

module.exports = { lintOf, lintStamp, unchangedSinceLastPass, recordPass, forgetPass };
