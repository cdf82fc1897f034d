import * as fc from 'fast-check';
import { Case, isLibraryError, ruleViolations, run, v1Case, v2Case } from './properties';

/**
 * A seeded, small run of the property checks on every `npm test`; the
 * 10,000-case run with CRD validation is `npm run fuzz`.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

function check(arbitrary: fc.Arbitrary<Case>) {
  const outcomes = { error: 0, objects: 0 };
  fc.assert(fc.property(arbitrary, c => {
    const outcome = run(c);
    outcomes[outcome.kind]++;
    if (outcome.kind === 'objects') {
      expect(ruleViolations(outcome.objects, c.secrets)).toEqual([]);
    }
  }), { numRuns: RUNS, seed: SEED });
  return outcomes;
}

describe('generated props: a library error or valid output, never a crash', () => {
  test('v1: PrepackagedModel, RcloneSecret, canaries and shadows', () => {
    const outcomes = check(v1Case());
    // Both outcomes occur, so neither half of the property is vacuous.
    expect(outcomes.error).toBeGreaterThan(0);
    expect(outcomes.objects).toBeGreaterThan(0);
  });

  test('v2: SeldonServer, SeldonModel, v2 storage Secrets', () => {
    const outcomes = check(v2Case());
    expect(outcomes.error).toBeGreaterThan(0);
    expect(outcomes.objects).toBeGreaterThan(0);
  });
});

describe('the oracle', () => {
  test('accepts the library\'s errors and rejects crashes', () => {
    expect(isLibraryError(new Error("PrepackagedModel 'a/b': replicas -1 is not a whole number >= 0; accepted: 0, 1, 2"))).toBe(true);
    expect(isLibraryError(new Error("Validation failed with the following errors:\n  [a/b] SeldonModel 'a/b': memory \"x\" is bad; a quantity"))).toBe(true);
    expect(isLibraryError(new TypeError("Cannot read properties of undefined (reading 'name')"))).toBe(false);
    expect(isLibraryError(new Error('something broke'))).toBe(false);
  });

  test('finds a credential outside a Secret and a bad name', () => {
    const objects = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' }, data: { key: 'AKIA-SECRET' } }];
    expect(ruleViolations(objects, ['AKIA-SECRET'])).toEqual(['ConfigMap/Bad_Name: bad name', 'ConfigMap/Bad_Name: holds a credential value']);
  });
});
