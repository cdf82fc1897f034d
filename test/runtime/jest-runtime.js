// Jest's module runtime, doing once per worker process what Jest does once per
// test file: reading and transforming each module (transform-memo.js) and
// compiling it (V8's code cache, code-cache.js). Modules still run afresh in
// each test file's context.
// Plain JavaScript: Jest loads its runtime with `require`, before any transform.
'use strict';
const Runtime = require('jest-runtime').default;
const { compileWithCache } = require('./code-cache');
const { transformOncePerProcess } = require('./transform-memo');

class CodeCachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    // V8 coverage counts functions as they compile: coverage runs stay as Jest makes them.
    if (this._coverageOptions.collectCoverage) return;
    this.compileOncePerWorker(this.executor);
    transformOncePerProcess(this.transformCache);
  }

  compileOncePerWorker(executor) {
    const jestCompile = executor.compile.bind(executor);
    executor.compile = (source, filename) => {
      const context = executor.environment.getVmContext();
      if (context == null || executor.resolution.isCoreModule(filename)) return jestCompile(source, filename);
      try {
        // As Jest does: a dynamic import() inside a CommonJS module.
        return compileWithCache(source, filename, executor.injectedModuleParameters, context,
          (specifier, _script, attributes, ...rest) => executor.dynamicImport(specifier, filename, context, attributes, rest[0]));
      } catch {
        // A syntax error: Jest reports it its own way.
        return jestCompile(source, filename);
      }
    };
  }
}

module.exports = CodeCachingRuntime;
module.exports.default = CodeCachingRuntime;
