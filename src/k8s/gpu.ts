import { checkFactories } from './prop-check';
/**
 * A number of GPUs (or other devices) for one container, requested as a
 * Kubernetes extended resource such as `nvidia.com/gpu`.
 *
 * Kubernetes only accepts extended resources as whole numbers, in `limits`
 * (a request, if any, must equal the limit), so the count is rendered as a
 * limit alone and the scheduler copies it into the request.
 */
export class Gpu {
  /** NVIDIA GPUs (`nvidia.com/gpu`, from NVIDIA's device plugin or GPU operator). */
  public static nvidia(count: number): Gpu {
    return new Gpu('nvidia.com/gpu', count);
  }

  /** AMD GPUs (`amd.com/gpu`, from AMD's device plugin). */
  public static amd(count: number): Gpu {
    return new Gpu('amd.com/gpu', count);
  }

  /**
   * Any extended resource advertised by a device plugin, e.g.
   * `gpu.intel.com/i915` or `nvidia.com/mig-1g.5gb`.
   */
  public static of(resourceName: string, count: number): Gpu {
    return new Gpu(resourceName, count);
  }

  /** The extended resource name, e.g. `nvidia.com/gpu`. */
  public readonly resourceName: string;
  /** How many devices. */
  public readonly count: number;
  /**
   * Why this request cannot be used, if it cannot.
   * @default - undefined for a usable request
   */
  public readonly problem?: string;

  private constructor(resourceName: string, count: number) {
    this.resourceName = resourceName;
    this.count = count;
    this.problem = gpuProblem(resourceName, count);
  }

  /** The `limits` entries to render. */
  public toLimits(): { [resource: string]: number } {
    return { [this.resourceName]: this.count };
  }
}

const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function gpuProblem(resourceName: string, count: number): string | undefined {
  if (!Number.isInteger(count) || count < 1) {
    return `count ${String(count)} is not a whole number above 0; extended resources such as GPUs are requested in whole devices`;
  }
  const parts = typeof resourceName === 'string' ? resourceName.split('/') : [];
  const [prefix, name] = parts;
  // Extended resources must be fully qualified and outside the kubernetes.io domain.
  if (parts.length !== 2 || !PREFIX.test(prefix) || prefix.length > 253 || !NAME.test(name) || name.length > 63) {
    return `resource name ${JSON.stringify(resourceName)} is not an extended resource name; a name such as "nvidia.com/gpu" (<domain>/<name>) is accepted`;
  }
  if (prefix === 'kubernetes.io' || prefix.endsWith('.kubernetes.io')) {
    return `resource name ${JSON.stringify(resourceName)} is in the kubernetes.io domain, which is reserved for built-in resources; a device plugin's name such as "nvidia.com/gpu" is accepted`;
  }
  return undefined;
}

checkFactories(Gpu, 'Gpu');
