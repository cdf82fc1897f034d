import { validateScaling } from '../../src/v2/scaling';

describe('validateScaling (operator GetValidatedScalingSpec, SELDON-FACTS §2.6)', () => {
  test('all unset: 1 replica, no bounds', () => {
    expect(validateScaling({})).toEqual({ replicas: 1, minReplicas: 0, maxReplicas: undefined, problems: [] });
  });

  test('replicas given win, even 0', () => {
    expect(validateScaling({ replicas: 3 }).replicas).toBe(3);
    expect(validateScaling({ replicas: 0 }).replicas).toBe(0);
  });

  test('replicas unset: minReplicas above 0 is the start', () => {
    expect(validateScaling({ minReplicas: 2, maxReplicas: 4 })).toEqual({ replicas: 2, minReplicas: 2, maxReplicas: 4, problems: [] });
  });

  test('replicas unset and only maxReplicas: 1', () => {
    expect(validateScaling({ maxReplicas: 5 }).replicas).toBe(1);
  });

  test('maxReplicas 0 means unbounded', () => {
    expect(validateScaling({ replicas: 7, maxReplicas: 0 })).toEqual({ replicas: 7, minReplicas: 0, maxReplicas: undefined, problems: [] });
  });

  test('replicas below minReplicas is rejected with the operator message', () => {
    const { problems } = validateScaling({ replicas: 1, minReplicas: 2 });
    expect(problems).toEqual([expect.objectContaining({ field: 'replicas' })]);
    expect(problems[0].problem).toMatch(/scaling spec is invalid: number of replicas 1 must be >= min replicas 2/);
  });

  test('replicas 0 with minReplicas is rejected', () => {
    expect(validateScaling({ replicas: 0, minReplicas: 1 }).problems).toHaveLength(1);
  });

  test('minReplicas above maxReplicas is rejected once', () => {
    const { problems } = validateScaling({ minReplicas: 3, maxReplicas: 2 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual(expect.objectContaining({ field: 'minReplicas' }));
    expect(problems[0].problem).toMatch(/min number of replicas 3 must be <= max number of replicas 2/);
  });

  test('replicas above maxReplicas is rejected', () => {
    const { problems } = validateScaling({ replicas: 3, maxReplicas: 2 });
    expect(problems).toHaveLength(1);
    expect(problems[0].problem).toMatch(/number of replicas 3 must be <= max replicas 2/);
    expect(problems[0].accepted).toMatch(/replicas <= maxReplicas/);
  });

  test.each([-1, 1.5, NaN, 2 ** 31])('%p is not a valid count', value => {
    const { problems } = validateScaling({ replicas: value });
    expect(problems).toEqual([expect.objectContaining({ field: 'replicas', accepted: expect.stringMatching(/whole number from 0 to 2147483647/) })]);
  });

  test('valid bounds pass', () => {
    expect(validateScaling({ replicas: 2, minReplicas: 1, maxReplicas: 3 }).problems).toEqual([]);
  });
});
