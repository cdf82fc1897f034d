/**
 * The `cdk8s-seldon` command. Arguments are parsed by hand: the command has
 * two subcommands and a handful of options, which does not justify a
 * dependency that every user of the library would install.
 */
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { convertPaths, outputNames, summaryLines, writePrograms } from '../convert';
import { CONVERT_USAGE } from '../convert/usage';
import { maskCredentials } from '../errors';
import { buildDeploymentGraph, readManifests, renderDot, renderMermaid } from '../graph';
import { PREVIEW_USAGE, runPreview } from './preview-command';
import { VERSION_USAGE, versionLines } from './version';
import { bundledRegistry, CrdSchemaRegistry, CrdValidator, listManifestFiles, ValidationIssue } from '../validation';

/** Exit codes, as documented in `--help`. */
export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** Where output goes; tests pass collectors instead of the process streams. */
export interface CliOutput {
  /** Results: error lines and the summary. */
  readonly out: (line: string) => void;
  /** Usage errors and warnings. */
  readonly err: (line: string) => void;
}

const PROCESS_OUTPUT: CliOutput = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
};

export const VALIDATE_USAGE = `Usage: cdk8s-seldon validate <manifest file or dir>... [--crds <dir or file>]... [--strict] [--quiet]

Validates the Seldon custom resources (machinelearning.seldon.io, mlops.seldon.io)
and ExternalSecrets (external-secrets.io) in YAML manifests against the
openAPIV3Schema of their CustomResourceDefinitions. Without --crds, the schemas
shipped with cdk8s-seldon are used: SeldonDeployment as Seldon Core 1.18.2's Helm
chart installs it, Model, Server, ServerConfig, Pipeline, Experiment, SeldonRuntime
and SeldonConfig of Seldon Core 2.10.2, and the External Secrets Operator's
ExternalSecret (API v1).
Directories are searched recursively for .yaml, .yml and .json files (hidden
directories and node_modules are not entered, links to directories not followed).
Objects of other API groups are skipped (and counted), unless a CRD of their group
is loaded; a Seldon kind under another group, a document that is no object and a
file that cannot be read are errors. Lists (v1 List, <Kind>List) are expanded.

Options:
  --crds <path>   CRD file, or directory of CRD files, to use instead of the shipped
                  schemas (another Seldon version, or your own CRDs); repeatable
  --strict        also reject fields the CRD schema does not declare (typos such as
                  modelURI), which the API server would otherwise drop silently
  --quiet, -q     print error lines only: no warnings, no summary
  --help, -h      show this help

Output: one line per error, "<file>#<document index> <kind>/<name> <JSON path>: <reason>",
then a summary line.

Exit codes: 0 all objects valid, 1 validation errors, 2 usage error (no manifests,
no CRDs found, unknown option, path not found).`;

export const GRAPH_USAGE = `Usage: cdk8s-seldon graph <manifest file or dir>... [--format mermaid|dot] [--no-default-servers]

Prints a diagram of what YAML manifests deploy (made by cdk8s-seldon or not):
Seldon Core v1 SeldonDeployments with their predictors, traffic, shadows and
graph nodes; Seldon Core v2 Models, Servers, ServerConfigs, Pipelines and
Experiments; the Secrets and PersistentVolumeClaims they use. Each v2 Model is
linked to the Server it is pinned to, or to every Server whose capabilities
include its requirements (edge label: the requirements); a Model no Server can
take is marked unschedulable. Directories are searched recursively for .yaml,
.yml and .json files (not hidden directories or node_modules).

Options:
  --format <f>          mermaid (default; GitHub renders it in Markdown) or dot
                        (Graphviz: cdk8s-seldon graph dist --format dot | dot -Tsvg)
  --no-default-servers  leave out the Servers mlserver and triton that Seldon's
                        seldon-core-v2-servers chart installs, drawn in each
                        namespace with Models
  --help, -h            show this help

Exit codes: 0 diagram printed, 1 diagram printed but some documents could not be
read (listed on stderr), 2 usage error (no manifests, unknown option or format,
path not found).`;

/** Help for every command. */
export const USAGE = `${VALIDATE_USAGE}\n\n${GRAPH_USAGE}\n\n${PREVIEW_USAGE}\n\n${CONVERT_USAGE}\n\n${VERSION_USAGE}`;

interface ValidateArgs {
  readonly manifests: string[];
  readonly crds: string[];
  readonly strict: boolean;
  readonly quiet: boolean;
  readonly help: boolean;
}

class UsageError extends Error {}

type GraphFormat = 'mermaid' | 'dot';
const GRAPH_FORMATS: readonly GraphFormat[] = ['mermaid', 'dot'];

interface GraphArgs {
  readonly manifests: string[];
  readonly format: GraphFormat;
  readonly defaultServers: boolean;
  readonly help: boolean;
}

/** The options a command takes: switches (with aliases) and options with a value (`--x v` or `--x=v`, repeatable). */
interface OptionSpec {
  readonly switches: Readonly<Record<string, readonly string[]>>;
  readonly values: Readonly<Record<string, string>>;
}

interface ParsedOptions {
  readonly positional: string[];
  readonly switches: Set<string>;
  readonly values: Map<string, string[]>;
}

/** One parser for every command: positional arguments, `--` ends the options, unknown options are usage errors. */
function parseOptions(args: readonly string[], spec: OptionSpec): ParsedOptions {
  const parsed: ParsedOptions = { positional: [], switches: new Set(), values: new Map() };
  let optionsEnded = false;
  const addValue = (name: string, value: string | undefined) => {
    if (value === undefined || value === '') throw new UsageError(`--${name} needs ${spec.values[name]}`);
    parsed.values.set(name, [...(parsed.values.get(name) ?? []), value]);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const switchName = Object.keys(spec.switches).find(n => flag === `--${n}` || spec.switches[n].includes(flag));
    if (optionsEnded || !arg.startsWith('-')) {
      parsed.positional.push(arg);
    } else if (arg === '--') {
      optionsEnded = true;
    } else if (flag.startsWith('--') && flag.slice(2) in spec.values) {
      addValue(flag.slice(2), inline ?? args[++i]);
    } else if (switchName !== undefined && inline === undefined) {
      parsed.switches.add(switchName);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return parsed;
}

function parseGraphArgs(args: readonly string[]): GraphArgs {
  const parsed = parseOptions(args, { switches: { 'no-default-servers': [], 'help': ['-h'] }, values: { format: 'a value: mermaid or dot' } });
  const format = parsed.values.get('format')?.slice(-1)[0] ?? 'mermaid';
  if (!GRAPH_FORMATS.includes(format as GraphFormat)) throw new UsageError(`unknown format ${format}: mermaid or dot`);
  return {
    manifests: parsed.positional,
    format: format as GraphFormat,
    defaultServers: !parsed.switches.has('no-default-servers'),
    help: parsed.switches.has('help'),
  };
}

function parseValidateArgs(args: readonly string[]): ValidateArgs {
  const parsed = parseOptions(args, { switches: { strict: [], quiet: ['-q'], help: ['-h'] }, values: { crds: 'a path' } });
  return {
    manifests: parsed.positional,
    crds: parsed.values.get('crds') ?? [],
    strict: parsed.switches.has('strict'),
    quiet: parsed.switches.has('quiet'),
    help: parsed.switches.has('help'),
  };
}

/** `<file>#<docIndex> <kind>/<name> <jsonPath>: <reason>` */
export function formatIssue(issue: ValidationIssue): string {
  const object = issue.kind === undefined ? issue.object : `${issue.kind}/${issue.name ?? '(unnamed)'}`;
  // The reason masks the values it quotes; a kind or name holding a URL's user info is masked here.
  return maskCredentials(`${issue.file}#${issue.documentIndex} ${object} ${issue.path === '' ? '/' : issue.path}: ${issue.reason}`);
}

function requireExisting(paths: readonly string[], what: string): void {
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new UsageError(`${what} not found: ${p}`);
  }
}

function runValidate(args: ValidateArgs, output: CliOutput): number {
  const started = performance.now();
  if (args.manifests.length === 0) throw new UsageError('no manifest files or directories given');
  requireExisting(args.manifests, 'manifest path');
  requireExisting(args.crds, 'CRD path');
  if (args.manifests.every(m => listManifestFiles(m).length === 0)) {
    throw new UsageError(`no .yaml, .yml or .json files found in ${args.manifests.join(', ')} (hidden directories and node_modules are not searched)`);
  }

  const registry = args.crds.length > 0 ? CrdSchemaRegistry.fromPaths(args.crds) : bundledRegistry();
  const loadedMs = performance.now() - started;
  if (registry.size === 0) {
    throw new UsageError(`no CustomResourceDefinitions found in ${args.crds.join(', ')}`);
  }
  const report = new CrdValidator(registry, { strict: args.strict }).validateFiles(args.manifests);

  for (const issue of report.errors) output.out(formatIssue(issue));
  if (!args.quiet) {
    for (const warning of [...registry.warnings, ...report.warnings]) output.err(`warning: ${maskCredentials(warning)}`);
    const compileMs = report.compiled.reduce((sum, c) => sum + c.ms, 0);
    const elapsed = performance.now() - started;
    output.out(
      `${report.valid ? 'OK' : 'FAILED'}: ${report.files} files, ${report.validated} objects validated, ${report.skipped} skipped, `
      + `${report.errors.length} errors in ${Math.round(elapsed)} ms `
      + `(${registry.size} CRD versions loaded in ${Math.round(loadedMs)} ms, ${report.compiled.length} schemas compiled in ${Math.round(compileMs)} ms`
      + `${args.strict ? ', strict' : ''})`,
    );
  }
  return report.valid ? EXIT_VALID : EXIT_INVALID;
}

function runGraph(args: GraphArgs, output: CliOutput): number {
  if (args.manifests.length === 0) throw new UsageError('no manifest files or directories given');
  requireExisting(args.manifests, 'manifest path');
  const read = readManifests(args.manifests);
  if (read.files === 0) throw new UsageError(`no .yaml, .yml or .json files found in ${args.manifests.join(', ')} (hidden directories and node_modules are not searched)`);
  const graph = buildDeploymentGraph(read.objects.map(o => o.value), { defaultServers: args.defaultServers });
  // The diagram alone goes to stdout, so that it can be redirected into a file.
  output.out((args.format === 'dot' ? renderDot(graph) : renderMermaid(graph)).replace(/\n$/, ''));
  for (const problem of read.problems) output.err(`warning: ${problem}`);
  for (const warning of graph.warnings) output.err(`warning: ${warning}`);
  for (const node of graph.nodes) {
    if (node.unschedulable) output.err(`warning: Model ${node.namespace ? `${node.namespace}/` : ''}${node.name} is unschedulable: ${node.unschedulable}`);
  }
  return read.problems.length > 0 ? EXIT_INVALID : EXIT_VALID;
}

function runConvert(args: readonly string[], output: CliOutput): number {
  const parsed = parseOptions(args, { switches: { 'inline-credentials': [], 'help': ['-h'] }, values: { out: 'a directory' } });
  if (parsed.switches.has('help')) {
    output.out(CONVERT_USAGE);
    return EXIT_VALID;
  }
  if (parsed.positional.length === 0) throw new UsageError('no manifest files or directories given');
  requireExisting(parsed.positional, 'manifest path');
  const out = parsed.values.get('out')?.slice(-1)[0];
  if (out === undefined && parsed.positional.flatMap(p => listManifestFiles(p)).length > 1) throw new UsageError('more than one manifest file: give --out <dir>');
  const results = convertPaths(parsed.positional, { inlineCredentials: parsed.switches.has('inline-credentials') });
  if (out !== undefined) {
    for (const file of writePrograms(results, out)) output.out(`wrote ${file}`);
    summaryLines(results).forEach(output.out);
  } else {
    for (const [result] of outputNames(results)) output.out(result.code!.replace(/\n$/, ''));
    summaryLines(results).forEach(output.err);
  }
  const failed = results.some(r => r.errors.length > 0 || r.objects.some(o => o.status === 'error'));
  return failed ? EXIT_INVALID : EXIT_VALID;
}

/**
 * Runs the command. `argv` is `process.argv`: the first two entries (node and
 * the script) are ignored. Returns the exit code instead of exiting, so that
 * it can run in-process (tests) and so that output is flushed before exit.
 */
export function main(argv: readonly string[], output: CliOutput = PROCESS_OUTPUT): number {
  if (output === PROCESS_OUTPUT) {
    // `cdk8s-seldon validate ... | head` closes the pipe early; that is not a crash.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit();
    });
  }
  const args = argv.slice(2);
  const [command, ...rest] = args;
  try {
    if (command === undefined) throw new UsageError('no command given');
    if (command === '--help' || command === '-h' || command === 'help') {
      output.out(USAGE);
      return EXIT_VALID;
    }
    if (command === '--version' || command === 'version') {
      if (rest.length > 0) throw new UsageError(`${command} takes no arguments, got ${rest.join(' ')}`);
      for (const line of versionLines()) output.out(line);
      return EXIT_VALID;
    }
    if (command === 'graph') {
      const parsed = parseGraphArgs(rest);
      if (parsed.help) {
        output.out(GRAPH_USAGE);
        return EXIT_VALID;
      }
      return runGraph(parsed, output);
    }
    if (command === 'preview') {
      const parsed = parseOptions(rest, { switches: { restricted: [], help: ['-h'] }, values: {} });
      if (parsed.switches.has('help')) {
        output.out(PREVIEW_USAGE);
        return EXIT_VALID;
      }
      if (parsed.positional.length === 0) throw new UsageError('no manifest files or directories given');
      requireExisting(parsed.positional, 'manifest path');
      return runPreview(parsed.positional, parsed.switches.has('restricted'), output);
    }
    if (command === 'convert') return runConvert(rest, output);
    if (command !== 'validate') throw new UsageError(`unknown command ${command}; the commands are validate, graph, preview and convert (and --version)`);
    const parsed = parseValidateArgs(rest);
    if (parsed.help) {
      output.out(VALIDATE_USAGE);
      return EXIT_VALID;
    }
    return runValidate(parsed, output);
  } catch (e) {
    if (e instanceof UsageError) {
      output.err(`cdk8s-seldon: ${e.message}`);
      output.err('Run "cdk8s-seldon --help" for usage.');
      return EXIT_USAGE;
    }
    // Unreadable files and the like: not a verdict on the manifests.
    output.err(`cdk8s-seldon: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_USAGE;
  }
}
