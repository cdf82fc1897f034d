/** How a Duration reads in an error message (src/k8s/duration.ts showDuration). */
import { Duration } from 'cdk8s';
import { showDuration } from '../../src/k8s/duration';

describe('showDuration', () => {
  test.each([
    [Duration.hours(2), '2 hours'],
    [Duration.minutes(90), '1 hour 30 minutes'],
    [Duration.seconds(3661), '1 hour 1 minute 1 second'],
    [Duration.days(2), '2 days'],
    [Duration.millis(1500), '1 second 500 millis'],
    [Duration.millis(0.5), '0.5 millis'],
    [Duration.seconds(0), '0 seconds'],
    [Duration.seconds(NaN), 'a Duration of NaN milliseconds'],
  ])('%s reads as %s (cdk8s\'s toHumanString() writes two hours as "1 hour 60 minutes")', (d, text) => {
    expect(showDuration(d)).toBe(text);
  });

  test('floating-point residue of a conversion is not hidden: the exact milliseconds follow the units', () => {
    // 1.1 hours is 3960000.0000000005 ms: not whole seconds, which the units alone would not show.
    expect(showDuration(Duration.hours(1.1))).toBe('1 hour 6 minutes (3960000.0000000005 milliseconds)');
  });
});

test('a value that is not a Duration is said as the library says any wrong value, not as "[object Object]"', () => {
  expect(showDuration('PT5M' as any)).toBe('"PT5M"');
  expect(showDuration({ seconds: 5 } as any)).toBe('{"seconds":5}');
  expect(showDuration(null as any)).toBe('null');
});
