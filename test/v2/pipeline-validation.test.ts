import { JoinType } from '../../src/v2';
import {
  JOIN_TYPE_MATCHES_CRD, RefPlace, checkTensorMap, crdJoinType, findCycle, isJoinType, normalizeRef, parseRef, placeProblem, uint32Problem,
} from '../../src/v2/pipeline-validation';

describe('pipeline validation rules', () => {
  test('parseRef takes a reference apart like the scheduler splits it', () => {
    expect(parseRef('a')).toEqual({ parsed: { name: 'a' } });
    expect(parseRef('a.inputs.t')).toEqual({ parsed: { name: 'a', direction: 'inputs', tensor: 't' } });
    expect(parseRef('p.step.a.outputs')).toEqual({ parsed: { name: 'p', viaStep: 'a', direction: 'outputs', tensor: undefined } });
    expect(parseRef(42).problem).toBe('42 is not a step reference (empty or not a string)');
    expect(parseRef('a\tb').problem).toBe('"a\\tb" contains whitespace');
  });

  test('placeProblem: bare pipeline names anywhere (outside rewritten to .outputs by utils.go updateExternalInputSteps), other pipelines\' steps only outside', () => {
    const bare = parseRef('p').parsed!;
    const via = parseRef('p.step.a.outputs').parsed!;
    expect(placeProblem('p', bare, RefPlace.EXTERNAL)).toBeUndefined();
    expect(placeProblem('p.step.a', parseRef('p.step.a').parsed!, RefPlace.EXTERNAL)).toBeUndefined();
    expect(placeProblem('p', bare, RefPlace.STEP)).toBeUndefined();
    expect(placeProblem('p.step.a.outputs', via, RefPlace.EXTERNAL)).toBeUndefined();
    expect(placeProblem('p.step.a.outputs', via, RefPlace.OUTPUT)).toMatch(/reaches into a step of another pipeline/);
  });

  test('normalizeRef: a bare step means its outputs, the bare pipeline its inputs', () => {
    expect(normalizeRef(parseRef('a').parsed!, 'p')).toBe('a.outputs');
    expect(normalizeRef(parseRef('p').parsed!, 'p')).toBe('p.inputs');
    expect(normalizeRef(parseRef('a.inputs.t').parsed!, 'p')).toBe('a.inputs.t');
    expect(normalizeRef(parseRef('o.step.a.outputs').parsed!, 'p')).toBe('o.step.a.outputs');
    expect(normalizeRef(parseRef('o.step.a.outputs.t').parsed!, 'p')).toBe('o.step.a.outputs.t');
  });

  test('checkTensorMap returns the parsed keys and every problem', () => {
    const { problems, keys } = checkTensorMap({ 'a.outputs.x': 'X', 'b': 'Y', 'c.outputs.z': '', 'd.outputs.x.y': 'x.z' }, RefPlace.STEP);
    // a good key with a bad value still counts for the check that keys name steps
    expect(keys).toEqual([
      { key: 'a.outputs.x', ref: { name: 'a', direction: 'outputs', tensor: 'x' } },
      { key: 'c.outputs.z', ref: { name: 'c', direction: 'outputs', tensor: 'z' } },
      { key: 'd.outputs.x.y', ref: { name: 'd', direction: 'outputs', tensor: 'x.y' } },
    ]);
    expect(problems).toEqual([
      { key: 'b', problem: expect.stringMatching(/^key "b" names no tensor, so it matches nothing; Seldon would accept it/) },
      { key: 'c.outputs.z', problem: 'maps to "", which is not a tensor name (non-empty, no whitespace)' },
    ]);
    expect(checkTensorMap(undefined, RefPlace.OUTPUT)).toEqual({ problems: [], keys: [] });
  });

  test('uint32Problem: whole numbers the int32 CRD field takes', () => {
    expect(uint32Problem(0)).toBeUndefined();
    expect(uint32Problem(2 ** 31 - 1)).toBeUndefined();
    expect(uint32Problem(2 ** 31)).toBe('2147483648 is not a whole number from 0 to 2147483647');
    expect(uint32Problem('1')).toBe('"1" is not a whole number from 0 to 2147483647');
  });

  test('findCycle: none in a DAG, the cycle in data-flow order otherwise', () => {
    expect(findCycle([])).toBeUndefined();
    expect(findCycle([{ name: 'a', sources: [] }, { name: 'b', sources: ['a', 'p'] }, { name: 'c', sources: ['a', 'b'] }])).toBeUndefined();
    expect(findCycle([{ name: 'a', sources: ['a'] }])).toEqual(['a', 'a']);
    expect(findCycle([{ name: 'a', sources: ['c'] }, { name: 'b', sources: ['a'] }, { name: 'c', sources: ['b'] }])).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle([{ name: 'x', sources: [] }, { name: 'b', sources: ['c', 'x'] }, { name: 'c', sources: ['b'] }])).toEqual(['b', 'c', 'b']);
  });

  test('findCycle is linear and needs no recursion: a chain of 20,000 steps (deeper than any call stack) reads ten times as many edges as 2,000', () => {
    // An operation count, not a time: every read of a step's sources goes through a counting proxy.
    const reads = (n: number) => {
      let count = 0;
      const counted = (sources: string[]) => new Proxy(sources, {
        get: (target, key, receiver) => {
          count++;
          return Reflect.get(target, key, receiver);
        },
      });
      const chain = Array.from({ length: n }, (_, i) => ({ name: `s${i}`, sources: counted(i === 0 ? [] : [`s${i - 1}`]) }));
      expect(findCycle(chain)).toBeUndefined();
      chain[0] = { name: 's0', sources: counted([`s${n - 1}`]) };
      expect(findCycle(chain)).toHaveLength(n + 1);
      return count;
    };
    const small = reads(2_000);
    expect(small).toBeGreaterThan(2_000);
    // quadratic work would read 100 times as many
    expect(reads(20_000) / small).toBeLessThanOrEqual(11);
  });

  test('JoinType matches the CRD enum, and converts by value', () => {
    expect(JOIN_TYPE_MATCHES_CRD).toBe(true);
    expect(crdJoinType(JoinType.ANY)).toBe('any');
    expect(crdJoinType(undefined)).toBeUndefined();
    expect(Object.values(JoinType).every(isJoinType)).toBe(true);
    expect(isJoinType('left')).toBe(false);
  });
});
