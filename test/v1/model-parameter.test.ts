import { ModelParameter, ModelParameterType } from '../../src';

describe('ModelParameter', () => {
  test('factories render the value as a string with its type', () => {
    expect(ModelParameter.stringValue('a', 'x').toJson()).toEqual({ name: 'a', value: 'x', type: 'STRING' });
    expect(ModelParameter.intValue('b', 42).toJson()).toEqual({ name: 'b', value: '42', type: 'INT' });
    expect(ModelParameter.floatValue('c', 0.25).toJson()).toEqual({ name: 'c', value: '0.25', type: 'FLOAT' });
    expect(ModelParameter.doubleValue('d', 1e-9).toJson()).toEqual({ name: 'd', value: '1e-9', type: 'DOUBLE' });
    expect(ModelParameter.boolValue('e', false).toJson()).toEqual({ name: 'e', value: 'false', type: 'BOOL' });
    expect(ModelParameter.boolValue('e', false).parameterType).toBe(ModelParameterType.BOOL);
  });

  test.each([
    [() => ModelParameter.intValue('n', 2 ** 31), /is not a 32-bit integer/],
    [() => ModelParameter.intValue('n', -(2 ** 31) - 1), /is not a 32-bit integer \(-2147483648 to 2147483647\)/],
    [() => ModelParameter.intValue('n', NaN), /is not a 32-bit integer/],
    [() => ModelParameter.floatValue('n', Infinity), /is not a finite number/],
    [() => ModelParameter.doubleValue('n', NaN), /is not a finite number/],
    [() => ModelParameter.stringValue('', 'x'), /has an empty name/],
  ])('%# a bad value is a problem', (make, problem) => {
    expect(make().problem).toMatch(problem);
  });

  test('good values have no problem', () => {
    expect(ModelParameter.intValue('n', -(2 ** 31 - 1)).problem).toBeUndefined();
    // The whole int32 range, its minimum included (types.go: parameters of type INT are int32).
    expect(ModelParameter.intValue('n', -(2 ** 31)).problem).toBeUndefined();
    expect(ModelParameter.intValue('n', 2 ** 31 - 1).problem).toBeUndefined();
  });
});
