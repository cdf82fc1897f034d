/**
 * Names and references while one file is converted: unique variable names
 * and construct ids, the constructs each input object became (so a Model
 * pinned to a Server of the same file gets the Server's variable), and the
 * by-name references (`Secret.fromSecretName(...)`) declared once each.
 */
import { call, construct, Expr, lit, ref, staticCall, Stmt } from './code';

const RESERVED = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return',
  'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'await',
  'implements', 'interface', 'package', 'private', 'protected', 'public', 'arguments', 'eval', 'undefined', 'process', 'require',
  'module', 'exports', 'app', 'chart', 'fromEnv', 'console']);

/** What an input object became: its variable and the construct class. */
export interface Converted {
  readonly variable: string;
  readonly construct: string;
}

/** Where an object is converted: the file's scope, the chart's namespace, and how far the object is reduced (0: fully typed). */
export interface ConvertContext {
  readonly scope: Scope;
  readonly chartNamespace?: string;
  readonly level: number;
}

/** `sklearn-iris` → `sklearnIris`. */
export function camel(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(w => w.length > 0);
  const joined = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined || 'object';
}

export class Scope {
  /** Declarations of objects referenced by name (Secrets, Servers outside the file). */
  public readonly references: Stmt[] = [];
  private readonly variables = new Set<string>(RESERVED);
  private readonly ids = new Set<string>();
  private readonly converted = new Map<string, Converted>();
  private readonly byName = new Map<string, Expr>();

  public constructor(importedNames: readonly string[]) {
    importedNames.forEach(n => this.variables.add(n));
  }

  /** A variable name not used yet, from an object's name and, on a clash, its kind. */
  public variable(name: string, kind: string): string {
    let candidate = camel(name);
    if (this.variables.has(candidate)) candidate = `${candidate}${kind}`;
    let i = 2;
    const base = candidate;
    while (this.variables.has(candidate)) candidate = `${base}${i++}`;
    this.variables.add(candidate);
    return candidate;
  }

  /**
   * A construct id not used yet in the chart. constructs keeps children in a plain object and looks a name up with
   * `in`, so an id such as `constructor` or `toString` is taken from the start.
   */
  public id(name: string, kind: string): string {
    const taken = (id: string) => this.ids.has(id) || id in Object.prototype;
    let candidate = name;
    if (taken(candidate)) candidate = `${name}-${kind.toLowerCase()}`;
    let i = 2;
    const base = candidate;
    while (taken(candidate)) candidate = `${base}-${i++}`;
    this.ids.add(candidate);
    return candidate;
  }

  /** Records that the object `kind` `namespace`/`name` became `converted`. */
  public register(kind: string, namespace: string | undefined, name: string, converted: Converted): void {
    this.converted.set(`${kind}/${namespace ?? ''}/${name}`, converted);
  }

  public find(kind: string, namespace: string | undefined, name: string): Converted | undefined {
    return this.converted.get(`${kind}/${namespace ?? ''}/${name}`);
  }

  /**
   * A reference to an object outside the file: `<cls>.<factory>(chart, id, name, ...rest)`,
   * declared once as a variable.
   */
  public external(cls: string, factory: string, name: string, kind: string, ...rest: Expr[]): Expr {
    return this.declared(`${cls}.${factory}/${name}`, name, kind, id => staticCall(cls, factory, ref('chart'), lit(id), lit(name), ...rest));
  }

  /** A variable declared once per `key`, named after `name`: `const <name> = value(<construct id>)`. */
  public declared(key: string, name: string, kind: string, value: (id: string) => Expr): Expr {
    const known = this.byName.get(key);
    if (known) return known;
    const variable = this.variable(name, kind.charAt(0).toUpperCase() + kind.slice(1));
    this.references.push({ name: variable, value: value(this.id(name, kind)) });
    const expr = ref(variable);
    this.byName.set(key, expr);
    return expr;
  }
}

/** `new Cls(chart, 'id', props)` */
export function newConstruct(cls: string, id: string, props: Expr): Expr {
  return construct(ref(cls), ref('chart'), lit(id), props);
}

export { call };
