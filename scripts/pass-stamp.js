// A record that a check passed on exactly these inputs, so `npm test` can skip
// running it again while nothing it reads has changed (scripts/test.js). The
// stamp is a digest of what the check depends on besides files (its
// arguments, the versions of its tools) and of the modification time and size
// of every file it reads. Each check says which files those are: the test
// files' type check (typecheck-stamp.js) and the lint (lint-stamp.js).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

/**
 * The digest of `facts` (strings) and of every file in `files` (its name,
 * modification time and size), or undefined when a file cannot be read.
 */
function digestOf(facts, files) {
  const hash = crypto.createHash('sha256');
  try {
    for (const fact of facts) hash.update(`${fact}\n`);
    for (const file of files) {
      const stat = fs.statSync(file);
      hash.update(`${file}\0${stat.mtimeMs}\0${stat.size}\n`);
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** Whether `stampFile` holds `digest` (undefined: the inputs cannot be told, so no). */
function holds(stampFile, digest) {
  if (digest === undefined) return false;
  try {
    return fs.readFileSync(stampFile, 'utf8') === digest;
  } catch {
    return false;
  }
}

/**
 * How long before the check started a file's time may say it was written
 * when it was written after: Linux stamps a file with the clock of the last
 * timer tick, a few ms behind `Date.now()`, and some file systems keep whole
 * seconds (HFS+) or two (FAT). A file that new may not be what the check read.
 */
const FILE_CLOCK_SLACK_MS = 2_000;

/**
 * Records in `stampFile` that a check started at `startedMs` passed on
 * `files` (undefined: cannot be told), with `digest` of them computed now.
 * A file written since the start may not have been what the check read, so
 * then the stamp is removed instead. Returns whether it was recorded.
 */
function record(stampFile, files, startedMs, digest) {
  const touched = files === undefined || files.some(file => {
    try {
      return fs.statSync(file).mtimeMs >= startedMs - FILE_CLOCK_SLACK_MS;
    } catch {
      return true;
    }
  });
  if (touched || digest === undefined) {
    forget(stampFile);
    return false;
  }
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, digest);
  return true;
}

/** Forgets the last pass (the check failed, or its inputs cannot be told). */
function forget(stampFile) {
  fs.rmSync(stampFile, { force: true });
}

/** The files under `dir` whose names end with one of `exts`, not descending into node_modules. */
function filesUnder(dir, exts = ['.ts'], found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, exts, found);
    else if (exts.some(ext => entry.name.endsWith(ext))) found.push(full);
  }
  return found;
}

module.exports = { digestOf, holds, record, forget, filesUnder };
