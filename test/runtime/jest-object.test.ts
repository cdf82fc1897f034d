import { STORE } from './compiled-schemas';
import { jestObjectWhereNamed } from './jest-object';

// Read before any test runs: the runtime's sharing is on except in coverage runs.
const runtimeSharing = STORE in globalThis;

/** A stand-in for jest-runtime's JestGlobals that counts the objects it builds. */
function globals() {
  const built: string[] = [];
  return { built, jestObjectFor: (from: string) => { built.push(from); return { from }; } };
}

describe('the jest object is built only for modules that can name it', () => {
  test('a module whose code never names it gets none; one that does, or whose code is not known, gets Jest\'s', () => {
    const code = new Map<string, string>([
      ['/lib/a.js', 'exports.a = 1;'],
      ['/test/b.test.js', 'jest.spyOn(console, "log");'],
      ['/test/c.js', 'const { expect } = require("@jest/globals");'],
    ]);
    const g = globals();
    expect(jestObjectWhereNamed(g, { getCachedSource: f => code.get(f) })).toBe(true);
    expect(g.jestObjectFor('/lib/a.js')).toBeUndefined();
    expect(g.jestObjectFor('/test/b.test.js')).toEqual({ from: '/test/b.test.js' });
    expect(g.jestObjectFor('/test/c.js')).toEqual({ from: '/test/c.js' });
    expect(g.jestObjectFor('/unknown.js')).toEqual({ from: '/unknown.js' });
    expect(g.built).toEqual(['/test/b.test.js', '/test/c.js', '/unknown.js']);
  });

  test('a module edited to name it gets one from then on', () => {
    const code = new Map([['/lib/d.js', 'exports.d = 1;']]);
    const g = globals();
    jestObjectWhereNamed(g, { getCachedSource: f => code.get(f) });
    expect(g.jestObjectFor('/lib/d.js')).toBeUndefined();
    code.set('/lib/d.js', 'exports.d = jest.fn();');
    expect(g.jestObjectFor('/lib/d.js')).toEqual({ from: '/lib/d.js' });
  });

  test('another Jest, without the methods this relies on, is left as it is', () => {
    const other = { jestObjectFor: 1 } as any;
    expect(jestObjectWhereNamed(other, { getCachedSource: () => undefined })).toBe(false);
    expect(other.jestObjectFor).toBe(1);
  });

  test('the runtime applies it: a module that does not name it is passed nothing, except in coverage runs', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const probe = require('./module-parameters');
    expect(probe.sixth).toBe(runtimeSharing ? 'undefined' : 'object');
    expect(typeof jest.fn).toBe('function');
  });
});
