// The AsyncLocalStorages a test file's modules create, disabled when the file
// is done (jest-runtime.js).
//
// jest-circus's test adapter (jestAdapterInit.js, loaded afresh for each test
// file) creates an AsyncLocalStorage and never disables it. Node 20 keeps
// every enabled storage in one list for the process, and its promise hook
// stores each one's value on every new promise: after n test files a worker
// pays n property stores (on n different symbols) per promise, for storages
// nobody reads again (BENCHMARKS.md, "Test and install time").
'use strict';
const asyncHooks = require('node:async_hooks');

/**
 * One test file's view of `node:async_hooks`: the real module, but storages it
 * creates are recorded so that `disableAll` can disable them after the file.
 */
function fileAsyncHooks() {
  const storages = [];
  class FileAsyncLocalStorage extends asyncHooks.AsyncLocalStorage {
    constructor(...args) {
      super(...args);
      storages.push(this);
    }
  }
  const module = Object.defineProperties({}, {
    ...Object.getOwnPropertyDescriptors(asyncHooks),
    AsyncLocalStorage: { value: FileAsyncLocalStorage, enumerable: true },
  });
  return {
    module,
    disableAll() {
      for (const storage of storages.splice(0)) storage.disable();
    },
  };
}

module.exports = { fileAsyncHooks };
