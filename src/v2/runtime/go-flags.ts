/**
 * How Go's flag package reads the values of the scheduler's flags, which the
 * SeldonConfig passes from variables (`--enable-server-autoscaling=$(ENABLE_SERVER_AUTOSCALING)`):
 * a bool flag through strconv.ParseBool, a float64 flag through strconv.ParseFloat,
 * an int or uint flag through strconv.ParseInt/ParseUint with base 0, a duration
 * flag through time.ParseDuration. A value it refuses makes the scheduler exit at
 * start (main.go flag.Parse, ExitOnError). The scheduler's durations are ticks,
 * and time.NewTicker panics on one of zero or less.
 */
import { EnvLookup } from './component-env';
import { GoFlagType, SCHEDULER_FLAG_VARIABLES } from './default-seldon-config';
import { show } from '../../errors';
import { goBool, goDuration, isGoFloat, isGoIntBase0, isGoUintBase0 } from '../../go-strconv';

const ACCEPTED: Readonly<Record<GoFlagType, string>> = {
  bool: '"true" or "false" (or 1, t, T, TRUE, True, 0, f, F, FALSE, False)',
  float: 'a number without a unit, e.g. "25" or "0.25"',
  int: 'a whole number, e.g. "6060"',
  uint: 'a whole number of at least 0, e.g. "300"',
  duration: 'a duration above zero with its unit (ns, us, ms, s, m, h), e.g. "1m" or "90s"',
};

const PARSES: Readonly<Record<GoFlagType, (text: string) => boolean>> = {
  bool: text => goBool(text) !== undefined,
  float: isGoFloat,
  int: isGoIntBase0,
  uint: isGoUintBase0,
  duration: text => goDuration(text) !== undefined,
};

/**
 * The scheduler's flag variables in `env` whose literal value Go's flag package would refuse, each as [field, problem,
 * accepted] under `field` (e.g. `overrides["seldon-scheduler"].container.env`). A variable set from a Secret or
 * ConfigMap is not known here.
 */
export function schedulerFlagProblems(field: string, env: EnvLookup): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  for (const [name, [flag, type]] of Object.entries(SCHEDULER_FLAG_VARIABLES)) {
    const value = env(name)?.value;
    // a value that is no string is the env check's to report (env.ts envValueProblem), once
    if (typeof value !== 'string') continue;
    if (!PARSES[type](value)) {
      found.push([`${field}[${show(name)}]`, `${show(value)} is not a Go ${type}, so the scheduler would exit at start parsing ${flag}`, ACCEPTED[type]]);
    } else if (type === 'duration' && goDuration(value)! <= 0n) {
      found.push([`${field}[${show(name)}]`, `${show(value)} is not above zero, and the scheduler's retry pollers would panic at start on it `
        + '(time.NewTicker, scheduler/pkg/server/server.go startPollers)', ACCEPTED[type]]);
    }
  }
  return found;
}
