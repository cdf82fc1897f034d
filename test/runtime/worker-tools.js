// Tools the test harness uses and the library never loads, required once per
// worker instead of once per test file (jest-runtime.js).
//
// The converter tests compile each converted program with TypeScript's
// transpileModule (test/convert/helpers.ts). Loaded afresh for every test
// file, TypeScript ran cold in each: its 9 MB module evaluated again and its
// scanner, parser and emitter interpreted again before V8 optimised them,
// about 2.5 s of CPU over the converter files. Shared, they stay warm. What
// the harness takes from it is a string (the JavaScript), so nothing of the
// worker's realm reaches a test's objects; the library under test is still
// loaded afresh for every file.
'use strict';

/** Module names shared by every test file of a worker. */
const WORKER_TOOLS = new Set(['typescript']);

/** Whether the worker's own instance of `moduleName` serves every test file. */
function isWorkerTool(moduleName) {
  return WORKER_TOOLS.has(moduleName);
}

module.exports = { isWorkerTool };
