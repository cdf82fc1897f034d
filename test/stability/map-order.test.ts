import { Chart, Testing, Yaml } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-27';
import {
  ExplainerType, ModelUri, PrepackagedModel, PrepackagedServer, RcloneRemote, RcloneSecret, RcloneSecretFormat,
  SeldonModel, SeldonProtocol, SeldonRuntime,
} from '../../src';
import { sortedJson, sortedKeys } from '../../src/k8s/sorted-json';

/**
 * A map a user gives is written the same whatever order it holds its keys in (a record assembled another way, a
 * Java Map.of, whose order changes from one run to the next): where it becomes a list or a JSON string, its keys are
 * sorted, as cdk8s sorts the maps of a manifest. The env is the exception: a list in the order given.
 */

type Build = (chart: Chart, map: <T>(entries: Array<[string, T]>) => { [key: string]: T }) => void;

/** The manifests of a chart built by `build` with maps of the given entries, in that order or reversed. */
function synthWith(build: Build, reversed: boolean): any[] {
  const chart = Testing.chart();
  build(chart, entries => Object.fromEntries(reversed ? [...entries].reverse() : entries));
  return Testing.synth(chart);
}

/** The manifests for the maps' first order, after checking that both orders write the same YAML text. */
function sameInBothOrders(build: Build): any[] {
  const forward = synthWith(build, false);
  expect(Yaml.stringify(...synthWith(build, true))).toBe(Yaml.stringify(...forward));
  return forward;
}

describe('maps given in another order write the same manifest', () => {
  test('a v2 Model\'s parameters are listed by name', () => {
    const [model] = sameInBothOrders((chart, map) => new SeldonModel(chart, 'm', {
      metadata: { name: 'm' },
      storageUri: ModelUri.parse('gs://models/m'),
      requirements: ['sklearn'],
      parameters: map([['threshold', '0.5'], ['mode', 'fast'], ['batch', '8']]),
    }));
    expect(model.spec.parameters).toEqual([{ name: 'batch', value: '8' }, { name: 'mode', value: 'fast' }, { name: 'threshold', value: '0.5' }]);
  });

  test('a custom rclone remote\'s options are written in sorted order in a v2 document, in a Secret and in a SeldonConfig', () => {
    const options: Array<[string, string]> = [['provider', 'Ceph'], ['endpoint', 'http://ceph:7480'], ['env_auth', 'true']];
    const objects = sameInBothOrders((chart, map) => {
      new RcloneSecret(chart, 's', { metadata: { name: 's' }, format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.custom('ceph', 's3', map(options))] });
      new SeldonRuntime(chart, 'rt', { config: { rcloneRemotes: [RcloneRemote.custom('ceph', 's3', map(options))] } });
    });
    const document = '{"type":"s3","name":"ceph","parameters":{"endpoint":"http://ceph:7480","env_auth":"true","provider":"Ceph"}}';
    const secret = objects.find(o => o.kind === 'Secret');
    const runtime = objects.find(o => o.kind === 'SeldonRuntime');
    expect(secret.stringData).toEqual({ ceph: document });
    expect(runtime.spec.config.agentConfig.rclone.config).toEqual([document]);
    expect(Object.keys(RcloneRemote.custom('ceph', 's3', Object.fromEntries([...options].reverse())).options)).toEqual(['endpoint', 'env_auth', 'provider']);
  });

  test('the library\'s own remotes keep their fixed order (Seldon\'s sample order), as before', () => {
    expect(RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' }).toV2Document()).toEqual({
      type: 's3', name: 's3', parameters: { provider: 'minio', env_auth: 'false', access_key_id: 'a', secret_access_key: 'b', endpoint: 'http://minio:9000' },
    });
    expect(JSON.stringify(RcloneRemote.minio({ endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' }).toV2Document().parameters))
      .toBe('{"provider":"minio","env_auth":"false","access_key_id":"a","secret_access_key":"b","endpoint":"http://minio:9000"}');
  });

  test('a v1 explainer\'s initParameters are JSON with the keys of each object sorted', () => {
    const [sdep] = sameInBothOrders((chart, map) => new PrepackagedModel(chart, 'income', {
      metadata: { name: 'income' }, server: PrepackagedServer.SKLEARN, protocol: SeldonProtocol.V2, modelUri: ModelUri.gcs('seldon-models', 'sklearn/income/model'),
    }).withExplainer({
      explainerType: ExplainerType.ANCHOR_TABULAR,
      initParameters: map<unknown>([['threshold', 0.95], ['seed', 1], ['options', map([['tau', 0.15], ['batch_size', 100]])]]),
    }));
    expect(sdep.spec.predictors[0].explainer.initParameters).toBe('{"options":{"batch_size":100,"tau":0.15},"seed":1,"threshold":0.95}');
  });

  test('labels and annotations are maps, which cdk8s writes with sorted keys', () => {
    const yaml = Yaml.stringify(...sameInBothOrders((chart, map) => new SeldonModel(chart, 'm', {
      metadata: { name: 'm', labels: map([['team', 'a'], ['app', 'b']]), annotations: map([['z.io/x', '1'], ['a.io/y', '2']]) },
      storageUri: ModelUri.parse('gs://models/m'),
      requirements: ['sklearn'],
    })));
    expect(yaml.indexOf('app: b')).toBeLessThan(yaml.indexOf('team: a'));
    expect(yaml.indexOf('a.io/y')).toBeLessThan(yaml.indexOf('z.io/x'));
  });

  test('env stays in the order given: Kubernetes expands $(VAR) only from variables listed before it', () => {
    const env = (chart: Chart, names: string[]) => new PrepackagedModel(chart, 'iris', {
      metadata: { name: 'iris' },
      server: PrepackagedServer.SKLEARN,
      modelUri: ModelUri.gcs('seldon-models', 'sklearn/iris'),
      env: Object.fromEntries(names.map(n => [n, EnvValue.fromValue(n === 'URL' ? 'http://$(HOST)/v1' : 'x')])),
    });
    const names = (order: string[]) => {
      const chart = Testing.chart();
      env(chart, order);
      const sdep = Testing.synth(chart)[0];
      return sdep.spec.predictors[0].componentSpecs[0].spec.containers[0].env.map((e: { name: string }) => e.name);
    };
    expect(names(['HOST', 'URL'])).toEqual(['HOST', 'URL']);
    expect(names(['URL', 'HOST'])).toEqual(['URL', 'HOST']);
  });
});

describe('sortedJson', () => {
  test('sorts the keys of every plain object, keeps lists in order and writes what JSON.stringify writes otherwise', () => {
    expect(sortedJson({ b: [{ d: 1, c: 2 }], a: new Date(0), e: undefined })).toBe('{"a":"1970-01-01T00:00:00.000Z","b":[{"c":2,"d":1}]}');
    expect(sortedJson(JSON.parse('{"__proto__":1,"a":2}'))).toBe('{"__proto__":1,"a":2}');
    expect(sortedJson(undefined)).toBeUndefined();
  });

  test('sortedKeys copies one level, keeping a "__proto__" key as a key', () => {
    const copy = sortedKeys(JSON.parse('{"z":1,"__proto__":2}'));
    expect(Object.keys(copy)).toEqual(['__proto__', 'z']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});
