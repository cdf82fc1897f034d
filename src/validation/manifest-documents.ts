/**
 * The documents of a manifest file as kubectl reads them, for every command (validate, graph, preview, convert):
 * UTF-16 by its byte order mark, YAML 1.1 with kubectl's tags (`0755` and `0o755` octal), anchors and merges however
 * many a file shares, and per document either its value or why it cannot be read, so one bad document (or file)
 * never stops the others.
 */
import * as fs from 'fs';
import { isAlias, isCollection, isMap, parseAllDocuments, ScalarTag, visit } from 'yaml';
import { kubectlTags } from './kubectl-yaml';

/** One document of a file: its value, or the reason it has none. */
export interface ManifestDocument {
  readonly documentIndex: number;
  readonly value?: unknown;
  readonly error?: string;
}

/**
 * The `yaml` package counts each alias's uses times the aliases inside what it names; its default of 100 refused files
 * kubectl reads (a shared `env` block merged into 150 containers). Ten times that still keeps a file's expansion
 * small: nested anchors that would grow a 60 KB file to gigabytes (which kubectl refuses as excessive aliasing) stop
 * at once.
 */
const MAX_ALIASES = 1000;

/** `0o755`: YAML 1.2's octal, which go-yaml reads in YAML 1.1 documents too. */
const OCTAL_0O: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  // Go's strconv.ParseInt(s, 8, 64), as go-yaml calls it: digits only.
  test: /^0o[0-7]+$/,
  resolve: (text: string) => parseInt(text.slice(2), 8),
};

/** The text of a manifest file: UTF-8, or UTF-16 when it starts with a byte order mark (PowerShell's `>` writes it). */
export function readManifestFile(file: string): string {
  const bytes = fs.readFileSync(file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Every document of a (multi-document) YAML or JSON text. */
export function manifestDocuments(text: string): ManifestDocument[] {
  return parseAllDocuments(text, { version: '1.1', customTags: tags => [OCTAL_0O, ...kubectlTags(tags)] }).map((doc, documentIndex) => {
    // yaml's messages end with a code excerpt after a colon; the first line says it all.
    if (doc.errors.length > 0) return { documentIndex, error: `YAML error: ${doc.errors.map(e => e.message.split('\n')[0].replace(/:\s*$/, '')).join('; ')}` };
    const line = collectionKeyLine(doc, text);
    if (line !== undefined) {
      return { documentIndex, error: `YAML error: a map key is itself a map or list at line ${line} (an unrendered template? run helm template first)` };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      return { documentIndex, error: `YAML error: ${(e as Error).message}` };
    }
    // An anchor inside itself (`&a [*a]`) makes a value with no end, which kubectl refuses.
    return containsItself(value) ? { documentIndex, error: 'YAML error: an anchor contains an alias of itself' } : { documentIndex, value };
  });
}

/** The line of the first map key that is a collection (`{{ .Release.Name }}` unrendered), which kubectl refuses. */
function collectionKeyLine(doc: ReturnType<typeof parseAllDocuments>[number], text: string): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Pair: (_key, pair, path) => {
      // An alias as a key names what its anchor holds, which may be a map too.
      const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      if (isCollection(key) && isMap(path[path.length - 1])) {
        offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
}

/**
 * A list kubectl flattens: `v1` `List`, or any `<Kind>List` with `items` (what a list endpoint returns), whose items
 * lack their apiVersion and kind: kubectl gives them the list's (`ConfigMapList` items are `v1` `ConfigMap`s).
 */
export function listItems(value: { [key: string]: unknown }): unknown[] | undefined {
  const kind = value.kind;
  if (!Array.isArray(value.items) || typeof kind !== 'string' || !kind.endsWith('List')) return undefined;
  if (kind === 'List') return value.items;
  const itemKind = kind.slice(0, -'List'.length);
  return value.items.map(item => (typeof item === 'object' && item !== null && !Array.isArray(item)
    ? { apiVersion: value.apiVersion, kind: itemKind, ...item } : item));
}

/** Whether a value reaches itself (an anchor aliased inside itself). */
function containsItself(value: unknown, ancestors: Set<object> = new Set()): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (ancestors.has(value)) return true;
  ancestors.add(value);
  for (const inner of Object.values(value)) if (containsItself(inner, ancestors)) return true;
  ancestors.delete(value);
  return false;
}
