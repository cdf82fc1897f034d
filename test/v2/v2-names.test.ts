import { SELDON_V2_NAME } from '../../src/v2/v2-names';

describe('SELDON_V2_NAME', () => {
  test('the scheduler\'s rule: lower case, digits, "-", no dots, at most 253 characters', () => {
    for (const ok of ['iris', 'tfsimple1', '0-a', 'a'.repeat(253)]) expect(SELDON_V2_NAME.check(ok)).toBe(true);
    for (const bad of ['', 'Iris', 'iris.v1', 'iris_v1', '-iris', 'iris-', 'a'.repeat(254), undefined as unknown as string]) {
      expect(SELDON_V2_NAME.check(bad)).toBe(false);
    }
    expect(SELDON_V2_NAME.accepted).toMatch(/^a Seldon v2 name is accepted: .*no "."/);
  });
});
