/**
 * How the summary names objects and tells what became of them: in words
 * whatever a manifest holds where a kind or a name belongs, and without a
 * credential that a name, an apiVersion or a quoted value carries (the
 * summary goes to CI logs and pull requests).
 */
import { maskCredentials } from '../errors';

/** `<kind>/<name>`; a kind or name that is no string is named by what it is. */
export function objectLabel(kind: unknown, name: unknown, documentIndex: number): string {
  const kindPart = typeof kind === 'string' ? kind : kind === undefined ? '(no kind)' : `(kind not a string, document #${documentIndex})`;
  return maskCredentials(`${kindPart}/${typeof name === 'string' ? name : `(name not a string, document #${documentIndex})`}`);
}

/** The kind as the outcome records it: '?' unless a string. */
export function kindText(kind: unknown): string {
  return typeof kind === 'string' ? kind : '?';
}

interface OutcomeTexts {
  readonly object: string;
  readonly kind: string;
  readonly apiVersion?: string;
  readonly message?: string;
  readonly patchedFields: string[];
  readonly droppedFields?: string[];
  readonly unknownFields?: string[];
  readonly serverSetFields?: string[];
}

/** An outcome's texts with every credential in them masked. */
export function maskedOutcome<T extends OutcomeTexts>(outcome: T): T {
  return {
    ...outcome,
    object: maskCredentials(outcome.object),
    kind: maskCredentials(outcome.kind),
    ...(outcome.apiVersion === undefined ? {} : { apiVersion: maskCredentials(outcome.apiVersion) }),
    patchedFields: outcome.patchedFields.map(maskCredentials),
    // A field's path holds the manifest's keys, and a key can hold anything a value can.
    ...(outcome.droppedFields === undefined ? {} : { droppedFields: outcome.droppedFields.map(maskCredentials) }),
    ...(outcome.unknownFields === undefined ? {} : { unknownFields: outcome.unknownFields.map(maskCredentials) }),
    ...(outcome.serverSetFields === undefined ? {} : { serverSetFields: outcome.serverSetFields.map(maskCredentials) }),
    ...(outcome.message === undefined ? {} : { message: maskCredentials(outcome.message) }),
  };
}
