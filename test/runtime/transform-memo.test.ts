import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TransformCacheLike, transformOncePerProcess } from './transform-memo';

// A stand-in for jest-runtime's TransformCache: reads the file, "transforms" it,
// and records what it made as Jest's does.
function fakeCache(calls: string[]): TransformCacheLike {
  const cache: TransformCacheLike = {
    transforms: new Map(),
    sourceMaps: new Map(),
    fileCache: { strings: new Map() },
    transform(filename: string) {
      calls.push(filename);
      const source = fs.readFileSync(filename, 'utf8');
      cache.fileCache.strings.set(filename, source);
      const file = { code: source.toUpperCase(), sourceMapPath: `${filename}.map` };
      cache.transforms.set(filename, file);
      cache.sourceMaps.set(filename, file.sourceMapPath);
      return file.code;
    },
  };
  return cache;
}

describe('the transform memo of the test runtime', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transform-memo-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a later test file\'s runtime reuses the transform, and gets the records Jest\'s would leave', () => {
    const file = path.join(dir, 'a.js');
    fs.writeFileSync(file, 'exports.a = 1;');
    const calls: string[] = [];
    const first = fakeCache(calls);
    expect(transformOncePerProcess(first)).toBe(true);
    expect(first.transform(file)).toBe('EXPORTS.A = 1;');
    const second = fakeCache(calls);
    transformOncePerProcess(second);
    expect(second.transform(file)).toBe('EXPORTS.A = 1;');
    expect(calls).toEqual([file]);
    expect(second.fileCache.strings.get(file)).toBe('exports.a = 1;');
    expect(second.transforms.get(file)?.code).toBe('EXPORTS.A = 1;');
    expect(second.sourceMaps.get(file)).toBe(`${file}.map`);
  });

  test('a file changed on disk, or other transform options, is transformed again', () => {
    const file = path.join(dir, 'b.js');
    fs.writeFileSync(file, 'exports.b = 1;');
    const calls: string[] = [];
    const first = fakeCache(calls);
    transformOncePerProcess(first);
    first.transform(file);
    fs.writeFileSync(file, 'exports.b = 22;');
    const second = fakeCache(calls);
    transformOncePerProcess(second);
    expect(second.transform(file)).toBe('EXPORTS.B = 22;');
    expect(second.transform(file, { supportsStaticESM: true })).toBe('EXPORTS.B = 22;');
    expect(calls).toEqual([file, file, file]);
  });

  test('outside watch mode a file is read from disk once per process: one run of Jest sees no edits', () => {
    const file = path.join(dir, 'c.js');
    fs.writeFileSync(file, 'exports.c = 1;');
    const calls: string[] = [];
    const first = fakeCache(calls);
    transformOncePerProcess(first, false);
    expect(first.transform(file)).toBe('EXPORTS.C = 1;');
    // Another size: a runtime that read the file's stamp again would transform it again.
    fs.writeFileSync(file, 'exports.c = 333;');
    const second = fakeCache(calls);
    transformOncePerProcess(second, false);
    expect(second.transform(file)).toBe('EXPORTS.C = 1;');
    expect(calls).toEqual([file]);
    // A watching runtime of the same process still sees the edit.
    const watching = fakeCache(calls);
    transformOncePerProcess(watching, true);
    expect(watching.transform(file)).toBe('EXPORTS.C = 333;');
    expect(calls).toEqual([file, file]);
  });

  test('a cache without the fields it relies on (another Jest) is left as it is', () => {
    const transform = () => 'x';
    const other = { transform } as unknown as TransformCacheLike;
    expect(transformOncePerProcess(other)).toBe(false);
    expect(other.transform).toBe(transform);
  });
});
