import { Construct } from 'constructs';

/**
 * The catalogue of bad inputs: every error the library raises, with an input
 * that triggers it and the fix. `bad-inputs.test.ts` checks each entry and
 * `scripts/error-catalogue.ts` turns it into docs/errors.md, so the two
 * cannot drift apart.
 */
export interface BadInput {
  /** The construct that reports the error. */
  readonly construct: string;
  /** The bad input, as a user would describe it. */
  readonly input: string;
  /** Builds the bad input in `scope`, whose path is `app/chart`. */
  readonly build: (scope: Construct) => void;
  /** Id of the construct that reports it (under the chart). */
  readonly id: string;
  /** What the message says after the construct path. */
  readonly error: RegExp;
  /** How to fix it. */
  readonly fix: string;
}

/** An entry, argument by argument (the catalogue files build their own shorthands on it). */
export function badInput(construct: string, id: string, input: string, build: (scope: Construct) => void, error: RegExp, fix: string): BadInput {
  return { construct, id, input, build, error, fix };
}
