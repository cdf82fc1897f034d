// Jest reads and transforms every module again for each test file (its
// TransformCache lives as long as one file's runtime): this keeps what it made
// of each file for the whole worker process, and reuses it while the file's
// modification time and size are unchanged (BENCHMARKS.md, "Test and install time").
// Only a watching Jest runs twice in one process (its workers live for one run),
// so outside watch mode each file's time and size are read once per process:
// reading them for every module of every test file cost about 1 s of CPU a run.
'use strict';
const fs = require('node:fs');

/** Per process: file name -> what Jest's TransformCache read and made of it. */
const transformed = new Map();
/** Per process, outside watch mode: file name -> its modification time and size when first read. */
const stamps = new Map();

function stampOf(filename, watching) {
  let stamp = watching ? undefined : stamps.get(filename);
  if (stamp === undefined) {
    const stat = fs.statSync(filename);
    stamp = `${stat.mtimeMs} ${stat.size}`;
    if (!watching) stamps.set(filename, stamp);
  }
  return stamp;
}

/**
 * Makes a jest-runtime TransformCache reuse this process's earlier transforms.
 * Leaves it as it is when it lacks the fields this relies on (another Jest version).
 * `watching`: Jest's watch mode, where a file may change between runs of one process.
 */
function transformOncePerProcess(cache, watching = true) {
  if (!(cache.transforms instanceof Map && cache.sourceMaps instanceof Map && cache.fileCache?.strings instanceof Map)) return false;
  const jestTransform = cache.transform.bind(cache);
  cache.transform = (filename, options) => {
    if (options?.isInternalModule) return jestTransform(filename, options);
    const key = `${stampOf(filename, watching)} ${JSON.stringify(options ?? {})}`;
    const entry = transformed.get(filename);
    if (entry === undefined || entry.key !== key) {
      const code = jestTransform(filename, options);
      const made = { key, source: cache.fileCache.strings.get(filename), file: cache.transforms.get(filename) };
      if (made.source !== undefined && made.file?.code === code) transformed.set(filename, made);
      return code;
    }
    // What Jest's transform leaves behind for error messages and source maps.
    cache.fileCache.strings.set(filename, entry.source);
    cache.transforms.set(filename, entry.file);
    if (entry.file.sourceMapPath) cache.sourceMaps.set(filename, entry.file.sourceMapPath);
    return entry.file.code;
  };
  return true;
}

module.exports = { transformOncePerProcess };
