import * as fc from 'fast-check';

/**
 * Strings users really pass by mistake, next to well-formed ones: empty,
 * whitespace, unicode, huge, path traversal, YAML-special words and
 * characters, shell and JSON metacharacters.
 */
const NASTY = [
  '', ' ', '\t', '\n', 'a\nb', '..', '../..', '/../etc/passwd', 'a/../b', '.', '~', 'null', 'true', 'yes', 'no', 'off', '0', '-1', '1e3',
  ':', '- x', '? x', '# x', '&anchor', '*alias', '!!str', '|', '>', '{}', '[]', '{a: 1}', '"', "'", '\\', '`', '$(reboot)', '${HOME}',
  '%', '@', 'ä', 'ß', 'İ', '日本語', '🙂', 'e\u0301', '\u0000', '\u202e', 'A'.repeat(300), 'a'.repeat(64), 'a'.repeat(63),
  'Iris', 'iris_model', 'iris.model', '-iris', 'iris-', '1iris',
];

const GOOD_NAMES = ['iris', 'iris-v2', 'sklearn', 'm', 'income-xgb', 'a1', 'model-1'];

/**
 * Each generator gives a well-formed value most of the time, so that whole
 * apps are often valid and both outcomes of the property get exercised.
 */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 9, arbitrary: good }, { weight: 1, arbitrary: bad });

/** A name: mostly valid, sometimes not. */
export const name = (): fc.Arbitrary<string> => mostly(
  fc.oneof(fc.constantFrom(...GOOD_NAMES), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/)),
  fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 20 })),
);

/** Any string, from the nasty list, unicode, or random. */
export const text = (): fc.Arbitrary<string> => fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40, unit: 'grapheme' }),
  fc.string({ maxLength: 12 }),
);

/** Marks generated credential values, so a leak check finds copies and nothing else. */
export const CREDENTIAL_MARK = 'S3CR3T-';

/** A credential value: mostly a plausible, marked key; sometimes anything. */
export const credential = (): fc.Arbitrary<string> => mostly(fc.stringMatching(/^[A-Za-z0-9+/]{8,40}$/).map(k => CREDENTIAL_MARK + k), text());

/** A model URI string of every form, well formed or not. */
export const uriString = (): fc.Arbitrary<string> => mostly(
  fc.constantFrom('gs://seldon-models/sklearn/iris', 's3://sklearn/iris', 's3:sklearn/iris', 'gs:seldon-models/iris', 'minio://models/iris',
    'pvc://models/iris', 'pvc://models', '/var/models/iris', 'azureblob:container/iris', 'gs://seldon-models/mlserver/iris'),
  fc.oneof(
    fc.tuple(fc.constantFrom('gs', 's3', 'minio', 'pvc', 'PVC', 'https', 'my remote', ''), fc.constantFrom('://', ':', ':///'), text())
      .map(([scheme, sep, rest]) => `${scheme}${sep}${rest}`),
    text(),
  ),
);

/** A count: usually small and valid, sometimes negative, fractional or huge. */
export const count = (): fc.Arbitrary<number> => mostly(
  fc.integer({ min: 1, max: 5 }),
  fc.constantFrom(0, -1, 1.5, NaN, Infinity, 2 ** 31, -0),
);

/** A memory quantity string: valid or not. */
export const quantity = (): fc.Arbitrary<string> => mostly(
  fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom('Mi', 'Gi', 'Ki', 'M', 'G', '')).map(([n, u]) => `${n}${u}`),
  fc.constantFrom('1e3', '0.5Gi', '1GB', '-1Gi', '', ' 1Gi', 'lots'),
);
