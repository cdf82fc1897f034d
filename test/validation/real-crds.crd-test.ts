// Validation against Seldon's published CRDs. The CRD files are Seldon's and
// are not in this repository, so this file is not part of the default test
// run (it does not match the `*.test.ts` pattern). CI runs it explicitly:
//
//   SELDON_CRDS_DIR=<dir> npx jest --testMatch '**/*.crd-test.ts'
//
// SELDON_CRDS_DIR defaults to ../shared/seldon/crds relative to the repository
// root. If the directory is missing, every test fails: being run means the
// CRDs are expected.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { main } from '../../src/cli/main';
import { CrdSchemaRegistry, CrdValidator, ValidationReport } from '../../src/validation';

jest.setTimeout(120_000);

const CRDS_DIR = path.resolve(process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'seldon', 'crds'));
const V1_FILES = [
  'v1-small-machinelearning.seldon.io_seldondeployments.yaml',
  'v1-machinelearning.seldon.io_seldondeployments.yaml',
  'v1-helm-stripped-machinelearning.seldon.io_seldondeployments.yaml',
];

type Obj = { [key: string]: any };

/** The sklearn iris example from Seldon Core v1's documentation. */
function sklearnIris(): Obj {
  return {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: { name: 'iris-model', namespace: 'seldon' },
    spec: {
      name: 'iris',
      predictors: [{
        name: 'default',
        replicas: 1,
        graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/v1.18.0-dev/sklearn/iris' },
      }],
    },
  };
}

function v2(kind: string, name: string, spec: Obj): Obj {
  return { apiVersion: 'mlops.seldon.io/v1alpha1', kind, metadata: { name, namespace: 'seldon-mesh' }, spec };
}

function problems(report: ValidationReport): string[] {
  return report.errors.map(e => `${e.path}: ${e.reason}`);
}

function loadFile(file: string): CrdSchemaRegistry {
  return CrdSchemaRegistry.fromPaths([path.join(CRDS_DIR, file)]);
}

let all: CrdSchemaRegistry;
let validator: CrdValidator;
let strictValidator: CrdValidator;

beforeAll(() => {
  if (!fs.existsSync(CRDS_DIR)) {
    throw new Error(`Seldon CRDs not found at ${CRDS_DIR}; set SELDON_CRDS_DIR to a directory of Seldon CRD files`);
  }
  all = CrdSchemaRegistry.fromPaths([CRDS_DIR]);
  validator = new CrdValidator(all);
  strictValidator = new CrdValidator(all, { strict: true });
});

test('the directory holds every Seldon kind and served version', () => {
  for (const kind of ['Server', 'ServerConfig', 'Model', 'Pipeline', 'Experiment', 'SeldonRuntime', 'SeldonConfig']) {
    expect(all.lookup('mlops.seldon.io/v1alpha1', kind)).toBeDefined();
  }
  for (const version of ['v1', 'v1alpha2', 'v1alpha3']) {
    expect(all.lookup(`machinelearning.seldon.io/${version}`, 'SeldonDeployment')).toBeDefined();
  }
  // Three files define SeldonDeployment; the first in file-name order wins.
  expect(path.basename(all.lookup('machinelearning.seldon.io/v1', 'SeldonDeployment')!.source))
    .toBe('v1-helm-stripped-machinelearning.seldon.io_seldondeployments.yaml#0');
  expect(all.warnings.filter(w => w.includes('already defined'))).toHaveLength(4);
});

describe.each(V1_FILES)('v1 SeldonDeployment against %s', file => {
  let v: CrdValidator;
  let strict: CrdValidator;
  beforeAll(() => {
    const registry = loadFile(file);
    v = new CrdValidator(registry);
    strict = new CrdValidator(registry, { strict: true });
  });

  test('the sklearn iris example is valid, also in strict mode', () => {
    expect(problems(v.validateObject(sklearnIris()))).toEqual([]);
    expect(problems(strict.validateObject(sklearnIris()))).toEqual([]);
  });

  test('a predictor without a name fails at /spec/predictors/0', () => {
    const sdep = sklearnIris();
    delete sdep.spec.predictors[0].name;
    const report = v.validateObject(sdep, { file: 'iris.yaml', documentIndex: 0 });
    expect(report.errors).toEqual([expect.objectContaining({
      file: 'iris.yaml',
      object: 'SeldonDeployment/seldon/iris-model',
      path: '/spec/predictors/0',
      reason: expect.stringContaining('name'),
    })]);
  });

  test('replicas must be an integer; a graph needs a name', () => {
    const sdep = sklearnIris();
    sdep.spec.predictors[0].replicas = '2';
    delete sdep.spec.predictors[0].graph.name;
    expect(problems(v.validateObject(sdep)).sort()).toEqual([
      '/spec/predictors/0/graph: missing required field "name"',
      '/spec/predictors/0/replicas: must be an integer, got "2"',
    ]);
  });

  test('strict mode catches modelURI', () => {
    const sdep = sklearnIris();
    sdep.spec.predictors[0].graph.modelURI = sdep.spec.predictors[0].graph.modelUri;
    delete sdep.spec.predictors[0].graph.modelUri;
    expect(v.validateObject(sdep).valid).toBe(true);
    expect(problems(strict.validateObject(sdep))).toEqual([
      '/spec/predictors/0/graph/modelURI: unknown field "modelURI" (not in the CRD schema; strict mode)',
    ]);
  });

  // A CRD is stricter than a built-in Pod here: the API server rejects a
  // fractional number in an int-or-string quantity (cpu: 0.5 must be "500m").
  test('invalid resource quantities in componentSpecs are rejected', () => {
    const sdep = sklearnIris();
    sdep.spec.predictors[0].componentSpecs = [{
      spec: { containers: [{ name: 'classifier', resources: { requests: { memory: '1 GB', cpu: 0.5 } } }] },
    }];
    expect(problems(v.validateObject(sdep))).toEqual([
      expect.stringMatching(/^\/spec\/predictors\/0\/componentSpecs\/0\/spec\/containers\/0\/resources\/requests\/memory: must match .*, got "1 GB"$/),
      '/spec/predictors/0/componentSpecs/0/spec/containers/0/resources/requests/cpu: must be an integer or a string, got 0.5',
    ]);
  });
});

describe('v2 (mlops.seldon.io)', () => {
  test('a Server with serverConfig and replicas is valid; replicas "x" is not', () => {
    expect(problems(strictValidator.validateObject(v2('Server', 'mlserver', { serverConfig: 'mlserver', replicas: 1 })))).toEqual([]);
    expect(problems(validator.validateObject(v2('Server', 'mlserver', { serverConfig: 'mlserver', replicas: 'x' })))).toEqual([
      '/spec/replicas: must be an integer, got "x"',
    ]);
  });

  test('a Model needs storageUri; strict mode catches storageURI', () => {
    const model = { storageUri: 'gs://seldon-models/scv2/samples/mlserver_1.3.5/iris-sklearn', requirements: ['sklearn'], memory: '100Ki' };
    expect(problems(strictValidator.validateObject(v2('Model', 'iris', model)))).toEqual([]);
    expect(problems(validator.validateObject(v2('Model', 'iris', { requirements: ['sklearn'] })))).toEqual([
      '/spec: missing required field "storageUri"',
    ]);
    const typo = { storageURI: model.storageUri, requirements: ['sklearn'] };
    expect(problems(strictValidator.validateObject(v2('Model', 'iris', typo)))).toEqual([
      '/spec: missing required field "storageUri"',
      '/spec/storageURI: unknown field "storageURI" (not in the CRD schema; strict mode)',
    ]);
  });

  test('Model memory is an int-or-string quantity', () => {
    const base = { storageUri: 'gs://x' };
    expect(validator.validateObject(v2('Model', 'm', { ...base, memory: 1024 })).valid).toBe(true);
    expect(problems(validator.validateObject(v2('Model', 'm', { ...base, memory: [1] })))).toEqual([
      '/spec/memory: must be an integer or a string, got an array',
    ]);
  });

  test('Pipeline and Experiment check their required fields', () => {
    const pipeline = v2('Pipeline', 'p', { steps: [{ name: 'iris' }, { name: 'tfsimple', inputs: ['iris'] }], output: { steps: ['tfsimple'] } });
    expect(problems(strictValidator.validateObject(pipeline))).toEqual([]);
    expect(problems(validator.validateObject(v2('Pipeline', 'p', { steps: [{ inputs: ['iris'] }] })))).toEqual([
      '/spec/steps/0: missing required field "name"',
    ]);
    const experiment = v2('Experiment', 'e', { default: 'iris', candidates: [{ name: 'iris', weight: 50 }, { name: 'iris2', weight: 50 }] });
    expect(problems(strictValidator.validateObject(experiment))).toEqual([]);
    expect(problems(validator.validateObject(v2('Experiment', 'e', { candidates: [{ name: 'iris' }] })))).toEqual([
      '/spec/candidates/0: missing required field "weight"',
    ]);
  });

  test('a ServerConfig with two ports of the same number and protocol is rejected (list-map keys)', () => {
    const ports = [{ containerPort: 9000, name: 'http' }, { containerPort: 9000, protocol: 'TCP', name: 'grpc' }];
    const config = v2('ServerConfig', 'mlserver', { podSpec: { containers: [{ name: 'mlserver', image: 'seldonio/mlserver:1.6.0', ports }] } });
    expect(problems(validator.validateObject(config))).toEqual([
      '/spec/podSpec/containers/0/ports/1: duplicate entry: containerPort=9000, protocol="TCP" is also at index 0 (x-kubernetes-list-type: map)',
    ]);
  });

  test('SeldonRuntime and SeldonConfig validate', () => {
    expect(problems(strictValidator.validateObject(v2('SeldonRuntime', 'r', { seldonConfig: 'default' })))).toEqual([]);
    expect(problems(validator.validateObject(v2('SeldonRuntime', 'r', {})))).toEqual(['/spec: missing required field "seldonConfig"']);
    expect(problems(strictValidator.validateObject(v2('SeldonConfig', 'c', { components: [{ name: 'seldon-scheduler', replicas: 1 }] })))).toEqual([]);
  });

  test('an unknown version of a Seldon kind is an error', () => {
    const report = validator.validateObject({ ...v2('Model', 'm', { storageUri: 'gs://x' }), apiVersion: 'mlops.seldon.io/v2' });
    expect(report.errors.map(e => [e.category, e.path])).toEqual([['unknown-kind', '']]);
    expect(report.errors[0].reason).toContain('no CRD loaded for mlops.seldon.io/v2 Model');
  });
});

test('compile time per CRD and validation time per object', () => {
  const lines: string[] = [];
  const objects: Obj[] = [
    sklearnIris(),
    v2('Server', 'mlserver', { serverConfig: 'mlserver', replicas: 1 }),
    v2('ServerConfig', 'mlserver', { podSpec: { containers: [{ name: 'mlserver' }] } }),
    v2('Model', 'iris', { storageUri: 'gs://x' }),
    v2('Pipeline', 'p', { steps: [{ name: 'iris' }] }),
    v2('Experiment', 'e', { candidates: [{ name: 'iris', weight: 100 }] }),
    v2('SeldonRuntime', 'r', { seldonConfig: 'default' }),
    v2('SeldonConfig', 'c', {}),
  ];
  for (const file of fs.readdirSync(CRDS_DIR).filter(f => f.endsWith('.yaml')).sort()) {
    const registry = loadFile(file);
    const v = new CrdValidator(registry);
    const mine = objects.filter(o => registry.lookup(o.apiVersion, o.kind));
    expect(mine).toHaveLength(1);
    const first = v.validateObjects(mine);
    expect(first.compiled).toHaveLength(1);
    expect(first.errors).toEqual([]);
    const batch = Array.from({ length: 2000 }, (_, i) => mine[i % mine.length]);
    const report = v.validateObjects(batch);
    expect(report.compiled).toEqual([]);
    expect(report).toMatchObject({ valid: true, validated: 2000 });
    const perObjectUs = (report.elapsedMs * 1000) / batch.length;
    // Generous bound: catches accidental recompilation or quadratic behaviour, not machine noise.
    expect(perObjectUs).toBeLessThan(1000);
    lines.push(`${file}: compile ${first.compiled[0].ms.toFixed(0)} ms, ${perObjectUs.toFixed(1)} µs/object (${mine[0].kind})`);
  }
  console.log(lines.join('\n'));
});

describe('cdk8s-seldon validate with the real CRDs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-seldon-real-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(...args: string[]): { code: number; out: string[] } {
    const out: string[] = [];
    const code = main(['node', 'cdk8s-seldon', 'validate', ...args], { out: l => out.push(l), err: () => undefined });
    return { code, out };
  }

  test('valid manifests exit 0, invalid ones exit 1 with one line per error', () => {
    const good = path.join(dir, 'good.yaml');
    fs.writeFileSync(good, [
      stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'seldon-rclone-secret' }, stringData: { a: 'b' } }),
      stringify(sklearnIris()),
      stringify(v2('Model', 'iris', { storageUri: 'gs://x', requirements: ['sklearn'] })),
    ].join('---\n'));
    const ok = run(good, '--crds', CRDS_DIR, '--strict');
    expect(ok.code).toBe(0);
    expect(ok.out[ok.out.length - 1]).toMatch(/^OK: 1 files, 2 objects validated, 1 skipped, 0 errors in \d+ ms/);

    const bad = path.join(dir, 'bad.yaml');
    const sdep = sklearnIris();
    delete sdep.spec.predictors[0].name;
    fs.writeFileSync(bad, [stringify(v2('Server', 'mlserver', { serverConfig: 'mlserver', replicas: 'x' })), stringify(sdep)].join('---\n'));
    const failed = run(bad, '--crds', CRDS_DIR);
    expect(failed.code).toBe(1);
    expect(failed.out.slice(0, -1)).toEqual([
      `${bad}#0 Server/mlserver /spec/replicas: must be an integer, got "x"`,
      `${bad}#1 SeldonDeployment/iris-model /spec/predictors/0: missing required field "name"`,
    ]);
  });

  test('a warning about a --crds file shows a credential its CRD\'s name holds masked', () => {
    // Seldon's Models CRD as found, then a copy named with a credential and without the group it needs.
    const models = fs.readFileSync(path.join(CRDS_DIR, 'v2-mlops.seldon.io_models.yaml'), 'utf8');
    const broken = parse(models);
    broken.metadata.name = 'https://u:Val1dS3cr3t@h/x';
    delete broken.spec.group;
    const crd = path.join(dir, 'credential-crd.yaml');
    fs.writeFileSync(crd, `${models}\n---\n${stringify(broken)}`);
    const model = path.join(dir, 'plain-model.yaml');
    fs.writeFileSync(model, stringify(v2('Model', 'm', { storageUri: 'gs://b/m' })));
    const err: string[] = [];
    const out: string[] = [];
    const code = main(['node', 'cdk8s-seldon', 'validate', model, '--crds', crd], { out: l => out.push(l), err: l => err.push(l) });
    expect(code).toBe(0);
    expect(err.join('\n')).toMatch(/warning: \S+credential-crd\.yaml#1: CRD https:\/\/\*\*\*@h\/x has no spec\.group or spec\.names\.kind, ignored/);
    expect([...out, ...err].join('\n')).not.toContain('Val1dS3cr3t');
  });
});
