// Jest builds a `jest` object (mocks, timers, isolateModules...) for every
// module it runs, in every test file, to pass as the module's `jest`
// parameter: about 0.7 s of CPU a run, almost all of it for the library's and
// cdk8s's modules, which never name `jest`. This gives a module whose code
// does not contain the word no object: nothing in it can read the parameter.
// A module that names it (a test file, a helper, code importing
// `@jest/globals`), or one whose code Jest has not recorded, gets Jest's.
'use strict';

/** Per process: file name -> its code as last seen and whether it names `jest`. */
const seen = new Map();

/** Whether `code` (undefined: not known) can name `jest`. */
function mayNameJest(filename, code) {
  if (code === undefined) return true;
  const entry = seen.get(filename);
  // The same string object while the file is unchanged (transform-memo.js), so this compares references.
  if (entry !== undefined && entry.code === code) return entry.names;
  const names = code.includes('jest');
  seen.set(filename, { code, names });
  return names;
}

/** Makes a jest-runtime JestGlobals build its `jest` object only for modules that can name it. */
function jestObjectWhereNamed(jestGlobals, transformCache) {
  if (typeof jestGlobals?.jestObjectFor !== 'function' || typeof transformCache?.getCachedSource !== 'function') return false;
  const jestObjectFor = jestGlobals.jestObjectFor.bind(jestGlobals);
  jestGlobals.jestObjectFor = from => (mayNameJest(from, transformCache.getCachedSource(from)) ? jestObjectFor(from) : undefined);
  return true;
}

module.exports = { jestObjectWhereNamed };
