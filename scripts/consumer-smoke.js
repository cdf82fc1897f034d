#!/usr/bin/env node
// The package as a user gets it: installs a packed tarball into a scratch cdk8s
// app outside the repository, made as `cdk8s init typescript-app` makes one
// (its package.json, tsconfig.json and cdk8s.yaml come from cdk8s-cli's own
// template: cdk8s, cdk8s-plus-33, constructs), then synthesizes the README's
// "Your first deployment" there with `cdk8s synth` and the README's
// validation-plugin snippet, and validates the output with the shipped schemas.
//
//   node scripts/consumer-smoke.js <dist/js/cdk8s-seldon@x.jsii.tgz> [--keep]
//
// Only what a user needs is installed besides the template's dependencies
// (typescript, ts-node, @types/node): cdk8s-cli is the repository's own, as a
// user's would be from `npm install -g cdk8s-cli`. Prints the time of each step.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseAllDocuments } = require('yaml');

const ROOT = path.join(__dirname, '..');
const TEMPLATE = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app');
const CDK8S_CLI = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');

function fail(message) {
  console.error(`consumer-smoke: ${message}`);
  process.exit(1);
}

/** The fenced block of `lang` in the README section `heading` (the first one, or the one containing `marker`). */
function readmeBlock(heading, lang, marker) {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) fail(`README has no section "${heading}"`);
  const next = readme.slice(start + heading.length + 2).search(/\n## /);
  const section = next < 0 ? readme.slice(start) : readme.slice(start, start + heading.length + 2 + next);
  const blocks = [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map(m => m[1]);
  const block = blocks.find(b => marker === undefined || b.includes(marker));
  if (block === undefined) fail(`README section "${heading}" has no ${lang} block${marker ? ` with ${marker}` : ''}`);
  return block;
}

/** The versions `cdk8s init` writes: those of the modules cdk8s-cli itself resolves. */
function templateVersion(module) {
  const cli = path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [ROOT] }));
  return require(require.resolve(`${module}/package.json`, { paths: [cli] })).version;
}

function timed(label, fn) {
  const started = Date.now();
  const result = fn();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`consumer-smoke: ${label}: ${seconds} s`);
  return result;
}

function run(cwd, command, args) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function main(argv) {
  const tarball = argv.find(a => !a.startsWith('--'));
  if (!tarball || !fs.existsSync(tarball)) fail(`usage: consumer-smoke.js <tarball> [--keep] (got ${tarball ?? 'nothing'})`);
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-seldon-consumer-'));
  if (path.resolve(app).startsWith(path.resolve(ROOT) + path.sep)) fail(`${app} is inside the repository`);

  // package.json as `cdk8s init typescript-app` writes it, with the library added.
  const template = JSON.parse(fs.readFileSync(path.join(TEMPLATE, 'package.json'), 'utf8')
    .replace('{{ $base }}', 'consumer')
    .replace('{{ cdk8s_core_version }}', templateVersion('cdk8s'))
    .replace('{{ cdk8s_plus_version }}', templateVersion('cdk8s-plus-33'))
    .replace('{{ constructs_version }}', templateVersion('constructs')));
  const keep = ['typescript', 'ts-node', '@types/node'];
  const pkg = {
    ...template,
    dependencies: { ...template.dependencies, 'cdk8s-seldon': `file:${path.resolve(tarball)}` },
    devDependencies: Object.fromEntries(Object.entries(template.devDependencies).filter(([name]) => keep.includes(name))),
  };
  if (!pkg.dependencies['cdk8s-plus-33']) fail('the cdk8s init template no longer uses cdk8s-plus-33: update this script and the README');
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, null, 2));
  fs.copyFileSync(path.join(TEMPLATE, 'tsconfig.json'), path.join(app, 'tsconfig.json'));
  fs.writeFileSync(path.join(app, 'main.ts'), readmeBlock('## Your first deployment', 'ts'));
  const plugin = readmeBlock("## Validating manifests against Seldon's CRDs", 'yaml', 'SeldonCrdValidation');
  fs.writeFileSync(path.join(app, 'cdk8s.yaml'), `language: typescript\napp: npx ts-node main.ts\n${plugin}`);
  console.log(`consumer-smoke: app in ${app}: ${Object.entries(pkg.dependencies).map(([n, v]) => `${n}@${v.startsWith('file:') ? path.basename(v) : v}`).join(', ')}`);

  timed('npm install', () => run(app, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']));
  const synth = timed('cdk8s synth (README first deployment, SeldonCrdValidation plugin)', () => run(app, CDK8S_CLI, ['synth', '--check-upgrade', 'false']));
  if (!/Validation Report/i.test(synth) && !/SeldonCrdValidation/.test(synth)) fail(`cdk8s synth ran no validation plugin:\n${synth}`);

  const manifest = path.join(app, 'dist', 'models.k8s.yaml');
  if (!fs.existsSync(manifest)) fail('cdk8s synth wrote no dist/models.k8s.yaml');
  const objects = parseAllDocuments(fs.readFileSync(manifest, 'utf8')).map(d => d.toJS());
  const secret = objects.findIndex(o => o.kind === 'Secret');
  const user = objects.findIndex(o => o.kind === 'SeldonDeployment' && o.spec.predictors[0].graph.envSecretRefName === objects[secret]?.metadata.name);
  if (objects.filter(o => o.kind === 'SeldonDeployment').length !== 2 || secret < 0 || user < secret) {
    fail(`dist/models.k8s.yaml holds ${objects.map(o => o.kind).join(', ')}; expected two SeldonDeployments and the Secret before the one that reads it`);
  }

  const validated = timed('cdk8s-seldon validate dist --strict (shipped schemas)', () =>
    run(app, path.join(app, 'node_modules', '.bin', 'cdk8s-seldon'), ['validate', 'dist', '--strict']));
  if (!/^OK: \d+ files, 2 objects validated, \d+ skipped, 0 errors/m.test(validated)) fail(`unexpected validation result:\n${validated}`);
  console.log(`consumer-smoke: ${validated.trim()}`);

  // The installed command finds its own package.json and shipped schemas (lib/cli/version.js reads both by path).
  const version = run(app, path.join(app, 'node_modules', '.bin', 'cdk8s-seldon'), ['--version']);
  if (!/^cdk8s-seldon \S+\nCRD schemas shipped: machinelearning\.seldon\.io from Seldon Core 1\.18\.2; mlops\.seldon\.io from Seldon Core 2\.10\.2/.test(version)) {
    fail(`unexpected cdk8s-seldon --version output:\n${version}`);
  }
  console.log(`consumer-smoke: ${version.split('\n')[0]}`);

  if (argv.includes('--keep')) console.log(`consumer-smoke: kept ${app}`);
  else fs.rmSync(app, { recursive: true, force: true });
  console.log('consumer-smoke: the packed library installs into a cdk8s-plus-33 app, synthesizes the README deployment, and validates');
}

main(process.argv.slice(2));
