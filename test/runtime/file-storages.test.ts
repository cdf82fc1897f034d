import * as asyncHooks from 'node:async_hooks';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileAsyncHooks } from './file-storages';

// The AsyncLocalStorages of a test file are disabled after it (jest-runtime.js),
// so that later files' promises do not carry them.
describe('the async storages of a test file', () => {
  test('are recorded as the file creates them, and disabled together', () => {
    const hooks = fileAsyncHooks();
    const storages = [new hooks.module.AsyncLocalStorage<string>(), new hooks.module.AsyncLocalStorage<string>()];
    storages.forEach((s, i) => s.enterWith(`store ${i}`));
    expect(storages.map(s => s.getStore())).toEqual(['store 0', 'store 1']);
    hooks.disableAll();
    expect(storages.map(s => s.getStore())).toEqual([undefined, undefined]);
  });

  test('the module is node:async_hooks but for the storage class', () => {
    const hooks = fileAsyncHooks();
    expect(hooks.module.AsyncResource).toBe(asyncHooks.AsyncResource);
    expect(hooks.module.createHook).toBe(asyncHooks.createHook);
    expect(new hooks.module.AsyncLocalStorage()).toBeInstanceOf(asyncHooks.AsyncLocalStorage);
  });

  test('a test file\'s `node:async_hooks` is such a module, in every run', () => {
    expect(Object.getPrototypeOf(asyncHooks.AsyncLocalStorage).name).toBe('AsyncLocalStorage');
    expect(asyncHooks.AsyncLocalStorage.name).toBe('FileAsyncLocalStorage');
    const runtime = fs.readFileSync(path.join(__dirname, 'jest-runtime.js'), 'utf8');
    const coverageReturn = runtime.indexOf('if (this._coverageOptions.collectCoverage) return;');
    expect(runtime.indexOf('this.disableStoragesAfterFile(this.coreModule)')).toBeLessThan(coverageReturn);
  });
});
