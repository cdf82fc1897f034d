import { show } from '../errors';
import { Transport } from './deployment-settings';
import { ExplainerProps, ExplainerType } from './explainer';
import { SeldonProtocol } from './protocol';
import { EndpointType } from './unit-endpoint';

type Report = (field: string, problem: string, accepted: string) => void;

/**
 * What the operator's Alibi explainer image (`seldonio/alibiexplainer`, run under the seldon and tensorflow protocols)
 * parses: the explainer type is an argparse sub-command and `config` becomes `--key=value` after it
 * (components/alibi-explain-server/alibiexplainer/parser.py@v1.18.2). The parser reads them with parse_known_args, so a
 * key the sub-command does not declare is dropped without a word; an unknown sub-command or `--protocol` choice makes
 * argparse exit at start, as does a key that the parsers reading every argument first take for one of their options
 * (`outerParserProblem`). argparse splits an argument at its first "=", so a key holding one is read as the option
 * before it (run on Python 3.11's argparse; the image's pyproject.toml asks for 3.8 to 3.10, read, not run).
 */
const COMMON = ['threshold', 'delta', 'tau', 'batch_size', 'coverage_samples', 'beam_size', 'stop_on_first', 'max_anchor_size',
  'max_samples_start', 'n_covered_ex', 'binary_cache_size', 'cache_margin', 'verbose', 'verbose_every'];

/**
 * The argparse `type` of each option (parser.py@v1.18.2); an option not listed (IntegratedGradients' `method`) is a
 * string. A value the type refuses makes argparse exit at start, parse_known_args or not.
 */
const FLOATS = new Set(['threshold', 'delta', 'tau', 'sample_proba', 'temperature', 'p_sample']);
const BOOLS = new Set(['stop_on_first', 'verbose', 'use_unk', 'use_similarity_proba', 'interactions', 'approximate', 'check_additivity', 'summarise_result']);
const INTS = new Set(['batch_size', 'coverage_samples', 'beam_size', 'max_anchor_size', 'max_samples_start', 'n_covered_ex', 'binary_cache_size',
  'cache_margin', 'verbose_every', 'top_n', 'layer', 'n_steps', 'internal_batch_size', 'tree_limit']);

// Python's int() and float() of a string: ASCII whitespace around, a sign, digits with single "_" between them.
const DIGITS = '[0-9](?:_?[0-9])*';
const PY_INT = new RegExp(`^[ \\t\\n\\r\\v\\f]*[+-]?${DIGITS}[ \\t\\n\\r\\v\\f]*$`);
const PY_FLOAT = new RegExp(`^[ \\t\\n\\r\\v\\f]*[+-]?(?:(?:${DIGITS})?\\.${DIGITS}(?:[eE][+-]?${DIGITS})?|${DIGITS}\\.?(?:[eE][+-]?${DIGITS})?|inf|infinity|nan)[ \\t\\n\\r\\v\\f]*$`, 'i');
// str2bool in parser.py: v.lower() in ("yes", "true", "t", "y", "1") or ("no", "false", "f", "n", "0"); nothing stripped.
const PY_BOOL = /^(?:yes|true|t|y|1|no|false|f|n|0)$/i;

/** What argparse refuses `value` of option `option` for, or undefined (accepted, a string option, or a value this does not judge). */
function valueTypeProblem(option: string, value: unknown): { readonly type: string; readonly accepted: string } | undefined {
  // Only printable ASCII and its whitespace is judged: Python reads other digits and spaces (Unicode) too.
  if (typeof value !== 'string' || !/^[\x20-\x7e\t\n\r\v\f]*$/.test(value)) return undefined;
  if (FLOATS.has(option) && !PY_FLOAT.test(value)) return { type: 'float', accepted: 'a number Python\'s float() reads, such as 0.95, 1e-3 or 10' };
  if (INTS.has(option) && !PY_INT.test(value)) return { type: 'int', accepted: 'a whole number Python\'s int() reads, such as 100' };
  if (BOOLS.has(option) && !PY_BOOL.test(value)) return { type: 'str2bool', accepted: 'true or false (also yes, no, t, f, y, n, 1, 0; any case)' };
  return undefined;
}
// A Map: a JavaScript caller's explainerType may be any string, "toString" too, which an object literal would hold.
const CONFIG_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  [ExplainerType.ANCHOR_TABULAR, COMMON],
  [ExplainerType.ANCHOR_TEXT, [...COMMON, 'use_unk', 'use_similarity_proba', 'sample_proba', 'top_n', 'temperature']],
  [ExplainerType.ANCHOR_IMAGES, [...COMMON, 'p_sample']],
  [ExplainerType.KERNEL_SHAP, COMMON],
  [ExplainerType.INTEGRATED_GRADIENTS, [...COMMON, 'layer', 'method', 'n_steps', 'internal_batch_size']],
  [ExplainerType.TREE_SHAP, [...COMMON, 'interactions', 'approximate', 'check_additivity', 'tree_limit', 'summarise_result']],
  [ExplainerType.ALE, []],
]);

/** `--protocol` choices of the image (alibiexplainer/utils.py Protocol): there is no tensorflow.grpc. */
const IMAGE_ACCEPTS = 'the operator\'s Alibi explainer image (seldonio/alibiexplainer, components/alibi-explain-server/alibiexplainer/parser.py@v1.18.2)';

/** The options argparse may take `key` for: the whole name, else (allow_abbrev) every option it begins. */
function candidates(key: string, options: readonly string[]): readonly string[] {
  if (options.includes(key)) return [key];
  return key.length > 0 ? options.filter(o => o.startsWith(key)) : [];
}

/**
 * The options of the image's server.py parser (`server_parser`, add_help=False, every one type=int), and of the
 * top-level parser of parser.py parse_args, which has them as a parent, its own, and argparse's --help.
 */
const SERVER_OPTIONS = ['http_port', 'grpc_port', 'max_buffer_size', 'workers'];
const TOP_LEVEL_OPTIONS = ['help', ...SERVER_OPTIONS, 'model_name', 'predictor_host', 'storage_uri', 'protocol', 'tf_data_type'];

/**
 * How the parsers that read every argument before the sub-command's take `--<name>=<value>`: server.py parses the whole
 * command line with server_parser when it is imported (module-level parse_known_args, before parse_args), reading an
 * abbreviation of one of its options as that option; then parse_args' top-level parser classifies every argument,
 * those after the sub-command too, and exits on an abbreviation of two of its options (argparse _parse_optional).
 * Undefined when neither exits on it; `shown` when the value is what is refused.
 */
function outerParserProblem(name: string, value: unknown): { problem: string; shown: boolean } | undefined {
  const server = candidates(name, SERVER_OPTIONS);
  if (server.length === 1 && typeof value === 'string' && /^[\x20-\x7e\t\n\r\v\f]*$/.test(value) && !PY_INT.test(value)) {
    return {
      problem: `the image's alibiexplainer/server.py parses the whole command line with its own parser when imported (parse_known_args of --${SERVER_OPTIONS.join(', --')}) `
        + `and reads --${name} as --${server[0]}, with type=int, which refuses it (argparse: invalid int value)`,
      shown: true,
    };
  }
  const top = candidates(name, TOP_LEVEL_OPTIONS);
  if (top.length < 2) return undefined;
  return {
    problem: `the image's top-level parser (parser.py parse_args), which reads every argument, the sub-command's too, takes --${name} for an abbreviation of `
      + `${top.join(', ')} and refuses it as ambiguous`,
    shown: false,
  };
}

/**
 * Checks of an explainer that runs on the operator's default image under the seldon or tensorflow protocol (an
 * explainer with an `image` of its own parses its arguments as it likes).
 */
export function alibiExplainerImageProblems(explainer: ExplainerProps, protocol: SeldonProtocol | undefined, transport: Transport | undefined,
  field: (f: string) => string, report: Report): void {
  if (protocol === SeldonProtocol.V2 || protocol === SeldonProtocol.KFSERVING || explainer.image !== undefined) return;
  const keys = CONFIG_KEYS.get(explainer.explainerType);
  if (keys === undefined) {
    // A value outside ExplainerType is reported as such by checkExplainer.
    if (!(Object.values(ExplainerType) as string[]).includes(explainer.explainerType)) return;
    report(field('explainerType'), `${show(explainer.explainerType)} would make the explainer exit at start: under the ${protocol ?? 'seldon'} protocol the operator runs `
      + `${IMAGE_ACCEPTS} with the type as its command, and that image has no such command (argparse: invalid choice)`,
    `a type that image runs: ${[...CONFIG_KEYS.keys()].join(', ')}; or an explainer image of your own`);
    return;
  }
  if (protocol === SeldonProtocol.TENSORFLOW && (transport === Transport.GRPC || explainer.endpointType === EndpointType.GRPC)) {
    const why = explainer.endpointType === EndpointType.GRPC ? 'endpointType GRPC' : 'the deployment\'s grpc transport';
    report(explainer.endpointType === EndpointType.GRPC ? field('endpointType') : 'transport',
      `would make the explainer exit at start: with ${why} under the tensorflow protocol the operator passes --protocol=tensorflow.grpc to ${IMAGE_ACCEPTS}, `
      + 'which accepts only tensorflow.http, seldon.http and seldon.grpc (argparse: invalid choice)',
      'an explainer that calls the predictor over REST under the tensorflow protocol (no endpointType GRPC, no grpc transport), or an explainer image of your own');
  }
  // argparse gives every sub-command -h/--help (add_help), which an abbreviation may name too.
  const withHelp = [...keys, 'help'];
  const declared = keys.length ? `accepted: ${keys.join(', ')}` : `no config for ${explainer.explainerType}, whose command declares no option`;
  for (const key of Object.keys(explainer.config ?? {})) {
    const value = explainer.config![key];
    const at = field(`config[${show(key)}]`);
    // The operator writes --<key>=<value>, and argparse splits an argument at its first "=" (_parse_optional,
    // _get_option_tuples): a key holding one names the option before it, and the rest of the key begins the value.
    const eq = key.indexOf('=');
    const name = eq < 0 ? key : key.slice(0, eq);
    const read = eq < 0 ? value : `${key.slice(eq + 1)}=${value}`;
    const split = eq < 0 ? '' : `argparse splits ${show(`--${key}=${value}`)} at its first "=", into --${name} and the value ${show(read)}; `;
    const accepted = eq < 0 ? declared : `a key without "=" (the option's name, its value as the value); ${declared}`;
    if (name.length === 0) {
      report(at, `would make the explainer exit at start: ${split}argparse reads "--" before the "=" as an abbreviation of every option of ${IMAGE_ACCEPTS} `
        + 'and refuses it as ambiguous', accepted);
      continue;
    }
    const outer = outerParserProblem(name, read);
    if (outer !== undefined) {
      report(at, `${outer.shown ? `${show(read)} ` : ''}would make the explainer exit at start: ${split}${outer.problem}`, `the option's whole name; ${declared}`);
      continue;
    }
    const options = candidates(name, withHelp);
    if (options.length === 1 && options[0] === 'help') {
      report(at, `would make the explainer exit at start: ${split}argparse reads --${name} as --help, which takes no value (argparse: ignored explicit argument)`, accepted);
      continue;
    }
    if (options.length === 1) {
      const refused = valueTypeProblem(options[0], read);
      if (refused !== undefined) {
        report(at, `${eq < 0 ? `${show(value)} ` : ''}would make the explainer exit at start: ${split}${IMAGE_ACCEPTS} reads --${options[0]} with type=${refused.type}, `
          + `which refuses ${eq < 0 ? 'it' : show(read)} (argparse: invalid ${refused.type} value)`, eq < 0 ? refused.accepted : accepted);
      } else if (eq >= 0) {
        report(at, `would set --${options[0]} to ${show(read)}: ${split.slice(0, -2)}`, accepted);
      }
      continue;
    }
    if (options.length > 1) {
      // argparse's _parse_optional: "ambiguous option", an error even under parse_known_args.
      report(at, `would make the explainer exit at start: ${split}argparse reads --${name} as an abbreviation of ${options.join(', ')} and refuses it as ambiguous`,
        eq < 0 ? `the option's whole name: ${options.join(', ')}` : accepted);
      continue;
    }
    report(at, `would be dropped: ${split}${IMAGE_ACCEPTS} reads the ${explainer.explainerType} options it declares and ignores any other --${name}`, accepted);
  }
}
