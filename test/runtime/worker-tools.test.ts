import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { STORE } from './compiled-schemas';
import { isWorkerTool } from './worker-tools';

// Read before any test runs: the runtime gives the worker's stores (and tools)
// to every test file except in coverage runs.
const workerSharing = STORE in globalThis;

describe('tools shared by the test files of a worker', () => {
  test('TypeScript is one; the library and cdk8s are not', () => {
    expect(isWorkerTool('typescript')).toBe(true);
    for (const name of ['cdk8s', 'cdk8s-plus-27', 'constructs', 'ajv', 'yaml', '../../src']) expect(isWorkerTool(name)).toBe(false);
  });

  test('a test file\'s TypeScript is the worker\'s own (its objects are of another realm) unless coverage is collected', () => {
    const output = ts.transpileModule('export const a: number = 1;', { compilerOptions: { module: ts.ModuleKind.CommonJS } });
    expect(output.outputText).toContain('exports.a = 1;');
    expect(Object.getPrototypeOf(output) !== Object.prototype).toBe(workerSharing);
  });

  test('the runtime serves them before Jest\'s registry, never in place of a mock, and not with coverage', () => {
    const runtime = fs.readFileSync(path.join(__dirname, 'jest-runtime.js'), 'utf8');
    expect(runtime).toMatch(/isWorkerTool\(moduleName\) && !this\._coverageOptions\.collectCoverage && !this\.mockState\.shouldMockCjs\(from, moduleName\)\.shouldMock/);
  });
});
