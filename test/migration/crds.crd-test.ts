// Validates what migrations synthesize against Seldon's v2 CRDs, strictly.
// Needs the CRD files (SELDON_CRDS_DIR), so it runs with `npx projen test:crds`.
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { addV1Examples } from '../../examples/v1';
import { PrepackagedModel } from '../../src';
import { MigratedModel } from '../../src/migration';
import { CrdSchemaRegistry, CrdValidator } from '../../src/validation';

jest.setTimeout(120_000);

const CRDS_DIR = path.resolve(process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'seldon', 'crds'));
const FILES = ['servers', 'models', 'experiments'].map(k => path.join(CRDS_DIR, `v2-mlops.seldon.io_${k}.yaml`));

test('the v1 examples, migrated, are valid under the v2 CRDs (strict)', () => {
  const app = new App({ outdir: Testing.app().outdir });
  const v1 = new Chart(app, 'v1', { namespace: 'seldon' });
  const v2 = new Chart(app, 'v2', { namespace: 'seldon' });
  addV1Examples(v1);
  for (const model of v1.node.children.filter((c): c is PrepackagedModel => c instanceof PrepackagedModel)) {
    new MigratedModel(v2, model.node.id, { prepackagedModel: model });
  }
  const objects = Testing.synth(v2);
  const report = new CrdValidator(CrdSchemaRegistry.fromPaths(FILES), { strict: true }).validateObjects(objects);
  expect(report.errors).toEqual([]);
  // a Model per v1 example, the Server mounting iris-pvc's claim, and iris-gcs's canary and shadow joined by an Experiment
  expect(objects.filter(o => ['Model', 'Server', 'Experiment'].includes(o.kind)).map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
    'Experiment/iris-gcs-experiment', 'Model/iris-gcs', 'Model/iris-gcs-canary', 'Model/iris-gcs-shadow', 'Model/iris-minio', 'Model/iris-prod',
    'Model/iris-pvc', 'Server/iris-pvc-server',
  ]);
  expect(report.validated).toBe(8);
});
