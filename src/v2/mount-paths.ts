/** Mount paths of a Server's rclone container, as the scheduling rules compare them (SELDON-FACTS §2.10). */

/** A path without trailing slashes (`/` stays `/`). */
export function normalizeMountPath(path: string): string {
  return path.replace(/\/+$/, '') || '/';
}

/** Whether a mount at `mount` makes `path` readable: `path` is the mount or below it. */
export function mountCovers(mount: string, path: string): boolean {
  const m = normalizeMountPath(mount);
  const p = normalizeMountPath(path);
  return m === '/' || p === m || p.startsWith(`${m}/`);
}
