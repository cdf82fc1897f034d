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

/**
 * The JavaScript source and flags of an RE2 pattern, read token by token: an escaped character is never taken for
 * syntax (`\\A` is a backslash and an A), and a POSIX class counts only inside a bracket expression.
 */
export function re2Source(pattern: string): { source: string; flags: string } {
  let flags = '';
  let rest = pattern;
  const inline = /^\(\?([ims]+)\)/.exec(rest);
  if (inline) {
    flags = [...new Set(inline[1])].join('');
    rest = rest.slice(inline[0].length);
  }
  let source = '';
  let inBrackets = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\') {
      const next = rest[i + 1] ?? '';
      // \A and \z are the text's start and end whatever the flags: lookarounds say so exactly.
      source += !inBrackets && next === 'A' ? '(?<![\\s\\S])' : !inBrackets && next === 'z' ? '(?![\\s\\S])' : c + next;
      i++;
    } else if (inBrackets && c === '[' && rest[i + 1] === ':') {
      const end = rest.indexOf(':]', i + 2);
      const name = end > 0 ? rest.slice(i + 2, end) : '';
      const posix = POSIX_CLASSES[name];
      if (posix === undefined) {
        source += c;
      } else {
        source += posix;
        i = end + 1;
      }
    } else {
      if (c === '[' && !inBrackets) {
        inBrackets = true;
        source += c;
        // A `]` right after `[` or `[^` is a literal in RE2; JavaScript reads `[]` as an empty class, so it is escaped.
        if (rest[i + 1] === '^') source += rest[++i];
        if (rest[i + 1] === ']') source += `\\${rest[++i]}`;
        continue;
      }
      if (c === ']' && !inBrackets) {
        // A lone `]` is a literal in RE2 and an error in JavaScript's unicode mode.
        source += '\\]';
        continue;
      }
      if (c === ']') inBrackets = false;
      source += c;
    }
  }
  return { source, flags };
}

/** Ajv's `code.regExp`: a RegExp of an RE2 pattern, with the flags Ajv asks for (`u`). */
export function re2RegExp(pattern: string, flags: string): RegExp {
  const { source, flags: inline } = re2Source(pattern);
  return new RegExp(source, [...new Set(flags + inline)].join(''));
}
