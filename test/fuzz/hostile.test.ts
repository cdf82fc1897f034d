import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { CONSTRUCTS, FACTORIES, HOSTILE_SECRET } from './hostile';
import { hostileCase, judge } from './hostile-oracle';
import { clusterRefusals } from './range-oracle';
import { RANGE_CASES } from './ranges';
import * as lib from '../../src';
import { redactUserInfo } from '../../src/errors';
import { factoriesChecked } from '../../src/k8s/prop-check';

/**
 * A seeded run of the hostile-input property on every `npm test`: every
 * case raises a library error naming the construct path and the field, or
 * synthesizes output that passes the library's rules; never a TypeError,
 * RangeError, stack overflow or credential in a message. The 10,000-case
 * run with the strict CRD check is `npm run fuzz:hostile` (in CI).
 */
// CI runs 10,000 cases (npm run fuzz:hostile); npm test keeps a quick sample.
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

describe('hostile values in every prop of every construct', () => {
  test('cover every construct and factory of the shape table', () => {
    expect(CONSTRUCTS.length).toBeGreaterThanOrEqual(12);
    expect(CONSTRUCTS.every(c => c.fields.length > 0)).toBe(true);
    expect(FACTORIES.length).toBeGreaterThan(30);
  });

  test('every value class checks the arguments of its factories (checkFactories)', () => {
    const classes = [...new Set(FACTORIES.map(f => f.cls))].filter(c => !((lib as any)[c].prototype instanceof Construct));
    expect(classes.length).toBeGreaterThan(10);
    expect(classes.filter(c => !factoriesChecked((lib as any)[c]))).toEqual([]);
  });

  test(`${RUNS} cases (seed ${SEED}): a library error naming path and field, or valid output; no crash`, () => {
    const verdicts = fc.sample(hostileCase(), { numRuns: RUNS, seed: SEED }).map(c => ({ c, v: judge(c) }));
    const failures = verdicts.flatMap(({ c, v }) => (v.kind === 'failure' ? [`${c.describe}: ${v.reason}`] : []));
    expect(failures).toEqual([]);
    expect(verdicts.filter(({ v }) => v.kind === 'error').length).toBeGreaterThan(RUNS / 3);
    expect(verdicts.filter(({ v }) => v.kind === 'objects').length).toBeGreaterThan(RUNS / 10);
  });

  test(`a seeded tenth of the ${RANGE_CASES.length} range cases: values at and past the bounds are refused by the library or accepted by the cluster`, () => {
    const picked = fc.sample(fc.nat(RANGE_CASES.length - 1), { numRuns: Math.ceil(RANGE_CASES.length / 10), seed: SEED }).map(i => RANGE_CASES[i]);
    const failures = picked.flatMap(c => { const v = judge(c); return v.kind === 'failure' ? [`${c.describe}: ${v.reason}`] : []; });
    expect(failures).toEqual([]);
  });

  test('the range oracle refuses what the API server refuses and passes the bounds', () => {
    const pod = (container: object, spec: object = {}) => [{ kind: 'Server', metadata: { name: 's' }, spec: { podSpec: { containers: [{ name: 'c', ...container }], ...spec } } }];
    expect(clusterRefusals(pod({ ports: [{ containerPort: 65536 }] }))).toHaveLength(1);
    expect(clusterRefusals(pod({ livenessProbe: { successThreshold: 2 } }))).toHaveLength(1);
    expect(clusterRefusals(pod({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }))).toHaveLength(1);
    expect(clusterRefusals(pod({ resources: { limits: { 'nvidia.com/gpu': '0.5' } } }))).toHaveLength(1);
    expect(clusterRefusals(pod({}, { topologySpreadConstraints: [{ maxSkew: 0 }] }))).toHaveLength(1);
    expect(clusterRefusals([{ kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { minReplicas: 0, maxReplicas: 1 } }])).toHaveLength(1);
    expect(clusterRefusals([{ kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: '101%' } }])).toHaveLength(1);
    expect(clusterRefusals([{ kind: 'Model', metadata: { name: 'm' }, spec: { replicas: 5, maxReplicas: 3 } }])).toHaveLength(1);
    expect(clusterRefusals(pod({ ports: [{ containerPort: 1, hostPort: 0 }, { containerPort: 65535 }], livenessProbe: { successThreshold: 1 } },
      { topologySpreadConstraints: [{ maxSkew: 1 }], activeDeadlineSeconds: 2147483647 }))).toEqual([]);
  });

  test('redacting user info of a 100,000-letter string is linear (it took minutes)', () => {
    // jest's 5-second timeout bounds it: the quadratic pattern needed minutes here.
    const text = 'A'.repeat(100_000);
    expect(redactUserInfo(text)).toBe(text);
    expect(redactUserInfo(`x s3://AKIA:${HOSTILE_SECRET}@b/iris`)).toBe('x s3://***@b/iris');
  });
});
