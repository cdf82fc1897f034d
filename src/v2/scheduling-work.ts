/** Servers examined so far by all scheduling checks: an operation count for tests. */
let serverVisits = 0;

/** Records that a check examined `count` more servers. */
export function countServerVisits(count: number): void {
  serverVisits += count;
}

/** How many servers the checks have examined since the process started; tests assert it grows linearly. @internal */
export function _schedulingWork(): number {
  return serverVisits;
}
