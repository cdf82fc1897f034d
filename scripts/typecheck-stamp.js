// Whether the test files' type check (the typecheck:tests task) can be
// skipped because nothing it reads has changed since it last passed.
//
// tsc's --incremental already skips checking unchanged files, but it still
// reads and parses all ~1,000 of them (the library, the tests, cdk8s's and
// the other packages' declarations) to find that out: about 4.5 s of CPU in
// every `npm test`, beside jest on a 2-core machine. The stamp here is what
// tsc would have compared, read from the file system only: the modification
// time and size of every file the last passing check read (tsc lists them in
// its build info), the test files that exist now (a new one is not in that
// list), the installed type packages, and the tsconfig files. Any difference
// runs tsc as before; so does a clone without a stamp (CI's first run).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

/** The file names a tsc build info lists, absolute, or undefined when it cannot be read. */
function buildInfoFiles(buildInfo) {
  let info;
  try {
    info = JSON.parse(fs.readFileSync(buildInfo, 'utf8'));
  } catch {
    return undefined;
  }
  const names = info.fileNames ?? info.program?.fileNames;
  if (!Array.isArray(names) || names.length === 0) return undefined;
  return names.map(name => path.resolve(path.dirname(buildInfo), name));
}

/** The .ts files under `dir`, not descending into node_modules. */
function tsFilesUnder(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) tsFilesUnder(full, found);
    else if (entry.name.endsWith('.ts')) found.push(full);
  }
  return found;
}

/**
 * A digest of what the check reads, or undefined when it cannot be told (no
 * build info yet, or a listed file is gone). `root` is the project.
 */
function typecheckStamp(root, buildInfo) {
  const listed = buildInfoFiles(buildInfo);
  if (listed === undefined) return undefined;
  const files = new Set([
    ...listed,
    ...tsFilesUnder(path.join(root, 'test')),
    path.join(root, 'tsconfig.json'),
    path.join(root, 'test', 'tsconfig.json'),
  ]);
  const hash = crypto.createHash('sha256');
  try {
    for (const file of [...files].sort()) {
      const stat = fs.statSync(file);
      hash.update(`${file}\0${stat.mtimeMs}\0${stat.size}\n`);
    }
    hash.update(`@types\0${fs.readdirSync(path.join(root, 'node_modules', '@types')).sort().join(',')}\n`);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** Where the stamp of the last passing check is kept, beside tsc's build info. */
function stampFile(buildInfo) {
  return `${buildInfo}.passed`;
}

/** Whether the check passed last time on exactly what it would read now. */
function unchangedSinceLastPass(root, buildInfo) {
  const now = typecheckStamp(root, buildInfo);
  if (now === undefined) return false;
  try {
    return fs.readFileSync(stampFile(buildInfo), 'utf8') === now;
  } catch {
    return false;
  }
}

/**
 * Records that the check passed. `startedMs` is when it started: a file
 * written since may not have been what tsc read, so then nothing is recorded.
 */
function recordPass(root, buildInfo, startedMs) {
  const listed = buildInfoFiles(buildInfo);
  if (listed === undefined) return false;
  const touched = [...listed, ...tsFilesUnder(path.join(root, 'test'))].some(file => {
    try {
      return fs.statSync(file).mtimeMs >= startedMs;
    } catch {
      return true;
    }
  });
  const stamp = touched ? undefined : typecheckStamp(root, buildInfo);
  if (stamp === undefined) {
    fs.rmSync(stampFile(buildInfo), { force: true });
    return false;
  }
  fs.writeFileSync(stampFile(buildInfo), stamp);
  return true;
}

/** Forgets the last pass (the check failed). */
function forgetPass(buildInfo) {
  fs.rmSync(stampFile(buildInfo), { force: true });
}

module.exports = { typecheckStamp, unchangedSinceLastPass, recordPass, forgetPass };
