/** A v1 setting that Seldon Core v2 does not carry over as it was, and what to do about it. */
export interface MigrationDifference {
  /** The v1 setting, as named in `PrepackagedModelProps` or its fluent API, e.g. `protocol` or `withCanary()`. */
  readonly setting: string;
  /** What becomes of it on Seldon Core v2, and what to do. */
  readonly detail: string;
}
