// Validates the production settings of v1 (autoscaling, disruption budgets,
// deployment settings, pod settings) against Seldon's v1 CRDs, strictly:
//
//   SELDON_CRDS_DIR=<dir> npx jest --testMatch '**/*.crd-test.ts'
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { addProductionExamples } from './v1-production-examples';
import { CrdSchemaRegistry, CrdValidator } from '../../src/validation';

const CRDS_DIR = path.resolve(process.env.SELDON_CRDS_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'seldon', 'crds'));
const CRDS = [
  'v1-helm-stripped-machinelearning.seldon.io_seldondeployments.yaml',
  'v1-small-machinelearning.seldon.io_seldondeployments.yaml',
  'v1-machinelearning.seldon.io_seldondeployments.yaml',
];

describe.each(CRDS)('v1 production output is valid under %s (strict)', file => {
  test('every SeldonDeployment', () => {
    const chart = new Chart(Testing.app(), 'prod', { namespace: 'seldon' });
    addProductionExamples(chart);
    const objects = Testing.synth(chart);
    const validator = new CrdValidator(CrdSchemaRegistry.fromPaths([path.join(CRDS_DIR, file)]), { strict: true });
    const report = validator.validateObjects(objects);
    expect(report.errors.map(e => `${e.object} ${e.path}: ${e.reason}`)).toEqual([]);
    expect(report.validated).toBe(objects.filter(o => o.kind === 'SeldonDeployment').length);
    expect(report.validated).toBeGreaterThanOrEqual(5);
  });
});
