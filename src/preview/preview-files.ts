/**
 * The preview over manifest files, and its YAML: what
 * `cdk8s-seldon preview <files>` prints.
 */
import { stringify } from 'yaml';
import { OperatorPreview, PreviewOptions, previewObjects } from './preview';
import { maskCredentials } from '../errors';
import { readManifests } from '../graph/manifests';
import { Json } from '../k8s/json';
import { restrictedPodSpecViolations } from '../k8s/pod-security';

/** A preview of files: the objects, the reconcile problems and the documents that could not be read. */
export interface FilePreview extends OperatorPreview {
  /** How many manifest files were read. */
  readonly files: number;
  readonly unreadable: string[];
}

/** Reads manifest files and directories (as `cdk8s-seldon validate` does) and previews their Seldon resources. */
export function previewFiles(paths: readonly string[], options: PreviewOptions = {}): FilePreview {
  const read = readManifests(paths);
  const preview = previewObjects(read.objects.map(o => o.value), options);
  return { ...preview, files: read.files, unreadable: read.problems };
}

/** Container keys first in the order people read them; the rest as built. */
const CONTAINER_KEYS = ['name', 'image', 'command', 'args'];

function ordered(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map(v => ordered(v, key));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Json).filter(([, v]) => v !== undefined);
  if (key === 'containers' || key === 'initContainers') {
    entries.sort(([a], [b]) => rank(a) - rank(b));
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, ordered(v, k)]));
}

function rank(key: string): number {
  const i = CONTAINER_KEYS.indexOf(key);
  return i < 0 ? CONTAINER_KEYS.length : i;
}

/** The objects as multi-document YAML, for `kubectl`, kube-linter and other pod linters. */
export function previewYaml(objects: readonly Json[]): string {
  return objects.map(o => stringify(ordered(o), { lineWidth: 0 })).join('---\n');
}

/** The pod template of a Deployment or StatefulSet, if the object has one. */
export function podSpecOf(object: Json): Json | undefined {
  return object.spec?.template?.spec;
}

/**
 * Restricted Pod Security Standard violations of every previewed pod: `<Kind> <name>: <container>: <violation>`
 * (the pod template's metadata is checked too: its AppArmor annotations).
 */
export function restrictedPreviewViolations(objects: readonly Json[]): string[] {
  return objects.flatMap(o => {
    const pod = podSpecOf(o);
    return pod ? restrictedPodSpecViolations(pod, o.spec?.template?.metadata).map(v => maskCredentials(`${o.kind} ${o.metadata?.name}: ${v}`)) : [];
  });
}
