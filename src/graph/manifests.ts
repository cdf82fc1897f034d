/**
 * Reads Kubernetes objects from manifest files for `cdk8s-seldon graph`.
 *
 * Files are found by `listManifestFiles` of src/validation, and YAML is read
 * as `cdk8s-seldon validate` reads it (YAML 1.1 as kubectl understands it,
 * lists expanded, empty documents skipped: src/validation/manifest-documents.ts), so that both
 * commands see the same objects in the same files.
 */
import { listItems, listManifestFiles, manifestDocuments, readManifestFile } from '../validation';

/** A parsed JSON object. */
export type Json = { [key: string]: unknown };

/** One Kubernetes object and where it was read. */
export interface ManifestObject {
  readonly file: string;
  /** 0-based index of the YAML document within the file. */
  readonly documentIndex: number;
  readonly value: Json;
}

export interface ManifestReadResult {
  readonly files: number;
  readonly objects: ManifestObject[];
  /** Documents that could not be parsed or are not objects; the diagram lacks them. */
  readonly problems: string[];
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads every object of a (multi-document) YAML or JSON text. */
export function parseManifestText(text: string, file: string): ManifestReadResult {
  const objects: ManifestObject[] = [];
  const problems: string[] = [];
  for (const doc of manifestDocuments(text)) {
    if (doc.error !== undefined) problems.push(`${file}#${doc.documentIndex}: ${doc.error}`);
    else collect(doc.value, file, doc.documentIndex, '', objects, problems);
  }
  return { files: 1, objects, problems };
}

/**
 * Reads the objects of files, and of every .yaml/.yml/.json file under
 * directories. Throws if a path does not exist or cannot be read.
 */
export function readManifests(paths: readonly string[]): ManifestReadResult {
  const objects: ManifestObject[] = [];
  const problems: string[] = [];
  let files = 0;
  for (const target of paths) {
    for (const file of listManifestFiles(target)) {
      files++;
      let text: string;
      try {
        text = readManifestFile(file);
      } catch (e) {
        problems.push(`${file}: cannot be read: ${(e as Error).message}`);
        continue;
      }
      const read = parseManifestText(text, file);
      objects.push(...read.objects);
      problems.push(...read.problems);
    }
  }
  return { files, objects, problems };
}

function collect(value: unknown, file: string, documentIndex: number, prefix: string, objects: ManifestObject[], problems: string[]): void {
  if (value === null || value === undefined) return;
  if (!isObject(value)) {
    problems.push(`${file}#${documentIndex}${prefix}: not a Kubernetes object (${Array.isArray(value) ? 'a list' : typeof value}), skipped`);
    return;
  }
  // `kubectl get -o yaml` writes several objects as one v1 List, a list endpoint as a <Kind>List.
  const items = listItems(value);
  if (items !== undefined) {
    items.forEach((item, i) => collect(item, file, documentIndex, `${prefix}/items/${i}`, objects, problems));
    return;
  }
  objects.push({ file, documentIndex, value });
}
