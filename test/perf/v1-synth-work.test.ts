/**
 * The v1 work skipped in the fifth round: each skip's guard is checked over a grid against the full check it
 * skips (the guard lets through only what the check passes), and each cached answer is shown to see every input
 * that can change between synths.
 */
import { Chart, Size } from 'cdk8s';
import { ContainerResources, Cpu, ISecret, Secret, k8s } from 'cdk8s-plus-27';
import { twoCharts } from './two-charts';
import {
  BuiltInImplementation, DisruptionBudget, EndpointType, ExplainerType, ModelUri, PredictiveUnit, PredictiveUnitType, PredictorProps,
  PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonProtocol,
} from '../../src';
import { resourceProblems } from '../../src/k8s/container-resources';
import { plainPodSpecJson } from '../../src/v1/component-spec';
import { allContainerNameProblems, containerNameProblems, oneNodeClear } from '../../src/v1/container-names';
import { checkOwnRules, quietShape } from '../../src/v1/own-rules';
import * as referenceChecks from '../../src/v1/reference-checks';
import { FieldNaming } from '../../src/v1/webhook-input';

/** A small deterministic generator, so a failing case can be found again. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const pick = <T>(next: () => number, values: readonly T[]): T => values[Math.floor(next() * values.length)];

const naming = (i: number): FieldNaming => ({ predictor: f => `predictors[${i}].${f}`, unit: (path, f) => `predictors[${i}].${path}.${f}` });

describe('the own rules of a SeldonDeployment are skipped only for a shape they pass (quietShape)', () => {
  test('over a grid of 4,000 deployments, every one quietShape lets through passes every rule', () => {
    const next = random(20261203);
    let quiet = 0;
    let reported = 0;
    for (let n = 0; n < 4000; n++) {
      const predictor = (i: number): PredictorProps => {
        const endpointType = pick(next, [undefined, EndpointType.REST, EndpointType.GRPC]);
        const leaf = (name: string) => PredictiveUnit.prepackaged({
          name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('models', name), endpointType,
        });
        const graph = next() < 0.7 ? leaf('a')
          : PredictiveUnit.builtIn({ name: 'combine', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [leaf('a'), leaf('b')] });
        return {
          name: pick(next, ['main', 'other', 'main']) + (i > 0 && next() < 0.5 ? String(i) : ''),
          graph,
          shadow: pick(next, [undefined, undefined, false, true]),
          traffic: pick(next, [undefined, undefined, 0, 1, 50, 99, 100, 101, -1]),
          disruptionBudget: pick(next, [undefined, undefined, undefined, DisruptionBudget.minAvailable(1), DisruptionBudget.maxUnavailable(1)]),
          engineReplicas: pick(next, [undefined, undefined, 2]),
          annotations: pick(next, [undefined, undefined, { 'seldon.io/no-engine': 'true' }, { 'seldon.io/svc-name': 'svc' }]),
          engineEnv: pick(next, [undefined, undefined, { KAFKA_BROKER: 'b', KAFKA_INPUT_TOPIC: 'i', KAFKA_OUTPUT_TOPIC: 'o' }]),
        } as PredictorProps;
      };
      const count = pick(next, [1, 1, 1, 2, 0]);
      const predictors = Array.from({ length: count }, (_, i) => predictor(i));
      const settings = {
        serverType: pick(next, [undefined, undefined, 'rpc', 'kafka']),
        transport: pick(next, [undefined, undefined, 'rest', 'grpc', '', 'REST']),
        separateEnginePod: pick(next, [undefined, true, false]),
        replicas: pick(next, [undefined, 1, 3]),
      } as never;
      const found: string[] = [];
      checkOwnRules(predictors, predictors.map((_, i) => naming(i)), settings, (field, problem) => found.push(`${field}: ${problem}`));
      if (quietShape(predictors, settings)) {
        quiet++;
        expect({ predictors, settings, found }).toEqual({ predictors, settings, found: [] });
      } else if (found.length > 0) {
        reported++;
      }
    }
    // The grid holds both kinds, so the test can fail either way.
    expect(quiet).toBeGreaterThan(100);
    expect(reported).toBeGreaterThan(1000);
  });
});

const MINIO = { endpoint: 'http://minio:9000', accessKeyId: 'AKIA', secretAccessKey: 'secret' };

const s3Model = (scope: Chart, id: string, credentials?: ISecret) =>
  new PrepackagedModel(scope, id, { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('team', id), credentials });

describe('the reference checks of a SeldonDeployment settle once their answer cannot change', () => {
  let spy: jest.SpyInstance;
  beforeEach(() => { spy = jest.spyOn(referenceChecks, 'referenceProblems'); });
  afterEach(() => spy.mockRestore());

  test('an s3 URI found in the library\'s RcloneSecret of the same namespace: one run for three passes, none for a second synth', () => {
    const { app, first, second } = twoCharts();
    const secret = new RcloneSecret(first, 'minio', { remotes: [RcloneRemote.minio(MINIO)] });
    s3Model(first, 'iris', secret);
    const yaml = app.synthYaml();
    expect(yaml).toContain('envSecretRefName: first-minio');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(app.synthYaml()).toBe(yaml);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(second.node.children).toHaveLength(0);
  });

  test('a missing remote is reported in every synth until addRemote() defines it', () => {
    const { app, first } = twoCharts();
    const secret = new RcloneSecret(first, 'gcs', { remotes: [RcloneRemote.gcs()] });
    s3Model(first, 'iris', secret);
    expect(() => app.synthYaml()).toThrow(/modelUri "s3:\/\/team\/iris" names rclone remote "s3", which credentials RcloneSecret 'first\/gcs' does not define/);
    expect(() => app.synthYaml()).toThrow(/does not define/);
    secret.addRemote(RcloneRemote.minio(MINIO));
    expect(app.synthYaml()).toContain('kind: SeldonDeployment');
  });

  test('a subclass answering definesRemote() itself is asked in every pass: a changed answer is seen', () => {
    const { app, first } = twoCharts();
    class Fickle extends RcloneSecret {
      public knows = true;
      public definesRemote(name: string): boolean { return this.knows && super.definesRemote(name); }
    }
    const secret = new Fickle(first, 'minio', { remotes: [RcloneRemote.minio(MINIO)] });
    s3Model(first, 'iris', secret);
    app.synthYaml();
    expect(spy).toHaveBeenCalledTimes(3);
    secret.knows = false;
    expect(() => app.synthYaml()).toThrow(/names rclone remote "s3", which credentials RcloneSecret 'first\/minio' does not define/);
  });

  test('an existing RcloneSecret (its remotes declared by the user) and an opaque Secret are read in every pass', () => {
    const { app, first } = twoCharts();
    s3Model(first, 'iris', RcloneSecret.fromExistingSecret(first, 'existing', 'minio', { remoteNames: ['s3'] }));
    s3Model(first, 'wine', new Secret(first, 'opaque'));
    app.synthYaml();
    expect(spy).toHaveBeenCalledTimes(6);
  });

  test('a referenced Secret whose namespace can answer differently is read in every pass, and a change is seen', () => {
    const { app, first } = twoCharts();
    let namespace = 'models';
    class Moving extends Secret {
      public get metadata() {
        const real = super.metadata;
        return Object.assign(Object.create(Object.getPrototypeOf(real)), real, { namespace });
      }
    }
    // a gcs URI (the initializer's built-in remote): only the namespace is read
    new PrepackagedModel(first, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('team', 'iris'), credentials: new Moving(first, 'moving') });
    app.synthYaml();
    expect(spy).toHaveBeenCalledTimes(3);
    namespace = 'elsewhere';
    expect(() => app.synthYaml()).toThrow(/credentials is Secret .* in namespace "elsewhere", but the pod using it runs in namespace "models"/);
  });

  test('an RcloneSecret of the same namespace settles; of another namespace it is reported in every synth', () => {
    const { app, first } = twoCharts();
    const other = new Chart(app, 'other', { namespace: 'elsewhere' });
    s3Model(first, 'iris', new RcloneSecret(first, 'here', { remotes: [RcloneRemote.minio(MINIO)] }));
    const yaml = app.synthYaml();
    expect(yaml).toContain('envSecretRefName: first-here');
    // three charts: four passes, one run
    expect(spy).toHaveBeenCalledTimes(1);
    s3Model(first, 'wine', new RcloneSecret(other, 'there', { remotes: [RcloneRemote.minio(MINIO)] }));
    expect(() => app.synthYaml()).toThrow(/credentials is Secret '[^']+' \("other-there-c8.*"\) in namespace "elsewhere"/);
    expect(() => app.synthYaml()).toThrow(/in namespace "elsewhere"/);
  });

  test('the deployment\'s namespace keys the settled answer', () => {
    const { app, first } = twoCharts();
    const model = s3Model(first, 'iris', new RcloneSecret(first, 'here', { remotes: [RcloneRemote.minio(MINIO)] }));
    app.synthYaml();
    expect(spy).toHaveBeenCalledTimes(1);
    // readonly in TypeScript; a JavaScript caller can still write it
    (model.apiObject.metadata as unknown as { namespace: string }).namespace = 'moved';
    expect(() => app.synthYaml()).toThrow(/credentials is Secret .* in namespace "models", but the pod using it runs in namespace "moved"/);
  });

  test('withCanary(), withShadow() and withExplainer() after a settled synth are seen', () => {
    const { app, first } = twoCharts();
    const secret = new RcloneSecret(first, 'minio', { remotes: [RcloneRemote.minio(MINIO)] });
    const gcsOnly = new RcloneSecret(first, 'gcs', { remotes: [RcloneRemote.gcs()] });
    const canary = s3Model(first, 'canary', secret);
    const shadow = s3Model(first, 'shadow', secret);
    const explained = s3Model(first, 'explained', secret);
    app.synthYaml();
    expect(spy).toHaveBeenCalledTimes(3);
    canary.withCanary({ traffic: 10, modelUri: ModelUri.s3('team', 'v2'), credentials: gcsOnly });
    expect(() => app.synthYaml()).toThrow(/Model 'first\/canary': .*names rclone remote "s3", which credentials RcloneSecret 'first\/gcs' does not define/);
    canary.node.scope!.node.tryRemoveChild(canary.node.id);
    shadow.withShadow({ modelUri: ModelUri.s3('team', 'v2'), credentials: gcsOnly });
    expect(() => app.synthYaml()).toThrow(/Model 'first\/shadow': .*does not define/);
    shadow.node.scope!.node.tryRemoveChild(shadow.node.id);
    app.synthYaml();
    explained.withExplainer({ explainerType: ExplainerType.ANCHOR_TABULAR, modelUri: ModelUri.s3('team', 'explainer'), credentials: gcsOnly });
    expect(() => app.synthYaml()).toThrow(/Model 'first\/explained': explainer.modelUri .*does not define/);
  });
});

/** `resourceProblems` as it was before the fifth round (loops over literal lists of pairs), the reference for its rewrite. */
function resourceProblemsBefore(resources: ContainerResources | undefined): string[] {
  if (!resources) return [];
  const cpuMillis = (amount: string) => amount.endsWith('m') ? Number(amount.slice(0, -1)) : Number(amount) * 1000;
  const sizeKib = (size: Size) => {
    try {
      const kib = size.toKibibytes({ rounding: 'none' as never });
      return Number.isFinite(kib) ? kib : NaN;
    } catch {
      return NaN;
    }
  };
  // the sizes in an "is greater" message are rendered by renderSize, unchanged: the test compares the rest
  const render = (size: Size) => size.asString();
  const problems: string[] = [];
  const cpuReq = resources.cpu?.request?.amount;
  const cpuLim = resources.cpu?.limit?.amount;
  for (const [label, amount] of [['cpu request', cpuReq], ['cpu limit', cpuLim]] as const) {
    if (amount !== undefined && !/^\d+(\.\d+)?m?$/.test(amount)) problems.push(`${label} ${JSON.stringify(amount)} is not a Kubernetes quantity (a finite amount)`);
    else if (amount !== undefined && !(cpuMillis(amount) > 0)) problems.push(`${label} ${JSON.stringify(amount)} is not a positive amount`);
  }
  if (cpuReq !== undefined && cpuLim !== undefined && cpuMillis(cpuReq) > cpuMillis(cpuLim)) problems.push(`cpu request ${cpuReq} is greater than the cpu limit ${cpuLim}`);
  for (const [label, pair] of [['memory', resources.memory], ['ephemeral-storage', resources.ephemeralStorage]] as const) {
    if (pair?.request && pair?.limit && sizeKib(pair.request) > sizeKib(pair.limit)) {
      problems.push(`${label} request ${render(pair.request)} is greater than the ${label} limit ${render(pair.limit)}`);
    }
    for (const [which, size] of [['request', pair?.request], ['limit', pair?.limit]] as const) {
      if (size && Number.isNaN(sizeKib(size))) problems.push(`${label} ${which} is not a finite amount`);
      else if (size && !(sizeKib(size) > 0)) problems.push(`${label} ${which} is not a positive amount`);
    }
  }
  return problems;
}

describe('resourceProblems written out reports what the loops over pairs reported, in the same order', () => {
  test('over a grid of cpu amounts and sizes, valid and not', () => {
    const cpus = [undefined, Cpu.millis(100), Cpu.millis(0), Cpu.units(2), Cpu.units(Infinity), Cpu.millis(2500)];
    const sizes = [undefined, Size.mebibytes(512), Size.gibibytes(1), Size.kibibytes(0), Size.gibibytes(Infinity), Size.mebibytes(NaN)];
    let compared = 0;
    let reported = 0;
    let seen = 0;
    for (const cpuRequest of cpus) {
      for (const cpuLimit of cpus) {
        for (const memRequest of sizes) {
          for (const memLimit of sizes) {
            // every memory pair with every cpu pair would be 1,296 cases; every third keeps each pair of each
            if ((++seen) % 3 !== 0) continue;
            const storage = sizes[(compared * 7) % sizes.length];
            const resources: ContainerResources = {
              cpu: cpuRequest || cpuLimit ? { request: cpuRequest, limit: cpuLimit } : undefined,
              memory: memRequest || memLimit ? { request: memRequest, limit: memLimit } : undefined,
              ephemeralStorage: storage ? { request: storage, limit: sizes[(compared * 3) % sizes.length] } : undefined,
            };
            const now = resourceProblems(resources);
            const before = resourceProblemsBefore(resources);
            // sizes in "is greater" messages are rendered by the library in both: compare the rest exactly
            expect(now.map(p => p.replace(/request \S+ is greater than the (\S+) limit \S+/, 'request ? is greater than the $1 limit ?')))
              .toEqual(before.map(p => p.replace(/request \S+ is greater than the (\S+) limit \S+/, 'request ? is greater than the $1 limit ?')));
            compared++;
            if (now.length > 0) reported++;
          }
        }
      }
    }
    expect(compared).toBe(cpus.length * cpus.length * sizes.length * sizes.length / 3);
    expect(reported).toBeGreaterThan(compared / 2);
    expect(resourceProblems({ memory: { request: Size.gibibytes(2), limit: Size.mebibytes(512) } }))
      .toEqual(['memory request 2Gi is greater than the memory limit 512Mi']);
  });
});

describe('ModelUri.s3() and gcs() parse only what follows their own scheme, with the result parse() gives (a bucket with ":" refused)', () => {
  // joinPath of src/model-uri.ts, as the factories build the URI
  const join = (first: string, rest?: string) => rest === undefined || rest === '' ? first : `${first}/${rest.replace(/^\/+/, '')}`;
  const fields = (u: ModelUri) => ({
    uri: u.uri, kind: u.kind, remoteName: u.remoteName, bucketAndPath: u.bucketAndPath, claimName: u.claimName, path: u.path, problem: u.problem,
  });
  const buckets = ['team', '', '/team', '//team', 'a:b', 'a,b', 'user:pw@host', ' team', 'team\u0001', '..', 'team.v1', 'pvc:x', ':s3'];
  const paths = [undefined, '', 'models/iris', '/models/iris', '../up', 'a/./b', 'x@y', 'x ', 'v1.2/model', '//'];

  test.each([['s3', ModelUri.s3], ['gs', ModelUri.gcs]] as const)('%s: every bucket and path of a grid', (scheme, factory) => {
    let problems = 0;
    for (const bucket of buckets) {
      for (const path of paths) {
        const built = factory(bucket, path);
        const parsed = ModelUri.parse(`${scheme}://${join(bucket, path)}`);
        if (bucket.includes(':')) {
          // No bucket name holds ":": a whole URI given as the bucket is refused, credentials first (as parse() refuses them).
          expect(built.problem).toMatch(parsed.problem?.includes('credentials') ? /carries credentials/ : /^bucket ".*" is not a bucket name|whitespace or control/);
        } else {
          expect(fields(built)).toEqual(fields(parsed));
        }
        if (built.problem) problems++;
      }
    }
    expect(problems).toBeGreaterThan(20);
    expect(problems).toBeLessThan(buckets.length * paths.length - 20);
  });
});

describe('the container-name check of a one-node graph is skipped only for names it cannot fault (oneNodeClear)', () => {
  test('every kind of node, server, protocol and a grid of names, lengths 1 to 63', () => {
    const names = ['a', 'classifier', 'seldon-container-engine', 'tfserving', 'tfserving-model-initializer', 'x-model-initializer', 'model-initializer',
      'seldon-container-engine-model-initializer', 'tfserving-', 'classifier-', ...Array.from({ length: 63 }, (_, i) => 'n'.repeat(i + 1)),
      ...Array.from({ length: 12 }, (_, i) => `${'m'.repeat(40 + 2 * i)}-`), ...Array.from({ length: 12 }, (_, i) => `${'k'.repeat(39 + 2 * i)}-x`)];
    const nodes = (name: string) => [
      PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'iris') }),
      PredictiveUnit.prepackaged({ name, server: PrepackagedServer.TENSORFLOW, modelUri: ModelUri.gcs('m', 'iris') }),
      PredictiveUnit.prepackaged({ name, server: PrepackagedServer.TRITON, modelUri: ModelUri.gcs('m', 'iris') }),
      PredictiveUnit.component({ name, unitType: PredictiveUnitType.MODEL, image: 'me/model:1' }),
      PredictiveUnit.builtIn({ name, implementation: BuiltInImplementation.SIMPLE_MODEL }),
    ];
    let clear = 0;
    let faulted = 0;
    for (const name of names) {
      for (const node of nodes(name)) {
        for (const protocol of [undefined, SeldonProtocol.SELDON, SeldonProtocol.TENSORFLOW, SeldonProtocol.V2]) {
          const all = allContainerNameProblems(node, protocol);
          if (oneNodeClear(node)) {
            clear++;
            expect({ name, all }).toEqual({ name, all: [] });
          } else if (all.length > 0) {
            faulted++;
          }
          expect(containerNameProblems(node, protocol)).toEqual(oneNodeClear(node) ? [] : all);
        }
      }
    }
    expect(clear).toBeGreaterThan(500);
    expect(faulted).toBeGreaterThan(40);
  });

  test('a graph of several nodes is always checked', () => {
    const leaf = (name: string) => PredictiveUnit.prepackaged({ name, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', name) });
    const graph = PredictiveUnit.builtIn({ name: 'combine', implementation: BuiltInImplementation.AVERAGE_COMBINER, children: [leaf('a'), leaf('a-model-initializer')] });
    expect(oneNodeClear(graph)).toBe(false);
    expect(containerNameProblems(graph).map(p => p.problem)).toEqual([
      '"a" gives the storage initializer of container "a" the name "a-model-initializer" ("a-model-initializer" cut to 63 characters, initializer.go), '
      + 'which is also the name of node "a-model-initializer"\'s container',
    ]);
  });
});

describe('a plain pod spec is written as JSON directly, exactly as k8s.toJson_PodSpec writes it (plainPodSpecJson)', () => {
  test('a grid of containers, env, resources and pod fields: the same JSON, keys in the same order, or the converter', () => {
    const q = (v: string) => k8s.Quantity.fromString(v);
    const resources: Array<k8s.ResourceRequirements | undefined> = [undefined, {}, { requests: { cpu: q('100m') } },
      { limits: { 'memory': q('1Gi'), 'nvidia.com/gpu': k8s.Quantity.fromNumber(1) }, requests: { memory: q('512Mi') } }, { limits: {} },
      { claims: [{ name: 'gpu' }] }, { requests: { cpu: undefined as never, memory: q('1Mi') } }];
    const envs: Array<k8s.EnvVar[] | undefined> = [undefined, [], [{ name: 'A', value: '1' }], [{ name: 'B' }, { name: 'C', value: '' }],
      [{ name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }], [{ name: 'A', value: '1', extra: 1 } as never]];
    const extras: Array<Partial<k8s.Container>> = [{}, { image: 'me/server:1' }, { ports: [{ containerPort: 80 }] }, { image: undefined, args: undefined }];
    const pods: Array<Partial<k8s.PodSpec>> = [{}, { serviceAccountName: undefined }, { serviceAccountName: 'runner' }, { volumes: [] }];
    let direct = 0;
    let converted = 0;
    for (const r of resources) {
      for (const env of envs) {
        for (const extra of extras) {
          for (const pod of pods) {
            for (const count of [0, 1, 2]) {
              const containers = Array.from({ length: count }, (_, i) => ({ name: `c${i}`, env, resources: r, ...extra }));
              const spec = { ...pod, containers } as k8s.PodSpec;
              const json = plainPodSpecJson(spec);
              if (json === undefined) {
                converted++;
              } else {
                direct++;
                expect(JSON.stringify(json)).toBe(JSON.stringify(k8s.toJson_PodSpec(spec)));
                expect(json).toStrictEqual(k8s.toJson_PodSpec(spec));
              }
            }
          }
        }
      }
    }
    expect(direct).toBeGreaterThan(200);
    expect(converted).toBeGreaterThan(200);
    // a container of another prototype (its getters are fields to the converter) goes to the converter
    class Getter { public get name() { return 'g'; } }
    expect(plainPodSpecJson({ containers: [new Getter() as unknown as k8s.Container] })).toBeUndefined();
  });
});
