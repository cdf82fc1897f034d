/**
 * Prints the converter's expressions and statements as formatted TypeScript
 * in the project's style: single quotes, trailing commas, two-space indent,
 * a construct's props on one line when they fit in 110 columns.
 */
import { Expr, MODULES, moduleOf, readsEnv, refsOf, Stmt } from './code';

const WIDTH = 110;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal in single quotes. */
export function quote(value: string): string {
  // Line separators are escaped too: legal in a string literal, but they end a line in most editors and diff tools.
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
    .replace(/[\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16)}`)}'`;
}

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

/** Converts a JSON value to an expression tree, so that it prints like the rest. */
function literal(value: unknown): Expr {
  if (Array.isArray(value)) return { k: 'arr', items: value.map(literal) };
  if (typeof value === 'object' && value !== null) {
    return { k: 'obj', entries: Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, literal(v)] as const) };
  }
  return { k: 'lit', value };
}

function flat(expr: Expr): string {
  switch (expr.k) {
    case 'lit':
      if (typeof expr.value === 'string') return quote(expr.value);
      if (typeof expr.value === 'object' && expr.value !== null) return flat(literal(expr.value));
      return String(expr.value);
    case 'env': return `fromEnv(${quote(expr.name)})`;
    case 'ref': return expr.name;
    case 'get': return `${flat(expr.target)}.${expr.prop}`;
    case 'call': return `${expr.isNew ? 'new ' : ''}${flat(expr.callee)}(${expr.args.map(flat).join(', ')})`;
    case 'arr': return `[${expr.items.map(flat).join(', ')}]`;
    case 'obj': return expr.entries.length === 0 ? '{}' : `{ ${expr.entries.map(([k, v]) => `${key(k)}: ${flat(v)}`).join(', ')} }`;
  }
}

/** `new X(...)` or a call on one: the head of a fluent chain. */
function isChain(expr: Expr): boolean {
  return expr.k === 'call' && (expr.isNew === true || (expr.callee.k === 'get' && isChain(expr.callee.target)));
}

/** Prints an expression starting at column `indent` (spaces); breaks it over lines when it is too wide. */
export function printExpr(expr: Expr, indent: number, prefix = 0): string {
  const oneLine = flat(expr);
  if (indent + prefix + oneLine.length <= WIDTH) return oneLine;
  const pad = ' '.repeat(indent + 2);
  const end = ' '.repeat(indent);
  switch (expr.k) {
    case 'lit':
      return typeof expr.value === 'object' && expr.value !== null ? printExpr(literal(expr.value), indent, prefix) : oneLine;
    case 'obj':
      return `{\n${expr.entries.map(([k, v]) => `${pad}${key(k)}: ${printExpr(v, indent + 2, key(k).length + 2)},\n`).join('')}${end}}`;
    case 'arr':
      return `[\n${expr.items.map(i => `${pad}${printExpr(i, indent + 2)},\n`).join('')}${end}]`;
    case 'call': {
      // A fluent chain, `new X(...).withCanary(...)`, puts each call on its own line.
      if (!expr.isNew && expr.callee.k === 'get' && isChain(expr.callee.target)) {
        return `${printExpr(expr.callee.target, indent, prefix)}\n${pad}.${expr.callee.prop}(${expr.args.map(a => printExpr(a, indent + 2, expr.callee.k === 'get' ? expr.callee.prop.length + 2 : 0)).join(', ')})`;
      }
      const head = `${expr.isNew ? 'new ' : ''}${flat(expr.callee)}(`;
      // The last argument (props) opens on the call's line, as people write `new X(scope, 'id', {`.
      const last = expr.args[expr.args.length - 1];
      const before = expr.args.slice(0, -1).map(flat).join(', ');
      const start = `${head}${before}${before ? ', ' : ''}`;
      if (last && (last.k === 'obj' || last.k === 'arr' || (last.k === 'lit' && typeof last.value === 'object')) && indent + start.length < WIDTH - 10) {
        return `${start}${printExpr(last, indent, prefix + start.length + 2)})`;
      }
      return `${head}\n${expr.args.map(a => `${pad}${printExpr(a, indent + 2)},\n`).join('')}${end})`;
    }
    default:
      return oneLine;
  }
}

function printStmt(stmt: Stmt, referenced: ReadonlySet<string>): string {
  const comments = (stmt.comments ?? []).map(c => `// ${commentText(c)}\n`).join('');
  // A construct nothing refers to is created without a variable, as people write it (and noUnusedLocals wants).
  if (stmt.name && referenced.has(stmt.name)) {
    const head = `const ${stmt.name} = `;
    return `${comments}${head}${printExpr(stmt.value, 0, head.length + 1)};\n`;
  }
  return `${comments}${printExpr(stmt.value, 0, 1)};\n`;
}

/** What a generated program is made of. */
export interface Program {
  /** Comment lines at the top of the file. */
  readonly header: readonly string[];
  /** The chart's id and namespace. */
  readonly chartId: string;
  readonly namespace?: string;
  /** Statements in the chart, in order; groups are separated by a blank line. */
  readonly groups: ReadonlyArray<readonly Stmt[]>;
}

/** The whole file: imports, the app and chart, the statements, `app.synth()`. */
export function printProgram(program: Program): string {
  const used = new Set<string>(['App', 'Chart']);
  const statements = program.groups.flat();
  for (const s of statements) refsOf(s.value, used);
  const envUsed = statements.some(s => readsEnv(s.value));
  const declared = new Set(statements.map(s => s.name).filter((n): n is string => n !== undefined));
  declared.add('chart');
  const byModule = new Map<string, string[]>();
  for (const name of [...used].sort()) {
    if (declared.has(name)) continue;
    const module = moduleOf(name);
    byModule.set(module, [...(byModule.get(module) ?? []), name]);
  }
  const order = [...MODULES.map(m => m.module), 'cdk8s-seldon'];
  const imports = order.filter(m => byModule.has(m)).map(m => `import { ${byModule.get(m)!.join(', ')} } from '${m}';\n`).join('');
  const chartProps = program.namespace ? `, { namespace: ${quote(program.namespace)} }` : '';
  const envHelper = envUsed ? [
    '',
    '/** Credentials are read from the environment, so that they stay out of the code. */',
    'function fromEnv(name: string): string {',
    '  const value = process.env[name];',
    '  if (value === undefined) throw new Error(`set the environment variable ${name}`);',
    '  return value;',
    '}',
  ].join('\n') + '\n' : '';
  return [
    program.header.map(h => `// ${commentText(h)}\n`).join(''),
    imports,
    envHelper,
    '\nconst app = new App();\n',
    `const chart = new Chart(app, ${quote(program.chartId)}${chartProps});\n`,
    ...program.groups.filter(g => g.length > 0).map(g => '\n' + g.map(s => printStmt(s, used)).join('')),
    '\napp.synth();\n',
  ].join('');
}

/**
 * A comment line's text with its line terminators escaped: the text names fields of the input, whose keys may hold
 * any character, and a raw line break would end the comment and make the rest of the key program code.
 */
function commentText(text: string): string {
  return text.replace(/[\n\r\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export { MODULES };
