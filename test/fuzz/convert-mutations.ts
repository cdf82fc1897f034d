/**
 * Hostile manifests for the converter and the commands that read YAML: a
 * seed file (test/convert/corpus, or Seldon's samples) mutated as users' repos
 * mutate them, and worse. Each case is built from (seed, index) alone, so
 * `--seed S --case I` builds it again.
 */
import { stringify } from 'yaml';
import { manifestDocuments } from '../../src/validation/manifest-documents';

/** The largest text a tree mutation may write. */
const MAX_TEXT = 1_000_000;
/** The most nodes a tree mutation may write (each copy counted). */
const MAX_NODES = 100_000;

/** Whether `value` expands to more than `limit` nodes, counted until the limit. */
function nodesOver(value: unknown, limit: number): boolean {
  const stack = [value];
  for (let n = 0; stack.length; n++) {
    if (n > limit) return true;
    const v = stack.pop();
    if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
  }
  return false;
}

/** A credential planted in cases; it must never come out of the converter or a command outside a Secret's own handling. */
export const CONVERT_SECRET = 'FuzzConvS3cr3tQ7x';

/** A credential planted as a Secret's value: never in a message; in a program only where the object is no core Secret any more. */
export const SECRET_VALUE = 'FuzzConvSecretValueK9';

/** The forms a planted credential can take in the output: as written, base64 (a Secret's data), URL-encoded. */
export const SECRET_FORMS = [CONVERT_SECRET, SECRET_VALUE].flatMap(s => [s, Buffer.from(s).toString('base64').replace(/=+$/, ''), encodeURIComponent(s)]);

/** A value as text, whatever it is (a map with a "toString" key has no working String()). */
function asText(value: unknown): string {
  try {
    return typeof value === 'object' && value !== null ? JSON.stringify(value) ?? '' : String(value);
  } catch {
    return 'deep';
  }
}

/** One generated input. */
export interface ConvertCase {
  readonly index: number;
  readonly file: string;
  readonly text: string;
  /** What was done to the seed, for the report. */
  readonly steps: string[];
  readonly seedFile: string;
}

/**
 * A small seeded generator (mulberry32): one per case, from the run's seed and the case index. Bit operations are
 * its arithmetic (test/seeded-random.ts's generator multiplies past 2^53, where its products lose their low bits).
 */
/* eslint-disable no-bitwise */
export function caseRandom(seed: number, index: number): () => number {
  let a = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/* eslint-enable no-bitwise */

type Rng = () => number;
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)];

const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '', ' ', 'a.b/c', '日本', '$ref', '0', 'length'];

const UNICODE = ['日本語のモデル', 'ﬁ\u200b\u200d', '\u202eevil', 'e\u0301', '😀🚀', '\u0000nul', 'tab\there', 'line\nbreak', '\ud800', 'Ω≈ç√'];

const CREDENTIAL_URLS = [
  `s3://AKIAFUZZ:${CONVERT_SECRET}@bucket/iris`,
  `https://user:${CONVERT_SECRET}@models.example.com/iris`,
  `gs://bucket/iris?access_token=${CONVERT_SECRET}`,
  `https://acct.blob.core.windows.net/c/iris?sv=2020&sig=${CONVERT_SECRET}`,
  `postgres://admin:${CONVERT_SECRET}@db:5432/x`,
];

/** A value of another type, or a hostile one of the same. */
function hostileValue(r: Rng, old: unknown): unknown {
  switch (int(r, 22)) {
    case 0: return null;
    case 1: return true;
    case 2: return 'false';
    case 3: return pick(r, [0, -1, -0.5, 2.5, 1e21, -1e308, 2 ** 53 + 1, 1e309, 0x7fffffff + 1]);
    case 4: return asText(old);
    case 5: return [];
    case 6: return {};
    case 7: return [old];
    case 8: return { value: old };
    case 9: return 'x'.repeat(pick(r, [300, 5_000, 70_000]));
    case 10: return pick(r, UNICODE);
    case 11: return pick(r, CREDENTIAL_URLS);
    case 12: return nested(r, pick(r, [50, 200, 1_000, 3_000]));
    case 13: return typeof old === 'number' ? -old : asText(old).length;
    case 14: return pick(r, ['1e3', '0x10', '0755', 'yes', 'NaN', '.inf', '-', '~', '1Gi', '500m', '-1Gi', '1e400']);
    case 15: return pick(r, ['{{ .Values.image }}', '${IMAGE}', '<no value>', '*alias', '&anchor', '!!binary', '%TAG']);
    case 16: return Array.from({ length: pick(r, [100, 2_000]) }, (_, i) => (typeof old === 'object' ? old : `${asText(old)}-${i}`));
    case 17: return Object.fromEntries(HOSTILE_KEYS.map(k => [k, 'v']));
    case 18: return { [pick(r, HOSTILE_KEYS)]: old };
    case 19: return pick(r, [-1, -100, 1e12, 2.5, '3', 'many']);
    case 20: return pick(r, ['', ' ', '\n']);
    default: return Array.isArray(old) ? [...old, ...old] : old;
  }
}

function nested(r: Rng, depth: number): unknown {
  const asList = r() < 0.5;
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = asList ? [v] : { [i % 7 === 0 ? 'graph' : 'children']: v };
  return v;
}

type Path = Array<string | number>;

/** Every path of a document's tree (containers and leaves), up to a bound. */
function paths(value: unknown, limit = 2_000): Path[] {
  const out: Path[] = [];
  const stack: Array<[unknown, Path]> = [[value, []]];
  while (stack.length && out.length < limit) {
    const [v, p] = stack.pop()!;
    if (p.length) out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...p, i]]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push([x, [...p, k]]);
  }
  return out;
}

function parentOf(root: any, p: Path): any {
  let v = root;
  for (const k of p.slice(0, -1)) v = v?.[k];
  return v;
}

/** A secret's value where the converter and the commands meet credentials: URLs, env values, Secret data. */
function plantCredential(r: Rng, doc: any): string {
  if (doc?.kind === 'Secret') {
    const key = pick(r, ['data', 'stringData']);
    const name = pick(r, ['AWS_SECRET_ACCESS_KEY', 'password', 'RCLONE_CONFIG_S3_SECRET_ACCESS_KEY', 'token', 'x']);
    doc[key] = typeof doc[key] === 'object' && doc[key] !== null ? doc[key] : {};
    doc[key][name] = key === 'data' ? Buffer.from(SECRET_VALUE).toString('base64') : pick(r, [SECRET_VALUE, { nested: SECRET_VALUE }, [SECRET_VALUE]]);
    return `secret ${key}.${name}`;
  }
  const all = paths(doc).filter(p => typeof p[p.length - 1] === 'string');
  const uriPaths = all.filter(p => /uri|url|image|value|storage/i.test(String(p[p.length - 1])));
  const p = uriPaths.length && r() < 0.7 ? pick(r, uriPaths) : all.length ? pick(r, all) : ['metadata', 'annotations', 'x'];
  const parent = parentOf(doc, p);
  if (parent === null || typeof parent !== 'object') return 'credential: no place';
  if (r() < 0.3 && Array.isArray(parent.env)) {
    parent.env.push({ name: pick(r, ['AWS_SECRET_ACCESS_KEY', 'API_TOKEN', 'DB_PASSWORD']), value: CONVERT_SECRET });
    return `credential env at ${p.slice(0, -1).join('.')}`;
  }
  parent[p[p.length - 1]] = pick(r, CREDENTIAL_URLS);
  return `credential URL at ${p.join('.')}`;
}

/** One mutation of a parsed document; returns what it did. */
function mutateTree(r: Rng, doc: any): string {
  const all = paths(doc);
  if (all.length === 0) return 'empty document';
  const p = pick(r, all);
  const parent = parentOf(doc, p);
  const key = p[p.length - 1];
  if (parent === null || typeof parent !== 'object') return 'no parent';
  const where = p.join('.').slice(0, 120);
  switch (int(r, 10)) {
    case 0:
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return `drop ${where}`;
    case 1: {
      if (Array.isArray(parent)) return `${parent.push(structuredClone(parent[Number(key)]))} items at ${where}`;
      const hostile = pick(r, HOSTILE_KEYS);
      // `__proto__` must become an own key, as YAML makes it.
      Object.defineProperty(parent, hostile, { value: parent[key], enumerable: true, configurable: true, writable: true });
      if (r() < 0.5) delete parent[key];
      return `key ${JSON.stringify(hostile)} at ${where}`;
    }
    case 2: {
      const replicas = all.filter(q => /replicas|Replicas|port|Port|seconds|Seconds|weight|traffic/.test(String(q[q.length - 1])));
      const q = replicas.length ? pick(r, replicas) : p;
      parentOf(doc, q)[q[q.length - 1]] = pick(r, [-1, -5, 0, 1e15, 2 ** 31, 0.5, 'two', null, 1e309, -0]);
      return `number at ${q.join('.')}`;
    }
    case 3: return `credential: ${plantCredential(r, doc)}`;
    default:
      parent[key] = hostileValue(r, parent[key]);
      return `value at ${where}`;
  }
}

const JUNK_DOCUMENTS = [
  '42', '[1, 2]', '"a string"', '~', 'null', '!!binary aGVsbG8=', '{{ .Values.deployment }}', 'kind: Secret', 'apiVersion: v1\nkind: List\nitems: [1, {a: b}]',
  'apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: a}\n- 7', '!custom {a: 1}', '!!set {a, b}', '!!omap [{a: 1}]', '!!python/object:os.system x',
  'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  AWS_SECRET_ACCESS_KEY: ' + SECRET_VALUE,
  'apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata: {name: x}',
  'apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata: {name: m}\nspec: {storageUri: 7, requirements: [1, [2]]}',
  '- a\n- b', '? [a]\n: b', '@bad', '\t- tab', 'a: b: c', '"unterminated',
];

/** The laughs: each level holding ten of the one before. */
function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 [lol, lol]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

/** One mutation of the text; returns it and what it did. */
function mutateText(r: Rng, text: string): [string, string] {
  const lines = text.split('\n');
  switch (int(r, 12)) {
    case 0: return [`${text}\n---\n${pick(r, JUNK_DOCUMENTS)}\n`, 'junk document after'];
    case 1: return [`${pick(r, JUNK_DOCUMENTS)}\n---\n${text}`, 'junk document before'];
    case 2: {
      const levels = pick(r, [3, 6, 9, 12]);
      return r() < 0.5 ? [`${text}\n---\n${aliasBomb(levels)}\n`, `alias bomb ${levels} levels`]
        : [text.replace(/^metadata:/m, `x-bomb:\n${aliasBomb(levels).replace(/^/gm, '  ')}\nmetadata:`), `alias bomb ${levels} levels inside`];
    }
    case 3: {
      // A block key with an anchor, and an alias of it (or of itself) somewhere later.
      const keyLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[\w-]+:\s*$/.test(l));
      if (keyLines.length < 1) return [text, 'no block key'];
      const [line, i] = pick(r, keyLines);
      const indent = /^\s*/.exec(line)![0];
      const copy = [...lines];
      copy[i] = `${line} &anc`;
      const j = i + 1 + int(r, Math.max(1, lines.length - i - 1));
      const self = r() < 0.3;
      copy.splice(self ? i + 1 : j, 0, `${self ? `${indent}  ` : indent}aliased${int(r, 100)}: *anc`);
      return [copy.join('\n'), self ? 'alias inside its anchor' : 'anchor and alias'];
    }
    case 4: {
      const keyLine = int(r, lines.length);
      return [[...lines.slice(0, keyLine + 1), lines[keyLine], ...lines.slice(keyLine + 1)].join('\n'), `duplicate line ${keyLine + 1}`];
    }
    case 5: return [text.slice(0, int(r, text.length)), 'truncated'];
    case 6: {
      const tag = pick(r, ['!!binary', '!custom', '!!str', '!!int', '!!float', '!!map', '!!seq', '!!null', '!!bool', '!!timestamp', '!<tag:x>', '!!merge']);
      const valued = lines.map((l, i) => [l, i] as const).filter(([l]) => /:\s+\S/.test(l) && !/:\s+[&*!|>]/.test(l));
      if (!valued.length) return [text, 'no scalar'];
      const [line, i] = pick(r, valued);
      const copy = [...lines];
      copy[i] = line.replace(/:\s+/, `: ${tag} `);
      return [copy.join('\n'), `tag ${tag} line ${i + 1}`];
    }
    case 7: return [text.replace(/\n/g, '\r\n'), 'CRLF'];
    case 8: return [`\ufeff${text}`, 'byte order mark'];
    case 9: {
      const at = int(r, text.length);
      return [text.slice(0, at) + pick(r, ['\u0000', '\t', '\u2028', '{', '[', '"', "'", '&', '*', '|', '%', '@', '`', '#', '\\']) + text.slice(at), 'stray character'];
    }
    case 10: return [text.replace(/^(\s*)(\w+):/m, '$1<<: {x: 1}\n$1$2:'), 'merge key'];
    default: {
      const depth = pick(r, [100, 1_000, 10_000]);
      return [`${text}\n---\n${'['.repeat(depth)}${']'.repeat(depth)}\n`, `flow nesting ${depth}`];
    }
  }
}

/** A file name as users' repos hold them, sometimes hostile (it is written into the program's header and chart id). */
function fileName(r: Rng, seedFile: string): string {
  const base = seedFile.replace(/^.*\//, '');
  return r() < 0.85 ? base : pick(r, ['*/ x /*.yaml', 'a\nb.yaml', '日本.yaml', '\'quote\'.yaml', '${x}.yaml', '.yaml', '-.yaml', `${'long'.repeat(100)}.yaml`, '__proto__.yaml', 'con structor.json']);
}

/** Builds case `index` of run `seed` from `seeds` (file name → text). */
export function convertCase(seed: number, index: number, seeds: ReadonlyArray<readonly [string, string]>): ConvertCase {
  const r = caseRandom(seed, index);
  const [seedFile, seedText] = pick(r, seeds);
  const steps: string[] = [];
  let text = seedText;
  if (r() < 0.75) {
    // Read as the commands read it (a Helm template's document, which no object is, becomes null).
    const docs = manifestDocuments(seedText).map(d => (d.error === undefined ? d.value as any : null));
    const n = 1 + int(r, 4);
    for (let i = 0; i < n && docs.length; i++) {
      const d = int(r, docs.length);
      if (docs[d] === null || typeof docs[d] !== 'object') continue;
      steps.push(`#${d} ${mutateTree(r, docs[d])}`);
    }
    const asJson = r() < 0.1;
    // Copies of copies (shared, so cheap to make) expand when written: tens of megabytes take the converter a minute
    // (linearly), and past 512 MB no string holds them. A large file is one case among thousands, not most of the run.
    const large = nodesOver(docs, MAX_NODES);
    text = large ? seedText : asJson && docs.length === 1 ? JSON.stringify(docs[0], null, 1)
      : docs.map(d => {
        try {
          return stringify(d, { lineWidth: 0, aliasDuplicateObjects: false });
        } catch {
          try {
            return JSON.stringify(d);
          } catch {
            // Nested past what JSON.stringify takes: the deep-nesting text mutation covers such files.
            return 'deep: too deep to write';
          }
        }
      }).join('---\n');
    if (asJson) steps.push('as JSON');
    if (large || text.length > MAX_TEXT) {
      text = seedText;
      steps.push('(too large, the seed instead)');
    }
  }
  if (steps.length === 0 || r() < 0.3) {
    const [mutated, step] = mutateText(r, text);
    text = mutated;
    steps.push(step);
  }
  return { index, file: fileName(r, seedFile), text, steps, seedFile };
}
