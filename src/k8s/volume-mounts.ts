import { posix } from 'path';
import { k8s, Volume, VolumeMount } from 'cdk8s-plus-27';
import { show } from '../errors';
import { DNS_1123_LABEL, nameProblem } from '../names';

/**
 * cdk8s-plus volumes and volume mounts on containers the library renders
 * itself (a v1 node's container, a v2 Server's containers): what makes one,
 * how it renders, and the rules the API server applies to it.
 */

type Report = (field: string, problem: string, accepted: string) => void;

/** A cdk8s-plus `Volume` of either supported line: it renders itself with `_toKube()`. */
export function isVolume(v: unknown): v is Volume {
  return typeof (v as Volume | undefined)?.name === 'string' && typeof (v as { _toKube?: unknown })._toKube === 'function';
}

/** A cdk8s-plus volume mount as Kubernetes JSON (the fields cdk8s-plus's own Container renders). */
export function renderMount(m: VolumeMount): k8s.VolumeMount {
  return {
    name: m.volume.name, mountPath: m.path, readOnly: m.readOnly, mountPropagation: m.propagation, subPath: m.subPath, subPathExpr: m.subPathExpr,
  };
}

/**
 * The directory a mount path names: the API server compares paths as written, but "/dev//shm/" and "/dev/shm" are
 * one directory, where the later mount hides the earlier.
 */
export function normalizedMountPath(path: string): string {
  return posix.normalize(path).replace(/\/+$/, '') || '/';
}

/**
 * Why `path` cannot be a container's mount path, with what is accepted: missing, not absolute (the container runtime
 * mounts absolute paths only), with a "." or ".." segment, or with ":" (the separator of a volume spec, which the
 * API server long refused). `example` ends the accepted text.
 */
export function mountPathProblem(path: unknown, example: string): [string, string] | undefined {
  if (path === undefined || path === null) return ['is missing', `an absolute path, e.g. ${example}`];
  if (typeof path === 'string' && path.startsWith('/') && !path.split('/').some(s => s === '.' || s === '..') && !path.includes(':')) return undefined;
  return [`${show(path)} is not an absolute path`, `an absolute path without "." or ".." segments or ":", e.g. ${example}`];
}

/**
 * The sub-path rules of the API server (validation.go validateVolumeMounts, validateLocalDescendingPath): a relative
 * path with no ".." segment, and `subPath` and `subPathExpr` not both.
 */
export function subPathProblems(mount: VolumeMount, field: (f: string) => string, report: Report): void {
  for (const key of ['subPath', 'subPathExpr'] as const) {
    const value = mount[key];
    if (typeof value === 'string' && (value.startsWith('/') || value.split('/').includes('..'))) {
      report(field(key), `${show(value)} is not a path inside the volume (the API server refuses an absolute path or a ".." segment)`,
        'a relative path without ".." segments, e.g. "models/iris"');
    }
  }
  if (mount.subPath && mount.subPathExpr) report(field('subPathExpr'), 'is set and subPath too, which the API server refuses', 'either subPath or subPathExpr');
}

/**
 * One Volume per name in a pod: `volume` may not take the name of a volume
 * someone else adds (`reserved`: name → what adds it), nor of another Volume
 * already seen. Records it in `seen`.
 */
export function addPodVolume(volume: Volume, where: string, reserved: ReadonlyMap<string, string>, seen: Map<string, Volume>, report: Report): void {
  const issue = nameProblem(volume.name, DNS_1123_LABEL);
  if (issue) report(where, `name ${issue}`, DNS_1123_LABEL.accepted);
  else if (reserved.has(volume.name)) report(where, `name ${show(volume.name)} is the name of ${reserved.get(volume.name)}`, 'a name of no volume the operator adds');
  else if (seen.has(volume.name) && seen.get(volume.name) !== volume) report(where, `name ${show(volume.name)} is also the name of another Volume of the pod`, 'one Volume per name (pass the same Volume object to each mount)');
  seen.set(volume.name, volume);
}
