/**
 * The documents of a manifest file as kubectl reads them, for every command (validate, graph, preview, convert):
 * UTF-16 by its byte order mark, YAML 1.1 with kubectl's tags (`0755` and `0o755` octal), anchors and merges however
 * many a file shares, and per document either its value or why it cannot be read, so one bad document (or file)
 * never stops the others.
 */
import * as fs from 'fs';
import { isAlias, isCollection, isMap, isNode, isPair, parseAllDocuments, ScalarTag, visit } from 'yaml';
import { kubectlTags } from './kubectl-yaml';

/** One document of a file: its value, or the reason it has none. */
export interface ManifestDocument {
  readonly documentIndex: number;
  readonly value?: unknown;
  readonly error?: string;
}

/**
 * go-yaml's limit on aliases, which kubectl applies (decode.go, `allowedAliasRatio`): past 1,000 nodes, a document
 * may take up to 99% of its nodes from aliases while it has at most 400,000, down to 10% at 4,000,000 and beyond.
 * The `yaml` package's own limit counts alias uses instead (its default of 100 refused files kubectl reads: 1,500
 * ConfigMaps sharing one labels block). Counted before anything is expanded: nested anchors that would grow a 1 KB
 * file to a million nodes, which the converter then worked through for minutes, stop at once.
 */
const ALIAS_RATIO_LOW = 400_000;
const ALIAS_RATIO_HIGH = 4_000_000;

function allowedAliasRatio(nodes: number): number {
  if (nodes <= ALIAS_RATIO_LOW) return 0.99;
  if (nodes >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((nodes - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

/**
 * How deep maps and lists may nest. Every reader of a document (the converter, the preview, the validator) walks it
 * recursively; a fixed bound, far above any Kubernetes object's few dozen levels, keeps each of them inside the
 * stack whatever its frames' sizes, where the parser's own limit (about a thousand levels) left a later walk to
 * overflow now and then.
 */
const MAX_DEPTH = 256;

/** `0o755`: YAML 1.2's octal, which go-yaml reads in YAML 1.1 documents too. */
const OCTAL_0O: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  // go-yaml reads a sign and "_" between digits (0o1_7 is 15); "0o_" stays a string.
  test: /^[-+]?0o[0-7_]*[0-7][0-7_]*$/,
  resolve: (text: string) => (text.startsWith('-') ? -1 : 1) * parseInt(text.replace(/^[-+]?0o/, '').replace(/_/g, ''), 8),
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
    // After the parser's stack overflow, the errors that follow are its consequences (a bracket it never reached).
    const overflow = doc.errors.find(e => STACK_OVERFLOW.test(e.message));
    if (doc.errors.length > 0) return { documentIndex, error: `YAML error: ${[...new Set((overflow ? [overflow] : doc.errors).map(e => errorText(e)))].join('; ')}` };
    const { sources, collectionKeyAt, tooDeepAt } = scan(doc);
    if (tooDeepAt !== undefined) {
      const line = text.slice(0, tooDeepAt).split('\n').length;
      return { documentIndex, error: `YAML error: maps and lists nested more than ${MAX_DEPTH} levels deep at line ${line} (a Kubernetes object nests a few dozen)` };
    }
    if (collectionKeyAt !== undefined) {
      const line = text.slice(0, collectionKeyAt).split('\n').length;
      return { documentIndex, error: `YAML error: a map key is itself a map or list at line ${line} (an unrendered template? run helm template first)` };
    }
    const size = expandedSize(doc, sources);
    // An anchor inside itself (`&a [*a]`) makes a value with no end, which kubectl refuses.
    if (size === undefined) return { documentIndex, error: 'YAML error: an anchor contains an alias of itself' };
    // Aliases of aliases can nest deeper than the text does, and every reader walks the value they make.
    if (size.depth > MAX_DEPTH) {
      return { documentIndex, error: `YAML error: its aliases nest maps and lists ${size.depth.toLocaleString('en')} levels deep, more than ${MAX_DEPTH} (a Kubernetes object nests a few dozen)` };
    }
    // go-yaml checks as it decodes; checking the totals refuses no document it reads.
    const aliased = size.nodes - size.literal;
    if (aliased > 100 && size.nodes > 1000 && aliased / size.nodes > allowedAliasRatio(size.nodes)) {
      return {
        documentIndex,
        error: `YAML error: its aliases expand it to ${size.nodes.toExponential(1)} nodes, ${(100 * aliased / size.nodes).toFixed(1)}% of them from aliases, `
          + 'which kubectl refuses as excessive aliasing (it takes up to 99% from aliases in a document of up to 400,000 nodes, 10% from 4,000,000)',
      };
    }
    try {
      return { documentIndex, value: doc.toJS({ maxAliasCount: -1 }) };
    } catch (e) {
      return { documentIndex, error: `YAML error: ${(e as Error).message}` };
    }
  });
}

const STACK_OVERFLOW = /Maximum call stack size exceeded/;

/**
 * A parse error in words: yaml's messages end with a code excerpt after a colon, and the first line says it all; the
 * parser recurses per level of nesting, and its stack overflow is no message for a user.
 */
function errorText(e: { message: string; linePos?: Array<{ line: number; col: number }> }): string {
  const first = e.message.split('\n')[0].replace(/:\s*$/, '');
  if (!STACK_OVERFLOW.test(first)) return first;
  const at = e.linePos?.[0];
  return `nested too deeply to read${at ? ` at line ${at.line}, column ${at.col}` : ''} (lists and maps inside each other several hundred levels deep; `
    + 'a Kubernetes object nests a few dozen)';
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
  // Only when both are missing, as kubectl fills them.
  return value.items.map(item => (typeof item === 'object' && item !== null && !Array.isArray(item) && !('apiVersion' in item) && !('kind' in item)
    ? { apiVersion: value.apiVersion, kind: itemKind, ...item } : item));
}

type YamlDocument = ReturnType<typeof parseAllDocuments>[number];

/**
 * One pass over a document in document order: each alias's anchor (an alias names the last anchor of its name before
 * it; `Alias.resolve()` would search the whole document for each alias), and where the first map key that is a
 * collection stands (`{{ .Release.Name }}` unrendered, or an alias of a collection), which kubectl refuses.
 */
function scan(doc: YamlDocument): { sources: Map<unknown, unknown>; collectionKeyAt?: number; tooDeepAt?: number } {
  const anchors = new Map<string, unknown>();
  const sources = new Map<unknown, unknown>();
  let collectionKeyAt: number | undefined;
  let tooDeepAt: number | undefined;
  visit(doc, (_key, node, path) => {
    // The path holds each enclosing map and list (and a pair per map): counted only when it is long.
    if (isCollection(node) && path.length >= MAX_DEPTH && path.filter(isCollection).length >= MAX_DEPTH) {
      tooDeepAt = node.range?.[0] ?? 0;
      return visit.BREAK;
    }
    if (isAlias(node)) {
      sources.set(node, anchors.get(node.source));
      return undefined;
    }
    if (isNode(node) && node.anchor !== undefined) anchors.set(node.anchor, node);
    if (isPair(node) && isMap(path[path.length - 1])) {
      const key = isAlias(node.key) ? anchors.get(node.key.source) : node.key;
      if (isCollection(key)) {
        collectionKeyAt = (node.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
        return visit.BREAK;
      }
    }
    return undefined;
  });
  return { sources, collectionKeyAt, tooDeepAt };
}

/**
 * The number of nodes a document expands to as go-yaml counts them (each scalar, map, list and alias; each alias
 * also as what it names, counted once per anchor, so linear in the document), how many of them it holds as written,
 * and how deep its maps and lists nest once aliases are expanded; undefined when an anchor holds an alias of itself.
 */
function expandedSize(doc: YamlDocument, sources: ReadonlyMap<unknown, unknown>): { nodes: number; literal: number; depth: number } | undefined {
  const sizes = new Map<unknown, Size>();
  const open = new Set<unknown>();
  let literal = 0;
  // `inAlias`: the node is part of an alias's expansion, not of the text (counted once, on its first visit as written).
  const size = (node: unknown, inAlias: boolean): Size | undefined => {
    if (!inAlias) literal++;
    if (isAlias(node)) {
      const source = sources.get(node);
      const named = source === undefined ? { nodes: 0, depth: 0 } : size(source, true);
      return named === undefined ? undefined : { nodes: 1 + named.nodes, depth: named.depth };
    }
    const known = sizes.get(node);
    if (known !== undefined && inAlias) return known;
    if (open.has(node)) return undefined;
    open.add(node);
    // A pair is no node of go-yaml's: its key and value are; nor a level of nesting.
    const total = { nodes: isPair(node) ? 0 : 1, depth: 0 };
    if (isPair(node) && !inAlias) literal--;
    const parts: unknown[] = isPair(node) ? [node.key, node.value] : isCollection(node) ? node.items : [];
    for (const part of parts) {
      const s = part === null || part === undefined ? { nodes: 0, depth: 0 } : size(part, inAlias);
      if (s === undefined) return undefined;
      total.nodes += s.nodes;
      total.depth = Math.max(total.depth, s.depth);
    }
    if (isCollection(node)) total.depth++;
    open.delete(node);
    sizes.set(node, total);
    return total;
  };
  const all = doc.contents === null ? { nodes: 0, depth: 0 } : size(doc.contents, false);
  // go-yaml counts the document itself as a node too; without it, documents it reads at 99.0% were refused.
  return all === undefined ? undefined : { nodes: all.nodes + 1, literal: literal + 1, depth: all.depth };
}

interface Size {
  nodes: number;
  depth: number;
}
