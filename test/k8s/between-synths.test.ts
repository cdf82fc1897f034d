// A synth reports what a fresh app built in the same final state reports, however the app got there: the app-wide
// checks keep answers between validation passes and synths (src/v2/scheduling.ts, src/k8s/unique-names.ts,
// src/k8s/depend-on.ts, SeldonDeployment's own rules, deferred prop problems), and every mutation made after one synth
// must reach the next. The oracle: the same operations applied to a fresh app with no synth in between, and to another
// app that synthesizes at random points on the way; both end with the same messages and the same manifests.
import { App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Deployment, k8s } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import {
  ModelUri, Pipeline, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, SeldonDeployment,
  SeldonModel, SeldonRuntime, SeldonServer, ServerConfig, ServerConfigRef,
} from '../../src';
import { seededRandom } from '../seeded-random';

const CAPABILITIES = ['sklearn', 'gpu', 'pvc', 'fast'];
const NAMES = ['alpha', 'beta', 'gamma'];
const MINIO = RcloneRemote.minio({ name: 'minio', endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' });
const S3 = RcloneRemote.s3({ envAuth: true });
const URIS = [ModelUri.gcs('seldon-models', 'iris'), ModelUri.parse('minio://models/iris'), ModelUri.s3('models', 'iris')];
const PORT_PATCH = JsonPatch.add('/spec/predictors/0/componentSpecs/0/spec/containers/0/ports/-', { name: 'extra', containerPort: 6001 });

function configPod(): k8s.PodSpec {
  return {
    containers: [{ name: 'rclone', image: 'seldonio/seldon-rclone:2.10.2' }, { name: 'agent', image: 'seldonio/seldon-agent:2.10.2' },
      { name: 'mlserver', image: 'seldonio/mlserver:1.6.1' }],
  };
}

/** What the operations build, by kind, in order of creation (a failed construction leaves no entry). */
interface World {
  readonly app: App;
  readonly charts: Chart[];
  readonly servers: SeldonServer[];
  readonly configs: ServerConfig[];
  readonly models: SeldonModel[];
  readonly secrets: RcloneSecret[];
  readonly deployments: SeldonDeployment[];
  readonly pipelines: Pipeline[];
  readonly all: IConstruct[];
  /** What each operation threw, in order. */
  readonly thrown: string[];
}

type Operation = (w: World) => void;

/** The first `n` random picks of `seed` as a list of operations, each picking among what exists when it runs. */
function operations(seed: number, n: number): Operation[] {
  const next = seededRandom(seed);
  const ops: Operation[] = [];
  for (let i = 0; i < n; i++) {
    // Each operation draws its numbers now, so both apps see the same ones.
    const r = [next(), next(), next(), next(), next()];
    const at = <T>(list: readonly T[], k: number): T | undefined => (list.length === 0 ? undefined : list[Math.floor(r[k] * list.length)]);
    const id = `x${Math.floor(r[1] * 4)}`;
    const kind = Math.floor(next() * 17);
    const name = r[2] < 0.3 ? { name: at(NAMES, 3)! } : {};
    const caps = CAPABILITIES.filter((_, j) => Math.floor(r[3] * 16 / 2 ** j) % 2 === 1);
    ops.push(w => {
      const chart = at(w.charts, 0);
      switch (kind) {
        case 0: w.charts.push(new Chart(w.app, `c${w.charts.length}`, { namespace: r[1] < 0.5 ? 'a' : 'b' })); return;
        case 1: if (chart) w.servers.push(new SeldonServer(chart, id, { extraCapabilities: caps, metadata: name })); return;
        case 2: at(w.servers, 1)?.addCapability(at(CAPABILITIES, 2)!); return;
        case 3: {
          if (!chart) return;
          const config = new ServerConfig(chart, `cfg-${id}`, { capabilities: caps.length ? caps : ['sklearn'], podSpec: configPod() });
          w.configs.push(config);
          if (r[4] < 0.5) w.servers.push(new SeldonServer(chart, `on-${id}`, { serverConfig: ServerConfigRef.fromServerConfig(config) }));
          else SeldonServer.fromServerName(chart, `ref-${id}`, 'existing', { serverConfig: ServerConfigRef.fromServerConfig(config) });
          return;
        }
        case 4: at(w.configs, 1)?.addCapability(at(CAPABILITIES, 2)!); return;
        case 5: {
          if (!chart) return;
          const server = r[4] < 0.3 ? at(w.servers, 2) : undefined;
          w.models.push(new SeldonModel(chart, `m-${id}`, {
            storageUri: at(URIS, 2)!,
            requirements: caps,
            server,
            secret: r[4] > 0.8 ? at(w.secrets, 3) : undefined,
            metadata: { ...name, labels: r[4] > 0.9 ? { 'not a key': 'x' } : undefined },
          }));
          return;
        }
        case 6: at(w.models, 1)?.addRequirement(at(CAPABILITIES, 2)!); return;
        case 7: (r[4] < 0.5 ? at(w.models, 1) : at(w.servers, 1))?.markHasAutoscaler(); return;
        case 8: {
          const victim = at(w.all, 1);
          victim?.node.scope?.node.tryRemoveChild(victim.node.id);
          return;
        }
        case 9: if (chart) w.secrets.push(new RcloneSecret(chart, `s-${id}`, { metadata: name, remotes: r[4] < 0.5 ? [S3] : [] })); return;
        case 10: at(w.secrets, 1)?.addRemote(r[4] < 0.5 ? MINIO : S3); return;
        case 11: {
          if (!chart) return;
          w.deployments.push(new PrepackagedModel(chart, `pm-${id}`, {
            server: PrepackagedServer.SKLEARN, modelUri: at(URIS, 2)!, credentials: at(w.secrets, 3), metadata: { ...name, labels: r[4] > 0.85 ? { 'bad key': 'x' } : undefined },
          }));
          return;
        }
        case 12: {
          const d = at(w.deployments, 1);
          if (d instanceof PrepackagedModel) {
            if (r[4] < 0.5) d.withCanary({ modelUri: at(URIS, 2)!, traffic: 10, predictorName: `canary-${id}` });
            else d.withShadow({ modelUri: at(URIS, 2)!, predictorName: `shadow-${id}` });
          } else {
            d?.addPredictor({ name: `p-${id}`, graph: PredictiveUnit.prepackaged({ name: 'b', server: PrepackagedServer.SKLEARN, modelUri: at(URIS, 2)! }) });
          }
          return;
        }
        case 13: {
          if (!chart) return;
          const graph = PredictiveUnit.component({
            name: 'a',
            unitType: PredictiveUnitType.TRANSFORMER,
            image: 'example.com/t:1',
            httpPort: 7000,
            children: [PredictiveUnit.prepackaged({ name: 'b', server: PrepackagedServer.SKLEARN, modelUri: at(URIS, 2)! })],
          });
          w.deployments.push(new SeldonDeployment(chart, `sd-${id}`, { metadata: name, predictors: [{ name: 'p', graph }] }));
          return;
        }
        case 14: at(w.deployments.filter(d => !(d instanceof PrepackagedModel)), 1)?.apiObject.addJsonPatch(PORT_PATCH); return;
        case 15: {
          if (!chart) return;
          const pipeline = new Pipeline(chart, `pl-${id}`);
          w.pipelines.push(pipeline);
          const model = at(w.models, 2);
          if (model) pipeline.addStep(model);
          return;
        }
        default: {
          const p = at(w.pipelines, 1);
          const model = at(w.models, 2);
          if (p && model) p.addStep(model);
        }
      }
    });
  }
  return ops;
}

function world(): World {
  return { app: Testing.app(), charts: [], servers: [], configs: [], models: [], secrets: [], deployments: [], pipelines: [], all: [], thrown: [] };
}

/** Applies `op`, recording what it threw and every construct it made. */
function apply(w: World, op: Operation): void {
  const before = new Set(w.app.node.findAll());
  try {
    op(w);
  } catch (e) {
    w.thrown.push((e as Error).message);
  }
  for (const c of w.app.node.findAll()) if (!before.has(c) && c.node.id !== 'Resource') w.all.push(c);
}

/** What a synth says: the YAML, or the message it failed with. */
function synth(app: App): string {
  try {
    return app.synthYaml();
  } catch (e) {
    return (e as Error).message;
  }
}

describe('a synth after changes reports what a fresh app in the final state reports', () => {
  test('in 90 random apps, synthesized at random points on the way or only at the end: the same messages and manifests', () => {
    let failed = 0;
    for (let seed = 1; seed <= 90; seed++) {
      const ops = operations(seed, 30);
      const fresh = world();
      const stepped = world();
      const next = seededRandom(seed * 7919);
      for (const op of ops) {
        apply(fresh, op);
        apply(stepped, op);
        if (next() < 0.25) synth(stepped.app);
      }
      const expected = synth(fresh.app);
      expect({ seed, thrown: stepped.thrown, result: synth(stepped.app) }).toEqual({ seed, thrown: fresh.thrown, result: expected });
      if (expected.startsWith('Validation failed')) failed++;
    }
    // Both outcomes are exercised: apps that pass and apps that fail their checks.
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(85);
  });

  test('two apps built interleaved, sharing value objects, each report what they report when built alone', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const [a, b] = [operations(seed, 25), operations(seed + 1000, 25)];
      const alone = [world(), world()];
      a.forEach(op => apply(alone[0], op));
      b.forEach(op => apply(alone[1], op));
      const together = [world(), world()];
      for (let i = 0; i < 25; i++) {
        apply(together[0], a[i]);
        if (i % 9 === 4) synth(together[1].app);
        apply(together[1], b[i]);
        if (i % 7 === 3) synth(together[0].app);
      }
      expect({ seed, a: synth(together[0].app), b: synth(together[1].app) }).toEqual({ seed, a: synth(alone[0].app), b: synth(alone[1].app) });
    }
  });
});


describe('what no synth in between could show: a construct\'s state as it is at synth, not as it was', () => {
  const labelProblem = (key: string) => new RegExp(`metadata.labels key "${key}" is not a qualified name`);

  test.each([
    ['SeldonModel', (scope: Chart, labels: Record<string, string>) => new SeldonModel(scope, 'm', { storageUri: URIS[0], metadata: { labels } })],
    ['PrepackagedModel (props checked before super())', (scope: Chart, labels: Record<string, string>) =>
      new PrepackagedModel(scope, 'm', { server: PrepackagedServer.SKLEARN, modelUri: URIS[0], metadata: { labels } })],
    ['RcloneSecret (props checked before super())', (scope: Chart, labels: Record<string, string>) =>
      new RcloneSecret(scope, 'm', { remotes: [S3], metadata: { labels } })],
  ])('%s taken out and made again at its path: the new one\'s deferred problems are reported, the old one\'s are not', (_, make) => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'a' });
    make(chart, { 'first bad': 'x' });
    expect(() => app.synthYaml()).toThrow(labelProblem('first bad'));
    expect(chart.node.tryRemoveChild('m')).toBe(true);
    make(chart, { 'second bad': 'x' });
    expect(() => app.synthYaml()).toThrow(labelProblem('second bad'));
    expect(() => app.synthYaml()).not.toThrow(labelProblem('first bad'));
    expect(chart.node.tryRemoveChild('m')).toBe(true);
    make(chart, { fine: 'x' });
    expect(app.synthYaml()).toContain('fine: x');
  });

  test('a Server reference reads its ServerConfig\'s capabilities at synth: one added after the reference is made counts', () => {
    const chart = Testing.chart();
    const config = new ServerConfig(chart, 'config', { capabilities: ['sklearn'], podSpec: configPod() });
    SeldonServer.fromServerName(chart, 'existing', 'existing', { serverConfig: ServerConfigRef.fromServerConfig(config) });
    new SeldonModel(chart, 'model', { storageUri: URIS[0], requirements: ['gpu'] });
    config.addCapability('gpu');
    expect(Testing.synth(chart).map(o => o.kind)).toContain('Model');
  });

  test('a Model\'s hasAutoscaler set by hand counts as little before a synth as after one: markHasAutoscaler() is the state the checks read', () => {
    const build = (synthFirst: boolean): string => {
      const app = Testing.app();
      const chart = new Chart(app, 'c', { namespace: 'a' });
      new SeldonRuntime(chart, 'runtime');
      const server = new SeldonServer(chart, 'server');
      server.markHasAutoscaler();
      const model = new SeldonModel(chart, 'model', { storageUri: URIS[0], server });
      if (synthFirst) synth(app);
      model.hasAutoscaler = true;
      return synth(app);
    };
    expect(build(false)).toMatch(/SeldonServer 'c\/server': autoscaler is a HorizontalPodAutoscaler while no model pinned to the Server has one/);
    expect(build(true)).toBe(build(false));
  });

  test('a JSON patch added after a synth is read by the rules that read the manifest: a port, a Deployment name', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'a' });
    const graph = PredictiveUnit.component({
      name: 'a',
      unitType: PredictiveUnitType.TRANSFORMER,
      image: 'example.com/t:1',
      httpPort: 7000,
      children: [PredictiveUnit.prepackaged({ name: 'b', server: PrepackagedServer.SKLEARN, modelUri: URIS[0] })],
    });
    const sd = new SeldonDeployment(chart, 'sd', { metadata: { name: 'sd' }, predictors: [{ name: 'p', graph }] });
    new Deployment(chart, 'other', { metadata: { name: 'sd-x-0-a-b' }, containers: [{ image: 'example.com/other:1' }] });
    app.synthYaml();
    sd.apiObject.addJsonPatch(PORT_PATCH);
    expect(() => app.synthYaml()).toThrow(/predictors put port 6001 on containers "a" \(extra\) and "b" \(metrics\)/);
    sd.apiObject.addJsonPatch(JsonPatch.replace('/spec/predictors/0/name', 'x'));
    expect(() => app.synthYaml()).toThrow(/makes the Seldon operator create a Deployment named "sd-x-0-a-b" \(a Deployment of its pods\), which is also the name of Deployment 'c\/other'/);
  });
});
