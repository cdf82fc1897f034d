import { Gpu } from '../../src/k8s/gpu';

describe('Gpu', () => {
  test('nvidia and amd render their extended resource as a limit', () => {
    expect(Gpu.nvidia(2).toLimits()).toEqual({ 'nvidia.com/gpu': 2 });
    expect(Gpu.amd(1).toLimits()).toEqual({ 'amd.com/gpu': 1 });
    expect(Gpu.nvidia(1).problem).toBeUndefined();
  });

  test('any device plugin resource', () => {
    const gpu = Gpu.of('nvidia.com/mig-1g.5gb', 1);
    expect(gpu.problem).toBeUndefined();
    expect(gpu.resourceName).toBe('nvidia.com/mig-1g.5gb');
  });

  test.each([0, -1, 1.5])('count %p is rejected', count => {
    expect(Gpu.nvidia(count).problem).toMatch(/count .* is not a whole number above 0/);
  });

  test.each(['gpu', 'nvidia.com/', 'Nvidia.com/gpu', 'a/b/c'])('resource name %p is rejected', name => {
    expect(Gpu.of(name, 1).problem).toMatch(/is not an extended resource name; a name such as "nvidia.com\/gpu"/);
  });

  test('the kubernetes.io domain is reserved', () => {
    expect(Gpu.of('kubernetes.io/gpu', 1).problem).toMatch(/reserved/);
    expect(Gpu.of('example.kubernetes.io/gpu', 1).problem).toMatch(/reserved/);
  });
});
