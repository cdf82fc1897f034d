import * as fs from 'fs';
import { ApiObject, App, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import { Cpu, EnvValue, Secret, ServiceAccount } from 'cdk8s-plus-27';
import {
  ModelParameter, ModelUri, PrepackagedModel, PrepackagedModelProps, PrepackagedServer,
  RcloneRemote, RcloneSecret, RcloneSecretFormat, SeldonProtocol,
} from '../../src';
import { tempDir } from '../temp-dir';

const IRIS = ModelUri.gcs('seldon-models', 'v1.18.0-dev/sklearn/iris');

function synthOne(props: Partial<PrepackagedModelProps> = {}) {
  const chart = Testing.chart();
  new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, ...props });
  return Testing.synth(chart).find(o => o.kind === 'SeldonDeployment');
}

function build(props: Partial<PrepackagedModelProps>, scope?: Chart) {
  return () => new PrepackagedModel(scope ?? Testing.chart(), 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, ...props });
}

describe('PrepackagedModel', () => {
  test('defaults', () => {
    const sdep = synthOne();
    expect(sdep.apiVersion).toBe('machinelearning.seldon.io/v1');
    expect(sdep.kind).toBe('SeldonDeployment');
    expect(sdep.metadata.name).toMatch(/^test-iris-[0-9a-f]{8}$/);
    expect(sdep.metadata.namespace).toBeUndefined();
    expect(sdep.spec.protocol).toBeUndefined();
    expect(sdep.spec.predictors).toEqual([{
      name: 'default',
      replicas: 1,
      graph: { name: 'classifier', implementation: 'SKLEARN_SERVER', modelUri: 'gs://seldon-models/v1.18.0-dev/sklearn/iris' },
    }]);
    expect(sdep).toMatchSnapshot();
  });

  test('exposes its name, object and settings', () => {
    const chart = Testing.chart();
    const model = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.XGBOOST, modelUri: IRIS, metadata: { name: 'xgb' } });
    expect(model.name).toBe('xgb');
    expect(model.apiObject).toBe(ApiObject.of(model));
    expect(model.predictorName).toBe('default');
    expect(model.graphName).toBe('classifier');
    expect(model.replicas).toBe(1);
    expect(model.server.implementation).toBe('XGBOOST_SERVER');
  });

  test('every prop is rendered', () => {
    const sdep = synthOne({
      metadata: { name: 'iris', labels: { app: 'iris' }, annotations: { team: 'ml' } },
      protocol: SeldonProtocol.V2,
      replicas: 3,
      predictorName: 'main',
      graphName: 'iris-model',
      storageInitializerImage: 'example.com/rclone-initializer:1.0',
      // HUGGINGFACE: the one MLServer runtime that reads parameters (MLServer 1.3.5), with a field of each type
      server: PrepackagedServer.HUGGINGFACE,
      parameters: [ModelParameter.stringValue('task', 'text-classification'), ModelParameter.intValue('device', 0), ModelParameter.boolValue('optimum_model', true)],
      env: { LOG_LEVEL: EnvValue.fromValue('DEBUG') },
      image: 'example.com/mlserver:1.3.5-huggingface',
      resources: { cpu: { request: Cpu.millis(250), limit: Cpu.units(2) }, memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) } },
    });
    expect(sdep.metadata).toEqual({ name: 'iris', labels: { app: 'iris' }, annotations: { team: 'ml' } });
    expect(sdep.spec.protocol).toBe('v2');
    const predictor = sdep.spec.predictors[0];
    expect(predictor.name).toBe('main');
    expect(predictor.replicas).toBe(3);
    expect(predictor.graph).toEqual({
      name: 'iris-model',
      implementation: 'HUGGINGFACE_SERVER',
      modelUri: 'gs://seldon-models/v1.18.0-dev/sklearn/iris',
      storageInitializerImage: 'example.com/rclone-initializer:1.0',
      parameters: [
        { name: 'task', value: 'text-classification', type: 'STRING' },
        { name: 'device', value: '0', type: 'INT' },
        { name: 'optimum_model', value: 'true', type: 'BOOL' },
      ],
    });
    expect(predictor.componentSpecs).toEqual([{
      spec: {
        containers: [{
          name: 'iris-model',
          image: 'example.com/mlserver:1.3.5-huggingface',
          env: [{ name: 'LOG_LEVEL', value: 'DEBUG' }],
          resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } },
        }],
      },
    }]);
  });

  test('env from a Secret key stays a reference', () => {
    const chart = Testing.chart();
    const token = Secret.fromSecretName(chart, 'token', 'hf-token');
    new PrepackagedModel(chart, 'llm', {
      server: PrepackagedServer.HUGGINGFACE,
      protocol: SeldonProtocol.V2,
      parameters: [ModelParameter.stringValue('task', 'text-generation'), ModelParameter.stringValue('pretrained_model', 'distilgpt2')],
      env: { HF_TOKEN: EnvValue.fromSecretValue({ secret: token, key: 'token' }) },
    });
    const [sdep] = Testing.synth(chart);
    expect(sdep.spec.predictors[0].graph.modelUri).toBeUndefined();
    expect(sdep.spec.predictors[0].componentSpecs[0].spec.containers[0].env).toEqual([
      { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-token', key: 'token' } } },
    ]);
  });

  test('namespace and labels come from the chart; metadata wins', () => {
    const app = new App();
    const chart = new Chart(app, 'models', { namespace: 'seldon', labels: { team: 'ml' } });
    new PrepackagedModel(chart, 'a', { server: PrepackagedServer.SKLEARN, modelUri: IRIS });
    new PrepackagedModel(chart, 'b', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, metadata: { namespace: 'other' } });
    const [a, b] = Testing.synth(chart);
    expect(a.metadata.namespace).toBe('seldon');
    expect(a.metadata.labels).toEqual({ team: 'ml' });
    expect(b.metadata.namespace).toBe('other');
  });

  test('two instances in one chart get distinct names', () => {
    const chart = Testing.chart();
    new PrepackagedModel(chart, 'a', { server: PrepackagedServer.SKLEARN, modelUri: IRIS });
    new PrepackagedModel(chart, 'b', { server: PrepackagedServer.XGBOOST, modelUri: IRIS });
    const out = Testing.synth(chart);
    expect(out).toHaveLength(2);
    expect(new Set(out.map(o => o.metadata.name)).size).toBe(2);
  });

  test('escape hatch: a JSON patch on the SeldonDeployment shows in the output', () => {
    const chart = Testing.chart();
    const model = new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS });
    ApiObject.of(model).addJsonPatch(
      JsonPatch.add('/spec/annotations', { 'seldon.io/engine-separate-pod': 'true' }),
      JsonPatch.add('/spec/predictors/0/graph/logger', { mode: 'all' }),
    );
    const [sdep] = Testing.synth(chart);
    expect(sdep.spec.annotations).toEqual({ 'seldon.io/engine-separate-pod': 'true' });
    expect(sdep.spec.predictors[0].graph.logger).toEqual({ mode: 'all' });
  });

  test('the credentials Secret is written before the SeldonDeployment', () => {
    const chart = Testing.chart();
    const secret = new RcloneSecret(chart, 'creds', { metadata: { name: 'creds' } });
    new PrepackagedModel(chart, 'a-model', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('models', 'iris'), credentials: secret });
    // Added after the model: ordering comes from the dependency, not the tree.
    secret.addRemote(RcloneRemote.s3({ envAuth: true }));
    const out = Testing.synth(chart);
    expect(out.map(o => o.kind)).toEqual(['Secret', 'SeldonDeployment']);
    expect(out[1].spec.predictors[0].graph.envSecretRefName).toBe('creds');
  });

  test('HUGGINGFACE needs no modelUri', () => {
    // its task (MLServer 1.3.5 HuggingFaceSettings) names a hub model to load instead
    expect(() => synthOne({
      server: PrepackagedServer.HUGGINGFACE,
      protocol: SeldonProtocol.V2,
      modelUri: undefined,
      parameters: [ModelParameter.stringValue('task', 'text-generation'), ModelParameter.stringValue('pretrained_model', 'distilgpt2')],
    })).not.toThrow();
  });

  test('kfserving is accepted where v2 is', () => {
    expect(synthOne({ server: PrepackagedServer.TRITON, protocol: SeldonProtocol.KFSERVING }).spec.protocol).toBe('kfserving');
  });

  test('a custom server is rendered by name', () => {
    expect(synthOne({ server: PrepackagedServer.custom('MY_SERVER') }).spec.predictors[0].graph.implementation).toBe('MY_SERVER');
  });

  test('gs:// needs no credentials (the initializer image has an anonymous gs remote)', () => {
    expect(() => synthOne({ modelUri: ModelUri.parse('gs:seldon-models/sklearn/iris') })).not.toThrow();
  });

  test('a URI remote is not checked against a Secret that is not an RcloneSecret', () => {
    const chart = Testing.chart();
    expect(() => {
      build({ modelUri: ModelUri.parse('minio://models/iris'), credentials: Secret.fromSecretName(chart, 's', 'existing') }, chart)();
      Testing.synth(chart);
    }).not.toThrow();
  });
});

describe('PrepackagedModel errors', () => {
  // One test per bad input lives in test/catalogue/bad-inputs.ts.
  test('all problems are reported together', () => {
    let message = '';
    try {
      build({ replicas: -1, predictorName: 'A', graphName: 'B' })();
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.every(l => l.startsWith("PrepackagedModel 'test/iris': "))).toBe(true);
    expect(lines.map(l => l.split(': ')[1].split(' ')[0]).sort()).toEqual(['graphName', 'predictorName', 'replicas']);
  });

  test('a URI remote with no credentials', () => {
    const chart = Testing.chart();
    build({ modelUri: ModelUri.s3('sklearn', 'iris') }, chart)();
    expect(() => Testing.synth(chart)).toThrow(
      /PrepackagedModel 'test\/iris': credentials are missing, but modelUri "s3:\/\/sklearn\/iris" names rclone remote "s3"; pass credentials: an RcloneSecret defining remote "s3", or an existing Secret/);
  });

  test('an unknown URI scheme', () => {
    const chart = Testing.chart();
    const secret = new RcloneSecret(chart, 'creds', { remotes: [RcloneRemote.s3({ envAuth: true })] });
    build({ modelUri: ModelUri.parse('ftp://models/iris'), credentials: secret }, chart)();
    expect(() => Testing.synth(chart)).toThrow(
      /PrepackagedModel 'test\/iris': modelUri "ftp:\/\/models\/iris" names rclone remote "ftp", which credentials RcloneSecret 'test\/creds' does not define; remotes defined there: s3; add RcloneRemote named "ftp"/);
  });

  test('a remote added after the model is found at synth', () => {
    const chart = Testing.chart();
    const secret = new RcloneSecret(chart, 'creds');
    build({ modelUri: ModelUri.parse('minio:models/iris'), credentials: secret }, chart)();
    secret.addRemote(RcloneRemote.minio({ name: 'minio', endpoint: 'http://minio:9000', accessKeyId: 'a', secretAccessKey: 'b' }));
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('credentials in the v2 format', () => {
    const chart = Testing.chart();
    const secret = new RcloneSecret(chart, 'creds', { format: RcloneSecretFormat.V2_DOCUMENT, remotes: [RcloneRemote.s3({ envAuth: true })] });
    build({ modelUri: ModelUri.s3('sklearn', 'iris'), credentials: secret }, chart)();
    expect(() => Testing.synth(chart)).toThrow(/credentials is RcloneSecret 'test\/creds' in format v2-document, which the v1 storage initializer cannot read; an RcloneSecret in format ENV_VARS/);
  });

  test('no manifest is written when validation fails', () => {
    const outdir = tempDir('sdep-');
    const app = new App({ outdir });
    const chart = new Chart(app, 'models');
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: ModelUri.s3('sklearn', 'iris') });
    expect(() => app.synth()).toThrow(/credentials are missing/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});

describe('PrepackagedModel service account', () => {
  test('a cdk8s-plus ServiceAccount becomes graph.serviceAccountName and is applied first', () => {
    const chart = Testing.chart();
    const sa = new ServiceAccount(chart, 'sa', { metadata: { name: 'model-reader' } });
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, serviceAccount: sa });
    const out = Testing.synth(chart);
    expect(out.map(o => o.kind)).toEqual(['ServiceAccount', 'SeldonDeployment']);
    expect(out[1].spec.predictors[0].graph.serviceAccountName).toBe('model-reader');
  });

  test('in explicit mode it is declared on the pod', () => {
    const chart = Testing.chart();
    const sa = ServiceAccount.fromServiceAccountName(chart, 'sa', 'model-reader');
    new PrepackagedModel(chart, 'iris', { server: PrepackagedServer.SKLEARN, modelUri: IRIS, serviceAccount: sa, explicitStorageInitializer: true });
    const [sdep] = Testing.synth(chart);
    expect(sdep.spec.predictors[0].componentSpecs[0].spec.serviceAccountName).toBe('model-reader');
    expect(sdep.spec.predictors[0].graph.serviceAccountName).toBeUndefined();
  });
});
