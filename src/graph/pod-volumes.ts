/** The PersistentVolumeClaims a pod mounts, and where. */
import type { Reference } from './builder';
import type { GraphNode } from './graph-node';
import { list, obj, objects, str } from './json';
import type { Json } from './manifests';
import { RCLONE_CONTAINER } from '../v2/capabilities';

/** The pod's PVC volumes and where each container mounts them. */
export function pvcMounts(podSpec: Json): Array<{ volume: string; claim: string; mounts: Array<{ container: string; path: string }> }> {
  const claims = new Map<string, string>();
  for (const v of objects(podSpec.volumes)) {
    const claim = str(obj(v.persistentVolumeClaim).claimName);
    const name = str(v.name);
    if (claim && name) claims.set(name, claim);
  }
  if (claims.size === 0) return [];
  const byVolume = new Map<string, Array<{ container: string; path: string }>>();
  for (const c of [...objects(podSpec.initContainers), ...objects(podSpec.containers)]) {
    for (const m of objects(c.volumeMounts)) {
      const volume = str(m.name);
      const path = str(m.mountPath);
      if (!volume || !path || !claims.has(volume)) continue;
      const mounts = byVolume.get(volume) ?? [];
      mounts.push({ container: str(c.name) ?? '(unnamed)', path });
      byVolume.set(volume, mounts);
    }
  }
  return [...claims].map(([volume, claim]) => ({ volume, claim, mounts: byVolume.get(volume) ?? [] }));
}

export function mountLabel(mounts: ReadonlyArray<{ container: string; path: string }>, volume: string): string {
  if (mounts.length === 0) return `volume ${volume}, not mounted`;
  const paths = [...new Set(mounts.map(m => m.path))];
  return `mounts ${list(paths)} (${list([...new Set(mounts.map(m => m.container))])})`;
}

/** Where PVC volumes are mounted into the rclone container, which reads local-path models (§2.10). */
export function rcloneMounts(podSpec: Json): string[] {
  return pvcMounts(podSpec).flatMap(v => v.mounts.filter(m => m.container === RCLONE_CONTAINER).map(m => m.path));
}

/**
 * Where a Server's own pod spec mounts volumes into rclone, of any kind: rclone copies a local-path model from
 * whatever is mounted there (a Server's `mountPvc()` claims and its `rcloneContainer.volumeMounts` alike).
 */
export function serverRcloneMounts(podSpec: Json): string[] {
  const rclone = objects(podSpec.containers).filter(c => str(c.name) === RCLONE_CONTAINER);
  return rclone.flatMap(c => objects(c.volumeMounts).map(m => str(m.mountPath)).filter((p): p is string => p !== undefined));
}

export function addPvcUri(uri: unknown, from: GraphNode, namespace: string | undefined, references: Reference[]): void {
  const text = str(uri);
  if (!text?.startsWith('pvc://')) return;
  const [claim, ...rest] = text.slice('pvc://'.length).split('/');
  if (claim) references.push({ from, kind: 'PersistentVolumeClaim', namespace, name: claim, label: `pvc:// /${rest.join('/')}`, edge: 'volume' });
}
