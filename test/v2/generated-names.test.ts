import { generatedHint } from '../../src/v2/generated-names';

describe('generatedHint', () => {
  test('explains a generated name', () => {
    expect(generatedHint(undefined)).toMatch(/generated from the construct path: set metadata.name/);
    expect(generatedHint({ labels: { a: 'b' } })).toMatch(/generated from the construct path/);
  });

  test('says nothing about a name the user set', () => {
    expect(generatedHint({ name: 'iris' })).toBe('');
  });
});
