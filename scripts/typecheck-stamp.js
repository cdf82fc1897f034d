// Whether the test files' type check (the typecheck:tests task) can be
// skipped because nothing it reads has changed since it last passed.
//
// tsc's --incremental already skips checking unchanged files, but it still
// reads and parses all ~1,000 of them (the library, the tests, cdk8s's and
// the other packages' declarations) to find that out: about 4.5 s of CPU in
// every `npm test`, beside jest on a 2-core machine. The stamp here is what
// tsc would have compared, read from the file system only: the modification
// time and size of every file the last passing check read (tsc lists them in
// its build info), the .ts files under the project's directory that exist
// now (a new one is not in that list) and the module files beside every file
// tsc read (a new one may change what an import resolves to), the installed type packages, the
// tsconfig files down the `extends` chain, the compiler's version and the
// task's tsc arguments (a flag added to the task checks more). Any difference
// runs tsc as before; so does a clone without a stamp (CI's first run), and
// so does a tsconfig this cannot follow (a trailing comma, an `extends` it
// cannot resolve).
'use strict';
const fs = require('fs');
const path = require('path');
const pass = require('./pass-stamp');

/** The file names a tsc build info lists, absolute, or undefined when it cannot be read. */
function buildInfoFiles(buildInfo) {
  let info;
  try {
    info = JSON.parse(fs.readFileSync(buildInfo, 'utf8'));
  } catch {
    return undefined;
  }
  const names = info.fileNames ?? info.program?.fileNames;
  if (!Array.isArray(names) || names.length === 0) return undefined;
  return names.map(name => path.resolve(path.dirname(buildInfo), name));
}

/**
 * The check the typecheck:tests task's tsc `args` run from `root`: its
 * tsconfig (`-p`) and build info (`--tsBuildInfoFile`), or undefined without
 * a build info (nothing to compare).
 */
function checkOf(root, args) {
  const after = (...flags) => {
    const at = args.findIndex(a => flags.includes(a));
    return at >= 0 ? args[at + 1] : undefined;
  };
  const buildInfo = after('--tsBuildInfoFile');
  if (buildInfo === undefined) return undefined;
  let project = path.resolve(root, after('-p', '--project') ?? 'tsconfig.json');
  if (!project.endsWith('.json')) project = path.join(project, 'tsconfig.json');
  return { root, args: [...args], project, buildInfo: path.resolve(root, buildInfo) };
}

/** The file an `extends` of a tsconfig in `dir` names, as tsc finds it, or undefined. */
function extendedConfig(dir, spec) {
  if (typeof spec !== 'string') return undefined;
  const relative = spec.startsWith('.') || path.isAbsolute(spec);
  const candidates = relative ? [path.resolve(dir, spec), path.resolve(dir, `${spec}.json`)] : [spec, `${spec}.json`, `${spec}/tsconfig.json`];
  for (const candidate of candidates) {
    try {
      const file = relative ? candidate : require.resolve(candidate, { paths: [dir] });
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // the next candidate
    }
  }
  return undefined;
}

/**
 * A tsconfig's JSON, which may hold comments (projen heads each with a `//`
 * line), or undefined (a trailing comma, which tsc reads and this does not).
 */
function readConfig(file) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    // Comments outside strings go; a string is matched first, so a "//" inside one stays.
    return JSON.parse(text.replace(/("(?:[^"\\\n]|\\.)*")|\/\/[^\n]*|\/\*[^]*?\*\//g, (_m, string) => string ?? ''));
  } catch {
    return undefined;
  }
}

/** `config` and the tsconfig files it extends, or undefined when one cannot be read or found. */
function configChain(config, found = []) {
  const json = readConfig(config);
  if (json === undefined || json === null || typeof json !== 'object') return undefined;
  found.push(config);
  for (const spec of json.extends === undefined ? [] : [].concat(json.extends)) {
    const base = extendedConfig(path.dirname(config), spec);
    if (base === undefined || found.includes(base) || configChain(base, found) === undefined) return undefined;
  }
  return found;
}

/** Every file whose change the stamp sees, or undefined when the check's inputs cannot be told. */
function filesRead(check) {
  const listed = buildInfoFiles(check.buildInfo);
  const configs = configChain(check.project);
  if (listed === undefined || configs === undefined) return undefined;
  try {
    return [...new Set([...listed, ...neighbours(listed), ...pass.filesUnder(path.dirname(check.project)), ...configs])].sort();
  } catch {
    return undefined;
  }
}

/**
 * The module files beside the ones tsc read, outside node_modules: a file
 * added there can change what an import resolves to without touching a file
 * tsc read (`./names` meant `names/index.ts` until `names.ts` was added).
 */
function neighbours(files) {
  const dirs = new Set(files.filter(f => !f.split(path.sep).includes('node_modules')).map(f => path.dirname(f)));
  const found = [];
  for (const dir of [...dirs].sort()) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (/\.(d\.)?[cm]?tsx?$|\.json$/.test(name)) found.push(path.join(dir, name));
    }
  }
  return found;
}

/**
 * A digest of what the check reads (`files`, when the caller has listed
 * them), or undefined when it cannot be told (no build info yet, a listed
 * file gone, a tsconfig it cannot follow).
 */
function typecheckStamp(check, files = filesRead(check)) {
  if (files === undefined) return undefined;
  let facts;
  try {
    facts = [
      JSON.stringify(check.args),
      `typescript\0${fs.readFileSync(require.resolve('typescript/package.json', { paths: [check.root] }), 'utf8')}`,
      `@types\0${fs.readdirSync(path.join(check.root, 'node_modules', '@types')).sort().join(',')}`,
    ];
  } catch {
    return undefined;
  }
  return pass.digestOf(facts, files);
}

/** Where the stamp of the last passing check is kept, beside tsc's build info. */
function stampFile(check) {
  return `${check.buildInfo}.passed`;
}

/** Whether the check passed last time on exactly what it would read now. */
function unchangedSinceLastPass(check) {
  return pass.holds(stampFile(check), typecheckStamp(check));
}

/**
 * Records that the check passed. `startedMs` is when it started: a file
 * written since may not have been what tsc read, so then nothing is recorded.
 */
function recordPass(check, startedMs) {
  const files = filesRead(check);
  // The files just listed: walking the project and reading the build info again would find the same.
  return pass.record(stampFile(check), files, startedMs, files === undefined ? undefined : typecheckStamp(check, files));
}

/** Forgets the last pass (the check failed). */
function forgetPass(check) {
  pass.forget(stampFile(check));
}

module.exports = { checkOf, typecheckStamp, unchangedSinceLastPass, recordPass, forgetPass };
