/** What a validation run reports: issues, counts and compile timings. */
import { performance } from 'perf_hooks';

/**
 * - `schema`: the object does not match its CRD schema;
 * - `unknown-kind`: a Seldon (or loaded) API group, but no CRD for this version/kind;
 * - `compile`: the CRD schema itself could not be compiled;
 * - `yaml`: the document could not be parsed.
 */
export type IssueCategory = 'schema' | 'unknown-kind' | 'compile' | 'yaml';

export interface ValidationIssue {
  readonly file: string;
  /** 0-based index of the YAML document within the file (or of the object in a list). */
  readonly documentIndex: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** `kind/namespace/name`, or `kind/name` when the object has no namespace. */
  readonly object: string;
  /** JSON pointer into the object, e.g. `/spec/predictors/0/graph/name`; `''` is the object itself. */
  readonly path: string;
  readonly reason: string;
  readonly category: IssueCategory;
}

export interface CompileTiming {
  readonly apiVersion: string;
  readonly kind: string;
  readonly source: string;
  readonly ms: number;
}

export interface ValidationReport {
  /** No errors. Warnings do not make a report invalid. */
  readonly valid: boolean;
  readonly files: number;
  /** Non-empty YAML documents (or objects passed in). */
  readonly documents: number;
  /** Objects of a Seldon API group or of a group with a loaded CRD. */
  readonly validated: number;
  /** Every other object (Deployments, Secrets, ...), and non-objects. */
  readonly skipped: number;
  readonly errors: ValidationIssue[];
  readonly warnings: string[];
  readonly elapsedMs: number;
  /** Schemas compiled during this call (each schema is compiled once per validator). */
  readonly compiled: CompileTiming[];
}

/** Where an object came from, for issue reports. */
export interface ObjectLocation {
  readonly file: string;
  readonly documentIndex: number;
}

/** Accumulates the counts of one validate* call. */
export class Tally {
  public files = 0;
  public documents = 0;
  public validated = 0;
  public skipped = 0;
  public readonly errors: ValidationIssue[] = [];
  public readonly warnings: string[] = [];
  public readonly compiled: CompileTiming[] = [];
  private readonly started = performance.now();

  public report(): ValidationReport {
    return {
      valid: this.errors.length === 0,
      files: this.files,
      documents: this.documents,
      validated: this.validated,
      skipped: this.skipped,
      errors: this.errors,
      warnings: this.warnings,
      elapsedMs: performance.now() - this.started,
      compiled: this.compiled,
    };
  }
}
