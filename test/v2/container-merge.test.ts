import { Size } from 'cdk8s';
import { Cpu, EnvValue } from 'cdk8s-plus-27';
import { Gpu } from '../../src/k8s/gpu';
import { mergedResourceProblems, overrideAmounts, overrideProblems, renderOverride } from '../../src/v2/container-merge';

describe('renderOverride', () => {
  test('nothing to change renders nothing', () => {
    expect(renderOverride('mlserver', undefined)).toBeUndefined();
    expect(renderOverride('mlserver', {})).toBeUndefined();
  });

  test('image, resources, GPU and env', () => {
    const container = renderOverride('mlserver', {
      image: 'seldonio/mlserver:1.3.4',
      resources: { cpu: { request: Cpu.millis(500) }, memory: { request: Size.gibibytes(2), limit: Size.gibibytes(4) } },
      gpu: Gpu.nvidia(1),
      env: { MLSERVER_PARALLEL_WORKERS: EnvValue.fromValue('4') },
    });
    expect(container?.name).toBe('mlserver');
    expect(container?.image).toBe('seldonio/mlserver:1.3.4');
    expect(container?.resources?.requests?.cpu.value).toBe('500m');
    expect(container?.resources?.requests?.memory.value).toBe('2Gi');
    expect(container?.resources?.limits?.memory.value).toBe('4Gi');
    expect(container?.resources?.limits?.['nvidia.com/gpu'].value).toBe(1);
    expect(container?.env).toEqual([{ name: 'MLSERVER_PARALLEL_WORKERS', value: '4', valueFrom: undefined }]);
  });

  test('a GPU alone renders a limit only', () => {
    const container = renderOverride('triton', { gpu: Gpu.nvidia(2) });
    expect(container?.resources?.requests).toBeUndefined();
    expect(container?.resources?.limits?.['nvidia.com/gpu'].value).toBe(2);
  });
});

describe('overrideProblems', () => {
  test('a valid override has none', () => {
    expect(overrideProblems('serverContainer', { image: 'a/b:1', env: { A_B: EnvValue.fromValue('1') } })).toEqual([]);
  });

  test('image, env names, reserved env, GPU and resources are checked', () => {
    const problems = overrideProblems('agentContainer', {
      image: 'bad image',
      env: { '1BAD': EnvValue.fromValue('x'), 'SELDON_SERVER_CAPABILITIES': EnvValue.fromValue('a') },
      gpu: Gpu.nvidia(0),
      resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } },
    }, ['SELDON_SERVER_CAPABILITIES']);
    const fields = problems.map(p => p[0]);
    expect(fields).toEqual(expect.arrayContaining([
      'agentContainer.image', 'agentContainer.env["1BAD"]', 'agentContainer.env["SELDON_SERVER_CAPABILITIES"]', 'agentContainer.gpu', 'agentContainer.resources',
    ]));
    expect(problems.find(p => p[0] === 'agentContainer.resources')?.[1]).toMatch(/memory request 2Gi is greater than the memory limit 1Gi/);
  });
});

describe('mergedResourceProblems (override merged key by key, SELDON-FACTS §2.4)', () => {
  const base = { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } };

  test('a request raised above the ServerConfig\'s limit', () => {
    const problems = mergedResourceProblems(base, overrideAmounts({ resources: { memory: { request: Size.gibibytes(2) } } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/memory request 2Gi \(set here\) is greater than the memory limit 1Gi \(from the ServerConfig\)/);
  });

  test('raising the limit too is fine', () => {
    const both = overrideAmounts({ resources: { memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) } } });
    expect(mergedResourceProblems(base, both)).toEqual([]);
  });

  test('a limit lowered below the ServerConfig\'s request', () => {
    const problems = mergedResourceProblems(base, overrideAmounts({ resources: { memory: { limit: Size.mebibytes(512) } } }));
    expect(problems[0]).toMatch(/memory request 1Gi \(from the ServerConfig\) is greater than the memory limit 512Mi \(set here\)/);
  });
});
