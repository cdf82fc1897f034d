// V8's code cache for the module sources a Jest worker compiles (jest-runtime.js).
//
// Jest gives every test file a fresh module registry, so each of the ~100
// files compiled cdk8s, cdk8s-plus-27 and the library again from source:
// about a quarter of the suite's CPU time was V8 parsing the same text
// (BENCHMARKS.md, "Test and install time"). Modules are still evaluated
// afresh in each test file's context; only the compilation of a source text
// this process has compiled before comes from V8's cache, which V8 checks
// against the source (it compiles normally when the cache does not fit).
'use strict';
const vm = require('node:vm');

/** Per process: file name -> the source last compiled, its script, and V8's cache once written. */
const cache = new Map();
const counts = { compiled: 0, fromCache: 0, rejected: 0 };

/**
 * A CommonJS module body as a function of `parameters`, compiled for `context`,
 * as Jest's own compile (jest-runtime's ModuleExecutor.compile) gives it, but
 * through a `vm.Script`: V8 writes a script's cache when the same file comes
 * again, after the module ran once, so the cache then also holds the functions
 * compiled lazily during that run, not only the top level.
 */
function compileWithCache(source, filename, parameters, context, importModuleDynamically) {
  let entry = cache.get(filename);
  if (entry !== undefined && entry.source !== source) entry = undefined;
  if (entry !== undefined && entry.data === undefined) entry.data = entry.script.createCachedData();
  // One line: the module's own lines keep their numbers, and its first line its columns.
  const prefix = `(function (${parameters.join(', ')}) {`;
  const script = new vm.Script(`${prefix}${source}\n})`, {
    filename,
    columnOffset: -prefix.length,
    cachedData: entry === undefined ? undefined : entry.data,
    importModuleDynamically,
  });
  if (entry === undefined || script.cachedDataRejected) {
    if (entry === undefined) counts.compiled++; else counts.rejected++;
    cache.set(filename, { source, script, data: undefined });
  } else {
    counts.fromCache++;
  }
  return script.runInContext(context);
}

/** What this process has compiled so far. */
function codeCacheCounts() {
  return { ...counts, files: cache.size };
}

module.exports = { compileWithCache, codeCacheCounts };
