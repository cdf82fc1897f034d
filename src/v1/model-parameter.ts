import { checkFactories } from '../k8s/prop-check';
/** The type of a graph parameter (`parameters[].type`). */
export enum ModelParameterType {
  /** A 32-bit integer. */
  INT = 'INT',
  /** A single-precision number. */
  FLOAT = 'FLOAT',
  /** A double-precision number. */
  DOUBLE = 'DOUBLE',
  /** A string. */
  STRING = 'STRING',
  /** `true` or `false`. */
  BOOL = 'BOOL',
}

/**
 * A parameter of a Seldon Core v1 graph node, passed to the model server
 * (`PREDICTIVE_UNIT_PARAMETERS`). The value is always a string in the
 * manifest; the factories check it matches the type.
 */
export class ModelParameter {
  /** A string parameter. */
  public static stringValue(name: string, value: string): ModelParameter {
    return new ModelParameter(name, value, ModelParameterType.STRING,
      typeof value === 'string' ? undefined : 'is not a string');
  }

  /** An integer parameter. */
  public static intValue(name: string, value: number): ModelParameter {
    return new ModelParameter(name, String(value), ModelParameterType.INT,
      Number.isInteger(value) && value >= -(2 ** 31) && value <= 2 ** 31 - 1 ? undefined : `${value} is not a 32-bit integer (-2147483648 to 2147483647)`);
  }

  /** A single-precision number parameter. */
  public static floatValue(name: string, value: number): ModelParameter {
    return new ModelParameter(name, String(value), ModelParameterType.FLOAT,
      Number.isFinite(value) ? undefined : `${value} is not a finite number`);
  }

  /** A double-precision number parameter. */
  public static doubleValue(name: string, value: number): ModelParameter {
    return new ModelParameter(name, String(value), ModelParameterType.DOUBLE,
      Number.isFinite(value) ? undefined : `${value} is not a finite number`);
  }

  /** A boolean parameter. */
  public static boolValue(name: string, value: boolean): ModelParameter {
    return new ModelParameter(name, String(value), ModelParameterType.BOOL,
      typeof value === 'boolean' ? undefined : 'is not a boolean');
  }

  /**
   * Why the parameter cannot be used, if it cannot.
   * @default - undefined for a usable parameter
   */
  public readonly problem?: string;

  private constructor(
    /** The parameter name. */
    public readonly name: string,
    /** The value as rendered. */
    public readonly value: string,
    /** The parameter type. */
    public readonly parameterType: ModelParameterType,
    valueProblem: string | undefined,
  ) {
    if (typeof name !== 'string' || name.length === 0) this.problem = 'has an empty name';
    else if (valueProblem) this.problem = `value ${valueProblem}`;
  }

  /** The parameter as it appears in `graph.parameters` and `PREDICTIVE_UNIT_PARAMETERS`. */
  public toJson(): { [key: string]: string } {
    return { name: this.name, value: this.value, type: this.parameterType };
  }
}

checkFactories(ModelParameter, 'ModelParameter');
