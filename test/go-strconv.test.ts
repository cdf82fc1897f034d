/** Go's strconv as the library reads it, in one place (src/go-strconv.ts). */
import { goBool, goDuration, isGoDecimal, isGoFloat, isGoIntBase0, isGoUintBase0, isInt64Text } from '../src/go-strconv';

test('ParseBool: its twelve spellings, and nothing else', () => {
  expect(['1', 't', 'T', 'TRUE', 'true', 'True'].map(goBool)).toEqual(Array(6).fill(true));
  expect(['0', 'f', 'F', 'FALSE', 'false', 'False'].map(goBool)).toEqual(Array(6).fill(false));
  expect(['yes', 'on', 'tRUE', '', ' true', undefined, null, 1, true].map(goBool)).toEqual(Array(9).fill(undefined));
});

test('ParseFloat: decimals, and hexadecimal floats, infinities and NaN besides', () => {
  for (const d of ['1', '-0.5', '.5', '5.', '1e10', '+2E-3']) expect([d, isGoDecimal(d), isGoFloat(d)]).toEqual([d, true, true]);
  for (const s of ['inf', '-Infinity', 'NaN', '0x1p-2', '0x1.8p1', '0X_1F.0p+1_0', '0x.8p0']) expect([s, isGoDecimal(s), isGoFloat(s)]).toEqual([s, false, true]);
  // Go allows "_" only after a base prefix, and a hexadecimal float needs its exponent
  for (const bad of ['1_000', '0x1F', '0xp1', '1.2.3', '25%', '', 'e5', '0x_p1']) expect([bad, isGoFloat(bad)]).toEqual([bad, false]);
});

test('ParseInt and ParseUint with base 0, and ParseInt base 10 within int64', () => {
  for (const u of ['0', '300', '0x270F', '0o17', '017', '0b101', '1_000', '0x_ff']) expect([u, isGoUintBase0(u)]).toEqual([u, true]);
  for (const bad of ['-1', '+1', '08', '1__0', '_1', '1_', '0x', '3.0', '']) expect([bad, isGoUintBase0(bad)]).toEqual([bad, false]);
  expect(['-5', '+6060', '-0x10'].every(isGoIntBase0)).toBe(true);
  expect(['--5', '+-1'].some(isGoIntBase0)).toBe(false);
  expect(isInt64Text('9223372036854775807')).toBe(true);
  expect(isInt64Text('9223372036854775808')).toBe(false);
  expect(isInt64Text('0x10')).toBe(false);
});

test('ParseDuration: numbers with units, and "0" alone without one', () => {
  const read = (t: string) => goDuration(t)?.toString();
  expect(['0', '1m', '1h30m', '1.5s', '.5s', '5.s', '-2ms', '+3us', '7µs', '7μs', '300ns', '0s', '-0'].map(read))
    .toEqual(['0', '60000000000', '5400000000000', '1500000000', '500000000', '5000000000', '-2000000', '3000', '7000', '7000', '300', '0', '0']);
  // the one-in-ten-billion nanosecond is truncated away: Go reads it as 0
  expect(read('0.0000000001s')).toBe('0');
  expect(read('2562047h47m16.854775807s')).toBe('9223372036854775807');
  for (const bad of ['60', '', '-', '1 m', '1min', '.s', '1.2.3s', 's', '1m ', ' 1m', '2562047h47m16.854775808s', '1e3s']) {
    expect([bad, goDuration(bad)]).toEqual([bad, undefined]);
  }
});
