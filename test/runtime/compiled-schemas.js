// One store of compiled CRD schemas (src/validation/compiled-schemas.ts) for
// all the test files of a worker (jest-runtime.js).
//
// The library keeps the schemas it compiled on `globalThis`, which Jest makes
// afresh for every test file, so each file that validated a SeldonDeployment
// compiled Seldon's schema again (≈ 0.1–0.5 s each; about a sixth of the
// suite's CPU time). A compiled schema is a function of the schema's content
// and the mode, which is its key. It is made in the realm of the first file
// that needed it and reads the objects of later files: it only reads them
// (typeof, Array.isArray, property reads, string and number tests) and its
// errors are plain objects the library turns into text. The one comparison
// that would not hold across realms, deep equality against an object-valued
// `enum` or `const`, occurs in none of the shipped schemas.
//
// The store is dropped when the code that makes a compiled schema changes
// (src/validation, Ajv): in watch mode a worker outlives a run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** The library's key (src/validation/compiled-schemas.ts). */
const STORE = Symbol.for('cdk8s-seldon/compiled-crd-schemas@3');

let store = new Map();
let stamp;

/** Modification times and sizes of the files whose code compiles a schema. */
function fingerprint(rootDir) {
  const validation = path.join(rootDir, 'src', 'validation');
  const files = fs.readdirSync(validation).map(f => path.join(validation, f));
  for (const pkg of ['ajv', 'ajv-formats']) files.push(path.join(rootDir, 'node_modules', pkg, 'package.json'));
  return files.map(f => {
    try {
      const s = fs.statSync(f);
      return `${f} ${s.mtimeMs} ${s.size}`;
    } catch {
      return `${f} -`;
    }
  }).join('\n');
}

/** Gives a test file's global object the worker's store. */
function shareCompiledSchemas(global, rootDir) {
  const now = fingerprint(rootDir);
  if (now !== stamp) {
    store = new Map();
    stamp = now;
  }
  global[STORE] = store;
  return store;
}

module.exports = { shareCompiledSchemas, STORE };
