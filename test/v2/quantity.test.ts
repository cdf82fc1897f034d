import { bytesText, QUANTITY_PATTERN, quantityAsInt64, quantityValue } from '../../src/v2/quantity';

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
    // zero with an exponent past float range is zero (0 x Infinity would be NaN and compare as nothing)
    ['0e400', 0],
    ['0E-400', 0],
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

describe('quantityAsInt64 follows apimachinery ParseQuantity + AsInt64, which the v2 operator uses for Model memory (model_types.go AsSchedulerModel)', () => {
  test.each([
    ['1Gi', 1073741824n], ['1536Mi', 1610612736n], ['1.5G', 1500000000n], ['1e3', 1000n], ['1.5e3', 1500n], ['0', 0n],
    ['00Gi', 0n], ['1k', 1000n], ['10240Gi', 10995116277760n], ['10Ti', 10995116277760n], ['+5', 5n],
  ])('%p is %p bytes', (text, bytes) => {
    expect(quantityAsInt64(text)).toBe(bytes);
  });

  test.each(['1.5Gi', '0.5Gi', '100m', '0.5', '1.0', '1000m', '102400Gi', '100Ti', '1Pi', '1Ei', '1234567890123456789', 'x'])(
    '%p has no int64 form (fraction, negative scale, or the slow inf.Dec path)', text => {
      expect(quantityAsInt64(text)).toBeUndefined();
    });
});

describe('bytesText (byte counts in messages)', () => {
  test('the largest binary unit that divides the count, else about as much in a unit that leaves at least 10', () => {
    expect([68719476736, 1073741824, 1536 * 2 ** 20, 1024, 1181116008, 2000000, 1000000, 999, 0].map(bytesText))
      .toEqual(['64Gi', '1Gi', '1536Mi', '1Ki', '≈1126.4Mi', '≈1953.1Ki', '≈976.6Ki', '999 bytes', '0 bytes']);
  });
});
