/**
 * The sixth round of synthesis work: the app-wide name check reads constructs 10's child records instead of the
 * array `node.children` copies on every read, the v2 check keeps one registry per app, and a Model's or Server's
 * autoscaler rules join its validations with its first autoscaler. Each is checked against the behaviour it replaces.
 */
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { HorizontalPodAutoscaler, Metric, MetricTarget, Secret } from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { ModelUri, PrepackagedModel, PrepackagedServer, SeldonModel, SeldonServer, ServerConfigRef } from '../../src';
import * as appTree from '../../src/k8s/app-tree';
import { readsChildRecords } from '../../src/k8s/child-records';
import { duplicateObjects } from '../../src/k8s/unique-names';
import { checkScheduling } from '../../src/v2/scheduling';
import { seededRandom } from '../seeded-random';

const IRIS = ModelUri.gcs('seldon-models', 'sklearn/iris');

/** Runs `f` with an enumerable key on Object.prototype, which a for-in over a child record would also visit. */
function withPollutedPrototype<T>(f: () => T): T {
  (Object.prototype as Record<string, unknown>).polluted = new Construct(new App(), 'stray');
  try {
    return f();
  } finally {
    delete (Object.prototype as Record<string, unknown>).polluted;
  }
}

/** What the name check would say when it walks with `node.children` (the same messages, from another walk). */
function viaChildrenArrays(app: IConstruct): string[] {
  return withPollutedPrototype(() => {
    expect(readsChildRecords(app)).toBe(false);
    return duplicateObjects(app);
  });
}

/** A random app: nested scopes with integer-like and other ids, plain objects, library constructs, repeated names, removals. */
function randomApp(seed: number): App {
  const next = seededRandom(seed);
  const app = Testing.app();
  const scopes: Construct[] = [];
  for (let c = 0; c < 1 + Math.floor(next() * 3); c++) scopes.push(new Chart(app, next() < 0.3 ? String(c) : `chart-${c}`, { namespace: next() < 0.5 ? 'a' : 'b' }));
  for (let i = 0; i < 40; i++) {
    const scope = scopes[Math.floor(next() * scopes.length)];
    const id = next() < 0.3 ? String(Math.floor(next() * 1000)) : `c${i}`;
    if (scope.node.tryFindChild(id)) continue;
    const name = `n${Math.floor(next() * 12)}`;
    const roll = next();
    if (roll < 0.25) scopes.push(new Construct(scope, id));
    else if (roll < 0.5) new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
    else if (roll < 0.7) new Secret(scope, id, { metadata: { name } });
    else new PrepackagedModel(scope, id, { metadata: { name }, server: PrepackagedServer.SKLEARN, modelUri: IRIS });
    if (next() < 0.05 && scope.node.children.length > 1) scope.node.tryRemoveChild(scope.node.children[0].node.id);
  }
  return app;
}

describe('the app-wide name check reads child records (src/k8s/unique-names.ts)', () => {
  test('with constructs 10.5 the records are read: they are the plain object node.children lists', () => {
    const app = Testing.app();
    expect(readsChildRecords(app)).toBe(true);
    const chart = new Chart(app, 'c');
    new Construct(chart, '7');
    new Construct(chart, 'x');
    new Construct(chart, '2');
    expect(readsChildRecords(app)).toBe(true);
    expect(readsChildRecords(chart)).toBe(true);
  });

  test('over 60 random apps, the records walk and the node.children walk report the same messages in the same order', () => {
    let reported = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const records = duplicateObjects(randomApp(seed));
      expect(records).toEqual(viaChildrenArrays(randomApp(seed)));
      if (records.length > 0) reported++;
    }
    // the grid holds both answers
    expect(reported).toBeGreaterThan(10);
    expect(reported).toBeLessThan(60);
  });

  test('a polluted Object.prototype is never taken for a child: the walk falls back and still finds the duplicate', () => {
    const chart = Testing.chart();
    new Secret(chart, 'a', { metadata: { name: 'creds' } });
    new Secret(chart, 'b', { metadata: { name: 'creds' } });
    expect(viaChildrenArrays(chart.node.root)).toEqual([expect.stringContaining("Secret 'test/b': metadata.name \"creds\" is also the name of Secret 'test/a'")]);
  });
});

describe('a Model\'s or Server\'s autoscaler rules join its validations with its first autoscaler (src/v2/autoscaling/scale-target.ts)', () => {
  const validations = (c: IConstruct) => (c.node as unknown as { _validations?: unknown[] })._validations?.length ?? 0;

  test('none without an autoscaler; one with the first; the rules of one and two autoscalers hold', () => {
    const chart = Testing.chart();
    const model = new SeldonModel(chart, 'm', { metadata: { name: 'm' }, storageUri: IRIS, minReplicas: 1 });
    const before = validations(model);
    const hpa = (id: string) => new HorizontalPodAutoscaler(chart, id, {
      target: model, maxReplicas: 4, metrics: [Metric.object({ object: model, name: 'infer_rps', target: MetricTarget.averageValue(5) })],
    });
    hpa('one');
    expect(validations(model)).toBe(before + 1);
    expect(() => Testing.synth(chart)).toThrow(/minReplicas is set while a HorizontalPodAutoscaler scales the object/);
    hpa('two');
    expect(validations(model)).toBe(before + 1);
    expect(() => Testing.synth(chart)).toThrow(/autoscaler is one of 2 HorizontalPodAutoscalers of the object/);
  });

  test('its messages follow the owner\'s own: a Model\'s Secret check, then the autoscaler rules', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'ns' });
    const elsewhere = new Secret(new Chart(app, 'o', { namespace: 'other' }), 's', { metadata: { name: 'creds' } });
    const model = new SeldonModel(chart, 'm', { metadata: { name: 'm' }, storageUri: IRIS, secret: elsewhere, minReplicas: 1 });
    new HorizontalPodAutoscaler(chart, 'hpa', { target: model, maxReplicas: 4, metrics: [Metric.object({ object: model, name: 'infer_rps', target: MetricTarget.averageValue(5) })] });
    const messages = model.node.validate();
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^SeldonModel 'c\/m': secret .*"other"/);
    expect(messages[1]).toMatch(/minReplicas is set while a HorizontalPodAutoscaler scales the object/);
  });

  test('a Server the same way', () => {
    const chart = Testing.chart();
    const server = new SeldonServer(chart, 's', { metadata: { name: 's' }, serverConfig: ServerConfigRef.MLSERVER, maxReplicas: 3 });
    const before = validations(server);
    new HorizontalPodAutoscaler(chart, 'hpa', { target: server, maxReplicas: 4 });
    expect(validations(server)).toBe(before + 1);
    expect(() => Testing.synth(chart)).toThrow(/maxReplicas is set while a HorizontalPodAutoscaler scales the object/);
  });
});

describe('the v2 check keeps one registry per app (src/v2/scheduling.ts)', () => {
  test('apps do not see each other\'s constructs, and a removed construct leaves its app\'s check', () => {
    const one = Testing.app();
    const two = Testing.app();
    const a = new Chart(one, 'a');
    const b = new Chart(two, 'b');
    new SeldonServer(a, 's', { metadata: { name: 's' }, serverConfig: ServerConfigRef.MLSERVER });
    new SeldonModel(a, 'm', { metadata: { name: 'm' }, storageUri: IRIS, requirements: ['sklearn'] });
    new SeldonModel(b, 'gpu', { metadata: { name: 'gpu' }, storageUri: IRIS, requirements: ['no-such-capability'] });
    new SeldonServer(b, 's', { metadata: { name: 's' }, serverConfig: ServerConfigRef.MLSERVER });
    expect(checkScheduling(one)).toEqual([]);
    expect(checkScheduling(two)).toEqual([expect.stringContaining("SeldonModel 'b/gpu'")]);
    b.node.tryRemoveChild('gpu');
    expect(checkScheduling(two)).toEqual([]);
  });

  test('a removed model is seen through the public API too (another constructs, a polluted prototype)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    new SeldonServer(chart, 's', { metadata: { name: 's' }, serverConfig: ServerConfigRef.MLSERVER });
    new SeldonModel(chart, 'gpu', { metadata: { name: 'gpu' }, storageUri: IRIS, requirements: ['no-such-capability'] });
    withPollutedPrototype(() => {
      expect(readsChildRecords(app)).toBe(false);
      expect(checkScheduling(app)).toEqual([expect.stringContaining("SeldonModel 'c/gpu'")]);
      chart.node.tryRemoveChild('gpu');
      expect(checkScheduling(app)).toEqual([]);
    });
  });
});

describe('the app-wide checks share one walk of the tree per validation pass (src/k8s/app-checks.ts)', () => {
  test('the name check and the ordering check of an app walk it once per pass, and their messages keep their order', () => {
    const chart = Testing.chart();
    const creds = new Secret(chart, 'creds', { metadata: { name: 'creds' } });
    new PrepackagedModel(chart, 'm', { metadata: { name: 'm' }, server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('b', 'm'), credentials: creds });
    new Secret(chart, 'again', { metadata: { name: 'creds' } });
    const walk = jest.spyOn(appTree, 'walkApp');
    try {
      // One chart: cdk8s validates the app twice in Testing.synth (the chart's synth, and once more for the app).
      const passes = jest.spyOn(chart.node.root.node.findChild('cdk8s-seldon.checks').node, 'validate');
      expect(() => Testing.synth(chart)).toThrow(/Secret 'test\/again': metadata.name "creds" is also the name of Secret 'test\/creds'/);
      expect(passes.mock.calls.length).toBeGreaterThan(0);
      expect(walk).toHaveBeenCalledTimes(passes.mock.calls.length);
    } finally {
      walk.mockRestore();
    }
  });
});
