/** One entry of the generated shape table (see scripts/prop-shapes.ts). */
export interface Shape {
  /** The type's name, as a caller writes it. */
  readonly n: string;
  /** Struct: field name to type reference (`?` prefix: optional). */
  readonly f?: Record<string, string>;
  /** Class or interface: the members an instance must have. */
  readonly m?: string[];
  /** Enum: the values. */
  readonly e?: string[];
  /** How a caller obtains a value: factories, constants, constructors, enum members. */
  readonly h?: string[];
  /** Class or interface: the factories that take one string (`ModelUri.parse`). */
  readonly w?: string[];
}

/** The shapes by type name. */
export type ShapeTable = Record<string, Shape>;
