/**
 * A CRD's `pattern` as the API server reads it: Go's RE2, whose syntax JavaScript lacks in a few places that CRD
 * authors use — leading inline flags (`(?i)^(s3|gs)://`), POSIX classes in brackets (`[[:alpha:]]`), `\A` and `\z`.
 * Those are translated; anything else is compiled as written (and a pattern JavaScript cannot read fails the schema's
 * compilation, which the report says, rather than passing unchecked).
 */

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** The JavaScript source and flags of an RE2 pattern. */
export function re2Source(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([ims]+)\)/.exec(source);
  if (inline) {
    flags = [...new Set(inline[1])].join('');
    source = source.slice(inline[0].length);
  }
  source = source
    .replace(/\[:(\w+):\]/g, (whole, name: string) => POSIX_CLASSES[name] ?? whole)
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$');
  return { source, flags };
}

/** Ajv's `code.regExp`: a RegExp of an RE2 pattern, with the flags Ajv asks for (`u`). */
export function re2RegExp(pattern: string, flags: string): RegExp {
  const { source, flags: inline } = re2Source(pattern);
  return new RegExp(source, [...new Set(flags + inline)].join(''));
}
