import * as fs from 'node:fs';
import * as path from 'node:path';
import { shareCompiledSchemas, STORE } from './compiled-schemas';
import { tempDir } from '../temp-dir';

// The worker-wide store of compiled CRD schemas (jest-runtime.js): the key the
// library reads, one store for every test file, dropped when the code that
// compiles schemas changes.
describe('the compiled-schema store of the test runtime', () => {
  test('is the key the library keeps its compiled schemas under', () => {
    const library = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'validation', 'compiled-schemas.ts'), 'utf8');
    const key = /Symbol\.for\('([^']+)'\)/.exec(library)?.[1];
    expect(key).toBeDefined();
    expect(STORE).toBe(Symbol.for(key!));
  });

  test('gives every test file\'s global the same store while src/validation is unchanged, and a new one after a change', () => {
    const root = tempDir('compiled-schemas-');
    fs.mkdirSync(path.join(root, 'src', 'validation'), { recursive: true });
    const file = path.join(root, 'src', 'validation', 'crd-validator.ts');
    fs.writeFileSync(file, 'export {};\n');
    const [a, b] = [{} as any, {} as any];
    const store = shareCompiledSchemas(a, root);
    store.set('k', 1);
    shareCompiledSchemas(b, root);
    expect(a[STORE]).toBe(store);
    expect(b[STORE]).toBe(store);
    fs.writeFileSync(file, 'export const changed = 1;\n');
    const c = {} as any;
    const after = shareCompiledSchemas(c, root);
    expect(c[STORE]).toBe(after);
    expect(after).not.toBe(store);
    expect(after.size).toBe(0);
  });

  test('the suite runs with it, except with coverage', () => {
    const runtime = fs.readFileSync(path.join(__dirname, 'jest-runtime.js'), 'utf8');
    const coverageReturn = runtime.indexOf('if (this._coverageOptions.collectCoverage) return;');
    expect(coverageReturn).toBeGreaterThan(0);
    expect(runtime.indexOf('shareCompiledSchemas(this._environment.global')).toBeGreaterThan(coverageReturn);
  });
});
