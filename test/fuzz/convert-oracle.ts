/**
 * What a hostile manifest may come to, in the converter and in the commands
 * that read manifests: the converter returns (invalid input as the file's or
 * an object's error, in words), a program it writes compiles and synthesizes
 * the objects it was converted from, and no message, summary or program holds
 * the planted credential; each command prints and exits with a code, never a
 * crash of its own.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as ts from 'typescript';
import { CONVERT_SECRET, ConvertCase, SECRET_FORMS, SECRET_VALUE } from './convert-mutations';
import { main } from '../../src/cli/main';
import { roundTrip, summaryLines } from '../../src/convert';
import { parseManifestText } from '../../src/graph/manifests';
import { compile, resolve } from '../convert/helpers';

/** What one case came to. */
export interface ConvertVerdict {
  /** `error`: the input was refused in words; `converted`: a program that round-trips; `failure`: a bug. */
  readonly kind: 'error' | 'converted' | 'failure';
  readonly reason?: string;
  /** The program written, for a type check of a sample. */
  readonly code?: string;
  readonly millis: number;
}

/** The words of a JavaScript crash, or of the converter giving up, in any text a user sees. */
const CRASH = /TypeError|RangeError|ReferenceError|SyntaxError: (?!.*YAML)|Cannot read propert|Cannot convert|is not a function|is not iterable|is not a constructor|Maximum call stack|undefined is not|\[object Object\]|converter bug|converter failed|out of memory/;

function crashName(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message.slice(0, 300)}` : `a thrown ${typeof e}`;
}

/** The first text holding a crash's words or the planted credential, as a failure reason. */
export function badText(texts: ReadonlyArray<readonly [string, string]>, forms: readonly string[] = SECRET_FORMS): string | undefined {
  for (const [where, text] of texts) {
    const crash = CRASH.exec(text);
    if (crash) return `${where} shows a crash: ...${text.slice(Math.max(0, crash.index - 100), crash.index + 200)}`;
    const secret = forms.find(s => text.includes(s));
    if (secret) return `${where} holds the planted credential: ...${text.slice(Math.max(0, text.indexOf(secret) - 120), text.indexOf(secret) + 40)}`;
  }
  return undefined;
}

/**
 * The planted credentials a program must not hold. A core Secret's values are read from the environment; once the
 * case has made the object something else (another kind or apiVersion), its values are ordinary text, written as they
 * are. Base64 text is never known to be a credential outside a Secret's `data`.
 */
function programForms(text: string, file: string): string[] {
  const outsideSecrets = parseManifestText(text, file).objects.some(o => !(o.value.apiVersion === 'v1' && o.value.kind === 'Secret') && holds(o.value, SECRET_VALUE));
  return [CONVERT_SECRET, ...(outsideSecrets ? [] : [SECRET_VALUE])].flatMap(s => [s, encodeURIComponent(s)]);
}

function holds(value: unknown, secret: string): boolean {
  try {
    return JSON.stringify(value).includes(secret);
  } catch {
    return true;
  }
}

/** Converts, compiles, runs and compares a case. */
export function judgeConversion(c: ConvertCase): ConvertVerdict {
  const start = performance.now();
  const done = (kind: ConvertVerdict['kind'], reason?: string, code?: string): ConvertVerdict => ({ kind, reason, code, millis: performance.now() - start });
  let compiled = true;
  let syntax: string | undefined;
  const checkedCompile = (code: string) => {
    const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 };
    const out = ts.transpileModule(code, { reportDiagnostics: true, compilerOptions });
    const errors = (out.diagnostics ?? []).filter(d => d.category === ts.DiagnosticCategory.Error);
    if (errors.length) {
      compiled = false;
      syntax = ts.flattenDiagnosticMessageText(errors[0].messageText, ' ');
    }
    return compile(code);
  };
  let result;
  try {
    result = roundTrip(c.text, c.file, checkedCompile, resolve);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const leak = badText([['the thrown error', message]]);
    return done('failure', `${leak && !CRASH.test(message) ? leak : `threw ${crashName(e)}`}${compiled ? '' : ` (the program does not compile: ${syntax})`}`);
  }
  const conversion = result.conversion;
  const texts: Array<readonly [string, string]> = [
    ...conversion.errors.map(e => ['a file error', e] as const),
    ...conversion.objects.map(o => [`the outcome of ${o.object}`, `${o.object} ${o.message ?? ''} ${o.patchedFields.join(' ')}`] as const),
    ['the summary', summaryLines([conversion]).join('\n')],
  ];
  const bad = badText(texts) ?? (conversion.code ? badText([['the program', conversion.code]], programForms(c.text, c.file)) : undefined);
  if (bad) return done('failure', bad, conversion.code);
  if (!compiled) return done('failure', `the program does not compile: ${syntax}`, conversion.code);
  if (conversion.code && !result.equal) return done('failure', `the round trip differs: ${result.differences.join('; ').slice(0, 400)}`, conversion.code);
  if (conversion.errors.length && conversion.code) return done('failure', 'a file error and a program', conversion.code);
  return done(conversion.code ? 'converted' : 'error', undefined, conversion.code);
}

/** The commands that read manifests, as a user runs them on the case's file. */
const COMMANDS: ReadonlyArray<readonly string[]> = [['convert'], ['preview', '--restricted'], ['graph'], ['graph', '--format', 'dot'], ['validate'], ['validate', '--strict']];

/** Runs every command on the case written to a file in `dir`; a crash, a leak or an unknown exit code is a failure. */
export function judgeCommands(c: ConvertCase, dir: string): ConvertVerdict {
  const start = performance.now();
  // A name the file system takes: the converter sees hostile names in judgeConversion.
  const file = path.join(dir, `case-${c.index}${c.file.endsWith('.json') ? '.json' : '.yaml'}`);
  fs.writeFileSync(file, c.text);
  try {
    for (const command of COMMANDS) {
      const out: string[] = [];
      const err: string[] = [];
      let code: number;
      try {
        code = main(['node', 'cdk8s-seldon', ...command, file], { out: l => out.push(l), err: l => err.push(l) });
      } catch (e) {
        return { kind: 'failure', reason: `${command.join(' ')} threw ${crashName(e)}`, millis: performance.now() - start };
      }
      // preview prints the pods the operator makes from the user's own objects, which may hold what the user wrote there.
      // convert prints the program, which writes base64 text under a non-Secret's `data` as it is (see judgeConversion).
      const program = command[0] === 'convert' ? badText([['convert\'s program', out.join('\n')]], programForms(c.text, c.file)) : undefined;
      const shown = command[0] === 'preview' || command[0] === 'convert' ? err : [...out, ...err];
      const bad = program ?? badText([[`${command.join(' ')}'s output`, shown.join('\n')]]);
      if (bad) return { kind: 'failure', reason: bad, millis: performance.now() - start };
      const crash = CRASH.exec(out.join('\n'));
      if (crash) return { kind: 'failure', reason: `${command.join(' ')}'s output shows a crash`, millis: performance.now() - start };
      if (![0, 1].includes(code)) return { kind: 'failure', reason: `${command.join(' ')} exited ${code}: ${err.join(' | ').slice(0, 300)}`, millis: performance.now() - start };
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
  return { kind: 'converted', millis: performance.now() - start };
}

/** A scratch directory for `judgeCommands`. */
export function commandDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-convert-'));
}
