import { cdk8s, javascript } from 'projen';

// Versions that install from this machine's npm mirror and work together
// (see the project notes in README "Developing"); change them together.
const CDK8S_VERSION = '2.70.106';
const CDK8S_PLUS_VERSION = '2.9.5';
const CONSTRUCTS_VERSION = '10.5.0';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-seldon',
  description: 'cdk8s constructs for Seldon Core: v1 SeldonDeployments with prepackaged servers, rclone credential Secrets, PVC model sources, and v2 Servers and Models.',
  author: 'cdk8s-seldon developers',
  authorAddress: 'dev@cdk8s-seldon.invalid',
  repositoryUrl: 'https://github.com/cdk8s-seldon/cdk8s-seldon.git',
  keywords: ['cdk8s', 'seldon', 'seldon-core', 'mlops', 'kubernetes', 'model-serving'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  // cdk8s v2 line; the default would be cdk8s v1.
  cdk8sVersion: CDK8S_VERSION,
  // cdk8s-plus-27 needs constructs >= 10.3.
  constructsVersion: CONSTRUCTS_VERSION,
  // TypeScript follows jsii's line: ts-jest does not accept TypeScript 7.
  jsiiVersion: '~6.0.0',

  // No release tooling: it wants Node 22 and a network this project does not have.
  github: false,
  release: false,
  depsUpgrade: false,

  // Python for ML engineers, Java and Go for platform teams. The package
  // tasks below generate their sources offline (see "Multi-language" in README).
  publishToPypi: { distName: 'cdk8s-seldon', module: 'cdk8s_seldon' },
  publishToMaven: { javaPackage: 'io.github.cdk8s_seldon', mavenGroupId: 'io.github.cdk8s-seldon', mavenArtifactId: 'cdk8s-seldon' },
  publishToGo: { moduleName: 'github.com/cdk8s-seldon/cdk8s-seldon-go' },

  // Source maps beside the JavaScript rather than inside it: Node reads and
  // scans every byte of a module it loads, and the inline maps (with the
  // TypeScript sources) were about half of lib/ (BENCHMARKS.md, module loading).
  // The .map files still carry the sources for debuggers.
  tsconfig: { compilerOptions: { inlineSourceMap: false, sourceMap: true, inlineSources: true } },

  peerDeps: [`cdk8s-plus-27@^${CDK8S_PLUS_VERSION}`],
  // Used by the `cdk8s-seldon` command (CRD validation); jsii needs plain
  // npm dependencies bundled.
  bundledDeps: ['ajv@^8.20.0', 'ajv-formats@^3.0.1', 'yaml@^2.9.0'],
  devDeps: [
    'typescript@~6.0.3',
    '@types/node@^20',
    'cdk8s-cli@2.207.60',
    'fast-check@^4.10.2',
    // What `cdk8s init typescript-app` gives today: test/interop-plus33.test.ts
    // proves its objects work wherever the library takes cdk8s-plus-27 types.
    'cdk8s-plus-33@^2.5.57',
  ],

  jestOptions: {
    // A snapshot that no longer matches must fail the run, in CI and locally;
    // `npx projen test:update` rewrites snapshots on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // A run that finds no test must fail, not pass.
    passWithNoTests: false,
    jestConfig: {
      // Patterns are anchored to the clone: a clone under a path that
      // contains /lib/ or /dist/ must still find every test.
      coveragePathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/src/imports/'],
      testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/lib/', '<rootDir>/dist/'],
      watchPathIgnorePatterns: ['<rootDir>/node_modules/'],
      // Coverage instrumentation is most of the suite's time on a 2-core
      // machine: `npm test` runs without it, CI adds `--coverage`.
      collectCoverage: false,
      setupFilesAfterEnv: ['<rootDir>/test/has-assertions.ts'],
      // Jest's default is one worker fewer than the cores: on the 2-core
      // machine that is one worker, and the suite took 53 s instead of 38 s.
      // The parent process only schedules, so a worker per core pays.
      maxWorkers: '100%',
      // Each test file compiled cdk8s, cdk8s-plus-27 and the library again:
      // this runtime compiles each module once per worker and runs that
      // script again in later files' contexts (test/runtime/code-cache.js).
      runtime: '<rootDir>/test/runtime/jest-runtime.js',
    },
  },
  eslintOptions: {
    // Type-aware parsing makes eslint about as much CPU as the whole jest run
    // (BENCHMARKS.md, "Test and install time"): with a cache, a re-run of
    // `npm test` lints only the files that changed. CI starts from a clean
    // clone, so it lints everything.
    commandOptions: { extraArgs: ['--cache', '--cache-location', 'node_modules/.cache/eslint/'] },
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'projenrc'],
    ignorePatterns: ['src/imports/**', '*.d.ts', 'node_modules/', 'lib/', 'dist/', 'coverage/'],
  },
  gitignore: ['/scratch/', '/.cdk8s-import/', '/examples/validated/dist/', '/.fixtures/'],
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/scripts/', '/.ci/', '/scratch/', '/.fixtures/', '/dist/'] },
});

// The mirror this project installs from lacks the non-linux bindings of
// unrs-resolver 1.13.0, which makes `npm ci` reject the lock file.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// `npm test`: jest with eslint beside it (scripts/test.js reads the eslint
// task above, so the two cannot drift apart); on 2 cores eslint's start-up
// then overlaps jest instead of following it.
project.testTask.reset('node scripts/test.js', { receiveArgs: true });
// `npm test` starts the script itself: going through projen's task runner cost ~2 s of start-up.
project.package.setScript('test', 'node scripts/test.js');

// `npx cdk8s-seldon validate ...` (src/cli/main.ts).
project.addBins({ 'cdk8s-seldon': 'bin/cdk8s-seldon' });

// jsii prints a banner for Node 20 on every run.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Building a wheel, a jar or a Go module needs PyPI, Maven Central or the Go
// proxy, none of which this project can reach: generate the sources only, and
// let CI check that the Python sources compile.
for (const language of ['python', 'java', 'go']) {
  project.tasks.tryFind(`package:${language}`)?.reset(`jsii-pacmak -v --target ${language} --code-only`);
}
project.addTask('check:python', {
  description: 'Generate the Python bindings and byte-compile them',
  steps: [
    { spawn: 'package:python' },
    { exec: 'python3 -m compileall -q dist/python' },
  ],
});

// npm runs `prepare` when it installs the package from git (a clone holds no
// lib/): compile then. A clone that already has lib/ skips it, so `npm ci` in a
// working copy compiles at most once.
project.addTask('prepare', {
  description: 'Compile lib/ if it is missing (npm runs this when it installs the package from a git URL)',
  condition: 'node -e "process.exit(require(\'fs\').existsSync(\'lib/index.js\') ? 1 : 0)"',
  steps: [{ spawn: 'compile' }],
});

project.addTask('import', {
  description: 'Regenerate src/imports from Seldon CRD files: npx projen import <crd.yaml>... ',
  steps: [{ exec: 'ts-node --project test/tsconfig.json scripts/import-crds.ts', receiveArgs: true }],
});

project.addTask('schemas', {
  description: 'Regenerate schemas/seldon-crds.json (the CRD schemas the package ships) from Seldon\'s CRD files: npx projen schemas [<dir>]',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json scripts/compact-crds.ts', receiveArgs: true }],
});

// Jest transpiles test files one by one (isolatedModules) without their types, for speed: a wrong name
// (a static that does not exist) would pass as undefined. `npm test` (scripts/test.js) runs this task's
// command beside jest; incremental, so a re-run checks only what changed (about 4 s instead of 10).
project.addTask('typecheck:tests', {
  description: 'Type-check the test files (jest only transpiles them); npm test runs it beside jest',
  steps: [{ exec: 'tsc -p test/tsconfig.json --incremental --tsBuildInfoFile node_modules/.cache/typecheck-tests.tsbuildinfo' }],
});

project.addTask('check:structure', {
  description: 'No import cycles in src/, layers import only below them, no source file over 400 lines (--warn <rule> reports without failing)',
  steps: [{ exec: 'ts-node --transpile-only --project scripts/tsconfig.json scripts/check-structure.ts', receiveArgs: true }],
});

// The runtime shapes of the public API (src/k8s/prop-shapes.generated.ts) come
// from the jsii assembly the compile step writes; CI's final `git diff` fails
// when a prop was added without regenerating them.
const shapes = project.addTask('shapes', {
  description: 'Regenerate src/k8s/prop-shapes.generated.ts from .jsii (run after compile)',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json scripts/prop-shapes.ts' }],
});
project.postCompileTask.spawn(shapes);

project.addTask('docs:errors', {
  description: 'Regenerate docs/errors.md from the bad-input catalogue (test/catalogue/bad-inputs.ts)',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json scripts/error-catalogue.ts' }],
});

project.addTask('docs:snippets', {
  description: 'Type-check every TypeScript block of README.md against the current API (reads the public names from lib/)',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json scripts/readme-snippets.ts' }],
});

// The SeldonDeployment CRD that Seldon's Helm chart installs (it checks graph
// children ten levels deep) and the v2 CRDs of the kinds the library renders.
const CRD_FILES = [
  'v1-helm-stripped-machinelearning.seldon.io_seldondeployments.yaml',
  ...['models', 'servers', 'serverconfigs', 'pipelines', 'experiments', 'seldonruntimes', 'seldonconfigs'].map(k => `v2-mlops.seldon.io_${k}.yaml`),
];
project.addTask('validate:crds', {
  description: 'Validate every Seldon object the example app synthesized (dist/) against Seldon\'s CRDs, strictly',
  env: { CRDS: '$(node -p "process.env.SELDON_CRDS_DIR || \'../shared/seldon/crds\'")' },
  steps: [{
    exec: 'ts-node --project scripts/tsconfig.json scripts/validate-crds.ts dist --strict '
      + CRD_FILES.map(f => `--crds "$CRDS/${f}"`).join(' '),
  }],
});
project.addTask('validate:fixtures', {
  description: 'Validate every object the test suite synthesizes (Testing.synth) against Seldon\'s CRDs, strictly',
  env: { CRDS: '$(node -p "process.env.SELDON_CRDS_DIR || \'../shared/seldon/crds\'")', SELDON_COLLECT_DIR: '.fixtures' },
  steps: [
    { exec: 'rm -rf .fixtures' },
    { exec: 'jest --ci --coverage=false --silent --setupFilesAfterEnv ./test/has-assertions.ts ./test/collect/setup.ts' },
    { exec: 'ts-node --project scripts/tsconfig.json scripts/validate-fixtures.ts .fixtures "$CRDS"' },
  ],
});
project.addTask('test:crds', {
  description: 'Tests that need Seldon\'s CRD files (SELDON_CRDS_DIR, default ../shared/seldon/crds)',
  steps: [{ exec: "jest --ci --coverage=false --testMatch '**/*.crd-test.ts'" }],
});

project.addTask('fuzz', {
  description: 'Property run: 10,000 generated apps; each raises a library error or synthesizes CRD-valid output (npm run fuzz -- --runs N --seed S)',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json scripts/fuzz.ts', receiveArgs: true }],
});

project.addTask('fuzz:hostile', {
  description: 'Hostile-input property run: wrong types, null, NaN, Infinity, huge strings, cycles in every prop of every construct and factory (npm run fuzz:hostile -- --runs N --seed S [--report])',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json --transpile-only scripts/fuzz-hostile.ts', receiveArgs: true }],
});

project.addTask('fuzz:convert', {
  description: 'Hostile-manifest run: mutated corpus manifests through convert (with its round trip), preview, graph and validate (npm run fuzz:convert -- --runs N --seed S [--seldon <checkout>] [--report])',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json --transpile-only scripts/fuzz-convert.ts', receiveArgs: true }],
});

project.addTask('convert:corpus', {
  description: 'Convert and round-trip manifests, print the figures (npm run convert:corpus -- <Seldon Core checkout>... | --dirs <dir>... [--strict] [--typecheck])',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json --transpile-only scripts/convert-corpus.ts', receiveArgs: true }],
});

project.addTask('bench', {
  description: 'Synthesis benchmark: library vs the same manifests as plain ApiObjects (BENCHMARKS.md); --quick, --write',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json scripts/bench.ts', receiveArgs: true }],
});

project.addTask('bench:passes', {
  description: 'What cdk8s validating the app once per chart costs: each validation pass of the bench app timed, and the ratio if validated once (BENCHMARKS.md)',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json --transpile-only scripts/bench-passes.ts', receiveArgs: true }],
});

project.addTask('bench:instructions', {
  description: 'The bench app counted in machine instructions under valgrind (repeats to ~0.01% whatever the load): library against plain, or against another compiled library (BENCHMARKS.md)',
  steps: [{ exec: 'ts-node --project scripts/tsconfig.json --transpile-only scripts/bench-instructions.ts', receiveArgs: true }],
});

project.addTask('synth:validated', {
  description: 'Synthesize the example app with the SeldonCrdValidation plugin (needs lib/: run after compile)',
  cwd: 'examples/validated',
  steps: [{ exec: 'cdk8s synth --check-upgrade false' }],
});

project.addTask('synth', {
  description: 'Synthesize the example app (examples/) to dist/',
  cwd: 'examples',
  steps: [{ exec: 'cdk8s synth --check-upgrade false' }],
});

project.synth();
