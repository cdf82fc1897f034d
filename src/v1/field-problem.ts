/** A problem a value object found in one of its own fields; the construct prefixes the field with where the value was given. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
  readonly accepted: string;
}
