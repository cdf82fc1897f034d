import { Duration } from 'cdk8s';
import { showObject } from '../errors';

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
 * Renders a Duration for an error message, in days, hours, minutes, seconds
 * and milliseconds. cdk8s's `toHumanString()` writes two hours as "1 hour 60
 * minutes" and is empty or misleading for a NaN or infinite Duration
 * (`Duration.seconds(NaN)`, easy to pass from JavaScript), which is shown by
 * its milliseconds.
 */
export function showDuration(d: Duration): string {
  // Not a Duration (a JavaScript caller's string or plain object): said as every other wrong value is.
  if (d === null || typeof d !== 'object' || typeof (d as Duration).toMilliseconds !== 'function') return showObject(d);
  const millis = d.toMilliseconds({ integral: false });
  if (!Number.isFinite(millis)) return `a Duration of ${millis} milliseconds`;
  if (millis === 0) return '0 seconds';
  const parts: string[] = [];
  let rest = millis;
  for (const [unit, size] of DURATION_UNITS) {
    const count = unit === 'millis' ? Math.round(rest * 1000) / 1000 : Math.floor(rest / size);
    if (count > 0) parts.push(`${count} ${unit === 'millis' || count !== 1 ? unit : unit.slice(0, -1)}`);
    rest -= count * size;
  }
  // A remainder below a microsecond is floating-point residue of the conversion (Duration.hours(1.1) is
  // 3960000.0000000005 ms): the units alone would read as a whole number of seconds, so the exact value follows.
  return rest !== 0 || parts.length === 0 ? `${parts.join(' ') || 'less than a microsecond'} (${millis} milliseconds)` : parts.join(' ');
}

const DURATION_UNITS: ReadonlyArray<readonly [string, number]> = [['days', 86_400_000], ['hours', 3_600_000], ['minutes', 60_000], ['seconds', 1000], ['millis', 1]];
