import { IConstruct } from 'constructs';
import { Problems } from '../errors';

/** `Problems` whose fields sit under a prefix, e.g. `overrides[0].` for settings nested in a list. */
export class PrefixedProblems extends Problems {
  public constructor(kind: string, scope: IConstruct, private readonly prefix: string) {
    super(kind, scope);
  }

  public add(field: string, problem: string, accepted?: string): void {
    super.add(`${this.prefix}${field}`, problem, accepted);
  }
}
