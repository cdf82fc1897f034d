/**
 * Validates every object the test suite synthesized (recorded by
 * test/collect/setup.ts) against Seldon's CRDs and External Secrets
 * Operator's ExternalSecret CRD ($ESO_CRDS_DIR, else ../shared/external-secrets/crds), strictly.
 *
 *   npx projen validate:fixtures
 */
import * as fs from 'fs';
import * as path from 'path';
import { CrdSchemaRegistry, CrdValidator } from '../src/validation';

const [dir, crdDir] = process.argv.slice(2);
const files = ['v1-helm-stripped-machinelearning.seldon.io_seldondeployments.yaml',
  ...['models', 'servers', 'serverconfigs', 'pipelines', 'experiments', 'seldonruntimes', 'seldonconfigs'].map(k => `v2-mlops.seldon.io_${k}.yaml`)];
const esoDir = process.env.ESO_CRDS_DIR ?? path.join(__dirname, '..', '..', 'shared', 'external-secrets', 'crds');
const paths = [...files.map(f => path.join(crdDir, f)), path.join(esoDir, 'external-secrets.io_externalsecrets.yaml')];
const validator = new CrdValidator(CrdSchemaRegistry.fromPaths(paths), { strict: true });

let records = 0;
let validated = 0;
const errors: string[] = [];
for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.jsonl'))) {
  for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean)) {
    const { test, objects } = JSON.parse(line);
    records++;
    const report = validator.validateObjects(objects, test);
    validated += report.validated;
    for (const e of report.errors) errors.push(`${test}\n  ${e.object} ${e.path}: ${e.reason}`);
  }
}
console.log(`validate-fixtures: ${records} synthesized charts from the test suite, ${validated} Seldon and ExternalSecret objects validated (strict), ${errors.length} errors`);
for (const e of errors) console.log(e);
process.exit(errors.length === 0 && validated > 0 ? 0 : 1);
