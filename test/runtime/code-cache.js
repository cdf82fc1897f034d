// One compile per worker of each module source a Jest worker runs (jest-runtime.js).
//
// Jest gives every test file a fresh module registry, so each of the ~190
// files compiled cdk8s, cdk8s-plus-27 and the library again from source:
// about a quarter of the suite's CPU time was V8 parsing the same text
// (BENCHMARKS.md, "Test and install time"). A V8 code cache of each module
// took that to deserializing the cache in every file, still ~35 ms of CPU per
// file (cdk8s-plus-27's generated k8s.js alone is 2.2 MB of cache). A
// `vm.Script` is not bound to a context, so the script compiled for the first
// file runs again in each later file's context instead: no compile and no
// deserializing, and the functions V8 compiled lazily while an earlier file
// ran stay compiled. What the files share is code only: every run of the
// script makes the module's functions and objects afresh in the file's own
// context. The source is compared in full, so an edited file is compiled again.
'use strict';
const vm = require('node:vm');

/** Per process: file name -> the parameters and source last compiled, its script, and the dynamic import of the file that ran it last. */
const cache = new Map();
const counts = { compiled: 0, fromCache: 0 };

/**
 * A CommonJS module body as a function of `parameters`, compiled for `context`,
 * as Jest's own compile (jest-runtime's ModuleExecutor.compile) gives it, but
 * through a `vm.Script` this process keeps and runs again in later contexts.
 * The script's `import()` goes to the `importModuleDynamically` of the latest
 * call for the file: a worker runs one test file at a time, and a file's
 * modules are run (and call `import()`) while it is the latest.
 */
function compileWithCache(source, filename, parameters, context, importModuleDynamically) {
  // One line: the module's own lines keep their numbers, and its first line its columns.
  const prefix = `(function (${parameters.join(', ')}) {`;
  let entry = cache.get(filename);
  // The source is usually the very string compiled before (transform-memo.js), which compares at once.
  if (entry !== undefined && entry.prefix === prefix && entry.source === source) {
    counts.fromCache++;
  } else {
    counts.compiled++;
    const made = { prefix, source, script: undefined, importModuleDynamically };
    made.script = new vm.Script(`${prefix}${source}\n})`, {
      filename,
      columnOffset: -prefix.length,
      importModuleDynamically: (...args) => {
        if (made.importModuleDynamically === undefined) throw new Error(`${filename}: import() is not available here`);
        return made.importModuleDynamically(...args);
      },
    });
    entry = made;
    cache.set(filename, entry);
  }
  entry.importModuleDynamically = importModuleDynamically;
  return entry.script.runInContext(context);
}

/** What this process has compiled so far. */
function codeCacheCounts() {
  return { ...counts, files: cache.size };
}

module.exports = { compileWithCache, codeCacheCounts };
