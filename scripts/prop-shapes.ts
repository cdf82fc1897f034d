/**
 * Writes src/k8s/prop-shapes.generated.ts from the jsii assemblies: the
 * runtime shape of every parameter of the public API (constructors, methods,
 * factories) and of every type they reach, so `src/k8s/prop-check.ts` can
 * check what a JavaScript, Python, Java or Go caller really passed.
 *
 *   npx projen shapes            (after `npx projen compile`, which writes .jsii)
 *   npx projen shapes --check    fails when the committed file is out of date
 *
 * Type references are encoded compactly: `s` string, `n` number, `b` boolean,
 * `a` any or json, `d` date, `[T]` array, `{T}` map, `A|B` union, otherwise the
 * name of an entry of SHAPES (this library's types without the assembly prefix).
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const OWN = 'cdk8s-seldon';
const OUT = path.join(ROOT, 'src', 'k8s', 'prop-shapes.generated.ts');
const MAX_HINTS = 8;

type Json = any;
const assemblies = new Map<string, Json>();
function assembly(name: string): Json {
  let found = assemblies.get(name);
  if (!found) {
    const file = name === OWN ? path.join(ROOT, '.jsii') : require.resolve(`${name}/.jsii`, { paths: [ROOT] });
    found = JSON.parse(fs.readFileSync(file, 'utf8'));
    assemblies.set(name, found);
  }
  return found;
}
function typeOf(fqn: string): Json {
  const t = assembly(fqn.split('.')[0]).types[fqn];
  if (!t) throw new Error(`${fqn} is not in its assembly`);
  return t;
}
const key = (fqn: string) => (fqn.startsWith(`${OWN}.`) ? fqn.slice(OWN.length + 1) : fqn);
const short = (fqn: string) => fqn.split('.').slice(fqn.startsWith('cdk8s-plus-27.k8s.') ? -2 : -1).join('.');

const shapes = new Map<string, Json>();
const pending: string[] = [];

function ref(t: Json): string {
  if (t.primitive) return ({ string: 's', number: 'n', boolean: 'b', any: 'a', json: 'a', date: 'd' } as Json)[t.primitive];
  if (t.collection) {
    const e = ref(t.collection.elementtype);
    return t.collection.kind === 'array' ? `[${e}]` : `{${e}}`;
  }
  if (t.union) return t.union.types.map(ref).join('|');
  pending.push(t.fqn);
  return key(t.fqn);
}

/** Own and inherited members of a class or interface. */
function members(fqn: string, into = new Map<string, boolean>()): Map<string, boolean> {
  const t = typeOf(fqn);
  for (const p of t.properties ?? []) if (!p.static && !p.name.startsWith('_') && !into.has(p.name)) into.set(p.name, !!p.optional);
  // Of the constructs library only `node`: other lines of cdk8s-plus build on other constructs versions.
  const methods = t.assembly === 'constructs' ? [] : t.methods ?? [];
  for (const m of methods) if (!m.static && !m.name.startsWith('_')) into.set(m.name, false);
  if (t.base) members(t.base, into);
  for (const i of t.interfaces ?? []) members(i, into);
  return into;
}

function allTypes(): Json[] {
  return [...assemblies.values()].flatMap(a => Object.values(a.types));
}

function returnsFqn(m: Json): string {
  return m.returns?.type?.fqn ?? '';
}

/** Subtypes of `fqn` among the loaded assemblies (itself included). */
function subtypes(fqn: string): Set<string> {
  const out = new Set([fqn]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of allTypes()) {
      if (out.has(t.fqn)) continue;
      if ((t.base && out.has(t.base)) || (t.interfaces ?? []).some((i: string) => out.has(i))) {
        out.add(t.fqn);
        grew = true;
      }
    }
  }
  return out;
}

/** How a caller obtains a value of the type: its factories, constants and constructors. */
function hints(fqn: string): string[] {
  const accepted = subtypes(fqn);
  const found: string[] = [];
  for (const t of allTypes()) {
    if (t.kind !== 'class' || t.assembly !== fqn.split('.')[0]) continue;
    for (const m of t.methods ?? []) {
      if (m.static && accepted.has(returnsFqn(m)) && !m.name.startsWith('is')) found.push(`${short(t.fqn)}.${m.name}()`);
    }
    for (const p of t.properties ?? []) if (p.static && accepted.has(p.type?.fqn)) found.push(`${short(t.fqn)}.${p.name}`);
    if (accepted.has(t.fqn) && t.initializer && !t.initializer.protected && !t.abstract) found.push(`new ${short(t.fqn)}()`);
  }
  // Factories and constants first: they are what the docs of each type show.
  const unique = [...new Set(found)].sort((a, b) => Number(a.startsWith('new ')) - Number(b.startsWith('new ')));
  return unique.length > MAX_HINTS ? [...unique.slice(0, MAX_HINTS), '...'] : unique;
}

/**
 * The factories that turn one string into the type (`ModelUri.parse`,
 * `StepRef.fromString`), to suggest when a caller passed a string. None for a
 * type with constants (`PrepackagedServer.SKLEARN`): the constant is the fix.
 */
function wrappers(fqn: string): string[] {
  const t = typeOf(fqn);
  if (t.kind !== 'class' || (t.properties ?? []).some((p: Json) => p.static && p.type?.fqn === fqn)) return [];
  const takesOneString = (t.methods ?? []).filter((m: Json) => m.static && returnsFqn(m) === fqn
    && m.parameters?.filter((p: Json) => !p.optional).length === 1 && m.parameters[0].type.primitive === 'string');
  const conversions = takesOneString.filter((m: Json) => /^(parse|from|of)/.test(m.name));
  return (conversions.length ? conversions : takesOneString).map((m: Json) => `${short(fqn)}.${m.name}`);
}

function enumValues(fqn: string): string[] {
  const [name, ...parts] = fqn.split('.');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  let e: Json = name === OWN ? require(path.join(ROOT, 'src')) : require(require.resolve(name, { paths: [ROOT] }));
  for (const p of parts) e = e[p];
  return typeOf(fqn).members.map((m: Json) => e[m.name]);
}

function describe(fqn: string): Json {
  const t = typeOf(fqn);
  if (t.kind === 'enum') {
    return { e: enumValues(fqn), h: t.members.map((m: Json) => `${short(fqn)}.${m.name}`) };
  }
  if (t.kind === 'interface' && t.datatype) {
    const fields: Record<string, string> = {};
    const visit = (f: string) => {
      const s = typeOf(f);
      for (const p of s.properties ?? []) if (!(p.name in fields)) fields[p.name] = `${p.optional ? '?' : ''}${ref(p.type)}`;
      for (const i of s.interfaces ?? []) visit(i);
    };
    visit(fqn);
    return { f: fields };
  }
  const required = [...members(fqn)].filter(([, optional]) => !optional).map(([m]) => m).sort();
  const w = wrappers(fqn);
  return { m: required, h: hints(fqn), ...(w.length ? { w } : {}) };
}

function signature(params: Json[] | undefined): string[] {
  return (params ?? []).map(p => `${p.name}:${p.optional ? '?' : ''}${p.variadic ? '...' : ''}${ref(p.type)}`);
}

const signatures: Record<string, string[]> = {};
for (const t of Object.values(assembly(OWN).types) as Json[]) {
  if (t.kind !== 'class') continue;
  if (t.initializer && !t.initializer.protected) signatures[t.name] = signature(t.initializer.parameters);
  for (const m of t.methods ?? []) if (m.parameters?.length) signatures[`${t.name}.${m.name}`] = signature(m.parameters);
}
for (let fqn = pending.pop(); fqn !== undefined; fqn = pending.pop()) {
  if (!shapes.has(key(fqn))) shapes.set(key(fqn), { n: short(fqn), ...describe(fqn) });
}

const sorted = [...shapes.keys()].sort();
const lines = [
  '// Generated by scripts/prop-shapes.ts from the jsii assemblies (`npx projen shapes`); do not edit.',
  '/* eslint-disable */',
  "import type { ShapeTable } from './prop-shape-table';",
  '',
  'export const SIGNATURES: Record<string, string[]> = {',
  ...Object.keys(signatures).sort().map(k => `  '${k}': ${JSON.stringify(signatures[k]).replace(/"/g, "'")},`),
  '};',
  '',
  'export const SHAPES: ShapeTable = {',
  ...sorted.map(k => `  '${k}': ${JSON.stringify(shapes.get(k))},`),
  '};',
  '',
];
const text = lines.join('\n');
if (process.argv.includes('--check')) {
  if (!fs.existsSync(OUT) || fs.readFileSync(OUT, 'utf8') !== text) {
    console.error(`${path.relative(ROOT, OUT)} is out of date: run npx projen compile && npx projen shapes`);
    process.exit(1);
  }
} else {
  fs.writeFileSync(OUT, text);
  console.log(`${path.relative(ROOT, OUT)}: ${Object.keys(signatures).length} signatures, ${sorted.length} types`);
}
