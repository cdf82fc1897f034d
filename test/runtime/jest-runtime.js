// Jest's module runtime, doing once per worker process what Jest does once per
// test file: reading and transforming each module (transform-memo.js) and
// compiling it (one script per module, run again in each file's context,
// code-cache.js), the library's compiled CRD
// schemas (compiled-schemas.js) and the harness's tools (worker-tools.js). A
// module that never names `jest` gets no jest object (jest-object.js).
// The library's modules still run afresh in each test file's context. It also
// disables the async storages a test file made once the file is done
// (file-storages.js), and gives each file a temporary directory of its own,
// removed after it (file-tmpdir.js).
// Plain JavaScript: Jest loads its runtime with `require`, before any transform.
'use strict';
const Runtime = require('jest-runtime').default;
const { compileWithCache } = require('./code-cache');
const { shareCompiledSchemas } = require('./compiled-schemas');
const { fileAsyncHooks } = require('./file-storages');
const { jestObjectWhereNamed } = require('./jest-object');
const { useFileTmpdir } = require('./file-tmpdir');
const { transformOncePerProcess } = require('./transform-memo');
const { isWorkerTool } = require('./worker-tools');

class CodeCachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const globalConfig = args[7];
    this.disableStoragesAfterFile(this.coreModule);
    this.removeFileTmpdir = useFileTmpdir();
    // V8 coverage counts functions as they compile: coverage runs stay as Jest makes them.
    if (this._coverageOptions.collectCoverage) return;
    this.compileOncePerWorker(this.executor);
    transformOncePerProcess(this.transformCache, globalConfig === undefined || Boolean(globalConfig.watch || globalConfig.watchAll));
    shareCompiledSchemas(this._environment.global, this._config.rootDir);
    jestObjectWhereNamed(this.jestGlobals, this.transformCache);
  }

  requireModuleOrMock(from, moduleName) {
    // Not in coverage runs, and never in place of a mock.
    if (isWorkerTool(moduleName) && !this._coverageOptions.collectCoverage && !this.mockState.shouldMockCjs(from, moduleName).shouldMock) {
      return require(moduleName);
    }
    return super.requireModuleOrMock(from, moduleName);
  }

  disableStoragesAfterFile(coreModule) {
    const hooks = fileAsyncHooks();
    const jestRequire = coreModule.require.bind(coreModule);
    coreModule.require = moduleName => (/^(node:)?async_hooks$/.test(moduleName) ? hooks.module : jestRequire(moduleName));
    this.disableFileStorages = hooks.disableAll;
  }

  teardown() {
    super.teardown();
    this.disableFileStorages?.();
    this.removeFileTmpdir?.();
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
