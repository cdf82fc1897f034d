// A temporary directory of its own for each test file, removed when the file
// is done (jest-runtime.js).
//
// cdk8s's `Testing.app()` makes a directory under the system's temporary
// directory for every app and never removes it: about 3,200 per run of the
// suite. `npm test` gave jest a scratch directory and removed it afterwards,
// 0.6 s of wall time after the last test; `npx jest` left them all in /tmp.
// Each file's own directory is removed by the worker that ran it, while the
// other worker keeps testing.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * Points the worker's TMPDIR (which `os.tmpdir()` reads) at a new directory;
 * the function returned restores it and removes the directory.
 */
function useFileTmpdir() {
  const previous = process.env.TMPDIR;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-file-'));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

module.exports = { useFileTmpdir };
