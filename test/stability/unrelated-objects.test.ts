import { ApiObject, Chart, Testing, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { ModelUri, Pipeline, RcloneRemote, RcloneSecret, RcloneSecretFormat, SeldonModel, SeldonServer, ServerConfigRef } from '../../src';
import { seededRandom } from '../seeded-random';

/**
 * What a reviewer of the committed YAML relies on: an object added to the app, referring to nothing already there,
 * adds its own text and moves no other object. The library declares a dependency (which lets cdk8s move an object)
 * only where tree order would not write a Secret, Server or Model first; adding an unrelated object never changes that.
 */

type Kind = 'configmap' | 'secret' | 'model' | 'pipeline' | 'dependency';
interface Step {
  readonly kind: Kind;
  /** Index of the scope (created at the start, in order) the object goes in. */
  readonly scope: number;
  /** The step whose object this one names (a model its Secret, a pipeline its model, a user's dependency its target). */
  readonly ref?: number;
}

function randomApp(seed: number): { scopes: number; steps: Step[] } {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const scopes = 1 + pick(4);
  const steps: Step[] = [];
  for (let n = 3 + pick(8); steps.length < n;) {
    const of = (kind: Kind) => steps.map((s, i) => (s.kind === kind ? i : -1)).filter(i => i >= 0);
    const [secrets, models] = [of('secret'), of('model')];
    const roll = random();
    const scope = pick(scopes);
    if (roll < 0.2) steps.push({ kind: 'configmap', scope });
    else if (roll < 0.4) steps.push({ kind: 'secret', scope });
    else if (roll < 0.75) steps.push({ kind: 'model', scope, ref: secrets.length && random() < 0.8 ? secrets[pick(secrets.length)] : undefined });
    else if (roll < 0.92 && models.length) steps.push({ kind: 'pipeline', scope, ref: models[pick(models.length)] });
    else if (steps.length) steps.push({ kind: 'dependency', scope, ref: pick(steps.length) });
  }
  return { scopes, steps };
}

/** The app of `steps`, with `extra` (an object naming nothing) made at position `at`: its objects' names, in output order. */
function synth(scopes: number, steps: Step[], extra?: { kind: Kind; scope: number; at: number }): string[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'seldon-mesh' });
  SeldonServer.fromServerName(chart, 'mlserver', 'mlserver', { serverConfig: ServerConfigRef.MLSERVER, replicas: 1 });
  const inScope = Array.from({ length: scopes }, (_, i) => new Construct(chart, `scope${i}`));
  const made: any[] = [];
  const make = (step: Step, id: string): any => {
    const scope = inScope[step.scope];
    const target = step.ref === undefined ? undefined : made[step.ref];
    switch (step.kind) {
      case 'configmap': return new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id } });
      case 'secret': return new RcloneSecret(scope, id, { metadata: { name: id }, format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3({ name: 's3', envAuth: true })] });
      case 'model': return new SeldonModel(scope, id, { metadata: { name: id }, storageUri: ModelUri.parse('s3://bucket/iris'), secret: target, requirements: ['sklearn'] });
      case 'pipeline': {
        const pipeline = new Pipeline(scope, id, { metadata: { name: id } });
        pipeline.addOutput(pipeline.addStep(target));
        return pipeline;
      }
      case 'dependency': {
        const object = new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id } });
        object.node.addDependency(target);
        return object;
      }
    }
  };
  steps.forEach((step, i) => {
    if (extra?.at === i) make(extra, 'extra');
    made[i] = make(step, `o${i}`);
  });
  if (extra?.at === steps.length) make(extra, 'extra');
  return Testing.synth(chart).map(o => o.metadata.name);
}

describe('an unrelated object moves no other object', () => {
  test('in random apps of Secrets, Models, Pipelines, ConfigMaps and dependencies of the user\'s, wherever it is added', () => {
    let cases = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { scopes, steps } = randomApp(seed);
      const before = synth(scopes, steps);
      const random = seededRandom(seed * 7919);
      for (const kind of ['configmap', 'secret', 'model'] as const) {
        const after = synth(scopes, steps, { kind, scope: Math.floor(random() * scopes), at: Math.floor(random() * (steps.length + 1)) });
        expect({ seed, kind, order: after.filter(n => n !== 'extra') }).toEqual({ seed, kind, order: before });
        cases++;
      }
    }
    expect(cases).toBe(180);
  });

  test('the same program synthesizes the same text twice, in one process', () => {
    const yaml = () => {
      const chart = new Chart(Testing.app(), 'test', { namespace: 'seldon-mesh' });
      const secret = new RcloneSecret(chart, 's3', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3({ name: 's3', envAuth: true })] });
      const model = new SeldonModel(chart, 'iris', { storageUri: ModelUri.parse('s3://bucket/iris'), secret, requirements: ['sklearn'], parameters: { b: '1', a: '2' } });
      const pipeline = new Pipeline(chart, 'pipeline');
      pipeline.addOutput(pipeline.addStep(model));
      return Yaml.stringify(...Testing.synth(chart));
    };
    const first = yaml();
    expect(yaml()).toBe(first);
    expect(first).toContain('name: test-iris-c8');
  });
});
