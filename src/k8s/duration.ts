import { Duration } from 'cdk8s';

/**
 * A cdk8s `Duration` as a whole number of `unit`s, or undefined when it is
 * not a Duration or not whole: Kubernetes and Seldon read these fields as
 * integers, and `Duration.toSeconds()` would throw a bare error.
 */
export function wholeDuration(d: Duration, unit: 'seconds' | 'milliseconds'): number | undefined {
  if (d === null || typeof d !== 'object' || typeof (d as Duration).toMilliseconds !== 'function') return undefined;
  const millis = d.toMilliseconds({ integral: false });
  const n = unit === 'seconds' ? millis / 1000 : millis;
  return Number.isInteger(n) ? n : undefined;
}

/**
 * Renders a Duration for an error message. `toHumanString()` of a NaN or
 * infinite Duration (`Duration.seconds(NaN)`, easy to pass from JavaScript)
 * is empty or misleading, so those are shown by their milliseconds.
 */
export function showDuration(d: Duration): string {
  if (d === null || typeof d !== 'object' || typeof (d as Duration).toHumanString !== 'function') return String(d);
  const millis = d.toMilliseconds({ integral: false });
  return Number.isFinite(millis) ? d.toHumanString() : `a Duration of ${millis} milliseconds`;
}
