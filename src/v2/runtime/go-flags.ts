/**
 * How Go's flag package reads the values of the scheduler's flags, which the
 * SeldonConfig passes from variables (`--enable-server-autoscaling=$(ENABLE_SERVER_AUTOSCALING)`):
 * a bool flag through strconv.ParseBool, a float64 flag through strconv.ParseFloat,
 * an int or uint flag through strconv.ParseInt/ParseUint with base 0. A value
 * it refuses makes the scheduler exit at start (main.go flag.Parse, ExitOnError).
 */
import { EnvLookup } from './component-env';
import { GoFlagType, SCHEDULER_FLAG_VARIABLES } from './default-seldon-config';
import { show } from '../../errors';

/** strconv.ParseBool's spellings, true ones first. */
const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
export const GO_BOOL: readonly string[] = [...GO_TRUE, '0', 'f', 'F', 'FALSE', 'false', 'False'];

/** A Go bool flag's value from a variable's literal value; undefined when it is none (not set literally, or not a Go bool). */
export function goBool(value: unknown): boolean | undefined {
  return typeof value === 'string' && GO_BOOL.includes(value) ? GO_TRUE.includes(value) : undefined;
}

/** strconv.ParseFloat's decimal and hexadecimal forms, infinities and NaN (Go's float64 flag), without digit separators. */
export const GO_FLOAT = /^[+-]?(((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)|0[xX]([0-9a-fA-F]+(\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)[pP][+-]?\d+|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])$/;

/** ParseInt/ParseUint with base 0: decimal, 0x, 0o or 0 (octal) and 0b, with "_" only between digits after a prefix or digit. */
const GO_UINT = /^(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO]?(_?[0-7])+|0|[1-9](_?[0-9])*)$/;

const ACCEPTED: Readonly<Record<GoFlagType, string>> = {
  bool: '"true" or "false" (or 1, t, T, TRUE, True, 0, f, F, FALSE, False)',
  float: 'a number without a unit, e.g. "25" or "0.25"',
  int: 'a whole number, e.g. "6060"',
  uint: 'a whole number of at least 0, e.g. "300"',
};

function parses(value: string, type: GoFlagType): boolean {
  switch (type) {
    case 'bool': return GO_BOOL.includes(value);
    case 'float': return GO_FLOAT.test(value);
    case 'uint': return GO_UINT.test(value);
    case 'int': return GO_UINT.test(value.replace(/^[+-]/, ''));
  }
}

/**
 * The scheduler's flag variables in `env` whose literal value Go's flag package would refuse, each as [field, problem,
 * accepted] under `field` (e.g. `overrides["seldon-scheduler"].container.env`). A variable set from a Secret or
 * ConfigMap is not known here.
 */
export function schedulerFlagProblems(field: string, env: EnvLookup): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  for (const [name, [flag, type]] of Object.entries(SCHEDULER_FLAG_VARIABLES)) {
    const value = env(name)?.value;
    if (value === undefined || (typeof value === 'string' && parses(value, type))) continue;
    found.push([`${field}[${show(name)}]`, `${show(value)} is not a Go ${type}, so the scheduler would exit at start parsing ${flag}`, ACCEPTED[type]]);
  }
  return found;
}
