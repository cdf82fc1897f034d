// A temporary directory of its own for each test file, removed when the file
// is done (jest-runtime.js).
//
// cdk8s's `Testing.app()` makes a directory under the system's temporary
// directory for every app and never removes it: about 4,300 per run of the
// suite. `npm test` gave jest a scratch directory and removed it afterwards,
// 0.6 s of wall time after the last test; `npx jest` left them all in /tmp.
// Each file's own directory is removed by the worker that ran it, while the
// other worker keeps testing.
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
 * the function returned restores it and removes the directory.
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
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

module.exports = { useFileTmpdir };
