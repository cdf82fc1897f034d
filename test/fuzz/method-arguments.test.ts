import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as lib from '../../src';
import { SIGNATURES } from '../../src/k8s/prop-shapes.generated';

/**
 * Every public method of the API, static and instance, called as a
 * JavaScript or jsii-language caller can: with a hostile value in every
 * argument. Whatever it does, it never fails with a TypeError or the
 * constructs library's words: it returns, or throws the house error naming
 * the argument and what is accepted.
 */
const HOSTILE: Array<[string, unknown]> = [
  ['42', 42], ['null', null], ['a plain object', { a: 1 }], ['an array', ['x']], ['true', true], ['a string', 'x y'], ['a function', () => 1],
];

/** One instance of each class whose instance methods take arguments, made in `chart`. */
function instances(chart: Construct): Record<string, unknown> {
  const iris = lib.ModelUri.gcs('seldon-models', 'sklearn/iris');
  const pipeline = new lib.Pipeline(chart, 'pipeline', { metadata: { name: 'p' } });
  const prepackaged = new lib.PrepackagedModel(chart, 'iris', { server: lib.PrepackagedServer.SKLEARN, modelUri: iris });
  return {
    Experiment: new lib.Experiment(chart, 'experiment', { candidates: [{ target: lib.ExperimentTarget.modelName('a'), weight: 50 }] }),
    Pipeline: pipeline,
    PipelineStep: pipeline.addStepForModelName('m'),
    PodPlacement: prepackaged.predictorPod('default').scheduling,
    PodSettings: prepackaged.predictorPod('default'),
    PrepackagedModel: prepackaged,
    SeldonDeployment: prepackaged,
    PrepackagedServer: lib.PrepackagedServer.SKLEARN,
    RcloneRemote: lib.RcloneRemote.s3(),
    RcloneSecret: new lib.RcloneSecret(chart, 'secret', { remotes: [lib.RcloneRemote.s3()] }),
    RcloneExternalSecret: new lib.RcloneExternalSecret(chart, 'external', {
      secretStore: { name: 'vault' },
      remotes: [lib.RcloneRemote.s3()],
      values: [{ remote: 's3', option: 'access_key_id', key: 'seldon/minio', property: 'accessKey' }],
    }),
    SeldonConfig: new lib.SeldonConfig(chart, 'config'),
    SeldonModel: new lib.SeldonModel(chart, 'model', { storageUri: iris, requirements: ['sklearn'] }),
    SeldonRuntime: new lib.SeldonRuntime(chart, 'runtime'),
    SeldonServer: new lib.SeldonServer(chart, 'server', { serverConfig: lib.ServerConfigRef.MLSERVER }),
    ServerConfig: new lib.ServerConfig(chart, 'server-config', {
      podSpec: { containers: [{ name: 'rclone', image: 'r' }, { name: 'agent', image: 'a' }, { name: 'mlserver', image: 's' }] },
    }),
  };
}

const METHODS = Object.entries(SIGNATURES)
  .filter(([member, params]) => member.includes('.') && params.length > 0)
  .map(([member, params]) => ({ member, className: member.split('.')[0], method: member.split('.')[1], params }));

/** The house error: `<Kind> '<path>': <field> <problem>; <accepted>`, or a factory's `<Class>.<method>() <argument> <problem>; <accepted>`. */
// The prefix is required: a message without the construct's path or the method's name fails the test.
const HOUSE = /^(?:\[[^\]]*\] )?(?:[A-Za-z]+(?: reference)? '[^']+': |[A-Za-z]+\.[A-Za-z]+\(\) )\S.* [^;]*; \S/s;

describe('hostile arguments to every public method', () => {
  test('the house-error pattern refuses what is not one', () => {
    expect(HOUSE.test('PrepackagedModel \'test/iris\': predictorPod() predictorName is the number 42; accepted: a string')).toBe(true);
    expect(HOUSE.test('RcloneRemote.matches() remoteName is null; accepted: a string')).toBe(true);
    expect(HOUSE.test('Cannot read properties of null (reading \'name\')')).toBe(false);
    expect(HOUSE.test('Only root constructs may have an empty ID')).toBe(false);
    expect(HOUSE.test('PrepackagedModel \'test/iris\': predictorPod() predictorName is wrong')).toBe(false);
  });

  test('the table lists the methods, and every class with instance methods has an instance here', () => {
    expect(METHODS.length).toBeGreaterThan(70);
    const made = instances(Testing.chart());
    const withInstanceMethods = new Set(METHODS.filter(m => typeof (lib as any)[m.className]?.[m.method] !== 'function').map(m => m.className));
    expect([...withInstanceMethods].filter(c => !(c in made))).toEqual([]);
  });

  test.each(HOSTILE)('every method, every argument %s: returns or throws the house error, never a TypeError', (_, value) => {
    const crashes: string[] = [];
    for (const { member, className, method, params } of METHODS) {
      const chart = Testing.chart();
      const cls = (lib as any)[className];
      const isStatic = typeof cls?.[method] === 'function';
      const target = isStatic ? cls : instances(chart)[className];
      if (typeof (target as any)?.[method] !== 'function') {
        crashes.push(`${member}: no such method`);
        continue;
      }
      const args = params.map((p, i) => (i === 0 && p.startsWith('scope:') ? chart : value));
      try {
        (target as any)[method](...args);
      } catch (e) {
        const message = (e as Error).message ?? String(e);
        if (e instanceof TypeError || e instanceof RangeError || !(e instanceof Error) || !HOUSE.test(message)) {
          crashes.push(`${member}(${args.map(a => (a === chart ? 'chart' : JSON.stringify(a) ?? String(a))).join(', ')}): ${(e as Error).constructor?.name}: ${message.split('\n')[0]}`);
        }
      }
    }
    expect(crashes).toEqual([]);
  });
});
