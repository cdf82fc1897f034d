import { normalizedMountPath } from '../k8s/volume-mounts';

/** Mount paths of a Server's rclone container, as the scheduling rules compare them (SELDON-FACTS §2.10). */

/** Whether a mount at `mount` makes `path` readable: `path` is the mount or below it, compared as the directories they name. */
export function mountCovers(mount: string, path: string): boolean {
  const m = normalizedMountPath(mount);
  const p = normalizedMountPath(path);
  return m === '/' || p === m || p.startsWith(`${m}/`);
}
