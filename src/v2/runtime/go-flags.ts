/**
 * How Go's flag package reads the values of the scheduler's flags, which the
 * SeldonConfig passes from variables (`--enable-server-autoscaling=$(ENABLE_SERVER_AUTOSCALING)`):
 * a bool flag through strconv.ParseBool, a float64 flag through strconv.ParseFloat.
 */

/** strconv.ParseBool's spellings, true ones first. */
const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'];
export const GO_BOOL: readonly string[] = [...GO_TRUE, '0', 'f', 'F', 'FALSE', 'false', 'False'];

/** A Go bool flag's value from a variable's literal value; undefined when it is none (not set literally, or not a Go bool). */
export function goBool(value: unknown): boolean | undefined {
  return typeof value === 'string' && GO_BOOL.includes(value) ? GO_TRUE.includes(value) : undefined;
}

/** strconv.ParseFloat's decimal and hexadecimal forms, infinities and NaN (Go's float64 flag), without digit separators. */
export const GO_FLOAT = /^[+-]?(((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)|0[xX]([0-9a-fA-F]+(\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)[pP][+-]?\d+|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])$/;
