import { IConstruct } from 'constructs';

/**
 * Formats every error this library raises the same way, so that a user can
 * find the construct, the field and the fix without reading the library:
 *
 *   `<Kind> '<construct path>': <field> <problem>; <what is accepted>`
 *
 * Without `accepted`, `problem` is a value object's own sentence, which
 * already ends with `; <what is accepted>` (e.g. `ModelUri.problem`).
 */
export function formatProblem(kind: string, path: string, field: string, problem: string, accepted?: string): string {
  return `${kind} '${path}': ${field} ${problem}${accepted === undefined ? '' : `; ${accepted}`}`;
}

/** Renders a user-supplied value for an error message, quoted and shortened. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * Collects the problems found while checking one construct and throws them
 * together, so a user fixes all of them in one round.
 */
export class Problems {
  private readonly found: string[] = [];

  public constructor(private readonly kind: string, private readonly scope: IConstruct) {}

  /** Records a problem with `field` (see `formatProblem` for a value object's sentence without `accepted`). */
  public add(field: string, problem: string, accepted?: string): void {
    this.found.push(formatProblem(this.kind, this.scope.node.path, field, problem, accepted));
  }

  public get messages(): string[] {
    return [...this.found];
  }

  /** Throws one Error listing every problem, if there are any. */
  public throwIfAny(): void {
    if (this.found.length === 1) throw new Error(this.found[0]);
    if (this.found.length > 1) throw new Error(this.found.join('\n'));
  }
}
