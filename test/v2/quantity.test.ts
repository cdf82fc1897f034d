import { QUANTITY_PATTERN, quantityValue } from '../../src/v2/quantity';

describe('quantities', () => {
  test.each([
    ['1Gi', 2 ** 30],
    ['100Mi', 100 * 2 ** 20],
    ['1.5G', 1.5e9],
    ['500m', 0.5],
    ['2', 2],
    ['1e3', 1000],
    ['1E', 1e18],
    ['.5Ki', 512],
  ])('%s is %d', (text, value) => {
    expect(QUANTITY_PATTERN.test(text)).toBe(true);
    expect(quantityValue(text)).toBeCloseTo(value);
  });

  test.each(['1GB', '1 Gi', 'Gi', '', 'one', '1.2.3'])('%p is not a quantity', text => {
    expect(QUANTITY_PATTERN.test(text)).toBe(false);
    expect(quantityValue(text)).toBeUndefined();
  });

  test('numbers are their own value', () => {
    expect(quantityValue(3)).toBe(3);
    expect(quantityValue(Infinity)).toBeUndefined();
  });

  test('a negative quantity parses as negative', () => {
    expect(quantityValue('-1Gi')).toBe(-(2 ** 30));
  });
});
