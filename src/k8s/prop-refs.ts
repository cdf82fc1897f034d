import { compile } from './prop-fast-path';
import { Shape } from './prop-shape-table';
import { SIGNATURES } from './prop-shapes.generated';
import { unionParts } from './prop-wording';

/**
 * The type references of the boundary check (`prop-check.ts`), parsed once
 * per process: every construct checks its props against the same few.
 */

export interface Ref { readonly optional: boolean; readonly ref: string }

export function parse(ref: string): Ref {
  return ref.startsWith('?') ? { optional: true, ref: ref.slice(1) } : { optional: false, ref };
}

const UNION_PARTS = new Map<string, string[]>();
const STRUCT_FIELDS = new Map<Shape, Array<{ readonly name: string } & Ref>>();
/** A parameter of a public member, with its reference compiled for the fast path. */
export interface Param extends Ref { readonly name: string; readonly type: ReturnType<typeof compile> }
const SIGNATURE_REFS = new Map<string, Param[]>();
const PROPS_PARAMS = new Map<string, Param | undefined>();

export function memoUnionParts(ref: string): string[] {
  let parts = UNION_PARTS.get(ref);
  if (parts === undefined) {
    parts = unionParts(ref);
    UNION_PARTS.set(ref, parts);
  }
  return parts;
}

export function structFields(shape: Shape, fields: Record<string, string>): Array<{ readonly name: string } & Ref> {
  let list = STRUCT_FIELDS.get(shape);
  if (list === undefined) {
    list = Object.entries(fields).map(([name, ref]) => ({ name, ...parse(ref) }));
    STRUCT_FIELDS.set(shape, list);
  }
  return list;
}

/** A member's parameters (`name:ref`), parsed once. */
export function signatureRefs(member: string): Param[] {
  let list = SIGNATURE_REFS.get(member);
  if (list === undefined) {
    list = (SIGNATURES[member] ?? []).map(entry => {
      const colon = entry.indexOf(':');
      const ref = parse(entry.slice(colon + 1).replace('...', ''));
      return { name: entry.slice(0, colon), ...ref, type: compile(ref.ref) };
    });
    SIGNATURE_REFS.set(member, list);
  }
  return list;
}

/** The `props` parameter of a constructor, looked up once. */
export function propsParam(kind: string): Param | undefined {
  if (PROPS_PARAMS.has(kind)) return PROPS_PARAMS.get(kind);
  const p = signatureRefs(kind).find(s => s.name === 'props');
  PROPS_PARAMS.set(kind, p);
  return p;
}
