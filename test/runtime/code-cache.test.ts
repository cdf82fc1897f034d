import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { codeCacheCounts, compileWithCache } from './code-cache';

// The suite's module compiles go through this cache (package.json jest.runtime,
// set in .projenrc.ts); these tests hold it to what Jest's own compile gives.
describe('the code cache of the test runtime', () => {
  const params = ['module', 'exports', 'require'];
  const run = (source: string, filename: string, context: vm.Context) => {
    const module = { exports: {} as any };
    compileWithCache(source, filename, params, context).call(module.exports, module, module.exports, require);
    return module.exports;
  };

  test('a second compile of the same source comes from the cache, and runs afresh in its own context', () => {
    const filename = '/virtual/counter.js';
    const source = 'let calls = 0;\nexports.next = () => ++calls;\nexports.global = typeof marker === "undefined" ? "none" : marker;\n';
    const before = codeCacheCounts();
    const a = run(source, filename, vm.createContext({ marker: 'a' }));
    const b = run(source, filename, vm.createContext({}));
    const c = run(source, filename, vm.createContext({ marker: 'c' }));
    expect([a.next(), a.next(), b.next(), c.next()]).toEqual([1, 2, 1, 1]);
    expect([a.global, b.global, c.global]).toEqual(['a', 'none', 'c']);
    const after = codeCacheCounts();
    expect(after.compiled - before.compiled).toBe(1);
    expect(after.fromCache - before.fromCache).toBe(2);
  });

  test('the same parameters or nothing: a module wrapped with other parameters is compiled for them', () => {
    const filename = '/virtual/params.js';
    const source = 'module.exports = typeof extra;\n';
    const module = { exports: {} as any };
    compileWithCache(source, filename, params, vm.createContext({})).call(module.exports, module, module.exports, require);
    expect(module.exports).toBe('undefined');
    const before = codeCacheCounts();
    compileWithCache(source, filename, [...params, 'extra'], vm.createContext({})).call(module.exports, module, module.exports, require, 'x');
    expect(module.exports).toBe('string');
    expect(codeCacheCounts().compiled - before.compiled).toBe(1);
  });

  // Node calls a script's import() callback only with --experimental-vm-modules (without it import() throws, as under
  // Jest's own compile): so in a process of its own.
  test('import() in a module run again goes to the dynamic import of the file that ran it last', () => {
    const program = `
      const vm = require('node:vm');
      const { compileWithCache } = require(${JSON.stringify(path.join(__dirname, 'code-cache.js'))});
      const asked = [];
      const load = name => {
        const module = { exports: {} };
        const importer = name && (async specifier => {
          asked.push(name + ' ' + specifier);
          const made = new vm.SyntheticModule(['from'], function () { this.setExport('from', name); });
          await made.link(() => undefined);
          await made.evaluate();
          return made;
        });
        compileWithCache('exports.load = () => import("dep");', '/virtual/importer.js', ['module', 'exports'], vm.createContext({}), importer)
          .call(module.exports, module, module.exports);
        return module.exports.load;
      };
      (async () => {
        const first = load('first');
        const results = [(await first()).from, (await load('second')()).from];
        const bare = await load(undefined)().catch(e => e.message);
        console.log(JSON.stringify({ results, asked, bare }));
      })();`;
    const out = execFileSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', '-e', program], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      results: ['first', 'second'],
      asked: ['first dep', 'second dep'],
      bare: '/virtual/importer.js: import() is not available here',
    });
  });

  test('a changed source under the same file name is compiled again, never served stale', () => {
    const filename = '/virtual/changing.js';
    expect(run('exports.v = 1;', filename, vm.createContext({})).v).toBe(1);
    const before = codeCacheCounts();
    expect(run('exports.v = 2;', filename, vm.createContext({})).v).toBe(2);
    expect(codeCacheCounts().compiled - before.compiled).toBe(1);
  });

  test('errors point at the module\'s own lines and columns', () => {
    const filename = '/virtual/throws.js';
    const source = 'exports.f = () => { throw new Error("x"); };\n\n  exports.g = () => { throw new Error("y"); };\n';
    for (let i = 0; i < 2; i++) {
      const m = run(source, filename, vm.createContext({ Error }));
      expect(() => m.f()).toThrow(expect.objectContaining({ stack: expect.stringContaining('/virtual/throws.js:1:27') }));
      expect(() => m.g()).toThrow(expect.objectContaining({ stack: expect.stringContaining('/virtual/throws.js:3:29') }));
    }
  });

  test('the suite runs under the caching runtime, except with coverage', () => {
    const jest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).jest;
    expect(jest.runtime).toBe('<rootDir>/test/runtime/jest-runtime.js');
    const runtime = fs.readFileSync(path.join(__dirname, 'jest-runtime.js'), 'utf8');
    expect(runtime).toMatch(/if \(this\._coverageOptions\.collectCoverage\) return;/);
  });
});
