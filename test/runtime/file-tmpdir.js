// A temporary directory of its own for each test file, removed when the file
// is done (jest-runtime.js).
//
// cdk8s's `Testing.app()` makes a directory under the system's temporary
// directory for every app and never removes it: about 4,300 per run of the
// suite. `npm test` gave jest a scratch directory and removed it afterwards,
// 0.6 s of wall time after the last test; `npx jest` left them all in /tmp.
// Each file's own directory is removed by the worker that ran it, while the
// other worker keeps testing: in the background, since removing a directory
// waits on the disk (3 ms a directory on an ext4 mounted with `discard`; a
// run removes about 900), while the next file runs. What is still being
// removed when the worker exits is removed then, synchronously.
//
// Most of those apps never write a file (tests read `chart.toJson()`), yet
// making and removing their directories cost about 3 s of the workers' time
// per run (a mkdtemp took ~0.5 ms with two workers creating and removing
// directories at once). So a directory `Testing.app()` asks for inside the
// file's own is only named, not made: `App.synth()` makes its outdir itself
// (`mkdirSync(outdir, { recursive: true })`) when the app does write.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The prefix cdk8s's Testing.app() gives fs.mkdtempSync (cdk8s/lib/testing.js). */
const CDK8S_OUTDIR_PREFIX = 'cdk8s.outdir.';

/** Directories being removed in the background. */
const removing = new Set();
let removeLeftAtExit = false;

/** Removes `dir` without blocking; resolves when it is gone. Whatever is left when the process exits goes then. */
function removeInBackground(dir) {
  if (!removeLeftAtExit) {
    removeLeftAtExit = true;
    process.once('exit', () => {
      for (const left of removing) fs.rmSync(left, { recursive: true, force: true });
    });
  }
  removing.add(dir);
  return new Promise(resolve => fs.rm(dir, { recursive: true, force: true }, () => {
    removing.delete(dir);
    resolve();
  }));
}

/** The directory of the file running now, and how many outdirs it has named. */
const current = { dir: undefined, named: 0 };

let jestMkdtemp;

/** Names Testing.app()'s outdirs inside the running file's directory instead of making them. */
function nameOutdirsInstead() {
  if (jestMkdtemp !== undefined) return;
  jestMkdtemp = fs.mkdtempSync;
  fs.mkdtempSync = function mkdtempSync(prefix, ...rest) {
    if (current.dir !== undefined && typeof prefix === 'string' && prefix === path.join(current.dir, CDK8S_OUTDIR_PREFIX)) {
      current.named++;
      return `${prefix}${current.named.toString(36).padStart(6, '0')}`;
    }
    return jestMkdtemp.call(this, prefix, ...rest);
  };
}

/**
 * Points the worker's TMPDIR (which `os.tmpdir()` reads) at a new directory;
 * the function returned restores it and removes the directory in the
 * background (its promise resolves when the directory is gone).
 */
function useFileTmpdir() {
  nameOutdirsInstead();
  const previous = process.env.TMPDIR;
  const dir = (jestMkdtemp ?? fs.mkdtempSync)(path.join(os.tmpdir(), 'jest-file-'));
  process.env.TMPDIR = dir;
  const outer = { ...current };
  current.dir = dir;
  current.named = 0;
  return () => {
    current.dir = outer.dir;
    current.named = outer.named;
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    return removeInBackground(dir);
  };
}

module.exports = { useFileTmpdir };
