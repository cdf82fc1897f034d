import * as fc from 'fast-check';
import { CONSTRUCTS, FACTORIES, HOSTILE_SECRET, hostileCase } from './hostile';
import { judge } from './hostile-oracle';
import { redactUserInfo } from '../../src/errors';

/**
 * A seeded, small run of the hostile-input property on every `npm test`; the
 * 10,000-case run with CRD validation is `npm run fuzz:hostile`. Open
 * defects the run still finds are listed by the run (`--report`); this test
 * holds the classes already fixed: no hang and no credential in a message.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

describe('hostile values in every prop of every construct', () => {
  test('cover every construct and factory of the shape table', () => {
    expect(CONSTRUCTS.length).toBeGreaterThanOrEqual(10);
    expect(CONSTRUCTS.every(c => c.fields.length > 0)).toBe(true);
    expect(FACTORIES.length).toBeGreaterThan(30);
  });

  test('no credential in a message', () => {
    const verdicts = fc.sample(hostileCase(), { numRuns: RUNS, seed: SEED }).map(c => ({ c, v: judge(c) }));
    const fatal = verdicts.filter(({ v }) => v.kind === 'failure' && /planted credential/.test(v.reason));
    expect(fatal.map(({ c }) => c.describe)).toEqual([]);
    expect(verdicts.filter(({ v }) => v.kind === 'error').length).toBeGreaterThan(RUNS / 3);
    expect(verdicts.filter(({ v }) => v.kind === 'objects').length).toBeGreaterThan(0);
  });

  test('redacting user info of a 100,000-letter string is linear (it took minutes)', () => {
    // jest's 5-second timeout bounds it: the quadratic pattern needed minutes here.
    const text = 'A'.repeat(100_000);
    expect(redactUserInfo(text)).toBe(text);
    expect(redactUserInfo(`x s3://AKIA:${HOSTILE_SECRET}@b/iris`)).toBe('x s3://***@b/iris');
  });
});
