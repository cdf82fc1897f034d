// Jest's module runtime, compiling through V8's code cache (code-cache.js).
// Plain JavaScript: Jest loads its runtime with `require`, before any transform.
'use strict';
const Runtime = require('jest-runtime').default;
const { compileWithCache } = require('./code-cache');

class CodeCachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    // V8 coverage counts functions as they compile: coverage runs stay as Jest makes them.
    if (this._coverageOptions.collectCoverage) return;
    const executor = this.executor;
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
