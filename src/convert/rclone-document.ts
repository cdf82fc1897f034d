/**
 * Seldon Core v2's form of an rclone remote: one Secret key holding a
 * `{type, name, parameters}` document, in JSON or YAML (the agent reads
 * either). The converter reads it to write an `RcloneSecret`, to compare a
 * Secret with its round trip, and to find credentials written in clear.
 */
import { parse } from 'yaml';
import { isObject, Json } from '../graph/manifests';

/** The document `text` holds, if it is a YAML or JSON mapping. */
export function rcloneDocument(text: string): Json | undefined {
  try {
    // A key that is a map (an unrendered template) would be written as a process warning; it makes no rclone document anyway.
    const doc: unknown = parse(text, { logLevel: 'error' });
    // An anchor inside itself (`parameters: &a {x: *a}`) makes a value with no end, which Go's YAML refuses: stringify
    // throws on it (as on a value too deep to walk), where the converter's walks recursed until the stack overflowed.
    JSON.stringify(doc);
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}
