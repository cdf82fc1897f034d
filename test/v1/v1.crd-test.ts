// Validates what the v1 constructs synthesize against Seldon's v1 CRDs, in
// strict mode (unknown fields are errors): the seed document's manifests,
// every server runtime in both storage-initializer modes, inference graphs
// and rollouts. Needs the CRD files, so it is not in the default run:
//
//   SELDON_CRDS_DIR=<dir> npx jest --testMatch '**/*.crd-test.ts'
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import { Cpu, EnvValue, PersistentVolumeClaim, Secret, ServiceAccount } from 'cdk8s-plus-27';
import { addV1Examples } from '../../examples/v1';
import {
  BuiltInImplementation, ExplainerType, LoggerMode, ModelParameter, ModelUri, PredictiveUnit, PredictiveUnitType, PrepackagedModel, PrepackagedServer,
  RcloneRemote, RcloneSecret, SeldonDeployment, SeldonProtocol,
} from '../../src';
import { CrdSchemaRegistry, CrdValidator } from '../../src/validation';

jest.setTimeout(120_000);

const CRDS_DIR = path.resolve(process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'seldon', 'crds'));
const CRDS = {
  'the CRD Seldon\'s Helm chart installs': 'v1-helm-stripped-machinelearning.seldon.io_seldondeployments.yaml',
  'the v1-only CRD': 'v1-small-machinelearning.seldon.io_seldondeployments.yaml',
  'the kustomize CRD (three versions)': 'v1-machinelearning.seldon.io_seldondeployments.yaml',
};

function everythingV1() {
  const chart = new Chart(Testing.app(), 'v1', { namespace: 'seldon' });
  addV1Examples(chart);
  const creds = new RcloneSecret(chart, 'creds', { metadata: { name: 'creds' }, remotes: [RcloneRemote.s3({ envAuth: true }), RcloneRemote.gcs({ name: 'gs' })] });
  const claim = new PersistentVolumeClaim(chart, 'claim', { metadata: { name: 'models' }, storage: Size.gibibytes(1) });
  const sa = new ServiceAccount(chart, 'sa', { metadata: { name: 'reader' } });
  // Parameters of every value type, except where the server runs Seldon's
  // python wrapper, which passes them to a server class that takes only its
  // own names (SKLearnServer.py: method; TfServingProxy.py: signature_name, ...).
  const anyParameters = [ModelParameter.stringValue('method', 'predict'), ModelParameter.intValue('batch', 8)];
  const serverClassParameters = new Map<PrepackagedServer, ModelParameter[]>([
    [PrepackagedServer.SKLEARN, [ModelParameter.stringValue('method', 'predict_proba')]],
    [PrepackagedServer.TENSORFLOW, [ModelParameter.stringValue('signature_name', 'serving_default')]],
  ]);
  const servers: Array<[PrepackagedServer, SeldonProtocol | undefined]> = [
    [PrepackagedServer.SKLEARN, undefined], [PrepackagedServer.XGBOOST, SeldonProtocol.V2], [PrepackagedServer.MLFLOW, SeldonProtocol.KFSERVING],
    [PrepackagedServer.TENSORFLOW, undefined], [PrepackagedServer.TENSORFLOW, SeldonProtocol.TENSORFLOW],
    [PrepackagedServer.TRITON, SeldonProtocol.V2],
    [PrepackagedServer.HUGGINGFACE, SeldonProtocol.V2], [PrepackagedServer.TEMPO, SeldonProtocol.V2],
    [PrepackagedServer.custom('MY_SERVER', { image: 'me/server:1.0' }), SeldonProtocol.SELDON],
  ];
  servers.forEach(([server, protocol], i) => {
    for (const explicit of [false, true]) {
      new PrepackagedModel(chart, `m${i}-${explicit}`, {
        server,
        protocol,
        modelUri: i % 2 ? ModelUri.pvc(claim, `m/${i}`) : ModelUri.s3('models', `m${i}`),
        credentials: creds,
        explicitStorageInitializer: explicit,
        serviceAccount: sa,
        replicas: 2,
        // Parameters only where a server reads them: Seldon's Python servers, HuggingFace's settings, Tempo's runtime (the
        // library refuses those that MLServer's other runtimes, TF Serving and Triton without its annotation never read).
        parameters: protocol === undefined || protocol === SeldonProtocol.SELDON ? serverClassParameters.get(server) ?? anyParameters
          : server === PrepackagedServer.HUGGINGFACE ? [ModelParameter.stringValue('task', 'text-classification')]
            : server === PrepackagedServer.TEMPO ? anyParameters : undefined,
        env: { LOG_LEVEL: EnvValue.fromValue('DEBUG'), TOKEN: EnvValue.fromSecretValue({ secret: Secret.fromSecretName(chart, `t${i}${explicit}`, 'token'), key: 'v' }) },
        resources: { cpu: { request: Cpu.millis(100), limit: Cpu.units(1) }, memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) } },
        storageInitializerResources: explicit ? { cpu: { request: Cpu.millis(50) } } : undefined,
        logger: { mode: LoggerMode.ALL, url: 'http://logger.seldon:8080' },
        engineResources: {
          cpu: { request: Cpu.millis(100), limit: Cpu.units(1) },
          memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
        },
      }).withCanary({ modelUri: ModelUri.gcs('models', `c${i}`), traffic: 10 }).withShadow({ modelUri: ModelUri.gcs('models', `s${i}`) })
        .withExplainer({
          explainerType: ExplainerType.ANCHOR_TABULAR,
          modelUri: ModelUri.gcs('models', 'explainer'),
          replicas: 1,
          // The v2 and kfserving protocols' explainer reads initParameters, the others' config (seldondeployment_explainers.go).
          ...(protocol === SeldonProtocol.V2 || protocol === SeldonProtocol.KFSERVING ? { initParameters: { threshold: 0.95 } } : { config: { threshold: '0.95' } }),
        });
    }
  });
  new SeldonDeployment(chart, 'graph', {
    protocol: SeldonProtocol.SELDON,
    predictors: [{
      name: 'main',
      traffic: 100,
      labels: { track: 'stable' },
      annotations: { 'seldon.io/svc-name': 'graph-main' },
      graph: PredictiveUnit.component({
        name: 'pre',
        unitType: PredictiveUnitType.TRANSFORMER,
        image: 'me/pre:1',
        children: [PredictiveUnit.builtIn({
          name: 'ab',
          implementation: BuiltInImplementation.RANDOM_ABTEST,
          parameters: [ModelParameter.floatValue('ratioA', 0.5)],
          children: [
            PredictiveUnit.component({
              name: 'combine',
              unitType: PredictiveUnitType.COMBINER,
              image: 'me/combine:1',
              children: [PredictiveUnit.prepackaged({ name: 'a', server: PrepackagedServer.SKLEARN, modelUri: ModelUri.gcs('m', 'a') })],
            }),
            PredictiveUnit.builtIn({
              name: 'avg',
              implementation: BuiltInImplementation.AVERAGE_COMBINER,
              children: [PredictiveUnit.prepackaged({ name: 'b', server: PrepackagedServer.XGBOOST, modelUri: ModelUri.gcs('m', 'b') })],
            }),
          ],
        })],
      }),
    }],
  });
  return Testing.synth(chart);
}

describe.each(Object.entries(CRDS))('v1 output is valid under %s (strict)', (_, file) => {
  test('every SeldonDeployment', () => {
    const validator = new CrdValidator(CrdSchemaRegistry.fromPaths([path.join(CRDS_DIR, file)]), { strict: true });
    const objects = everythingV1();
    const report = validator.validateObjects(objects);
    expect(report.errors.map(e => `${e.object} ${e.path}: ${e.reason}`)).toEqual([]);
    expect(report.validated).toBe(objects.filter(o => o.kind === 'SeldonDeployment').length);
    expect(report.validated).toBeGreaterThanOrEqual(20);
  });
});
