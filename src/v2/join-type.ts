// Its own module: pipeline-validation.ts checks it against the CRD without importing pipeline-step.ts.

/** How a step, or the pipeline's input or output, joins data arriving from several sources. */
export enum JoinType {
  /** Wait for data from every source (Seldon's default). */
  INNER = 'inner',
  /** Wait `joinWindowMs`, then join whatever arrived. */
  OUTER = 'outer',
  /** Forward the first data that arrives. */
  ANY = 'any',
}
