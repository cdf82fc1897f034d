/**
 * The converter's intermediate form: a small tree of expressions and
 * statements that is both printed as TypeScript and evaluated against the
 * library. Evaluating the very tree that is printed is what lets the
 * converter compute, before writing any file, which fields the constructs
 * did not reproduce (they become JSON patches), without compiling code.
 */

/** One expression of generated code. */
export type Expr =
  /** A JSON value, printed as a literal. */
  | { readonly k: 'lit'; readonly value: unknown }
  /** A variable or an imported name (`ModelUri`, `chart`). */
  | { readonly k: 'ref'; readonly name: string }
  /** `target.prop` */
  | { readonly k: 'get'; readonly target: Expr; readonly prop: string }
  /** `callee(args)`, or `new callee(args)` */
  | { readonly k: 'call'; readonly callee: Expr; readonly args: readonly Expr[]; readonly isNew?: boolean }
  /** An object literal; entries whose value is undefined are left out. */
  | { readonly k: 'obj'; readonly entries: ReadonlyArray<readonly [string, Expr]> }
  | { readonly k: 'arr'; readonly items: readonly Expr[] }
  /**
   * A credential read from the environment: printed as `fromEnv('NAME')`,
   * evaluated as the value found in the input (so that the patches computed
   * from the evaluation never carry it).
   */
  | { readonly k: 'env'; readonly name: string; readonly value: string };

/** One statement: `const name = value;` or `value;`, with comment lines above it. */
export interface Stmt {
  readonly name?: string;
  readonly value: Expr;
  readonly comments?: readonly string[];
}

export const lit = (value: unknown): Expr => ({ k: 'lit', value });
export const ref = (name: string): Expr => ({ k: 'ref', name });
export const get = (target: Expr, prop: string): Expr => ({ k: 'get', target, prop });
export const call = (callee: Expr, ...args: Expr[]): Expr => ({ k: 'call', callee, args });
export const construct = (callee: Expr, ...args: Expr[]): Expr => ({ k: 'call', callee, args, isNew: true });
export const arr = (items: readonly Expr[]): Expr => ({ k: 'arr', items });
export const env = (name: string, value: string): Expr => ({ k: 'env', name, value });

/** `Name.member(args)` for an imported class. */
export function staticCall(cls: string, member: string, ...args: Expr[]): Expr {
  return call(get(ref(cls), member), ...args);
}

/** An object literal from [key, value] pairs; pairs with an undefined value are dropped. */
export function obj(entries: ReadonlyArray<readonly [string, Expr | undefined]>): Expr {
  return { k: 'obj', entries: entries.filter((e): e is readonly [string, Expr] => e[1] !== undefined) };
}

/** An object literal of literal values, or undefined for an empty or absent map. */
export function litMap(map: unknown): Expr | undefined {
  if (map === undefined || map === null) return undefined;
  return lit(map);
}

/** Names every generated file imports from; the printer imports only those used. */
export const MODULES: ReadonlyArray<{ readonly module: string; readonly names: readonly string[] }> = [
  { module: 'cdk8s', names: ['ApiObject', 'App', 'Chart', 'Duration', 'JsonPatch', 'Size'] },
  {
    module: 'cdk8s-plus-27',
    names: ['ConfigMap', 'ConnectionScheme', 'Cpu', 'EmptyDirMedium', 'Env', 'EnvFieldPaths', 'EnvValue', 'ImagePullPolicy', 'k8s', 'Metric', 'MetricTarget', 'Node',
      'NodeLabelQuery', 'NodeTaintQuery', 'PersistentVolumeAccessMode', 'PersistentVolumeClaim', 'Probe', 'Protocol', 'Secret', 'ServiceAccount', 'ServiceType', 'TaintEffect', 'Volume'],
  },
];

/** The module of an imported name: cdk8s, cdk8s-plus-27, else the library. */
export function moduleOf(name: string): string {
  return MODULES.find(m => m.names.includes(name))?.module ?? 'cdk8s-seldon';
}

/** Evaluates an expression: `scope` holds variables and imported names. */
export function evaluate(expr: Expr, scope: Map<string, unknown>): any {
  switch (expr.k) {
    case 'lit': return expr.value;
    case 'env': return expr.value;
    case 'ref':
      if (!scope.has(expr.name)) throw new Error(`converter bug: ${expr.name} is not defined`);
      return scope.get(expr.name);
    case 'get': return evaluate(expr.target, scope)[expr.prop];
    case 'arr': return expr.items.map(i => evaluate(i, scope));
    case 'obj': return Object.fromEntries(expr.entries.map(([key, value]) => [key, evaluate(value, scope)]));
    case 'call': {
      const args = expr.args.map(a => evaluate(a, scope));
      if (expr.isNew) {
        const cls = evaluate(expr.callee, scope);
        return new cls(...args);
      }
      if (expr.callee.k === 'get') {
        const target = evaluate(expr.callee.target, scope);
        return target[expr.callee.prop](...args);
      }
      return evaluate(expr.callee, scope)(...args);
    }
  }
}

/** Every imported or variable name an expression refers to. */
export function refsOf(expr: Expr, into: Set<string> = new Set()): Set<string> {
  switch (expr.k) {
    case 'ref': into.add(expr.name); break;
    case 'get': refsOf(expr.target, into); break;
    case 'call': refsOf(expr.callee, into); expr.args.forEach(a => refsOf(a, into)); break;
    case 'obj': expr.entries.forEach(([, v]) => refsOf(v, into)); break;
    case 'arr': expr.items.forEach(i => refsOf(i, into)); break;
    default: break;
  }
  return into;
}

/** True when some expression reads a credential from the environment. */
export function readsEnv(expr: Expr): boolean {
  switch (expr.k) {
    case 'env': return true;
    case 'get': return readsEnv(expr.target);
    case 'call': return readsEnv(expr.callee) || expr.args.some(readsEnv);
    case 'obj': return expr.entries.some(([, v]) => readsEnv(v));
    case 'arr': return expr.items.some(readsEnv);
    default: return false;
  }
}
